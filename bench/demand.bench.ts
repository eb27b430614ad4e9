/**
 * Counting the demand side at scale on the PostgreSQL server (issue #9): 1,000,000 account
 * observations (an account active in a week) of 125,000 buyer-side accounts on two sites,
 * spread over 290 kommuner and 52 weeks.
 *
 * Setup (not timed): accounts and their active weeks are written with SQL (generate_series).
 * Timed: the counts the dashboard and the report ask for — the weekly series (active, distinct,
 * new, gone) for the whole country and for one kommun, and distinct buyers per kommun for every
 * week — plus storing 50,000 sightings through the pseudonymising path (recordBuyerSightings).
 *
 * BENCH_DEMAND_OBSERVATIONS sets the number of observations (default 1,000,000).
 */
import { sql } from 'drizzle-orm';
import { recordBuyerSightings } from '../src/app/demand/record-buyer-sightings';
import { unitOfWorkFor } from '../src/main/contexts';
import { jsonParam } from '../src/adapters/db/sql';
import { HmacPseudonymiser } from '../src/adapters/security/pseudonym-secret';
import { KOMMUNER, LAN } from '../src/core/places';
import { createTestDatabase } from '../test/support/databases';
import type { BenchFigure } from './run';

const N = Number(process.env.BENCH_DEMAND_OBSERVATIONS ?? 1_000_000);
const WEEKS_PER_ACCOUNT = 8;
const START = '2025-01-06';

export default async function bench(): Promise<BenchFigure[]> {
  const t = await createTestDatabase('postgres');
  try {
    const db = t.database.db;
    const accounts = Math.ceil(N / WEEKS_PER_ACCOUNT);
    const codes = KOMMUNER.map((k) => k.code);
    const regionOf = Object.fromEntries(LAN.map((l) => [l.code, l.policeRegion]));
    const regions = codes.map((c) => regionOf[c.slice(0, 2)] ?? 'Nord');
    const setupStarted = performance.now();
    // Accounts: a buyer key per account; every fifth is the same buyer on the sugar site.
    const places = codes.map((code, i) => ({ i, code, lan: code.slice(0, 2), region: regions[i] }));
    await db.execute(sql`
      with k as (select * from json_to_recordset(${jsonParam(places)}::text::json) as k(i int, code text, lan text, region text))
      insert into demand_account (buyer_key, source, place_level, kommun_code, lan_code, police_region, age_band,
                                  first_seen_at, last_seen_at)
      select md5('b' || (case when g.i % 5 = 0 then g.i - 1 else g.i end))::uuid,
             case when g.i % 5 = 0 then 'sugar' else 'forum' end, 'kommun', k.code, k.lan, k.region, '45-54', now(), now()
      from generate_series(1, ${accounts}) as g(i) join k on k.i = (g.i * 7919) % ${codes.length}
      on conflict do nothing`);
    // Active weeks: 8 per account at a spread of start weeks.
    await db.execute(sql`
      insert into demand_activity (account_id, week)
      select a.id, (${START}::date + ((abs(hashtext(a.id::text)) % 44 + w * 1) * 7))
      from demand_account a cross join generate_series(0, ${WEEKS_PER_ACCOUNT - 1}) as s(w)
      on conflict do nothing`);
    await db.execute(sql`analyze demand_account`);
    await db.execute(sql`analyze demand_activity`);
    const [n] = ((await db.execute(sql`select count(*)::int as n from demand_activity`)) as unknown as { rows: { n: number }[] }).rows;
    const setupMs = performance.now() - setupStarted;

    const uow = unitOfWorkFor(db);
    const to = '2025-12-29';
    const time = async <T>(fn: () => Promise<T>): Promise<[number, T]> => {
      const s = performance.now();
      const r = await fn();
      return [performance.now() - s, r];
    };
    const [landMs, land] = await time(() => uow.transaction((r) => r.demand.weekly({ level: 'land', code: 'SE' }, START, to)));
    const [kommunMs] = await time(() => uow.transaction((r) => r.demand.weekly({ level: 'kommun', code: '0180' }, START, to)));
    const [byAreaMs, byArea] = await time(() => uow.transaction((r) => r.demand.distinctByArea('kommun', START, to)));

    // Storing sightings through the pseudonymising path.
    const sightings = Array.from({ length: 50_000 }, (_, i) => ({
      handle: `bench_handle_${i}`,
      place: i % 3 === 0 ? 'Västerbottens län' : 'Umeå',
      placeLan: null,
      age: '45–54 år',
      memberSince: '2024-05-01',
      lastActive: '2025-12-30',
    }));
    const pseudonymiser = new HmacPseudonymiser('bench-secret-bench-secret-bench-secret-0');
    const [storeMs] = await time(() =>
      recordBuyerSightings({ uow, pseudonymiser }, { source: 'bench', isDemo: false }, new Date('2025-12-31T20:00:00Z'), sightings),
    );

    const totalDistinct = land.reduce((s, w) => s + w.distinct, 0);
    return [
      { name: 'demand: account observations counted (setup, not timed)', value: n?.n ?? 0, unit: 'rows' },
      { name: 'demand: setup time', value: Math.round(setupMs), unit: 'ms' },
      {
        name: 'demand: weekly series, whole country (active/distinct/new/gone)',
        value: Math.round(landMs),
        unit: 'ms',
        target: '< 10000',
        isMet: landMs < 10_000,
      },
      { name: 'demand: weekly series, one kommun (Stockholm)', value: Math.round(kommunMs), unit: 'ms' },
      { name: 'demand: distinct buyers per kommun and week (all weeks)', value: Math.round(byAreaMs), unit: 'ms' },
      { name: 'demand: kommun-week cells counted', value: byArea.length, unit: 'cells' },
      { name: 'demand: sum of weekly distinct buyers (check)', value: totalDistinct, unit: 'buyer-weeks' },
      { name: 'demand: store 50,000 sightings (HMAC + upsert)', value: Math.round(50_000 / (storeMs / 1000)), unit: 'sightings/s' },
    ];
  } finally {
    await t.drop();
  }
}
