/**
 * Where the purpose of the session is kept (sessionStorage, this tab only). The session
 * forgets it at sign-out and when the session ends, so the next sign-in asks again.
 */
export const PURPOSE_STORAGE_KEY = 'fyren.purpose';

export function forgetSessionPurpose(): void {
  try {
    window.sessionStorage.removeItem(PURPOSE_STORAGE_KEY);
  } catch {
    // Storage blocked: nothing was kept.
  }
}
