/**
 * The audit log repository. Appends insert the event with its content hash and no lock, so
 * audited requests run in parallel; `chainPending` (the sequencer, ADR 0012) links committed
 * events into the hash chain under a transaction-scoped advisory lock, one process at a time.
 */
import { and, asc, desc, eq, gte, isNotNull, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { AuditInput, AuditRepository, ChainResult } from '../../app/audit/ports';
import type { RequestContext } from '../../app/shared/ports';
import type { AuditQuery } from '../../contracts/identity';
import { GENESIS_HASH, hashAuditContent, hashAuditRecord, type AuditRecord, type ChainedAuditRecord } from '../../core/audit/chain';
import type { Db } from './client';
import { auditEvent, auditHead } from './schema';

/** Arbitrary constant key for pg_advisory_xact_lock: "audit chain". Only the sequencer takes it. */
const AUDIT_LOCK_KEY = 7_346_110_042;

type EventRow = typeof auditEvent.$inferSelect;

const contentOf = (r: EventRow): AuditRecord => ({
  seq: r.seq,
  at: r.at,
  actorId: r.actorId,
  actorName: r.actorName,
  action: r.action,
  outcome: r.outcome,
  resourceKind: r.resourceKind,
  resourceId: r.resourceId,
  purpose: r.purpose,
  requestId: r.requestId,
  details: r.details,
});

/** A listed event: chain columns are null while it waits for the sequencer. */
const toListed = (r: EventRow) => ({ ...contentOf(r), chainSeq: r.chainSeq, prevHash: r.prevHash, hash: r.hash });

/** PostgreSQL refuses NUL in text and jsonb; other control characters have no place in the log. */
const cleanText = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');

const endOfDay = (d: string) => (d.length === 10 ? new Date(`${d}T23:59:59.999Z`) : new Date(d));

export class DrizzleAuditRepository implements AuditRepository {
  constructor(private readonly db: Db) {}

  async append(ctx: RequestContext, input: AuditInput, at: Date): Promise<AuditRecord> {
    const content = {
      at: new Date(at.getTime()),
      actorId: ctx.actor?.userId ?? null,
      actorName: ctx.actor?.username ?? null,
      action: input.action,
      outcome: input.outcome,
      resourceKind: input.resourceKind ?? null,
      resourceId: input.resourceId ?? null,
      purpose: ctx.purpose ? cleanText(ctx.purpose) : null,
      requestId: ctx.requestId,
      // Hash exactly what jsonb will store: JSON round trip (Dates to strings, undefined in arrays to null).
      details: JSON.parse(JSON.stringify(input.details ?? {}, (_k, v: unknown) => (typeof v === 'string' ? cleanText(v) : v))) as Record<
        string,
        unknown
      >,
    };
    const [row] = await this.db
      .insert(auditEvent)
      .values({ ...content, contentHash: hashAuditContent(content) })
      .returning({ seq: auditEvent.seq });
    return { ...content, seq: row!.seq };
  }

  async chainPending(limit: number): Promise<ChainResult> {
    await this.db.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    const head = await this.head();
    let chainSeq = head?.seq ?? 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    // Committed events only (read committed); one still in an open transaction waits for the next round.
    const rows = await this.db.select().from(auditEvent).where(isNull(auditEvent.chainSeq)).orderBy(asc(auditEvent.seq)).limit(limit);
    const refused: number[] = [];
    let chained = 0;
    for (const row of rows) {
      const content = contentOf(row);
      if (row.contentHash !== hashAuditContent(content)) {
        refused.push(row.seq);
        continue;
      }
      chainSeq += 1;
      const hash = hashAuditRecord(content, prevHash);
      await this.db.update(auditEvent).set({ chainSeq, prevHash, hash }).where(eq(auditEvent.seq, row.seq));
      prevHash = hash;
      chained += 1;
    }
    if (chained > 0)
      await this.db
        .insert(auditHead)
        .values({ id: 1, seq: chainSeq, hash: prevHash })
        .onConflictDoUpdate({ target: auditHead.id, set: { seq: chainSeq, hash: prevHash } });
    return { chained, refused, isMore: rows.length === limit };
  }

  async list(q: AuditQuery) {
    const where: (SQL | undefined)[] = [
      q.action ? sql`${auditEvent.action} like ${q.action.replace(/[%_\\]/g, '\\$&') + '%'}` : undefined,
      q.actorId ? eq(auditEvent.actorId, q.actorId) : undefined,
      q.outcome ? eq(auditEvent.outcome, q.outcome) : undefined,
      q.from ? gte(auditEvent.at, new Date(q.from)) : undefined,
      q.to ? lte(auditEvent.at, endOfDay(q.to)) : undefined,
      q.before ? lt(auditEvent.seq, q.before) : undefined,
    ];
    const rows = await this.db
      .select()
      .from(auditEvent)
      .where(and(...where))
      .orderBy(desc(auditEvent.seq))
      .limit(q.limit);
    return rows.map(toListed);
  }

  async scan(fromChainSeq: number, pageSize: number): Promise<ChainedAuditRecord[]> {
    const rows = await this.db
      .select()
      .from(auditEvent)
      .where(and(isNotNull(auditEvent.chainSeq), gte(auditEvent.chainSeq, fromChainSeq)))
      .orderBy(asc(auditEvent.chainSeq))
      .limit(pageSize);
    return rows.map((r) => ({ ...contentOf(r), chainSeq: r.chainSeq!, prevHash: r.prevHash ?? '', hash: r.hash ?? '' }));
  }

  async unchained(afterSeq: number, pageSize: number) {
    const rows = await this.db
      .select()
      .from(auditEvent)
      .where(and(isNull(auditEvent.chainSeq), sql`${auditEvent.seq} > ${afterSeq}`))
      .orderBy(asc(auditEvent.seq))
      .limit(pageSize);
    return rows.map((r) => ({ seq: r.seq, isContentIntact: r.contentHash === hashAuditContent(contentOf(r)) }));
  }

  async head() {
    const [row] = await this.db.select({ seq: auditHead.seq, hash: auditHead.hash }).from(auditHead).where(eq(auditHead.id, 1));
    return row ?? null;
  }
}
