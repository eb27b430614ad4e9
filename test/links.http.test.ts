/**
 * Profiles, networks, explanations and corrections through app.request(), on a small demo
 * market: what the web pages read (with the DEMO flag), the purpose and role checks, and a
 * cut correction that is listed on the profile afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoMarket } from '../src/app/demo/load-demo-market';
import { bootstrapAdmin } from '../src/app/identity/bootstrap-admin';
import type { AppDeps } from '../src/app/shared/ports';
import type { NetworkDto, ProfileDto, ProfileSummaryDto } from '../src/contracts/links';
import { createTestDatabase, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { Browser, buildApp } from './support/http';

const ADMIN_PW = 'Admin-Lösen-2026!';
const PURPOSE = { 'x-fyren-purpose': encodeURIComponent('Kartläggning: profiler v. 12') };

describe('profiles and networks over HTTP', () => {
  let t: TestDatabase;
  let deps: AppDeps;
  let built: ReturnType<typeof buildApp>;
  let admin: Browser;
  let analyst: Browser;
  let outreach: Browser;
  let top: ProfileSummaryDto;

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    deps = testDeps(t.database);
    await bootstrapAdmin(deps, { password: ADMIN_PW, organisationName: 'Fyren administration' });
    built = buildApp(deps);
    admin = new Browser(built.app);
    await admin.post('/api/auth/login', { username: 'admin', password: ADMIN_PW });
    const orgs = (await admin.get('/api/admin/organisations')).json!.items as { id: string }[];
    const mk = async (username: string, roles: string[]) => {
      const created = await admin.post('/api/admin/users', { username, displayName: username, organisationId: orgs[0]!.id, roles });
      const b = new Browser(built.app, { 'x-test-client': username });
      await b.post('/api/auth/login', { username, password: created.json!.oneTimePassword });
      await b.post('/api/auth/password', { currentPassword: created.json!.oneTimePassword, newPassword: 'Ett långt nytt lösenord' });
      return b;
    };
    analyst = await mk('karin.k', ['kartlaggare']);
    outreach = await mk('uppsok.u', ['uppsokare']);
    const demo = await loadDemoMarket(deps, { isFirstStartOnly: false, persons: 16, days: 6, hasLiveSmsGateway: false });
    expect(demo.isLoaded).toBe(true);
  });
  afterAll(async () => t?.drop());

  const get = (b: Browser, path: string) => b.request('GET', path, undefined, PURPOSE);

  it('lists profiles highest score first, flagged DEMO, in one kommun on request', async () => {
    expect((await analyst.get('/api/profiles')).json!.error.code).toBe('PURPOSE_REQUIRED');
    expect((await get(outreach, '/api/profiles')).status).toBe(403);
    const list = await get(analyst, '/api/profiles?limit=200');
    expect(list.status).toBe(200);
    const items = list.json!.items as ProfileSummaryDto[];
    expect(items.length).toBeGreaterThan(3);
    expect(items.every((p) => p.isDemo)).toBe(true);
    const scores = items.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    top = items.find((p) => p.adCount >= 2)!;
    const kommun = top.municipalities[0]!.code;
    const inKommun = (await get(analyst, `/api/profiles?kommun=${kommun}`)).json!.items as ProfileSummaryDto[];
    expect(inKommun.length).toBeGreaterThan(0);
    expect(inKommun.length).toBeLessThan(items.length);
    expect(inKommun.every((p) => p.municipalities.some((m) => m.code === kommun))).toBe(true);
    const bad = await get(analyst, '/api/profiles?kommun=24');
    expect(bad.json!.error.issues[0].path).toEqual(['kommun']);
  });

  it('reads a profile and its network, and explains why two of its ads are joined', async () => {
    const res = await get(analyst, `/api/profiles/${top.id}`);
    expect(res.status).toBe(200);
    const profile = res.json as ProfileDto;
    expect(profile).toMatchObject({ id: top.id, isDemo: true, adCount: top.adCount });
    expect(profile.ads).toHaveLength(top.adCount);
    expect(profile.contributions.every((c) => c.weight > 0)).toBe(true);
    const network = (await get(analyst, `/api/networks/${profile.networkId}`)).json as NetworkDto;
    expect(network.isDemo).toBe(true);
    for (const ad of profile.ads) expect(network.adProfiles[ad.ref]).toBe(top.id);
    const [a, b] = profile.ads.map((x) => x.ref);
    const explained = await get(analyst, `/api/links/explain?a=${encodeURIComponent(a!)}&b=${encodeURIComponent(b!)}&level=profile`);
    expect(explained.json!.steps.length).toBeGreaterThan(0);
    expect((await get(analyst, '/api/profiles/not-an-id')).json!.error.issues[0].path).toEqual(['id']);
    expect((await get(analyst, '/api/profiles/pf-000000000000')).status).toBe(404);
  });

  it('a cut correction needs a reason, is kept with its author, and is listed on the profile', async () => {
    const profile = (await get(analyst, `/api/profiles/${top.id}`)).json as ProfileDto;
    const [a, b] = [...profile.ads.map((x) => x.ref)].sort();
    const noReason = await analyst.post('/api/links/corrections', { type: 'cut', level: 'profile', a, b, reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.json!.error.issues[0].path).toEqual(['reason']);
    expect((await outreach.post('/api/links/corrections', { type: 'cut', level: 'profile', a, b, reason: 'Olika' })).status).toBe(403);
    const saved = await analyst.post('/api/links/corrections', { type: 'cut', level: 'profile', a, b, reason: 'Olika språk i texterna' });
    expect(saved.status).toBe(201);
    expect(saved.json).toMatchObject({ type: 'cut', author: 'karin.k', reason: 'Olika språk i texterna', ads: [a, b] });
    // The profile keeps its id (it is named after its first ad) and lists the correction.
    const after = (await get(analyst, `/api/profiles/${top.id}`)).json as ProfileDto;
    expect(after.corrections.map((c) => c.reason)).toContain('Olika språk i texterna');
    expect(after.ads.map((x) => x.ref)).toContain(a);
    expect(after.ads.map((x) => x.ref)).not.toContain(b);
  });
});
