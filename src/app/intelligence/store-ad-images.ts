/**
 * Stores images of imported ads: content-addressed, perceptually hashed (image reuse, never
 * faces) and linked to their ads. Images an ad already has (by URL) are skipped. Several
 * images are loaded and stored at a time: reading, hashing (sharp) and writing (fsync) each
 * wait on other threads or the disk, so a few in flight keep them all busy. Their rows are
 * written in batches, one commit per batch.
 */
import type { EvidenceStore, StoredImageInfo } from './ports';
import type { AppDeps } from '../shared/ports';

export interface AdImageInput {
  sourceId: string;
  externalId: string;
  url: string;
  /** Reads the bytes (from a file beside the import, or the web); called only for new images. */
  load(): Promise<Buffer>;
  /** SHA-256 the record states, checked against the bytes. */
  expectedSha256?: string;
}

/** Images loaded and stored at the same time, unless the caller says otherwise. */
export const IMAGE_CONCURRENCY = 4;

/** Images whose rows are written in one transaction. */
const WRITE_BATCH = 25;

export async function storeAdImages(
  deps: Pick<AppDeps, 'uow' | 'clock'> & { evidence: EvidenceStore },
  images: AdImageInput[],
  opts: { concurrency?: number } = {},
): Promise<{ stored: number; skipped: number; problems: string[] }> {
  const bySource = new Map<string, AdImageInput[]>();
  for (const i of images) {
    const list = bySource.get(i.sourceId);
    if (list) list.push(i);
    else bySource.set(i.sourceId, [i]);
  }
  // Each URL once per source: skipped when one of these ads already has it, or an earlier item in this call has it.
  const todo: AdImageInput[] = [];
  let skipped = 0;
  for (const [sourceId, list] of bySource) {
    const known = await deps.uow.transaction((r) => r.evidence.knownImageUrls(sourceId, [...new Set(list.map((i) => i.externalId))]));
    for (const img of list) {
      if (known.has(img.url)) skipped += 1;
      else {
        known.add(img.url);
        todo.push(img);
      }
    }
  }
  // Problems are reported in input order, whichever image finished first.
  const problemOf: (string | null)[] = todo.map(() => null);
  let stored = 0;
  // Lanes load, store and hash; the rows are written in batches, one transaction (one
  // commit) per batch, while the lanes go on with the next images. A batch that fails is
  // reported per image; its files stay in the content-addressed store and the next run links them.
  type Ready = { img: AdImageInput; at: number; info: StoredImageInfo };
  let ready: Ready[] = [];
  const writeBatch = async (batch: Ready[]) => {
    const now = deps.clock.now();
    try {
      await deps.uow.transaction(async (r) => {
        for (const { img, info } of batch) {
          await r.evidence.saveImage(info, now);
          await r.evidence.linkImage({ sourceId: img.sourceId, externalId: img.externalId, sha256: info.sha256, url: img.url, at: now });
        }
      });
      stored += batch.length;
    } catch (err) {
      const reason = err instanceof Error ? err.message.split('\n')[0] : 'could not be saved';
      for (const { img, at } of batch) problemOf[at] = `${img.url}: ${reason}`;
    }
  };
  let writing: Promise<void> = Promise.resolve();
  const flush = (all: boolean) => {
    if (ready.length === 0 || (!all && ready.length < WRITE_BATCH)) return;
    const batch = ready;
    ready = [];
    writing = writing.then(() => writeBatch(batch));
  };
  const storeOne = async (img: AdImageInput, at: number) => {
    try {
      const bytes = await img.load();
      const info = await deps.evidence.storeImage(bytes);
      if (img.expectedSha256 && img.expectedSha256 !== info.sha256) {
        problemOf[at] = `${img.url}: sha256 is ${info.sha256}, the record says ${img.expectedSha256}`;
        return;
      }
      ready.push({ img, at, info });
      flush(false);
    } catch (err) {
      problemOf[at] = `${img.url}: ${err instanceof Error ? err.message.split('\n')[0] : 'could not be read'}`;
    }
  };
  let next = 0;
  const lanes = Math.max(1, Math.min(opts.concurrency ?? IMAGE_CONCURRENCY, todo.length));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < todo.length) {
        const at = next++;
        await storeOne(todo[at]!, at);
      }
    }),
  );
  flush(true);
  await writing;
  return { stored, skipped, problems: problemOf.filter((p): p is string => p !== null) };
}
