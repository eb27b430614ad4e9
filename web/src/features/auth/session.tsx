import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Me } from '../../../../src/contracts/identity';
import { ApiError, isApiError, setSessionHandlers } from '../../api/client';
import { authApi } from '../../api/endpoints';
import { forgetSessionPurpose } from './session-purpose-storage';

/** Why the login page is shown, when there is something to say about it. */
export type LoginNotice = 'idle' | 'loggedOut' | 'sessionEnded';

export type Session =
  | { status: 'loading' }
  | { status: 'unreachable'; error: ApiError }
  | { status: 'anonymous'; notice: LoginNotice | null }
  | { status: 'authenticated'; me: Me };

interface SessionValue {
  session: Session;
  /** Call after a successful login or a forced step, with the fresh user. */
  signedIn: (me: Me) => void;
  /** Asks the server who we are again (after a password change, TOTP enrolment or a 403 forced-step answer). */
  refresh: () => Promise<void>;
  logout: (notice?: LoginNotice) => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Activity that keeps the client-side idle timer from firing. */
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'mousemove', 'scroll'] as const;

export function SessionProvider({ children, initial }: { children: ReactNode; initial?: Session }) {
  const [session, setSession] = useState<Session>(initial ?? { status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const me = await authApi.me();
      setSession({ status: 'authenticated', me });
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        setSession((prev) => (prev.status === 'anonymous' ? prev : { status: 'anonymous', notice: null }));
      } else {
        setSession({
          status: 'unreachable',
          error: isApiError(error) ? error : new ApiError(0, 'UNKNOWN', String(error)),
        });
      }
    }
  }, []);

  const logout = useCallback(async (notice: LoginNotice = 'loggedOut') => {
    try {
      await authApi.logout();
    } catch {
      // The session may already be gone on the server; the client forgets it either way.
    }
    setSession({ status: 'anonymous', notice });
  }, []);

  const signedIn = useCallback((me: Me) => setSession({ status: 'authenticated', me }), []);

  // A purpose belongs to one session: signing out, or the session ending, forgets it.
  useEffect(() => {
    if (session.status === 'anonymous') forgetSessionPurpose();
  }, [session.status]);

  useEffect(() => {
    if (!initial) void refresh();
    // Only on first mount; `initial` is for tests.
  }, []);

  useEffect(
    () =>
      setSessionHandlers({
        onUnauthenticated: () =>
          setSession((prev) => (prev.status === 'authenticated' ? { status: 'anonymous', notice: 'sessionEnded' } : prev)),
        onForcedStep: () => void refresh(),
      }),
    [refresh],
  );

  const idleSeconds = session.status === 'authenticated' ? session.me.idleTimeoutSeconds : 0;
  const logoutRef = useRef(logout);
  logoutRef.current = logout;

  useEffect(() => {
    if (idleSeconds <= 0) return;
    const limitMs = idleSeconds * 1000;
    let lastActivity = Date.now();
    let isDone = false;
    const onActivity = () => {
      lastActivity = Date.now();
    };
    const check = () => {
      if (isDone || Date.now() - lastActivity < limitMs) return;
      isDone = true;
      void logoutRef.current('idle');
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true, capture: true });
    // Timers are throttled in background tabs, so also check when the tab comes back.
    document.addEventListener('visibilitychange', check);
    const timer = window.setInterval(check, Math.min(5000, Math.max(250, Math.floor(limitMs / 4))));
    return () => {
      isDone = true;
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', check);
      window.clearInterval(timer);
    };
  }, [idleSeconds]);

  const value = useMemo(() => ({ session, signedIn, refresh, logout }), [session, signedIn, refresh, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
