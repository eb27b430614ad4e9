/**
 * The demo sites as hono apps, and a server that listens on 127.0.0.1 for each.
 *
 * `createDemoSites` returns a fetch handler per site (usable without a socket through
 * `app.request()`); `serveDemoSites` binds each to a real port and returns the ports
 * and `advanceDay()`. A separate process can advance the clock with
 * `POST /_demo/advance` on any site and read it with `GET /_demo/clock`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { renderSyntheticImage } from '../images/synthetic-images';
import { DEMO_SOURCES, type DemoSource } from '../../core/market/types';
import { buildDemoMarket, DemoClock, type DemoMarket, SiteState, type SiteAd } from './demo-market';
import { DEFAULT_START_DATE } from '../../core/market/simulate-market';
import * as pages from './site-pages';
import { forumMembers, sugarMembers, type ListedMember } from './buyer-pages';
import { accountOnDay, type BuyerMarket, type DemoBuyerSource } from '../../core/market/simulate-buyers';

/** A fetch handler for one site. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** Per-site handlers and the shared clock. */
export interface DemoSites {
  clock: DemoClock;
  sites: Record<DemoSource, { app: Hono; fetch: FetchHandler }>;
  /** The buyer-side contact forum, when a buyer market is served (the sugar site then also lists members). */
  forum: { app: Hono; fetch: FetchHandler } | null;
}

/** Member listings of the buyer side on the clock's date, per site, in member-number order. */
function membersOn(buyers: BuyerMarket, source: DemoBuyerSource, date: string): ListedMember[] {
  const day = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${buyers.config.startDate}T00:00:00Z`)) / 86_400_000);
  const out: (ListedMember & { order: number })[] = [];
  for (const a of buyers.accounts)
    for (const site of a.sites) {
      if (site.source !== source) continue;
      const shown = accountOnDay(a, site, buyers.config.startDate, day);
      if (shown) out.push({ ...shown, order: source === 'demo-forum' ? Number(site.memberId) : parseInt(site.memberId.slice(1), 36) });
    }
  return out.sort((x, y) => x.order - y.order);
}

function slicePlain<T>(items: readonly T[], pageNo: number, size: number): { items: readonly T[]; paging: pages.Paging } {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const page = Math.min(pageNo, pageCount);
  return { items: items.slice((page - 1) * size, page * size), paging: { page, pageCount } };
}

const PAGE_SIZE: Record<DemoSource, number> = { 'demo-portal': 20, 'demo-classifieds': 15, 'demo-sugar': 12 };

const IMAGE_ID = /^[A-Za-z0-9-]+\.[a-z0-9]+$/;

function pageParam(value: string | undefined): number {
  const n = Number(value ?? '1');
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

function slicePage(ads: readonly SiteAd[], pageNo: number, size: number): { items: readonly SiteAd[]; paging: pages.Paging } {
  const pageCount = Math.max(1, Math.ceil(ads.length / size));
  const page = Math.min(pageNo, pageCount);
  return { items: ads.slice((page - 1) * size, page * size), paging: { page, pageCount } };
}

/** Creates the three demo sites over one market and one clock, and with `buyers` the buyer side too. */
export function createDemoSites(options: { market: DemoMarket; clock?: DemoClock; buyers?: BuyerMarket }): DemoSites {
  const { market, buyers } = options;
  const clock = options.clock ?? new DemoClock(market.config.startDate);
  const imageCache = new Map<string, Buffer>();

  const loadImage = async (imageId: string): Promise<Buffer> => {
    const cached = imageCache.get(imageId);
    if (cached) return cached;
    let bytes: Buffer | undefined;
    if (market.imagesDir) {
      try {
        bytes = await readFile(join(market.imagesDir, `${imageId}.jpg`));
      } catch {
        bytes = undefined;
      }
    }
    bytes ??= await renderSyntheticImage(imageId);
    if (imageCache.size > 500) imageCache.clear();
    imageCache.set(imageId, bytes);
    return bytes;
  };

  const makeApp = (source: DemoSource): Hono => {
    const state = new SiteState(source, market.events);
    const app = new Hono();
    const siteClass = source.replace('demo-', 'site-');
    app.use(async (c, next) => {
      await next();
      c.header('X-Demo', 'fyren-demo-market');
    });
    app.get('/_demo/clock', (c) => c.json({ day: clock.day, date: clock.date, lastDay: market.config.days - 1 }));
    app.post('/_demo/advance', (c) => {
      const n = Number(c.req.query('days') ?? '1');
      clock.advance(Number.isInteger(n) && n > 0 ? n : 1);
      return c.json({ day: clock.day, date: clock.date });
    });
    app.get('/img/:file', async (c) => {
      const file = c.req.param('file');
      const imageId = file.endsWith('.jpg') ? file.slice(0, -4) : '';
      if (!IMAGE_ID.test(imageId)) return c.text('Not found', 404);
      try {
        const bytes = await loadImage(imageId);
        return c.body(new Uint8Array(bytes), 200, { 'Content-Type': 'image/jpeg', 'Cache-Control': 'max-age=3600' });
      } catch {
        return c.text('Not found', 404);
      }
    });
    app.get('/robots.txt', (c) => c.text('User-agent: *\nCrawl-delay: 1\n'));
    const detail = (externalId: string, render: (ad: SiteAd, date: string) => string): Response | string => {
      const ad = state.get(clock.day, externalId);
      return ad
        ? render(ad, clock.date)
        : new Response(pages.notFound(siteClass, clock.date), { status: 404, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    };
    const html = (r: Response | string): Response =>
      typeof r === 'string' ? new Response(r, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }) : r;
    switch (source) {
      case 'demo-portal': {
        const listing = (pageNo: number): string => {
          const { items, paging } = slicePage(state.list(clock.day), pageNo, PAGE_SIZE[source]);
          return pages.portalListing(items, paging, clock.date);
        };
        app.get('/', (c) => c.html(listing(1)));
        app.get('/annonser', (c) => c.html(listing(pageParam(c.req.query('sida')))));
        app.get('/annons/:id', (c) => html(detail(c.req.param('id'), pages.portalDetail)));
        break;
      }
      case 'demo-classifieds': {
        app.get('/', (c) => {
          const { items, paging } = slicePage(state.list(clock.day), pageParam(c.req.query('p')), PAGE_SIZE[source]);
          return c.html(pages.classifiedsListing(items, paging, clock.date));
        });
        app.get('/ad/:id', (c) => html(detail(c.req.param('id'), pages.classifiedsDetail)));
        break;
      }
      case 'demo-sugar': {
        const listing = (pageNo: number): string => {
          const { items, paging } = slicePage(state.list(clock.day), pageNo, PAGE_SIZE[source]);
          return pages.sugarListing(items, paging, clock.date);
        };
        app.get('/', (c) => c.html(listing(1)));
        app.get('/profiles', (c) => c.html(listing(pageParam(c.req.query('page')))));
        app.get('/profile/:id', (c) => html(detail(c.req.param('id'), pages.sugarProfile)));
        if (buyers)
          app.get('/members', (c) => {
            const { items, paging } = slicePlain(membersOn(buyers, 'demo-sugar-members', clock.date), pageParam(c.req.query('page')), 40);
            return c.html(sugarMembers(items, paging, clock.date));
          });
        break;
      }
    }
    app.notFound((c) => c.html(pages.notFound(siteClass, clock.date), 404));
    return app;
  };

  const sites = {} as Record<DemoSource, { app: Hono; fetch: FetchHandler }>;
  for (const source of DEMO_SOURCES) {
    const app = makeApp(source);
    sites[source] = { app, fetch: (req) => app.fetch(req) };
  }
  let forum: DemoSites['forum'] = null;
  if (buyers) {
    const app = new Hono();
    app.use(async (c, next) => {
      await next();
      c.header('X-Demo', 'fyren-demo-market');
    });
    app.get('/robots.txt', (c) => c.text('User-agent: *\nCrawl-delay: 1\n'));
    const list = (pageNo: number) => {
      const { items, paging } = slicePlain(membersOn(buyers, 'demo-forum', clock.date), pageNo, 50);
      return forumMembers(items, paging, clock.date);
    };
    app.get('/', (c) => c.html(list(1)));
    app.get('/medlemmar', (c) => c.html(list(pageParam(c.req.query('sida')))));
    app.notFound((c) => c.html(pages.notFound('site-forum', clock.date), 404));
    forum = { app, fetch: (req) => app.fetch(req) };
  }
  return { clock, sites, forum };
}

/** Running demo sites. */
export interface ServedDemoSites {
  /** Port per site. */
  ports: Record<DemoSource, number>;
  /** Base URL per site, e.g. http://127.0.0.1:4101. */
  urls: Record<DemoSource, string>;
  /** Base URL of the buyer-side forum (port + 3), when a buyer market is served. */
  forumUrl: string | null;
  clock: DemoClock;
  /** Moves the simulated clock one day forward; returns the new day. */
  advanceDay(): number;
  /** Stops all servers. */
  close(): Promise<void>;
}

/**
 * Serves the demo sites on `host` (127.0.0.1 by default). With `port`, the sites get
 * port, port+1 and port+2 (portal, classifieds, sugar); without, free ports.
 */
export async function serveDemoSites(options: {
  /** The market to serve; by default a small one (seed 1, 200 persons, 28 days). */
  market?: DemoMarket;
  clock?: DemoClock;
  /** A buyer side to serve: the forum on port + 3 and member listings on the sugar site. */
  buyers?: BuyerMarket;
  host?: string;
  port?: number;
}): Promise<ServedDemoSites> {
  const host = options.host ?? '127.0.0.1';
  const market = options.market ?? buildDemoMarket({ seed: 1, persons: 200, days: 28, startDate: DEFAULT_START_DATE });
  const { clock, sites, forum } = createDemoSites({
    market,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.buyers ? { buyers: options.buyers } : {}),
  });
  const servers: ServerType[] = [];
  const ports = {} as Record<DemoSource, number>;
  const urls = {} as Record<DemoSource, string>;
  let forumUrl: string | null = null;
  try {
    for (const [i, source] of DEMO_SOURCES.entries()) {
      const wanted = options.port ? options.port + i : 0;
      const site = sites[source];
      const port = await new Promise<number>((resolve, reject) => {
        const server = serve({ fetch: site.fetch, hostname: host, port: wanted }, (info: AddressInfo) => resolve(info.port));
        server.once('error', reject);
        servers.push(server);
      });
      ports[source] = port;
      urls[source] = `http://${host}:${port}`;
    }
    if (forum) {
      const wanted = options.port ? options.port + DEMO_SOURCES.length : 0;
      const port = await new Promise<number>((resolve, reject) => {
        const server = serve({ fetch: forum.fetch, hostname: host, port: wanted }, (info: AddressInfo) => resolve(info.port));
        server.once('error', reject);
        servers.push(server);
      });
      forumUrl = `http://${host}:${port}`;
    }
  } catch (err) {
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    throw err;
  }
  return {
    ports,
    urls,
    forumUrl,
    clock,
    advanceDay: () => clock.advance(1),
    close: () => Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r())))).then(() => undefined),
  };
}
