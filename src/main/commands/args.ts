/**
 * The one argument parser of the CLI: node:util parseArgs in strict mode, with its errors turned
 * into UsageError (exit 2, the usage is printed) in the CLI's own words. Every command parses
 * with it, so `--key value`, `--key=value`, flags and unknown options behave the same everywhere.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command';

export type ArgOptions = NonNullable<ParseArgsConfig['options']>;

function usageMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  const quoted = /'([^']*)'/.exec(err.message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted !== undefined) return `unknown argument "${quoted}"`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && quoted !== undefined) return `unknown argument "${quoted}"`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && quoted !== undefined && / argument missing/.test(err.message))
    return `${quoted.replace(/ <value>$/, '')} needs a value`;
  return err.message;
}

/**
 * Parses a command's arguments (the words after its path). Options not listed, a missing value
 * and a value given to a flag are usage errors. `--no-<flag>` sets a boolean flag to false.
 */
export function parseCommandArgs<const O extends ArgOptions>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, allowNegative: true, strict: true });
  } catch (err) {
    throw new UsageError(usageMessage(err));
  }
}

/** For a command that takes no positional arguments: the first one is a usage error. */
export function noPositionals(positionals: readonly string[]): void {
  if (positionals.length > 0) throw new UsageError(`unknown argument "${positionals[0]}"`);
}
