/**
 * A server-side statement timeout for the database work of one HTTP request (issue #25): the
 * HTTP layer runs a GET request's handler inside `withStatementTimeout`, and every transaction the
 * unit of work opens meanwhile starts with `SET LOCAL statement_timeout`. A query that runs away
 * is cancelled by PostgreSQL (SQLSTATE 57014) instead of holding a pooled connection.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const store = new AsyncLocalStorage<number>();

/** Runs `fn` with transactions limited to `ms` per statement (0: no limit). */
export function withStatementTimeout<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  return ms > 0 ? store.run(ms, fn) : fn();
}

/** The statement timeout of the current request, if any. */
export function currentStatementTimeout(): number | undefined {
  return store.getStore();
}

/** Whether an error is PostgreSQL cancelling a statement at its timeout. */
export function isStatementTimeout(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '57014';
}

/** Whether an error is the pool giving up waiting for a free connection. */
export function isPoolTimeout(err: unknown): boolean {
  return err instanceof Error && /timeout exceeded when trying to connect/i.test(err.message);
}
