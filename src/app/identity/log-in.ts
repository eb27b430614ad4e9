import type { LoginInput } from '../../contracts/identity';
import { verifyTotp } from '../../core/auth/totp';
import { DomainError, type ErrorCode } from '../../core/shared/errors';
import type { AppDeps, RequestContext, UserRow } from '../ports';
import { sessionIdFromToken } from './session-token';

/** A hash verified against when the user does not exist, so timing does not reveal which names exist. */
let dummyHash: Promise<string> | null = null;

export interface LoginResult {
  token: string;
  user: UserRow;
}

/**
 * Signs a user in. Every attempt is audited; failures count towards a lock. Failures are
 * committed (counter and audit) before the error is thrown.
 */
export async function logIn(deps: AppDeps, ctx: RequestContext, input: LoginInput, clientKey: string): Promise<LoginResult> {
  const now = deps.clock.now();
  const username = input.username.toLowerCase();
  const fail = async (code: ErrorCode, reason: string, user: UserRow | null, patch?: Partial<UserRow>) => {
    await deps.uow.transaction(async (r) => {
      if (user && patch) await r.users.update(user.id, patch, now);
      await r.audit.append(
        { ...ctx, actor: null },
        { action: 'auth.login', outcome: 'failure', resourceKind: 'user', resourceId: user?.id ?? null, details: { username, reason } },
        now,
      );
      if (patch?.lockedUntil) {
        await r.audit.append(
          { ...ctx, actor: null },
          { action: 'auth.lock', outcome: 'success', resourceKind: 'user', resourceId: user!.id, details: { until: patch.lockedUntil.toISOString() } },
          now,
        );
      }
    });
    throw new DomainError(code, reason.replace(/_/g, ' '));
  };

  if (!deps.throttle.attempt(`ip:${clientKey}`, now.getTime()) || !deps.throttle.attempt(`user:${username}`, now.getTime())) {
    return fail('RATE_LIMITED', 'too_many_attempts', null);
  }
  const user = await deps.uow.transaction((r) => r.users.findByUsername(username));
  if (!user) {
    dummyHash ??= deps.hasher.hash('fyren-timing-equaliser');
    await deps.hasher.verify(await dummyHash, input.password).catch(() => false);
    return fail('INVALID_CREDENTIALS', 'invalid_credentials', null);
  }
  if (user.lockedUntil && user.lockedUntil > now) return fail('ACCOUNT_LOCKED', 'account_locked', user);

  // A wrong password or a wrong second factor both count towards the lock.
  const failurePatch = (): Partial<UserRow> => {
    const failedLogins = user.failedLogins + 1;
    const isLocking = failedLogins >= deps.auth.maxFailedLogins;
    return {
      failedLogins: isLocking ? 0 : failedLogins,
      ...(isLocking ? { lockedUntil: new Date(now.getTime() + deps.auth.lockMinutes * 60_000) } : {}),
    };
  };
  const isPasswordOk = await deps.hasher.verify(user.passwordHash, input.password);
  if (!isPasswordOk) return fail('INVALID_CREDENTIALS', 'invalid_credentials', user, failurePatch());
  if (user.isDisabled) return fail('ACCOUNT_DISABLED', 'account_disabled', user);

  let totpStep: number | null = user.totpLastStep;
  if (user.totpSecret) {
    if (!input.totp) throw new DomainError('TOTP_REQUIRED', 'a TOTP code is required');
    const step = verifyTotp(user.totpSecret, input.totp, now.getTime());
    if (step === null || (user.totpLastStep !== null && step <= user.totpLastStep)) {
      return fail('INVALID_TOTP', 'invalid_totp', user, failurePatch());
    }
    totpStep = step;
  }

  const token = deps.random.token(32);
  const updated = await deps.uow.transaction(async (r) => {
    const u = await r.users.update(user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now, totpLastStep: totpStep }, now);
    await r.sessions.insert({
      id: sessionIdFromToken(token),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + deps.auth.sessionMaxSeconds * 1000),
      endedAt: null,
    });
    await r.audit.append(
      { ...ctx, actor: { userId: user.id, organisationId: user.organisationId, roles: user.roles, username: user.username, displayName: user.displayName } },
      { action: 'auth.login', outcome: 'success', resourceKind: 'user', resourceId: user.id },
      now,
    );
    return u;
  });
  deps.throttle.reset(`user:${username}`);
  return { token, user: updated };
}
