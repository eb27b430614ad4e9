/**
 * Evidence storage speed (crawling and evidence issue). Run with `npx tsx bench/run.ts evidence`.
 *
 * - Images: generated, distinct photo-like 800×600 JPEGs (gradients, soft discs, grain; q85),
 *   each kept with storeImage(): stored in the FsBlobStore (atomic write + fsync) while sharp
 *   decodes and hashes it. Wall-clock rate, one at a time and 4 in flight (sharp and fs both
 *   use libuv's thread pool). Generation is not timed.
 * - WARC: 20 KB HTML pages appended to the FsWarcStore (response + request, gzip, sha256
 *   digests), one fsynced append per page and in batches of 50 (one fsync per batch).
 * Files go to a temporary folder under os.tmpdir(), removed afterwards; the figures depend on
 * that disk's fsync cost.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { FsBlobStore } from '../src/adapters/evidence/blob-store';
import { perceptualHash } from '../src/adapters/evidence/image-hash';
import { storeImage } from '../src/adapters/evidence/store-image';
import { FsWarcStore, type HttpCapture } from '../src/adapters/evidence/warc-store';
import type { BenchFigure } from './run';

const IMAGE_COUNT = 200;
const PAGE_COUNT = 400;

/**
 * A distinct photo-like 800×600 JPEG: smooth gradients, soft discs and fine grain, built as
 * raw pixels (fast) and encoded at q85, about the size of a phone photo resized for an ad.
 */
async function makeJpeg(i: number): Promise<Buffer> {
  let s = (i + 1) * 2654435761;
  const r = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
  const w = 800;
  const h = 600;
  const discs = Array.from({ length: 10 }, () => ({
    x: r() * w,
    y: r() * h,
    r2: (30 + r() * 150) ** 2,
    c: [r() * 255, r() * 255, r() * 255],
  }));
  const base = [r() * 255, r() * 255, r() * 255, r() * 255, r() * 255, r() * 255];
  const px = Buffer.alloc(w * h * 3);
  const grain = randomBytes(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const t = (x + y) / (w + h);
      let cr = (base[0] ?? 0) * (1 - t) + (base[3] ?? 0) * t;
      let cg = (base[1] ?? 0) * (1 - t) + (base[4] ?? 0) * t;
      let cb = (base[2] ?? 0) * (1 - t) + (base[5] ?? 0) * t;
      for (const d of discs) {
        const q = ((x - d.x) ** 2 + (y - d.y) ** 2) / d.r2;
        if (q < 1) {
          const k = 0.8 * (1 - q);
          cr = cr * (1 - k) + (d.c[0] ?? 0) * k;
          cg = cg * (1 - k) + (d.c[1] ?? 0) * k;
          cb = cb * (1 - k) + (d.c[2] ?? 0) * k;
        }
      }
      const n = ((grain[y * w + x] ?? 128) - 128) / 10;
      const o = (y * w + x) * 3;
      px[o] = cr + n;
      px[o + 1] = cg + n;
      px[o + 2] = cb + n;
    }
  }
  return sharp(px, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++];
        if (item !== undefined) await work(item);
      }
    }),
  );
}

function page(i: number): HttpCapture {
  const filler = `<p>Annons ${i}: ny i stan, diskret, ring 070-${String(1000000 + i).slice(1)}. ${randomBytes(24).toString('base64')}</p>\n`;
  return {
    url: `https://annonser.example/annons/${i}`,
    method: 'GET',
    requestHeaders: { 'User-Agent': 'Fyren/bench', Accept: 'text/html' },
    status: 200,
    responseHeaders: { 'Content-Type': 'text/html; charset=utf-8', Date: new Date().toUTCString() },
    body: Buffer.from(`<html><body>${filler.repeat(Math.ceil(20_000 / filler.length))}</body></html>`.slice(0, 20_000)),
    fetchedAt: new Date(),
  };
}

export default async function evidenceBench(): Promise<BenchFigure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'fyren-bench-evidence-'));
  const figures: BenchFigure[] = [];
  try {
    const jpegs: Buffer[] = [];
    for (let i = 0; i < IMAGE_COUNT * 2; i++) jpegs.push(await makeJpeg(i));
    const avgKb = jpegs.reduce((a, b) => a + b.length, 0) / jpegs.length / 1024;
    await perceptualHash(jpegs[0] ?? Buffer.alloc(0)); // warm up sharp

    for (const [label, concurrency, batch] of [
      ['one at a time', 1, jpegs.slice(0, IMAGE_COUNT)],
      ['4 in flight', 4, jpegs.slice(IMAGE_COUNT)],
    ] as const) {
      const blobs = new FsBlobStore(join(dir, `blobs-${concurrency}`));
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await runPool(batch, concurrency, (bytes) => storeImage(blobs, bytes));
      const rate = batch.length / ((performance.now() - t0) / 1000);
      const cpu = process.cpuUsage(cpu0);
      figures.push({
        name: `images stored + phashed, 800×600 JPEG ~${Math.round(avgKb)} KB, ${label}`,
        value: Math.round(rate),
        unit: 'images/s',
        target: '>= 150',
        isMet: rate >= 150,
      });
      if (concurrency === 1) {
        // CPU time of the whole process (all threads): less sensitive to other load on the machine.
        const perCpuSecond = batch.length / ((cpu.user + cpu.system) / 1e6);
        figures.push({
          name: 'images stored + phashed per CPU-second (all threads)',
          value: Math.round(perCpuSecond),
          unit: 'images/CPU-s',
        });
      }
    }

    const pages = Array.from({ length: PAGE_COUNT * 2 }, (_, i) => page(i));
    const single = new FsWarcStore(join(dir, 'warc-single'));
    await single.append(page(-1)); // warm up warcio's hasher
    let t0 = performance.now();
    for (const p of pages.slice(0, PAGE_COUNT)) await single.append(p);
    const singleRate = PAGE_COUNT / ((performance.now() - t0) / 1000);
    await single.close();
    figures.push({ name: 'WARC appends, 20 KB pages, fsync per append', value: Math.round(singleRate), unit: 'pages/s' });

    const batched = new FsWarcStore(join(dir, 'warc-batch'));
    await batched.append(page(-2));
    const rest = pages.slice(PAGE_COUNT);
    t0 = performance.now();
    for (let i = 0; i < rest.length; i += 50) await batched.appendMany(rest.slice(i, i + 50));
    const batchRate = rest.length / ((performance.now() - t0) / 1000);
    await batched.close();
    figures.push({ name: 'WARC appends, 20 KB pages, batches of 50', value: Math.round(batchRate), unit: 'pages/s' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return figures;
}
