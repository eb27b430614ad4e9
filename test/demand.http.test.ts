/**
 * /api/demand through app.request(): every role with Statistik reads the figures, only analysts
 * and coordinators enter events and probes, bad input is named, a probe CSV is taken whole or not
 * at all, the PDF downloads, and no response carries a pseudonym.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoDemand } from '../src/app/demand/load-demo-demand';
import { bootstrapAdmin } from '../src/app/identity/bootstrap-admin';
import type { AppDeps } from '../src/app/shared/ports';
import { HmacPseudonymiser } from '../src/adapters/security/pseudonym-secret';
import type { DemandEventDto, DemandTrendDto, DisplacementDto } from '../src/contracts/demand';
import { createTestDatabase, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { Browser, buildApp } from './support/http';

const ADMIN_PW = 'Admin-Lösen-2026!';

describe('the demand API', () => {
  let t: TestDatabase;
  let deps: AppDeps;
  let analyst: Browser;
  let reader: Browser;
  let outreach: Browser;
  let admin: Browser;

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
    outreach = await mk('uppsok.u', ['uppsokare']);
    await loadDemoDemand({ ...deps, pseudonymiser: new HmacPseudonymiser('x'.repeat(40)) }, { accounts: 300, weeks: 16 });
  });
  afterAll(async () => t?.drop());

  it('lets every role with Statistik read the trend, and keeps the administrator out', async () => {
    for (const b of [analyst, reader, outreach]) {
      const res = await b.get('/api/demand/trend?area=kommun:2480');
      expect(res.status).toBe(200);
    }
    const res = await reader.get('/api/demand/trend?area=kommun:2480');
    const trend = res.json as unknown as DemandTrendDto;
    expect(trend.area.name).toBe('Umeå');
    expect(trend.weeks).toHaveLength(26);
    expect(trend.canEnter).toBe(false);
    expect(trend.events.map((e) => e.kind)).toContain('operation');
    expect(trend.weeks.some((w) => w.distinct.display === '<5' || w.gone.display === '<5')).toBe(true);
    expect((await admin.get('/api/demand/trend')).status).toBe(403);
    expect((await new Browser(buildApp(deps).app).get('/api/demand/trend')).status).toBe(401);
  });

  it("publishes with the installation's small-count threshold (FYREN_SMALL_COUNT_THRESHOLD)", async () => {
    const strict = buildApp(deps, undefined, { statistics: { threshold: 50, siteVersions: new Map() } });
    const b = new Browser(strict.app, { 'x-test-client': 'lars.l' });
    b.cookies.clear();
    for (const [k, v] of reader.cookies) b.cookies.set(k, v);
    const trend = (await b.get('/api/demand/trend?area=kommun:2480')).json as unknown as DemandTrendDto;
    expect(trend.threshold).toBe(50);
    const shown = trend.weeks.flatMap((w) => [w.active, w.distinct, w.new, w.gone]);
    expect(shown.some((c) => c.display === '<50')).toBe(true);
    expect(shown.every((c) => c.value === null || c.value >= 50)).toBe(true);
    const outreachStats = await b.get('/api/statistics/outreach?from=2026-01-01&to=2026-12-31&period=month');
    expect(outreachStats.status).toBe(200);
  });

  it('names bad areas and periods', async () => {
    const bad = await analyst.get('/api/demand/trend?area=kommun:99');
    expect(bad.status).toBe(400);
    expect(bad.json!.error.issues[0].path).toEqual(['area']);
    const unknown = await analyst.get('/api/demand/trend?area=kommun:9999');
    expect(unknown.status).toBe(400);
    expect(unknown.json!.error.message).toContain('unknown area kommun:9999');
    const reversed = await analyst.get('/api/demand/trend?from=2026-05-01&to=2026-01-01');
    expect(reversed.json!.error.issues[0].path).toEqual(['from']);
  });

  it('lets analysts (not readers or outreach) add events, and shows the displacement around one', async () => {
    const body = { kind: 'campaign', title: 'Kampanj i Luleå', area: 'kommun:2580', date: '2026-02-10' };
    expect((await reader.post('/api/demand/events', body)).status).toBe(403);
    expect((await outreach.post('/api/demand/events', body)).status).toBe(403);
    const bad = await analyst.post('/api/demand/events', { ...body, kind: 'raid', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.json!.error.issues.map((i: { path: string[] }) => i.path.join('.'))).toEqual(expect.arrayContaining(['kind', 'extra']));
    const created = await analyst.post('/api/demand/events', body);
    expect(created.status).toBe(201);
    const event = created.json as unknown as DemandEventDto;
    expect(event.areaName).toBe('Luleå');
    const list = await reader.get('/api/demand/events');
    const op = (list.json!.items as DemandEventDto[]).find((e) => e.kind === 'operation')!;
    const view = await reader.get(`/api/demand/displacement?event=${op.id}&compare=kommun:0180,lan:01`);
    expect(view.status).toBe(200);
    const d = view.json as unknown as DisplacementDto;
    expect(d.rows.map((r) => r.role)).toEqual([
      'event',
      'neighbours',
      'neighbour',
      'neighbour',
      'neighbour',
      'neighbour',
      'neighbour',
      'compare',
      'compare',
    ]);
    expect((await reader.get('/api/demand/displacement?event=00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('imports a probe CSV whole or not at all, naming bad lines', async () => {
    const header = 'started_at,site,area,profile,window_minutes,replies_first_hour,replies_total';
    const good = `${header}\n2026-03-02T20:00+01:00,Kontaktsajt X,kommun:2480,"Kvinna 19 år, ny i stan",180,4,9\n`;
    const bad = `${good}2026-03-03T20:00+01:00,Kontaktsajt X,kommun:2480,Kvinna,180,7,2\n`;
    const send = (b: Browser, csv: string) =>
      b.post('/api/demand/probes/import', new TextEncoder().encode(csv), { 'content-type': 'text/csv' });
    expect((await send(reader, good)).status).toBe(403);
    const refused = await send(analyst, bad);
    expect(refused.status).toBe(422);
    expect(refused.json!).toEqual({
      imported: 0,
      problems: [{ line: 3, column: 'replies_total', reason: 'cannot be fewer than the replies in the first hour' }],
    });
    const [before] = (
      (await t.database.db.execute(sql`select count(*)::int as n from demand_probe`)) as unknown as { rows: { n: number }[] }
    ).rows;
    const ok = await send(analyst, good);
    expect(ok.status).toBe(201);
    expect(ok.json!.imported).toBe(1);
    const [after] = (
      (await t.database.db.execute(sql`select count(*)::int as n from demand_probe`)) as unknown as { rows: { n: number }[] }
    ).rows;
    expect(after!.n).toBe(before!.n + 1);
  });

  it('downloads the demand section as a PDF, and no response carries a pseudonym', async () => {
    const pdf = await reader.get('/api/demand/report.pdf?area=kommun:2480');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const pseudonyms = (
      (await t.database.db.execute(sql`select pseudonym from demand_pseudonym`)) as unknown as { rows: { pseudonym: string }[] }
    ).rows;
    expect(pseudonyms.length).toBeGreaterThan(100);
    const bodies = [
      await reader.get('/api/demand/trend'),
      await reader.get('/api/demand/trend?area=lan:24'),
      await reader.get('/api/demand/areas?level=kommun'),
      await reader.get('/api/demand/events'),
    ].map((r) => JSON.stringify(r.json));
    for (const p of pseudonyms) expect(bodies.some((b) => b.includes(p.pseudonym))).toBe(false);
  });
});
