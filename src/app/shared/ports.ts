/**
 * The shared kernel of the ports: what every context's use cases need (clock, request context,
 * unit of work, the dependencies bag). Each context declares its own ports in
 * `src/app/<context>/ports.ts` and adds its repositories to `Repositories` there (a
 * `declare module '../shared/ports'` block), so a new context edits no file here.
 */
import type { Actor } from '../../core/policy/policy';
import type { SessionCache } from '../identity/session-cache';
import type { DashboardCache } from '../statistics/dashboard-cache';
import type { AuthSettings, LoginThrottle, PasswordHasher, RandomSource } from '../identity/ports';

export interface Clock {
  now(): Date;
}

/** Who is acting, and in which request. */
export interface RequestContext {
  actor: (Actor & { displayName: string; username: string }) | null;
  requestId: string;
  /** The purpose the actor gave for a search or read of personal data. */
  purpose?: string | null;
  /**
   * The actor asked, for this request, to see records outside their organisation's area
   * (x-fyren-area: outside). Honoured only with a purpose; every such read is audited as such.
   */
  isOutsideArea?: boolean;
  /**
   * Set only by CLI commands (no actor): the operator at the server's console, trusted like
   * every CLI command. Use cases that accept it say so; HTTP requests never carry it.
   */
  isConsoleOperator?: boolean;
}

/**
 * Repositories bound to one transaction. Every context adds its own members in its ports.ts
 * (declaration merging); the context registrations in src/main/contexts/ build them.
 */
export interface Repositories {}

/** The names of the repositories, for `Pick<Repositories, …>`. */
export type RepositoryName = keyof Repositories;

export interface UnitOfWork<R = Repositories> {
  /** Runs `fn` in one database transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (repos: R) => Promise<T>): Promise<T>;
}

/**
 * Everything a use case may depend on. `AppDeps<'ads' | 'audit'>` is the same bag with a unit
 * of work that hands out only those repositories: a use case names the ones it uses.
 */
export interface AppDeps<K extends RepositoryName = RepositoryName> {
  uow: UnitOfWork<Pick<Repositories, K>>;
  clock: Clock;
  hasher: PasswordHasher;
  random: RandomSource;
  throttle: LoginThrottle;
  auth: AuthSettings;
  /** A short cache of resolved sessions (the server has one; absent: every lookup reads the database). */
  sessionCache?: SessionCache;
  /** Published dashboards until the aggregates change (the server has one; absent: always computed). */
  dashboardCache?: DashboardCache<unknown>;
}
