/** /api/images: the bytes of a stored picture that an ad shows (purpose header required, audited). */
import { Hono } from 'hono';
import { z } from 'zod';
import { readAdImage } from '../../app/intelligence/read-image';
import type { ImageReader } from '../../app/intelligence/ports';
import type { AppDeps } from '../../app/shared/ports';
import { DomainError } from '../../core/shared/errors';
import type { HttpEnv } from './context';
import { validate } from './validate';

const Sha256Param = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 as 64 lowercase hex digits') });

export function imagesRoutes(deps: AppDeps, reader: ImageReader | null) {
  return new Hono<HttpEnv>().get('/:sha256', validate('param', Sha256Param), async (c) => {
    if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
    if (!reader) throw new DomainError('NOT_FOUND', 'image storage is not configured');
    const { bytes, contentType } = await readAdImage({ ...deps, images: reader }, c.get('ctx'), c.req.valid('param').sha256);
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': contentType,
      'content-disposition': 'inline',
      // Personal data: never kept by a browser or proxy cache.
      'cache-control': 'no-store',
    });
  });
}
