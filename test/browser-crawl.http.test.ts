/**
 * Browser mode: a local site (127.0.0.1) that builds its listing with JavaScript is read
 * through Debian's Chromium; in http mode the same listing has no ads.
 */
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSiteConfig } from '../src/adapters/crawl/site-config.loader';
import { crawlSite } from '../src/adapters/crawl/site-crawler';
import type { AdRecord } from '../src/contracts/ad-record';
import type { PageCapture } from '../src/app/intelligence/ports';

const ads = [
  { id: 'js1', title: 'Ny i Luleå', text: 'Ring 070-111 22 33' },
  { id: 'js2', title: 'Massage Umeå', text: 'Ring 070-444 55 66' },
];
const app = new Hono().get('/list', (c) =>
  c.html(`<!doctype html><html lang="sv"><body><ul id="ads"></ul>
<script>
const ads = ${JSON.stringify(ads)};
setTimeout(() => { document.getElementById('ads').innerHTML = ads.map(a => '<li class="ad"><a class="go" href="/ad/' + a.id + '">' + a.title + '</a><p class="t">' + a.text + '</p></li>').join(''); }, 50);
</script></body></html>`),
);

let server: ServerType;
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      base = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const yaml = (mode: string) => `
source: js-site
name: JS site
kind: other
mode: ${mode}
baseUrl: http://127.0.0.1:1
# A test site on this machine: allow-listed, as an administrator would (the guard refuses loopback otherwise).
allowedInternalHosts: [127.0.0.1]
startUrls: [/list]
listing: { itemSelector: li.ad, adLinkSelector: a.go }
fieldsFrom: listing
externalIdPattern: /ad/([a-z0-9]+)$
fields:
  title: { selector: a.go }
  body: { selector: p.t }
politeness: { delayMs: 0, concurrency: 1, userAgent: FyrenTestBot/1.0, respectRobotsTxt: false }
`;

describe('browser mode', () => {
  it('reads a listing that JavaScript builds, and keeps the rendered page as evidence', async () => {
    const records: AdRecord[] = [];
    const pages: PageCapture[] = [];
    const result = await crawlSite(parseSiteConfig(yaml('browser'), 'js.site.yaml'), {
      baseUrl: base,
      onPage: async (p) => {
        pages.push(p);
        return `page-${pages.length}`;
      },
      onRecord: async (r, keys) => {
        expect(keys).toEqual(['page-1']);
        records.push(r);
      },
    });
    expect(result).toMatchObject({ isComplete: true, errors: 0, pages: 1 });
    expect(records.map((r) => [r.externalId, r.title, r.body])).toEqual(ads.map((a) => [a.id, a.title, a.text]));
    expect(pages[0]!.responseHeaders['x-fyren-rendered']).toBe('chromium');
    expect(pages[0]!.body.toString()).toContain('li class="ad"');
  });

  it('in http mode the same listing shows no ads (so the browser was needed)', async () => {
    const records: AdRecord[] = [];
    await crawlSite(parseSiteConfig(yaml('http'), 'js.site.yaml'), { baseUrl: base, onRecord: async (r) => void records.push(r) });
    expect(records).toEqual([]);
  });
});
