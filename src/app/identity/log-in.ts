import type { LoginInput } from '../../contracts/identity';
import { verifyTotp } from '../../core/auth/totp';
import { DomainError, type ErrorCode } from '../../core/shared/errors';
import type { UserRow } from './ports';
import type { AppDeps, RequestContext } from '../shared/ports';
import { sessionIdFromToken } from './session-token';

/** A hash verified against when the user does not exist, so timing does not reveal which names exist. */
let dummyHash: Promise<string> | null = null;

export interface LoginResult {
  token: string;
  user: UserRow;
}

/**
 * Signs a user in. Every attempt is audited. Failures (wrong password or wrong second
 * factor) are counted atomically in the database, so parallel attempts cannot slip past the
 * lock, and per client address in the throttle (successes do not count there, so an office
 * behind one address is not locked out). Failures are committed before the error is thrown.
 */
export async function logIn(
  deps: AppDeps,
  ctx: RequestContext,
  input: LoginInput,
  clientKey: string,
  /** The session token this browser already holds, if any: signing in again ends that session. */
  previousToken: string | null = null,
): Promise<LoginResult> {
  const now = deps.clock.now();
  const username = input.username.toLowerCase();
  const ipKey = `ip:${clientKey}`;
  const userKey = `user:${username}`;

  const fail = async (code: ErrorCode, reason: string, user: UserRow | null, opts: { isCounted: boolean }) => {
    if (opts.isCounted) {
      deps.throttle.recordFailure(ipKey, now.getTime());
      deps.throttle.recordFailure(userKey, now.getTime());
    }
    await deps.uow.transaction(async (r) => {
      const lock =
        user && opts.isCounted ? await r.users.recordFailedLogin(user.id, deps.auth.maxFailedLogins, deps.auth.lockMinutes, now) : null;
      // Unknown names are not stored: people paste passwords into the user-name field.
      await r.audit.append(
        { ...ctx, actor: null },
        {
          action: 'auth.login',
          outcome: 'failure',
          resourceKind: 'user',
          resourceId: user?.id ?? null,
          details: { reason, ...(user ? { username } : {}) },
        },
        now,
      );
      if (user && lock?.isNewlyLocked) {
        await r.audit.append(
          { ...ctx, actor: null },
          {
            action: 'auth.lock',
            outcome: 'success',
            resourceKind: 'user',
            resourceId: user.id,
            details: { until: lock.lockedUntil.toISOString() },
          },
          now,
        );
      }
    });
    throw new DomainError(code, reason.replace(/_/g, ' '));
  };

  if (deps.throttle.isBlocked(ipKey, now.getTime()) || deps.throttle.isBlocked(userKey, now.getTime())) {
    return fail('RATE_LIMITED', 'too_many_attempts', null, { isCounted: false });
  }
  const user = await deps.uow.transaction((r) => r.users.findByUsername(username));
  if (!user) {
    dummyHash ??= deps.hasher.hash('fyren-timing-equaliser');
    await deps.hasher.verify(await dummyHash, input.password).catch(() => false);
    // A name without an account locks like an account, so the answer does not reveal which exist.
    const unknownKey = `unknown:${username}`;
    if (deps.throttle.isUnknownLocked(unknownKey, now.getTime()))
      return fail('ACCOUNT_LOCKED', 'account_locked', null, { isCounted: false });
    deps.throttle.recordUnknownFailure(unknownKey, now.getTime(), deps.auth.maxFailedLogins, deps.auth.lockMinutes * 60_000);
    return fail('INVALID_CREDENTIALS', 'invalid_credentials', null, { isCounted: true });
  }
  // The hash is always checked first, so a locked account answers as slowly as any other.
  const isPasswordOk = await deps.hasher.verify(user.passwordHash, input.password);
  if (user.lockedUntil && user.lockedUntil > now) return fail('ACCOUNT_LOCKED', 'account_locked', user, { isCounted: false });
  if (!isPasswordOk) return fail('INVALID_CREDENTIALS', 'invalid_credentials', user, { isCounted: true });
  if (user.isDisabled) return fail('ACCOUNT_DISABLED', 'account_disabled', user, { isCounted: false });

  let totpStep: number | null = null;
  if (user.totpSecret) {
    // A correct password without the second factor is audited: it means someone knows the password.
    if (!input.totp) return fail('TOTP_REQUIRED', 'totp_required', user, { isCounted: false });
    totpStep = verifyTotp(user.totpSecret, input.totp, now.getTime());
    if (totpStep === null) return fail('INVALID_TOTP', 'invalid_totp', user, { isCounted: true });
  }

  const token = deps.random.token(32);
  const updated = await deps.uow.transaction(async (r) => {
    // Claiming the time step atomically refuses a code replayed by a parallel request.
    if (totpStep !== null && !(await r.users.claimTotpStep(user.id, totpStep))) return null;
    const u = await r.users.update(user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now }, now);
    if (previousToken) {
      // Signing in again in the same browser ends the session it held (whoever it belonged to).
      const previous = await r.sessions.get(sessionIdFromToken(previousToken));
      if (previous && !previous.endedAt) {
        await r.sessions.end(previous.id, now);
        await r.audit.append(
          { ...ctx, actor: null },
          {
            action: 'auth.session_end',
            outcome: 'success',
            resourceKind: 'user',
            resourceId: previous.userId,
            details: { reason: 'signed_in_again' },
          },
          now,
        );
      }
    }
    await r.sessions.insert({
      id: sessionIdFromToken(token),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + deps.auth.sessionMaxSeconds * 1000),
      endedAt: null,
    });
    await r.audit.append(
      {
        ...ctx,
        actor: {
          userId: user.id,
          organisationId: user.organisationId,
          roles: user.roles,
          username: user.username,
          displayName: user.displayName,
        },
      },
      { action: 'auth.login', outcome: 'success', resourceKind: 'user', resourceId: user.id },
      now,
    );
    return u;
  });
  if (!updated) return fail('INVALID_TOTP', 'totp_code_already_used', user, { isCounted: true });
  // The session this browser held has ended: at once in this process too (the session cache).
  if (previousToken) deps.sessionCache?.forgetSession(sessionIdFromToken(previousToken));
  deps.throttle.reset(userKey);
  return { token, user: updated };
}
