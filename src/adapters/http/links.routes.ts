/**
 * /api/profiles, /api/networks and /api/links: profiles and networks with their evidence,
 * explanations, corrections and rebuilds. Reads need a purpose (x-fyren-purpose header).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { CorrectionCreateSchema, ExplainQuerySchema, ProfileListQuerySchema } from '../../contracts/links';
import { rebuildLinks } from '../../app/intelligence/link-ads';
import { correctLinks, explainLink, getNetwork, getProfile, listProfiles } from '../../app/intelligence/profiles';
import { authorize } from '../../app/identity/authorize';
import type { AppDeps } from '../../app/shared/ports';
import { DomainError } from '../../core/shared/errors';
import type { HttpEnv } from './context';
import { validate } from './validate';

const ProfileId = z.object({ id: z.string().regex(/^pf-[0-9a-f]{12}$/, 'a profile id "pf-…"') });
const NetworkId = z.object({ id: z.string().regex(/^nw-[0-9a-f]{12}$/, 'a network id "nw-…"') });

export function profilesRoutes(deps: AppDeps) {
  return new Hono<HttpEnv>()
    .get('/', validate('query', ProfileListQuerySchema), async (c) => {
      if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
      return c.json(await listProfiles(deps, c.get('ctx'), c.req.valid('query')));
    })
    .get('/:id', validate('param', ProfileId), async (c) => {
      if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
      return c.json(await getProfile(deps, c.get('ctx'), c.req.valid('param').id));
    });
}

export function networksRoutes(deps: AppDeps) {
  return new Hono<HttpEnv>().get('/:id', validate('param', NetworkId), async (c) => {
    if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
    return c.json(await getNetwork(deps, c.get('ctx'), c.req.valid('param').id));
  });
}

export function linksRoutes(deps: AppDeps) {
  return new Hono<HttpEnv>()
    .get('/explain', validate('query', ExplainQuerySchema), async (c) => {
      if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
      return c.json(await explainLink(deps, c.get('ctx'), c.req.valid('query')));
    })
    .post('/corrections', validate('json', CorrectionCreateSchema), async (c) => {
      if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
      return c.json(await correctLinks(deps, c.get('ctx'), c.req.valid('json')), 201);
    })
    .post('/rebuild', async (c) => {
      if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
      await authorize(deps, c.get('ctx'), 'create', { kind: 'link' });
      return c.json(await rebuildLinks(deps, c.get('ctx')));
    });
}
