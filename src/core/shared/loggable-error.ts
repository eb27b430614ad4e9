/**
 * What of an error may go into a server log: its type, its code (the PostgreSQL SQLSTATE of a
 * failed query, e.g. 23514) and its stack frames. Never its message: drizzle's query errors put
 * the query's parameters there (an outreach note under social-services secrecy, a phone number),
 * and a database error's message or detail can quote a stored value.
 */
export interface LoggableError {
  name: string;
  /** SQLSTATE or Node error code, from the error or its cause. */
  code?: string;
  /** Only the "at …" lines of the stack: code locations, no text from the error. */
  frames: string;
}

export function loggableError(err: unknown): LoggableError {
  if (!(err instanceof Error)) return { name: 'unknown', frames: '' };
  const codeOf = (e: unknown): string | undefined => {
    const code = (e as { code?: unknown } | null)?.code;
    return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/i.test(code) ? code : undefined;
  };
  const code = codeOf(err) ?? codeOf(err.cause);
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .join('\n');
  return { name: err.name, ...(code ? { code } : {}), frames };
}
