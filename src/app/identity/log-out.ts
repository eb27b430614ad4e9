import type { AppDeps, RequestContext } from '../shared/ports';
import { sessionIdFromToken } from './session-token';

/** Ends the session of this cookie token; audited. */
export async function logOut(deps: AppDeps, ctx: RequestContext, token: string): Promise<void> {
  const now = deps.clock.now();
  await deps.uow.transaction(async (r) => {
    await r.sessions.end(sessionIdFromToken(token), now);
    await r.audit.append(
      ctx,
      { action: 'auth.logout', outcome: 'success', resourceKind: 'user', resourceId: ctx.actor?.userId ?? null },
      now,
    );
  });
  deps.sessionCache?.forgetSession(sessionIdFromToken(token));
}
