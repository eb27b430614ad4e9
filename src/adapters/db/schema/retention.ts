/** Database schema (drizzle), retention (gallring): rules per category and holds. */
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns';

/**
 * Retention rules (gallring) per category of personal data. Data an administrator can
 * correct, with the source of each rule; the retention job reads them every run.
 */
export const retentionRule = pgTable('retention_rule', {
  category: text('category').primaryKey(),
  /** Days after the category's reference time; null keeps the data (with the reason in `source`). */
  keepDays: integer('keep_days'),
  description: text('description').notNull(),
  source: text('source').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * A hold keeps data from retention while an operation or a case needs it. Operations and
 * cases create and release holds; the retention job skips anything held.
 */
export const retentionHold = pgTable(
  'retention_hold',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    /** Kind of the held record, e.g. "ad". */
    resourceKind: text('resource_kind').notNull(),
    resourceId: text('resource_id').notNull(),
    /** Why: e.g. "insats 2026-14" or a case reference. */
    reason: text('reason').notNull(),
    heldBy: uuid('held_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    releasedAt: ts('released_at'),
  },
  (t) => [index('retention_hold_resource_idx').on(t.resourceKind, t.resourceId)],
);
