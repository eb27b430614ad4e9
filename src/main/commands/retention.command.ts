import { RETENTION_PURGERS } from '../contexts';
import { runRetention } from '../../app/retention/run-retention';
import { withCliStores } from '../compose';
import type { CliCommand } from './command';
import { noPositionals, parseCommandArgs } from './args';

export const retentionRunCommand: CliCommand = {
  path: ['retention', 'run'],
  summary: 'Run the retention rules (gallring) now; the server also runs them daily',
  usage: `fyren retention run

Deletes personal data whose retention period has passed, per the retention_rule table, and
writes an audit event per purge. Prints one JSON line per category purged.`,
  async run(args, io) {
    noPositionals(parseCommandArgs(args, {}).positionals);
    return withCliStores(io.env, async (stores) => {
      for (const r of await runRetention(stores, RETENTION_PURGERS)) io.stdout.write(`${JSON.stringify(r)}\n`);
      return 0;
    });
  },
};
