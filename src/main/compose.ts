/**
 * The composition root: the only place that picks PGlite or PostgreSQL and wires adapters
 * to the use cases' ports.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppDeps } from '../app/shared/ports';
import { openDatabase, type Database } from '../adapters/db/client';
import { SessionCache } from '../app/identity/session-cache';
import { DashboardCache } from '../app/statistics/dashboard-cache';
import { unitOfWorkFor } from './contexts';
import type { DrizzleUnitOfWork } from '../adapters/db/unit-of-work';
import { Argon2Hasher } from '../adapters/security/argon2-hasher';
import { CryptoRandom } from '../adapters/security/crypto-random';
import { MemoryLoginThrottle } from '../adapters/security/memory-throttle';
import { FsEvidenceStore } from '../adapters/evidence/fs-evidence-store';
import type { Pseudonymiser } from '../app/demand/ports';
import type { Clock } from '../app/shared/ports';
import { HmacPseudonymiser, loadOrCreatePseudonymSecret, PSEUDONYM_SECRET_FILE } from '../adapters/security/pseudonym-secret';
import { dataDir, evidenceDir, loadConfig, type Config } from './config';

export const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const VERSION = (JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string }).version;

/** Opens the configured database and runs the migrations. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  if (config.DATABASE_URL) {
    const database = await openDatabase({ engine: 'postgres', url: config.DATABASE_URL, poolSize: config.FYREN_DB_POOL_SIZE });
    await database.migrate();
    return database;
  }
  const dir = dataDir(config);
  mkdirSync(dir, { recursive: true });
  const database = await openDatabase({ engine: 'pglite', dataDir: join(dir, 'pglite') });
  await database.migrate();
  return database;
}

export function buildDeps(database: Database, config: Pick<Config, 'FYREN_IDLE_TIMEOUT_MINUTES' | 'FYREN_SESSION_MAX_HOURS'>): AppDeps {
  return {
    uow: unitOfWorkFor(database.db),
    clock: { now: () => new Date() },
    hasher: new Argon2Hasher(),
    random: new CryptoRandom(),
    throttle: new MemoryLoginThrottle(),
    sessionCache: new SessionCache(),
    dashboardCache: new DashboardCache(),
    auth: {
      idleTimeoutSeconds: config.FYREN_IDLE_TIMEOUT_MINUTES * 60,
      sessionMaxSeconds: config.FYREN_SESSION_MAX_HOURS * 3600,
      maxFailedLogins: 5,
      lockMinutes: 15,
    },
  };
}

/** What a CLI command that reads or writes the installation's data works with. */
export interface CliStores {
  config: Config;
  uow: DrizzleUnitOfWork;
  evidence: FsEvidenceStore;
  clock: Clock;
}

/** Opens the configured database (migrated) and evidence store for `fn`, and closes both afterwards. */
export async function withCliStores<T>(env: NodeJS.ProcessEnv, fn: (stores: CliStores) => Promise<T>): Promise<T> {
  const config = loadConfig(env);
  const database = await openConfiguredDatabase(config);
  const evidence = new FsEvidenceStore(evidenceDir(config), VERSION);
  try {
    return await fn({ config, uow: unitOfWorkFor(database.db), evidence, clock: { now: () => new Date() } });
  } finally {
    await evidence.close();
    await database.close();
  }
}

/** The buyer-side pseudonymiser: FYREN_PSEUDONYM_SECRET, or the secret file in the data folder (created on first use). */
export function pseudonymiserFor(config: Pick<Config, 'FYREN_PSEUDONYM_SECRET' | 'FYREN_DATA'>): Pseudonymiser {
  return new HmacPseudonymiser(config.FYREN_PSEUDONYM_SECRET ?? loadOrCreatePseudonymSecret(join(dataDir(config), PSEUDONYM_SECRET_FILE)));
}
