/**
 * Ports of the audit log.
 * Adapters implement them; the context's registration (src/main/contexts/) wires them.
 */
import type { AuditRecord, ChainedAuditRecord } from '../../core/audit/chain';
import type { AuditQuery } from '../../contracts/identity';
import type { RequestContext } from '../shared/ports';

export interface AuditInput {
  action: string;
  outcome: 'success' | 'failure' | 'denied';
  resourceKind?: string | null;
  resourceId?: string | null;
  details?: Record<string, unknown>;
}

/** What one round of the audit sequencer did (ADR 0012). */
export interface ChainResult {
  /** Events linked into the chain. */
  chained: number;
  /** Seqs of events left unchained because their content no longer matches their content hash. */
  refused: number[];
  /** Whether the round was full: more events may be waiting. */
  isMore: boolean;
}

export interface AuditRepository {
  /**
   * Appends one event, with its content hash, in the same transaction as the change it records.
   * Takes no lock: the sequencer (`chainPending`) links it into the chain after it commits.
   */
  append(ctx: RequestContext, input: AuditInput, at: Date): Promise<AuditRecord>;
  /** Events newest first (by seq); chain columns are null while an event is not chained yet. */
  list(query: AuditQuery): Promise<(AuditRecord & { chainSeq: number | null; prevHash: string | null; hash: string | null })[]>;
  /**
   * The sequencer: under the audit chain's advisory lock (held to the end of the transaction),
   * links up to `limit` committed, unchained events into the chain in seq order and moves the head.
   * Run it in a transaction of its own.
   */
  chainPending(limit: number): Promise<ChainResult>;
  /** Streams the chained events in chain order, from chain position `fromChainSeq`, in pages. */
  scan(fromChainSeq: number, pageSize: number): Promise<ChainedAuditRecord[]>;
  /** Events not chained yet with seq above `afterSeq`, in seq order, and whether each still matches its content hash. */
  unchained(afterSeq: number, pageSize: number): Promise<{ seq: number; isContentIntact: boolean }[]>;
  /** The newest chained event: its chain position and hash. */
  head(): Promise<{ seq: number; hash: string } | null>;
}

declare module '../shared/ports' {
  /** The repositories of this context, bound to one transaction. */
  interface Repositories {
    audit: AuditRepository;
  }
}
