/**
 * Crawler parse throughput against the local demo sites with politeness off (issue #5
 * target: >= 200 pages/s): fetch + parse with the site configs, records handed to a no-op
 * sink; and the same with every page kept as WARC evidence.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSiteConfig } from '../src/adapters/crawl/site-config.loader';
import { crawlSite } from '../src/adapters/crawl/site-crawler';
import { buildDemoMarket } from '../src/adapters/demo-sites/demo-market';
import { serveDemoSites } from '../src/adapters/demo-sites/demo-sites';
import { FsEvidenceStore } from '../src/adapters/evidence/fs-evidence-store';
import type { BenchFigure } from './run';

export default async function bench(): Promise<BenchFigure[]> {
  const sites = await serveDemoSites({ market: buildDemoMarket({ seed: 2, persons: 1_500, days: 1, startDate: '2026-03-02' }) });
  const figures: BenchFigure[] = [];
  try {
    for (const source of ['demo-classifieds', 'demo-portal'] as const) {
      const config = await loadSiteConfig(`sites/${source}.site.yaml`);
      const crawl = async (withEvidence: boolean) => {
        const dir = mkdtempSync(join(tmpdir(), 'fyren-bench-'));
        const evidence = new FsEvidenceStore(dir, 'bench');
        const started = performance.now();
        const result = await crawlSite(
          { ...config, politeness: { ...config.politeness, concurrency: 8, respectRobotsTxt: false } },
          {
            baseUrl: sites.urls[source],
            isPolitenessOff: true,
            onRecord: async () => undefined,
            ...(withEvidence ? { onPage: async (p) => (await evidence.capture([p]))[0]!.recordId } : {}),
          },
        );
        const secs = (performance.now() - started) / 1000;
        await evidence.close();
        rmSync(dir, { recursive: true, force: true });
        return { pagesPerSecond: Math.round(result.pages / secs), pages: result.pages, ads: result.ads };
      };
      const plain = await crawl(false);
      const kept = await crawl(true);
      figures.push(
        {
          name: `${source}: fetch + parse, politeness off (${plain.pages} pages, ${plain.ads} ads)`,
          value: plain.pagesPerSecond,
          unit: 'pages/s',
          target: '>= 200',
          isMet: plain.pagesPerSecond >= 200,
        },
        { name: `${source}: fetch + parse + WARC evidence`, value: kept.pagesPerSecond, unit: 'pages/s' },
      );
    }
  } finally {
    await sites.close();
  }
  return figures;
}
