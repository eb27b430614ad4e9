/**
 * One HTTP GET for the crawler, on node:http/https with keep-alive (ADR 0008): no redirect is
 * followed (the caller does, hop by hop), the headers sent are exactly the ones given (so
 * evidence records them truly), and the body is read whole and decoded from its
 * Content-Encoding, within a size limit (as sent and as decoded). Every request goes through
 * the address guard (address-guard.ts): the scheme and literal addresses before, the resolved
 * address at connect time. About a third of the CPU time of Node's fetch() per page (undici's
 * web streams), which is most of the crawler's time on small pages.
 */
import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import { Transform, Writable } from 'node:stream';
import { createBrotliDecompress, createUnzip } from 'node:zlib';
import { assertFetchable, guardedLookup, type NetworkPolicy } from './address-guard';

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The body after its Content-Encoding was undone. */
  body: Buffer;
}

// Idle keep-alive sockets are unref'd by node and closed after 4 s, before servers' common 5 s.
// One pair of agents per policy, so a socket one source's policy allowed is never reused under another's.
const agentsByPolicy = new WeakMap<NetworkPolicy, { 'http:': http.Agent; 'https:': https.Agent }>();
function agentFor(protocol: 'http:' | 'https:', policy: NetworkPolicy): http.Agent {
  let pair = agentsByPolicy.get(policy);
  if (!pair) {
    pair = {
      'http:': new http.Agent({ keepAlive: true, timeout: 4_000, scheduling: 'lifo' }),
      'https:': new https.Agent({ keepAlive: true, timeout: 4_000, scheduling: 'lifo' }),
    };
    agentsByPolicy.set(policy, pair);
  }
  return pair[protocol];
}

/** The default size limit of a body, as sent and after its Content-Encoding is undone. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** A body above the size limit: the request fails (a page that fails makes the crawl incomplete). */
export class ResponseTooLargeError extends Error {
  readonly isTooLarge = true;
  constructor(what: string, limit: number) {
    super(`the response ${what} more than ${Math.round(limit / 1024 / 1024)} MB, the limit`);
    this.name = 'ResponseTooLargeError';
  }
}

export interface HttpGetOptions {
  /** Where the request may connect (required: every caller decides). */
  policy: NetworkPolicy;
  /** Size limit of the body as sent and as decoded; default MAX_BODY_BYTES. */
  maxBytes?: number;
}

/** What a request sends besides the caller's headers: the host and keep-alive (node would add them anyway). */
export function transportHeaders(url: URL): Record<string, string> {
  return { host: url.host, connection: 'keep-alive' };
}

function decoder(encoding: string): Transform | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
    case 'deflate':
      return createUnzip(); // gzip or zlib-wrapped deflate, told apart by their header
    case 'br':
      return createBrotliDecompress();
    case 'identity':
    case '':
      return null;
    default:
      throw new Error(`unsupported Content-Encoding ${encoding}`);
  }
}

/**
 * GETs `url` with exactly `headers` (include transportHeaders(url)); rejects on network
 * errors and when `timeoutMs` passes before the whole body is read.
 */
export async function httpGet(url: URL, headers: Record<string, string>, timeoutMs: number, opts: HttpGetOptions): Promise<HttpResponse> {
  assertFetchable(url, opts.policy);
  const protocol = url.protocol as 'http:' | 'https:';
  const maxBytes = opts.maxBytes ?? MAX_BODY_BYTES;
  const signal = AbortSignal.timeout(timeoutMs);
  const lookup = guardedLookup(opts.policy);
  const send = () =>
    new Promise<http.IncomingMessage>((resolve, reject) => {
      // A kept-alive socket was checked when it connected: its agent belongs to this policy and keys sockets by host and port.
      const request = (protocol === 'https:' ? https : http).request(url, {
        method: 'GET',
        headers,
        agent: agentFor(protocol, opts.policy),
        lookup,
        signal,
      });
      request.once('response', resolve);
      // Stays after the response (whose errors reach the body stream too), so no error goes unhandled.
      request.on('error', (err: NodeJS.ErrnoException & { isStaleSocket?: boolean }) => {
        // A kept-alive socket the server closed just as it was reused: not the site failing.
        if (request.reusedSocket && err.code === 'ECONNRESET') err.isStaleSocket = true;
        reject(err);
      });
      request.end();
    });
  const res = await send().catch((err: { isStaleSocket?: boolean }) => {
    if (err.isStaleSocket) return send(); // once, on a new socket
    throw err;
  });
  const chunks: Buffer[] = [];
  let decoded = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      decoded += chunk.length;
      // A small compressed body can inflate to gigabytes: counted as it is decoded, not after.
      if (decoded > maxBytes) return done(new ResponseTooLargeError('decodes to', maxBytes));
      chunks.push(chunk);
      done();
    },
  });
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      if (sent > maxBytes) return done(new ResponseTooLargeError('is', maxBytes));
      done(null, chunk);
    },
  });
  try {
    if (Number(res.headers['content-length'] ?? 0) > maxBytes) throw new ResponseTooLargeError('is', maxBytes);
    const encodings = (res.headers['content-encoding'] ?? '').split(',').map((e) => e.trim().toLowerCase());
    const decoders = encodings.reverse().flatMap((e) => decoder(e) ?? []);
    await pipeline([res, counter, ...decoders, sink], { signal });
  } catch (err) {
    res.destroy();
    throw err;
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers))
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return { status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks) };
}

/**
 * A GET that follows up to `maxRedirects` redirects, each hop a new request through the guard
 * (for single files: an imported ad's image, `fyren sites test`). Gives the last response.
 */
export async function httpGetFollowing(
  url: URL,
  headersFor: (u: URL) => Record<string, string>,
  timeoutMs: number,
  opts: HttpGetOptions,
  maxRedirects = 5,
): Promise<HttpResponse & { url: URL }> {
  let target = url;
  for (let hop = 0; ; hop++) {
    const res = await httpGet(target, { ...transportHeaders(target), ...headersFor(target) }, timeoutMs, opts);
    const location = res.status >= 300 && res.status < 400 && res.status !== 304 ? res.headers.location : undefined;
    if (!location) return { ...res, url: target };
    if (hop >= maxRedirects) throw new Error(`more than ${maxRedirects} redirects`);
    target = new URL(location, target);
  }
}
