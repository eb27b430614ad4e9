/**
 * The audit log after ADR 0012, on both engines: appends take no lock (a second transaction appends
 * while a first one holds its event open), the sequencer links committed events into one contiguous
 * chain, verify detects tampering of chained and of not yet chained events, and the append-only
 * trigger lets through only the sequencer's linking.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainAuditLog } from '../src/app/audit/chain-audit-log';
import { verifyAuditLog } from '../src/app/audit/verify-audit-log';
import type { AuditInput } from '../src/app/audit/ports';
import type { AppDeps, RequestContext } from '../src/app/shared/ports';
import { createTestDatabase, ENGINES, rowsOf, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';

const ctx: RequestContext = { requestId: 'req-audit', actor: null };
const event = (n: number): AuditInput => ({
  action: 'test.read',
  outcome: 'success',
  resourceKind: 'test',
  resourceId: `r${n}`,
  details: { n },
});

describe.each(ENGINES)('audit sequencer on %s', (engine) => {
  let t: TestDatabase;
  let deps: AppDeps;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    deps = testDeps(t.database);
  });
  afterAll(async () => {
    await t.drop();
  });

  const refusal = async (q: ReturnType<typeof sql>) => {
    const e = await t.database.db.execute(q).then(
      () => null,
      (err: unknown) => err as Error & { cause?: Error },
    );
    return `${e?.message ?? ''} ${e?.cause?.message ?? ''}`;
  };
  const chainColumns = async () =>
    rowsOf<{ seq: number; chain_seq: number | null }>(
      await t.database.db.execute(sql`select seq::int, chain_seq::int from audit_event order by seq`),
    );

  it.runIf(engine === 'postgres')('appends while another transaction holds an appended event open (no global lock)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let signal!: () => void;
    const firstAppended = new Promise<void>((r) => (signal = r));
    const first = deps.uow.transaction(async (r) => {
      await r.audit.append(ctx, event(1), new Date());
      signal();
      await gate;
    });
    await firstAppended;
    // Under ADR 0003's lock this append waited for the first transaction's commit, which waits for it.
    const second = deps.uow.transaction((r) => r.audit.append(ctx, event(2), new Date()));
    const outcome = await Promise.race([second.then(() => 'appended'), new Promise((r) => setTimeout(() => r('blocked'), 3_000))]);
    release();
    await first;
    await second;
    expect(outcome).toBe('appended');
  });

  it('chains events appended by parallel transactions into one contiguous, verifiable chain', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        deps.uow.transaction(async (r) => {
          for (let j = 0; j < 5; j += 1) await r.audit.append(ctx, event(100 + i * 5 + j), new Date());
        }),
      ),
    );
    // A rolled-back transaction uses a seq but leaves no event: the chain has no gap for it.
    await deps.uow
      .transaction(async (r) => {
        await r.audit.append(ctx, event(999), new Date());
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const before = await chainColumns();
    expect(before.filter((r) => r.chain_seq === null).length).toBeGreaterThanOrEqual(60);

    const run = await chainAuditLog(deps.uow, 7);
    expect(run.refused).toEqual([]);
    const rows = await chainColumns();
    expect(rows.every((r) => r.chain_seq !== null)).toBe(true);
    expect(rows.map((r) => r.chain_seq).sort((a, b) => a! - b!)).toEqual(rows.map((_, i) => i + 1));
    const result = await verifyAuditLog(deps.uow, 9);
    expect(result).toMatchObject({ isIntact: true, unchained: 0, problems: [], events: rows.length });
    expect(result.head?.seq).toBe(rows.length);
    // A second round finds nothing to do.
    expect(await chainAuditLog(deps.uow)).toEqual({ chained: 0, refused: [] });
  });

  it('lets the trigger through only the linking of an unchained event', async () => {
    const seq = await deps.uow.transaction(async (r) => (await r.audit.append(ctx, event(500), new Date())).seq);
    expect(await refusal(sql`update audit_event set action = 'x' where seq = ${seq}`)).toMatch(/append-only \(UPDATE refused\)/);
    expect(
      await refusal(sql`update audit_event set chain_seq = 100000, prev_hash = 'a', hash = 'b', action = 'x' where seq = ${seq}`),
    ).toMatch(/append-only \(UPDATE refused\)/);
    expect(await refusal(sql`delete from audit_event where seq = ${seq}`)).toMatch(/append-only \(DELETE refused\)/);
    await chainAuditLog(deps.uow);
    // Once chained, even the chain columns are fixed.
    expect(await refusal(sql`update audit_event set hash = 'b' where seq = ${seq}`)).toMatch(/append-only \(UPDATE refused\)/);
    expect((await verifyAuditLog(deps.uow)).isIntact).toBe(true);
  });

  it('detects a tampered chained event and a tampered event not chained yet', async () => {
    const chainedSeq = await deps.uow.transaction(async (r) => (await r.audit.append(ctx, event(600), new Date())).seq);
    await chainAuditLog(deps.uow);
    const pending = await deps.uow.transaction(async (r) => (await r.audit.append(ctx, event(601), new Date())).seq);

    // An attacker with owner rights alters one event of each kind.
    await t.database.db.execute(sql`alter table audit_event disable trigger audit_event_append_only`);
    await t.database.db.execute(sql`update audit_event set details = '{"n":0}'::jsonb where seq = ${chainedSeq}`);
    await t.database.db.execute(sql`update audit_event set resource_id = 'other' where seq = ${pending}`);
    await t.database.db.execute(sql`alter table audit_event enable trigger audit_event_append_only`);

    const result = await verifyAuditLog(deps.uow);
    expect(result.isIntact).toBe(false);
    expect(result.problems).toContainEqual({ kind: 'hash_mismatch', seq: chainedSeq });
    // The altered pending event is not chained (its content no longer matches its content hash) and is reported.
    expect(result.problems).toContainEqual({ kind: 'content_hash_mismatch', seq: pending });
    expect(result.unchained).toBe(1);
    expect((await chainAuditLog(deps.uow)).refused).toEqual([pending]);
    // Events written after it are still chained past it.
    const later = await deps.uow.transaction(async (r) => (await r.audit.append(ctx, event(602), new Date())).seq);
    await chainAuditLog(deps.uow);
    expect((await chainColumns()).find((r) => r.seq === later)?.chain_seq).not.toBeNull();
  });
});
