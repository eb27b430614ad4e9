/**
 * Rows as one JSON text parameter, for `json_to_recordset($1::text::json)`: one parameter per
 * statement on both engines, whatever the number of rows.
 */

/**
 * JSON.stringify writes a lone UTF-16 surrogate (half of a cut emoji) as the escape \udXXX,
 * which PostgreSQL refuses; it becomes U+FFFD, as the text protocol does with raw ones. A
 * well-formed pair is written as is and a literal backslash before "u" is escaped, so neither
 * matches.
 */
const LONE_SURROGATE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u[dD][89abcdefABCDEF][0-9a-fA-F]{2}/g;

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
