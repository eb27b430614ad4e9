import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { renderSyntheticImage } from '../src/adapters/images/synthetic-images';
import { generateMarket } from '../src/app/demo/generate-market';
import type { MarketConfig } from '../src/core/market/types';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'fyren-market-img-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const full = join(e.parentPath, e.name);
    out[full.slice(dir.length + 1)] = createHash('sha256')
      .update(await readFile(full))
      .digest('hex');
  }
  return out;
}

describe('market with images', () => {
  it('writes identical images and image hashes across runs, and AdRecords point at them', async () => {
    const small: MarketConfig = { seed: 9, persons: 8, days: 3, startDate: '2026-01-05' };
    const [a, b] = [await tempDir(), await tempDir()];
    const r = await generateMarket({ config: small, outDir: a, renderImage: renderSyntheticImage });
    await generateMarket({ config: small, outDir: b, renderImage: renderSyntheticImage });
    const [ha, hb] = [await hashTree(a), await hashTree(b)];
    expect(ha).toEqual(hb);
    expect(r.counts.images).toBeGreaterThan(3);
    const lines = (await readFile(join(a, 'ads.jsonl'), 'utf8')).trim().split('\n');
    for (const line of lines) {
      const ad = JSON.parse(line) as { images: { url: string; path?: string; sha256?: string }[] };
      for (const img of ad.images) {
        expect(img.path).toMatch(/^images\/.+\.jpg$/);
        expect(ha[img.path ?? '']).toBe(img.sha256);
      }
    }
  });

  it('renders every variant of a photo as a JPEG of the expected size', async () => {
    const sizes: Record<string, [number, number]> = {
      o: [360, 480],
      r: [240, 320],
      c: [300, 390],
      q: [360, 480],
      b: [360, 480],
      w1: [360, 480],
    };
    const hashes = new Set<string>();
    for (const [variant, [w, h]] of Object.entries(sizes)) {
      const bytes = await renderSyntheticImage(`ph-P000001-1.${variant}`);
      const meta = await sharp(bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', w, h]);
      hashes.add(createHash('sha256').update(bytes).digest('hex'));
    }
    expect(hashes.size).toBe(Object.keys(sizes).length);
  });
});
