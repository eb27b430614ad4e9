/**
 * Import throughput into PostgreSQL (issue #5 target: >= 2,000 ads/s, text only) and PGlite,
 * through the pipeline `fyren import` runs (importAdRecordBatches: validation-free AdRecords →
 * extraction on a worker pool, overlapped with → idempotent store → audit), in batches of 500,
 * on a generated multi-day market, into a fresh database. Needs the PostgreSQL server
 * (TEST_DATABASE_URL or 127.0.0.1:5432).
 */
import { importAdRecordBatches, type AdRecordLike } from '../src/app/intelligence/import-ad-records';
import { ExtractPool } from '../src/adapters/workers/extract-pool';
import { unitOfWorkFor } from '../src/main/contexts';
import { simulateMarket } from '../src/core/market/simulate-market';
import { createTestDatabase, type Engine } from '../test/support/databases';
import type { BenchFigure } from './run';

const N = Number(process.env.BENCH_IMPORT_RECORDS ?? 40_000);

function records(): AdRecordLike[] {
  const out: AdRecordLike[] = [];
  for (const item of simulateMarket({ seed: 5, persons: 2_000, days: 30, startDate: '2026-01-05' })) {
    if (item.kind === 'observation') out.push(item.record);
    if (out.length >= N) break;
  }
  return out;
}

/** The way `fyren import` runs (importAdRecordBatches): extraction of the next batch on worker threads while this batch is written. */
async function measure(engine: Engine, recs: AdRecordLike[], pool: ExtractPool): Promise<{ perSecond: number; newAds: number }> {
  const t = await createTestDatabase(engine);
  try {
    const deps = { uow: unitOfWorkFor(t.database.db), clock: { now: () => new Date() }, extractor: pool };
    const batches: AdRecordLike[][] = [];
    for (let i = 0; i < recs.length; i += 500) batches.push(recs.slice(i, i + 500));
    let newAds = 0;
    const started = performance.now();
    await importAdRecordBatches(deps, { actor: null, requestId: 'bench' }, batches, { isDemo: false }, (_records, result) => {
      newAds += result.newAds;
    });
    const secs = (performance.now() - started) / 1000;
    return { perSecond: Math.round(recs.length / secs), newAds };
  } finally {
    await t.drop();
  }
}

export default async function bench(): Promise<BenchFigure[]> {
  const recs = records();
  const pool = new ExtractPool();
  const pg = await measure('postgres', recs, pool);
  const lite = await measure('pglite', recs.slice(0, Math.min(recs.length, 20_000)), pool);
  await pool.close();
  return [
    {
      name: `import into PostgreSQL, ${recs.length} records (${pg.newAds} ads)`,
      value: pg.perSecond,
      unit: 'records/s',
      target: '>= 2000',
      isMet: pg.perSecond >= 2000,
    },
    { name: 'import into PGlite (embedded), 20,000 records', value: lite.perSecond, unit: 'records/s' },
  ];
}
