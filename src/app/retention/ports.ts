/**
 * Ports of retention (gallring) rules.
 * Adapters implement them; the context's registration (src/main/contexts/) wires them.
 */

export interface RetentionRuleRow {
  category: string;
  keepDays: number | null;
  description: string;
  source: string;
}

export interface RetentionRepository {
  list(): Promise<RetentionRuleRow[]>;
}

declare module '../shared/ports' {
  /** The repositories of this context, bound to one transaction. */
  interface Repositories {
    retention: RetentionRepository;
  }
}
