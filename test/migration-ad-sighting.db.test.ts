/**
 * Migration 0009 on both engines: an installation with ads (dates, missed crawls, a removal)
 * keeps them when the sighting columns move to ad_sighting, and the store, search and the
 * crawl bookkeeping go on from there.
 */
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { importAdRecords } from '../src/app/intelligence/import-ad-records';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { migrateBefore } from './support/migrations';

describe.each(ENGINES)('migration 0009 (ad_sighting) on %s', (engine) => {
  let t: TestDatabase;
  afterAll(async () => t?.drop());

  it('moves the sighting columns of existing ads to ad_sighting', async () => {
    t = await createTestDatabase(engine, { isMigrated: false });
    const db = t.database.db;
    await migrateBefore(t.database, '0009_ad_sighting');

    await db.execute(sql`insert into source (id, name, kind) values ('old-portal', 'Old', 'escort')`);
    await db.execute(sql`
      insert into ad (source_id, external_id, url, first_seen_at, last_seen_at, removed_at, title, body, content_hash, phones, missed_crawls, extraction_version)
      values ('old-portal', 'live', 'https://o.invalid/live', '2026-01-01T10:00:00Z', '2026-02-01T10:00:00Z', null, 'Hej', 'Ring 070-123 45 67', 'h-live', '{+46701234567}', 1, 'old'),
             ('old-portal', 'gone', 'https://o.invalid/gone', '2025-12-01T10:00:00Z', '2025-12-20T10:00:00Z', '2026-01-05T10:00:00Z', 'Då', 'Borta', 'h-gone', '{}', 3, 'old')`);
    await db.execute(
      sql`insert into ad_version (ad_id, content_hash, first_observed_at, title, body) select id, content_hash, first_seen_at, title, body from ad`,
    );

    await t.database.migrate();

    const rows = (await db.execute(sql`
      select a.external_id, s.first_seen_at, s.last_seen_at, s.missed_crawls, s.removed_at
      from ad a join ad_sighting s on s.ad_id = a.id order by a.external_id`)) as unknown as {
      rows: { external_id: string; first_seen_at: string; last_seen_at: string; missed_crawls: number; removed_at: string | null }[];
    };
    const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
    expect(rows.rows.map((r) => [r.external_id, iso(r.first_seen_at), iso(r.last_seen_at), r.missed_crawls, iso(r.removed_at)])).toEqual([
      ['gone', '2025-12-01T10:00:00.000Z', '2025-12-20T10:00:00.000Z', 3, '2026-01-05T10:00:00.000Z'],
      ['live', '2026-01-01T10:00:00.000Z', '2026-02-01T10:00:00.000Z', 1, null],
    ]);
    const columns = (await db.execute(
      sql`select column_name from information_schema.columns where table_name = 'ad' and column_name in ('first_seen_at', 'last_seen_at', 'missed_crawls', 'removed_at')`,
    )) as unknown as { rows: unknown[] };
    expect(columns.rows).toEqual([]);

    // The store goes on from the migrated rows: a new sighting of the removed ad brings it back
    // and, its extraction being of an older version, extracts it again.
    const deps = testDeps(t.database);
    const res = await importAdRecords(
      deps,
      { actor: null, requestId: 'migration-test' },
      [
        {
          source: 'old-portal',
          externalId: 'gone',
          url: 'https://o.invalid/gone',
          observedAt: '2026-02-10T10:00:00Z',
          title: 'Då',
          body: 'Borta',
        },
      ],
      { isDemo: false },
    );
    expect(res).toMatchObject({ newAds: 0, newObservations: 1 });
    const gone = (await db.execute(sql`
      select s.last_seen_at, s.missed_crawls, s.removed_at, a.extraction_version
      from ad a join ad_sighting s on s.ad_id = a.id where a.external_id = 'gone'`)) as unknown as {
      rows: { last_seen_at: string; missed_crawls: number; removed_at: string | null; extraction_version: string }[];
    };
    expect(gone.rows[0]).toMatchObject({ missed_crawls: 0, removed_at: null });
    expect(iso(gone.rows[0]!.last_seen_at)).toBe('2026-02-10T10:00:00.000Z');
    expect(gone.rows[0]!.extraction_version).not.toBe('old');
    const seen = await deps.uow.transaction((r) => r.ads.search({ seenFrom: new Date('2026-02-05T00:00:00Z'), limit: 10 }));
    expect(seen.map((a) => a.externalId)).toEqual(['gone']);
    expect(await deps.uow.transaction((r) => r.ads.markMissed('old-portal', new Date('2026-02-05T00:00:00Z'), 2, new Date()))).toBe(1);
  });
});
