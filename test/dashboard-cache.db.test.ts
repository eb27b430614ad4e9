/**
 * The dashboard cache (issue #25), on both engines: a dashboard is computed once per area, period
 * and version of the aggregates; a refresh of the aggregates (full, or linking's per-ad refresh)
 * changes the version in the same transaction, and the next request computes it again.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAdRecords } from '../src/app/intelligence/import-ad-records';
import { linkAllPending } from '../src/app/intelligence/link-ads';
import type { AppDeps, RequestContext } from '../src/app/shared/ports';
import { DashboardCache } from '../src/app/statistics/dashboard-cache';
import { dashboardFor } from '../src/app/statistics/dashboard';
import type { AdRecord } from '../src/core/market/ad-record';
import { simulateMarket } from '../src/core/market/simulate-market';
import { createTestDatabase, ENGINES, rowsOf, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';

const records: AdRecord[] = [];
for (const item of simulateMarket({ seed: 7, persons: 30, days: 12, startDate: '2026-03-02' }))
  if (item.kind === 'observation') records.push(item.record);
const first = records.filter((r) => r.observedAt < '2026-03-10');
const later = records.filter((r) => r.observedAt >= '2026-03-10');

describe.each(ENGINES)('dashboard cache on %s', (engine) => {
  let t: TestDatabase;
  let deps: AppDeps;
  let area: string;
  const sys: RequestContext = { actor: null, requestId: 'cache-test' };
  const query = () => ({ area, from: '2026-03-01', to: '2026-03-31' });
  const cached = () => dashboardFor(deps, query());
  const fresh = () => dashboardFor({ uow: deps.uow, clock: deps.clock }, query());
  /** Changes the aggregates behind the cache's back (no refresh, so no new version). */
  const tamper = () => t.database.db.execute(sql`delete from stat_area_day`);

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    deps = { ...testDeps(t.database), dashboardCache: new DashboardCache() };
    await importAdRecords(deps, sys, first, { isDemo: false });
    await linkAllPending(deps);
    const top = rowsOf<{ k: string }>(
      await t.database.db.execute(sql`select kommun_code as k from stat_ad group by 1 order by count(*) desc, 1 limit 1`),
    );
    area = top[0]!.k;
  });
  afterAll(async () => {
    await t.drop();
  });

  it('serves the cached dashboard until the aggregates change', async () => {
    const before = await cached();
    expect(before.dashboard.totals).toEqual((await fresh()).dashboard.totals);
    await tamper();
    // The figures changed underneath (the uncached computation shows it), the cache did not look.
    expect((await fresh()).dashboard.totals).not.toEqual(before.dashboard.totals);
    expect((await cached()).dashboard.totals).toEqual(before.dashboard.totals);
  });

  it('computes again after a full refresh', async () => {
    const before = await cached();
    // Three of the area's ads lose their link behind the cache's back: a refresh counts them no more.
    await t.database.db.execute(
      sql`delete from link_ad where ad_id in (select ad_id from stat_ad where kommun_code = ${area} order by ad_id limit 3)`,
    );
    expect((await cached()).dashboard).toEqual(before.dashboard);
    await deps.uow.transaction((r) => r.stats.refreshAll());
    const after = await cached();
    expect(after.dashboard).toEqual((await fresh()).dashboard);
    expect(after.dashboard.totals).not.toEqual(before.dashboard.totals);
  });

  it('computes again after linking refreshes the ads it linked', async () => {
    const stale = await cached();
    await importAdRecords(deps, sys, later, { isDemo: false });
    await linkAllPending(deps);
    const after = await cached();
    expect(after.dashboard).toEqual((await fresh()).dashboard);
    expect(after.dashboard).not.toEqual(stale.dashboard);
  });
});
