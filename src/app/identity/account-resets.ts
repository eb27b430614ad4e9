/**
 * Four eyes on resets of operational accounts: a reset of the password or second factor of an
 * account with an operational role waits until a second administrator (not the one who asked)
 * approves it. Every done reset is announced to the account's user at their next sign-in
 * (`Me.notices`) until they acknowledge it.
 */
import type { AccountReset, AccountNotice, User } from '../../contracts/identity';
import { can } from '../../core/policy/policy';
import { DomainError } from '../../core/shared/errors';
import type { AccountResetRow } from './ports';
import type { AppDeps, Repositories, RequestContext } from '../shared/ports';
import { authorize } from './authorize';
import { applyReset } from './manage-users';
import { presentUser } from './presenters';

async function presentReset(r: Repositories, row: AccountResetRow): Promise<AccountReset> {
  const user = await r.users.get(row.userId);
  const requester = await r.users.get(row.requestedBy);
  return {
    id: row.id,
    userId: row.userId,
    username: user?.username ?? '',
    kind: row.kind,
    status: row.status,
    requestedBy: requester?.displayName ?? '',
    requestedAt: row.requestedAt.toISOString(),
  };
}

/** Pending resets of the accounts the actor manages. */
export async function listPendingResets(deps: AppDeps, ctx: RequestContext): Promise<AccountReset[]> {
  const isAll = ctx.actor !== null && can(ctx.actor, 'list', { kind: 'user' });
  if (!isAll) await authorize(deps, ctx, 'list', { kind: 'user', organisationId: ctx.actor?.organisationId });
  return deps.uow.transaction(async (r) => {
    const rows = await r.resets.pending(isAll ? null : ctx.actor!.organisationId);
    const out: AccountReset[] = [];
    for (const row of rows) out.push(await presentReset(r, row));
    return out;
  });
}

/**
 * Approves (or refuses) a pending reset as the second administrator. The one who asked cannot
 * approve their own request. Approving a password reset returns the new one-time password once.
 */
export async function decideReset(
  deps: AppDeps,
  ctx: RequestContext,
  resetId: string,
  decision: 'approve' | 'refuse',
): Promise<{ user: User; oneTimePassword: string | null }> {
  const found = await deps.uow.transaction(async (r) => {
    const reset = await r.resets.getForUpdate(resetId);
    return reset ? { reset, user: await r.users.get(reset.userId) } : null;
  });
  await authorize(deps, ctx, 'update', { kind: 'user', userId: found?.reset.userId, organisationId: found?.user?.organisationId });
  if (!found?.user) throw new DomainError('NOT_FOUND', `no reset ${resetId}`);
  const actorId = ctx.actor!.userId;
  const oneTimePassword = decision === 'approve' && found.reset.kind === 'password' ? deps.random.token(15) : null;
  const passwordHash = oneTimePassword ? await deps.hasher.hash(oneTimePassword) : undefined;
  const now = deps.clock.now();
  const result = await deps.uow.transaction(async (r) => {
    const reset = await r.resets.getForUpdate(resetId);
    const user = reset ? await r.users.getForUpdate(reset.userId) : null;
    if (!reset || !user) throw new DomainError('NOT_FOUND', `no reset ${resetId}`);
    if (reset.status !== 'pending') throw new DomainError('CONFLICT', `the reset was already ${reset.status}`);
    if (reset.requestedBy === actorId) {
      throw new DomainError('CONFLICT', 'a second administrator must decide on a reset you asked for (four eyes)');
    }
    if (user.id === actorId) throw new DomainError('CONFLICT', 'you cannot decide on a reset of your own account');
    const updated = decision === 'approve' ? await applyReset(deps, r, user, reset.kind, now, passwordHash) : user;
    await r.resets.decide(reset.id, decision === 'approve' ? 'done' : 'refused', actorId, now);
    await r.audit.append(
      ctx,
      {
        action: decision === 'approve' ? 'user.reset_approve' : 'user.reset_refuse',
        outcome: 'success',
        resourceKind: 'user',
        resourceId: user.id,
        details: { kind: reset.kind, resetId: reset.id, requestedBy: reset.requestedBy },
      },
      now,
    );
    return { user: presentUser(updated, now), oneTimePassword };
  });
  // An approved reset ended the user's sessions: at once in this process too (the session cache).
  deps.sessionCache?.forgetUser(result.user.id);
  return result;
}

/** The done resets of the signed-in user's account not yet acknowledged (shown after sign-in). */
export async function accountNotices(r: Repositories, userId: string): Promise<AccountNotice[]> {
  return (await r.resets.unacknowledged(userId)).map((row) => ({ kind: row.kind, at: (row.decidedAt ?? row.requestedAt).toISOString() }));
}

/** The user has seen the notices of resets of their account; audited. */
export async function acknowledgeNotices(deps: AppDeps, ctx: RequestContext): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'sign in first');
  const now = deps.clock.now();
  await deps.uow.transaction(async (r) => {
    const n = await r.resets.acknowledge(actor.userId, now);
    if (n > 0)
      await r.audit.append(
        ctx,
        { action: 'auth.notice_ack', outcome: 'success', resourceKind: 'user', resourceId: actor.userId, details: { notices: n } },
        now,
      );
  });
}
