/**
 * Administration of user accounts: list (a read of staff personal data, audited), create
 * with a one-time password, and update (roles, unit, disable, unlock, reset password/TOTP).
 */
import type { User, UserCreateInput, UserUpdateInput } from '../../contracts/identity';
import { DomainError } from '../../core/shared/errors';
import type { UserRow } from './ports';
import type { AppDeps, RequestContext } from '../shared/ports';
import { authorize } from './authorize';
import { presentUser } from './presenters';

export async function listUsers(deps: AppDeps, ctx: RequestContext): Promise<User[]> {
  await authorize(deps, ctx, 'list', { kind: 'user' });
  const now = deps.clock.now();
  return deps.uow.transaction(async (r) => {
    const users = await r.users.list();
    await r.audit.append(ctx, { action: 'user.list', outcome: 'success', resourceKind: 'user', details: { count: users.length } }, now);
    return users.map((u) => presentUser(u, now));
  });
}

export async function createUser(
  deps: AppDeps,
  ctx: RequestContext,
  input: UserCreateInput,
): Promise<{ user: User; oneTimePassword: string }> {
  await authorize(deps, ctx, 'create', { kind: 'user' });
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

export async function updateUser(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: UserUpdateInput,
): Promise<{ user: User; oneTimePassword: string | null }> {
  await authorize(deps, ctx, 'update', { kind: 'user', userId: id });
  const oneTimePassword = input.resetPassword ? deps.random.token(15) : null;
  const passwordHash = oneTimePassword ? await deps.hasher.hash(oneTimePassword) : null;
  const now = deps.clock.now();
  const result = await deps.uow.transaction(async (r) => {
    const user = await r.users.getForUpdate(id);
    if (!user) throw new DomainError('NOT_FOUND', `no user ${id}`);
    if (input.unitId) {
      const unit = await r.units.get(input.unitId);
      if (!unit || unit.organisationId !== user.organisationId)
        throw new DomainError('NOT_FOUND', `no unit ${input.unitId} in the user's organisation`);
    }
    const isSelf = ctx.actor?.userId === id;
    // Separation of duties: nobody changes their own roles (an administrator could otherwise
    // grant themselves access to intelligence or case data), and nobody disables themselves.
    if (isSelf && (input.isDisabled === true || input.roles !== undefined)) {
      throw new DomainError('CONFLICT', 'you cannot change your own roles or disable your own account; ask another administrator');
    }
    const patch: Partial<UserRow> = {};
    if (input.displayName !== undefined) patch.displayName = input.displayName;
    if (input.unitId !== undefined) patch.unitId = input.unitId;
    if (input.roles !== undefined) patch.roles = [...new Set(input.roles)];
    if (input.isDisabled !== undefined) patch.isDisabled = input.isDisabled;
    if (input.unlock) Object.assign(patch, { lockedUntil: null, failedLogins: 0 });
    if (passwordHash) Object.assign(patch, { passwordHash, mustChangePassword: true });
    if (input.resetTotp) Object.assign(patch, { totpSecret: null, totpPendingSecret: null, totpLastStep: null });
    const updated = await r.users.update(id, patch, now);
    if (input.isDisabled || passwordHash || input.resetTotp) await r.sessions.endAllForUser(id, now);
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
    return { user: presentUser(updated, now), oneTimePassword };
  });
  // Roles, unit, disabling and resets take effect on the user's next request in this process.
  deps.sessionCache?.forgetUser(id);
  return result;
}
