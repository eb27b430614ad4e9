/**
 * Synthetic pictures for the demo market, rendered with sharp: abstract coloured
 * shapes and patterns with a fictional caption, never faces. An image id is
 * `<photoId>.<variant>`; the photo id decides the picture, the variant how it came back
 * (original, resized, cropped, recompressed, brightened or watermarked by a site), so
 * the same photo can be recognised across ads by a perceptual hash.
 */
import sharp from 'sharp';
import { Rng } from '../../core/market/prng';
import { escapeXml } from '../../core/shared/xml';

const WIDTH = 360;
const HEIGHT = 480;

const PALETTES: readonly (readonly string[])[] = [
  ['#f4a261', '#e76f51', '#2a9d8f', '#264653', '#e9c46a'],
  ['#cdb4db', '#ffc8dd', '#ffafcc', '#bde0fe', '#a2d2ff'],
  ['#003049', '#d62828', '#f77f00', '#fcbf49', '#eae2b7'],
  ['#606c38', '#283618', '#fefae0', '#dda15e', '#bc6c25'],
  ['#0b132b', '#1c2541', '#3a506b', '#5bc0be', '#6fffe9'],
  ['#ff595e', '#ffca3a', '#8ac926', '#1982c4', '#6a4c93'],
];

const WATERMARKS = ['portal.demo', 'classifieds.demo', 'sugar.demo'];

/** The SVG of a base photo: a gradient, shapes, stripes and a caption. */
export function basePhotoSvg(photoId: string): string {
  const rng = new Rng(`fyren-image/${photoId}`);
  const palette = rng.pick(PALETTES);
  const isStock = photoId.startsWith('st-');
  const c = (): string => rng.pick(palette);
  const parts: string[] = [];
  parts.push(
    `<defs><linearGradient id="g" x1="0" y1="0" x2="${rng.int(0, 1)}" y2="1"><stop offset="0" stop-color="${c()}"/><stop offset="1" stop-color="${c()}"/></linearGradient></defs>`,
  );
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#g)"/>`);
  const stripes = rng.int(0, 6);
  for (let i = 0; i < stripes; i++) {
    parts.push(`<rect x="0" y="${rng.int(0, HEIGHT)}" width="${WIDTH}" height="${rng.int(4, 24)}" fill="${c()}" opacity="0.35"/>`);
  }
  const shapes = rng.int(5, 10);
  for (let i = 0; i < shapes; i++) {
    const kind = rng.int(0, isStock ? 1 : 2);
    const x = rng.int(0, WIDTH);
    const y = rng.int(0, HEIGHT);
    const fill = c();
    const opacity = (rng.int(50, 95) / 100).toFixed(2);
    if (kind === 0) parts.push(`<circle cx="${x}" cy="${y}" r="${rng.int(15, 110)}" fill="${fill}" opacity="${opacity}"/>`);
    else if (kind === 1)
      parts.push(
        `<rect x="${x}" y="${y}" width="${rng.int(20, 160)}" height="${rng.int(20, 160)}" transform="rotate(${rng.int(0, 89)} ${x} ${y})" fill="${fill}" opacity="${opacity}"/>`,
      );
    else
      parts.push(
        `<polygon points="${x},${y} ${rng.int(0, WIDTH)},${rng.int(0, HEIGHT)} ${rng.int(0, WIDTH)},${rng.int(0, HEIGHT)}" fill="${fill}" opacity="${opacity}"/>`,
      );
  }
  parts.push(`<rect x="0" y="${HEIGHT - 44}" width="${WIDTH}" height="44" fill="#000" opacity="0.45"/>`);
  parts.push(
    `<text x="12" y="${HEIGHT - 16}" font-family="sans-serif" font-size="18" fill="#fff">Fiktiv bild · DEMO · ${escapeXml(photoId)}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">${parts.join('')}</svg>`;
}

const baseCache = new Map<string, Buffer>();

async function basePixels(photoId: string): Promise<Buffer> {
  const cached = baseCache.get(photoId);
  if (cached) return cached;
  const png = await sharp(Buffer.from(basePhotoSvg(photoId)))
    .png()
    .toBuffer();
  if (baseCache.size > 256) baseCache.clear();
  baseCache.set(photoId, png);
  return png;
}

/** Splits an image id into photo id and variant. */
export function parseImageId(imageId: string): { photoId: string; variant: string } {
  const dot = imageId.lastIndexOf('.');
  if (dot <= 0) throw new Error(`Bad image id ${imageId}`);
  return { photoId: imageId.slice(0, dot), variant: imageId.slice(dot + 1) };
}

/** Renders an image id to JPEG bytes; the same id always gives the same bytes on one machine. */
export async function renderSyntheticImage(imageId: string): Promise<Buffer> {
  const { photoId, variant } = parseImageId(imageId);
  const base = await basePixels(photoId);
  const img = sharp(base);
  const jpeg = { quality: 85, mozjpeg: false };
  switch (variant) {
    case 'o':
      return img.jpeg(jpeg).toBuffer();
    case 'r':
      return img.resize({ width: 240 }).jpeg(jpeg).toBuffer();
    case 'c':
      return img
        .extract({ left: 30, top: 36, width: WIDTH - 60, height: HEIGHT - 90 })
        .jpeg(jpeg)
        .toBuffer();
    case 'q':
      return img.jpeg({ quality: 30 }).toBuffer();
    case 'b':
      return img.modulate({ brightness: 1.25 }).jpeg(jpeg).toBuffer();
    default: {
      const site = WATERMARKS[Number(variant.slice(1))] ?? 'demo';
      const mark = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><text x="${WIDTH - 12}" y="40" text-anchor="end" font-family="sans-serif" font-size="22" font-weight="bold" fill="#fff" opacity="0.7">${escapeXml(site)}</text></svg>`;
      return img
        .composite([{ input: Buffer.from(mark), top: 0, left: 0 }])
        .jpeg(jpeg)
        .toBuffer();
    }
  }
}
