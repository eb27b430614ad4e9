import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoMarket, type DemoMarket } from '../src/adapters/demo-sites/demo-market';
import { type ServedDemoSites, serveDemoSites } from '../src/adapters/demo-sites/demo-sites';
import { loadSiteConfig, type SiteConfig } from '../src/adapters/demo-sites/site-config';
import { esc } from '../src/adapters/demo-sites/site-pages';
import { DEMO_SOURCES, type DemoSource } from '../src/core/market/types';

let market: DemoMarket;
let served: ServedDemoSites;
const configs = new Map<string, SiteConfig>();

beforeAll(async () => {
  market = buildDemoMarket({ seed: 21, persons: 400, days: 8, startDate: '2026-01-05' });
  served = await serveDemoSites({ market, host: '127.0.0.1' });
  const dir = join(import.meta.dirname, '..', 'sites');
  // The ad sites (buyer-side configs such as demo-forum have their own schema and tests).
  const adSites = new Set<string>(DEMO_SOURCES.map((s) => `${s}.site.yaml`));
  for (const f of (await readdir(dir)).filter((x) => adSites.has(x))) {
    const c = await loadSiteConfig(join(dir, f));
    configs.set(c.source, c);
  }
});
afterAll(async () => {
  await served.close();
});

async function get(source: DemoSource, path: string): Promise<{ status: number; type: string; text: string; bytes: Uint8Array }> {
  const res = await fetch(served.urls[source] + path);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: new TextDecoder().decode(bytes), bytes };
}

/** Links matching `re` in the page, in order. */
function links(html: string, re: RegExp): string[] {
  return [...html.matchAll(re)].map((m) => m[1] ?? '');
}

/** The class names a CSS selector needs, e.g. "nav.pagination a.next" → [pagination, next]. */
function classes(selector: string): string[] {
  return [...selector.matchAll(/\.([A-Za-z0-9_-]+)/g)].map((m) => m[1] ?? '');
}

const SITE_PAGES: Record<DemoSource, { listing: (page: number) => string; link: RegExp; detail: (id: string) => string; next: RegExp }> = {
  'demo-portal': {
    listing: (p) => `/annonser?sida=${p}`,
    link: /href="\/annons\/([0-9]+)"/g,
    detail: (id) => `/annons/${id}`,
    next: /class="next" rel="next" href="([^"]+)"/,
  },
  'demo-classifieds': {
    listing: (p) => `/?p=${p}`,
    link: /href="\/ad\/([a-z0-9]+)"/g,
    detail: (id) => `/ad/${id}`,
    next: /class="pager-next" href="([^"]+)"/,
  },
  'demo-sugar': {
    listing: (p) => `/profiles?page=${p}`,
    link: /href="\/profile\/([a-z0-9]+)"/g,
    detail: (id) => `/profile/${id}`,
    next: /class="load-more" href="([^"]+)"/,
  },
};

describe('demo sites on 127.0.0.1', () => {
  it('listens on three different local ports', () => {
    const ports = DEMO_SOURCES.map((s) => served.ports[s]);
    expect(new Set(ports).size).toBe(3);
    for (const s of DEMO_SOURCES) expect(served.urls[s]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it.each(DEMO_SOURCES)('%s serves every page kind with a DEMO label, and matches its site config', async (source) => {
    const kinds = SITE_PAGES[source];
    const config = configs.get(source);
    expect(config, `sites/${source}.site.yaml`).toBeDefined();
    // Listing, page 1 and page 2 through the next-page link.
    const first = await get(source, kinds.listing(1));
    expect(first.status).toBe(200);
    expect(first.type).toContain('text/html');
    expect(first.text).toContain('DEMO');
    const ids = links(first.text, kinds.link);
    expect(ids.length).toBeGreaterThan(0);
    const nextHref = kinds.next.exec(first.text)?.[1];
    if (source !== 'demo-sugar' || nextHref) {
      expect(nextHref, 'a second listing page').toBeDefined();
      const second = await get(source, nextHref ?? '');
      expect(second.status).toBe(200);
      const ids2 = links(second.text, kinds.link);
      expect(ids2.length).toBeGreaterThan(0);
      expect(ids2.some((id) => ids.includes(id))).toBe(false);
    }
    // Detail page.
    const id = ids[0] ?? '';
    const detail = await get(source, kinds.detail(id));
    expect(detail.status).toBe(200);
    expect(detail.text).toContain('DEMO');
    expect(detail.text).toContain('Fiktiv demoannons');
    // Image.
    const img = /src="(\/img\/[^"]+\.jpg)"/.exec(detail.text)?.[1];
    expect(img).toBeDefined();
    const image = await get(source, img ?? '');
    expect(image.status).toBe(200);
    expect(image.type).toBe('image/jpeg');
    expect([image.bytes[0], image.bytes[1]]).toEqual([0xff, 0xd8]);
    // Unknown ad.
    const missing = await get(source, kinds.detail('999999999'));
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('DEMO');
    // The config's selectors name classes that exist in the pages it reads.
    if (!config) return;
    expect(new URL(config.startUrls[0] ?? '', config.baseUrl).pathname).toBe(new URL(kinds.listing(1), 'http://x').pathname);
    const listingSelectors = [config.listing.itemSelector, config.listing.adLinkSelector, config.listing.pageCount?.selector ?? ''];
    for (const c of listingSelectors.flatMap(classes)) expect(first.text).toContain(c);
    const fieldPage = config.fieldsFrom === 'listing' ? first.text : detail.text;
    for (const field of Object.values(config.fields))
      for (const c of classes(field.selector)) expect(fieldPage, field.selector).toContain(c);
    expect(new RegExp(config.externalIdPattern).exec(kinds.detail(id))?.[1]).toBe(id);
  });

  it('advances the clock: an edited ad shows its new text and a removed ad answers 404', async () => {
    const clock = await (await fetch(`${served.urls['demo-portal']}/_demo/clock`)).json();
    expect(clock).toMatchObject({ day: 0, date: '2026-01-05' });
    // The first day with both an edit and a removal (or a re-post, which removes the old ad).
    const dayOf = (d: number) => market.events.filter((e) => e.day === d);
    let target = 1;
    while (!(dayOf(target).some((e) => e.type === 'edit') && dayOf(target).some((e) => e.type === 'remove' || e.type === 'repost')))
      target++;
    expect(target).toBeLessThan(market.config.days);
    const removal = dayOf(target).find((e) => e.type === 'remove' || e.type === 'repost');
    const edit = dayOf(target).find((e) => e.type === 'edit');
    if (!removal || !edit?.ad) throw new Error('no edit or removal');
    while (served.clock.day < target - 1) served.advanceDay();

    const removedId = removal.type === 'repost' ? (removal.repostOf ?? '') : removal.externalId;
    const src = removal.source as DemoSource;
    const esrc = edit.source as DemoSource;
    expect((await get(src, SITE_PAGES[src].detail(removedId))).status).toBe(200);
    const before = await get(esrc, SITE_PAGES[esrc].detail(edit.externalId));
    expect(before.status).toBe(200);

    expect(served.advanceDay()).toBe(target);

    expect((await get(src, SITE_PAGES[src].detail(removedId))).status).toBe(404);
    const after = await get(esrc, SITE_PAGES[esrc].detail(edit.externalId));
    expect(after.status).toBe(200);
    expect(after.text).toContain(esc(edit.ad.body).split('\n')[0] ?? '');
    expect(after.text).not.toBe(before.text);
    expect(after.text).toContain(served.clock.date);
  });

  it('advances the clock over HTTP for a crawler in another process', async () => {
    const day = served.clock.day;
    const res = await fetch(`${served.urls['demo-classifieds']}/_demo/advance`, { method: 'POST' });
    expect(await res.json()).toMatchObject({ day: day + 1 });
    expect(served.clock.day).toBe(day + 1);
  });
});
