/**
 * Who sees and manages what (issue #16 item 7, issue #24 item 8 and the identity "Should fix"
 * items), through the HTTP API:
 * - an organisation's area bounds the ads, profiles and networks its users see; outside it only
 *   with x-fyren-area: outside and a purpose, audited as such;
 * - administrators manage their own organisation only; the system administrator the installation;
 * - administrative roles never sit with operational ones, and a reset of an operational account's
 *   password waits for a second administrator and is announced to its user;
 * - the session cookie is a session cookie, the CSRF token is bound to the session and rotated at
 *   sign-in and sign-out, signing in again ends the browser's earlier session, a lockout answers the
 *   same for unknown and existing names, and a right password without the second factor is audited.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmin } from '../src/app/identity/bootstrap-admin';
import { importAdRecords } from '../src/app/intelligence/import-ad-records';
import { linkAllPending } from '../src/app/intelligence/link-ads';
import type { Role } from '../src/contracts/identity';
import { totp } from '../src/core/auth/totp';
import { createTestDatabase, rowsOf, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { adminContext, buildOrganisation, buildUser } from './support/factories';
import { Browser, buildApp } from './support/http';

const NEW_PASSWORD = 'Ett långt nytt lösenord';
const PURPOSE = { 'x-fyren-purpose': encodeURIComponent('Kartläggning v. 10') };
const OUTSIDE = { ...PURPOSE, 'x-fyren-area': 'outside' };

describe('access: areas, administration and sessions over HTTP', () => {
  let t: TestDatabase;
  let deps: ReturnType<typeof testDeps>;
  let built: ReturnType<typeof buildApp>;
  const as: Record<string, Browser> = {};
  const ids: Record<string, string> = {};
  const otp: Record<string, string> = {};
  let umeaId = '';
  let stockholmId = '';

  const signIn = async (username: string, password: string) => {
    const b = new Browser(built.app, { 'x-test-client': username });
    const res = await b.post('/api/auth/login', { username, password });
    expect(res.status, `${username} signs in`).toBe(200);
    return b;
  };

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    deps = testDeps(t.database);
    await bootstrapAdmin(deps, { password: 'Admin-Lösen-2026!', organisationName: 'Fyren administration' });
    const system = await adminContext(deps);
    const umea = await buildOrganisation(deps, system, { name: 'Umeå kommun', scope: { kommuner: ['2480'], lan: [], polisregioner: [] } });
    const sthlm = await buildOrganisation(deps, system, {
      name: 'Stockholms stad',
      scope: { kommuner: ['0180'], lan: [], polisregioner: [] },
    });
    umeaId = umea.id;
    stockholmId = sthlm.id;
    built = buildApp(deps);
    const users: [string, string, Role[]][] = [
      ['adam', umea.id, ['administrator']],
      ['alva', umea.id, ['administrator']],
      ['karin', umea.id, ['kartlaggare']],
      ['stina', sthlm.id, ['kartlaggare']],
    ];
    for (const [username, organisationId, roles] of users) {
      const created = await buildUser(deps, system, { username, organisationId, roles });
      ids[username] = created.user.id;
      const b = await signIn(username, created.oneTimePassword);
      expect((await b.post('/api/auth/password', { currentPassword: created.oneTimePassword, newPassword: NEW_PASSWORD })).status).toBe(
        204,
      );
      as[username] = b;
    }
    as.system = await signIn('admin', 'Admin-Lösen-2026!');

    const ad = (externalId: string, location: string, phone: string) => ({
      source: 'test-portal',
      externalId,
      url: `https://example.test/${externalId}`,
      observedAt: '2026-03-01T10:00:00Z',
      title: `Ny i ${location}`,
      body: `${{ u1: 'Söt och glad', s1: 'Diskret möte', t1: 'På turné', t2: 'På turné' }[externalId]}, ring ${phone}.`,
      location,
      phoneField: phone,
    });
    await importAdRecords(
      deps,
      { actor: null, requestId: 'seed' },
      [
        ad('u1', 'Umeå', '070-111 11 11'),
        ad('s1', 'Stockholm', '070-222 22 22'),
        // A touring profile: the same number in Stockholm and, later, in Umeå.
        ad('t1', 'Stockholm', '070-333 33 33'),
        ad('t2', 'Umeå', '070-333 33 33'),
      ],
      { isDemo: false },
    );
    await linkAllPending(deps);
    const rows = rowsOf<{ key: string; profile_id: string }>(
      await t.database.db.execute(sql`select ad_key as key, profile_id from link_ad`),
    );
    for (const r of rows) ids[r.key] = r.profile_id;
  }, 180_000);
  afterAll(async () => t?.drop());

  const get = (who: string, path: string, headers: Record<string, string> = PURPOSE) => as[who]!.request('GET', path, undefined, headers);

  describe('the area rule (#16.7)', () => {
    it('shows a kartläggare only the ads of her organisation’s area', async () => {
      const karin = await get('karin', '/api/ads');
      expect(karin.status).toBe(200);
      expect((karin.json!.items as { ref: string }[]).map((a) => a.ref).sort()).toEqual(['test-portal:t2', 'test-portal:u1']);
      const stina = await get('stina', '/api/ads');
      expect((stina.json!.items as { ref: string }[]).map((a) => a.ref).sort()).toEqual(['test-portal:s1', 'test-portal:t1']);
      // A Stockholm number searched from Umeå finds nothing by default.
      expect((await get('karin', '/api/ads?phone=0702222222')).json!.items).toEqual([]);
    });

    it('looks outside the area only when asked, with a purpose, and audits it as such', async () => {
      const noPurpose = await get('karin', '/api/ads?phone=0702222222', { 'x-fyren-area': 'outside' });
      expect(noPurpose.json!.error.code).toBe('PURPOSE_REQUIRED');
      const outside = await get('karin', '/api/ads?phone=0702222222', OUTSIDE);
      expect((outside.json!.items as { ref: string }[]).map((a) => a.ref)).toEqual(['test-portal:s1']);
      const audit = rowsOf<{ details: { outsideArea?: boolean }; purpose: string }>(
        await t.database.db.execute(
          sql`select details, purpose from audit_event where action = 'ad.search' and actor_id = ${ids.karin!} order by seq desc limit 1`,
        ),
      );
      expect(audit[0]).toMatchObject({ details: { outsideArea: true }, purpose: 'Kartläggning v. 10' });
    });

    it('lists and opens only profiles seen in the area, and a network only with its profiles in the area', async () => {
      const list = await get('karin', '/api/profiles');
      expect((list.json!.items as { id: string }[]).map((p) => p.id).sort()).toEqual([ids['test-portal:u1'], ids['test-portal:t2']].sort());
      const touring = await get('karin', `/api/profiles/${ids['test-portal:t2']}`);
      expect(touring.status).toBe(200);
      // The number joins the Umeå ad to a Stockholm one: the network reaches into the area, and
      // shows its profiles seen in the area; the rest only when looking outside it.
      const network = await get('karin', `/api/networks/${touring.json!.networkId as string}`);
      expect(network.status).toBe(200);
      const shown = (network.json!.profiles as { id: string }[]).map((p) => p.id);
      expect(shown).toContain(ids['test-portal:t2']);
      expect(shown.length + (network.json!.profilesOutsideArea as number)).toBe(network.json!.profileCount);
      const wide = await get('karin', `/api/networks/${touring.json!.networkId as string}`, OUTSIDE);
      expect(wide.json!.profilesOutsideArea).toBe(0);
      expect((wide.json!.profiles as unknown[]).length).toBe(network.json!.profileCount);
      const refused = await get('karin', `/api/profiles/${ids['test-portal:s1']}`);
      expect(refused.status).toBe(403);
      expect(refused.json!.error.code).toBe('OUTSIDE_AREA');
      expect((await get('karin', `/api/profiles/${ids['test-portal:s1']}`, OUTSIDE)).status).toBe(200);
      const denied = rowsOf<{ n: number }>(
        await t.database.db.execute(
          sql`select count(*)::int as n from audit_event where actor_id = ${ids.karin!} and outcome = 'denied' and details->>'reason' = 'outside_area'`,
        ),
      );
      expect(denied[0]!.n).toBeGreaterThan(0);
    });

    it('explains a link only between ads in the area', async () => {
      const res = await get('karin', '/api/links/explain?a=test-portal:u1&b=test-portal:s1&level=network');
      expect(res.status).toBe(403);
      expect(res.json!.error.code).toBe('OUTSIDE_AREA');
    });
  });

  describe('administration of one’s own organisation (#16.7)', () => {
    it('lets an administrator list and manage only her organisation’s accounts', async () => {
      const users = (await as.adam!.get('/api/admin/users')).json!.items as { username: string; organisationId: string }[];
      expect(users.map((u) => u.username).sort()).toEqual(['adam', 'alva', 'karin']);
      const orgs = (await as.adam!.get('/api/admin/organisations')).json!.items as { id: string }[];
      expect(orgs.map((o) => o.id)).toEqual([umeaId]);
      const patch = await as.adam!.patch(`/api/admin/users/${ids.stina}`, { resetPassword: true });
      expect(patch.status).toBe(403);
      const create = await as.adam!.post('/api/admin/users', {
        username: 'intrang',
        displayName: 'x',
        organisationId: stockholmId,
        roles: ['kartlaggare'],
      });
      expect(create.status).toBe(403);
      expect((await as.adam!.post('/api/admin/organisations', { name: 'Ny kommun', kind: 'socialtjanst' })).status).toBe(403);
      expect((await as.adam!.patch(`/api/admin/organisations/${umeaId}`, { scope: { kommuner: ['0180'] } })).status).toBe(403);
      const grant = await as.adam!.post('/api/admin/users', {
        username: 'ny.sysadmin',
        displayName: 'x',
        organisationId: umeaId,
        roles: ['systemadministrator'],
      });
      expect(grant.status).toBe(403);
    });

    it('lets the system administrator manage every organisation', async () => {
      const users = (await as.system!.get('/api/admin/users')).json!.items as { username: string }[];
      expect(users.map((u) => u.username)).toContain('stina');
      expect(((await as.system!.get('/api/admin/organisations')).json!.items as unknown[]).length).toBe(3);
    });
  });

  describe('separation of duties and four eyes (#24.8)', () => {
    it('refuses administrative roles together with operational ones', async () => {
      const both = await as.system!.post('/api/admin/users', {
        username: 'dubbel',
        displayName: 'x',
        organisationId: umeaId,
        roles: ['administrator', 'kartlaggare'],
      });
      expect(both.status).toBe(400);
      expect(both.json!.error.issues[0].path).toEqual(['roles']);
      const widen = await as.system!.patch(`/api/admin/users/${ids.adam}`, { roles: ['administrator', 'polis'] });
      expect(widen.status).toBe(400);
      expect(widen.json!.error.message).toMatch(/administrator.*polis/);
    });

    it('waits for a second administrator before resetting an operational account, and tells its user', async () => {
      const asked = await as.adam!.patch(`/api/admin/users/${ids.karin}`, { resetPassword: true });
      expect(asked.status).toBe(200);
      expect(asked.json!.oneTimePassword).toBeNull();
      expect(asked.json!.pendingResets).toEqual([{ id: expect.any(String), kind: 'password' }]);
      const resetId = asked.json!.pendingResets[0].id as string;
      // Nothing changed yet: karin's session and password still work.
      expect((await as.karin!.get('/api/auth/me')).status).toBe(200);
      const pending = await as.alva!.get('/api/admin/resets');
      expect((pending.json!.items as { id: string }[]).map((r) => r.id)).toEqual([resetId]);
      // The one who asked cannot approve.
      const self = await as.adam!.post(`/api/admin/resets/${resetId}/approve`);
      expect(self.status).toBe(409);
      expect(self.json!.error.message).toContain('four eyes');
      const approved = await as.alva!.post(`/api/admin/resets/${resetId}/approve`);
      expect(approved.status).toBe(200);
      otp.karin = approved.json!.oneTimePassword as string;
      expect(otp.karin).toMatch(/.{12,}/);
      expect((await as.karin!.get('/api/auth/me')).status).toBe(401);
      const karin = await signIn('karin', otp.karin);
      const me = await karin.get('/api/auth/me');
      expect(me.json!.user.notices).toEqual([{ kind: 'password', at: expect.any(String) }]);
      expect((await karin.post('/api/auth/notices/acknowledge')).status).toBe(204);
      expect((await karin.get('/api/auth/me')).json!.user.notices).toEqual([]);
      expect((await as.alva!.post(`/api/admin/resets/${resetId}/approve`)).status).toBe(409);
      const audit = rowsOf<{ action: string }>(
        await t.database.db.execute(
          sql`select action from audit_event where resource_id = ${ids.karin!} and action like 'user.reset%' order by seq`,
        ),
      );
      expect(audit.map((a) => a.action)).toEqual(['user.reset_request', 'user.reset_approve']);
      // The one-time password cannot be kept as the new one... and the old one cannot come back.
      const again = await karin.post('/api/auth/password', { currentPassword: otp.karin, newPassword: NEW_PASSWORD });
      expect(again.status).toBe(400);
      expect(again.json!.error.code).toBe('PASSWORD_REUSED');
      as.karin = karin;
    });
  });

  describe('sessions, CSRF and sign-in (#24 should fix)', () => {
    it('sets a session cookie without Max-Age or Expires', async () => {
      const b = new Browser(built.app, { 'x-test-client': 'cookie' });
      const res = await b.post('/api/auth/login', { username: 'stina', password: NEW_PASSWORD });
      const cookie = res.setCookies.find((c) => c.startsWith('fyren_session='))!;
      expect(cookie).not.toMatch(/Max-Age|Expires/i);
    });

    it('binds the CSRF token to the session and rotates it at sign-in and sign-out', async () => {
      const b = new Browser(built.app, { 'x-test-client': 'csrf' });
      await b.get('/api/auth/me');
      const before = b.cookies.get('fyren_csrf')!;
      await b.post('/api/auth/login', { username: 'stina', password: NEW_PASSWORD });
      const signedIn = b.cookies.get('fyren_csrf')!;
      expect(signedIn).not.toBe(before);
      // The token from before sign-in no longer works.
      const stale = await b.request('POST', '/api/auth/notices/acknowledge', undefined, { 'x-csrf-token': before });
      expect(stale.json!.error.code).toBe('CSRF_FAILED');
      // Nor does another session's token.
      const other = await b.request('POST', '/api/auth/notices/acknowledge', undefined, {
        'x-csrf-token': as.stina!.cookies.get('fyren_csrf')!,
      });
      expect(other.json!.error.code).toBe('CSRF_FAILED');
      expect((await b.post('/api/auth/notices/acknowledge')).status).toBe(204);
      await b.post('/api/auth/logout');
      expect(b.cookies.get('fyren_csrf')).not.toBe(signedIn);
    });

    it('ends the earlier session of the browser when someone signs in again', async () => {
      const b = new Browser(built.app, { 'x-test-client': 'again' });
      await b.post('/api/auth/login', { username: 'stina', password: NEW_PASSWORD });
      const first = b.cookies.get('fyren_session')!;
      await b.post('/api/auth/login', { username: 'alva', password: NEW_PASSWORD });
      expect(b.cookies.get('fyren_session')).not.toBe(first);
      const replay = new Browser(built.app, { 'x-test-client': 'again-replay' });
      replay.cookies.set('fyren_session', first);
      expect((await replay.get('/api/auth/me')).status).toBe(401);
    });

    it('answers a lockout the same for an unknown and an existing name', async () => {
      const attempts = async (username: string) => {
        const out: string[] = [];
        for (let i = 0; i < 7; i++) {
          const b = new Browser(built.app, { 'x-test-client': `lock-${username}-${i}` });
          const res = await b.post('/api/auth/login', { username, password: 'fel lösenord igen' });
          out.push(`${res.status} ${res.json!.error.code}`);
        }
        return out;
      };
      const existing = await attempts('stina');
      const unknown = await attempts('finns.inte');
      expect(existing.slice(5)).toEqual(['423 ACCOUNT_LOCKED', '423 ACCOUNT_LOCKED']);
      expect(unknown).toEqual(existing);
    });

    it('audits a right password given without the second factor', async () => {
      const system = await adminContext(deps);
      const created = await buildUser(deps, system, { username: 'tove', organisationId: umeaId, roles: ['kartlaggare'] });
      const b = await signIn('tove', created.oneTimePassword);
      await b.post('/api/auth/password', { currentPassword: created.oneTimePassword, newPassword: NEW_PASSWORD });
      const { secret } = (await b.post('/api/auth/totp/setup')).json as { secret: string };
      expect((await b.post('/api/auth/totp/enable', { code: totp(secret, deps.clock.now().getTime()) })).status).toBe(204);
      const res = await new Browser(built.app, { 'x-test-client': 'tove2' }).post('/api/auth/login', {
        username: 'tove',
        password: NEW_PASSWORD,
      });
      expect(res.json!.error.code).toBe('TOTP_REQUIRED');
      const audit = rowsOf<{ details: { reason: string } }>(
        await t.database.db.execute(
          sql`select details from audit_event where action = 'auth.login' and resource_id = ${created.user.id} order by seq desc limit 1`,
        ),
      );
      expect(audit[0]!.details.reason).toBe('totp_required');
    });
  });
});
