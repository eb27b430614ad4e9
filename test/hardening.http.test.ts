/**
 * Request hardening (issue #24): request bodies are limited per route (small by default, so a
 * 300 MB body to the open login route is refused before it is read), a NUL byte or invalid
 * UTF-8 in any parameter (path, query, JSON body) is a 400 naming where, never a 500, and one
 * framing policy holds (CSP frame-ancestors 'none', X-Frame-Options DENY, HSTS only over https).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmin } from '../src/app/identity/bootstrap-admin';
import type { AppDeps } from '../src/app/shared/ports';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { Browser, buildApp } from './support/http';

const ADMIN_PW = 'Admin-Lösen-2026!';

describe.each(ENGINES)('request hardening on %s', (engine) => {
  let t: TestDatabase;
  let deps: AppDeps;
  let built: ReturnType<typeof buildApp>;
  let admin: Browser;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    deps = testDeps(t.database);
    await bootstrapAdmin(deps, { password: ADMIN_PW, organisationName: 'Fyren administration' });
    built = buildApp(deps, () => t.database.ping());
    admin = new Browser(built.app);
    expect((await admin.post('/api/auth/login', { username: 'admin', password: ADMIN_PW })).status).toBe(200);
  });
  afterAll(async () => t?.drop());

  it('refuses a body above the route limit with 413 before reading it, with or without Content-Length', async () => {
    const b = new Browser(built.app);
    const big = JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024), password: 'y' });
    const r = await b.post('/api/auth/login', big);
    expect(r.status).toBe(413);
    expect(r.json!.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/larger than 64 KB/) as string });
    // A streamed body without Content-Length is counted as it arrives.
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1024 * 1024;
        if (sent > 300 * 1024 * 1024) controller.close();
        else controller.enqueue(new Uint8Array(1024 * 1024).fill(0x61));
      },
    });
    await b.get('/api/auth/me');
    const streamed = await built.app.request('http://localhost/api/auth/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': b.cookies.get('fyren_csrf') ?? '',
      },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(10 * 1024 * 1024);
    // A normal login still works.
    expect((await new Browser(built.app).post('/api/auth/login', { username: 'admin', password: ADMIN_PW })).status).toBe(200);
  });

  it('answers 400, not 500, to a NUL byte or invalid UTF-8 in the path, the query or a JSON body', async () => {
    const cases: [string, () => ReturnType<Browser['get']>, string][] = [
      ['login with NUL', () => new Browser(built.app).post('/api/auth/login', { username: 'ad\u0000min', password: ADMIN_PW }), 'body'],
      ['query NUL', () => admin.get('/api/admin/audit?action=%00'), 'query'],
      ['query bad UTF-8', () => admin.get('/api/admin/audit?action=%FF%FE'), 'query'],
      ['path NUL', () => admin.get('/api/admin/users/%00'), 'path'],
      ['path bad UTF-8', () => admin.get('/api/admin/organisations/%C3%28'), 'path'],
      [
        'body bad UTF-8',
        () =>
          admin.post('/api/admin/organisations', new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), {
            'content-type': 'application/json',
          }),
        'body',
      ],
      ['body NUL', () => admin.post('/api/admin/organisations', { name: 'Stad\u0000' }), 'body'],
    ];
    for (const [name, send, where] of cases) {
      const r = await send();
      expect(r.status, name).toBe(400);
      expect(r.json!.error.code, name).toBe('VALIDATION_FAILED');
      expect(r.json!.error.issues[0].path[0], name).toBe(where);
    }
  });

  it('sends one framing policy: frame-ancestors none, X-Frame-Options DENY, and HSTS only over https', async () => {
    const plain = await admin.get('/api/auth/me');
    expect(plain.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(plain.headers.get('x-frame-options')).toBe('DENY');
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const secure = await admin.get('https://localhost/healthz');
    expect(secure.headers.get('x-frame-options')).toBe('DENY');
    expect(secure.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });
});
