/**
 * /api/ads: ad search for Kartläggning (by filters or by picture), and evidence bundles. The
 * purpose comes in the x-fyren-purpose header.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { AdSearchQuerySchema, IMAGE_SEARCH_MAX_BYTES, ImageSearchQuerySchema } from '../../contracts/ads';
import { gatherEvidence, type EvidenceSet } from '../../app/intelligence/gather-evidence';
import { searchAds } from '../../app/intelligence/search-ads';
import { searchAdsByImage } from '../../app/intelligence/search-ads-by-image';
import type { ImageHasher } from '../../app/intelligence/ports';
import type { AppDeps } from '../../app/shared/ports';
import { DomainError } from '../../core/shared/errors';
import type { HttpEnv } from './context';
import { errorResponse } from './errors';
import { validate } from './validate';

/** Writes an evidence bundle and returns it as a tar archive (implemented by the evidence adapter). */
export interface EvidenceExporter {
  exportTar(set: EvidenceSet): Promise<Buffer>;
}

const IdParam = z.object({ id: z.string().uuid('a uuid') });

/** Room for the multipart boundaries and headers around a picture of the largest size. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** The uploaded picture: the multipart field "image", or the raw body (any other content type). */
async function uploadedPicture(c: Context<HttpEnv>): Promise<Buffer> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await c.req.raw.formData();
    } catch {
      throw new DomainError('VALIDATION_FAILED', 'invalid multipart body', { path: ['image'] });
    }
    const file = form.get('image');
    if (!(file instanceof File))
      throw new DomainError('VALIDATION_FAILED', 'send the picture in the multipart field "image"', { path: ['image'] });
    if (file.size > IMAGE_SEARCH_MAX_BYTES) {
      throw new DomainError('VALIDATION_FAILED', `the picture is larger than ${IMAGE_SEARCH_MAX_BYTES / 1024 / 1024} MB`, {
        path: ['image'],
      });
    }
    return Buffer.from(await file.arrayBuffer());
  }
  return Buffer.from(await c.req.arrayBuffer());
}

export function adsRoutes(deps: AppDeps, exporter: EvidenceExporter | null, hasher: ImageHasher | null = null) {
  return new Hono<HttpEnv>()
    .get('/', validate('query', AdSearchQuerySchema), async (c) => {
      if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
      return c.json(await searchAds(deps, c.get('ctx'), c.req.valid('query')));
    })
    .post(
      '/by-image',
      bodyLimit({
        maxSize: IMAGE_SEARCH_MAX_BYTES + MULTIPART_OVERHEAD,
        onError: (c) =>
          errorResponse(c, 413, 'PAYLOAD_TOO_LARGE', `the picture is larger than ${IMAGE_SEARCH_MAX_BYTES / 1024 / 1024} MB`, [
            { path: ['image'], message: `at most ${IMAGE_SEARCH_MAX_BYTES} bytes` },
          ]),
      }),
      validate('query', ImageSearchQuerySchema),
      async (c) => {
        if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
        if (!hasher) throw new DomainError('NOT_FOUND', 'image search is not configured');
        const picture = await uploadedPicture(c);
        return c.json(await searchAdsByImage({ ...deps, imageHasher: hasher }, c.get('ctx'), picture, c.req.valid('query')));
      },
    )
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
