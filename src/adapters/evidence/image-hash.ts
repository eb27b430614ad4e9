/**
 * Perceptual hashing of image bytes: sharp decodes and shrinks the picture, the pure core
 * (src/core/images/phash.ts) computes the hash. Image-reuse detection only; there is no
 * face recognition, ever.
 */
import sharp from 'sharp';
import type { ImageHasher } from '../../app/intelligence/ports';
import { computePhash, PHASH_INPUT_SIZE, type Phash } from '../../core/images/phash';

/**
 * Suggested largest Hamming distance (of 64 bits) at which two images count as the same
 * picture reused. From the measurements in test/evidence/image-hash.test.ts: edited copies
 * (resized, recompressed, brightened, 5 % cropped, watermarked, EXIF-rotated) landed at 0–8
 * bits and unrelated pictures at 24–38, so 12 leaves a margin on both sides. Heavier crops
 * and mirrored or rotated pixels are out of reach of any pHash threshold.
 */
export const PHASH_SAME_IMAGE_MAX_DISTANCE = 12;

/** The perceptual hash of one image, with its size after EXIF orientation. */
export interface ImageHash {
  /** 64-bit DCT perceptual hash, 16 lowercase hex digits. */
  phash: Phash;
  /** Width in pixels, as displayed (after EXIF rotation). */
  width: number;
  /** Height in pixels, as displayed (after EXIF rotation). */
  height: number;
}

/** Thrown when bytes cannot be decoded as an image (corrupt, unsupported, above sharp's pixel limit). */
export class ImageDecodeError extends Error {
  override name = 'ImageDecodeError';
  readonly code = 'IMAGE_UNDECODABLE';
  /** Decoding the same bytes again will fail again. */
  readonly isRetryable = false;
}

/**
 * Decodes `bytes` with sharp (default pixel limit kept on, EXIF orientation applied),
 * reduces it to 32×32 grayscale and hashes it.
 *
 * @throws ImageDecodeError when the bytes are not a decodable image.
 */
export async function perceptualHash(bytes: Buffer): Promise<ImageHash> {
  if (bytes.length === 0) throw new ImageDecodeError('cannot hash an empty image');
  try {
    const image = sharp(bytes, { failOn: 'error' });
    const meta = await image.metadata();
    const { width, height } = meta.autoOrient;
    const { data, info } = await image
      .rotate()
      // Transparent pixels count as white, so a PNG and its flattened JPEG hash alike.
      .flatten({ background: '#ffffff' })
      .grayscale()
      .resize(PHASH_INPUT_SIZE, PHASH_INPUT_SIZE, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1 || data.length !== PHASH_INPUT_SIZE * PHASH_INPUT_SIZE) {
      throw new ImageDecodeError(`unexpected decoded shape ${info.width}×${info.height}×${info.channels}`);
    }
    return { phash: computePhash(data), width, height };
  } catch (error) {
    if (error instanceof ImageDecodeError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImageDecodeError(`cannot decode image (${bytes.length} bytes): ${reason}`, { cause: error });
  }
}

/** The ImageHasher port on sharp: the pHash of a picture, or null when it cannot be decoded. */
export const sharpImageHasher: ImageHasher = {
  async phash(bytes: Buffer): Promise<string | null> {
    try {
      return (await perceptualHash(bytes)).phash;
    } catch (error) {
      if (error instanceof ImageDecodeError) return null;
      throw error;
    }
  },
};
