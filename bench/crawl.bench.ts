/**
 * Crawler parse throughput against the local demo sites with politeness off (issue #5
 * target: >= 200 pages/s): fetch + parse with the site configs, records handed to a no-op
 * sink; and the same with every page kept as WARC evidence.
 *
 * The demo sites run in a process of their own (bench/demo-sites-server.ts): served from the
 * crawler's process, their page rendering would share its event loop and count as the
 * crawler's time.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSiteConfig } from '../src/adapters/crawl/site-config.loader';
import { crawlSite } from '../src/adapters/crawl/site-crawler';
import type { buildDemoMarket } from '../src/adapters/demo-sites/demo-market';
import { FsEvidenceStore } from '../src/adapters/evidence/fs-evidence-store';
import type { DemoSource } from '../src/core/market/types';
import type { BenchFigure } from './run';

/** Starts bench/demo-sites-server.ts in a child process; resolves when the sites listen. */
async function serveDemoSitesElsewhere(market: Parameters<typeof buildDemoMarket>[0]) {
  const script = fileURLToPath(new URL('./demo-sites-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(market)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const urls = await new Promise<Record<DemoSource, string>>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.slice(0, out.indexOf('\n'))) as Record<DemoSource, string>);
    });
    void exited.then(() => reject(new Error('the demo sites process ended before it listened')));
  });
  return {
    urls,
    close: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

export default async function bench(): Promise<BenchFigure[]> {
  const sites = await serveDemoSitesElsewhere({ seed: 2, persons: 1_500, days: 1, startDate: '2026-03-02' });
  const figures: BenchFigure[] = [];
  try {
    for (const source of ['demo-classifieds', 'demo-portal'] as const) {
      const config = await loadSiteConfig(`sites/${source}.site.yaml`);
      const crawl = async (withEvidence: boolean, site = config) => {
        const dir = mkdtempSync(join(tmpdir(), 'fyren-bench-'));
        const evidence = new FsEvidenceStore(dir, 'bench');
        const started = performance.now();
        const result = await crawlSite(
          { ...site, politeness: { ...site.politeness, concurrency: 8, respectRobotsTxt: false } },
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
        if (!result.isComplete) throw new Error(`${source}: ${result.errorMessages.join('; ')}`);
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
      if (config.listing.pageUrlTemplate) {
        // The same site read as if its listing pages were not numbered: one "next" link at a time.
        const { pageUrlTemplate: _t, pageCount: _c, ...listing } = config.listing;
        const linked = await crawl(false, { ...config, listing });
        figures.push({ name: `${source}: the same, following "next" links only`, value: linked.pagesPerSecond, unit: 'pages/s' });
      }
    }
  } finally {
    await sites.close();
  }
  return figures;
}
