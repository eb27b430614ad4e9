/** /api/ads: ad search for Kartläggning. The purpose comes in the x-fyren-purpose header. */
import { Hono } from 'hono';
import { AdSearchQuerySchema } from '../../contracts/ads';
import { searchAds } from '../../app/intelligence/search-ads';
import type { AppDeps } from '../../app/ports';
import { DomainError } from '../../core/shared/errors';
import type { HttpEnv } from './context';
import { validate } from './validate';

export function adsRoutes(deps: AppDeps) {
  return new Hono<HttpEnv>().get('/', validate('query', AdSearchQuerySchema), async (c) => {
    if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
    return c.json(await searchAds(deps, c.get('ctx'), c.req.valid('query')));
  });
}
