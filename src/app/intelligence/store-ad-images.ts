/**
 * Stores images of imported ads: content-addressed, perceptually hashed (image reuse, never
 * faces) and linked to every ad that shows them. Images an ad already has (by URL) are skipped;
 * a URL is loaded once per source, however many ads show it. Several
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
  // Each URL is loaded once per source, and linked to every ad that shows it (image reuse is
  // evidence). An ad that already has the URL is skipped; a URL the source already has stored
  // is linked to the new ads without a download.
  type Load = { img: AdImageInput; followers: AdImageInput[] };
  const todo: Load[] = [];
  const linkOnly: { img: AdImageInput; sha256: string }[] = [];
  let skipped = 0;
  for (const [sourceId, list] of bySource) {
    const known = await deps.uow.transaction((r) =>
      r.evidence.knownImages(sourceId, [...new Set(list.map((i) => i.externalId))], [...new Set(list.map((i) => i.url))]),
    );
    const loading = new Map<string, Load>();
    const queued = new Set<string>();
    for (const img of list) {
      const pair = `${img.externalId}\n${img.url}`;
      if (known.linked.has(pair) || queued.has(pair)) {
        skipped += 1;
        continue;
      }
      queued.add(pair);
      const sha256 = known.sha256ByUrl.get(img.url);
      const load = loading.get(img.url);
      if (sha256 !== undefined) linkOnly.push({ img, sha256 });
      else if (load) load.followers.push(img);
      else {
        const l = { img, followers: [] };
        loading.set(img.url, l);
        todo.push(l);
      }
    }
  }
  // Problems are reported in input order, whichever image finished first.
  const problemOf: (string | null)[] = todo.map(() => null);
  const laterProblems: string[] = [];
  let stored = 0;
  // Lanes load, store and hash; the rows are written in batches, one transaction (one
  // commit) per batch, while the lanes go on with the next images. A batch that fails is
  // reported per image; its files stay in the content-addressed store and the next run links them.
  type Ready = { links: AdImageInput[]; at: number | null; info: StoredImageInfo | null; sha256: string };
  let ready: Ready[] = [];
  const writeBatch = async (batch: Ready[]) => {
    const now = deps.clock.now();
    try {
      await deps.uow.transaction(async (r) => {
        for (const { links, info, sha256 } of batch) {
          if (info) await r.evidence.saveImage(info, now);
          for (const img of links)
            await r.evidence.linkImage({ sourceId: img.sourceId, externalId: img.externalId, sha256, url: img.url, at: now });
        }
      });
      for (const { links } of batch) stored += links.length;
    } catch (err) {
      const reason = err instanceof Error ? err.message.split('\n')[0] : 'could not be saved';
      for (const { links, at } of batch)
        if (at === null) laterProblems.push(`${links[0]!.url}: ${reason}`);
        else problemOf[at] = `${links[0]!.url}: ${reason}`;
    }
  };
  let writing: Promise<void> = Promise.resolve();
  const flush = (all: boolean) => {
    if (ready.length === 0 || (!all && ready.length < WRITE_BATCH)) return;
    const batch = ready;
    ready = [];
    writing = writing.then(() => writeBatch(batch));
  };
  for (const { img, sha256 } of linkOnly) {
    if (img.expectedSha256 && img.expectedSha256 !== sha256)
      laterProblems.push(`${img.url}: sha256 is ${sha256}, the record says ${img.expectedSha256}`);
    else ready.push({ links: [img], at: null, info: null, sha256 });
  }
  flush(false);
  const storeOne = async ({ img, followers }: Load, at: number) => {
    try {
      const bytes = await img.load();
      const info = await deps.evidence.storeImage(bytes);
      if (img.expectedSha256 && img.expectedSha256 !== info.sha256) {
        problemOf[at] = `${img.url}: sha256 is ${info.sha256}, the record says ${img.expectedSha256}`;
        return;
      }
      ready.push({ links: [img, ...followers], at, info, sha256: info.sha256 });
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
  return { stored, skipped, problems: [...problemOf.filter((p): p is string => p !== null), ...laterProblems] };
}
