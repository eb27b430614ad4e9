/**
 * Evidence storage speed (crawling and evidence issue). Run with `npx tsx bench/run.ts evidence`.
 *
 * - Images: generated, distinct photo-like 800×600 JPEGs (gradients, soft discs, grain; q85).
 *   First the adapter alone, one at a time: storeImage() stores each in the FsBlobStore
 *   (atomic write + fsync) while sharp decodes and hashes it. Then the path an import or a
 *   crawl takes (the target): storeAdImages() with its default concurrency, which also
 *   reads each image from a file, checks its stated SHA-256 and records and links it to its
 *   ad in the database (PGlite and PostgreSQL; the ads are imported first, not timed).
 *   Wall-clock rates; generation is not timed.
 * - WARC: 20 KB HTML pages appended to the FsWarcStore (response + request, gzip, sha256
 *   digests), one fsynced append per page and in batches of 50 (one fsync per batch).
 * Files go to a temporary folder under os.tmpdir(), removed afterwards; the figures depend on
 * that disk's fsync cost.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { FsBlobStore } from '../src/adapters/evidence/blob-store';
import { perceptualHash } from '../src/adapters/evidence/image-hash';
import { storeImage } from '../src/adapters/evidence/store-image';
import { FsWarcStore, type HttpCapture } from '../src/adapters/evidence/warc-store';
import { FsEvidenceStore } from '../src/adapters/evidence/fs-evidence-store';
import { unitOfWorkFor } from '../src/main/contexts';
import { importAdRecords } from '../src/app/intelligence/import-ad-records';
import { IMAGE_CONCURRENCY, storeAdImages, type AdImageInput } from '../src/app/intelligence/store-ad-images';
import { createTestDatabase, type Engine } from '../test/support/databases';
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

/**
 * storeAdImages as `fyren import` calls it: images read from files beside the import, with
 * their stated SHA-256, for ads already in a fresh database. Returns images per second.
 */
async function storeAdImagesRate(engine: Engine, dir: string, jpegs: Buffer[], alreadyStored = 0): Promise<number> {
  await mkdir(join(dir, 'files'), { recursive: true });
  const t = await createTestDatabase(engine);
  if (alreadyStored > 0) {
    // Pictures stored before (random hashes with their block keys, as migration 0016 computes
    // them): each new picture looks for its group among these.
    await t.database.db.execute(sql`
      insert into image (sha256, phash, size, first_seen_at, group_key)
      select md5(g::text) || md5((-g)::text),
        lpad(to_hex(floor(random() * 4294967296)::bigint), 8, '0') || lpad(to_hex(floor(random() * 4294967296)::bigint), 8, '0'),
        100000, now() - interval '1 day', md5(g::text) || md5((-g)::text)
      from generate_series(1, ${alreadyStored}) g`);
    await t.database.db.execute(sql`
      update image set phash_keys = array[('x' || substr(phash, 1, 4))::bit(16)::int, 65536 + ('x' || substr(phash, 5, 4))::bit(16)::int,
        131072 + ('x' || substr(phash, 9, 4))::bit(16)::int, 196608 + ('x' || substr(phash, 13, 4))::bit(16)::int]`);
    await t.database.db.execute(sql`vacuum analyze image`);
    // Flush the setup's writes now, so the server's checkpoint does not compete with the timed fsyncs.
    await t.database.db.execute(sql`checkpoint`).catch(() => undefined);
  }
  const evidence = new FsEvidenceStore(join(dir, 'evidence'), 'bench');
  try {
    const deps = { uow: unitOfWorkFor(t.database.db), clock: { now: () => new Date() }, evidence };
    const ctx = { actor: null, requestId: 'bench' };
    const ads = Array.from({ length: Math.ceil(jpegs.length / 4) }, (_, i) => ({
      source: 'bench-portal',
      externalId: `a${i}`,
      url: `https://annonser.example/annons/${i}`,
      observedAt: '2026-03-01T10:00:00Z',
      title: `Annons ${i}`,
      body: `Ny i stan, ring 070-${String(1000000 + i).slice(1)}.`,
    }));
    await importAdRecords(deps, ctx, ads, { isDemo: false });
    const images: AdImageInput[] = [];
    for (const [i, bytes] of jpegs.entries()) {
      const path = join(dir, 'files', `${i}.jpg`);
      await writeFile(path, bytes);
      images.push({
        sourceId: 'bench-portal',
        externalId: `a${Math.floor(i / 4)}`,
        url: `https://annonser.example/img/${i}.jpg`,
        expectedSha256: createHash('sha256').update(bytes).digest('hex'),
        load: () => readFile(path),
      });
    }
    const t0 = performance.now();
    const result = await storeAdImages(deps, images);
    const secs = (performance.now() - t0) / 1000;
    if (result.stored !== images.length) throw new Error(`stored ${result.stored} of ${images.length}: ${result.problems.join('; ')}`);
    return images.length / secs;
  } finally {
    await evidence.close();
    await t.drop();
  }
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
    for (let i = 0; i < IMAGE_COUNT * 3; i++) jpegs.push(await makeJpeg(i));
    const avgKb = jpegs.reduce((a, b) => a + b.length, 0) / jpegs.length / 1024;
    await perceptualHash(jpegs[0] ?? Buffer.alloc(0)); // warm up sharp

    {
      const blobs = new FsBlobStore(join(dir, 'blobs-adapter'));
      const single = jpegs.slice(0, IMAGE_COUNT);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      for (const bytes of single) await storeImage(blobs, bytes);
      const rate = single.length / ((performance.now() - t0) / 1000);
      const cpu = process.cpuUsage(cpu0);
      figures.push({
        name: `images stored + phashed (adapter), 800×600 JPEG ~${Math.round(avgKb)} KB, one at a time`,
        value: Math.round(rate),
        unit: 'images/s',
      });
      // CPU time of the whole process (all threads): less sensitive to other load on the machine.
      figures.push({
        name: 'images stored + phashed per CPU-second (all threads)',
        value: Math.round(single.length / ((cpu.user + cpu.system) / 1e6)),
        unit: 'images/CPU-s',
      });

      for (const [k, engine] of (['pglite', 'postgres'] as const).entries()) {
        const batch = jpegs.slice(IMAGE_COUNT * (k + 1), IMAGE_COUNT * (k + 2));
        const perSecond = await storeAdImagesRate(engine, join(dir, engine), batch);
        figures.push({
          name: `images through storeAdImages (${IMAGE_CONCURRENCY} at a time), ${engine === 'pglite' ? 'PGlite' : 'PostgreSQL'}`,
          value: Math.round(perSecond),
          unit: 'images/s',
          target: '>= 150',
          isMet: perSecond >= 150,
        });
      }
      const existing = 200_000;
      const batch = jpegs.slice(0, IMAGE_COUNT);
      const perSecond = await storeAdImagesRate('postgres', join(dir, 'postgres-existing'), batch, existing);
      figures.push({
        name: `images through storeAdImages, PostgreSQL holding ${existing.toLocaleString('en')} pictures`,
        value: Math.round(perSecond),
        unit: 'images/s',
        target: '>= 150',
        isMet: perSecond >= 150,
      });
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
