/**
 * Administration of user accounts: list (a read of staff personal data, audited), create
 * with a one-time password, and update (roles, unit, disable, unlock, reset password/TOTP).
 * An administrator manages the accounts of their own organisation; the system administrator
 * every account. Administrative roles never sit on an account with an operational role.
 * Resetting the password or second factor of an operational account waits for a second
 * administrator (four eyes, account-resets.ts); every done reset is shown to its user.
 */
import type { User, UserCreateInput, UserUpdateInput } from '../../contracts/identity';
import { can, OPERATIONAL_ROLES, roleConflict } from '../../core/policy/policy';
import { DomainError } from '../../core/shared/errors';
import type { UserRow } from './ports';
import type { AppDeps, Repositories, RequestContext } from '../shared/ports';
import { authorize } from './authorize';
import { presentUser } from './presenters';

/** Every account for the system administrator; an administrator's own organisation only. */
export async function listUsers(deps: AppDeps, ctx: RequestContext): Promise<User[]> {
  const isAll = ctx.actor !== null && can(ctx.actor, 'list', { kind: 'user' });
  if (!isAll) await authorize(deps, ctx, 'list', { kind: 'user', organisationId: ctx.actor?.organisationId });
  const now = deps.clock.now();
  return deps.uow.transaction(async (r) => {
    const users = (await r.users.list()).filter((u) => isAll || u.organisationId === ctx.actor?.organisationId);
    await r.audit.append(ctx, { action: 'user.list', outcome: 'success', resourceKind: 'user', details: { count: users.length } }, now);
    return users.map((u) => presentUser(u, now));
  });
}

function requireCompatibleRoles(roles: readonly UserRow['roles'][number][]): void {
  const conflict = roleConflict(roles);
  if (conflict) throw new DomainError('VALIDATION_FAILED', conflict, { path: ['roles'] });
}

export async function createUser(
  deps: AppDeps,
  ctx: RequestContext,
  input: UserCreateInput,
): Promise<{ user: User; oneTimePassword: string }> {
  requireCompatibleRoles(input.roles);
  await authorize(deps, ctx, 'create', { kind: 'user', organisationId: input.organisationId, grantsRoles: input.roles });
  const oneTimePassword = deps.random.token(15);
  const passwordHash = await deps.hasher.hash(oneTimePassword);
  const now = deps.clock.now();
  return deps.uow.transaction(async (r) => {
    if (!(await r.organisations.get(input.organisationId))) throw new DomainError('NOT_FOUND', `no organisation ${input.organisationId}`);
    if (input.unitId) {
      const unit = await r.units.get(input.unitId);
      if (!unit || unit.organisationId !== input.organisationId)
        throw new DomainError('NOT_FOUND', `no unit ${input.unitId} in that organisation`);
    }
    if (await r.users.findByUsername(input.username)) throw new DomainError('CONFLICT', `the user name "${input.username}" is taken`);
    const user = await r.users.insert({ ...input, roles: [...new Set(input.roles)], passwordHash, mustChangePassword: true });
    await r.audit.append(
      ctx,
      {
        action: 'user.create',
        outcome: 'success',
        resourceKind: 'user',
        resourceId: user.id,
        details: { roles: user.roles, organisationId: user.organisationId },
      },
      now,
    );
    return { user: presentUser(user, now), oneTimePassword };
  });
}

/** Whether resetting this account's password or second factor needs a second administrator. */
export const needsFourEyes = (user: Pick<UserRow, 'roles'>): boolean => user.roles.some((r) => OPERATIONAL_ROLES.includes(r));

/** Applies a reset of `kind` to the account (inside the caller's transaction); returns the new one-time password, if any. */
export async function applyReset(
  deps: Pick<AppDeps, 'random' | 'hasher'>,
  r: Repositories,
  user: UserRow,
  kind: 'password' | 'totp',
  now: Date,
  passwordHash?: string,
): Promise<UserRow> {
  const patch: Partial<UserRow> =
    kind === 'password'
      ? { passwordHash: passwordHash!, previousPasswordHash: user.passwordHash, mustChangePassword: true }
      : { totpSecret: null, totpPendingSecret: null, totpLastStep: null };
  const updated = await r.users.update(user.id, patch, now);
  await r.sessions.endAllForUser(user.id, now);
  return updated;
}

export async function updateUser(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: UserUpdateInput,
): Promise<{ user: User; oneTimePassword: string | null; pendingResets: { id: string; kind: 'password' | 'totp' }[] }> {
  const target = await deps.uow.transaction((r) => r.users.get(id));
  await authorize(deps, ctx, 'update', { kind: 'user', userId: id, organisationId: target?.organisationId, grantsRoles: input.roles });
  if (!target) throw new DomainError('NOT_FOUND', `no user ${id}`);
  if (input.roles) requireCompatibleRoles(input.roles);
  const now = deps.clock.now();
  const actorId = ctx.actor!.userId;
  const isFourEyes = needsFourEyes({ roles: [...target.roles, ...(input.roles ?? [])] });
  const oneTimePassword = input.resetPassword && !isFourEyes ? deps.random.token(15) : null;
  const passwordHash = oneTimePassword ? await deps.hasher.hash(oneTimePassword) : undefined;
  const result = await deps.uow.transaction(async (r) => {
    const user = await r.users.getForUpdate(id);
    if (!user) throw new DomainError('NOT_FOUND', `no user ${id}`);
    if (input.unitId) {
      const unit = await r.units.get(input.unitId);
      if (!unit || unit.organisationId !== user.organisationId)
        throw new DomainError('NOT_FOUND', `no unit ${input.unitId} in the user's organisation`);
    }
    const isSelf = actorId === id;
    // Separation of duties: nobody changes their own roles (an administrator could otherwise
    // grant themselves access to intelligence or case data), and nobody disables themselves.
    if (isSelf && (input.isDisabled === true || input.roles !== undefined)) {
      throw new DomainError('CONFLICT', 'you cannot change your own roles or disable your own account; ask another administrator');
    }
    if (isSelf && (input.resetPassword || input.resetTotp)) {
      throw new DomainError('CONFLICT', 'change your own password or second factor under your account, not as an administrator');
    }
    const patch: Partial<UserRow> = {};
    if (input.displayName !== undefined) patch.displayName = input.displayName;
    if (input.unitId !== undefined) patch.unitId = input.unitId;
    if (input.roles !== undefined) patch.roles = [...new Set(input.roles)];
    if (input.isDisabled !== undefined) patch.isDisabled = input.isDisabled;
    if (input.unlock) Object.assign(patch, { lockedUntil: null, failedLogins: 0 });
    let updated = await r.users.update(id, patch, now);
    if (input.isDisabled) await r.sessions.endAllForUser(id, now);
    const kinds = [...(input.resetPassword ? (['password'] as const) : []), ...(input.resetTotp ? (['totp'] as const) : [])];
    const pendingResets: { id: string; kind: 'password' | 'totp' }[] = [];
    for (const kind of kinds) {
      const reset = await r.resets.insert({
        userId: id,
        kind,
        status: isFourEyes ? 'pending' : 'done',
        requestedBy: actorId,
        requestedAt: now,
        decidedBy: isFourEyes ? null : actorId,
        decidedAt: isFourEyes ? null : now,
      });
      if (isFourEyes) pendingResets.push({ id: reset.id, kind });
      else updated = await applyReset(deps, r, updated, kind, now, passwordHash);
      await r.audit.append(
        ctx,
        {
          action: isFourEyes ? 'user.reset_request' : 'user.reset',
          outcome: 'success',
          resourceKind: 'user',
          resourceId: id,
          details: { kind, resetId: reset.id },
        },
        now,
      );
    }
    const roleChange = input.roles ? { rolesBefore: user.roles, rolesAfter: updated.roles } : {};
    await r.audit.append(
      ctx,
      {
        action: 'user.update',
        outcome: 'success',
        resourceKind: 'user',
        resourceId: id,
        details: { fields: Object.keys(input), ...roleChange },
      },
      now,
    );
    return { user: presentUser(updated, now), oneTimePassword, pendingResets };
  });
  // Roles, unit, disabling and resets take effect on the user's next request in this process.
  deps.sessionCache?.forgetUser(id);
  return result;
}
