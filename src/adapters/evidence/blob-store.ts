/**
 * Content-addressed blob storage for evidence (downloaded images and other bytes), keyed by
 * SHA-256. The {@link BlobStore} interface is the port; {@link FsBlobStore} keeps blobs in a
 * folder under the data directory. Another implementation (S3-compatible storage) can take
 * its place without callers noticing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The result of storing bytes. */
export interface BlobPutResult {
  /** SHA-256 of the bytes, 64 lowercase hex digits: the blob's address. */
  sha256: string;
  /** Size in bytes. */
  size: number;
  /** False when the store already held these bytes (nothing was written). */
  isNew: boolean;
}

/** Content-addressed storage of immutable blobs. */
export interface BlobStore {
  /** Stores `bytes` under their SHA-256; idempotent. */
  put(bytes: Buffer): Promise<BlobPutResult>;
  /**
   * The bytes stored under `sha256`, or null when there are none.
   * @throws BlobIntegrityError when the stored bytes no longer hash to `sha256`.
   */
  get(sha256: string): Promise<Buffer | null>;
  /** Whether a blob is stored under `sha256` (its content is not re-verified). */
  has(sha256: string): Promise<boolean>;
  /** Removes the blob; returns whether there was one. */
  delete(sha256: string): Promise<boolean>;
}

/** Stored bytes that no longer match their address: the evidence was altered or damaged. */
export class BlobIntegrityError extends Error {
  override name = 'BlobIntegrityError';
  readonly code = 'BLOB_INTEGRITY_FAILED';
  /** Reading again gives the same bytes. */
  readonly isRetryable = false;
  constructor(
    readonly expectedSha256: string,
    readonly actualSha256: string,
    readonly path: string,
  ) {
    super(`blob ${expectedSha256} is damaged: its bytes hash to ${actualSha256} (${path})`);
  }
}

/** A malformed blob address (not 64 hex digits). */
export class InvalidBlobAddressError extends Error {
  override name = 'InvalidBlobAddressError';
  readonly code = 'BLOB_ADDRESS_INVALID';
}

const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** SHA-256 of `bytes` as 64 lowercase hex digits. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function normalise(sha256: string): string {
  const value = sha256.toLowerCase();
  if (!SHA256_PATTERN.test(value)) throw new InvalidBlobAddressError(`not a SHA-256 hex digest: ${JSON.stringify(sha256)}`);
  return value;
}

function isErrnoCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

/**
 * Blobs as files at `root/sha256/ab/cd/<sha256>`. A blob is written to a temporary file in
 * the same folder, fsynced, then renamed into place (and the folder fsynced), so a crash or
 * SIGKILL never leaves a partial blob under its final name. Every `get` re-hashes the bytes.
 */
export class FsBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  /** The file path of a blob (whether or not it exists). */
  pathOf(sha256: string): string {
    const hex = normalise(sha256);
    return join(this.root, 'sha256', hex.slice(0, 2), hex.slice(2, 4), hex);
  }

  async put(bytes: Buffer): Promise<BlobPutResult> {
    const sha256 = sha256Hex(bytes);
    const path = this.pathOf(sha256);
    if (await this.has(sha256)) return { sha256, size: bytes.length, isNew: false };
    const dir = dirname(path);
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.tmp-${sha256.slice(0, 16)}-${process.pid}-${randomBytes(6).toString('hex')}`);
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      // rename() replaces atomically; a concurrent put of the same bytes wrote the same content.
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await fsyncDir(dir);
    return { sha256, size: bytes.length, isNew: true };
  }

  async get(sha256: string): Promise<Buffer | null> {
    const path = this.pathOf(sha256);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) return null;
      throw error;
    }
    const actual = sha256Hex(bytes);
    if (actual !== normalise(sha256)) throw new BlobIntegrityError(normalise(sha256), actual, path);
    return bytes;
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) return false;
      throw error;
    }
  }

  async delete(sha256: string): Promise<boolean> {
    try {
      await unlink(this.pathOf(sha256));
      return true;
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) return false;
      throw error;
    }
  }
}

/** Makes a rename durable: fsync the folder entry (a no-op where the platform refuses it). */
export async function fsyncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!isErrnoCode(error, 'EISDIR') && !isErrnoCode(error, 'EPERM') && !isErrnoCode(error, 'EINVAL')) throw error;
  } finally {
    await handle?.close();
  }
}
