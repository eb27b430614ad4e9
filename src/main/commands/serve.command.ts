import { loadConfig } from '../config';
import { startServer } from '../server';
import { noPositionals, parseCommandArgs } from './args';
import type { CliCommand } from './command';

export const serveCommand: CliCommand = {
  path: ['serve'],
  summary: 'Start the web server (what `npm start` runs)',
  usage: `fyren serve

Starts Fyren at http://localhost:8080 on the embedded database in ./data.
Environment (see docs/operations.md):
  PORT, HOST               where to listen (8080, 127.0.0.1)
  FYREN_DATA               folder of the embedded database (./data)
  DATABASE_URL             postgres://… to use a PostgreSQL server instead
  FYREN_ADMIN_PASSWORD     first administrator's password (else a one-time password is printed)
  FYREN_DEMO=0             do not load demo data into an empty database (required with
                           FYREN_SMS_PROVIDER=46elks: the server refuses to start with a real SMS
                           gateway while demo data is present or FYREN_DEMO is on)
  FYREN_EVIDENCE_DIR       evidence folder (WARC captures, images): <FYREN_DATA>/evidence
  FYREN_SITES_DIR          site configs (*.site.yaml) crawled and scheduled: the project's sites/
  FYREN_DB_POOL_SIZE, FYREN_MAX_QUEUED_REQUESTS, FYREN_MAX_QUEUE_WAIT_MS,
  FYREN_STATEMENT_TIMEOUT_MS  pool and admission limit (PostgreSQL)
  FYREN_IDLE_TIMEOUT_MINUTES, FYREN_SESSION_MAX_HOURS, FYREN_TRUST_PROXY, FYREN_ORG_NAME,
  FYREN_ORG_KIND, FYREN_LOG_LEVEL, HOST — see docs/operations.md
Stops gracefully on SIGTERM or SIGINT.`,
  async run(args, io) {
    noPositionals(parseCommandArgs(args, {}).positionals);
    const config = loadConfig(io.env);
    const server = await startServer(config, io.stderr);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
        void server.close().then(resolve);
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    });
    return 0;
  },
};
