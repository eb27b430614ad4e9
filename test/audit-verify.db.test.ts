/**
 * `fyren audit verify` as a real process: passes on an intact log and fails (exit 1) on a
 * tampered one, on both engines. Tampering disables the append-only trigger first, as an
 * attacker with database-owner rights could.
 */
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/adapters/db/client';
import { bootstrapAdmin } from '../src/app/identity/bootstrap-admin';
import { runFyren } from './support/cli';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases';

const fyren = (args: string[], env: Record<string, string>) => runFyren(args, env, 60_000);
import { testDeps } from './support/deps';
import { adminContext, buildOrganisation, buildUser } from './support/factories';

describe.each(ENGINES)('fyren audit verify on %s', (engine) => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const t of dbs) await t.drop().catch(() => undefined);
  });

  it('passes on an intact log and fails on altered and removed rows', async () => {
    const t = await createTestDatabase(engine, { onDisk: true });
    dbs.push(t);
    const deps = testDeps(t.database);
    await bootstrapAdmin(deps, { password: 'Admin-Lösen-2026!', organisationName: 'Fyren administration' });
    const admin = await adminContext(deps);
    const org = await buildOrganisation(deps, admin);
    for (let i = 0; i < 3; i++) await buildUser(deps, admin, { organisationId: org.id });

    // PGlite allows one process per data folder: hand it to the CLI while it runs.
    const env = t.env;
    const reopen = async () =>
      engine === 'pglite' ? openDatabase({ engine: 'pglite', dataDir: `${t.env.FYREN_DATA}/pglite` }) : t.database;
    if (engine === 'pglite') await t.database.close();

    const intact = fyren(['audit', 'verify'], env);
    expect(intact.stderr).toBe('');
    expect(intact.stdout).toMatch(/audit log intact: 5 events verified/);
    expect(intact.status).toBe(0);

    let db = await reopen();
    await db.db.execute(sql`alter table audit_event disable trigger audit_event_append_only`);
    await db.db.execute(sql`update audit_event set details = '{"roles":["administrator"]}'::jsonb where seq = 3`);
    if (engine === 'pglite') await db.close();

    const altered = fyren(['audit', 'verify', '--json'], env);
    expect(altered.status).toBe(1);
    const report = JSON.parse(altered.stdout) as { isIntact: boolean; problems: { kind: string; seq?: number }[] };
    expect(report.isIntact).toBe(false);
    expect(report.problems).toContainEqual({ kind: 'hash_mismatch', seq: 3 });

    // Removing the newest row is caught through the recorded head.
    db = await reopen();
    await db.db.execute(sql`update audit_event set details = ${JSON.stringify({})}::jsonb where seq = 3`);
    await db.db.execute(sql`delete from audit_event where seq = 5`);
    if (engine === 'pglite') await db.close();
    const removed = fyren(['audit', 'verify', '--json'], env);
    expect(removed.status).toBe(1);
    expect((JSON.parse(removed.stdout) as { problems: { kind: string }[] }).problems.map((p) => p.kind)).toContain('head_mismatch');
    if (engine === 'pglite') t.database = await reopen();
  });

  it('exits 2 with a clear message on bad usage', () => {
    const r = fyren(['audit', 'verify', '--bogus'], {});
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown argument "--bogus"/);
  });
});
