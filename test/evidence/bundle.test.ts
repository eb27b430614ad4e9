import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../src/adapters/evidence/blob-store';
import { BundleExportError, BundleManifestSchema, exportBundle, imageExtension, verifyBundle } from '../../src/adapters/evidence/bundle';
import { FsWarcStore, scanWarcFile, type CaptureRef } from '../../src/adapters/evidence/warc-store';

let root: string;
let warcRoot: string;
let blobs: FsBlobStore;
let captures: CaptureRef[];
let images: { sha256: string; url: string }[];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'fyren-bundle-'));
  warcRoot = join(root, 'data', 'evidence');
  blobs = new FsBlobStore(join(warcRoot, 'blobs'));
  const store = new FsWarcStore(warcRoot, { fyrenVersion: '0.1.0' });
  // Two captures of the ad, with an unrelated capture in between (not exported).
  const first = await store.append({
    url: 'https://annonser.example/annons/123',
    method: 'GET',
    requestHeaders: { 'User-Agent': 'Fyren/0.1' },
    status: 200,
    responseHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
    body: Buffer.from('<html>Första besöket. Ring 070-123 45 67.</html>'),
    fetchedAt: new Date('2026-11-01T10:00:00.000Z'),
  });
  await store.append({
    url: 'https://annonser.example/annons/999',
    method: 'GET',
    requestHeaders: {},
    status: 404,
    responseHeaders: {},
    body: Buffer.alloc(0),
    fetchedAt: new Date('2026-11-01T10:00:05.000Z'),
  });
  const second = await store.append({
    url: 'https://annonser.example/annons/123',
    method: 'GET',
    requestHeaders: { 'User-Agent': 'Fyren/0.1' },
    status: 200,
    responseHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
    body: Buffer.from('<html>Andra besöket. Ny stad: Malmö.</html>'),
    fetchedAt: new Date('2026-11-08T10:00:00.000Z'),
  });
  await store.close();
  captures = [first, second];
  const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a9d8f' } })
    .jpeg()
    .toBuffer();
  const png = await sharp({ create: { width: 20, height: 20, channels: 4, background: '#e76f5180' } })
    .png()
    .toBuffer();
  const a = await blobs.put(jpeg);
  const b = await blobs.put(png);
  images = [
    { sha256: a.sha256, url: 'https://annonser.example/img/1.jpg' },
    { sha256: b.sha256, url: 'https://annonser.example/img/2.png' },
    { sha256: a.sha256, url: 'https://cdn.example/same-as-1.jpg' },
  ];
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function exportTo(name = 'bundle'): Promise<string> {
  const outDir = join(root, name);
  await exportBundle({
    outDir,
    adRef: { id: 'ad-123', source: 'annonsportal', externalId: '123' },
    captures,
    images,
    warcRoot,
    blobs,
    fyrenVersion: '0.1.0',
    exportedAt: new Date('2026-11-23T12:00:00Z'),
  });
  return outDir;
}

async function flipByte(path: string, at: (size: number) => number): Promise<void> {
  const bytes = await readFile(path);
  const i = at(bytes.length);
  bytes[i] = (bytes[i] ?? 0) ^ 0x01;
  await writeFile(path, bytes);
}

describe('exportBundle + verifyBundle', () => {
  it('exports the captures, images and a manifest that verifies', async () => {
    const dir = await exportTo();
    const manifest = BundleManifestSchema.parse(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')));
    expect(manifest).toMatchObject({
      format: 'fyren-evidence-bundle/1',
      fyrenVersion: '0.1.0',
      exportedAt: '2026-11-23T12:00:00.000Z',
      ad: { id: 'ad-123' },
    });
    expect(manifest.captures.map((c) => [c.recordId, c.fetchedAt, c.payloadSha256])).toEqual(
      captures.map((c) => [c.recordId, c.fetchedAt, c.payloadSha256]),
    );
    expect(manifest.captures[0]?.offsetInBundle).toBe(0);
    expect(manifest.captures[1]?.offsetInBundle).toBe(captures[0]?.length);
    expect(manifest.images.map((i) => i.file)).toEqual([
      `images/${images[0]?.sha256}.jpg`,
      `images/${images[1]?.sha256}.png`,
      `images/${images[0]?.sha256}.jpg`,
    ]);
    expect(manifest.files.map((f) => f.path).sort()).toEqual(
      ['captures.warc.gz', `images/${images[0]?.sha256}.jpg`, `images/${images[1]?.sha256}.png`].sort(),
    );

    // The bundle's WARC is the exact source bytes, and a valid WARC file by itself.
    const bundleWarc = await readFile(join(dir, 'captures.warc.gz'));
    const sources = await Promise.all(
      captures.map(async (c) => (await readFile(join(warcRoot, c.warcFile))).subarray(c.offset, c.offset + c.length)),
    );
    expect(bundleWarc.equals(Buffer.concat(sources))).toBe(true);
    const scan = await scanWarcFile(join(dir, 'captures.warc.gz'));
    expect(scan.records.map((r) => r.type)).toEqual(['response', 'request', 'response', 'request']);

    expect(await verifyBundle(dir)).toEqual({ isValid: true, problems: [] });
  });

  it.each([
    ['the WARC file', 'captures.warc.gz', (n: number) => Math.floor(n / 2)],
    ['an image', 'IMAGE', (n: number) => n - 10],
    ['the manifest', 'manifest.json', (n: number) => Math.floor(n / 3)],
    ['the manifest hash', 'manifest.sha256', () => 3],
  ])('fails when one byte of %s is flipped, naming the file', async (_kind, file, at) => {
    const dir = await exportTo();
    const path = file === 'IMAGE' ? `images/${images[1]?.sha256}.png` : file;
    await flipByte(join(dir, path), at);
    const result = await verifyBundle(dir);
    expect(result.isValid).toBe(false);
    expect(result.problems.some((p) => p.includes(file === 'manifest.sha256' ? 'manifest' : path))).toBe(true);
  });

  it('fails for every single flipped byte of the WARC file', async () => {
    const dir = await exportTo();
    const path = join(dir, 'captures.warc.gz');
    const original = await readFile(path);
    for (let i = 0; i < original.length; i += 7) {
      const copy = Buffer.from(original);
      copy[i] = (copy[i] ?? 0) ^ 0x80;
      await writeFile(path, copy);
      const result = await verifyBundle(dir);
      expect(result.isValid, `byte ${i}`).toBe(false);
      expect(result.problems.every((p) => p.startsWith('captures.warc.gz'))).toBe(true);
    }
  });

  it('fails when a file is removed or added', async () => {
    const dir = await exportTo();
    const image = `images/${images[0]?.sha256}.jpg`;
    await unlink(join(dir, image));
    await writeFile(join(dir, 'images', 'extra.jpg'), 'x');
    const result = await verifyBundle(dir);
    expect(result.isValid).toBe(false);
    expect(result.problems).toContain(`${image}: missing`);
    expect(result.problems).toContain('images/extra.jpg: not listed in the manifest');
  });

  it('fails when the manifest or its hash file is removed', async () => {
    const dir = await exportTo();
    await unlink(join(dir, 'manifest.sha256'));
    expect((await verifyBundle(dir)).problems).toEqual(['manifest.sha256: missing or unreadable']);
    await unlink(join(dir, 'manifest.json'));
    expect((await verifyBundle(dir)).isValid).toBe(false);
  });

  it('fails cleanly on a truncated WARC file', async () => {
    const dir = await exportTo();
    const path = join(dir, 'captures.warc.gz');
    const size = (await readFile(path)).length;
    await truncate(path, size - 40);
    const result = await verifyBundle(dir);
    expect(result.isValid).toBe(false);
    expect(result.problems.some((p) => p.startsWith('captures.warc.gz: altered'))).toBe(true);
    expect(result.problems.some((p) => /captures\.warc\.gz: .*truncated gzip member/.test(p))).toBe(true);
  });

  it('catches a consistently rewritten manifest that lies about a capture', async () => {
    const dir = await exportTo();
    const manifest = BundleManifestSchema.parse(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')));
    const first = manifest.captures[0];
    if (!first) throw new Error('no capture');
    first.fetchedAt = '2026-10-01T10:00:00.000Z';
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    await writeFile(join(dir, 'manifest.json'), text);
    await writeFile(join(dir, 'manifest.sha256'), `${createHash('sha256').update(text).digest('hex')}  manifest.json\n`);
    const result = await verifyBundle(dir);
    expect(result.isValid).toBe(false);
    expect(result.problems[0]).toMatch(/^captures\.warc\.gz: capture .* WARC-Date/);
  });

  it('rejects a manifest that is not a bundle manifest', async () => {
    const dir = await exportTo();
    const text = JSON.stringify({ format: 'other', files: [{ path: '../../etc/passwd', sha256: 'x', size: 1 }] });
    await writeFile(join(dir, 'manifest.json'), text);
    await writeFile(join(dir, 'manifest.sha256'), `${createHash('sha256').update(text).digest('hex')}  manifest.json\n`);
    const result = await verifyBundle(dir);
    expect(result.isValid).toBe(false);
    expect(result.problems.every((p) => p.startsWith('manifest.json: '))).toBe(true);
  });

  it('refuses to export damaged or missing evidence, leaving nothing behind', async () => {
    const warcPath = join(warcRoot, captures[0]?.warcFile ?? '');
    await flipByte(warcPath, () => (captures[0]?.offset ?? 0) + 30);
    await expect(exportTo('damaged')).rejects.toBeInstanceOf(BundleExportError);
    await expect(readFile(join(root, 'damaged', 'manifest.json'))).rejects.toThrow();

    captures = captures.slice(1);
    await blobs.delete(images[1]?.sha256 ?? '');
    await expect(exportTo('missing-image')).rejects.toThrow(/not in the blob store/);
    expect((await readdir(root)).sort()).toEqual(['data']);
  });

  it('exports and verifies an ad with no captures and no images', async () => {
    captures = [];
    images = [];
    const dir = await exportTo('empty');
    expect(await verifyBundle(dir)).toEqual({ isValid: true, problems: [] });
  });

  it('reports a folder that is not a bundle without throwing', async () => {
    expect(await verifyBundle(join(root, 'nowhere'))).toEqual({
      isValid: false,
      problems: ['manifest.json: missing or unreadable', 'manifest.sha256: missing or unreadable'],
    });
  });

  it('refuses to overwrite an existing folder', async () => {
    await exportTo();
    await expect(exportTo()).rejects.toBeInstanceOf(BundleExportError);
  });
});

describe('imageExtension', () => {
  it.each([
    [[0xff, 0xd8, 0xff, 0xe0], 'jpg'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'png'],
    [[...Buffer.from('GIF89a')], 'gif'],
    [[...Buffer.from('RIFF\0\0\0\0WEBPVP8 ')], 'webp'],
    [[0, 0, 0, 0x1c, ...Buffer.from('ftypavif')], 'avif'],
    [[...Buffer.from('<svg xmlns=')], 'svg'],
    [[1, 2, 3], 'bin'],
  ])('%j → %s', (bytes, ext) => {
    expect(imageExtension(Uint8Array.from(bytes))).toBe(ext);
  });
});
