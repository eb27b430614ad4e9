/** Database schema (drizzle), the audit log (append-only, hash-chained). */
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns';

/**
 * The audit log: append-only (a trigger refuses UPDATE and DELETE) and hash-chained
 * (src/core/audit/chain.ts): events are written in parallel and chained by the sequencer (ADR 0012).
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    /** Identifies the event and orders the audit view; from a sequence at insert, so not contiguous (ADR 0012). */
    seq: bigint('seq', { mode: 'number' })
      .primaryKey()
      .default(sql`nextval('audit_event_seq_seq')`),
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
    /** SHA-256 of the content (core/audit hashAuditContent), written with the event; null for events before migration 0019. */
    contentHash: text('content_hash'),
    /** Position in the hash chain, contiguous from 1; null until the sequencer chains the event. */
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    /** The previous chained event's hash; null until chained. */
    prevHash: text('prev_hash'),
    /** This event's chain hash; null until chained. */
    hash: text('hash'),
  },
  (t) => [
    index('audit_event_at_idx').on(t.at),
    index('audit_event_action_idx').on(t.action),
    uniqueIndex('audit_event_chain_seq_idx').on(t.chainSeq),
    index('audit_event_unchained_idx')
      .on(t.seq)
      .where(sql`chain_seq is null`),
  ],
);

/** The newest chained audit event's chain position and hash, moved by the sequencer: detects truncation. */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
