/**
 * The audit log repository. Appends take a transaction-scoped advisory lock so that seq is
 * contiguous and each event chains from the one before, on one server or many.
 */
import { and, asc, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { AuditInput, AuditRepository } from '../../app/audit/ports';
import type { RequestContext } from '../../app/shared/ports';
import type { AuditQuery } from '../../contracts/identity';
import { GENESIS_HASH, hashAuditRecord, type ChainedAuditRecord } from '../../core/audit/chain';
import type { Db } from './client';
import { auditEvent, auditHead } from './schema';

/** Arbitrary constant key for pg_advisory_xact_lock: "audit chain". */
const AUDIT_LOCK_KEY = 7_346_110_042;

const toRecord = (r: typeof auditEvent.$inferSelect): ChainedAuditRecord => ({ ...r });

/** PostgreSQL refuses NUL in text and jsonb; other control characters have no place in the log. */
const cleanText = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');

const endOfDay = (d: string) => (d.length === 10 ? new Date(`${d}T23:59:59.999Z`) : new Date(d));

export class DrizzleAuditRepository implements AuditRepository {
  constructor(private readonly db: Db) {}

  async append(ctx: RequestContext, input: AuditInput, at: Date): Promise<ChainedAuditRecord> {
    await this.db.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    const head = await this.head();
    const seq = (head?.seq ?? 0) + 1;
    const prevHash = head?.hash ?? GENESIS_HASH;
    const record = {
      seq,
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
    const hash = hashAuditRecord(record, prevHash);
    await this.db.insert(auditEvent).values({ ...record, prevHash, hash });
    await this.db.insert(auditHead).values({ id: 1, seq, hash }).onConflictDoUpdate({ target: auditHead.id, set: { seq, hash } });
    return { ...record, prevHash, hash };
  }

  async list(q: AuditQuery): Promise<ChainedAuditRecord[]> {
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
    return rows.map(toRecord);
  }

  async scan(fromSeq: number, pageSize: number): Promise<ChainedAuditRecord[]> {
    const rows = await this.db.select().from(auditEvent).where(gte(auditEvent.seq, fromSeq)).orderBy(asc(auditEvent.seq)).limit(pageSize);
    return rows.map(toRecord);
  }

  async head() {
    const [row] = await this.db.select({ seq: auditHead.seq, hash: auditHead.hash }).from(auditHead).where(eq(auditHead.id, 1));
    return row ?? null;
  }
}
