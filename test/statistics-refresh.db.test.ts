/**
 * The incremental statistics refresh over a large neighbourhood (issue #24, item 6): importing
 * a generated market of 2,000 persons ended with `duplicate key … "stat_ad_pkey"` because
 * refreshAds worked in chunks of 5,000 ads, and an ad of a later chunk whose profile had
 * changed was written by an earlier chunk (its profile's new key was there) while its old row
 * (under its old key) was still in place. The neighbourhood is padded here with ids of no ad
 * so the ads that merge fall into different chunks, as 9,311 ads did in the market.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAdRecords } from '../src/app/intelligence/import-ad-records';
import { linkAllPending } from '../src/app/intelligence/link-ads';
import type { AppDeps, RequestContext } from '../src/app/shared/ports';
import { createTestDatabase, ENGINES, rowsOf, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';

const sys: RequestContext = { actor: null, requestId: 'stat-refresh' };
const ad = (externalId: string, body: string) => ({
  source: 'stat-refresh',
  externalId,
  url: `https://stat.test.invalid/annons/${externalId}`,
  observedAt: '2026-03-02T10:00:00Z',
  title: `Annons ${externalId}`,
  body,
  location: 'Umeå',
});

describe.each(ENGINES)('statistics refresh of a large neighbourhood on %s', (engine) => {
  let t: TestDatabase;
  let deps: AppDeps;
  let padded: number;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const base = testDeps(t.database);
    // Every refresh is given 6,000 ids of no ad after the first one, so the rest land in a later chunk.
    padded = 0;
    deps = {
      ...base,
      uow: {
        transaction: (fn) =>
          base.uow.transaction((r) => {
            const stats = Object.create(r.stats) as typeof r.stats;
            stats.refreshAds = (ids) => {
              padded += 1;
              return r.stats.refreshAds([...ids.slice(0, 1), ...Array.from({ length: 6000 }, () => randomUUID()), ...ids.slice(1)]);
            };
            return fn({ ...r, stats });
          }),
      },
    };
  });
  afterAll(async () => t?.drop());

  const statRows = async () =>
    rowsOf<{ external_id: string; same: boolean }>(
      await t.database.db.execute(
        sql`select a.external_id, s.profile_key = fyren_stat_key(l.profile_id) as same
            from stat_ad s join ad a on a.id = s.ad_id join link_ad l on l.ad_id = a.id order by 1`,
      ),
    );

  it('re-links ads whose profiles merge across chunks, and keeps stat_ad equal to a full refresh', async () => {
    await importAdRecords(deps, sys, [ad('a', 'Ring 070-111 22 33'), ad('b', 'Ring 070-444 55 66')], { isDemo: false });
    await linkAllPending(deps);
    expect((await statRows()).map((r) => r.external_id)).toEqual(['a', 'b']);
    // One ad with both numbers joins the two profiles into one.
    await importAdRecords(deps, sys, [ad('c', 'Ring 070-111 22 33 eller 070-444 55 66')], { isDemo: false });
    await linkAllPending(deps);
    expect(padded).toBeGreaterThan(1);
    const profiles = rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(distinct profile_id)::int as n from link_ad`))[0]!
      .n;
    expect(profiles).toBe(1);
    const rows = await statRows();
    expect(rows.map((r) => r.external_id)).toEqual(['a', 'b', 'c']);
    expect(rows.every((r) => r.same)).toBe(true);
    const snapshot = async () =>
      rowsOf(await t.database.db.execute(sql`select * from stat_ad order by ad_id`)).concat(
        rowsOf(await t.database.db.execute(sql`select * from stat_area_day order by 1, 2`)),
      );
    const incremental = await snapshot();
    await deps.uow.transaction((r) => r.stats.refreshAll());
    expect(await snapshot()).toEqual(incremental);
  });
});
