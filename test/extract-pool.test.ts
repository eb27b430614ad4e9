import { afterAll, describe, expect, it } from 'vitest';
import { inlineExtractor } from '../src/app/intelligence/import-ad-records';
import { ExtractPool } from '../src/adapters/workers/extract-pool';
import { simulateMarket } from '../src/core/market/simulate-market';

describe('ExtractPool', () => {
  const pool = new ExtractPool(2);
  afterAll(() => pool.close());

  it('gives the same extractions as inline extraction, in input order', async () => {
    const items: { input: { title: string; body: string; location?: string }; region: string }[] = [];
    for (const it of simulateMarket({ seed: 9, persons: 60, days: 5, startDate: '2026-01-05' })) {
      if (it.kind === 'observation')
        items.push({
          input: { title: it.record.title, body: it.record.body, ...(it.record.location ? { location: it.record.location } : {}) },
          region: 'SE',
        });
    }
    expect(items.length).toBeGreaterThan(100);
    const [parallel, inline] = await Promise.all([pool.extractMany(items), inlineExtractor.extractMany(items)]);
    expect(parallel).toEqual(inline);
    // Worker threads start tsx and load the gazetteer: seconds on a loaded machine. Speed is the bench's business.
  }, 60_000);
});
