import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { hammingDistance } from '../../src/core/images/phash';
import { FsBlobStore } from '../../src/adapters/evidence/blob-store';
import { storeImage } from '../../src/adapters/evidence/store-image';
import { ImageDecodeError, perceptualHash, PHASH_SAME_IMAGE_MAX_DISTANCE } from '../../src/adapters/evidence/image-hash';

const W = 800;
const H = 600;

/** An abstract test picture (gradient, shapes, stripes; never a face), as an SVG. */
function svg(seed: number): string {
  let s = seed;
  const r = (max: number): number => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s % max;
  };
  const colours = ['#f4a261', '#e76f51', '#2a9d8f', '#264653', '#e9c46a', '#003049', '#d62828', '#fcbf49'];
  const c = (): string => colours[r(colours.length)] ?? '#000';
  const parts = [
    `<defs><linearGradient id="g" x1="0" y1="0" x2="${r(2)}" y2="1"><stop offset="0" stop-color="${c()}"/><stop offset="1" stop-color="${c()}"/></linearGradient></defs>`,
    `<rect width="${W}" height="${H}" fill="url(#g)"/>`,
  ];
  for (let i = 0; i < 4; i++) parts.push(`<rect x="0" y="${r(H)}" width="${W}" height="${10 + r(30)}" fill="${c()}" opacity="0.4"/>`);
  for (let i = 0; i < 8; i++) parts.push(`<circle cx="${r(W)}" cy="${r(H)}" r="${30 + r(150)}" fill="${c()}" opacity="0.8"/>`);
  for (let i = 0; i < 4; i++) parts.push(`<rect x="${r(W)}" y="${r(H)}" width="${40 + r(200)}" height="${40 + r(200)}" fill="${c()}"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${parts.join('')}</svg>`;
}

async function jpeg(seed: number): Promise<Buffer> {
  return sharp(Buffer.from(svg(seed)))
    .jpeg({ quality: 90 })
    .toBuffer();
}

/*
 * Measured distances (bits of 64), sharp 0.35.5 / libvips 8.18.7, pictures from seeds 1–5
 * (800×600 JPEG q90), per seed:
 *   resized to 400×300 q80 ........ 2 4 2 2 0
 *   recompressed q35 .............. 0 0 0 2 0
 *   brightened ×1.25 .............. 0 2 4 2 2
 *   cropped 5 % (2.5 % each side) . 6 8 4 6 6
 *   watermark text ................ 2 0 2 2 0
 *   EXIF-rotated copy ............. 0 0 0 0 0
 *   unrelated (10 pairs) .......... 32 38 30 32 36 38 32 30 34 24  (min 24)
 * Edited copies ≤ 8, unrelated ≥ 24: PHASH_SAME_IMAGE_MAX_DISTANCE = 12 sits between them.
 * Rerun with FYREN_PHASH_REPORT=1 to print the figures.
 */
describe('perceptualHash', () => {
  it('recognises edited copies and separates unrelated pictures', async () => {
    const report: Record<string, number[]> = {};
    const note = (k: string, d: number): void => {
      (report[k] ??= []).push(d);
    };
    const hashes: string[] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const original = await jpeg(seed);
      const base = await perceptualHash(original);
      expect(base).toMatchObject({ width: W, height: H });
      hashes.push(base.phash);
      const variants: Record<string, Buffer> = {
        resized: await sharp(original).resize(400, 300).jpeg({ quality: 80 }).toBuffer(),
        recompressed: await sharp(original).jpeg({ quality: 35 }).toBuffer(),
        brightened: await sharp(original).modulate({ brightness: 1.25 }).jpeg().toBuffer(),
        cropped: await sharp(original)
          .extract({ left: Math.round(W * 0.025), top: Math.round(H * 0.025), width: Math.round(W * 0.95), height: Math.round(H * 0.95) })
          .jpeg()
          .toBuffer(),
        watermark: await sharp(original)
          .composite([
            {
              input: Buffer.from(
                `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40"><text x="0" y="30" font-size="28" fill="white" opacity="0.7">portal.demo</text></svg>`,
              ),
              gravity: 'southeast',
            },
          ])
          .jpeg()
          .toBuffer(),
        exifRotated: await sharp(original).rotate(270).withMetadata({ orientation: 6 }).jpeg().toBuffer(),
      };
      for (const [name, bytes] of Object.entries(variants)) {
        const h = await perceptualHash(bytes);
        const d = hammingDistance(base.phash, h.phash);
        note(name, d);
        expect(d, `${name} of picture ${seed}`).toBeLessThanOrEqual(10);
        expect(d).toBeLessThanOrEqual(PHASH_SAME_IMAGE_MAX_DISTANCE);
      }
    }
    for (let i = 0; i < hashes.length; i++) {
      for (let j = i + 1; j < hashes.length; j++) {
        const d = hammingDistance(hashes[i] ?? '', hashes[j] ?? '');
        note('unrelated', d);
        expect(d).toBeGreaterThanOrEqual(20);
        expect(d).toBeGreaterThan(PHASH_SAME_IMAGE_MAX_DISTANCE);
      }
    }
    if (process.env.FYREN_PHASH_REPORT) console.log(JSON.stringify(report));
  });

  it('reports the displayed size of an EXIF-rotated picture', async () => {
    const rotated = await sharp(await jpeg(1))
      .rotate(270)
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    expect(await perceptualHash(rotated)).toMatchObject({ width: W, height: H });
  });

  it('hashes a PNG with transparency like its flattened copy', async () => {
    const png = await sharp(Buffer.from(svg(7)))
      .png()
      .toBuffer();
    const flat = await sharp(png).flatten({ background: '#ffffff' }).jpeg({ quality: 92 }).toBuffer();
    expect(hammingDistance((await perceptualHash(png)).phash, (await perceptualHash(flat)).phash)).toBeLessThanOrEqual(2);
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['text', Buffer.from('<html>not an image</html>')],
    ['truncated JPEG header', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10])],
  ])('rejects %s bytes with ImageDecodeError', async (_name, bytes) => {
    await expect(perceptualHash(bytes)).rejects.toBeInstanceOf(ImageDecodeError);
  });

  it('rejects a picture above sharp’s default pixel limit', async () => {
    // A 1×1 PNG whose header claims 20000×20000 = 4e8 px, above sharp's default limitInputPixels
    // (268,402,689): sharp must refuse it from the header, before decoding anything.
    const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    png.writeUInt32BE(20000, 16);
    png.writeUInt32BE(20000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    await expect(perceptualHash(png)).rejects.toThrow(/pixel limit/);
  });
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('storeImage', () => {
  it('stores and hashes an image, and stores undecodable bytes without a hash', async () => {
    const root = await mkdtemp(join(tmpdir(), 'fyren-store-image-'));
    try {
      const blobs = new FsBlobStore(root);
      const picture = await jpeg(3);
      const stored = await storeImage(blobs, picture);
      expect(stored).toMatchObject({
        size: picture.length,
        isNew: true,
        hash: { width: W, height: H, phash: (await perceptualHash(picture)).phash },
      });
      expect(await blobs.get(stored.sha256)).toEqual(picture);
      const junk = await storeImage(blobs, Buffer.from('<html>404</html>'));
      expect(junk).toMatchObject({ isNew: true, hash: null, hashProblem: expect.stringMatching(/cannot decode image/) });
      expect(await blobs.has(junk.sha256)).toBe(true);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
