/** Environment configuration, validated with zod. Every variable is documented in docs/operations.md. */
import { resolve } from 'node:path';
import { z } from 'zod';
import { OrganisationKindSchema } from '../contracts/identity';

const flag = (dflt: boolean) =>
  z
    .enum(['0', '1', 'true', 'false', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? dflt : ['1', 'true', 'yes'].includes(v)));

export const ConfigSchema = z.object({
  /** HTTP port. */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Interface to listen on; 127.0.0.1 by default, set 0.0.0.0 behind a reverse proxy. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Folder of the embedded database (PGlite) and evidence files. */
  FYREN_DATA: z.string().min(1).default('./data'),
  /** Folder for evidence (WARC captures and images); default <FYREN_DATA>/evidence. */
  FYREN_EVIDENCE_DIR: z.string().min(1).optional(),
  /** Folder of the installation's site configs (*.site.yaml); default the project's sites/. */
  FYREN_SITES_DIR: z.string().min(1).optional(),
  /** postgres://… to use a PostgreSQL server instead of the embedded database. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL')
    .optional(),
  /** Initial administrator password; without it a one-time password is printed once. */
  FYREN_ADMIN_PASSWORD: z.string().min(12, 'at least 12 characters').optional(),
  /** Name of the first organisation created on first start. */
  FYREN_ORG_NAME: z.string().min(2).default('Fyren administration'),
  /** Kind of that first organisation (socialtjanst, centrum_mot_vald, polisregion, lansstyrelse, ideell). */
  FYREN_ORG_KIND: OrganisationKindSchema.default('socialtjanst'),
  /** Load demo data into an empty database (default on). */
  FYREN_DEMO: flag(true),
  /** Minutes without activity before a session ends. */
  FYREN_IDLE_TIMEOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Hours a session may last at most. */
  FYREN_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  /** Trust X-Forwarded-For/Proto from a reverse proxy. */
  FYREN_TRUST_PROXY: flag(false),
  /**
   * SMS gateway for outreach: 46elks, fake (a local fake of the 46elks API, for the demo) or
   * none. Default: fake when FYREN_DEMO is on, otherwise none.
   */
  FYREN_SMS_PROVIDER: z.enum(['46elks', 'fake', 'none']).optional(),
  /** 46elks API username and password (https://46elks.se/account). */
  FYREN_46ELKS_USERNAME: z.string().min(1).optional(),
  FYREN_46ELKS_PASSWORD: z.string().min(1).optional(),
  /** Sender: an E.164 number of the account, or an alphanumeric sender id (max 11 characters). */
  FYREN_46ELKS_FROM: z
    .string()
    .regex(/^(\+\d{7,15}|[A-Za-z0-9]{1,11})$/, 'an E.164 number or a sender id of at most 11 letters and digits')
    .optional(),
  /** The 46elks API base URL (default https://api.46elks.com). */
  FYREN_46ELKS_BASE_URL: z.url().optional(),
  /** The secret in the SMS webhook URLs (/hooks/sms/46elks/<secret>/inbound and /delivery); at least 24 characters. */
  FYREN_SMS_WEBHOOK_SECRET: z
    .string()
    .min(24, 'at least 24 characters')
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _')
    .optional(),
  /** The public https URL of this installation, as the SMS gateway reaches it (for its webhooks). */
  FYREN_PUBLIC_URL: z.url().optional(),
  /** The support number filled into outreach messages ({telefon}); default the SMS sender number. */
  FYREN_OUTREACH_SUPPORT_PHONE: z.string().min(3).max(40).optional(),
  /**
   * What other organisations see of an outreach contact: contact (that it exists: day, kommun and
   * the organisation to call; never an outcome) or none. `category` is the old name of `contact`.
   */
  FYREN_OUTREACH_SHARING: z
    .enum(['contact', 'category', 'none'])
    .default('contact')
    .transform((v) => (v === 'category' ? 'contact' : v)),
  /** Published statistics show counts below this as "<N" (small-count suppression; default 5). */
  FYREN_SMALL_COUNT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  /**
   * Secret for the keyed pseudonyms of buyer-side accounts (HMAC, issue #9), at least 32
   * characters. Unset: generated on first use and kept in <FYREN_DATA>/pseudonym.secret (0600).
   * Never logged. Several servers on one database must share it.
   */
  FYREN_PSEUDONYM_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /**
   * Connections the server keeps to the PostgreSQL server (issue #25; default 10). API requests
   * run at most this many minus two at once (two stay for background work); see docs/operations.md.
   */
  FYREN_DB_POOL_SIZE: z.coerce.number().int().min(3).max(200).default(10),
  /** API requests that may wait for a turn when all run; beyond that a 503 with Retry-After at once (default 100). */
  FYREN_MAX_QUEUED_REQUESTS: z.coerce.number().int().min(0).max(10_000).default(100),
  /** Longest a queued API request waits for its turn before a 503, in milliseconds (default 2000). */
  FYREN_MAX_QUEUE_WAIT_MS: z.coerce.number().int().min(1).max(60_000).default(2_000),
  /**
   * Server-side statement timeout of the database work of GET requests, in milliseconds
   * (default 5000; 0 turns it off). Changes and background work are not limited.
   */
  FYREN_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  /** Log level for pino. */
  FYREN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  // An empty variable (`DATABASE_URL= npm start`) means unset.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const dataDir = (config: Pick<Config, 'FYREN_DATA'>) => resolve(config.FYREN_DATA);

export const evidenceDir = (config: Config) => resolve(config.FYREN_EVIDENCE_DIR ?? `${dataDir(config)}/evidence`);
