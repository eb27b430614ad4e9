import { runRetention } from '../../app/retention/run-retention';
import { DrizzleUnitOfWork } from '../../adapters/db/unit-of-work';
import { FsEvidenceStore } from '../../adapters/evidence/fs-evidence-store';
import { openConfiguredDatabase, VERSION } from '../compose';
import { evidenceDir, loadConfig } from '../config';
import type { CliCommand } from './command';
import { UsageError } from './command';

export const retentionRunCommand: CliCommand = {
  path: ['retention', 'run'],
  summary: 'Run the retention rules (gallring) now; the server also runs them daily',
  usage: `fyren retention run

Deletes personal data whose retention period has passed, per the retention_rule table, and
writes an audit event per purge. Prints one JSON line per category purged.`,
  async run(args, io) {
    if (args.length) throw new UsageError(`unknown argument "${args[0]}"`);
    const config = loadConfig(io.env);
    const database = await openConfiguredDatabase(config);
    const evidence = new FsEvidenceStore(evidenceDir(config), VERSION);
    try {
      const runs = await runRetention({ uow: new DrizzleUnitOfWork(database.db), clock: { now: () => new Date() }, evidence });
      for (const r of runs) io.stdout.write(`${JSON.stringify(r)}\n`);
      return 0;
    } finally {
      await evidence.close();
      await database.close();
    }
  },
};
