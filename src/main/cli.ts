/**
 * The `fyren` command line. `bin/fyren.cjs` loads this file through tsx.
 * Exit codes: 0 success, 1 failure reported by the command, 2 bad usage or configuration.
 */
import { ConfigError } from './config';
import { COMMANDS } from './commands/index';
import { UsageError, type CliCommand, type CliIo } from './commands/command';
import { VERSION } from './compose';
import { SiteConfigError } from '../adapters/crawl/site-config.loader';
import { safeErrorText } from './safe-error';

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.path.join(' ').length));
  return [
    `fyren ${VERSION}: kartläggning, uppsök och samverkan mot prostitution och människohandel`,
    '',
    'Usage: fyren <command> [options]     (fyren <command> --help for details)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Database: the embedded one in ./data (FYREN_DATA), or DATABASE_URL=postgres://… ',
  ].join('\n');
}

/** Finds the command whose path is the longest prefix of argv. */
function match(argv: readonly string[]): { command: CliCommand; rest: string[] } | null {
  let best: { command: CliCommand; rest: string[] } | null = null;
  for (const command of COMMANDS) {
    const n = command.path.length;
    if (argv.length >= n && command.path.every((w, i) => argv[i] === w) && (!best || n > best.command.path.length)) {
      best = { command, rest: argv.slice(n) };
    }
  }
  return best;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout.write(`${overview()}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === '--version') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const found = match(argv);
  if (!found) {
    const group = COMMANDS.filter((c) => c.path[0] === argv[0]);
    io.stderr.write(
      group.length
        ? `fyren: "${argv.join(' ')}" is not a command. Did you mean:\n${group.map((c) => `  fyren ${c.path.join(' ')}`).join('\n')}\n`
        : `fyren: unknown command "${argv[0]}". Run "fyren --help".\n`,
    );
    return 2;
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    io.stdout.write(`${found.command.usage}\n`);
    return 0;
  }
  try {
    return await found.command.run(found.rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`fyren ${found.command.path.join(' ')}: ${err.message}\n\n${found.command.usage}\n`);
      return 2;
    }
    if (err instanceof ConfigError) {
      io.stderr.write(`fyren: ${err.message}\n`);
      return 2;
    }
    // A bad site config: the file, then every key with its reason (one per line).
    const text = err instanceof SiteConfigError ? err.message : safeErrorText(err);
    io.stderr.write(`fyren ${found.command.path.join(' ')}: ${text}\n`);
    return 1;
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain || process.env.FYREN_CLI_MAIN === '1') {
  const code = await runCli(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
  process.exitCode = code;
}
