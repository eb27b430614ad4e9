/**
 * The demand side in the database: keyed pseudonyms, counted accounts, active weeks, events and
 * probes (schema: demand_*). Counting runs in SQL so a million account-weeks never leave the
 * database (bench/demand.bench.ts).
 */
import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type {
  DemandAccountInput,
  DemandArea,
  DemandEventRow,
  DemandProbeRow,
  DemandRepository,
  DemandWeekRow,
} from '../../app/demand/ports';
import type { AreaLevel, DemandEventKind } from '../../contracts/demand';
import { LAN } from '../../core/places';
import type { Db } from './client';
import { jsonParam, rowsOf } from './sql';
import { demandEvent, demandProbe } from './schema';

/** The account condition of an area (alias `a` = demand_account). */
function accountCondition(area: DemandArea): SQL {
  switch (area.level) {
    case 'kommun':
      return sql`a.kommun_code = ${area.code}`;
    case 'lan':
      return sql`a.lan_code = ${area.code}`;
    case 'polisregion':
      return sql`a.police_region = ${area.code}`;
    case 'land':
      return sql`true`;
  }
}

/** The ad condition of an area (alias `ad` = ad). */
/** The rows of `column` (a kommun code) that lie in the area. */
function kommunCondition(area: DemandArea, column: SQL): SQL {
  switch (area.level) {
    case 'kommun':
      return sql`${column} = ${area.code}`;
    case 'lan':
      return sql`left(${column}, 2) = ${area.code}`;
    case 'polisregion': {
      const codes = LAN.filter((l) => l.policeRegion === area.code).map((l) => l.code);
      return sql`left(${column}, 2) in (${sql.join(
        codes.map((c) => sql`${c}`),
        sql`, `,
      )})`;
    }
    case 'land':
      return sql`true`;
  }
}

const LEVEL_COLUMN = { kommun: sql.raw('a.kommun_code'), lan: sql.raw('a.lan_code'), polisregion: sql.raw('a.police_region') } as const;

function toEventRow(r: typeof demandEvent.$inferSelect): DemandEventRow {
  return {
    id: r.id,
    kind: r.kind as DemandEventKind,
    title: r.title,
    areaLevel: r.areaLevel as AreaLevel,
    areaCode: r.areaCode,
    date: r.date,
    isDemo: r.isDemo,
  };
}

function toProbeRow(r: typeof demandProbe.$inferSelect): DemandProbeRow {
  return {
    id: r.id,
    startedAt: r.startedAt,
    site: r.site,
    areaLevel: r.areaLevel as AreaLevel,
    areaCode: r.areaCode,
    profileDescription: r.profileDescription,
    windowMinutes: r.windowMinutes,
    repliesFirstHour: r.repliesFirstHour,
    repliesTotal: r.repliesTotal,
    isDemo: r.isDemo,
  };
}

export class DrizzleDemandRepository implements DemandRepository {
  constructor(private readonly db: Db) {}

  async applySightings(rows: DemandAccountInput[], at: Date): Promise<{ newAccounts: number; newActiveWeeks: number }> {
    if (rows.length === 0) return { newAccounts: 0, newActiveWeeks: 0 };
    const pseudonyms = [...new Set(rows.map((r) => r.pseudonym))].sort().map((p) => ({ p }));
    const keys = rowsOf<{ pseudonym: string; buyer_key: string }>(
      await this.db.execute(sql`
        insert into demand_pseudonym (pseudonym, last_seen_at)
        select k.p, ${at.toISOString()}::timestamptz from json_to_recordset(${jsonParam(pseudonyms)}::text::json) as k(p text)
        on conflict (pseudonym) do update set last_seen_at = greatest(demand_pseudonym.last_seen_at, excluded.last_seen_at)
        returning pseudonym, buyer_key`),
    );
    const keyOf = new Map(keys.map((k) => [k.pseudonym, k.buyer_key]));
    // One row per site account; the newest sighting in the batch gives the place and band.
    const accounts = new Map<string, DemandAccountInput & { buyerKey: string }>();
    const weeks: { k: string; w: string }[] = [];
    for (const r of rows) {
      const buyerKey = keyOf.get(r.pseudonym)!;
      const k = `${r.source}|${buyerKey}`;
      accounts.set(k, { ...r, buyerKey });
      if (r.activeWeek) weeks.push({ k, w: r.activeWeek });
    }
    const accountRows = [...accounts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, a]) => ({
        k,
        buyer_key: a.buyerKey,
        source: a.source,
        place_level: a.placeLevel,
        kommun_code: a.kommunCode,
        lan_code: a.lanCode,
        police_region: a.policeRegion,
        age_band: a.ageBand,
        member_since: a.memberSince,
        is_demo: a.isDemo,
      }));
    const stored = rowsOf<{ k: string; id: string; is_new: boolean }>(
      await this.db.execute(sql`
        with k as (
          select * from json_to_recordset(${jsonParam(accountRows)}::text::json) as k(
            k text, buyer_key uuid, source text, place_level text, kommun_code text, lan_code text,
            police_region text, age_band text, member_since date, is_demo boolean)),
        ins as (
          insert into demand_account (buyer_key, source, place_level, kommun_code, lan_code, police_region, age_band,
                                      member_since, first_seen_at, last_seen_at, is_demo)
          select buyer_key, source, place_level, kommun_code, lan_code, police_region, age_band, member_since,
                 ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz, is_demo from k
          on conflict (source, buyer_key) do update set
            place_level = excluded.place_level, kommun_code = excluded.kommun_code, lan_code = excluded.lan_code,
            police_region = excluded.police_region, age_band = excluded.age_band, member_since = excluded.member_since,
            first_seen_at = least(demand_account.first_seen_at, excluded.first_seen_at),
            last_seen_at = greatest(demand_account.last_seen_at, excluded.last_seen_at)
          returning id, buyer_key, source, (xmax = 0) as is_new)
        select k.k, ins.id, ins.is_new from ins join k on k.buyer_key = ins.buyer_key and k.source = ins.source`),
    );
    const idOf = new Map(stored.map((s) => [s.k, s.id]));
    const activity = [...new Set(weeks.map((w) => `${idOf.get(w.k)!}|${w.w}`))].map((x) => {
      const [id, w] = x.split('|') as [string, string];
      return { id, w };
    });
    let newActiveWeeks = 0;
    if (activity.length) {
      const [n] = rowsOf<{ n: number }>(
        await this.db.execute(sql`
          with ins as (
            insert into demand_activity (account_id, week)
            select k.id, k.w from json_to_recordset(${jsonParam(activity)}::text::json) as k(id uuid, w date)
            on conflict do nothing returning 1)
          select count(*)::int as n from ins`),
      );
      newActiveWeeks = n?.n ?? 0;
    }
    return { newAccounts: stored.filter((s) => s.is_new).length, newActiveWeeks };
  }

  async weekly(area: DemandArea, fromWeek: string, toWeek: string): Promise<DemandWeekRow[]> {
    // One pass: buyer-weeks with their account count, then each buyer's previous and next
    // active week (window functions) give new (no previous) and gone (no next the week after).
    const rows = rowsOf<{ week: string; active: number; distinct_n: number; new_n: number; gone_n: number }>(
      await this.db.execute(sql`
        with kw as (
          select a.buyer_key, w.week, count(*)::int as accounts
          from demand_activity w join demand_account a on a.id = w.account_id
          where ${accountCondition(area)} and w.week <= ${toWeek}::date
          group by a.buyer_key, w.week),
        s as (
          select week, accounts,
                 lag(week) over b as prev, lead(week) over b as next
          from kw window b as (partition by buyer_key order by week)),
        cur as (
          select week, sum(accounts)::int as active, count(*)::int as distinct_n,
                 count(*) filter (where prev is null)::int as new_n
          from s where week between ${fromWeek}::date and ${toWeek}::date group by week),
        gone_w as (
          select week + 7 as week, count(*)::int as n from s
          where (next is null or next > week + 7) and week + 7 between ${fromWeek}::date and ${toWeek}::date
          group by week + 7)
        select to_char(coalesce(cur.week, gone_w.week), 'YYYY-MM-DD') as week, coalesce(cur.active, 0) as active,
               coalesce(cur.distinct_n, 0) as distinct_n, coalesce(cur.new_n, 0) as new_n, coalesce(gone_w.n, 0) as gone_n
        from cur full join gone_w on gone_w.week = cur.week
        order by 1`),
    );
    return rows.map((r) => ({ week: r.week, active: r.active, distinct: r.distinct_n, new: r.new_n, gone: r.gone_n }));
  }

  async distinctByArea(level: 'kommun' | 'lan' | 'polisregion', fromWeek: string, toWeek: string) {
    const col = LEVEL_COLUMN[level];
    return rowsOf<{ week: string; code: string; distinct: number }>(
      await this.db.execute(sql`
        select to_char(w.week, 'YYYY-MM-DD') as week, ${col} as code, count(distinct a.buyer_key)::int as distinct
        from demand_activity w join demand_account a on a.id = w.account_id
        where ${col} is not null and w.week between ${fromWeek}::date and ${toWeek}::date
        group by w.week, ${col} order by w.week, ${col}`),
    );
  }

  async placeLevelCounts(area: DemandArea, fromWeek: string, toWeek: string): Promise<{ lanOnly: number; none: number }> {
    const [r] = rowsOf<{ lan_only: number; none: number }>(
      await this.db.execute(sql`
        select count(distinct a.buyer_key) filter (where a.place_level = 'lan')::int as lan_only,
               count(distinct a.buyer_key) filter (where a.place_level = 'none')::int as none
        from demand_account a
        where ${accountCondition(area)}
          and exists (select 1 from demand_activity w where w.account_id = a.id and w.week between ${fromWeek}::date and ${toWeek}::date)`),
    );
    return { lanOnly: r?.lan_only ?? 0, none: r?.none ?? 0 };
  }

  async supplyWeekly(area: DemandArea, fromWeek: string, toWeek: string): Promise<{ week: string; profiles: number }[]> {
    return rowsOf<{ week: string; profiles: number }>(
      await this.db.execute(sql`
        -- Supply is people, not ads: distinct linked profiles active in the area that week
        -- (stat_week, kept by linking; a profile in two kommuner of the area counts once).
        with weeks as (select generate_series(${fromWeek}::date, ${toWeek}::date, interval '7 days')::date as week)
        select to_char(weeks.week, 'YYYY-MM-DD') as week, count(distinct w.profile_key)::int as profiles
        from weeks
        join stat_week w on w.week = weeks.week
        where ${kommunCondition(area, sql.raw('w.kommun_code'))}
        group by weeks.week order by weeks.week`),
    );
  }

  async insertEvent(row: Omit<DemandEventRow, 'id'> & { createdBy: string | null }): Promise<DemandEventRow> {
    const [r] = await this.db.insert(demandEvent).values(row).returning();
    return toEventRow(r!);
  }

  async getEvent(id: string): Promise<DemandEventRow | null> {
    const [r] = await this.db.select().from(demandEvent).where(eq(demandEvent.id, id));
    return r ? toEventRow(r) : null;
  }

  async listEvents(fromDate: string, toDate: string): Promise<DemandEventRow[]> {
    const rows = await this.db
      .select()
      .from(demandEvent)
      .where(and(gte(demandEvent.date, fromDate), lte(demandEvent.date, toDate)))
      .orderBy(asc(demandEvent.date), asc(demandEvent.title));
    return rows.map(toEventRow);
  }

  async insertProbes(rows: (Omit<DemandProbeRow, 'id'> & { createdBy: string | null })[]): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted = await this.db.insert(demandProbe).values(rows).returning({ id: demandProbe.id });
    return inserted.length;
  }

  async listProbes(from: Date, to: Date): Promise<DemandProbeRow[]> {
    const rows = await this.db
      .select()
      .from(demandProbe)
      .where(and(gte(demandProbe.startedAt, from), lte(demandProbe.startedAt, to)))
      .orderBy(desc(demandProbe.startedAt));
    return rows.map(toProbeRow);
  }

  async purgePseudonyms(before: Date): Promise<number> {
    const rows = rowsOf<{ n: number }>(
      await this.db.execute(sql`
        with del as (delete from demand_pseudonym where last_seen_at < ${before.toISOString()}::timestamptz returning 1)
        select count(*)::int as n from del`),
    );
    return rows[0]?.n ?? 0;
  }

  async deleteDemo(): Promise<{ accounts: number; events: number; probes: number }> {
    const [a] = rowsOf<{ n: number }>(
      await this.db.execute(sql`with del as (delete from demand_account where is_demo returning 1) select count(*)::int as n from del`),
    );
    await this.db.execute(
      sql`delete from demand_pseudonym p where not exists (select 1 from demand_account a where a.buyer_key = p.buyer_key)`,
    );
    const events = await this.db.delete(demandEvent).where(eq(demandEvent.isDemo, true)).returning({ id: demandEvent.id });
    const probes = await this.db.delete(demandProbe).where(eq(demandProbe.isDemo, true)).returning({ id: demandProbe.id });
    return { accounts: a?.n ?? 0, events: events.length, probes: probes.length };
  }

  async hasDemo(): Promise<boolean> {
    const [r] = rowsOf<{ x: boolean }>(
      await this.db.execute(sql`select exists (select 1 from demand_account where is_demo)
        or exists (select 1 from demand_event where is_demo) or exists (select 1 from demand_probe where is_demo) as x`),
    );
    return r?.x ?? false;
  }
}
