/**
 * The HTTP API through app.request(): status codes, error bodies that name the field, CSRF,
 * cookies, forced password change, policy denials and the 500 path with a correlation id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmin } from '../src/app/identity/bootstrap-admin';
import type { AppDeps } from '../src/app/shared/ports';
import { createTestDatabase, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { Browser, buildApp } from './support/http';

const ADMIN_PW = 'Admin-Lösen-2026!';

describe('HTTP API', () => {
  let t: TestDatabase;
  let deps: AppDeps;
  let built: ReturnType<typeof buildApp>;
  let admin: Browser;

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    deps = testDeps(t.database);
    await bootstrapAdmin(deps, { password: ADMIN_PW, organisationName: 'Fyren administration' });
    built = buildApp(deps, () => t.database.ping());
    admin = new Browser(built.app);
    const res = await admin.post('/api/auth/login', { username: 'admin', password: ADMIN_PW });
    expect(res.status).toBe(200);
  });
  afterAll(async () => t?.drop());

  const orgCount = async () => (await admin.get('/api/admin/organisations')).json!.items.length as number;

  it('answers health and readiness', async () => {
    const b = new Browser(built.app);
    expect((await b.get('/healthz')).status).toBe(200);
    expect((await b.get('/readyz')).json).toEqual({ status: 'ready' });
    const broken = buildApp(deps, () => Promise.reject(new Error('connection refused')));
    const r = await new Browser(broken.app).get('/readyz');
    expect(r.status).toBe(503);
  });

  it('me carries the capabilities the policy grants, so the web app holds no role lists', async () => {
    const org = await admin.post('/api/admin/organisations', {
      name: 'Polisregion Nord',
      kind: 'polisregion',
      scope: { kommuner: [], lan: [], polisregioner: ['Nord'] },
    });
    expect(org.status).toBe(201);
    const orgId = org.json!.organisation.id as string;
    const expected = {
      kartlaggare: { exportEvidence: true, correctLinks: true, startCrawls: true },
      polis: { exportEvidence: true, correctLinks: true, startCrawls: false },
      samordnare: { exportEvidence: false, correctLinks: false, startCrawls: false },
    } as const;
    for (const [role, capabilities] of Object.entries(expected)) {
      const created = await admin.post('/api/admin/users', {
        username: `caps.${role}`,
        displayName: role,
        organisationId: orgId,
        roles: [role],
      });
      expect(created.status).toBe(201);
      const login = await new Browser(built.app).post('/api/auth/login', {
        username: `caps.${role}`,
        password: created.json!.oneTimePassword,
      });
      expect(login.json!.user.capabilities).toEqual(capabilities);
    }
  });

  it('401 without a session, 404 for unknown routes, with a request id in body and header', async () => {
    const b = new Browser(built.app);
    const r = await b.get('/api/admin/users');
    expect(r.status).toBe(401);
    expect(r.json!.error.code).toBe('UNAUTHENTICATED');
    expect(r.json!.error.requestId).toBe(r.headers.get('x-request-id'));
    const nf = await admin.get('/api/does-not-exist');
    expect(nf.status).toBe(404);
    expect(nf.json!.error).toMatchObject({ code: 'NOT_FOUND', message: 'no route GET /api/does-not-exist' });
  });

  it('sets the session cookie httpOnly and SameSite=Strict, and Secure only over https', async () => {
    const b = new Browser(built.app);
    const r = await b.post('/api/auth/login', { username: 'admin', password: ADMIN_PW });
    const cookie = r.setCookies.find((c) => c.startsWith('fyren_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const s = new Browser(built.app);
    await s.get('https://fyren.example/api/auth/me');
    const rs = await s.post('https://fyren.example/api/auth/login', { username: 'admin', password: ADMIN_PW });
    expect(rs.setCookies.find((c) => c.startsWith('fyren_session='))).toMatch(/Secure/);
  });

  it('refuses state changes without the CSRF header', async () => {
    const before = await orgCount();
    const r = await admin.post(
      '/api/admin/organisations',
      { name: 'Skellefteå kommun', kind: 'socialtjanst' },
      { 'x-csrf-token': 'forged' },
    );
    expect(r.status).toBe(403);
    expect(r.json!.error.code).toBe('CSRF_FAILED');
    expect(await orgCount()).toBe(before);
  });

  it('400 names the field for unknown fields, wrong types and malformed JSON, and changes nothing', async () => {
    const before = await orgCount();
    const unknown = await admin.post('/api/admin/organisations', { name: 'Luleå kommun', kind: 'socialtjanst', colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.json!.error.issues).toEqual([{ path: ['colour'], message: 'unknown field' }]);
    const wrongType = await admin.post('/api/admin/organisations', { name: 'Luleå kommun', kind: 'socialtjanst', requireTotp: 'yes' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json!.error.issues[0].path).toEqual(['requireTotp']);
    const badKind = await admin.post('/api/admin/organisations', { name: 'Luleå kommun', kind: 'bank' });
    expect(badKind.json!.error.issues[0].path).toEqual(['kind']);
    const badCode = await admin.post('/api/admin/organisations', { name: 'Luleå', kind: 'socialtjanst', scope: { kommuner: ['258'] } });
    expect(badCode.json!.error.issues[0]).toEqual({ path: ['scope', 'kommuner', 0], message: 'a four-digit SCB kommun code' });
    const malformed = await admin.post('/api/admin/organisations', '{"name": "Luleå",');
    expect(malformed.status).toBe(400);
    expect(malformed.json!.error.code).toBe('VALIDATION_FAILED');
    const badParam = await admin.patch('/api/admin/users/not-a-uuid', { displayName: 'x' });
    expect(badParam.status).toBe(400);
    expect(badParam.json!.error.issues[0].path).toEqual(['id']);
    expect(await orgCount()).toBe(before);
  });

  it('creates an organisation, a unit and a user; the new user must change password and sees only their modules', async () => {
    const org = await admin.post('/api/admin/organisations', {
      name: 'Umeå kommun, socialtjänsten',
      kind: 'socialtjanst',
      scope: { kommuner: ['2480'], lan: [], polisregioner: [] },
    });
    expect(org.status).toBe(201);
    const orgId = org.json!.organisation.id as string;
    const unit = await admin.post(`/api/admin/organisations/${orgId}/units`, { name: 'Barn och unga' });
    expect(unit.status).toBe(201);
    const created = await admin.post('/api/admin/users', {
      username: 'uppsok.anna',
      displayName: 'Anna Uppsökare',
      organisationId: orgId,
      unitId: unit.json!.unit.id,
      roles: ['uppsokare'],
    });
    expect(created.status).toBe(201);
    expect(created.json!.user).not.toHaveProperty('passwordHash');
    const otp = created.json!.oneTimePassword as string;

    const anna = new Browser(built.app);
    const login = await anna.post('/api/auth/login', { username: 'uppsok.anna', password: otp });
    expect(login.json!.user).toMatchObject({ mustChangePassword: true, modules: ['uppsok', 'insatser', 'samverkan', 'statistik'] });
    expect((await anna.get('/api/places')).json!.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const short = await anna.post('/api/auth/password', { currentPassword: otp, newPassword: 'kort' });
    expect(short.json!.error.issues[0].path).toEqual(['newPassword']);
    expect((await anna.post('/api/auth/password', { currentPassword: otp, newPassword: 'Ett långt nytt lösenord' })).status).toBe(204);
    const places = await anna.get('/api/places');
    expect(places.status).toBe(200);
    expect(places.json!.kommuner).toHaveLength(290);
    expect(places.json!.lan).toHaveLength(21);
    const denied = await anna.get('/api/admin/users');
    expect(denied.status).toBe(403);
    expect(denied.json!.error.code).toBe('FORBIDDEN');
    expect((await anna.post('/api/auth/logout')).status).toBe(204);
    expect((await anna.get('/api/auth/me')).status).toBe(401);
  });

  it('rejects bad credentials (401) and a malformed TOTP (400), and locks after repeated failures (423)', async () => {
    const orgs = (await admin.get('/api/admin/organisations')).json!.items as { id: string }[];
    const created = await admin.post('/api/admin/users', {
      username: 'lock.me',
      displayName: 'L',
      organisationId: orgs[0]!.id,
      roles: ['lasare'],
    });
    const otp = created.json!.oneTimePassword as string;
    const b = new Browser(built.app, { 'x-test-client': 'lock-test' });
    for (let i = 0; i < 5; i++) expect((await b.post('/api/auth/login', { username: 'lock.me', password: 'wrong' })).status).toBe(401);
    const locked = await b.post('/api/auth/login', { username: 'lock.me', password: otp });
    expect(locked.status).toBe(423);
    expect(locked.json!.error.code).toBe('ACCOUNT_LOCKED');
    const bad = await b.post('/api/auth/login', { username: 'admin', password: 'fel' });
    expect(bad.status).toBe(401);
    expect(bad.json!.error.code).toBe('INVALID_CREDENTIALS');
    const totp = await b.post('/api/auth/login', { username: 'admin', password: ADMIN_PW, totp: '12' });
    expect(totp.json!.error.issues[0].path).toEqual(['totp']);
  });

  it('filters the audit log and pages with nextBefore', async () => {
    const r = await admin.get('/api/admin/audit?action=auth.login&limit=2');
    expect(r.status).toBe(200);
    expect(r.json!.items).toHaveLength(2);
    expect(r.json!.items.every((e: { action: string }) => e.action === 'auth.login')).toBe(true);
    expect(r.json!.items[0]).not.toHaveProperty('hash');
    const next = await admin.get(`/api/admin/audit?action=auth.login&limit=2&before=${r.json!.nextBefore}`);
    expect(next.json!.items[0].seq).toBeLessThan(r.json!.items[1].seq);
    const bad = await admin.get('/api/admin/audit?limit=9999');
    expect(bad.status).toBe(400);
    expect(bad.json!.error.issues[0].path).toEqual(['limit']);
  });

  it('500 hides internals and carries a correlation id that is in the log', async () => {
    const broken = buildApp({
      ...deps,
      uow: { transaction: () => Promise.reject(new Error('relation "secret_table" does not exist at 10.0.0.3')) },
    });
    const b = new Browser(broken.app);
    b.cookies.set('fyren_session', 'some-token');
    const r = await b.get('/api/auth/me');
    expect(r.status).toBe(500);
    expect(JSON.stringify(r.json)).not.toMatch(/secret_table|10\.0\.0\.3/);
    const id = r.json!.error.requestId as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(broken.logs.some((l) => l.requestId === id && l.msg === 'unhandled error')).toBe(true);
    expect(JSON.stringify(broken.logs)).not.toMatch(/secret_table|10\.0\.0\.3/);
  });

  it('ad search needs a purpose (percent-encoded header) and the right role', async () => {
    const orgs = (await admin.get('/api/admin/organisations')).json!.items as { id: string }[];
    const mk = async (username: string, roles: string[]) => {
      const created = await admin.post('/api/admin/users', { username, displayName: username, organisationId: orgs[0]!.id, roles });
      const b = new Browser(built.app, { 'x-test-client': username });
      await b.post('/api/auth/login', { username, password: created.json!.oneTimePassword });
      await b.post('/api/auth/password', { currentPassword: created.json!.oneTimePassword, newPassword: 'Ett långt nytt lösenord' });
      return b;
    };
    const police = await mk('polis.p', ['polis']);
    const noPurpose = await police.get('/api/ads?kommun=2480');
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.json!.error.code).toBe('PURPOSE_REQUIRED');
    const ok = await police.request('GET', '/api/ads?kommun=2480', undefined, {
      'x-fyren-purpose': encodeURIComponent('Förundersökning 5000-K123-26'),
    });
    expect(ok.status).toBe(200);
    expect(ok.json!.items).toEqual([]);
    const badKommun = await police.request('GET', '/api/ads?kommun=24', undefined, { 'x-fyren-purpose': 'test' });
    expect(badKommun.json!.error.issues[0].path).toEqual(['kommun']);
    const outreach = await mk('uppsok.u', ['uppsokare']);
    expect((await outreach.request('GET', '/api/ads', undefined, { 'x-fyren-purpose': 'test' })).status).toBe(403);
    const audit = await admin.get('/api/admin/audit?action=ad.search');
    expect(audit.json!.items[0].purpose).toBe('Förundersökning 5000-K123-26');
  });

  it('logs requests without query strings or bodies', async () => {
    await admin.get('/api/admin/audit?action=sökterm-anna');
    const text = JSON.stringify(built.logs);
    expect(text).not.toMatch(/sökterm-anna|Admin-Lösen/);
    expect(built.logs.some((l) => l.route === '/api/admin/audit')).toBe(true);
  });
});
