/** An in-process HTTP client for app.request() with a cookie jar and the CSRF header. */
import { CONTEXTS } from '../../src/main/contexts';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Hono } from 'hono';
import { createHttpApp, type HttpOptions } from '../../src/adapters/http/app';
import type { AppDeps } from '../../src/app/shared/ports';
import type { HttpEnv } from '../../src/adapters/http/context';

export function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

export function buildApp(deps: AppDeps, ping: () => Promise<void> = async () => undefined, extra: Partial<HttpOptions> = {}) {
  const log = captureLogger();
  const app = createHttpApp(deps, {
    contexts: CONTEXTS,
    ...extra,
    logger: log.logger,
    ping,
    clientKey: (c) => c.req.header('x-test-client') ?? 'test-client',
    isSecure: (c) => new URL(c.req.url).protocol === 'https:',
    webDist: null,
    version: 'test',
  });
  return { app, logs: log.lines };
}

export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: Hono<HttpEnv>,
    /** Headers sent with every request, e.g. x-test-client to act as another client address. */
    private readonly defaults: Record<string, string> = {},
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    if (!this.cookies.has('fyren_csrf') && method !== 'GET') await this.request('GET', '/api/auth/me');
    const h: Record<string, string> = { ...this.defaults, ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.cookies.get('fyren_csrf') ?? '';
    let payload: BodyInit | undefined;
    if (body instanceof Uint8Array || body instanceof FormData) {
      // Raw bytes (with the caller's content-type) or multipart (fetch sets the boundary).
      payload = body instanceof Uint8Array ? new Uint8Array(body) : body;
    } else if (body !== undefined) {
      h['content-type'] = 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await this.app.request(path.startsWith('http') ? path : `http://localhost${path}`, { method, headers: h, body: payload });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = pair!.split('=');
      const value = v.join('=');
      if (/Max-Age=0/i.test(c) || value === '') this.cookies.delete(k!);
      else this.cookies.set(k!, value);
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    const json = text && res.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as Record<string, any>) : null;
    return { status: res.status, json, bytes, headers: res.headers, setCookies: res.headers.getSetCookie() };
  }
  get = (p: string) => this.request('GET', p);
  post = (p: string, b?: unknown, h?: Record<string, string>) => this.request('POST', p, b, h);
  patch = (p: string, b?: unknown) => this.request('PATCH', p, b);
}
