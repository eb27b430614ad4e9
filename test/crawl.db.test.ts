/**
 * Crawling the demo sites over several simulated days, through their site configs, compared
 * with the generator's truth: the right ads and texts each day, edits as versions, removals
 * only after N complete crawls, reposts linked to the original, one crawl per source at a time.
 * Every request goes to 127.0.0.1.
 */
import { RETENTION_PURGERS } from '../src/main/contexts';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { runRetention } from '../src/app/retention/run-retention';
import { resetDemoData } from '../src/app/demo/load-demo-market';
import { exportBundle } from '../src/adapters/evidence/bundle';
import { FsBlobStore } from '../src/adapters/evidence/blob-store';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsEvidenceStore } from '../src/adapters/evidence/fs-evidence-store';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource } from '../src/app/intelligence/crawl-source';
import type { RequestContext } from '../src/app/shared/ports';
import { loadAnySiteConfig } from '../src/adapters/crawl/site-config.loader';
import { cheerioSiteCrawler } from '../src/adapters/crawl/site-crawler';
import { thisProcessRunner } from '../src/adapters/security/process-runner';
import { buildDemoMarket } from '../src/adapters/demo-sites/demo-market';
import { serveDemoSites, type ServedDemoSites } from '../src/adapters/demo-sites/demo-sites';
import type { SiteConfig } from '../src/contracts/site-config';
import { adContentHash } from '../src/core/ads/content-hash';
import type { AdContent, MarketEvent } from '../src/core/market/types';
import { DomainError } from '../src/core/shared/errors';
import { runFyren } from './support/cli';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';

const DAYS = 5;
const market = buildDemoMarket({ seed: 11, persons: 24, days: DAYS, startDate: '2026-02-02' });

/** Live ads per day (source:externalId → content), replayed from the generator's events. */
function liveByDay(events: MarketEvent[]): Map<string, AdContent>[] {
  const live = new Map<string, AdContent>();
  const days: Map<string, AdContent>[] = [];
  for (let d = 0; d < DAYS; d++) {
    for (const e of events.filter((x) => x.day === d)) {
      const key = `${e.source}:${e.externalId}`;
      if (e.type === 'remove') live.delete(key);
      else {
        if (e.type === 'repost' && e.repostOf) live.delete(`${e.source}:${e.repostOf}`);
        live.set(key, e.ad!);
      }
    }
    days.push(new Map(live));
  }
  return days;
}
const hashOf = (c: AdContent) =>
  adContentHash({ title: c.title, body: c.body, location: c.location ?? null, phoneField: c.phoneField ?? null, statedAge: c.age ?? null });

type Row = {
  ref: string;
  content_hash: string;
  last_seen_at: Date;
  removed_at: Date | null;
  repost_of_ref: string | null;
  versions: number;
};

describe.each(ENGINES)('crawling the demo sites on %s', (engine) => {
  let t: TestDatabase;
  let sites: ServedDemoSites;
  let configs: SiteConfig[];
  let evidenceRoot: string;
  let evidence: FsEvidenceStore;
  const ctx: RequestContext = { actor: null, requestId: 'crawl-test' };
  const truth = liveByDay(market.events);

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    sites = await serveDemoSites({ market });
    evidenceRoot = mkdtempSync(join(tmpdir(), 'fyren-evidence-'));
    evidence = new FsEvidenceStore(evidenceRoot, 'test');
    // The ad sites only: buyer-side configs (demo-forum, demo-sugar-members) are read by `fyren demand crawl`.
    configs = (
      await Promise.all(
        readdirSync('sites')
          .filter((f) => f.startsWith('demo-'))
          .sort()
          .map((f) => loadAnySiteConfig(`sites/${f}`)),
      )
    ).flatMap((c) => (c.side === 'supply' ? [c.config] : []));
  });
  afterAll(async () => {
    await evidence?.close();
    await sites?.close();
    await t?.drop();
  });

  const deps0 = () => testDeps(t.database);
  const rows = async (): Promise<Row[]> => {
    const res = (await t.database.db.execute(sql`
      select a.source_id || ':' || a.external_id as ref, a.content_hash, s.last_seen_at, s.removed_at,
             (select o.source_id || ':' || o.external_id from ad o where o.id = a.repost_of) as repost_of_ref,
             (select count(*)::int from ad_version v where v.ad_id = a.id) as versions
      from ad a join ad_sighting s on s.ad_id = a.id`)) as unknown as { rows: Row[] };
    return res.rows;
  };

  it('matches the truth day by day', async () => {
    const deps = {
      ...testDeps(t.database),
      crawler: cheerioSiteCrawler,
      runner: thisProcessRunner,
      evidence,
      clock: { now: () => new Date() },
    };
    const contentsSeen = new Map<string, Set<string>>();
    const liveOn: Set<string>[] = [];
    for (let day = 0; day < DAYS; day++) {
      if (day > 0) sites.advanceDay();
      const since = new Date();
      for (const config of configs) {
        const run = await crawlSource(deps, ctx, config, {
          baseUrl: sites.urls[config.source as keyof typeof sites.urls],
          trigger: 'test',
          isPolitenessOff: true,
        });
        expect(run.status, `${config.source} day ${day}: ${run.errorSample.join('; ')}`).toBe('complete');
      }
      const expected = truth[day]!;
      liveOn.push(new Set(expected.keys()));
      for (const [ref, c] of expected) {
        const set = contentsSeen.get(ref) ?? new Set();
        set.add(hashOf(c));
        contentsSeen.set(ref, set);
      }
      const all = await rows();
      const seenToday = all.filter((r) => new Date(r.last_seen_at) >= since);
      // Exactly the live ads, each with the text the site shows today.
      expect(new Set(seenToday.map((r) => r.ref))).toEqual(new Set(expected.keys()));
      for (const r of seenToday) expect(r.content_hash, r.ref).toBe(hashOf(expected.get(r.ref)!));
    }
    const all = await rows();
    // Edits: one version per distinct content the ad showed on crawl days.
    for (const r of all) expect(r.versions, r.ref).toBe(contentsSeen.get(r.ref)!.size);
    // Removals: not seen in the last two complete crawls, and only those.
    const expectRemoved = all.filter((r) => !liveOn[DAYS - 1]!.has(r.ref) && !liveOn[DAYS - 2]!.has(r.ref)).map((r) => r.ref);
    expect(
      all
        .filter((r) => r.removed_at !== null)
        .map((r) => r.ref)
        .sort(),
    ).toEqual(expectRemoved.sort());
    expect(expectRemoved.length).toBeGreaterThan(0);
    // Reposts: every repost with unchanged content is linked to its original.
    const reposts = market.events.filter((e) => e.type === 'repost' && e.day < DAYS);
    const sameContent = reposts.filter((e) => {
      const orig = market.events.filter((x) => x.source === e.source && x.externalId === e.repostOf && x.ad && x.day <= e.day).at(-1);
      return orig?.ad && hashOf(orig.ad) === hashOf(e.ad!);
    });
    expect(sameContent.length).toBeGreaterThan(0);
    const linked = new Map(all.filter((r) => r.repost_of_ref).map((r) => [r.ref, r.repost_of_ref]));
    for (const e of sameContent) expect(linked.get(`${e.source}:${e.externalId}`)).toBe(`${e.source}:${e.repostOf}`);
  });

  it('keeps every page as evidence, stores and hashes images, and exports a bundle that verifies', async () => {
    const counts = (await t.database.db.execute(sql`
      select (select count(*)::int from ad) as ads,
             (select count(*)::int from ad a where not exists (select 1 from capture_ad c where c.ad_id = a.id)) as without_capture,
             (select count(*)::int from image where phash is not null) as hashed,
             (select count(*)::int from ad_image) as ad_images`)) as unknown as {
      rows: { ads: number; without_capture: number; hashed: number; ad_images: number }[];
    };
    const c = counts.rows[0]!;
    expect(c.ads).toBeGreaterThan(10);
    expect(c.without_capture).toBe(0);
    expect(c.hashed).toBeGreaterThan(5);
    expect(c.ad_images).toBeGreaterThanOrEqual(c.hashed);
    // An ad with images, exported through the CLI (on the server engine) or the same adapter.
    const pick = (await t.database.db.execute(
      sql`select a.id from ad a where exists (select 1 from ad_image i where i.ad_id = a.id) limit 1`,
    )) as unknown as { rows: { id: string }[] };
    const adId = pick.rows[0]!.id;
    const out = join(mkdtempSync(join(tmpdir(), 'fyren-bundle-')), 'bundle');
    if (engine === 'postgres') {
      const exported = runFyren(['evidence', 'export', adId, '--out', out, '--purpose', 'förundersökning 5000-K1-26'], {
        ...t.env,
        FYREN_EVIDENCE_DIR: evidenceRoot,
      });
      expect(exported.stderr).toBe('');
      expect(exported.status).toBe(0);
    } else {
      const { captures, images } = await deps0().uow.transaction(async (r) => ({
        captures: await r.evidence.capturesOfAd(adId),
        images: await r.evidence.imagesOfAd(adId),
      }));
      await exportBundle({
        outDir: out,
        adRef: { id: adId },
        captures: captures.map((x) => ({ ...x, fetchedAt: x.fetchedAt.toISOString() })),
        images,
        warcRoot: evidenceRoot,
        blobs: new FsBlobStore(evidenceRoot),
        fyrenVersion: 'test',
        exportedAt: new Date(),
      });
    }
    const ok = runFyren(['evidence', 'verify', out], {});
    expect(ok.stdout).toMatch(/intact/);
    expect(ok.status).toBe(0);
    const img = readdirSync(join(out, 'images'))[0]!;
    const bytes = readFileSync(join(out, 'images', img));
    const mid = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(mid) ^ 0x01, mid);
    writeFileSync(join(out, 'images', img), bytes);
    const bad = runFyren(['evidence', 'verify', out], {});
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain(`images/${img}`);
  });

  it('retention deletes the captures and images of purged ads from disk, and keeps held ones verifiable', async () => {
    const q = async <T>(query: ReturnType<typeof sql>) => ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
    const [held] = await q<{ id: string }>(
      sql`select a.id from ad a where exists (select 1 from ad_image i where i.ad_id = a.id) order by a.external_id limit 1`,
    );
    const heldImages = await q<{ sha256: string }>(sql`select sha256 from ad_image where ad_id = ${held!.id}`);
    const allImages = await q<{ sha256: string }>(sql`select sha256 from image`);
    const filesBefore = await evidence.warc.listFiles();
    const size = (files: string[]) =>
      files.filter((f) => existsSync(join(evidenceRoot, f))).reduce((n, f) => n + statSync(join(evidenceRoot, f)).size, 0);
    const sizeBefore = size(filesBefore);
    await deps0().uow.transaction((r) => r.ads.hold(held!.id, 'insats 2026-07', null, new Date()));
    const later = { ...deps0(), evidence, clock: { now: () => new Date(Date.now() + 400 * 86_400_000) } };
    const runs = await runRetention(later, RETENTION_PURGERS);
    expect(runs.find((r) => r.category === 'ad')!.purged).toBeGreaterThan(10);
    // Images: only those of the held ad remain, in the database and on disk.
    const left = new Set((await q<{ sha256: string }>(sql`select sha256 from image`)).map((r) => r.sha256));
    expect(left).toEqual(new Set(heldImages.map((i) => i.sha256)));
    for (const img of allImages) expect(existsSync(evidence.blobs.pathOf(img.sha256))).toBe(left.has(img.sha256));
    // Captures: only the held ad's (and pages shared with it) remain; old WARC files are rewritten.
    const orphan = await q<{ n: number }>(
      sql`select count(*)::int as n from capture c where not exists (select 1 from capture_ad ca where ca.capture_id = c.id)`,
    );
    expect(orphan[0]!.n).toBe(0);
    const filesAfter = await evidence.warc.listFiles();
    expect(filesAfter.some((f) => !filesBefore.includes(f))).toBe(true);
    // The files that held purged captures are gone, and what remains is smaller.
    expect(filesBefore.filter((f) => !existsSync(join(evidenceRoot, f))).length).toBeGreaterThan(0);
    expect(size(filesAfter)).toBeLessThan(sizeBefore);
    expect(size(filesAfter)).toBeGreaterThan(0);
    // The held ad's bundle still exports and verifies from the rewritten files.
    const { captures, images } = await deps0().uow.transaction(async (r) => ({
      captures: await r.evidence.capturesOfAd(held!.id),
      images: await r.evidence.imagesOfAd(held!.id),
    }));
    const out = join(mkdtempSync(join(tmpdir(), 'fyren-held-')), 'bundle');
    await exportBundle({
      outDir: out,
      adRef: { id: held!.id },
      captures: captures.map((x) => ({ ...x, fetchedAt: x.fetchedAt.toISOString() })),
      images,
      warcRoot: evidenceRoot,
      blobs: new FsBlobStore(evidenceRoot),
      fyrenVersion: 'test',
      exportedAt: new Date(),
    });
    expect(runFyren(['evidence', 'verify', out], {}).status).toBe(0);
    // No purged text is left in any remaining WARC file.
    const purgedTitle = await q<{ title: string }>(
      sql`select v.title from ad_version v join ad a on a.id = v.ad_id where a.purged_at is not null limit 1`,
    );
    expect(purgedTitle).toEqual([]);
  });

  it('runs one crawl per source at a time', async () => {
    const deps = {
      ...testDeps(t.database),
      crawler: cheerioSiteCrawler,
      runner: thisProcessRunner,
      evidence,
      clock: { now: () => new Date() },
    };
    const config = configs[0]!;
    const baseUrl = sites.urls[config.source as keyof typeof sites.urls];
    const results = await Promise.allSettled([
      crawlSource(deps, ctx, config, { baseUrl, trigger: 'test', isPolitenessOff: true }),
      crawlSource(deps, ctx, config, { baseUrl, trigger: 'test', isPolitenessOff: true }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(DomainError);
    expect((refused.reason as DomainError).code).toBe('CONFLICT');
  });

  it('demo reset removes the crawled demo ads with their captures and images, on disk too', async () => {
    const q = async <T>(query: ReturnType<typeof sql>) => ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
    const images = await q<{ sha256: string }>(sql`select sha256 from image`);
    expect(images.length).toBeGreaterThan(0);
    const { adsRemoved } = await resetDemoData({ ...deps0(), evidence }, { actor: null, requestId: 'reset' });
    expect(adsRemoved).toBeGreaterThan(0);
    const left = await q<{ ads: number; captures: number; images: number }>(
      sql`select (select count(*)::int from ad) as ads, (select count(*)::int from capture) as captures, (select count(*)::int from image) as images`,
    );
    expect(left[0]).toEqual({ ads: 0, captures: 0, images: 0 });
    for (const img of images) expect(existsSync(evidence.blobs.pathOf(img.sha256))).toBe(false);
    // No WARC file holds demo pages any more (only files still written to may remain, empty of captures).
    const files = await evidence.warc.listFiles();
    for (const f of files) expect(statSync(join(evidenceRoot, f)).size).toBeLessThan(2_000);
  });
});
