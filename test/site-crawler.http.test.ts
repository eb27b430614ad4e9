/**
 * The crawler's politeness against a local site on 127.0.0.1: the per-host delay holds across
 * concurrent requests, the User-Agent is sent, robots.txt is honoured, and a 503 is retried
 * with backoff until it succeeds.
 */
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSite } from '../src/adapters/crawl/site-crawler';
import { parseSiteConfig, SiteConfigError } from '../src/adapters/crawl/site-config.loader';
import type { AdRecord } from '../src/contracts/ad-record';

const hits: { path: string; at: number; ua: string }[] = [];
let flaky = 0;
const app = new Hono()
  .get('/robots.txt', (c) => c.text('User-agent: *\nDisallow: /ad/secret\n'))
  .get('/list', (c) => {
    const ids = ['1', '2', '3', 'secret', '4'];
    return c.html(`<ul>${ids.map((i) => `<li class="it"><a class="l" href="/ad/${i}">Ad ${i}</a></li>`).join('')}</ul>`);
  })
  .get('/ad/:id', (c) => {
    if (c.req.param('id') === '4' && flaky++ < 2) return c.text('busy', 503);
    return c.html(`<h1>Annons ${c.req.param('id')}</h1><div class="txt">Hej<br>Ring 070-123 45 6${c.req.param('id')}</div>`);
  });

let server: ServerType;
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serve(
      {
        fetch: (req) => {
          const u = new URL(req.url);
          hits.push({ path: u.pathname, at: Date.now(), ua: req.headers.get('user-agent') ?? '' });
          return app.fetch(req);
        },
        hostname: '127.0.0.1',
        port: 0,
      },
      (info: AddressInfo) => {
        base = `http://127.0.0.1:${info.port}`;
        resolve();
      },
    );
  });
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const yaml = `
source: polite-test
name: Polite test
kind: classifieds
baseUrl: http://127.0.0.1:1
# A test site on this machine: allow-listed, as an administrator would (the guard refuses loopback otherwise).
allowedInternalHosts: [127.0.0.1]
startUrls: [/list]
listing: { itemSelector: li.it, adLinkSelector: a.l }
fieldsFrom: detail
externalIdPattern: /ad/([a-z0-9]+)$
fields:
  title: { selector: h1 }
  body: { selector: div.txt }
politeness: { delayMs: 150, concurrency: 3, userAgent: FyrenTestBot/1.0, retries: 3, backoffMs: 50 }
`;

describe('crawler politeness', () => {
  it('keeps the delay, sends the User-Agent, honours robots.txt and retries 503 with backoff', async () => {
    const config = parseSiteConfig(yaml, 'polite.site.yaml');
    const records: AdRecord[] = [];
    const result = await crawlSite(config, { baseUrl: base, onRecord: async (r) => void records.push(r) });
    expect(result).toMatchObject({ isComplete: true, errors: 0, skippedByRobots: 1 });
    expect(records.map((r) => r.externalId).sort()).toEqual(['1', '2', '3', '4']);
    expect(
      records.find((r) => r.externalId === '2'),
      JSON.stringify(records),
    ).toMatchObject({ body: 'Hej\nRing 070-123 45 62' });
    expect(hits.some((h) => h.path === '/ad/secret')).toBe(false);
    const pages = hits.filter((h) => h.path !== '/robots.txt');
    expect(pages.every((h) => h.ua === 'FyrenTestBot/1.0')).toBe(true);
    expect(pages.filter((h) => h.path === '/ad/4')).toHaveLength(3);
    const gaps = pages.slice(1).map((h, i) => h.at - pages[i]!.at);
    // Gaps are measured where the server receives the requests; the event loop adds jitter
    // there, so the bound allows 50 ms of it while the mean must hold the full delay.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100);
    expect(gaps.reduce((a, b) => a + b, 0) / gaps.length).toBeGreaterThanOrEqual(145);
  });

  it('refuses a bad config naming the file, the key and the reason', () => {
    const bad = yaml.replace('concurrency: 3', 'concurrency: 30').replace('fieldsFrom: detail', 'fieldsFrom: detail\ncolour: red');
    try {
      parseSiteConfig(bad, 'sites/bad.site.yaml');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SiteConfigError);
      const msg = (err as Error).message;
      expect(msg).toContain('sites/bad.site.yaml');
      expect(msg).toMatch(/politeness\.concurrency: .*8/);
      expect(msg).toMatch(/colour: unknown key/);
    }
    expect(() => parseSiteConfig('source: [unclosed', 'x.yaml')).toThrow(/x\.yaml: invalid site config\n {2}\(line 1\)/);
  });
});
