/**
 * The evidence store on a folder (under the data directory): WARC captures in `warc/` and
 * content-addressed images in `sha256/`. Implements the EvidenceStore port; another
 * implementation (S3-compatible) can replace it without touching the use cases.
 */
import type { CaptureLocation, EvidenceStore, PageCapture, StoredImageInfo } from '../../app/intelligence/ports';
import { FsBlobStore } from './blob-store';
import { storeImage } from './store-image';
import { deleteWarcFile, rewriteWarcFile } from './warc-compaction';
import { FsWarcStore } from './warc-store';

export class FsEvidenceStore implements EvidenceStore {
  readonly blobs: FsBlobStore;
  readonly warc: FsWarcStore;
  constructor(
    readonly root: string,
    fyrenVersion: string,
  ) {
    this.blobs = new FsBlobStore(root);
    this.warc = new FsWarcStore(root, { fyrenVersion });
  }

  async capture(pages: PageCapture[]): Promise<CaptureLocation[]> {
    if (!pages.length) return [];
    const refs = await this.warc.appendMany(pages);
    return refs.map((r) => ({
      warcFile: r.warcFile,
      offset: r.offset,
      length: r.length,
      recordId: r.recordId,
      requestRecordId: r.requestRecordId,
      payloadSha256: r.payloadSha256,
      fetchedAt: new Date(r.fetchedAt),
      url: r.url,
    }));
  }

  async storeImage(bytes: Buffer): Promise<StoredImageInfo> {
    const s = await storeImage(this.blobs, bytes);
    return { sha256: s.sha256, size: s.size, phash: s.hash?.phash ?? null, width: s.hash?.width ?? null, height: s.hash?.height ?? null };
  }

  /** The image's bytes, re-hashed against the address (BlobIntegrityError when damaged), or null. */
  readImage(sha256: string): Promise<Buffer | null> {
    return this.blobs.get(sha256);
  }

  async deleteImages(sha256s: string[]): Promise<void> {
    for (const sha of sha256s) await this.blobs.delete(sha);
  }

  rewriteWarcFile(warcFile: string, keep: { id: string; offset: number; length: number }[]) {
    return rewriteWarcFile(this.root, warcFile, keep, new Date());
  }

  deleteWarcFile(warcFile: string): Promise<void> {
    return deleteWarcFile(this.root, warcFile);
  }

  close(): Promise<void> {
    return this.warc.close();
  }
}
