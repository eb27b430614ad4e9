/**
 * A PostgreSQL connection that dies while the app holds it (server restart, an administrator's
 * pg_terminate_backend, the database dropped) fails the work on it and nothing else: the process
 * keeps running and the next query gets a new connection. An 'error' event of a checked-out
 * client without a listener would be thrown as an uncaught exception and stop the server.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, rowsOf, SERVER_URL, type TestDatabase } from './support/databases';

describe('a lost PostgreSQL connection', () => {
  let t: TestDatabase | null = null;
  afterAll(async () => {
    await t?.drop().catch(() => undefined);
  });

  it('fails the transaction that held it, does not crash the process, and the next query reconnects', async () => {
    t = await createTestDatabase('postgres');
    const { db } = t.database;
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let pid = 0;
      const tx = db.transaction(async (trx) => {
        const r = await trx.execute(sql`select pg_backend_pid() as pid`);
        pid = Number(rowsOf<{ pid: number }>(r)[0]!.pid);
        // Between queries: the client is checked out and idle in the transaction.
        await held;
        await trx.execute(sql`select 1`);
      });
      const outcome = tx.then(
        () => 'committed',
        (err: unknown) => `failed: ${String(err)}`,
      );
      while (pid === 0) await new Promise((r) => setTimeout(r, 20));
      await admin.query('select pg_terminate_backend($1)', [pid]);
      // Give the socket time to deliver the termination and the close.
      await new Promise((r) => setTimeout(r, 500));
      release();
      expect(await outcome).toMatch(/^failed: /);
      expect(uncaught).toEqual([]);
      await t.database.ping();
      const r = await db.execute(sql`select pg_backend_pid() as pid`);
      expect(Number(rowsOf<{ pid: number }>(r)[0]!.pid)).not.toBe(pid);
    } finally {
      process.off('uncaughtException', onUncaught);
      await admin.end();
    }
  });
});
