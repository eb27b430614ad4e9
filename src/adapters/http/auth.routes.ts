/** /api/auth: sign in and out, the signed-in user, password change and TOTP enrolment. */
import { createHash, randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { CSRF_COOKIE, LoginSchema, PasswordChangeSchema, TotpEnableSchema } from '../../contracts/identity';
import { accountNotices, acknowledgeNotices } from '../../app/identity/account-resets';
import { changePassword } from '../../app/identity/change-password';
import { confirmTotpEnrolment, startTotpEnrolment } from '../../app/identity/enrol-totp';
import { logIn } from '../../app/identity/log-in';
import { logOut } from '../../app/identity/log-out';
import { presentMe } from '../../app/identity/presenters';
import { sessionIdFromToken } from '../../app/identity/session-token';
import type { AppDeps } from '../../app/shared/ports';
import { DomainError } from '../../core/shared/errors';
import type { HttpEnv } from './context';
import type { HttpOptions } from './app';
import { validate } from './validate';

export const SESSION_COOKIE = 'fyren_session';

/**
 * The CSRF token of a signed-in browser is bound to its session: derived from the session token,
 * so it changes at every sign-in and a token of one session is worthless in another. Before sign-in
 * (and after sign-out) a random token is used.
 */
export const csrfTokenForSession = (sessionToken: string): string =>
  createHash('sha256').update(`fyren-csrf:${sessionToken}`).digest('base64url');

export function setCsrfCookie(c: Context<HttpEnv>, value: string, isSecure: boolean): void {
  setCookie(c, CSRF_COOKIE, value, { sameSite: 'Strict', path: '/', secure: isSecure, httpOnly: false });
}

export function authRoutes(deps: AppDeps, opts: HttpOptions) {
  const requireActive = (active: HttpEnv['Variables']['active']) => {
    if (!active) throw new DomainError('UNAUTHENTICATED', 'sign in first');
    return active;
  };
  return new Hono<HttpEnv>()
    .get('/me', async (c) => {
      const active = requireActive(c.get('active'));
      const notices = await deps.uow.transaction((r) => accountNotices(r, active.user.id));
      return c.json({ user: presentMe(active.user, active.organisation, active.unit, deps.auth, notices) });
    })
    .post('/login', validate('json', LoginSchema), async (c) => {
      const input = c.req.valid('json');
      const { token, user } = await logIn(deps, c.get('ctx'), input, opts.clientKey(c), getCookie(c, SESSION_COOKIE) ?? null);
      // A session cookie (no Max-Age or Expires): it ends with the browser; the server ends it at
      // the idle timeout or the absolute lifetime, whichever comes first.
      setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: opts.isSecure(c), path: '/' });
      setCsrfCookie(c, csrfTokenForSession(token), opts.isSecure(c));
      const { organisations, units, notices } = await deps.uow.transaction(async (r) => ({
        organisations: await r.organisations.get(user.organisationId),
        units: user.unitId ? await r.units.get(user.unitId) : null,
        notices: await accountNotices(r, user.id),
      }));
      if (!organisations) throw new DomainError('UNAUTHENTICATED', 'the account has no organisation');
      return c.json({ user: presentMe(user, organisations, units, deps.auth, notices) });
    })
    .post('/logout', async (c) => {
      const token = c.get('sessionToken');
      if (token) await logOut(deps, c.get('ctx'), token);
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: opts.isSecure(c), sameSite: 'Strict', httpOnly: true });
      // A fresh token for the signed-out browser: the session's token dies with the session.
      setCsrfCookie(c, randomUUID(), opts.isSecure(c));
      return c.body(null, 204);
    })
    .post('/notices/acknowledge', async (c) => {
      requireActive(c.get('active'));
      await acknowledgeNotices(deps, c.get('ctx'));
      return c.body(null, 204);
    })
    .post('/password', validate('json', PasswordChangeSchema), async (c) => {
      requireActive(c.get('active'));
      await changePassword(deps, c.get('ctx'), c.req.valid('json'), sessionIdFromToken(c.get('sessionToken')!));
      return c.body(null, 204);
    })
    .post('/totp/setup', async (c) => {
      requireActive(c.get('active'));
      return c.json(await startTotpEnrolment(deps, c.get('ctx')));
    })
    .post('/totp/enable', validate('json', TotpEnableSchema), async (c) => {
      requireActive(c.get('active'));
      await confirmTotpEnrolment(deps, c.get('ctx'), c.req.valid('json').code);
      return c.body(null, 204);
    });
}
