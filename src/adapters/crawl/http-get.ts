/**
 * One HTTP GET for the crawler, on node:http/https with keep-alive (ADR 0008): no redirect is
 * followed (the caller does, hop by hop), the headers sent are exactly the ones given (so
 * evidence records them truly), and the body is read whole and decoded from its
 * Content-Encoding. About a third of the CPU time of Node's fetch() per page (undici's
 * web streams), which is most of the crawler's time on small pages.
 */
import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import { Writable, type Transform } from 'node:stream';
import { createBrotliDecompress, createUnzip } from 'node:zlib';

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The body after its Content-Encoding was undone. */
  body: Buffer;
}

// Idle keep-alive sockets are unref'd by node and closed after 4 s, before servers' common 5 s.
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: 4_000, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, timeout: 4_000, scheduling: 'lifo' }),
};

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
export async function httpGet(url: URL, headers: Record<string, string>, timeoutMs: number): Promise<HttpResponse> {
  const protocol = url.protocol;
  if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`cannot fetch ${protocol} URLs`);
  const signal = AbortSignal.timeout(timeoutMs);
  const send = () =>
    new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = (protocol === 'https:' ? https : http).request(url, { method: 'GET', headers, agent: agents[protocol], signal });
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
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  try {
    const encodings = (res.headers['content-encoding'] ?? '').split(',').map((e) => e.trim().toLowerCase());
    const decoders = encodings.reverse().flatMap((e) => decoder(e) ?? []);
    await pipeline([res, ...decoders, sink], { signal });
  } catch (err) {
    res.destroy();
    throw err;
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers))
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return { status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks) };
}
