/**
 * storeAdImages on both engines: several images in flight (bounded), each URL loaded once per
 * source, a stated SHA-256 checked, failures reported in input order, and a second run skips
 * what the ads already have.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsEvidenceStore } from '../src/adapters/evidence/fs-evidence-store';
import { importAdRecords } from '../src/app/intelligence/import-ad-records';
import { IMAGE_CONCURRENCY, storeAdImages, type AdImageInput } from '../src/app/intelligence/store-ad-images';
import { createTestDatabase, ENGINES, rowsOf, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';

const png = (i: number) =>
  sharp({ create: { width: 16, height: 16, channels: 3, background: { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256 } } })
    .png()
    .toBuffer();
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(ENGINES)('storeAdImages on %s', (engine) => {
  let t: TestDatabase;
  let deps: ReturnType<typeof testDeps> & { evidence: FsEvidenceStore };
  let bytes: Buffer[];

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    deps = { ...testDeps(t.database), evidence: new FsEvidenceStore(mkdtempSync(join(tmpdir(), 'fyren-img-')), 'test') };
    const ad = (externalId: string) => ({
      source: 'img-portal',
      externalId,
      url: `https://img.test.invalid/annons/${externalId}`,
      observedAt: '2026-03-01T10:00:00Z',
      title: `Annons ${externalId}`,
      body: 'Ring 070-123 45 67.',
    });
    await importAdRecords(deps, { actor: null, requestId: 'img-test' }, [ad('a1'), ad('a2')], { isDemo: false });
    bytes = await Promise.all(Array.from({ length: 10 }, (_, i) => png(i)));
  });
  afterAll(async () => {
    await deps?.evidence.close();
    await t?.drop();
  });

  /** Images whose loads take a while and are counted, to see how many run at once. */
  function images() {
    const loads = new Map<string, number>();
    let inFlight = 0;
    let maxInFlight = 0;
    const item = (externalId: string, url: string, load: () => Promise<Buffer>, expectedSha256?: string): AdImageInput => ({
      sourceId: 'img-portal',
      externalId,
      url,
      ...(expectedSha256 ? { expectedSha256 } : {}),
      load: async () => {
        loads.set(url, (loads.get(url) ?? 0) + 1);
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          await new Promise((r) => setTimeout(r, 15));
          return await load();
        } finally {
          inFlight -= 1;
        }
      },
    });
    const url = (i: number) => `https://img.test.invalid/img/${i}.png`;
    const list: AdImageInput[] = [
      ...bytes.slice(0, 8).map((b, i) => item(i % 2 ? 'a2' : 'a1', url(i), async () => b, sha256(b))),
      item('a1', url(8), async () => bytes[8]!, sha256(bytes[9]!)),
      item('a2', url(9), async () => {
        throw new Error('connection refused\nat somewhere');
      }),
      // The same URL again (another ad of the same source): loaded once, linked to both ads.
      item('a2', url(0), async () => bytes[0]!),
    ];
    return { list, loads, max: () => maxInFlight };
  }

  it('stores several at a time, loads each URL once, and reports problems in input order', async () => {
    const run = images();
    const result = await storeAdImages(deps, run.list);
    expect(result.stored).toBe(9);
    expect(result.skipped).toBe(0);
    expect(result.problems).toEqual([
      `https://img.test.invalid/img/8.png: sha256 is ${sha256(bytes[8]!)}, the record says ${sha256(bytes[9]!)}`,
      'https://img.test.invalid/img/9.png: connection refused',
    ]);
    expect(run.max()).toBe(IMAGE_CONCURRENCY);
    expect([...run.loads.values()].every((n) => n === 1)).toBe(true);
    expect(run.loads.size).toBe(10);
    const rows = (await t.database.db.execute(
      sql`select a.external_id, count(*)::int as n from ad_image i join ad a on a.id = i.ad_id group by 1 order by 1`,
    )) as unknown as { rows: { external_id: string; n: number }[] };
    expect(rows.rows).toEqual([
      { external_id: 'a1', n: 4 },
      { external_id: 'a2', n: 5 },
    ]);
  });

  it('skips what the ads already have, and keeps to the concurrency it is given', async () => {
    const again = images();
    const result = await storeAdImages(deps, again.list, { concurrency: 1 });
    expect(result).toMatchObject({ stored: 0, skipped: 9 });
    // Only the two that failed are tried again, one at a time.
    expect([...again.loads.keys()].sort()).toEqual(['https://img.test.invalid/img/8.png', 'https://img.test.invalid/img/9.png']);
    expect(again.max()).toBe(1);
    expect(result.problems).toHaveLength(2);
  });

  it('writes more images than one batch holds, and a batch the database refuses is reported per image', async () => {
    const many = await Promise.all(Array.from({ length: 60 }, (_, i) => png(100 + i)));
    const list = (prefix: string): AdImageInput[] =>
      many.map((b, i) => ({
        sourceId: 'img-portal',
        externalId: i % 2 ? 'a2' : 'a1',
        url: `https://img.test.invalid/${prefix}/${i}.png`,
        load: async () => b,
      }));
    // The first transaction that writes image rows fails, as a lost connection would; the rest go through.
    let writes = 0;
    const flaky = {
      ...deps,
      uow: {
        transaction: <T>(fn: Parameters<typeof deps.uow.transaction<T>>[0]) =>
          deps.uow.transaction((r) => {
            let isCounted = false;
            const evidence = Object.create(r.evidence) as typeof r.evidence;
            evidence.saveImage = async (img, at) => {
              if (!isCounted) {
                isCounted = true;
                if (++writes === 1) throw new Error('connection terminated\nunexpectedly');
              }
              return r.evidence.saveImage(img, at);
            };
            return fn({ ...r, evidence });
          }),
      },
    } as typeof deps;
    const result = await storeAdImages(flaky, list('batch'));
    expect(writes).toBeGreaterThan(2);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.every((p) => /^https:\/\/img\.test\.invalid\/batch\/\d+\.png: connection terminated$/.test(p))).toBe(true);
    expect(result.stored + result.problems.length).toBe(60);
    const linked = async () =>
      (
        (await t.database.db.execute(sql`select count(*)::int as n from ad_image where url like '%/batch/%'`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]!.n;
    expect(await linked()).toBe(result.stored);
    // The refused ones were not linked, so the next run stores them: every image ends up linked once.
    const again = await storeAdImages(deps, list('batch'));
    expect(again).toMatchObject({ stored: result.problems.length, skipped: result.stored, problems: [] });
    expect(await linked()).toBe(60);
  });

  it('links one image URL to every ad that shows it, and a later run repairs an ad left without it (issue #24, item 5)', async () => {
    const ad = (externalId: string) => ({
      source: 'img-portal',
      externalId,
      url: `https://img.test.invalid/annons/${externalId}`,
      observedAt: '2026-03-02T10:00:00Z',
      title: `Delad bild ${externalId}`,
      body: 'Samma bild i tre annonser.',
    });
    await importAdRecords(deps, { actor: null, requestId: 'img-shared' }, [ad('s1'), ad('s2'), ad('s3'), ad('s4')], { isDemo: false });
    const shared = await png(200);
    let loads = 0;
    const item = (externalId: string): AdImageInput => ({
      sourceId: 'img-portal',
      externalId,
      url: 'https://img.test.invalid/shared/1.png',
      load: async () => {
        loads += 1;
        return shared;
      },
    });
    const result = await storeAdImages(deps, [item('s1'), item('s2'), item('s3')]);
    expect(result.problems).toEqual([]);
    expect(loads).toBe(1);
    const linkedTo = async () =>
      rowsOf<{ external_id: string }>(
        await t.database.db.execute(
          sql`select a.external_id from ad_image i join ad a on a.id = i.ad_id where i.url = 'https://img.test.invalid/shared/1.png' order by 1`,
        ),
      ).map((r) => r.external_id);
    expect(await linkedTo()).toEqual(['s1', 's2', 's3']);
    // A fourth ad with the same picture later: linked from what is stored, without a download.
    const later = await storeAdImages(deps, [item('s1'), item('s4')]);
    expect(later).toMatchObject({ stored: 1, skipped: 1, problems: [] });
    expect(loads).toBe(1);
    expect(await linkedTo()).toEqual(['s1', 's2', 's3', 's4']);
  });
});
