/**
 * /api/statistics through app.request() on a small demo market: the dashboard JSON for every
 * role with Statistik, CSV for Swedish Excel (BOM, semicolons, "<5"), the PDF report, frozen
 * mappings (create, list, compare, reproduce, report) and the error bodies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoMarket } from '../src/app/demo/load-demo-market';
import { bootstrapAdmin } from '../src/app/identity/bootstrap-admin';
import type { AppDeps } from '../src/app/shared/ports';
import type { PublishedDashboard } from '../src/core/stats/dashboard';
import { createTestDatabase, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { Browser, buildApp } from './support/http';

const ADMIN_PW = 'Admin-Lösen-2026!';
const Q = 'from=2026-02-01&to=2026-03-02';

describe('statistics over HTTP', () => {
  let t: TestDatabase;
  let deps: AppDeps;
  let admin: Browser;
  let analyst: Browser;
  let reader: Browser;
  let busiest: string;

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    deps = testDeps(t.database);
    await bootstrapAdmin(deps, { password: ADMIN_PW, organisationName: 'Fyren administration' });
    const built = buildApp(deps);
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
    reader = await mk('lars.l', ['lasare']);
    expect((await loadDemoMarket(deps, { isFirstStartOnly: false, persons: 60, days: 20, hasLiveSmsGateway: false })).isLoaded).toBe(true);
    const country = (await reader.get(`/api/statistics/dashboard?area=${encodeURIComponent('polisregion Stockholm')}&${Q}`)).json!;
    expect(country.dashboard.totals.ads.value).toBeGreaterThan(5);
    busiest = '0180';
  }, 180_000);
  afterAll(async () => t?.drop());

  it('shows a reader the suppressed dashboard of a kommun with its method', async () => {
    const res = await reader.get(`/api/statistics/dashboard?area=${busiest}&${Q}&compare=${encodeURIComponent('1480,polisregion Nord')}`);
    expect(res.status).toBe(200);
    const d = res.json!.dashboard as PublishedDashboard;
    expect(d.area).toMatchObject({ kind: 'kommun', id: '0180', name: 'Stockholm' });
    expect(d.threshold).toBe(5);
    expect(d.weeks.length).toBeGreaterThan(2);
    expect(d.comparisons.map((c) => c.area.name)).toEqual(['Göteborg', 'polisregion Nord']);
    for (const c of [d.totals.ads, d.totals.profiles, ...d.weeks.map((w) => w.profiles)])
      expect(c.value === null ? c.display === '<5' : c.value >= 5).toBe(true);
    expect(res.json!.method.sites.map((s: { id: string }) => s.id)).toContain('demo-portal');
    expect(res.json!.canFreeze).toBe(false);
    expect((await analyst.get(`/api/statistics/dashboard?area=${busiest}&${Q}`)).json!.canFreeze).toBe(true);
  });

  it('refuses without sign-in, for the administrator, and for a bad area or date, naming the field', async () => {
    expect((await new Browser(buildApp(deps).app).get(`/api/statistics/dashboard?area=0180&${Q}`)).status).toBe(401);
    expect((await admin.get(`/api/statistics/dashboard?area=0180&${Q}`)).status).toBe(403);
    const bad = await reader.get('/api/statistics/dashboard?area=Atlantis&from=2026-02-01&to=2026-03-02');
    expect(bad.status).toBe(400);
    expect(bad.json!.error.message).toMatch(/unknown area "Atlantis"/);
    const badDate = await reader.get('/api/statistics/dashboard?area=0180&from=2026-02-01&to=2026-13-01');
    expect(badDate.status).toBe(400);
    expect(badDate.json!.error.message).toMatch(/^to: /);
    const missing = await reader.get('/api/statistics/dashboard?area=0180');
    expect(missing.json!.error.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(['from', 'to']);
    expect((await reader.get(`/api/statistics/dashboard/nope.csv?area=0180&${Q}`)).status).toBe(404);
  });

  it('exports every table as CSV for Swedish Excel with small counts as "<5"', async () => {
    for (const table of ['nyckeltal', 'veckor', 'kommuner', 'indikatorer', 'floden', 'jamforelse']) {
      const res = await reader.get(`/api/statistics/dashboard/${table}.csv?area=${encodeURIComponent('polisregion Nord')}&${Q}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(
        new RegExp(`attachment; filename="kartlaggning-nord-2026-02-01-2026-03-02-${table}.csv"`),
      );
      expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = res.bytes.toString('utf8').slice(1).split('\r\n');
      expect(lines.at(-1)).toBe('');
      const width = lines[0]!.split(';').length;
      expect(width).toBeGreaterThanOrEqual(3);
      for (const l of lines.slice(0, -1)) expect(l.replace(/"[^"]*"/g, 'x').split(';')).toHaveLength(width);
    }
    const kommuner = (
      await reader.get(`/api/statistics/dashboard/kommuner.csv?area=${encodeURIComponent('polisregion Nord')}&${Q}`)
    ).bytes.toString('utf8');
    expect(kommuner.split('\r\n')[0]).toBe('\uFEFFKod;Kommun;Aktiva annonser;Unika profiler;Inresta profiler');
    expect(kommuner).toMatch(/;<5/);
  });

  it('returns the PDF report as application/pdf', async () => {
    const res = await reader.get(`/api/statistics/report.pdf?area=${busiest}&${Q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.bytes.length).toBeGreaterThan(20_000);
  });

  it('freezes, lists, compares, reproduces and reports mappings; a reader may not freeze', async () => {
    expect((await reader.post('/api/statistics/mappings', { area: busiest, from: '2026-02-01', to: '2026-03-02' })).status).toBe(403);
    const a = await analyst.post('/api/statistics/mappings', { area: busiest, from: '2026-02-01', to: '2026-02-15', title: 'Februari' });
    expect(a.status).toBe(201);
    const b = await analyst.post('/api/statistics/mappings', { area: busiest, from: '2026-02-16', to: '2026-03-02' });
    expect(b.json!.title).toBe('Kartläggning Stockholm 2026-02-16–2026-03-02');
    const list = (await reader.get('/api/statistics/mappings')).json as unknown as { id: string; contentHash: string }[];
    expect(list.map((m) => m.id).sort()).toEqual([a.json!.id, b.json!.id].sort());
    const cmp = await reader.get(`/api/statistics/mappings/compare?a=${a.json!.id}&b=${b.json!.id}`);
    expect(cmp.json!.rows.map((r: { figure: string }) => r.figure)).toContain('profiles');
    expect((await reader.get(`/api/statistics/mappings/${a.json!.id}/reproduce`)).json).toMatchObject({ isReproduced: true });
    const pdf = await reader.get(`/api/statistics/mappings/${a.json!.id}/report.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect((await reader.get('/api/statistics/mappings/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await analyst.post('/api/statistics/mappings', { area: busiest, from: '2026-02-01', to: '2026-02-15', extra: 1 })).status).toBe(
      400,
    );
  });
});
