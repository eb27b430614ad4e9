/**
 * Keeping a downloaded image as evidence: store its bytes content-addressed and compute its
 * perceptual hash, at the same time (the blob write waits on the disk while sharp decodes).
 */
import type { BlobPutResult, BlobStore } from './blob-store';
import { ImageDecodeError, perceptualHash, type ImageHash } from './image-hash';

/** A stored image; `hash` is null when the bytes could not be decoded as an image. */
export interface StoredImage extends BlobPutResult {
  /** Perceptual hash and displayed size, or null when undecodable. */
  hash: ImageHash | null;
  /** Why there is no hash (ImageDecodeError message), when `hash` is null. */
  hashProblem?: string;
}

/**
 * Stores `bytes` in `blobs` and perceptually hashes them. The bytes are stored even when
 * they are not a decodable image: they are what the site served, and that is the evidence.
 *
 * @throws whatever the blob store throws (disk errors); decode failures are returned as data.
 */
export async function storeImage(blobs: BlobStore, bytes: Buffer): Promise<StoredImage> {
  const [stored, hashed] = await Promise.all([
    blobs.put(bytes),
    perceptualHash(bytes).then(
      (hash) => ({ hash, problem: undefined }),
      (error: unknown) => {
        if (error instanceof ImageDecodeError) return { hash: null, problem: error.message };
        throw error;
      },
    ),
  ]);
  return hashed.problem === undefined ? { ...stored, hash: hashed.hash } : { ...stored, hash: null, hashProblem: hashed.problem };
}
