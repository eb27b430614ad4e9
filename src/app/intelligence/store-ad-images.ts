/**
 * Stores images of imported ads: content-addressed, perceptually hashed (image reuse, never
 * faces) and linked to their ads. Images an ad already has (by URL) are skipped.
 */
import type { AppDeps, EvidenceStore } from '../ports';

export interface AdImageInput {
  sourceId: string;
  externalId: string;
  url: string;
  /** Reads the bytes (from a file beside the import, or the web); called only for new images. */
  load(): Promise<Buffer>;
  /** SHA-256 the record states, checked against the bytes. */
  expectedSha256?: string;
}

export async function storeAdImages(
  deps: Pick<AppDeps, 'uow' | 'clock'> & { evidence: EvidenceStore },
  images: AdImageInput[],
): Promise<{ stored: number; skipped: number; problems: string[] }> {
  const bySource = new Map<string, AdImageInput[]>();
  for (const i of images) bySource.set(i.sourceId, [...(bySource.get(i.sourceId) ?? []), i]);
  let stored = 0;
  let skipped = 0;
  const problems: string[] = [];
  for (const [sourceId, list] of bySource) {
    const known = await deps.uow.transaction((r) => r.evidence.knownImageUrls(sourceId, [...new Set(list.map((i) => i.externalId))]));
    for (const img of list) {
      if (known.has(img.url)) {
        skipped += 1;
        continue;
      }
      known.add(img.url);
      try {
        const bytes = await img.load();
        const info = await deps.evidence.storeImage(bytes);
        if (img.expectedSha256 && img.expectedSha256 !== info.sha256) {
          problems.push(`${img.url}: sha256 is ${info.sha256}, the record says ${img.expectedSha256}`);
          continue;
        }
        const at = deps.clock.now();
        await deps.uow.transaction(async (r) => {
          await r.evidence.saveImage(info, at);
          await r.evidence.linkImage({ sourceId, externalId: img.externalId, sha256: info.sha256, url: img.url, at });
        });
        stored += 1;
      } catch (err) {
        problems.push(`${img.url}: ${err instanceof Error ? err.message.split('\n')[0] : 'could not be read'}`);
      }
    }
  }
  return { stored, skipped, problems };
}
