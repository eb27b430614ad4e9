/**
 * Real databases for tests: an embedded PGlite and a freshly created database on the
 * PostgreSQL server (TEST_DATABASE_URL, else DATABASE_URL, else the local server at
 * 127.0.0.1:5432 with trust auth). Each call gets its own empty, migrated database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/adapters/db/client';

export const ENGINES = ['pglite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

export const SERVER_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The rows of a raw `db.execute(sql…)` result (both drivers return `{ rows }`). */
export { rowsOf } from '../../src/adapters/db/sql';

export interface TestDatabase {
  database: Database;
  /** Environment that points the CLI at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Creates an empty database on `engine`, migrated unless `isMigrated` is false (migration
 * tests). PGlite is on disk when `onDisk` is set (for CLI tests).
 */
export async function createTestDatabase(engine: Engine, opts: { onDisk?: boolean; isMigrated?: boolean } = {}): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const dir = opts.onDisk ? mkdtempSync(join(tmpdir(), 'fyren-test-')) : null;
    const database = await openDatabase({ engine: 'pglite', dataDir: dir ? join(dir, 'pglite') : null });
    if (opts.isMigrated !== false) await database.migrate();
    return {
      database,
      env: dir ? { FYREN_DATA: dir } : {},
      drop: async () => {
        await database.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `fyren_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL test server unreachable at ${SERVER_URL} (${String(err)}). Start it (see .ci/run) or set TEST_DATABASE_URL.`,
    );
  }
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = withDatabase(SERVER_URL, name);
  const database = await openDatabase({ engine: 'postgres', url });
  if (opts.isMigrated !== false) await database.migrate();
  return {
    database,
    env: { DATABASE_URL: url },
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: SERVER_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
