/**
 * The SQL helpers of the repositories, one of each: the rows of a raw query on either driver,
 * rows as one JSON parameter, and arrays as one array-literal parameter (text, integer, bigint
 * keys). Arrays go to SQL only through these.
 */
import { sql, type SQL } from 'drizzle-orm';

/** The rows of a raw `db.execute(...)` on either driver (node-postgres and PGlite give `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

/**
 * JSON.stringify writes a lone UTF-16 surrogate (half of a cut emoji) as the escape \udXXX,
 * which PostgreSQL refuses; it becomes U+FFFD, as the text protocol does with raw ones. A
 * well-formed pair is written as is and a literal backslash before "u" is escaped, so neither
 * matches.
 */
const LONE_SURROGATE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u[dD][89abcdefABCDEF][0-9a-fA-F]{2}/g;

/**
 * Rows as one JSON text parameter, for `json_to_recordset($1::text::json)`: one parameter per
 * statement on both engines, whatever the number of rows.
 */
export function jsonParam(rows: readonly object[]): string {
  return JSON.stringify(rows).replace(LONE_SURROGATE_ESCAPE, '$1\\ufffd');
}

/**
 * A PostgreSQL array literal of text values ("Array Value Input" in the PostgreSQL manual):
 * every element double-quoted, with backslash and double quote escaped. Cast in SQL with
 * `::text[]`; far cheaper per row than building the array from a JSON array in a subquery.
 */
export function textArrayLiteral(values: readonly string[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    out += `"${values[i]!.replace(/[\\"]/g, '\\$&')}"`;
  }
  return `${out}}`;
}

/** A PostgreSQL array literal of integers, for `::bigint[]` or `::int[]`. */
export function integerArrayLiteral(values: readonly number[]): string {
  for (const v of values) if (!Number.isSafeInteger(v)) throw new RangeError(`not an integer: ${v}`);
  return `{${values.join(',')}}`;
}

/** A text[] as one parameter (an array literal cast in SQL). */
export function textArray(values: readonly string[]): SQL {
  return sql`${textArrayLiteral(values)}::text[]`;
}

/**
 * An int[] of integers computed here (never user text), written into the statement so the
 * planner sees the values (image probe keys use an index on them).
 */
export function intArray(values: readonly number[]): SQL {
  return sql.raw(`'${integerArrayLiteral(values)}'::int[]`);
}

/** A uuid[] as one parameter. */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${textArrayLiteral(ids)}::uuid[]`;
}

/** A bigint[] of decimal keys (fyren_stat_key values as text) as one parameter. */
export function bigintArray(keys: readonly string[]): SQL {
  for (const k of keys) if (!/^-?\d{1,19}$/.test(k)) throw new RangeError(`not a bigint key: ${k}`);
  return sql`${`{${keys.join(',')}}`}::bigint[]`;
}
