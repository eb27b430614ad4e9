/**
 * The area rule (issue #16.7): an organisation's area (its scope's kommuner) bounds what its users
 * see of ads, profiles, networks and evidence. Records outside it are seen only when the request
 * asks for it (x-fyren-area: outside) with a purpose; every such read is audited as such.
 * The policy (`can`, `areaFilter`) decides; this file gives it the actor's area from the database.
 */
import { scopeKommuner } from '../../core/outreach/outreach';
import { KOMMUNER, LAN } from '../../core/places';
import { type Action, type Actor, type Resource } from '../../core/policy/policy';
import { DomainError } from '../../core/shared/errors';
import { isPurposeStated } from '../../core/shared/purpose';
import type { AppDeps, Repositories, RequestContext } from '../shared/ports';

/** The signed-in actor with the area of their organisation, read in the caller's transaction. */
export async function actorInArea(r: Repositories, ctx: RequestContext): Promise<Actor> {
  if (!ctx.actor) throw new DomainError('UNAUTHENTICATED', 'sign in first');
  const organisation = await r.organisations.get(ctx.actor.organisationId);
  const kommuner = organisation ? scopeKommuner(organisation.scope, { kommuner: KOMMUNER, lan: LAN }) : [];
  const hasPurpose = isPurposeStated(ctx.purpose);
  const isNational = kommuner.length >= KOMMUNER.length;
  return { ...ctx.actor, area: { kommuner, isWidened: ctx.isOutsideArea === true && hasPurpose && !isNational, isNational } };
}

/** Audit details that mark a read made outside the organisation's area. */
export const areaDetails = (actor: Actor): { outsideArea?: true } => (actor.area?.isWidened ? { outsideArea: true } : {});

/** Returned from a transaction when the record lies outside the actor's area. */
export const OUTSIDE_AREA = Symbol('outside-area');

/** Audits the refusal (in its own transaction, after the read's was rolled back or closed) and throws OUTSIDE_AREA. */
export async function refuseOutsideArea(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  ctx: RequestContext,
  action: Action,
  resource: Resource,
  resourceId: string,
): Promise<never> {
  await deps.uow.transaction((r) =>
    r.audit.append(
      ctx,
      {
        action: `${resource.kind}.${action}`,
        outcome: 'denied',
        resourceKind: resource.kind,
        resourceId,
        details: { reason: 'outside_area' },
      },
      deps.clock.now(),
    ),
  );
  throw new DomainError(
    'OUTSIDE_AREA',
    `${resourceId} lies outside your organisation's area; to see it, state a purpose and ask to look outside the area (x-fyren-area: outside)`,
  );
}
