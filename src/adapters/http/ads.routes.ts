/** /api/ads: ad search for Kartläggning, and evidence bundles. The purpose comes in the x-fyren-purpose header. */
import { Hono } from 'hono';
import { z } from 'zod';
import { AdSearchQuerySchema } from '../../contracts/ads';
import { gatherEvidence, type EvidenceSet } from '../../app/intelligence/gather-evidence';
import { searchAds } from '../../app/intelligence/search-ads';
import type { AppDeps } from '../../app/ports';
import { DomainError } from '../../core/shared/errors';
import type { HttpEnv } from './context';
import { validate } from './validate';

/** Writes an evidence bundle and returns it as a tar archive (implemented by the evidence adapter). */
export interface EvidenceExporter {
  exportTar(set: EvidenceSet): Promise<Buffer>;
}

const IdParam = z.object({ id: z.string().uuid('a uuid') });

export function adsRoutes(deps: AppDeps, exporter: EvidenceExporter | null) {
  return new Hono<HttpEnv>()
    .get('/', validate('query', AdSearchQuerySchema), async (c) => {
      if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
      return c.json(await searchAds(deps, c.get('ctx'), c.req.valid('query')));
    })
    .get('/:id/evidence', validate('param', IdParam), async (c) => {
      if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
      if (!exporter) throw new DomainError('NOT_FOUND', 'evidence export is not configured');
      const set = await gatherEvidence(deps, c.get('ctx'), c.req.valid('param').id);
      const tar = await exporter.exportTar(set);
      return c.body(new Uint8Array(tar), 200, {
        'content-type': 'application/x-tar',
        'content-disposition': `attachment; filename="fyren-evidence-${set.ad.sourceId}-${set.ad.externalId}.tar"`,
      });
    });
}
