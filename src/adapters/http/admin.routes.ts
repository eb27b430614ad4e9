/** /api/admin: organisations, units, users and the audit log. Every handler asks the policy through its use case. */
import { Hono } from 'hono';
import { z } from 'zod';
import {
  AuditQuerySchema,
  OrganisationCreateSchema,
  OrganisationUpdateSchema,
  UnitCreateSchema,
  UserCreateSchema,
  UserUpdateSchema,
} from '../../contracts/identity';
import { listAuditEvents } from '../../app/audit/list-audit-events';
import { createOrganisation, createUnit, listOrganisations, listUnits, updateOrganisation } from '../../app/identity/manage-organisations';
import { createUser, listUsers, updateUser } from '../../app/identity/manage-users';
import type { AppDeps } from '../../app/shared/ports';
import type { HttpEnv } from './context';
import { validate } from './validate';

const IdParam = z.object({ id: z.string().uuid('a uuid') });

export function adminRoutes(deps: AppDeps) {
  return new Hono<HttpEnv>()
    .get('/organisations', async (c) => c.json({ items: await listOrganisations(deps, c.get('ctx')) }))
    .post('/organisations', validate('json', OrganisationCreateSchema), async (c) =>
      c.json({ organisation: await createOrganisation(deps, c.get('ctx'), c.req.valid('json')) }, 201),
    )
    .patch('/organisations/:id', validate('param', IdParam), validate('json', OrganisationUpdateSchema), async (c) =>
      c.json({ organisation: await updateOrganisation(deps, c.get('ctx'), c.req.valid('param').id, c.req.valid('json')) }),
    )
    .get('/organisations/:id/units', validate('param', IdParam), async (c) =>
      c.json({ items: await listUnits(deps, c.get('ctx'), c.req.valid('param').id) }),
    )
    .post('/organisations/:id/units', validate('param', IdParam), validate('json', UnitCreateSchema), async (c) =>
      c.json({ unit: await createUnit(deps, c.get('ctx'), c.req.valid('param').id, c.req.valid('json')) }, 201),
    )
    .get('/users', async (c) => c.json({ items: await listUsers(deps, c.get('ctx')) }))
    .post('/users', validate('json', UserCreateSchema), async (c) => c.json(await createUser(deps, c.get('ctx'), c.req.valid('json')), 201))
    .patch('/users/:id', validate('param', IdParam), validate('json', UserUpdateSchema), async (c) =>
      c.json(await updateUser(deps, c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
    )
    .get('/audit', validate('query', AuditQuerySchema), async (c) =>
      c.json(await listAuditEvents(deps, c.get('ctx'), c.req.valid('query'))),
    );
}
