/**
 * The http-mode fetch loop against local sites on 127.0.0.1: every response is kept with the
 * request headers the site received and the bytes it sent (gzip undone); redirects are followed hop by hop
 * (robots.txt applies to the target); pages that fail for good (5xx after retries, 403, not
 * HTML, a disallowed redirect) make the crawl incomplete without stopping it, while 429 is
 * retried and the removed status is no error; the next listing page is fetched while the
 * previous one is still being kept; never more than `concurrency` requests at once.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSiteConfig } from '../src/adapters/crawl/site-config.loader';
import { crawlSite } from '../src/adapters/crawl/site-crawler';
import type { PageCapture } from '../src/app/intelligence/ports';
import type { AdRecord } from '../src/contracts/ad-record';

interface Hit {
  path: string;
  headers: Record<string, string>;
  at: number;
}
const hits: Hit[] = [];
const counts = new Map<string, number>();
let inFlight = 0;
let maxInFlight = 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const html = (res: ServerResponse, body: string, status = 200) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(body);
};
const list = (links: string[], next?: string) =>
  `<ul>${links.map((l) => `<li class="it"><a class="l" href="${l}">x</a><b>${l}</b></li>`).join('')}</ul>${next ? `<a class="next" href="${next}">»</a>` : ''}`;
const ad = (title: string) => `<h1>${title}</h1><div class="txt">Text om ${title}</div>`;

async function route(req: IncomingMessage, res: ServerResponse) {
  const path = req.url ?? '/';
  const n = (counts.get(path) ?? 0) + 1;
  counts.set(path, n);
  const numbered = /^\/n\/list\?page=(\d+)$/.exec(path);
  if (numbered) {
    // Four numbered listing pages, each slow enough that parallel requests overlap.
    const page = Number(numbered[1]);
    if (page > 1) await sleep(40);
    const next = page < 4 ? `/n/list?page=${page + 1}` : undefined;
    return html(res, `<p class="count">Sida ${page} av 4</p>${list([`/n/ad/${page}a`, `/n/ad/${page}b`], next)}`);
  }
  if (path === '/n/other1') return html(res, list(['/n/ad/o1'], '/n/other2'));
  if (path === '/n/other2') return html(res, list(['/n/ad/o2']));
  const m = /^\/(\w+)\//.exec(path);
  switch (m?.[1] === 'p' ? path.replace(/\d+$/, '#') : path) {
    case '/robots.txt':
      return html(res, 'User-agent: *\nDisallow: /private\n');
    // evidence and redirects
    case '/e/start':
      res.writeHead(302, { location: '/e/list' });
      return res.end();
    case '/e/list':
      return html(res, list(['/e/ad/1', '/e/ad/2']));
    case '/e/ad/1':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
      return res.end(gzipSync(ad('Ett')));
    case '/e/ad/2':
      res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' });
      return res.end(Buffer.from(ad('Malmö'), 'latin1'));
    // failures
    case '/f/list':
      return html(res, list(['/f/ad/ok', '/f/ad/forbidden', '/f/ad/pdf', '/f/ad/gone', '/f/ad/busy', '/f/ad/moved'], '/f/list2'));
    case '/f/list2':
      return html(res, 'overloaded', 500);
    case '/f/ad/ok':
      return html(res, ad('Ok'));
    case '/f/ad/forbidden':
      return html(res, ad('Förbjuden'), 403);
    case '/f/ad/pdf':
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return res.end('%PDF-1.4');
    case '/f/ad/gone':
      return html(res, 'borta', 404);
    case '/f/ad/busy':
      if (n === 1) return html(res, 'vänta', 429);
      return html(res, ad('Upptagen'));
    case '/f/ad/moved':
      res.writeHead(301, { location: '/private/ad/moved' });
      return res.end();
    // pagination and concurrency
    case '/p/list#': {
      const page = Number(path.slice('/p/list'.length));
      return html(res, list([`/p/ad/${page}`], page < 5 ? `/p/list${page + 1}` : undefined));
    }
    case '/p/ad/#':
      await sleep(30);
      return html(res, ad(path));
  }
  return html(res, 'not found', 404);
}

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const headers: Record<string, string> = {};
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers[req.rawHeaders[i]!.toLowerCase()] = req.rawHeaders[i + 1]!;
    hits.push({ path: req.url ?? '/', headers, at: Date.now() });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => (inFlight -= 1));
    void route(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const config = (start: string, listing = '', fieldsFrom = 'detail') =>
  parseSiteConfig(
    `
source: loop-test
name: Loop test
kind: classifieds
baseUrl: http://127.0.0.1:1
# A test site on this machine: allow-listed, as an administrator would (the guard refuses loopback otherwise).
allowedInternalHosts: [127.0.0.1]
startUrls: [${start}]
listing: { itemSelector: li.it, adLinkSelector: a.l, nextPageSelector: a.next ${listing} }
fieldsFrom: ${fieldsFrom}
externalIdPattern: /ad/([a-z0-9]+)$
fields:
  title: { selector: ${fieldsFrom === 'detail' ? 'h1' : 'a.l'} }
  body: { selector: ${fieldsFrom === 'detail' ? 'div.txt' : 'b'} }
politeness: { delayMs: 0, concurrency: 3, userAgent: FyrenTestBot/2.0, retries: 2, backoffMs: 20 }
`,
    'loop.site.yaml',
  );

describe('http-mode fetch loop', () => {
  it('keeps every response, redirect hops too, with the request headers the site received and the bytes it sent', async () => {
    hits.length = 0;
    const pages: PageCapture[] = [];
    const records: { record: AdRecord; keys: string[] }[] = [];
    const result = await crawlSite(config('/e/start'), {
      baseUrl: base,
      onPage: async (p) => {
        pages.push(p);
        return `key:${new URL(p.url).pathname}`;
      },
      onRecord: async (record, keys) => void records.push({ record, keys }),
    });
    expect(result).toMatchObject({ isComplete: true, errors: 0, pages: 4 });
    expect(pages.map((p) => `${new URL(p.url).pathname} ${p.status}`).sort()).toEqual([
      '/e/ad/1 200',
      '/e/ad/2 200',
      '/e/list 200',
      '/e/start 302',
    ]);
    expect(new URL(pages[0]!.url).pathname).toBe('/e/start');
    const page = (path: string) => pages.find((p) => p.url === `${base}${path}`)!;
    const received = new Map(hits.filter((h) => h.path !== '/robots.txt').map((h) => [h.path, h.headers]));
    for (const p of pages) {
      expect(p.requestHeaders, p.url).toEqual(received.get(new URL(p.url).pathname));
      expect(p.requestHeaders['user-agent']).toBe('FyrenTestBot/2.0');
    }
    // The body as the site sent it (ISO-8859-1 stays ISO-8859-1) after its Content-Encoding, read with its charset.
    expect(page('/e/ad/2').body.equals(Buffer.from(ad('Malmö'), 'latin1'))).toBe(true);
    expect(page('/e/ad/1').body.toString()).toBe(ad('Ett'));
    expect(page('/e/ad/1').responseHeaders['content-encoding']).toBe('gzip');
    expect(records.map((r) => [r.record.externalId, r.record.title, r.keys]).sort()).toEqual([
      ['1', 'Ett', ['key:/e/ad/1', 'key:/e/list']],
      ['2', 'Malmö', ['key:/e/ad/2', 'key:/e/list']],
    ]);
  });

  it('lets pages fail for good without stopping the crawl, retries 429 and 5xx, and reports the crawl incomplete', async () => {
    hits.length = 0;
    const pages: PageCapture[] = [];
    const records: AdRecord[] = [];
    const result = await crawlSite(config('/f/list'), {
      baseUrl: base,
      onPage: async (p) => {
        pages.push(p);
        return null;
      },
      onRecord: async (r) => void records.push(r),
    });
    expect(records.map((r) => [r.externalId, r.title]).sort()).toEqual([
      ['busy', 'Upptagen'],
      ['ok', 'Ok'],
    ]);
    expect(result).toMatchObject({ isComplete: false, errors: 4, skippedByRobots: 1 });
    const why = (path: string) => result.errorMessages.find((m) => m.startsWith(`${base}${path}:`));
    expect(why('/f/list2')).toMatch(/answered 500/);
    expect(why('/f/ad/forbidden')).toMatch(/answered 403/);
    expect(why('/f/ad/pdf')).toMatch(/application\/pdf/);
    expect(why('/f/ad/moved')).toMatch(/robots\.txt disallows/);
    expect(result.errorMessages).toHaveLength(4);
    // 5xx: the first try and `retries` more, with backoff; 429 once, then the page; nothing disallowed fetched.
    const list2 = hits.filter((h) => h.path === '/f/list2');
    expect(list2).toHaveLength(3);
    expect(list2[2]!.at - list2[0]!.at).toBeGreaterThanOrEqual(20 + 40 - 5);
    expect(hits.filter((h) => h.path === '/f/ad/busy')).toHaveLength(2);
    expect(hits.filter((h) => h.path === '/f/ad/forbidden')).toHaveLength(1);
    expect(hits.some((h) => h.path.startsWith('/private'))).toBe(false);
    // Every response was kept, the failed and retried ones too.
    expect(pages.map((p) => `${new URL(p.url).pathname} ${p.status}`).sort()).toEqual(
      [
        '/f/list 200',
        '/f/list2 500',
        '/f/list2 500',
        '/f/list2 500',
        '/f/ad/ok 200',
        '/f/ad/forbidden 403',
        '/f/ad/pdf 200',
        '/f/ad/gone 404',
        '/f/ad/busy 429',
        '/f/ad/busy 200',
        '/f/ad/moved 301',
      ].sort(),
    );
  });

  it('asks for the next listing page while the last one is still being kept, and never more than `concurrency` at once', async () => {
    hits.length = 0;
    maxInFlight = 0;
    const asked = (path: string) => hits.some((h) => h.path === path);
    const nextAskedInTime: boolean[] = [];
    const records: AdRecord[] = [];
    const result = await crawlSite(config('/p/list1'), {
      baseUrl: base,
      onPage: async (p) => {
        const m = /\/p\/list(\d)$/.exec(p.url);
        if (m && Number(m[1]) < 5) {
          // Evidence of listing page n is slow: page n+1 must already be on its way.
          const next = `/p/list${Number(m[1]) + 1}`;
          for (let i = 0; i < 100 && !asked(next); i++) await sleep(10);
          nextAskedInTime.push(asked(next));
        }
        return null;
      },
      onRecord: async (r) => void records.push(r),
    });
    expect(result).toMatchObject({ isComplete: true, errors: 0, pages: 10 });
    expect(nextAskedInTime).toEqual([true, true, true, true]);
    expect(records.map((r) => r.externalId).sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(maxInFlight).toBeGreaterThanOrEqual(2);
  });

  it('requests numbered listing pages in parallel once page 1 says how many, up to maxPages, and follows links elsewhere', async () => {
    const numbered = ", pageUrlTemplate: '/n/list?page={page}', pageCount: { selector: p.count, pattern: 'av ([0-9]+)' }";
    const crawl = async (listing: string) => {
      hits.length = 0;
      const records: AdRecord[] = [];
      const result = await crawlSite(config('/n/list?page=1, /n/other1', listing, 'listing'), {
        baseUrl: base,
        onRecord: async (r) => void records.push(r),
      });
      const listings = hits.filter((h) => h.path.startsWith('/n/list'));
      // From the request for page 2 to the last listing request: pages 2–4 answer after 40 ms each.
      const spread = listings.at(-1)!.at - listings[1]!.at;
      return { result, records: records.map((r) => r.externalId).sort(), listings: listings.map((h) => h.path), spread };
    };
    const all = await crawl(numbered);
    expect(all.result).toMatchObject({ isComplete: true, errors: 0 });
    expect(all.records).toEqual(['1a', '1b', '2a', '2b', '3a', '3b', '4a', '4b', 'o1', 'o2']);
    expect(all.listings.sort()).toEqual(['/n/list?page=1', '/n/list?page=2', '/n/list?page=3', '/n/list?page=4']);
    expect(all.spread).toBeLessThan(40);
    const capped = await crawl(`${numbered}, maxPages: 3`);
    expect(capped.listings.sort()).toEqual(['/n/list?page=1', '/n/list?page=2', '/n/list?page=3']);
    // Without the numbering the same pages come one "next" link at a time.
    const linked = await crawl('');
    expect(linked.records).toEqual(all.records);
    expect(linked.listings).toEqual(['/n/list?page=1', '/n/list?page=2', '/n/list?page=3', '/n/list?page=4']);
    expect(linked.spread).toBeGreaterThanOrEqual(80);
  });

  it('refuses numbered listing pages without a page count, or whose page 1 is not a start URL', () => {
    expect(() => config('/n/list?page=1', ", pageUrlTemplate: '/n/list?page={page}'")).toThrow(
      /listing\.pageCount: pageUrlTemplate and pageCount go together/,
    );
    expect(() => config('/n/list', ", pageUrlTemplate: '/n/list?page={page}', pageCount: { selector: p }")).toThrow(
      /listing\.pageUrlTemplate: page 1 of the template must be one of startUrls/,
    );
    expect(() => config('/n/list', ", pageUrlTemplate: '/n/list', pageCount: { selector: p }")).toThrow(/must contain \{page\}/);
  });
});
