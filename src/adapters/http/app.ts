/**
 * The HTTP application: middleware (request id, access log without personal data, security
 * headers, CSRF, session), the API routes, the web app's static files, and error mapping.
 * Testable without a socket through `app.request()`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { Logger } from 'pino';
import { resolveSession } from '../../app/identity/resolve-session';
import type { ImageHasher, ImageReader } from '../../app/intelligence/ports';
import type { AppDeps } from '../../app/shared/ports';
import { AREA_HEADER, PURPOSE_HEADER } from '../../contracts/ads';
import { CSRF_COOKIE, CSRF_HEADER } from '../../contracts/identity';
import { DomainError } from '../../core/shared/errors';
import { loggableError } from '../../core/shared/loggable-error';
import { csrfTokenForSession, SESSION_COOKIE, setCsrfCookie } from './auth.routes';
import type { EvidenceExporter } from './ads.routes';
import type { CrawlControl } from './crawl.routes';
import type { HttpEnv, RouteModule } from './context';
import { errorResponse, HTTP_STATUS } from './errors';
import { requestBodyLimit, validTextParameters } from './hardening';
import { placesRoutes } from './places.routes';
import { smsWebhookRoutes } from './sms-webhook.routes';
import type { StatisticsSettings } from '../../app/statistics/dashboard';
import { isPoolTimeout, isStatementTimeout, withStatementTimeout } from '../db/statement-timeout';
import { AdmissionLimiter, admissionMiddleware, overloaded, type AdmissionSettings } from './admission';

export interface HttpOptions {
  /** The contexts whose routes are mounted under /api, in order (src/main/contexts/ CONTEXTS). */
  contexts: readonly RouteModule[];
  logger: Logger;
  /** Checks the database; rejects when it is unreachable (used by /readyz). */
  ping(): Promise<void>;
  /** The key login throttling counts by (client address). */
  clientKey(c: Context): string;
  /** Whether cookies get the Secure flag (https, directly or behind a trusted proxy). */
  isSecure(c: Context): boolean;
  /** Folder of the built web app, or null to serve no web app. */
  webDist: string | null;
  /** Crawls inside this process (null: no crawl API). */
  crawls?: CrawlControl | null;
  /** Evidence bundle export (null: not available). */
  evidence?: EvidenceExporter | null;
  /** Stored pictures and perceptual hashing, for /api/images and image search (null: not available). */
  images?: { reader: ImageReader; hasher: ImageHasher } | null;
  version: string;
  /** The SMS gateway's webhooks (/hooks/sms/<gateway>/<secret>/…), or null when no gateway is configured. */
  smsWebhook?: { secret: string; gateway: string } | null;
  /** Small-count threshold and site config versions for statistics (default: threshold 5, no versions). */
  statistics?: StatisticsSettings;
  /** The admission limit of /api/* (null or absent: none). */
  admission?: AdmissionSettings | null;
  /** Server-side statement timeout of GET requests' database work, in ms (0 or absent: none). */
  statementTimeoutMs?: number;
}

/** Seconds a client is told to wait after a 503 caused by a database timeout. */
const RETRY_AFTER_SECONDS = 2;

/** Header values are ASCII: the web app sends the purpose percent-encoded. */
function decodePurpose(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    return (
      decodeURIComponent(raw)
        .replace(/[\u0000-\u001f\u007f]/g, ' ')
        .trim()
        .slice(0, 500) || null
    );
  } catch {
    return (
      raw
        .replace(/[\u0000-\u001f\u007f]/g, ' ')
        .trim()
        .slice(0, 500) || null
    );
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes still open while a password change or TOTP enrolment is forced. */
const ALLOWED_WHILE_FORCED = new Set([
  '/api/auth/me',
  '/api/auth/logout',
  '/api/auth/password',
  '/api/auth/totp/setup',
  '/api/auth/totp/enable',
  '/api/auth/notices/acknowledge',
]);

export function createHttpApp(deps: AppDeps, opts: HttpOptions) {
  const app = new Hono<HttpEnv>();

  app.use('*', async (c, next) => {
    const requestId = randomUUID();
    c.set('requestId', requestId);
    c.set('ctx', { actor: null, requestId });
    c.set('active', null);
    c.set('sessionToken', null);
    const started = performance.now();
    await next();
    c.header('x-request-id', requestId);
    // Only method, matched route and status: never query strings, bodies or user names.
    opts.logger.info(
      { requestId, method: c.req.method, route: c.req.routePath, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
      referrerPolicy: 'no-referrer',
      // One framing policy: nobody frames Fyren (with frame-ancestors 'none' above).
      xFrameOptions: 'DENY',
      // HSTS only where the request came over https (directly or behind a trusted proxy).
      strictTransportSecurity: false,
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    if (opts.isSecure(c)) c.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  // Before anything reads a body or a parameter: the body limit of the route, then valid text.
  app.use('*', requestBodyLimit);
  app.use('*', validTextParameters);

  app.get('/healthz', (c) => c.json({ status: 'ok', version: opts.version }));
  app.get('/readyz', async (c) => {
    try {
      await opts.ping();
      return c.json({ status: 'ready' });
    } catch {
      return c.json({ status: 'database unreachable' }, 503);
    }
  });

  if (opts.admission) app.use('/api/*', admissionMiddleware(new AdmissionLimiter(opts.admission)));
  const statementTimeoutMs = opts.statementTimeoutMs ?? 0;
  if (statementTimeoutMs > 0)
    app.use('/api/*', async (c, next) => {
      // Reads only: a change (an import, a rebuild) may take as long as it needs.
      if (SAFE_METHODS.has(c.req.method)) await withStatementTimeout(statementTimeoutMs, () => next());
      else await next();
    });

  app.use('/api/*', async (c, next) => {
    c.header('cache-control', 'no-store');
    const token = getCookie(c, SESSION_COOKIE) ?? null;
    const active = token ? await resolveSession(deps, token, c.get('requestId')) : null;
    // Signed in: the CSRF token is bound to the session (derived from its token). Otherwise the
    // double-submit cookie, set on the first request.
    let csrf = active && token ? csrfTokenForSession(token) : getCookie(c, CSRF_COOKIE);
    if (!csrf) {
      csrf = randomUUID();
      setCsrfCookie(c, csrf, opts.isSecure(c));
      if (!SAFE_METHODS.has(c.req.method)) throw new DomainError('CSRF_FAILED', 'missing CSRF cookie; fetch /api/auth/me first');
    } else if (getCookie(c, CSRF_COOKIE) !== csrf) setCsrfCookie(c, csrf, opts.isSecure(c));
    if (!SAFE_METHODS.has(c.req.method) && c.req.header(CSRF_HEADER) !== csrf) {
      throw new DomainError('CSRF_FAILED', `the ${CSRF_HEADER} header must echo the ${CSRF_COOKIE} cookie`);
    }
    if (active) {
      c.set('active', active);
      c.set('sessionToken', token);
      c.set('ctx', {
        requestId: c.get('requestId'),
        purpose: decodePurpose(c.req.header(PURPOSE_HEADER)),
        isOutsideArea: c.req.header(AREA_HEADER) === 'outside',
        actor: {
          userId: active.user.id,
          organisationId: active.user.organisationId,
          roles: active.user.roles,
          username: active.user.username,
          displayName: active.user.displayName,
        },
      });
      if (!ALLOWED_WHILE_FORCED.has(c.req.path)) {
        if (active.user.mustChangePassword) throw new DomainError('PASSWORD_CHANGE_REQUIRED', 'change your password first');
        if (active.organisation.requireTotp && !active.user.totpSecret) {
          throw new DomainError('TOTP_ENROLMENT_REQUIRED', 'set up your second factor first');
        }
      }
    }
    await next();
  });

  app.use('/api/admin/*', async (c, next) => {
    if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
    await next();
  });
  app.route('/api/places', placesRoutes());
  // Every context's routes, in the order of the context registry (src/main/contexts/).
  for (const context of opts.contexts) for (const mount of context.routes?.(deps, opts) ?? []) app.route(mount.path, mount.routes);
  app.all('/api/*', (c) => errorResponse(c, 404, 'NOT_FOUND', `no route ${c.req.method} ${c.req.path}`));

  if (opts.smsWebhook) app.route(`/hooks/sms/${opts.smsWebhook.gateway}`, smsWebhookRoutes(deps, opts.smsWebhook));

  const dist = opts.webDist;
  if (dist && existsSync(join(dist, 'index.html'))) {
    const indexHtml = readFileSync(join(dist, 'index.html'), 'utf8');
    app.use('/assets/*', serveStatic({ root: dist }));
    app.use('/favicon.svg', serveStatic({ root: dist }));
    // Client-side routes (no file extension) get the app; the app shows its own not-found page.
    app.get('*', (c) => (/\.[a-z0-9]+$/i.test(c.req.path) ? errorResponse(c, 404, 'NOT_FOUND', 'no such file') : c.html(indexHtml)));
  }

  app.notFound((c) => errorResponse(c, 404, 'NOT_FOUND', `no route ${c.req.method} ${c.req.path}`));

  app.onError((err, c) => {
    if (err instanceof DomainError) {
      const path = err.details.path;
      const issues = Array.isArray(path) ? [{ path: path as (string | number)[], message: err.message }] : undefined;
      return errorResponse(c, HTTP_STATUS[err.code], err.code, err.message, issues);
    }
    if (err instanceof HTTPException && err.status < 500) {
      const code = err.status === 400 ? 'VALIDATION_FAILED' : err.status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST';
      const message = err.status === 400 ? `invalid body: ${err.message}` : err.message;
      return errorResponse(
        c,
        err.status as 400,
        code,
        message,
        err.status === 400 ? [{ path: ['body'], message: err.message }] : undefined,
      );
    }
    // A cancelled statement or no free connection: the server is busy, not broken.
    // drizzle wraps a driver's error in its own, with the original as `cause`.
    const causes = [err, (err as { cause?: unknown }).cause];
    if (causes.some((e) => isStatementTimeout(e) || isPoolTimeout(e))) {
      const reason = causes.some(isPoolTimeout) ? 'no free database connection' : 'statement timeout';
      opts.logger.warn({ requestId: c.get('requestId'), reason }, 'overloaded');
      return overloaded(c, RETRY_AFTER_SECONDS);
    }
    // Error messages can quote stored values (a failed query carries its parameters), so the log
    // gets the error's type, code and stack frames only.
    opts.logger.error({ requestId: c.get('requestId'), err: loggableError(err) }, 'unhandled error');
    return errorResponse(c, 500, 'INTERNAL', 'an internal error occurred; quote the request id when reporting it');
  });

  return app;
}
