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
