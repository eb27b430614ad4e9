/**
 * An error as text that is safe to print or log: drizzle's query errors carry the query's
 * parameters (ad text, phone numbers, hashes), so those are cut off, and a database error's
 * own message (which names constraints, not values) is used instead.
 */
export function safeErrorText(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown error';
  const cause = err.cause instanceof Error ? err.cause : null;
  if (err.name === 'DrizzleQueryError' || err.message.startsWith('Failed query:')) {
    return `database error: ${cause ? (cause.message.split('\n')[0] ?? cause.name) : 'query failed'}`;
  }
  return (err.message.split('\nparams:')[0] ?? err.name).split('\n')[0] ?? err.name;
}
