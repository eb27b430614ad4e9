/**
 * Ports of the audit log.
 * Adapters implement them; the context's registration (src/main/contexts/) wires them.
 */
import type { ChainedAuditRecord } from '../../core/audit/chain';
import type { AuditQuery } from '../../contracts/identity';
import type { RequestContext } from '../shared/ports';

export interface AuditInput {
  action: string;
  outcome: 'success' | 'failure' | 'denied';
  resourceKind?: string | null;
  resourceId?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRepository {
  /** Appends one event to the chain (same transaction as the change it records). */
  append(ctx: RequestContext, input: AuditInput, at: Date): Promise<ChainedAuditRecord>;
  list(query: AuditQuery): Promise<ChainedAuditRecord[]>;
  /** Streams the whole log in seq order, in pages. */
  scan(fromSeq: number, pageSize: number): Promise<ChainedAuditRecord[]>;
  head(): Promise<{ seq: number; hash: string } | null>;
}

declare module '../shared/ports' {
  /** The repositories of this context, bound to one transaction. */
  interface Repositories {
    audit: AuditRepository;
  }
}
