/**
 * `fyren import` as a real process on both engines: bad lines are named by file and line
 * and skipped, good lines are stored, and a second import adds nothing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { hammingDistance } from '../src/core/images/phash';
import { crawlSource } from '../src/app/intelligence/crawl-source';
import { loadSiteConfig } from '../src/adapters/crawl/site-config.loader';
import { cheerioSiteCrawler } from '../src/adapters/crawl/site-crawler';
import { buildDemoMarket } from '../src/adapters/demo-sites/demo-market';
import { serveDemoSites } from '../src/adapters/demo-sites/demo-sites';
import { FsEvidenceStore } from '../src/adapters/evidence/fs-evidence-store';
import { thisProcessRunner } from '../src/adapters/security/process-runner';
import { testDeps } from './support/deps';
import { runFyren as fyren } from './support/cli';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases';

const line = (id: string, observedAt: string, body: string) =>
  JSON.stringify({
    source: 'test-site',
    externalId: id,
    url: `https://t.invalid/${id}`,
    observedAt,
    title: 'Hej',
    body,
    location: 'Luleå',
    images: [],
  });

describe.each(ENGINES)('fyren import on %s', (engine) => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const t of dbs) await t.drop().catch(() => undefined);
  });

  it('reports bad lines with their numbers, keeps going, and is idempotent', async () => {
    const t = await createTestDatabase(engine, { onDisk: true });
    dbs.push(t);
    if (engine === 'pglite') await t.database.close(); // one process per PGlite folder
    const dir = mkdtempSync(join(tmpdir(), 'fyren-import-'));
    const file = join(dir, 'ads.jsonl');
    writeFileSync(
      file,
      [
        line('1', '2026-03-01T08:00:00Z', 'Ring 070-123 45 67'),
        '{"source": "test-site",',
        line('2', '2026-03-01T08:00:00Z', 'Ring 072-555 66 77'),
        JSON.stringify({ source: 'Test Site', externalId: '3' }),
        '',
        line('1', '2026-03-02T08:00:00Z', 'Ring 070-123 45 67 idag'),
      ].join('\n'),
    );
    const first = fyren(['import', file], t.env);
    expect(first.stderr).toContain(`${file}:2: not JSON`);
    expect(first.stderr).toMatch(new RegExp(`${file}:4: not an AdRecord: source: lower case, digits and "-"; url: `));
    expect(first.status).toBe(1);
    expect(JSON.parse(first.stdout)).toMatchObject({ lines: 5, records: 3, badLines: 2, newAds: 2, newObservations: 3, changedAds: 0 });
    const second = fyren(['import', file], t.env);
    expect(JSON.parse(second.stdout)).toMatchObject({ records: 3, newAds: 0, newObservations: 0 });
    const missing = fyren(['import', join(dir, 'nope.jsonl')], t.env);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no such file or folder/);
    if (engine === 'pglite')
      t.database = await (
        await import('../src/adapters/db/client')
      ).openDatabase({ engine: 'pglite', dataDir: `${t.env.FYREN_DATA}/pglite` });
  });
});

describe('fyren import with images', () => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const t of dbs) await t.drop().catch(() => undefined);
  });

  it('stores the images beside the file by SHA-256 with perceptual hashes; variants of one photo are near', async () => {
    const t = await createTestDatabase('postgres');
    dbs.push(t);
    const dir = mkdtempSync(join(tmpdir(), 'fyren-imgmarket-'));
    const gen = fyren(['demo', 'generate', '--seed', '3', '--persons', '8', '--days', '2', '--out', dir], {});
    expect(gen.status).toBe(0);
    const evidenceDir = mkdtempSync(join(tmpdir(), 'fyren-imgev-'));
    const env = { ...t.env, FYREN_EVIDENCE_DIR: evidenceDir };
    const first = fyren(['import', join(dir, 'ads.jsonl')], env);
    expect(first.status).toBe(0);
    const summary = JSON.parse(first.stdout) as { imagesStored: number; imageProblems: number };
    expect(summary.imageProblems).toBe(0);
    expect(summary.imagesStored).toBeGreaterThan(5);
    const again = JSON.parse(fyren(['import', join(dir, 'ads.jsonl')], env).stdout) as { imagesStored: number };
    expect(again.imagesStored).toBe(0);
    const rows = (await t.database.db.execute(
      sql`select i.phash, ai.url from image i join ad_image ai on ai.sha256 = i.sha256`,
    )) as unknown as { rows: { phash: string; url: string }[] };
    // Group by the generator's base photo (the file name before the variant suffix).
    const byPhoto = new Map<string, string[]>();
    for (const r of rows.rows) {
      const photo = /(ph-P\d+-\d+)\./.exec(r.url)?.[1];
      if (photo) byPhoto.set(photo, [...(byPhoto.get(photo) ?? []), r.phash]);
    }
    const pairs = [...byPhoto.values()].filter((h) => new Set(h).size > 1);
    expect(pairs.length).toBeGreaterThan(0);
    for (const hashes of pairs) {
      const [a, b] = [...new Set(hashes)];
      expect(hammingDistance(a!, b!)).toBeLessThanOrEqual(12);
    }
  });
});

describe('fyren import of WARC captures', () => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const t of dbs) await t.drop().catch(() => undefined);
  });

  it('reads captured pages with the site config and gives the same ads as the crawl that captured them', async () => {
    const a = await createTestDatabase('pglite');
    const b = await createTestDatabase('postgres');
    dbs.push(a, b);
    const sites = await serveDemoSites({ market: buildDemoMarket({ seed: 6, persons: 16, days: 1, startDate: '2026-02-02' }) });
    const evA = mkdtempSync(join(tmpdir(), 'fyren-warc-a-'));
    const store = new FsEvidenceStore(evA, 'test');
    try {
      const deps = {
        ...testDeps(a.database),
        clock: { now: () => new Date() },
        crawler: cheerioSiteCrawler,
        runner: thisProcessRunner,
        evidence: store,
      };
      const config = await loadSiteConfig('sites/demo-classifieds.site.yaml');
      const run = await crawlSource(deps, { actor: null, requestId: 'w' }, config, {
        baseUrl: sites.urls['demo-classifieds'],
        trigger: 'test',
        isPolitenessOff: true,
      });
      expect(run.status).toBe('complete');
    } finally {
      await store.close();
      await sites.close();
    }
    const ads = async (t: TestDatabase) =>
      (
        (await t.database.db.execute(sql`select external_id, content_hash from ad order by external_id`)) as unknown as {
          rows: { external_id: string; content_hash: string }[];
        }
      ).rows;
    const expected = await ads(a);
    expect(expected.length).toBeGreaterThan(3);
    const warcs = (await new FsEvidenceStore(evA, 'test').warc.listFiles()).map((f) => join(evA, f));
    expect(warcs.length).toBeGreaterThan(0);
    const evB = mkdtempSync(join(tmpdir(), 'fyren-warc-b-'));
    const res = fyren(['import', warcs[0]!, '--site', 'demo-classifieds'], { ...b.env, FYREN_EVIDENCE_DIR: evB });
    expect(res.stderr).not.toMatch(/skipped/);
    expect(res.status).toBe(0);
    expect(await ads(b)).toEqual(expected);
    const unlinked = (await b.database.db.execute(
      sql`select count(*)::int as n from ad a where not exists (select 1 from capture_ad c where c.ad_id = a.id)`,
    )) as unknown as { rows: { n: number }[] };
    expect(unlinked.rows[0]!.n).toBe(0);
    expect(fyren(['import', warcs[0]!], b.env).stderr).toMatch(/need --site/);
  });
});
