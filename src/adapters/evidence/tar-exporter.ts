/** Evidence bundles as tar downloads: export into a temporary folder, pack, clean up. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvidenceSet } from '../../app/intelligence/gather-evidence';
import { FsBlobStore } from './blob-store';
import { exportBundle } from './bundle';
import { tarDirectory } from './tar';

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
      await exportBundle({
        outDir: out,
        adRef: { id: set.ad.id, source: set.ad.sourceId, externalId: set.ad.externalId, ...(set.ad.url ? { url: set.ad.url } : {}) },
        captures: set.captures.map((c) => ({ ...c, fetchedAt: c.fetchedAt.toISOString() })),
        images: set.images,
        warcRoot: this.evidenceRoot,
        blobs: new FsBlobStore(this.evidenceRoot),
        fyrenVersion: this.fyrenVersion,
        exportedAt: new Date(),
      });
      return await tarDirectory(out, name);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
}
