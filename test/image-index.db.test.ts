/**
 * The pHash block-key index (migration 0016) on both engines: pictures stored before it get
 * their keys, and with it a new picture's group and an image search find exactly what
 * comparing against every stored picture finds.
 */
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { DrizzleAdRepository } from '../src/adapters/db/ad.repository';
import { DrizzleEvidenceRepository } from '../src/adapters/db/evidence.repository';
import { hammingDistance, phashKeys } from '../src/core/images/phash';
import { IMAGE_REUSE_MAX_DISTANCE } from '../src/core/link/params';
import { importAdRecords } from '../src/app/intelligence/import-ad-records';
import { createTestDatabase, ENGINES, rowsOf, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { migrateBefore } from './support/migrations';

/** Deterministic 64-bit hashes: clusters of near copies (1–9 bits off a base) and loners. */
function hashes(seed: number, count: number): string[] {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
  const hex = (hi: number, lo: number) => hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
  const out: string[] = [];
  while (out.length < count) {
    const hi = next();
    const lo = next();
    out.push(hex(hi, lo));
    const copies = next() % 4;
    for (let c = 0; c < copies && out.length < count; c++) {
      let h = hi;
      let l = lo;
      const flips = 1 + (next() % 9);
      for (let f = 0; f < flips; f++) {
        const bit = next() % 64;
        if (bit < 32) h = (h ^ (1 << bit)) >>> 0;
        else l = (l ^ (1 << (bit - 32))) >>> 0;
      }
      out.push(hex(h, l));
    }
  }
  return out;
}

describe.each(ENGINES)('pHash block-key index on %s', (engine) => {
  let t: TestDatabase;
  afterAll(async () => t?.drop());

  it('gives pictures stored before migration 0016 their keys, then groups and searches as a full comparison does', async () => {
    t = await createTestDatabase(engine, { isMigrated: false });
    const db = t.database.db;
    await migrateBefore(t.database, '0016_image_phash_keys');
    const old = hashes(1, 40);
    for (const [i, h] of old.entries())
      await db.execute(
        sql`insert into image (sha256, phash, size, first_seen_at, group_key) values (${`old${i}`}, ${h}, 1, ${new Date(Date.UTC(2026, 0, 1, 0, i))}, ${`old${i}`})`,
      );
    await db.execute(sql`insert into image (sha256, phash, size, first_seen_at) values ('undecodable', null, 1, now())`);
    await t.database.migrate();
    const keyed = rowsOf<{ sha256: string; phash: string | null; keys: number[] | string | null }>(
      await db.execute(sql`select sha256, phash, phash_keys as keys from image order by sha256`),
    );
    for (const r of keyed) {
      const keys = typeof r.keys === 'string' ? r.keys.replace(/[{}]/g, '').split(',').map(Number) : r.keys;
      expect(keys).toEqual(r.phash === null ? null : phashKeys(r.phash));
    }

    // New pictures, stored one by one as an import does: each joins the group of the earliest
    // stored picture within the threshold, which a full comparison computes independently.
    const evidence = new DrizzleEvidenceRepository(db);
    const fresh = hashes(2, 160).concat(old.slice(0, 10).map((h) => h.slice(0, 15) + (parseInt(h[15] as string, 16) ^ 3).toString(16)));
    const stored: { sha256: string; phash: string; group: string; at: number }[] = old.map((h, i) => ({
      sha256: `old${i}`,
      phash: h,
      group: `old${i}`,
      at: Date.UTC(2026, 0, 1, 0, i),
    }));
    let joined = 0;
    for (const [i, h] of fresh.entries()) {
      const at = Date.UTC(2026, 1, 1, 0, i);
      const sha256 = `new${String(i).padStart(3, '0')}`;
      await evidence.saveImage({ sha256, phash: h, size: 1, width: 1, height: 1 }, new Date(at));
      const near = stored
        .filter((o) => hammingDistance(o.phash, h) <= IMAGE_REUSE_MAX_DISTANCE)
        .sort((a, b) => a.at - b.at || (a.sha256 < b.sha256 ? -1 : 1));
      const expected = near[0]?.group ?? sha256;
      if (near.length > 0) joined += 1;
      const [row] = rowsOf<{ group_key: string }>(await db.execute(sql`select group_key from image where sha256 = ${sha256}`));
      expect(row?.group_key, `group of ${h}`).toBe(expected);
      stored.push({ sha256, phash: h, group: expected, at });
    }
    // The case is not trivial: many pictures joined a group, and not all of them.
    expect(joined).toBeGreaterThan(40);
    expect(joined).toBeLessThan(fresh.length);

    // Image search: ads whose pictures are within the threshold, exactly as a full comparison finds.
    const deps = testDeps(t.database);
    await importAdRecords(
      deps,
      { actor: null, requestId: 'image-index' },
      stored.slice(0, 60).map((s, i) => ({
        source: 'img-portal',
        externalId: `a${i}`,
        url: `https://img.test.invalid/a${i}`,
        observedAt: '2026-03-01T10:00:00Z',
        title: `Annons ${i}`,
        body: 'Ring 070-123 45 67.',
      })),
      { isDemo: false },
    );
    for (const [i, s] of stored.slice(0, 60).entries())
      await evidence.linkImage({
        sourceId: 'img-portal',
        externalId: `a${i}`,
        sha256: s.sha256,
        url: `https://img.test.invalid/${i}.jpg`,
        at: new Date(),
      });
    const ads = new DrizzleAdRepository(db);
    for (const probe of stored.slice(0, 60).map((s) => s.phash)) {
      const found = (await ads.searchByImage(probe, IMAGE_REUSE_MAX_DISTANCE, 500)).map((m) => m.externalId).sort();
      const expected = stored
        .slice(0, 60)
        .map((s, i) => ({ s, i }))
        .filter(({ s }) => hammingDistance(s.phash, probe) <= IMAGE_REUSE_MAX_DISTANCE)
        .map(({ i }) => `a${i}`)
        .sort();
      expect(found).toEqual(expected);
    }
  });
});
