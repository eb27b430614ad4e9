/**
 * Statistics repository: maintains the aggregate tables (stat_ad, stat_profile, stat_week;
 * migration 0013; and per area, stat_area_day, stat_area_week and stat_area_span; migration 0017)
 * and answers the dashboard's counts from them. Distinct profiles are counted exactly (profile
 * ids as 48-bit numbers), so a profile active in three weeks counts once in a period total.
 * The dashboard's figures of an area are read from the per-area tables only (ADR 0010).
 */
import { desc, eq, sql, type SQL } from 'drizzle-orm';
import type { MappingRow, MethodFacts, StatsRepository } from '../../app/statistics/ports';
import type { DashboardArea, Period, RawFlow, RawIndicator, RawKommun, RawTotals, RawWeek } from '../../core/stats/dashboard';
import { STAT_INDICATOR_CODES } from '../../core/stats/indicator-codes';
import type { Db } from './client';
import { kartlaggning } from './schema';
import { bigintArray, rowsOf, textArray, uuidArray } from './sql';

const maskCodes = textArray(STAT_INDICATOR_CODES);

/** stat_profile rows from link_profile: home kommun = longest total stay in the timeline. */
const PROFILE_ROWS = (where: SQL) => sql`
  insert into stat_profile (profile_key, profile_id, first_day, home_code, is_touring, network_key, indicators, indicator_mask)
  select x.*, coalesce((select sum(1::bigint << (array_position(${maskCodes}, c) - 1)) from unnest(x.indicators) c), 0)::bigint
  from (
    select fyren_stat_key(p.id) as profile_key, p.id, p.first_seen,
      (select t->>'municipalityCode' from jsonb_array_elements(p.timeline) t
        group by t->>'municipalityCode'
        order by sum((t->>'lastDay')::int - (t->>'firstDay')::int + 1) desc, sum(jsonb_array_length(coalesce(t->'ads', '[]'::jsonb))) desc,
          min((t->>'firstDay')::int), t->>'municipalityCode'
        limit 1) as home_code,
      p.is_touring,
      case when n.profile_count > 1 then fyren_stat_key(p.network_id) end as network_key,
      coalesce(array(select distinct c->>'code' from jsonb_array_elements(p.contributions) c where c->>'code' is not null order by 1), '{}') as indicators
    from link_profile p left join link_network n on n.id = p.network_id
    where ${where}) x`;

/** stat_ad rows of ads, from the ad, its sighting, its link, its source and its profile's stat_profile row. */
const AD_ROWS = (where: SQL) => sql`
  insert into stat_ad (ad_id, kommun_code, first_day, last_day, profile_key, is_sugar, profile_first_day, home_code, is_touring, network_key, indicator_mask)
  select a.id, a.municipality_code, (sg.first_seen_at at time zone 'UTC')::date, (sg.last_seen_at at time zone 'UTC')::date,
    sp.profile_key, s.kind in ('sugar', 'sugar-dating'), sp.first_day, sp.home_code, sp.is_touring, sp.network_key, sp.indicator_mask
  from ad a join ad_sighting sg on sg.ad_id = a.id join link_ad l on l.ad_id = a.id join source s on s.id = a.source_id
    join stat_profile sp on sp.profile_key = fyren_stat_key(l.profile_id)
  where a.municipality_code is not null and ${where}`;

/** stat_week rows (one per kommun, ISO week and profile) from stat_ad. */
const WEEK_ROWS = (where: SQL) => sql`
  insert into stat_week (kommun_code, week, profile_key, ads, sugar_ads, profile_first_day, home_code, is_touring)
  select a.kommun_code, w.week::date, a.profile_key, count(*)::int, (count(*) filter (where a.is_sugar))::int,
    min(a.profile_first_day), min(a.home_code), bool_or(a.is_touring)
  from stat_ad a
  cross join lateral generate_series(date_trunc('week', a.first_day::timestamp), date_trunc('week', a.last_day::timestamp), interval '7 days') w(week)
  where ${where}
  group by a.kommun_code, w.week, a.profile_key`;

const inArea = (codes: readonly string[], period: Period, alias = 'a') =>
  sql`${sql.raw(alias)}.kommun_code = any(${textArray(codes)}) and ${sql.raw(alias)}.first_day <= ${period.to}::date and ${sql.raw(alias)}.last_day >= ${period.from}::date`;

/**
 * The spans of the area's profiles (or of these kommuner's, per kommun) that count each profile
 * active in the period once: the span overlaps the period and the profile's previous span in
 * the area ended before it.
 */
const FIRST_SPANS = (areaIds: SQL, period: Period) => sql`
  stat_area_span s where s.area_id = any(${areaIds}) and s.last_day >= ${period.from}::date and s.first_day <= ${period.to}::date
    and (s.prev_last_day is null or s.prev_last_day < ${period.from}::date)`;

/** Active ads per area: first seen by the period's end minus last seen before its start. */
const ACTIVE_ADS = (areaIds: SQL, period: Period) => sql`
  select d.area_id, (coalesce(sum(d.first_ads) filter (where d.day <= ${period.to}::date), 0)
      - coalesce(sum(d.last_ads) filter (where d.day < ${period.from}::date), 0))::int as ads,
    (coalesce(sum(d.first_sugar_ads) filter (where d.day <= ${period.to}::date), 0)
      - coalesce(sum(d.last_sugar_ads) filter (where d.day < ${period.from}::date), 0))::int as "sugarAds"
  from stat_area_day d where d.area_id = any(${areaIds}) and d.day <= ${period.to}::date group by d.area_id`;

/** system_setting key of the aggregates' version (see `version()`). */
const STATS_VERSION_KEY = 'statistics.version';

export class DrizzleStatsRepository implements StatsRepository {
  constructor(private readonly db: Db) {}

  async refreshAll(): Promise<void> {
    // The per-area tables' lock before their rows go (fyren_stat_apply takes it too).
    await this.db.execute(sql`select fyren_stat_lock()`);
    // TRUNCATE, not DELETE: the tables are written again from empty storage, with no dead rows
    // in their indexes (about a quarter of the refresh at a million ads). It is transactional, but
    // it holds an exclusive lock: dashboards wait for this transaction (a linking rebuild, which
    // holds the linking tables the same way, or a demo reset) instead of showing the old figures.
    await this.db.execute(sql`truncate stat_area_span, stat_area_week, stat_area_day, stat_week, stat_ad, stat_profile`);
    await this.db.execute(PROFILE_ROWS(sql`true`));
    await this.db.execute(AD_ROWS(sql`true`));
    await this.db.execute(WEEK_ROWS(sql`true`));
    await this.db.execute(sql`select fyren_stat_apply(null, 1)`);
    await this.bumpVersion();
  }

  async version(): Promise<number> {
    const r = await this.db.execute(sql`select (value #>> '{}')::bigint as v from system_setting where key = ${STATS_VERSION_KEY}`);
    return Number(rowsOf<{ v: string | number }>(r)[0]?.v ?? 0);
  }

  /** Marks the aggregates changed (same transaction as the change): cached dashboards are computed again. */
  private async bumpVersion(): Promise<void> {
    await this.db.execute(sql`
      insert into system_setting (key, value, updated_at) values (${STATS_VERSION_KEY}, '1'::jsonb, now())
      on conflict (key) do update set value = to_jsonb((system_setting.value #>> '{}')::bigint + 1), updated_at = now()`);
  }

  async refreshAds(adIds: readonly string[]): Promise<void> {
    if (adIds.length === 0) return;
    // All the ads at once, never in chunks: linking has already moved every one of them to its
    // new profile, so a chunk would write the rows of a later chunk's ads (their new profile's
    // key is in its set) while their old rows, under their old profile's key, were still there
    // (duplicate key on stat_ad_pkey after a 9,311-ad neighbourhood; issue #24).
    const ids = sql`(select unnest(${uuidArray(adIds)}))`;
    // The profiles these ads belonged to (stat_ad) and belong to now (link_ad).
    const before = rowsOf<{ k: string | number }>(
      await this.db.execute(sql`select distinct profile_key as k from stat_ad where ad_id in ${ids}`),
    );
    const now = rowsOf<{ k: string | number }>(
      await this.db.execute(sql`select distinct fyren_stat_key(profile_id) as k from link_ad where ad_id in ${ids}`),
    );
    const keys = [...new Set([...before, ...now].map((r) => String(r.k)))];
    const keySet = sql`(select unnest(${bigintArray(keys)}))`;
    // The per-area tables: these profiles' contribution out before their rows change, back in after.
    await this.db.execute(sql`select fyren_stat_apply(${bigintArray(keys)}, -1)`);
    await this.db.execute(sql`delete from stat_profile where profile_key in ${keySet}`);
    await this.db.execute(PROFILE_ROWS(sql`fyren_stat_key(p.id) in ${keySet}`));
    await this.db.execute(sql`delete from stat_ad where ad_id in ${ids} or profile_key in ${keySet}`);
    await this.db.execute(
      AD_ROWS(sql`(a.id in ${ids} or l.profile_id in (select 'pf-' || lpad(to_hex(k), 12, '0') from ${keySet} as ks(k)))`),
    );
    await this.db.execute(sql`delete from stat_week where profile_key in ${keySet}`);
    await this.db.execute(WEEK_ROWS(sql`a.profile_key in ${keySet}`));
    await this.db.execute(sql`select fyren_stat_apply(${bigintArray(keys)}, 1)`);
    await this.bumpVersion();
  }

  async totals(area: DashboardArea, period: Period): Promise<RawTotals> {
    const id = textArray([area.id]);
    const r = await this.db.execute(sql`
      select coalesce(a.ads, 0) as ads, coalesce(a."sugarAds", 0) as "sugarAds", p.profiles, p."newProfiles", p.inresta, p.networks
      from (
        select count(*)::int as profiles,
          (count(*) filter (where s.profile_first_day between ${period.from}::date and ${period.to}::date))::int as "newProfiles",
          (count(*) filter (where s.is_inresta))::int as inresta, count(distinct s.network_key)::int as networks
        from ${FIRST_SPANS(id, period)}) p
      left join (${ACTIVE_ADS(id, period)}) a on true`);
    const row = rowsOf<RawTotals>(r)[0];
    return row ?? { ads: 0, sugarAds: 0, profiles: 0, newProfiles: 0, inresta: 0, networks: 0 };
  }

  async weeks(area: DashboardArea, period: Period): Promise<RawWeek[]> {
    const r = await this.db.execute(sql`
      select to_char(week, 'YYYY-MM-DD') as week, ads, profiles, sugar_ads as "sugarAds", new_profiles as "newProfiles", inresta
      from stat_area_week
      where area_id = ${area.id} and week >= date_trunc('week', ${period.from}::date::timestamp)::date and week <= ${period.to}::date
        and profiles > 0
      order by week`);
    return rowsOf<RawWeek>(r);
  }

  async kommuner(area: DashboardArea, period: Period): Promise<RawKommun[]> {
    const codes = textArray(area.kommunCodes);
    const r = await this.db.execute(sql`
      select p.code, coalesce(a.ads, 0) as ads, p.profiles, p.inresta
      from (
        select s.area_id as code, count(*)::int as profiles, (count(*) filter (where s.is_inresta))::int as inresta
        from ${FIRST_SPANS(codes, period)} group by s.area_id) p
      left join (${ACTIVE_ADS(codes, period)}) a on a.area_id = p.code
      order by p.code`);
    return rowsOf<RawKommun>(r);
  }

  async indicators(area: DashboardArea, period: Period): Promise<RawIndicator[]> {
    // Profiles per distinct mask (a few hundred at most), then the bits counted here.
    const masks = rowsOf<{ m: string | number; n: number }>(
      await this.db.execute(
        sql`select s.indicator_mask::text as m, count(*)::int as n from ${FIRST_SPANS(textArray([area.id]), period)} group by 1`,
      ),
    ).map((r) => ({ mask: BigInt(r.m), n: Number(r.n) }));
    return STAT_INDICATOR_CODES.map((code, i) => ({
      code,
      profiles: masks.reduce((sum, x) => sum + (((x.mask >> BigInt(i)) & 1n) === 1n ? x.n : 0), 0),
    }))
      .filter((x) => x.profiles > 0)
      .sort((a, b) => b.profiles - a.profiles || (a.code < b.code ? -1 : 1));
  }

  async flows(codes: readonly string[], period: Period): Promise<RawFlow[]> {
    const r = await this.db.execute(sql`
      select from_code as "from", to_code as "to", count(distinct profile_id)::int as profiles
      from link_flow
      where day between ${period.from}::date and ${period.to}::date
        and (from_code = any(${textArray(codes)}) or to_code = any(${textArray(codes)}))
      group by from_code, to_code order by 3 desc, 1, 2 limit 200`);
    return rowsOf<RawFlow>(r);
  }

  async hasData(period: Period): Promise<boolean> {
    const r = await this.db.execute(sql`
      select exists (select 1 from ad_sighting
        where first_seen_at < (${period.to}::date + 1)::timestamp at time zone 'UTC'
          and last_seen_at >= ${period.from}::date::timestamp at time zone 'UTC') as "hasData"`);
    return rowsOf<{ hasData: boolean }>(r)[0]?.hasData === true;
  }

  async methodFacts(codes: readonly string[], period: Period): Promise<MethodFacts> {
    const start = sql`${period.from}::date::timestamp at time zone 'UTC'`;
    const end = sql`(${period.to}::date + 1)::timestamp at time zone 'UTC'`;
    const sites = rowsOf<{ id: string; name: string; kind: string; days: string[] | string | null }>(
      await this.db.execute(sql`
        with ads as (select a.id, a.source_id from stat_ad sa join ad a on a.id = sa.ad_id where ${inArea(codes, period, 'sa')}),
        days as (
          select a.source_id, (o.observed_at at time zone 'UTC')::date as day from ads a join ad_observation o on o.ad_id = a.id
            where o.observed_at >= ${start} and o.observed_at < ${end}
          union
          select a.source_id, (sg.first_seen_at at time zone 'UTC')::date from ads a join ad_sighting sg on sg.ad_id = a.id
            where sg.first_seen_at >= ${start} and sg.first_seen_at < ${end}
          union
          select a.source_id, (sg.last_seen_at at time zone 'UTC')::date from ads a join ad_sighting sg on sg.ad_id = a.id
            where sg.last_seen_at >= ${start} and sg.last_seen_at < ${end}
          union
          select c.source_id, (c.started_at at time zone 'UTC')::date from crawl_run c
            where c.source_id in (select source_id from ads) and c.started_at >= ${start} and c.started_at < ${end})
        select s.id, s.name, s.kind, array_agg(distinct to_char(d.day, 'YYYY-MM-DD')) as days
        from days d join source s on s.id = d.source_id group by s.id, s.name, s.kind order by s.id`),
    );
    const versions = rowsOf<{ kind: string; v: string }>(
      await this.db.execute(sql`
        with ads as (select sa.ad_id, sa.profile_key from stat_ad sa where ${inArea(codes, period, 'sa')})
        select distinct 'link' as kind, l.params_version as v from ads join link_ad l on l.ad_id = ads.ad_id
        union select distinct 'extraction', a.extraction_version from ads join ad a on a.id = ads.ad_id where a.extraction_version is not null
        union select distinct 'weights', p.weights_version from ads join stat_profile sp on sp.profile_key = ads.profile_key join link_profile p on p.id = sp.profile_id
        order by 1, 2`),
    );
    const of = (kind: string) => versions.filter((v) => v.kind === kind).map((v) => v.v);
    return {
      sites: sites.map((s) => ({ id: s.id, name: s.name, kind: s.kind, days: parseTextArray(s.days).sort() })),
      linkParams: of('link'),
      weights: of('weights'),
      extraction: of('extraction'),
    };
  }

  async saveMapping(row: MappingRow): Promise<void> {
    await this.db.insert(kartlaggning).values(row);
  }

  async listMappings(): Promise<MappingRow[]> {
    return this.db.select().from(kartlaggning).orderBy(desc(kartlaggning.createdAt));
  }

  async getMapping(id: string): Promise<MappingRow | null> {
    const rows = await this.db.select().from(kartlaggning).where(eq(kartlaggning.id, id));
    return rows[0] ?? null;
  }
}

/** A text[] from the driver: an array (pg) or its literal "{a,b}" (some PGlite paths). */
function parseTextArray(v: string[] | string | null): string[] {
  if (v === null) return [];
  if (Array.isArray(v)) return v;
  return v
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter((s) => s.length > 0)
    .map((s) => s.replace(/^"|"$/g, ''));
}
