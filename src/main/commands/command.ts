/**
 * A CLI command. Each command lives in its own file `src/main/commands/<name>.command.ts`
 * and is registered in `src/main/commands/index.ts`. Commands write machine output to
 * `io.stdout` and human messages to `io.stderr`, and return the process exit code.
 */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  /** Words that select the command, e.g. ['audit', 'verify'] for `fyren audit verify`. */
  path: readonly string[];
  /** One line for `fyren --help`. */
  summary: string;
  /** Full usage text printed by `fyren <command> --help`. */
  usage: string;
  /** Runs the command with the arguments after its path; resolves to the exit code. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Thrown for bad command-line usage; the CLI prints the message and the usage, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
