/**
 * A short in-process cache of resolved sessions (issue #25): a signed-in request no longer takes a
 * database connection of its own for the session lookup. An entry lives `ttlMs` at most, and is
 * dropped at once, in this process, on logout, on a change of the user's roles, organisation,
 * unit or password, when the user is disabled, and when the organisation changes. Other server
 * processes on the same database see such a change when their entry expires (within `ttlMs`).
 */
import type { ActiveSession } from './resolve-session';

export class SessionCache {
  private readonly entries = new Map<string, { value: ActiveSession; until: number }>();

  /**
   * @param ttlMs how long an entry is trusted (default 5 s)
   * @param maxEntries entries kept at most; the oldest go first
   */
  constructor(
    readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  /** The cached session of this session id, unless it expired at `nowMs`. */
  get(sessionId: string, nowMs: number): ActiveSession | undefined {
    const e = this.entries.get(sessionId);
    if (!e) return undefined;
    if (e.until <= nowMs) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return e.value;
  }

  set(sessionId: string, value: ActiveSession, nowMs: number): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(sessionId, { value, until: nowMs + this.ttlMs });
  }

  /** Drops one session (logout, session end). */
  forgetSession(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  /** Drops every session of a user (roles, password, disabled, unit, organisation changed). */
  forgetUser(userId: string): void {
    for (const [id, e] of this.entries) if (e.value.user.id === userId) this.entries.delete(id);
  }

  /** Drops every session of an organisation's users (its settings changed). */
  forgetOrganisation(organisationId: string): void {
    for (const [id, e] of this.entries) if (e.value.organisation.id === organisationId) this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}
