/**
 * Opens the database: embedded PGlite in a folder, or a PostgreSQL server by URL.
 * Only the composition root (src/main) decides which; everything else sees `Db`.
 */
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as schema from './schema';
import { seedOutreachTemplates } from './outreach.repository';

export type Schema = typeof schema;
/** A drizzle database or transaction, whichever engine is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseTarget =
  | { engine: 'pglite'; dataDir: string | null }
  /** `poolSize`: connections kept to the server (default 10). */
  | { engine: 'postgres'; url: string; poolSize?: number };

export interface Database {
  engine: 'pglite' | 'postgres';
  db: Db;
  /** Runs the migrations in src/adapters/db/migrations and seeds missing default rows (idempotent). */
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Opens a database. A null dataDir gives an in-memory PGlite (tests). */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.engine === 'pglite') {
    const client = await PGlite.create({
      ...(target.dataDir ? { dataDir: target.dataDir } : {}),
      extensions: { pg_trgm, unaccent },
    });
    const db = drizzlePglite(client, { schema });
    return {
      engine: 'pglite',
      db: db as unknown as Db,
      migrate: async () => {
        await migratePglite(db, { migrationsFolder });
        await seedOutreachTemplates(db as unknown as Db);
      },
      ping: async () => {
        await client.query('select 1');
      },
      close: () => client.close(),
    };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // A client that loses its server emits 'error'; without a listener that is an uncaught
  // exception and stops the process. The pool listens while a client is idle ('error' below),
  // but not while it is checked out (a transaction between two queries): every client gets
  // its own listener. The work on that client still fails (its queries are rejected), and the
  // pool drops the broken client when it is released.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzlePg(pool, { schema });
  return {
    engine: 'postgres',
    db: db as unknown as Db,
    migrate: async () => {
      await migratePg(db, { migrationsFolder });
      await seedOutreachTemplates(db as unknown as Db);
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}
