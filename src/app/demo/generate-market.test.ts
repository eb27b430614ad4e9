import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MarketConfig } from '../../core/market/types';
import { generateMarket } from './generate-market';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'fyren-market-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** sha256 of every file under `dir`, by relative path. */
async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    if (!e.isFile()) continue;
    const full = join(e.parentPath, e.name);
    out[full.slice(dir.length + 1)] = createHash('sha256')
      .update(await readFile(full))
      .digest('hex');
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

const config = (seed: number): MarketConfig => ({ seed, persons: 60, days: 6, startDate: '2026-01-05' });

describe('generateMarket', () => {
  it('writes the same bytes for the same seed and different bytes for another seed', async () => {
    const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()];
    const ra = await generateMarket({ config: config(5), outDir: a });
    await generateMarket({ config: config(5), outDir: b });
    await generateMarket({ config: config(6), outDir: c });
    const [ha, hb, hc] = [await hashTree(a), await hashTree(b), await hashTree(c)];
    expect(Object.keys(ha)).toEqual(['ads.jsonl', 'events.jsonl', 'manifest.json', 'operations.jsonl', 'persons.jsonl', 'truth.jsonl']);
    expect(ha).toEqual(hb);
    expect(ha['ads.jsonl']).not.toBe(hc['ads.jsonl']);
    expect(ha['truth.jsonl']).not.toBe(hc['truth.jsonl']);
    // The reported hashes are the hashes of the files on disk.
    expect(ra.files).toEqual(ha);
  });

  it('writes consistent counts in the manifest', async () => {
    const d = await tempDir();
    const r = await generateMarket({ config: config(3), outDir: d });
    const manifest = JSON.parse(await readFile(join(d, 'manifest.json'), 'utf8')) as { counts: unknown; config: unknown };
    expect(manifest.counts).toEqual(r.counts);
    expect(manifest.config).toEqual(config(3));
    const count = async (f: string): Promise<number> => (await readFile(join(d, f), 'utf8')).trim().split('\n').length;
    expect(await count('ads.jsonl')).toBe(r.counts.observations);
    expect(await count('truth.jsonl')).toBe(r.counts.ads);
    expect(await count('persons.jsonl')).toBe(60);
  });
});
