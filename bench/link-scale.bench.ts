/**
 * Full linking rebuild at scale on the PostgreSQL server (issue #6 target: 1,000,000
 * generated ads, text and phones, images disabled, in under 10 minutes on this machine).
 *
 * Setup (not timed): distinct ads of a generated market are extracted on worker threads
 * and written straight into the ad table (the import pipeline is measured by
 * bench/import.bench.ts). Timed: `rebuildLinks`, the use case `fyren link --rebuild` runs:
 * reading every ad, linking, scoring, and writing every link row, value, edge, profile and
 * network in one transaction.
 *
 * BENCH_LINK_SCALE_ADS sets the number of ads (default 1,000,000). BENCH_LINK_SCALE_DB names a
 * database on the server to keep between runs (for profiling the rebuild): created, migrated
 * and filled on the first run, reused as it is (no setup) when it already holds the ads.
 */
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { ExtractPool } from '../src/adapters/workers/extract-pool';
import { LinkTextPool } from '../src/adapters/workers/link-text-pool';
import { unitOfWorkFor } from '../src/main/contexts';
import { ad, adSighting, source } from '../src/adapters/db/schema';
import { rebuildLinks } from '../src/app/intelligence/link-ads';
import { adContentHash } from '../src/core/ads/content-hash';
import { simulateMarket } from '../src/core/market/simulate-market';
import pg from 'pg';
import { openDatabase } from '../src/adapters/db/client';
import { createTestDatabase, SERVER_URL, type TestDatabase } from '../test/support/databases';
import type { BenchFigure } from './run';

const N = Number(process.env.BENCH_LINK_SCALE_ADS ?? 1_000_000);
const KEEP = process.env.BENCH_LINK_SCALE_DB;

/** The kept database BENCH_LINK_SCALE_DB names, created and migrated when missing; never dropped. */
async function keptDatabase(name: string): Promise<TestDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_LINK_SCALE_DB: "${name}" is not a plain database name`);
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  if (!exists) await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(SERVER_URL);
  u.pathname = `/${name}`;
  const database = await openDatabase({ engine: 'postgres', url: u.toString() });
  await database.migrate();
  return { database, env: { DATABASE_URL: u.toString() }, drop: () => database.close() };
}

export default async function bench(): Promise<BenchFigure[]> {
  const t = KEEP ? await keptDatabase(KEEP) : await createTestDatabase('postgres');
  const pool = new ExtractPool();
  try {
    const db = t.database.db;
    await db
      .insert(source)
      .values(
        ['demo-portal', 'demo-classifieds', 'demo-sugar'].map((id) => ({
          id,
          name: id,
          kind: 'other',
          defaultRegion: 'SE',
          baseUrl: null,
          isDemo: false,
        })),
      )
      .onConflictDoNothing();
    const setupStarted = performance.now();
    const have = (await db.execute(sql`select count(*)::int as n from ad`)) as unknown as { rows: { n: number }[] };
    const isFilled = KEEP !== undefined && (have.rows[0]?.n ?? 0) >= N;
    const seen = new Set<string>();
    let batch: {
      source: string;
      externalId: string;
      url: string;
      observedAt: string;
      title: string;
      body: string;
      location?: string;
      phoneField?: string;
      age?: number;
    }[] = [];
    let stored = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const ex = await pool.extractMany(
        batch.map((r) => ({
          input: { title: r.title, body: r.body, location: r.location, phoneField: r.phoneField, age: r.age },
          region: 'SE',
        })),
      );
      const rows = batch.map((r, i) => {
        const e = ex[i];
        const at = new Date(r.observedAt);
        return {
          sourceId: r.source,
          externalId: r.externalId,
          url: r.url,
          seenAt: at,
          title: r.title,
          body: r.body,
          location: r.location ?? null,
          phoneField: r.phoneField ?? null,
          statedAge: r.age ?? null,
          contentHash: adContentHash({
            title: r.title,
            body: r.body,
            location: r.location ?? null,
            phoneField: r.phoneField ?? null,
            statedAge: r.age ?? null,
          }),
          phones: [...new Set((e?.phones ?? []).map((p) => p.value.e164))],
          municipalityCode: e?.municipality?.value.municipality.code ?? null,
          extraction: (e ?? null) as Record<string, unknown> | null,
          extractionVersion: e?.lexiconVersion ?? null,
        };
      });
      for (let i = 0; i < rows.length; i += 1000) {
        const part = rows.slice(i, i + 1000);
        const ids = await db
          .insert(ad)
          .values(part.map(({ seenAt: _seen, ...row }) => row))
          .onConflictDoNothing()
          .returning({ id: ad.id, externalId: ad.externalId, sourceId: ad.sourceId });
        const seenAt = new Map(part.map((r) => [`${r.sourceId}:${r.externalId}`, r.seenAt]));
        // Sightings (first and last seen) live apart from the content (ADR 0007).
        if (ids.length > 0)
          await db.insert(adSighting).values(
            ids.map((x) => {
              const at = seenAt.get(`${x.sourceId}:${x.externalId}`) as Date;
              return { adId: x.id, firstSeenAt: at, lastSeenAt: at };
            }),
          );
      }
      stored += rows.length;
      batch = [];
    };
    // Many people over few days: mostly distinct ads. Each ad once, as first seen.
    if (isFilled) stored = have.rows[0]?.n ?? 0;
    else
      for (const item of simulateMarket({ seed: 23, persons: Math.ceil(N / 1.4), days: 4, startDate: '2026-01-05' })) {
        if (item.kind !== 'observation') continue;
        const r = item.record;
        const key = `${r.source}:${r.externalId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        batch.push(r);
        if (batch.length >= 4000) await flush();
        if (stored + batch.length >= N) break;
      }
    await flush();
    await db.execute(sql`analyze`);
    const setupSecs = (performance.now() - setupStarted) / 1000;

    const deps = { uow: unitOfWorkFor(db), clock: { now: () => new Date() } };
    const started = performance.now();
    // As `fyren link --rebuild` runs it: the text facts on a worker thread.
    const texts = new LinkTextPool();
    const summary = await rebuildLinks(deps, { actor: null, requestId: 'bench-rebuild' }, { texts }).finally(() => texts.close());
    const secs = (performance.now() - started) / 1000;
    return [
      { name: `setup: ${stored} distinct ads extracted and stored (not timed below)`, value: Math.round(setupSecs), unit: 's' },
      {
        name: `full linking rebuild on PostgreSQL: ${summary.ads} ads → ${summary.profiles} profiles, ${summary.networks} networks, ${summary.edges} edges`,
        value: Math.round(secs),
        unit: 's',
        ...(stored >= 1_000_000 ? { target: '< 600', isMet: secs < 600 } : {}),
      },
      // Where the time went (rebuildLinks' phases; writing overlaps scoring).
      ...Object.entries(summary.phases ?? {}).map(([name, ms]) => ({
        name: `  phase: ${name}`,
        value: Math.round(ms / 100) / 10,
        unit: 's',
      })),
      { name: 'machine load average (1 min) at the end', value: Math.round((loadavg()[0] ?? 0) * 10) / 10, unit: '' },
    ];
  } finally {
    await pool.close();
    await t.drop();
  }
}
