import { verifyAuditLog } from '../../app/audit/verify-audit-log';
import { unitOfWorkFor } from '../contexts';
import { openConfiguredDatabase } from '../compose';
import { loadConfig } from '../config';
import type { CliCommand } from './command';
import { noPositionals, parseCommandArgs } from './args';

export const auditVerifyCommand: CliCommand = {
  path: ['audit', 'verify'],
  summary: 'Verify the hash chain of the audit log (exit 1 on any altered or removed row)',
  usage: `fyren audit verify [--json]

First links the events written since the last round into the hash chain (the server does this
every second), then recomputes every chained event's hash, checks the chain and the recorded
head, and checks the content hash of the events not chained yet, on the database configured by
FYREN_DATA or DATABASE_URL. Exits 0 when intact, 1 when any row was altered or removed, 2 on bad
usage.
  --json   print the result as JSON on stdout`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
    noPositionals(positionals);
    const database = await openConfiguredDatabase(loadConfig(io.env));
    try {
      const result = await verifyAuditLog(unitOfWorkFor(database.db));
      if (values.json) io.stdout.write(`${JSON.stringify(result)}\n`);
      else if (result.isIntact) {
        io.stdout.write(`audit log intact: ${result.events} events verified\n`);
        if (result.unchained > 0)
          io.stdout.write(`${result.unchained} events not chained yet (written during the check); content intact\n`);
        if (result.head)
          io.stdout.write(
            `head: seq ${result.head.seq} sha256 ${result.head.hash}\n(record the head outside the database: a later verify that no longer reaches it means the chain was rewritten)\n`,
          );
      } else {
        io.stdout.write(
          `AUDIT LOG TAMPERED: ${result.problems.length} problem(s) in ${result.events} chained and ${result.unchained} unchained events\n`,
        );
        for (const p of result.problems) io.stdout.write(`  ${JSON.stringify(p)}\n`);
      }
      return result.isIntact ? 0 : 1;
    } finally {
      await database.close();
    }
  },
};
