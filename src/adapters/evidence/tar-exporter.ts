/** Evidence bundles as tar downloads: export into a temporary folder, pack, clean up. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvidenceSet } from '../../app/intelligence/gather-evidence';
import { FsBlobStore } from './blob-store';
import { exportBundle } from './bundle';
import { tarDirectory } from './tar';

/** Writes the bundle of one ad's evidence set into `outDir` (which must not exist). */
export function exportEvidenceSet(set: EvidenceSet, outDir: string, evidenceRoot: string, fyrenVersion: string, exportedAt: Date) {
  return exportBundle({
    outDir,
    adRef: { id: set.ad.id, source: set.ad.sourceId, externalId: set.ad.externalId, ...(set.ad.url ? { url: set.ad.url } : {}) },
    captures: set.captures.map((c) => ({ ...c, fetchedAt: c.fetchedAt.toISOString() })),
    images: set.images,
    warcRoot: evidenceRoot,
    blobs: new FsBlobStore(evidenceRoot),
    fyrenVersion,
    exportedAt,
  });
}

export class TarEvidenceExporter {
  constructor(
    private readonly evidenceRoot: string,
    private readonly fyrenVersion: string,
  ) {}

  async exportTar(set: EvidenceSet): Promise<Buffer> {
    const tmp = await mkdtemp(join(tmpdir(), 'fyren-export-'));
    try {
      const name = `fyren-evidence-${set.ad.sourceId}-${set.ad.externalId}`.replace(/[^A-Za-z0-9._-]/g, '_');
      const out = join(tmp, name);
      await exportEvidenceSet(set, out, this.evidenceRoot, this.fyrenVersion, new Date());
      return await tarDirectory(out, name);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
}
