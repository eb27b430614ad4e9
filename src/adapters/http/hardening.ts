/**
 * Request hardening before any route runs (issue #24): a body limit per route (small by
 * default, larger only where a route takes a file), and parameters that are valid text (no
 * NUL byte, valid UTF-8) in the path, the query and a JSON or form body, so bad input is a 400
 * naming where, never a database error and a 500.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorResponse } from './errors';

/** The body limit of every route that does not take a file. */
export const DEFAULT_BODY_MAX_BYTES = 64 * 1024;

/** Routes that take a file and set their own (larger) limit with hono's bodyLimit, naming their field. */
const OWN_LIMIT: { method: string; path: RegExp }[] = [
  // A picture of at most IMAGE_SEARCH_MAX_BYTES (ads.routes.ts).
  { method: 'POST', path: /^\/api\/ads\/by-image$/ },
  // Probe CSV of at most PROBE_CSV_MAX_BYTES (demand.routes.ts).
  { method: 'POST', path: /^\/api\/demand\/probes\/import$/ },
];

const limiters = new Map<number, MiddlewareHandler>();
function limiter(maxBytes: number): MiddlewareHandler {
  let m = limiters.get(maxBytes);
  if (!m) {
    const kb = Math.round(maxBytes / 1024);
    m = bodyLimit({
      maxSize: maxBytes,
      onError: (c) =>
        errorResponse(c, 413, 'PAYLOAD_TOO_LARGE', `the request body is larger than ${kb} KB, the limit of ${c.req.method} ${c.req.path}`, [
          { path: ['body'], message: `at most ${maxBytes} bytes` },
        ]),
    });
    limiters.set(maxBytes, m);
  }
  return m;
}

/** Limits the body per route. */
export const requestBodyLimit: MiddlewareHandler = (c, next) => {
  if (OWN_LIMIT.some((r) => r.method === c.req.method && r.path.test(c.req.path))) return next();
  return limiter(DEFAULT_BODY_MAX_BYTES)(c, next);
};

const invalid = (c: Context, where: 'path' | 'query' | 'body', what: string) =>
  errorResponse(c, 400, 'VALIDATION_FAILED', `the ${where} ${what}`, [{ path: [where], message: what }]);

/** Percent-decoded text, or why not: invalid UTF-8 or a NUL byte. */
function problemOf(raw: string): string | null {
  let text: string;
  try {
    text = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return 'is not valid percent-encoded UTF-8';
  }
  return text.includes('\u0000') ? 'contains a NUL byte' : null;
}

/** Refuses a NUL byte or invalid UTF-8 in the path, the query, or a JSON or form body. */
export const validTextParameters: MiddlewareHandler = async (c, next) => {
  const url = new URL(c.req.url);
  const pathProblem = url.pathname
    .split('/')
    .map(problemOf)
    .find((p) => p !== null);
  if (pathProblem) return invalid(c, 'path', pathProblem);
  for (const part of url.search.slice(1).split('&')) {
    const problem = part
      .split('=')
      .map(problemOf)
      .find((p) => p !== null);
    if (problem) return invalid(c, 'query', problem);
  }
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  const isJson = type.includes('json');
  const isForm = type.startsWith('application/x-www-form-urlencoded');
  if ((isJson || isForm) && c.req.raw.body) {
    // The body is already within its limit (requestBodyLimit runs first); hono keeps what is read for the route.
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return invalid(c, 'body', 'is not valid UTF-8');
    }
    if (text.includes('\u0000') || (isJson && /(?<!\\)\\u0000/i.test(text))) return invalid(c, 'body', 'contains a NUL byte');
    if (isForm)
      for (const part of text.split('&'))
        if (part.split('=').some((p) => problemOf(p) !== null)) return invalid(c, 'body', 'is not valid text');
  }
  return next();
};
