/**
 * Removals after a crawl that saw far fewer ads than the source had (issue #24, item 4): a
 * crawl that fetched every page it found but saw fewer ads than the source's threshold
 * (default: half of its live ads) is not complete for removal. It marks nothing removed and
 * says why; a crawl that sees enough ads goes on to infer removals as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSiteConfig } from '../src/adapters/crawl/site-config.loader';
import { crawlSource } from '../src/app/intelligence/crawl-source';
import type { SiteCrawler } from '../src/app/intelligence/ports';
import type { RequestContext } from '../src/app/shared/ports';
import type { SiteConfig } from '../src/contracts/site-config';
import { createTestDatabase, ENGINES, rowsOf, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { sql } from 'drizzle-orm';

/** A crawler that "finds" the given ads and reports a crawl without errors. */
function crawlerFinding(ids: string[]): SiteCrawler {
  return {
    crawl: async (config, opts) => {
      for (const id of ids)
        await opts.onRecord(
          {
            source: config.source,
            externalId: id,
            url: `https://removals.test.invalid/annons/${id}`,
            observedAt: new Date().toISOString(),
            title: `Annons ${id}`,
            body: `Text för annons ${id}.`,
            images: [],
          },
          [],
        );
      return { pages: 1, ads: ids.length, errors: 0, skippedByRobots: 0, isComplete: true, errorMessages: [] };
    },
    fetchFile: () => Promise.reject(new Error('no files in this test')),
  };
}

describe.each(ENGINES)('removals after a thin crawl on %s', (engine) => {
  let t: TestDatabase;
  let base: SiteConfig;
  const ctx: RequestContext = { actor: null, requestId: 'removals-test' };
  const ids = Array.from({ length: 20 }, (_, i) => `r${i + 1}`);

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    base = { ...(await loadSiteConfig('sites/demo-portal.site.yaml')), isDemo: false, removedAfterMissedCrawls: 2 };
  });
  afterAll(async () => {
    await t?.drop();
  });

  const removed = async (source: string) =>
    rowsOf<{ n: number }>(
      await t.database.db.execute(
        sql`select count(*)::int as n from ad a join ad_sighting s on s.ad_id = a.id where a.source_id = ${source} and s.removed_at is not null`,
      ),
    )[0]!.n;

  const crawl = (config: SiteConfig, found: string[]) =>
    crawlSource(
      {
        ...testDeps(t.database),
        clock: { now: () => new Date() },
        crawler: crawlerFinding(found),
        runner: { host: 'test', pid: 1, isAlive: () => true },
        evidence: { capture: () => Promise.reject(new Error('none')) } as never,
      },
      ctx,
      config,
      { trigger: 'test' },
    );

  it('a crawl that sees fewer than half of the live ads removes nothing and says so', async () => {
    const config = { ...base, source: 'removals-default' };
    expect((await crawl(config, ids)).status).toBe('complete');
    for (let i = 0; i < 3; i++) {
      const run = await crawl(config, ids.slice(0, 1));
      expect(run.status).toBe('incomplete');
      expect(run.removedAds).toBe(0);
      expect(run.errorSample.join(' ')).toMatch(/saw 1 of 20 ads.*removals/);
    }
    expect(await removed(config.source)).toBe(0);
    // An empty answer is not a complete crawl either.
    const empty = await crawl(config, []);
    expect(empty.status).toBe('incomplete');
    expect(await removed(config.source)).toBe(0);
    // Enough ads seen (12 of 20): removals go on, after removedAfterMissedCrawls such crawls.
    expect((await crawl(config, ids.slice(0, 12))).status).toBe('complete');
    const second = await crawl(config, ids.slice(0, 12));
    expect(second.status).toBe('complete');
    expect(second.removedAds).toBe(8);
    expect(await removed(config.source)).toBe(8);
  });

  it('the threshold is set per source', async () => {
    const config = { ...base, source: 'removals-strict', minSeenShareForRemovals: 0.9 };
    expect((await crawl(config, ids)).status).toBe('complete');
    const run = await crawl(config, ids.slice(0, 15));
    expect(run.status).toBe('incomplete');
    expect(run.errorSample.join(' ')).toMatch(/saw 15 of 20 ads/);
    const lax = { ...base, source: 'removals-lax', minSeenShareForRemovals: 0 };
    expect((await crawl(lax, ids)).status).toBe('complete');
    await crawl(lax, ids.slice(0, 1));
    expect((await crawl(lax, ids.slice(0, 1))).removedAds).toBe(19);
  });
});
