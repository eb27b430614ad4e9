/**
 * A retention purger: what the retention job (gallring) does for one category of personal data
 * when its rule's period has passed. Each context declares its purgers next to its use cases and
 * registers them in its context registration (src/main/contexts/); the job finds a rule's purger
 * by its category, so no job code changes when a context brings a new category.
 */
import type { Repositories } from '../shared/ports';

export interface PurgeResult {
  /** How many records went (the audit event's `purged`). */
  purged: number;
  /** Further counts for the audit event (never personal data). */
  details?: Record<string, unknown>;
  /** Evidence files to remove after the transaction (images by sha256, WARC files to rewrite). */
  deletedImages?: string[];
  affectedWarcFiles?: string[];
  /** Ads to link again after the transaction (the rest of a purged ad's networks). */
  relink?: string[];
}

export interface RetentionPurger<C extends string = string> {
  /** The category of a `retention_rule` row, e.g. `session`. */
  readonly category: C;
  /** Purges what was last relevant before `before`, inside the retention job's transaction. */
  purge(r: Repositories, before: Date, now: Date): Promise<PurgeResult>;
}

/** Declares a purger that uses only the repositories it names. */
export function definePurger<C extends string, K extends keyof Repositories>(purger: {
  category: C;
  purge(r: Pick<Repositories, K>, before: Date, now: Date): Promise<PurgeResult>;
}): RetentionPurger<C> {
  return purger;
}

/** Purgers by category; refuses two purgers for one category (a registration mistake). */
export function purgersByCategory(purgers: readonly RetentionPurger[]): ReadonlyMap<string, RetentionPurger> {
  const map = new Map<string, RetentionPurger>();
  for (const p of purgers) {
    if (map.has(p.category)) throw new Error(`two retention purgers for the category "${p.category}"`);
    map.set(p.category, p);
  }
  return map;
}
