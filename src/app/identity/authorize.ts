import { can, type Action, type Resource } from '../../core/policy/policy';
import { DomainError } from '../../core/shared/errors';
import type { AppDeps, RequestContext } from '../shared/ports';

/**
 * Asks the policy; on a denial, writes an audit event (outcome "denied") in its own
 * transaction and throws FORBIDDEN. Without an actor it throws UNAUTHENTICATED.
 */
export async function authorize(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  ctx: RequestContext,
  action: Action,
  resource: Resource,
): Promise<void> {
  if (!ctx.actor) throw new DomainError('UNAUTHENTICATED', 'sign in first');
  if (can(ctx.actor, action, resource)) return;
  await deps.uow.transaction((r) =>
    r.audit.append(ctx, { action: `${resource.kind}.${action}`, outcome: 'denied', resourceKind: resource.kind }, deps.clock.now()),
  );
  throw new DomainError('FORBIDDEN', `not allowed to ${action} ${resource.kind}`);
}
