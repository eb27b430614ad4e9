import { otpauthUri, verifyTotp } from '../../core/auth/totp';
import { DomainError } from '../../core/shared/errors';
import type { AppDeps, RequestContext } from '../shared/ports';

/** Starts TOTP enrolment: stores a pending secret and returns it for the authenticator app. */
export async function startTotpEnrolment(deps: AppDeps, ctx: RequestContext): Promise<{ secret: string; otpauthUri: string }> {
  const actor = ctx.actor;
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'sign in first');
  const secret = deps.random.totpSecret();
  const now = deps.clock.now();
  await deps.uow.transaction(async (r) => {
    const user = await r.users.getForUpdate(actor.userId);
    // Replacing a factor with only a session would turn a stolen session into a takeover.
    if (user?.totpSecret) throw new DomainError('CONFLICT', 'a second factor is already set up; an administrator can reset it');
    await r.users.update(actor.userId, { totpPendingSecret: secret }, now);
    await r.audit.append(ctx, { action: 'auth.totp_setup', outcome: 'success', resourceKind: 'user', resourceId: actor.userId }, now);
  });
  return { secret, otpauthUri: otpauthUri(secret, actor.username) };
}

/** Confirms enrolment with a current code; the pending secret becomes the user's factor. */
export async function confirmTotpEnrolment(deps: AppDeps, ctx: RequestContext, code: string): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'sign in first');
  const now = deps.clock.now();
  const ok = await deps.uow.transaction(async (r) => {
    const user = await r.users.getForUpdate(actor.userId);
    const secret = user?.totpPendingSecret;
    const step = secret ? verifyTotp(secret, code, now.getTime()) : null;
    if (user?.totpSecret) throw new DomainError('CONFLICT', 'a second factor is already set up; an administrator can reset it');
    if (!user || !secret || step === null) {
      await r.audit.append(ctx, { action: 'auth.totp_enable', outcome: 'failure', resourceKind: 'user', resourceId: actor.userId }, now);
      return false;
    }
    await r.users.update(user.id, { totpSecret: secret, totpPendingSecret: null, totpLastStep: step }, now);
    await r.audit.append(ctx, { action: 'auth.totp_enable', outcome: 'success', resourceKind: 'user', resourceId: actor.userId }, now);
    return true;
  });
  deps.sessionCache?.forgetUser(actor.userId);
  if (!ok) throw new DomainError('INVALID_TOTP', 'the code does not match; start the setup again if needed');
}
