/**
 * The crawler's HTTP GET (node:http with keep-alive) against local servers on 127.0.0.1: it
 * sends exactly the given headers, undoes gzip, deflate and brotli, refuses an encoding it
 * cannot undo, gives up after its timeout, and sends a request again once when the server
 * had closed the kept-alive socket it reused.
 */
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet, transportHeaders } from '../src/adapters/crawl/http-get';
import type { NetworkPolicy } from '../src/adapters/crawl/address-guard';

/** The test servers listen on 127.0.0.1: allowed explicitly, as for a demo site. */
const policy: NetworkPolicy = { isLoopbackAllowed: true, internalHosts: [] };

const text = 'Hej från Malmö '.repeat(50);
let server: Server;
let base = '';
let lastHeaders: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    lastHeaders = req.rawHeaders;
    const encoding = req.url!.slice(1);
    const encode: Record<string, (b: Buffer) => Buffer> = {
      gzip: gzipSync,
      deflate: deflateSync,
      br: brotliCompressSync,
      'gzip-br': (b) => brotliCompressSync(gzipSync(b)),
      compress: (b) => b,
      plain: (b) => b,
    };
    if (encoding === 'slow') return void setTimeout(() => res.end('late'), 1_000);
    const body = encode[encoding]!(Buffer.from(text));
    const contentEncoding = encoding === 'gzip-br' ? 'gzip, br' : encoding === 'plain' ? undefined : encoding;
    res.writeHead(200, {
      'content-type': 'text/plain; charset=utf-8',
      ...(contentEncoding ? { 'content-encoding': contentEncoding } : {}),
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

const get = (path: string, timeoutMs = 5_000) => {
  const url = new URL(path, base);
  return httpGet(url, { ...transportHeaders(url), 'user-agent': 'FyrenTestBot/3.0', accept: '*/*' }, timeoutMs, { policy });
};

describe('httpGet', () => {
  it('sends exactly the given headers and undoes every Content-Encoding', async () => {
    for (const encoding of ['plain', 'gzip', 'deflate', 'br', 'gzip-br']) {
      const res = await get(`/${encoding}`);
      expect(res.status, encoding).toBe(200);
      expect(res.body.toString('utf8'), encoding).toBe(text);
    }
    expect((await get('/gzip')).headers['content-encoding']).toBe('gzip');
    const sent: Record<string, string> = {};
    for (let i = 0; i < lastHeaders.length; i += 2) sent[lastHeaders[i]!.toLowerCase()] = lastHeaders[i + 1]!;
    expect(sent).toEqual({ host: new URL(base).host, connection: 'keep-alive', 'user-agent': 'FyrenTestBot/3.0', accept: '*/*' });
  });

  it('refuses an encoding it cannot undo, and gives up after its timeout', async () => {
    await expect(get('/compress')).rejects.toThrow(/unsupported Content-Encoding compress/);
    const started = Date.now();
    await expect(get('/slow', 200)).rejects.toThrow(/abort/i);
    expect(Date.now() - started).toBeLessThan(900);
  });
});

describe('httpGet on a kept-alive socket the server closed', () => {
  let tcp: TcpServer;
  let port = 0;
  let connections = 0;
  beforeAll(async () => {
    // Answers the first request on each connection and resets the connection at the second.
    tcp = createTcpServer((socket: Socket) => {
      connections += 1;
      let requests = 0;
      socket.on('data', (d) => {
        if (!d.toString().includes('\r\n\r\n')) return;
        requests += 1;
        if (requests === 1)
          socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok');
        else socket.resetAndDestroy();
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    port = (tcp.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => tcp.close(() => r())));

  it('sends the request again once, on a new socket', async () => {
    const url = new URL(`http://127.0.0.1:${port}/`);
    const headers = { ...transportHeaders(url), accept: '*/*' };
    expect((await httpGet(url, headers, 5_000, { policy })).body.toString()).toBe('ok');
    expect((await httpGet(url, headers, 5_000, { policy })).body.toString()).toBe('ok');
    expect(connections).toBe(2);
  });
});
