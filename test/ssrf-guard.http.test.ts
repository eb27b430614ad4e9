/**
 * The crawler's SSRF guard (issue #24, item 1), attacked: a local service on 127.0.0.1 that a
 * source without an allow-list tries to reach in every spelling of loopback, through a
 * redirect, through DNS (a name that resolves to loopback, a stubbed resolver that mixes a
 * public and a loopback answer), and through image downloads; site configs with internal
 * literal addresses and other schemes are refused; connection errors never tell a closed port
 * from an open one; and sizes are limited (a gzip bomb, a body larger than the limit).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFetchable, BlockedAddressError, internalKind, PUBLIC_ONLY } from '../src/adapters/crawl/address-guard';
import { httpGet, transportHeaders } from '../src/adapters/crawl/http-get';
import { parseSiteConfig, SiteConfigError } from '../src/adapters/crawl/site-config.loader';
import { crawlSite, fetchFile } from '../src/adapters/crawl/site-crawler';
import type { SiteConfig } from '../src/contracts/site-config';

const hits: string[] = [];
const bomb = gzipSync(Buffer.alloc(40 * 1024 * 1024, 0x20));
let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/to-metadata') return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    if (req.url === '/to-localhost') return void res.writeHead(302, { location: `http://localhost:${port}/secret` }).end();
    if (req.url === '/to-file') return void res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    if (req.url === '/bomb') return void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(bomb);
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let n = 0;
      const more = () => {
        while (n < 20 && res.write(chunk)) n++;
        if (n < 20) res.once('drain', () => (n++, more()));
        else res.end();
      };
      return more();
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end('<ul><li class="it"><a class="l" href="/ad/1">1</a></li></ul>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

const yaml = (extra = '', baseUrl = 'https://sajt.example') => `
source: ssrf-test
name: SSRF test
kind: classifieds
baseUrl: ${baseUrl}
startUrls: [/list]
listing: { itemSelector: li.it, adLinkSelector: a.l }
fieldsFrom: listing
externalIdPattern: /ad/([0-9]+)$
fields:
  title: { selector: a }
  body: { selector: a }
politeness: { delayMs: 0, concurrency: 1, userAgent: FyrenTestBot/1.0, retries: 1, backoffMs: 10, respectRobotsTxt: false }
${extra}`;
const publicConfig = (): SiteConfig => parseSiteConfig(yaml(), 'public.site.yaml');

const crawl = (config: SiteConfig, baseUrl: string, resolve?: Parameters<typeof crawlSite>[1]['resolve']) =>
  crawlSite(config, { baseUrl, onRecord: async () => undefined, ...(resolve ? { resolve } : {}) });

describe('the address guard', () => {
  it('classifies every spelling of loopback and the other internal ranges, after the URL parser', () => {
    const internal = [
      'http://127.0.0.1/',
      'http://0x7f000001/',
      'http://2130706433/',
      'http://127.1/',
      'http://0177.0.0.1/',
      'http://127.255.255.254/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:7f00:1]/',
      'http://[64:ff9b::127.0.0.1]/',
      'http://[2002:7f00:1::]/',
      'http://0.0.0.0/',
      'http://0/',
      'http://10.0.0.1/',
      'http://172.16.5.4/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      'http://169.254.169.254/',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'http://[ff02::1]/',
      'http://224.0.0.1/',
      'http://255.255.255.255/',
      'http://[::ffff:169.254.169.254]/',
    ];
    for (const u of internal) expect(() => assertFetchable(new URL(u), PUBLIC_ONLY), u).toThrow(BlockedAddressError);
    for (const u of [
      'file:///etc/passwd',
      'ftp://sajt.example/',
      'gopher://127.0.0.1/',
      'data:text/html,x',
      'http://user:pw@sajt.example/',
    ])
      expect(() => assertFetchable(new URL(u), PUBLIC_ONLY), u).toThrow(BlockedAddressError);
    for (const u of ['http://93.184.216.34/', 'https://[2606:4700::1111]/', 'https://sajt.example/'])
      expect(() => assertFetchable(new URL(u), PUBLIC_ONLY), u).not.toThrow();
    expect(internalKind('127.0.0.1')).toBe('a loopback address');
    expect(internalKind('169.254.169.254')).toBe('a link-local address');
    expect(internalKind('8.8.8.8')).toBeNull();
  });

  it('lets a source without an allow-list reach no spelling of the local service, and tells it no port', async () => {
    hits.length = 0;
    const spellings = [
      `http://127.0.0.1:${port}`,
      `http://0x7f000001:${port}`,
      `http://2130706433:${port}`,
      `http://127.1:${port}`,
      `http://[::1]:${port}`,
      `http://[::ffff:127.0.0.1]:${port}`,
      `http://localhost:${port}`,
      `http://0.0.0.0:${port}`,
    ];
    for (const base of spellings) {
      const result = await crawl(publicConfig(), base);
      expect(result.isComplete, base).toBe(false);
      expect(result.errorMessages.join('\n'), base).toMatch(/refused .*not a public address/);
    }
    // A closed port of an allowed host gives the same few words as any other failure.
    const closed = await crawl(parseSiteConfig(yaml('isDemo: true', 'http://127.0.0.1:1'), 'demo.site.yaml'), 'http://127.0.0.1:1');
    expect(closed.errorMessages.join('\n')).toMatch(/the connection failed/);
    expect(closed.errorMessages.join('\n')).not.toMatch(/ECONNREFUSED|EHOSTUNREACH|refused/);
    expect(hits).toEqual([]);
  });

  it('checks every redirect hop: to cloud metadata, to another name of loopback, to file:', async () => {
    hits.length = 0;
    // Loopback allowed (a demo site): the redirect to link-local is still refused.
    const demo = parseSiteConfig(yaml('isDemo: true', `http://127.0.0.1:${port}`), 'demo.site.yaml');
    const toMetadata = await crawl({ ...demo, startUrls: ['/to-metadata'] }, `http://127.0.0.1:${port}`);
    expect(toMetadata.errorMessages.join('\n')).toMatch(/refused 169\.254\.169\.254: it is a link-local address/);
    const toFile = await crawl({ ...demo, startUrls: ['/to-file'] }, `http://127.0.0.1:${port}`);
    expect(toFile.errorMessages.join('\n')).toMatch(/refused file: URL/);
    // 127.0.0.1 allow-listed by an administrator: "localhost" is another host, and refused.
    const listed = parseSiteConfig(yaml('allowedInternalHosts: [127.0.0.1]', `http://127.0.0.1:${port}`), 'listed.site.yaml');
    const toLocalhost = await crawl({ ...listed, startUrls: ['/to-localhost'] }, `http://127.0.0.1:${port}`);
    expect(toLocalhost.errorMessages.join('\n')).toMatch(/refused localhost: it resolves to a loopback address/);
    expect(hits).toEqual(['/to-metadata', '/to-file', '/to-localhost']);
  });

  it('checks the address it connects to, whatever DNS answers (rebinding)', async () => {
    hits.length = 0;
    // The guard does not look a name up and then connect: the answer it checks is the one the
    // socket connects to. An attacker's DNS that answers loopback, or mixes a public answer with
    // a loopback one, is refused either way.
    const toLoopback = async () => [{ address: '127.0.0.1', family: 4 }];
    const mixed = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    const config = publicConfig();
    const url = new URL(`http://rebind.test:${port}/list`);
    const get = (resolve: typeof mixed) =>
      httpGet(url, { ...transportHeaders(url), accept: '*/*' }, 2_000, { policy: { ...PUBLIC_ONLY, resolve } });
    await expect(get(toLoopback)).rejects.toThrow(/refused rebind\.test: it resolves to a loopback address/);
    await expect(get(mixed)).rejects.toThrow(BlockedAddressError);
    const viaCrawl = await crawl(config, `http://rebind.test:${port}`, mixed);
    expect(viaCrawl.errorMessages.join('\n')).toMatch(/refused rebind\.test/);
    expect(hits).toEqual([]);
  });

  it('holds in browser mode too: Chromium reaches nothing the guard refuses', async () => {
    hits.length = 0;
    const browser = { ...publicConfig(), mode: 'browser' as const };
    for (const base of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const result = await crawl(browser, base);
      expect(result.isComplete, base).toBe(false);
      expect(result.errorMessages.join('\n'), base).toMatch(/refused|ERR_BLOCKED_BY_CLIENT/);
    }
    expect(hits).toEqual([]);
  }, 60_000);

  it('refuses image downloads to internal addresses, from crawled pages and imported records alike', async () => {
    hits.length = 0;
    await expect(fetchFile(publicConfig(), `http://127.0.0.1:${port}/img.png`)).rejects.toThrow(/refused 127\.0\.0\.1/);
    await expect(fetchFile(publicConfig(), `http://[::ffff:7f00:1]:${port}/img.png`)).rejects.toThrow(/refused/);
    await expect(fetchFile(publicConfig(), 'file:///etc/passwd')).rejects.toThrow(/refused file: URL/);
    expect(hits).toEqual([]);
  });

  it('refuses site configs with internal literal addresses or other schemes, naming the key', () => {
    const refused = (text: string) => {
      try {
        parseSiteConfig(text, 'bad.site.yaml');
      } catch (err) {
        expect(err).toBeInstanceOf(SiteConfigError);
        return (err as SiteConfigError).problems;
      }
      throw new Error('accepted');
    };
    expect(refused(yaml('', 'http://169.254.169.254'))).toEqual([
      { key: 'baseUrl', reason: expect.stringMatching(/link-local/) as string },
    ]);
    expect(refused(yaml('', 'http://0x7f000001:8080'))[0]!.key).toBe('baseUrl');
    expect(refused(yaml('', 'file:///etc'))[0]).toMatchObject({ key: 'baseUrl', reason: 'an http(s) URL' });
    expect(refused(yaml('isDemo: true', 'http://10.0.0.1'))[0]!.reason).toMatch(/private/);
    expect(refused(yaml().replace('startUrls: [/list]', 'startUrls: [/list, "http://[::1]/x"]'))[0]!.key).toBe('startUrls.1');
    // Loopback for demo sites and the administrator's allow-list are accepted.
    expect(parseSiteConfig(yaml('isDemo: true', 'http://127.0.0.1:4101'), 'ok.site.yaml').baseUrl).toBe('http://127.0.0.1:4101');
    expect(parseSiteConfig(yaml('allowedInternalHosts: [10.0.0.1]', 'http://10.0.0.1'), 'ok.site.yaml').allowedInternalHosts).toEqual([
      '10.0.0.1',
    ]);
  });
});

describe('size limits in the crawler (issue #24, item 7)', () => {
  const demo = () => parseSiteConfig(yaml('isDemo: true', `http://127.0.0.1:${port}`), 'demo.site.yaml');

  it('stops reading a gzip bomb once it decodes past the limit, and the crawl is not complete', async () => {
    expect(bomb.length).toBeLessThan(100 * 1024);
    const before = process.memoryUsage().rss;
    const result = await crawl({ ...demo(), startUrls: ['/bomb'] }, `http://127.0.0.1:${port}`);
    expect(result.isComplete).toBe(false);
    expect(result.errorMessages.join('\n')).toMatch(/decodes to more than 16 MB/);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('refuses a body larger than the limit, and an image above the image limit', async () => {
    const url = new URL(`http://127.0.0.1:${port}/big`);
    await expect(
      httpGet(url, { ...transportHeaders(url) }, 10_000, {
        policy: { isLoopbackAllowed: true, internalHosts: [] },
        maxBytes: 4 * 1024 * 1024,
      }),
    ).rejects.toThrow(/the response is more than 4 MB/);
    const page = await crawl({ ...demo(), startUrls: ['/big'] }, `http://127.0.0.1:${port}`);
    expect(page.isComplete).toBe(false);
    expect(page.errorMessages.join('\n')).toMatch(/more than 16 MB/);
  });
});
