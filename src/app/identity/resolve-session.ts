import type { OrganisationRow, SessionRow, UnitRow, UserRow } from './ports';
import type { AppDeps } from '../shared/ports';
import { sessionIdFromToken } from './session-token';

export interface ActiveSession {
  session: SessionRow;
  user: UserRow;
  organisation: OrganisationRow;
  unit: UnitRow | null;
}

/** Touch last_seen_at at most this often, to keep reads cheap. */
const TOUCH_INTERVAL_MS = 30_000;

/**
 * Finds the live session for a cookie token. Ends sessions past the idle timeout or the
 * absolute lifetime (audited as auth.session_end), and sessions of disabled users.
 */
export async function resolveSession(deps: AppDeps, token: string, requestId: string): Promise<ActiveSession | null> {
  const now = deps.clock.now();
  const id = sessionIdFromToken(token);
  const cached = deps.sessionCache?.get(id, now.getTime());
  // A cached session is trusted only while it is clearly live; anything near a limit is read again.
  if (cached && isLive(cached, now, deps.auth.idleTimeoutSeconds)) return cached;
  const active = await deps.uow.transaction(async (r) => {
    const session = await r.sessions.get(id);
    if (!session || session.endedAt) return null;
    const user = await r.users.get(session.userId);
    const idleMs = now.getTime() - session.lastSeenAt.getTime();
    const reason =
      idleMs > deps.auth.idleTimeoutSeconds * 1000
        ? 'idle_timeout'
        : now > session.expiresAt
          ? 'expired'
          : !user || user.isDisabled
            ? 'user_disabled'
            : null;
    if (reason || !user) {
      await r.sessions.end(id, now);
      await r.audit.append(
        { actor: null, requestId },
        { action: 'auth.session_end', outcome: 'success', resourceKind: 'user', resourceId: session.userId, details: { reason } },
        now,
      );
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await r.sessions.touch(id, now);
    const organisation = await r.organisations.get(user.organisationId);
    if (!organisation) return null;
    const unit = user.unitId ? await r.units.get(user.unitId) : null;
    return { session, user, organisation, unit };
  });
  if (active) deps.sessionCache?.set(id, active, now.getTime());
  else deps.sessionCache?.forgetSession(id);
  return active;
}

function isLive(a: ActiveSession, now: Date, idleTimeoutSeconds: number): boolean {
  return (
    !a.session.endedAt &&
    !a.user.isDisabled &&
    now < a.session.expiresAt &&
    now.getTime() - a.session.lastSeenAt.getTime() <= idleTimeoutSeconds * 1000 - TOUCH_INTERVAL_MS
  );
}
