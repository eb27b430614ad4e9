/**
 * Statistics (kartläggning) on both engines: the dashboard's figures equal direct counts over
 * the ads, sightings and linking; the incremental aggregates equal a full refresh (also after a
 * re-sighting on a later day); published figures are suppressed; frozen mappings reproduce,
 * notice changed data, compare, and are only created by the roles allowed to.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmin } from '../src/app/identity/bootstrap-admin';
import { importAdRecords } from '../src/app/intelligence/import-ad-records';
import { linkAllPending } from '../src/app/intelligence/link-ads';
import type { AppDeps, RequestContext } from '../src/app/shared/ports';
import {
  compareMappings,
  countDashboard,
  freezeMapping,
  getDashboard,
  listMappings,
  reproduceMapping,
} from '../src/app/statistics/dashboard';
import type { AdRecord } from '../src/core/market/ad-record';
import { simulateMarket } from '../src/core/market/simulate-market';
import { KOMMUNER, LAN, POLICE_REGIONS } from '../src/core/places';
import { resolveArea } from '../src/core/stats/area';
import { STAT_INDICATOR_CODES } from '../src/core/stats/indicator-codes';
import type { RawTotals } from '../src/core/stats/dashboard';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { adminContext, buildOrganisation, buildUser } from './support/factories';

const START = '2026-02-02';
const records: AdRecord[] = [];
for (const item of simulateMarket({ seed: 11, persons: 90, days: 24, startDate: START }))
  if (item.kind === 'observation') records.push(item.record);
const byDay = new Map<string, AdRecord[]>();
for (const r of records) byDay.set(r.observedAt.slice(0, 10), [...(byDay.get(r.observedAt.slice(0, 10)) ?? []), r]);
const PERIOD = { from: '2026-02-05', to: '2026-02-20' };

const rows = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];

describe.each(ENGINES)('statistics on %s', (engine) => {
  let t: TestDatabase;
  let deps: AppDeps;
  let admin: RequestContext;
  let analyst: RequestContext;
  let reader: RequestContext;
  const sys: RequestContext = { actor: null, requestId: 'stats-test' };

  const statTables = async () => ({
    ad: rows(
      await t.database.db.execute(
        sql`select ad_id, kommun_code, first_day::text, last_day::text, profile_key::text, is_sugar, profile_first_day::text, home_code, is_touring, network_key::text, indicator_mask::text from stat_ad order by ad_id`,
      ),
    ),
    week: rows(
      await t.database.db.execute(
        sql`select kommun_code, week::text, profile_key::text, ads, sugar_ads, profile_first_day::text, home_code, is_touring from stat_week order by 1, 2, 3`,
      ),
    ),
    profile: rows(
      await t.database.db.execute(
        sql`select profile_key::text, profile_id, first_day::text, home_code, is_touring, network_key::text, indicators, indicator_mask::text from stat_profile order by 1`,
      ),
    ),
    // Per area (migration 0017); a row whose counts are all zero is the same as no row.
    areaDay: rows(
      await t.database.db.execute(
        sql`select area_id, day::text, first_ads, last_ads, first_sugar_ads, last_sugar_ads from stat_area_day
          where (first_ads, last_ads, first_sugar_ads, last_sugar_ads) <> (0, 0, 0, 0) order by 1, 2`,
      ),
    ),
    areaWeek: rows(
      await t.database.db.execute(
        sql`select area_id, week::text, ads, sugar_ads, profiles, new_profiles, inresta from stat_area_week
          where (ads, sugar_ads, profiles, new_profiles, inresta) <> (0, 0, 0, 0, 0) order by 1, 2`,
      ),
    ),
    areaSpan: rows(
      await t.database.db.execute(
        sql`select area_id, profile_key::text, first_day::text, last_day::text, prev_last_day::text, profile_first_day::text, is_inresta,
          network_key::text, indicator_mask::text from stat_area_span order by 1, 2, 3`,
      ),
    ),
  });

  /** The dashboard's weeks, per-kommun figures and indicators counted straight from stat_ad and stat_week (no per-area table). */
  const directFromAdsAndWeeks = async (codes: string[], period: { from: string; to: string }) => {
    const c = sql`string_to_array(${codes.join(',')}, ',')`;
    const weeks = rows(
      await t.database.db.execute(sql`
        with w as (
          select week, profile_key, sum(ads) as ads, sum(sugar_ads) as sugar, min(profile_first_day) as f, bool_or(is_touring) as t, min(home_code) as h
          from stat_week
          where kommun_code = any(${c}) and week >= date_trunc('week', ${period.from}::date::timestamp)::date and week <= ${period.to}::date
          group by week, profile_key)
        select to_char(w.week, 'YYYY-MM-DD') as week, sum(w.ads)::int as ads, count(*)::int as profiles, sum(w.sugar)::int as "sugarAds",
          (count(*) filter (where w.f >= w.week and w.f < w.week + 7))::int as "newProfiles",
          (count(*) filter (where w.t or coalesce(not (w.h = any(${c})), false)))::int as inresta
        from w group by w.week order by w.week`),
    );
    const active = sql`a.kommun_code = any(${c}) and a.first_day <= ${period.to}::date and a.last_day >= ${period.from}::date`;
    const kommuner = rows(
      await t.database.db.execute(sql`
        with a as (
          select a.kommun_code, a.profile_key, count(*) as n, bool_or(a.is_touring) as t, min(a.home_code) as h
          from stat_ad a where ${active} group by 1, 2)
        select a.kommun_code as code, sum(a.n)::int as ads, count(*)::int as profiles,
          (count(*) filter (where a.t or coalesce(a.h <> a.kommun_code, false)))::int as inresta
        from a group by a.kommun_code order by a.kommun_code`),
    );
    const masks = rows<{ m: string }>(
      await t.database.db.execute(sql`select max(a.indicator_mask)::text as m from stat_ad a where ${active} group by a.profile_key`),
    );
    const indicators = STAT_INDICATOR_CODES.map((code, i) => ({
      code,
      profiles: masks.filter((x) => (BigInt(x.m) >> BigInt(i)) & 1n).length,
    }))
      .filter((x) => x.profiles > 0)
      .sort((a, b) => b.profiles - a.profiles || (a.code < b.code ? -1 : 1));
    return { weeks, kommuner, indicators };
  };

  /** Counts straight from ad, ad_sighting, source and linking, with the home kommun computed here from the timeline. */
  const directTotals = async (codes: string[], period: { from: string; to: string }): Promise<RawTotals> => {
    const ads = rows<{ ad_id: string; profile_id: string; network_id: string; kind: string }>(
      await t.database.db.execute(sql`
        select a.id as ad_id, l.profile_id, l.network_id, s.kind from ad a join ad_sighting sg on sg.ad_id = a.id join link_ad l on l.ad_id = a.id
        join source s on s.id = a.source_id
        where a.municipality_code = any(string_to_array(${codes.join(',')}, ','))
          and (sg.first_seen_at at time zone 'UTC')::date <= ${period.to}::date and (sg.last_seen_at at time zone 'UTC')::date >= ${period.from}::date`),
    );
    const profileIds = [...new Set(ads.map((a) => a.profile_id))];
    const profiles = rows<{
      id: string;
      first_seen: string;
      is_touring: boolean;
      timeline: unknown;
      network_id: string;
      profile_count: number;
    }>(
      await t.database.db.execute(
        sql`select p.id, p.first_seen::text, p.is_touring, p.timeline, p.network_id, n.profile_count from link_profile p join link_network n on n.id = p.network_id`,
      ),
    ).filter((p) => profileIds.includes(p.id));
    const home = (timeline: unknown): string | null => {
      const stops = (typeof timeline === 'string' ? JSON.parse(timeline) : timeline) as {
        municipalityCode: string;
        firstDay: number;
        lastDay: number;
        ads: string[];
      }[];
      const days = new Map<string, { days: number; ads: number; first: number }>();
      for (const s of stops) {
        const v = days.get(s.municipalityCode) ?? { days: 0, ads: 0, first: Infinity };
        days.set(s.municipalityCode, {
          days: v.days + s.lastDay - s.firstDay + 1,
          ads: v.ads + s.ads.length,
          first: Math.min(v.first, s.firstDay),
        });
      }
      return (
        [...days].sort(
          (a, b) => b[1].days - a[1].days || b[1].ads - a[1].ads || a[1].first - b[1].first || (a[0] < b[0] ? -1 : 1),
        )[0]?.[0] ?? null
      );
    };
    return {
      ads: ads.length,
      sugarAds: ads.filter((a) => a.kind === 'sugar').length,
      profiles: profiles.length,
      newProfiles: profiles.filter((p) => p.first_seen >= period.from && p.first_seen <= period.to).length,
      inresta: profiles.filter((p) => {
        const h = home(p.timeline);
        return p.is_touring || (h !== null && !codes.includes(h));
      }).length,
      networks: new Set(profiles.filter((p) => p.profile_count > 1).map((p) => p.network_id)).size,
    };
  };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    deps = testDeps(t.database);
    await bootstrapAdmin(deps, { password: 'Admin-Lösen-2026!', organisationName: 'Fyren administration' });
    admin = await adminContext(deps);
    const org = await buildOrganisation(deps, admin);
    const asCtx = async (roles: ('kartlaggare' | 'lasare')[]): Promise<RequestContext> => {
      const u = await buildUser(deps, admin, { organisationId: org.id, roles });
      return {
        requestId: 'r',
        actor: { userId: u.user.id, organisationId: org.id, roles, username: u.user.username, displayName: u.user.displayName },
      };
    };
    analyst = await asCtx(['kartlaggare']);
    reader = await asCtx(['lasare']);
    // Day by day, linked incrementally after each day (the path imports and crawls take).
    for (const day of [...byDay.keys()].sort()) {
      await importAdRecords(deps, sys, byDay.get(day)!, { isDemo: false });
      await linkAllPending(deps);
    }
  }, 300_000);
  afterAll(async () => t?.drop());

  const busiest = async () => {
    const r = rows<{ code: string }>(
      await t.database.db.execute(sql`select kommun_code as code from stat_ad group by 1 order by count(*) desc, 1 limit 1`),
    );
    return r[0]!.code;
  };

  it('keeps the incremental aggregates equal to a full refresh', async () => {
    const incremental = await statTables();
    expect(incremental.ad.length).toBeGreaterThan(100);
    expect(incremental.week.length).toBeGreaterThan(100);
    expect(incremental.areaWeek.length).toBeGreaterThan(10);
    expect(incremental.areaDay.length).toBeGreaterThan(10);
    // Profiles with gaps between their ads in an area have several spans there.
    expect(incremental.areaSpan.filter((r) => (r as { prev_last_day: string | null }).prev_last_day !== null).length).toBeGreaterThan(0);
    await deps.uow.transaction((r) => r.stats.refreshAll());
    expect(await statTables()).toEqual(incremental);
  });

  it('gives dashboard totals equal to direct counts for a kommun, its län and its police region', async () => {
    const kommun = await busiest();
    const region = LAN.find((l) => l.code === kommun.slice(0, 2))!.policeRegion;
    for (const id of [kommun, kommun.slice(0, 2), region]) {
      const area = resolveArea(id);
      const raw = await deps.uow.transaction((r) => countDashboard(r, area, PERIOD));
      expect(raw.totals).toEqual(await directTotals(area.kommunCodes, PERIOD));
    }
    const area = resolveArea(kommun);
    const raw = await deps.uow.transaction((r) => countDashboard(r, area, PERIOD));
    expect(raw.totals.ads).toBeGreaterThan(5);
    // A profile active in several weeks counts once in the period, so the period total is at most the weekly sum.
    expect(raw.totals.profiles).toBeLessThanOrEqual(raw.weeks.reduce((s, w) => s + w.profiles, 0));
    expect(raw.weeks.some((w) => w.profiles > 0)).toBe(true);
    expect(raw.kommuner.map((k) => k.code)).toEqual([kommun]);
    expect(raw.kommuner[0]!.profiles).toBe(raw.totals.profiles);
  });

  it('places every kommun in the areas the dashboard resolves: itself, its län and its police region', async () => {
    const areas = rows<{ code: string; areas: string[] | string }>(
      await t.database.db.execute(
        sql`select c as code, fyren_stat_areas(c) as areas from unnest(string_to_array(${KOMMUNER.map((k) => k.code).join(',')}, ',')) c`,
      ),
    );
    const asArray = (v: string[] | string) => (Array.isArray(v) ? v : v.replace(/^\{|\}$/g, '').split(','));
    const member = new Map<string, string[]>();
    for (const id of [...LAN.map((l) => l.code), ...POLICE_REGIONS.map((r) => `polisregion ${r}`)]) {
      const area = resolveArea(id);
      for (const k of area.kommunCodes) member.set(k, [...(member.get(k) ?? []), area.id]);
    }
    expect(areas).toHaveLength(KOMMUNER.length);
    for (const a of areas) expect(asArray(a.areas)).toEqual([a.code, ...(member.get(a.code) ?? ['missing'])]);
  });

  it('gives weeks, kommuner and indicators from the per-area tables equal to counts over stat_ad and stat_week', async () => {
    const kommun = await busiest();
    const region = LAN.find((l) => l.code === kommun.slice(0, 2))!.policeRegion;
    const days = rows<{ day: string }>(await t.database.db.execute(sql`select distinct last_day::text as day from stat_ad order by 1`)).map(
      (d) => d.day,
    );
    // Whole and partial periods, single days (spans that end or start on them) and a period with no data.
    const periods = [
      PERIOD,
      { from: START, to: '2026-03-31' },
      { from: '2025-01-01', to: '2025-01-31' },
      ...days.slice(0, 6).map((d) => ({ from: d, to: d })),
    ];
    let nonEmpty = 0;
    for (const id of [kommun, kommun.slice(0, 2), `polisregion ${region}`])
      for (const period of periods) {
        const area = resolveArea(id);
        const raw = await deps.uow.transaction((r) => countDashboard(r, area, period));
        const direct = await directFromAdsAndWeeks(area.kommunCodes, period);
        expect({ weeks: raw.weeks, kommuner: raw.kommuner, indicators: raw.indicators }).toEqual(direct);
        expect(raw.totals).toEqual(await directTotals(area.kommunCodes, period));
        if (raw.weeks.length > 0) nonEmpty++;
      }
    expect(nonEmpty).toBeGreaterThan(10);
  });

  it('publishes suppressed figures only: no count below the threshold is shown as a number', async () => {
    const { dashboard } = await getDashboard(deps, reader, {
      area: 'Nord',
      from: PERIOD.from,
      to: PERIOD.to,
      compare: ['polisregion Stockholm'],
    });
    const all = [
      ...Object.values(dashboard.totals),
      ...dashboard.weeks.flatMap((w) => [w.ads, w.profiles, w.newProfiles, w.inresta, w.sugarAds]),
      ...dashboard.kommuner.flatMap((k) => [k.ads, k.profiles, k.inresta]),
      ...dashboard.indicators.map((i) => i.profiles),
    ];
    expect(all.length).toBeGreaterThan(10);
    // "<5" for a small count, ".." for one withheld so that a small one cannot be subtracted back.
    for (const c of all) if (!('value' in c) || c.value === null) expect(['<5', '..']).toContain(c.display);
    for (const k of dashboard.kommuner) if (k.profiles.value !== null) expect(k.profiles.value).toBeGreaterThanOrEqual(5);
    expect(dashboard.comparisons.map((c) => c.area.id)).toEqual(['Stockholm']);
    expect(dashboard.lastYear.period).toEqual({ from: '2025-02-05', to: '2025-02-20' });
    // Nothing was collected in 2025: that year shows "–", not "<5" (issue #16, item 6).
    expect(dashboard.lastYear.totals.profiles.display).toBe('–');
    expect(dashboard.lastYear.totals.ads.display).toBe('–');
    expect(await deps.uow.transaction((r) => r.stats.hasData({ from: '2025-02-05', to: '2025-02-20' }))).toBe(false);
    expect(await deps.uow.transaction((r) => r.stats.hasData(PERIOD))).toBe(true);
    expect(await deps.uow.transaction((r) => r.stats.hasData({ from: '2026-03-20', to: '2026-04-20' }))).toBe(false);
  });

  it('extends spans and weeks when an ad is seen again on a later day, as a full refresh would', async () => {
    const before = rows<{ ad_id: string; last_day: string }>(
      await t.database.db.execute(sql`select ad_id, last_day::text from stat_ad order by last_day, ad_id limit 1`),
    )[0]!;
    const ad = rows<{ source_id: string; external_id: string }>(
      await t.database.db.execute(sql`select source_id, external_id from ad where id = ${before.ad_id}::uuid`),
    )[0]!;
    const original = records.find((r) => r.source === ad.source_id && r.externalId === ad.external_id)!;
    const untouched = await statTables();
    await importAdRecords(deps, sys, [{ ...original, observedAt: '2026-03-10T10:00:00.000Z' }], { isDemo: false });
    const after = rows<{ last_day: string }>(
      await t.database.db.execute(sql`select last_day::text from stat_ad where ad_id = ${before.ad_id}::uuid`),
    )[0]!;
    expect(after.last_day).toBe('2026-03-10');
    const triggered = await statTables();
    // The per-area tables followed the re-sighting: new weeks up to 2026-03-09, the ad's last day moved, its span grew.
    expect(triggered.areaWeek.filter((w) => (w as { week: string }).week === '2026-03-09')).toHaveLength(3);
    expect(triggered.areaDay).not.toEqual(untouched.areaDay);
    expect(triggered.areaSpan.some((x) => (x as { last_day: string }).last_day === '2026-03-10')).toBe(true);
    await deps.uow.transaction((r) => r.stats.refreshAll());
    expect(await statTables()).toEqual(triggered);
  });

  it('freezes a mapping that reproduces from the same data and notices new data', async () => {
    const kommun = await busiest();
    const m = await freezeMapping(deps, analyst, { area: kommun, from: PERIOD.from, to: PERIOD.to, title: 'Vårens kartläggning' });
    expect(m.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(m.method.sites.length).toBeGreaterThan(0);
    expect(m.method.sites.every((s) => s.days.every((d) => d >= PERIOD.from && d <= PERIOD.to))).toBe(true);
    expect(m.method.deduplication.linkParams).toEqual(['link-2026.2']);
    expect(await reproduceMapping(deps, reader, m.id)).toMatchObject({ isReproduced: true, storedHash: m.contentHash });
    expect((await listMappings(deps, reader)).map((x) => x.id)).toContain(m.id);

    const other = await freezeMapping(deps, analyst, { area: kommun.slice(0, 2), from: PERIOD.from, to: PERIOD.to });
    const cmp = await compareMappings(deps, reader, m.id, other.id);
    expect(cmp.rows.find((r) => r.figure === 'ads')).toMatchObject({
      a: m.figures.totals.ads.display,
      b: other.figures.totals.ads.display,
    });

    // New ads in the period change the figures: the stored mapping no longer reproduces.
    const extra: AdRecord[] = Array.from({ length: 6 }, (_, i) => ({
      source: 'demo-portal',
      externalId: `extra-${i}`,
      url: `http://example.invalid/extra-${i}`,
      observedAt: `${PERIOD.from}T12:00:00.000Z`,
      title: `Ny annons ${i}`,
      body: `Ring ${i} 070-${String(1000000 + i * 7919).slice(0, 7)}`,
      location: m.area.name,
      images: [],
    }));
    await importAdRecords(deps, sys, extra, { isDemo: false });
    await linkAllPending(deps);
    expect((await reproduceMapping(deps, reader, m.id)).isReproduced).toBe(false);
  });

  it('lets a reader see statistics but not freeze a mapping, and refuses a bad area or period', async () => {
    await expect(freezeMapping(deps, reader, { area: 'Umeå', from: PERIOD.from, to: PERIOD.to })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(getDashboard(deps, reader, { area: 'Atlantis', from: PERIOD.from, to: PERIOD.to })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(getDashboard(deps, reader, { area: 'Umeå', from: '2026-02-30', to: PERIOD.to })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(getDashboard(deps, admin, { area: 'Umeå', from: PERIOD.from, to: PERIOD.to })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
