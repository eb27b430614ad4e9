/** Database schema (drizzle), the audit log (append-only, hash-chained). */
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns';

/**
 * The audit log: append-only (a trigger refuses UPDATE and DELETE) and hash-chained
 * (src/core/audit/chain.ts). seq is contiguous, assigned under an advisory lock.
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    outcome: text('outcome').$type<'success' | 'failure' | 'denied'>().notNull(),
    resourceKind: text('resource_kind'),
    resourceId: text('resource_id'),
    purpose: text('purpose'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_event_at_idx').on(t.at), index('audit_event_action_idx').on(t.action)],
);

/** The newest audit event's seq and hash, updated in the same transaction: detects truncation. */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
