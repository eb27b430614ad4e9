/**
 * How the ad store writes, on both engines (ADR 0007): a re-sighting touches only the ad's
 * sighting row, extraction runs only for content that becomes current (in the store when
 * preparation skipped it), and concurrent batches of the same ads keep the newest content.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importAdRecords,
  inlineExtractor,
  prepareAdRecords,
  storePreparedBatch,
  type AdRecordLike,
  type SeenContent,
} from '../src/app/intelligence/import-ad-records';
import type { Extractor } from '../src/app/intelligence/ports';
import { adContentHash } from '../src/core/ads/content-hash';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';

const rec = (externalId: string, observedAt: string, over: Partial<AdRecordLike> = {}): AdRecordLike => ({
  source: 'store-portal',
  externalId,
  url: `https://store.test.invalid/annons/${externalId}`,
  observedAt,
  title: 'Ny i stan',
  body: 'Ring 070-123 45 67, finns i Umeå.',
  location: 'Umeå',
  ...over,
});
const hashOf = (r: AdRecordLike) =>
  adContentHash({ title: r.title, body: r.body, location: r.location ?? null, phoneField: r.phoneField ?? null, statedAge: r.age ?? null });

/** Inline extraction that counts the ads it is given. */
function countingExtractor() {
  const calls: number[] = [];
  const extractor: Extractor = {
    extractMany: async (items) => {
      calls.push(items.length);
      return inlineExtractor.extractMany(items);
    },
  };
  return { extractor, calls, total: () => calls.reduce((a, b) => a + b, 0) };
}

describe.each(ENGINES)('ad store on %s', (engine) => {
  let t: TestDatabase;
  let deps: ReturnType<typeof testDeps>;
  const ctx = { actor: null, requestId: 'store-test' };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    deps = testDeps(t.database);
  });
  afterAll(async () => t?.drop());

  type AdState = {
    row_version: string;
    url: string | null;
    body: string | null;
    phones: string[];
    posted_at: unknown;
    last_seen_at: unknown;
    observations: number;
  };
  const state = async (externalId: string): Promise<AdState> => {
    const res = (await t.database.db.execute(sql`
      select a.xmin::text || '/' || a.ctid::text as row_version, a.url, a.body, a.phones, a.posted_at, s.last_seen_at,
             (select count(*)::int from ad_observation o where o.ad_id = a.id) as observations
      from ad a join ad_sighting s on s.ad_id = a.id
      where a.source_id = 'store-portal' and a.external_id = ${externalId}`)) as unknown as { rows: AdState[] };
    return res.rows[0]!;
  };

  it('a re-sighting with the same content (even re-spaced) writes the sighting, not the ad row', async () => {
    await importAdRecords(deps, ctx, [rec('s1', '2026-03-01T10:00:00Z')], { isDemo: false });
    const before = await state('s1');
    const again = await importAdRecords(deps, ctx, [rec('s1', '2026-03-02T10:00:00Z', { body: 'Ring  070-123 45 67,\nfinns i Umeå.' })], {
      isDemo: false,
    });
    expect(again).toMatchObject({ newAds: 0, newObservations: 1, changedAds: 0 });
    const after = await state('s1');
    expect(after.row_version).toBe(before.row_version);
    expect(after.body).toBe('Ring 070-123 45 67, finns i Umeå.');
    expect(new Date(after.last_seen_at as string).toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(after.observations).toBe(2);
  });

  it('keeps a newer URL and a first posting date without new content', async () => {
    await importAdRecords(
      deps,
      ctx,
      [rec('s1', '2026-03-03T10:00:00Z', { url: 'https://store.test.invalid/a/s1', postedAt: '2026-02-27T09:00:00Z' })],
      { isDemo: false },
    );
    const s = await state('s1');
    expect(s.url).toBe('https://store.test.invalid/a/s1');
    expect(new Date(s.posted_at as string).toISOString()).toBe('2026-02-27T09:00:00.000Z');
    // An older sighting with another URL changes neither.
    await importAdRecords(deps, ctx, [rec('s1', '2026-02-28T10:00:00Z', { url: 'https://old.invalid/s1' })], { isDemo: false });
    expect((await state('s1')).url).toBe('https://store.test.invalid/a/s1');
  });

  it('extracts only the newest observation of each ad, and nothing the import has seen', async () => {
    const x = countingExtractor();
    const seenContent: SeenContent = new Map();
    const opts = { isDemo: false, seenContent };
    const first = await prepareAdRecords(
      { ...deps, extractor: x.extractor },
      [rec('p1', '2026-03-01T10:00:00Z'), rec('p1', '2026-03-02T10:00:00Z'), rec('p2', '2026-03-01T10:00:00Z')],
      opts,
    );
    expect(x.total()).toBe(2);
    await storePreparedBatch({ ...deps, extractor: x.extractor }, ctx, first, false);
    const second = await prepareAdRecords(
      { ...deps, extractor: x.extractor },
      [rec('p1', '2026-03-03T10:00:00Z'), rec('p2', '2026-03-03T10:00:00Z')],
      opts,
    );
    expect(x.total()).toBe(2);
    expect(await storePreparedBatch({ ...deps, extractor: x.extractor }, ctx, second, false)).toMatchObject({
      newObservations: 2,
      changedAds: 0,
    });
    expect(x.total()).toBe(2);
  });

  it('extracts in the store what preparation skipped when the stored content turns out to differ', async () => {
    await importAdRecords(deps, ctx, [rec('h1', '2026-03-01T10:00:00Z')], { isDemo: false });
    const edited = rec('h1', '2026-03-02T10:00:00Z', { body: 'Nytt nummer: 073-999 88 77, Luleå.', location: 'Luleå' });
    // A hint that is wrong about what the database holds (say, another import changed the ad meanwhile).
    const seenContent: SeenContent = new Map([
      ['store-portal\u0000h1', { contentHash: hashOf(edited), observedAt: Date.parse(edited.observedAt) }],
    ]);
    const x = countingExtractor();
    const prepared = await prepareAdRecords({ ...deps, extractor: x.extractor }, [edited], { isDemo: false, seenContent });
    expect(x.total()).toBe(0);
    const res = await storePreparedBatch({ ...deps, extractor: x.extractor }, ctx, prepared, false);
    expect(res).toMatchObject({ changedAds: 1 });
    expect(x.total()).toBe(1);
    const s = await state('h1');
    expect(s.phones).toEqual(['+46739998877']);
    expect(s.body).toBe('Nytt nummer: 073-999 88 77, Luleå.');
  });

  it('stores a lone surrogate (half of a cut emoji) as U+FFFD', async () => {
    const cut = '\u{1F525}'.slice(0, 1);
    const res = await importAdRecords(
      deps,
      ctx,
      [rec('u1', '2026-03-01T10:00:00Z', { title: `Het ${cut}`, body: `Ring 070-123 45 67 ${cut}` })],
      {
        isDemo: false,
      },
    );
    expect(res.newAds).toBe(1);
    const s = await state('u1');
    expect(s.body).toBe('Ring 070-123 45 67 \ufffd');
    expect(s.phones).toEqual(['+46701234567']);
  });

  it('concurrent batches of the same ads keep the newest content and every observation', async () => {
    const ids = ['c1', 'c2', 'c3', 'c4'];
    const batch = (day: number) =>
      ids.map((id) => rec(id, `2026-03-${String(day).padStart(2, '0')}T10:00:00Z`, { body: `Dag ${day}: ring 070-${day}00 00 ${day}0.` }));
    await importAdRecords(deps, ctx, [rec('c0', '2026-03-01T10:00:00Z')], { isDemo: false }); // the source exists
    // Prepared first, so that the five transactions start together and race for the new ads.
    const prepared = await Promise.all([3, 1, 4, 2, 5].map((day) => prepareAdRecords(deps, batch(day), { isDemo: false })));
    const results = await Promise.all(prepared.map((p) => storePreparedBatch(deps, ctx, p, false)));
    expect(results.reduce((n, r) => n + r.newAds, 0)).toBe(ids.length);
    expect(results.reduce((n, r) => n + r.newObservations, 0)).toBe(ids.length * 5);
    for (const id of ids) {
      const s = await state(id);
      expect(s.body).toBe('Dag 5: ring 070-500 00 50.');
      expect(new Date(s.last_seen_at as string).toISOString()).toBe('2026-03-05T10:00:00.000Z');
      expect(s.observations).toBe(5);
    }
    const versions = (await t.database.db.execute(
      sql`select count(*)::int as n from ad_version v join ad a on a.id = v.ad_id where a.external_id in ('c1', 'c2', 'c3', 'c4')`,
    )) as unknown as { rows: { n: number }[] };
    expect(versions.rows[0]!.n).toBe(ids.length * 5);
  });
});
