/**
 * The audit log is append-only and hash-chained: each event's hash covers its own content
 * and the previous event's hash, so altering or removing any row breaks the chain. Events are
 * written with a content hash and linked into the chain afterwards, in chain order (`chainSeq`),
 * by one sequencer (ADR 0012). Pure: hashing only, no I/O.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json';

/** The genesis value that the first event chains from. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed content of one audit event. */
export interface AuditRecord {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  outcome: 'success' | 'failure' | 'denied';
  resourceKind: string | null;
  resourceId: string | null;
  purpose: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export interface ChainedAuditRecord extends AuditRecord {
  /** Position in the chain (contiguous from 1); `seq` identifies the event and may have gaps. */
  chainSeq: number;
  prevHash: string;
  hash: string;
}

export { canonicalJson };

/** The hashed text of an event's content. */
function bodyOf(record: AuditRecord): string {
  return canonicalJson({
    seq: record.seq,
    at: record.at.toISOString(),
    actorId: record.actorId,
    actorName: record.actorName,
    action: record.action,
    outcome: record.outcome,
    resourceKind: record.resourceKind,
    resourceId: record.resourceId,
    purpose: record.purpose,
    requestId: record.requestId,
    details: record.details,
  });
}

/** The hash of an event given the previous event's hash. */
export function hashAuditRecord(record: AuditRecord, prevHash: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(bodyOf(record)).digest('hex');
}

/**
 * The hash of an event's content alone, without its `seq` (given by the database on insert),
 * written with the event and checked before the event is chained and by verify while it is not.
 */
export function hashAuditContent(record: Omit<AuditRecord, 'seq'>): string {
  return createHash('sha256')
    .update('content\n')
    .update(bodyOf({ ...record, seq: 0 }))
    .digest('hex');
}

/**
 * What verify finds. `seq` names the event (as the audit view shows it); `gap` and
 * `head_mismatch` speak of chain positions (`chain_seq`).
 */
export type ChainProblem =
  | { kind: 'gap'; expectedSeq: number; foundSeq: number }
  | { kind: 'content_hash_mismatch'; seq: number }
  | { kind: 'prev_hash_mismatch'; seq: number }
  | { kind: 'hash_mismatch'; seq: number }
  | { kind: 'head_mismatch'; expectedSeq: number; expectedHash: string; foundSeq: number; foundHash: string };

/**
 * Incremental verifier: feed events in chain order, then `finish(head)` with the recorded
 * head (last chain position and hash) to detect removal of the newest rows.
 */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private expectedSeq = 1;
  readonly problems: ChainProblem[] = [];
  count = 0;

  push(row: ChainedAuditRecord): void {
    this.count += 1;
    if (row.chainSeq !== this.expectedSeq) {
      this.problems.push({ kind: 'gap', expectedSeq: this.expectedSeq, foundSeq: row.chainSeq });
    }
    if (row.prevHash !== this.prevHash) this.problems.push({ kind: 'prev_hash_mismatch', seq: row.seq });
    if (hashAuditRecord(row, row.prevHash) !== row.hash) this.problems.push({ kind: 'hash_mismatch', seq: row.seq });
    this.prevHash = row.hash;
    this.expectedSeq = row.chainSeq + 1;
  }

  finish(head: { seq: number; hash: string } | null): ChainProblem[] {
    const lastSeq = this.expectedSeq - 1;
    const headSeq = head?.seq ?? 0;
    const headHash = head?.hash ?? GENESIS_HASH;
    if (headSeq !== lastSeq || headHash !== this.prevHash) {
      this.problems.push({
        kind: 'head_mismatch',
        expectedSeq: headSeq,
        expectedHash: headHash,
        foundSeq: lastSeq,
        foundHash: this.prevHash,
      });
    }
    return this.problems;
  }
}
