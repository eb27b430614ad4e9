/**
 * Administration of organisations and their units. Each exported function is one use case;
 * they share this file because each is a few lines of authorize → change → audit.
 */
import type { Organisation, OrganisationCreateInput, OrganisationUpdateInput, Unit, UnitCreateInput } from '../../contracts/identity';
import { can } from '../../core/policy/policy';
import { DomainError } from '../../core/shared/errors';
import type { AppDeps, RequestContext } from '../shared/ports';
import { authorize } from './authorize';
import { presentOrganisation } from './presenters';

/** Every organisation for the system administrator; an administrator sees their own only. */
export async function listOrganisations(deps: AppDeps, ctx: RequestContext): Promise<Organisation[]> {
  const isAll = ctx.actor !== null && can(ctx.actor, 'list', { kind: 'organisation' });
  if (!isAll) await authorize(deps, ctx, 'list', { kind: 'organisation', organisationId: ctx.actor?.organisationId });
  const rows = await deps.uow.transaction((r) => r.organisations.list());
  return rows.filter((o) => isAll || o.id === ctx.actor?.organisationId).map(presentOrganisation);
}

export async function createOrganisation(deps: AppDeps, ctx: RequestContext, input: OrganisationCreateInput): Promise<Organisation> {
  await authorize(deps, ctx, 'create', { kind: 'organisation' });
  const now = deps.clock.now();
  return deps.uow.transaction(async (r) => {
    const org = await r.organisations.insert(input);
    await r.audit.append(
      ctx,
      {
        action: 'organisation.create',
        outcome: 'success',
        resourceKind: 'organisation',
        resourceId: org.id,
        details: { name: org.name, kind: org.kind },
      },
      now,
    );
    return presentOrganisation(org);
  });
}

export async function updateOrganisation(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: OrganisationUpdateInput,
): Promise<Organisation> {
  await authorize(deps, ctx, 'update', { kind: 'organisation', organisationId: id });
  const now = deps.clock.now();
  const result = await deps.uow.transaction(async (r) => {
    const org = await r.organisations.update(id, input);
    if (!org) throw new DomainError('NOT_FOUND', `no organisation ${id}`);
    await r.audit.append(
      ctx,
      {
        action: 'organisation.update',
        outcome: 'success',
        resourceKind: 'organisation',
        resourceId: id,
        details: { fields: Object.keys(input) },
      },
      now,
    );
    return presentOrganisation(org);
  });
  // A changed second-factor requirement or area applies to the members' next request.
  deps.sessionCache?.forgetOrganisation(id);
  return result;
}

export async function listUnits(deps: AppDeps, ctx: RequestContext, organisationId: string): Promise<Unit[]> {
  await authorize(deps, ctx, 'list', { kind: 'unit', organisationId });
  return deps.uow.transaction(async (r) => {
    if (!(await r.organisations.get(organisationId))) throw new DomainError('NOT_FOUND', `no organisation ${organisationId}`);
    return r.units.listByOrganisation(organisationId);
  });
}

export async function createUnit(deps: AppDeps, ctx: RequestContext, organisationId: string, input: UnitCreateInput): Promise<Unit> {
  await authorize(deps, ctx, 'create', { kind: 'unit', organisationId });
  const now = deps.clock.now();
  return deps.uow.transaction(async (r) => {
    if (!(await r.organisations.get(organisationId))) throw new DomainError('NOT_FOUND', `no organisation ${organisationId}`);
    if ((await r.units.listByOrganisation(organisationId)).some((u) => u.name === input.name)) {
      throw new DomainError('CONFLICT', `the organisation already has a unit named "${input.name}"`);
    }
    const u = await r.units.insert({ organisationId, name: input.name });
    await r.audit.append(
      ctx,
      { action: 'unit.create', outcome: 'success', resourceKind: 'unit', resourceId: u.id, details: { organisationId, name: u.name } },
      now,
    );
    return u;
  });
}
