/**
 * Synthetic market generation speed (issue #3): at least 100,000 AdRecords without
 * images must be written in under 60 s. Run with `npx tsx bench/run.ts market`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMarket } from '../src/app/demo/generate-market';
import type { BenchFigure } from './run';

export default async (): Promise<BenchFigure[]> => {
  const outDir = await mkdtemp(join(tmpdir(), 'fyren-market-bench-'));
  try {
    // 4,000 people over 30 days give about 109,000 observations (28,000 distinct ads).
    const config = { seed: 1, persons: 4000, days: 30, startDate: '2026-01-05' };
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const started = performance.now();
    const { counts } = await generateMarket({
      config,
      outDir,
      onDay: () => {
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    return [
      {
        name: 'market: AdRecords written (no images)',
        value: counts.observations,
        unit: 'records',
        target: '>= 100000',
        isMet: counts.observations >= 100_000,
      },
      { name: 'market: distinct ads (truth lines)', value: counts.ads, unit: 'ads' },
      { name: 'market: generation time', value: Number(seconds.toFixed(2)), unit: 's', target: '< 60', isMet: seconds < 60 },
      { name: 'market: throughput', value: Math.round(counts.observations / seconds), unit: 'records/s' },
      { name: 'market: peak RSS growth during generation', value: Math.round((rssPeak - rssBefore) / 1e6), unit: 'MB' },
    ];
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
};
