import type { PasswordChangeInput } from '../../contracts/identity';
import { passwordWeakness } from '../../core/auth/password-strength';
import { DomainError } from '../../core/shared/errors';
import type { AppDeps, RequestContext } from '../shared/ports';

/**
 * Changes the actor's own password. Requires the current one; ends the user's other
 * sessions; clears the forced-change flag.
 */
export async function changePassword(
  deps: AppDeps,
  ctx: RequestContext,
  input: PasswordChangeInput,
  currentSessionId: string,
): Promise<void> {
  if (!ctx.actor) throw new DomainError('UNAUTHENTICATED', 'sign in first');
  const userId = ctx.actor.userId;
  const now = deps.clock.now();
  const user = await deps.uow.transaction((r) => r.users.get(userId));
  if (!user) throw new DomainError('UNAUTHENTICATED', 'sign in first');
  if (!(await deps.hasher.verify(user.passwordHash, input.currentPassword))) {
    // Counts towards the lock like a failed sign-in: a session must not become a password oracle.
    await deps.uow.transaction(async (r) => {
      await r.users.recordFailedLogin(userId, deps.auth.maxFailedLogins, deps.auth.lockMinutes, now);
      await r.audit.append(
        ctx,
        {
          action: 'auth.password_change',
          outcome: 'failure',
          resourceKind: 'user',
          resourceId: userId,
          details: { reason: 'wrong_current_password' },
        },
        now,
      );
    });
    throw new DomainError('INVALID_CREDENTIALS', 'the current password is wrong');
  }
  if (input.newPassword === input.currentPassword)
    throw new DomainError('PASSWORD_REUSED', 'choose a password different from the current one', { path: ['newPassword'] });
  if (user.previousPasswordHash && (await deps.hasher.verify(user.previousPasswordHash, input.newPassword))) {
    throw new DomainError('PASSWORD_REUSED', 'choose a password different from your previous one', { path: ['newPassword'] });
  }
  const weakness = passwordWeakness(input.newPassword, [user.username, user.displayName]);
  if (weakness) throw new DomainError('VALIDATION_FAILED', `the new password is too easy to guess: ${weakness}`, { path: ['newPassword'] });
  const passwordHash = await deps.hasher.hash(input.newPassword);
  // A one-time password from a reset is not "previous": the one before the reset stays refused.
  const previousPasswordHash = user.mustChangePassword && user.previousPasswordHash ? user.previousPasswordHash : user.passwordHash;
  await deps.uow.transaction(async (r) => {
    await r.users.update(userId, { passwordHash, previousPasswordHash, mustChangePassword: false }, now);
    await r.sessions.endAllForUser(userId, now, currentSessionId);
    await r.audit.append(ctx, { action: 'auth.password_change', outcome: 'success', resourceKind: 'user', resourceId: userId }, now);
  });
  deps.sessionCache?.forgetUser(userId);
}
