/**
 * Browser mode for sites that build their listing with JavaScript: pages are rendered in
 * Debian's Chromium (playwright-core; no browser download), then read with the same
 * selectors as in http mode. One page at a time per site, with Fyren's per-host delay.
 * The rendered HTML is what is kept as evidence (marked with X-Fyren-Rendered).
 *
 * Chromium never opens a connection itself: every request it makes (the page, its scripts,
 * styles, images, XHR) is answered by Fyren's own GET through the address guard
 * (address-guard.ts), so the browser reaches no more than http mode does; WebSockets are
 * closed, and only http(s) pages are opened.
 */
import type { BrowserContext } from 'playwright-core';
import { load } from 'cheerio';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SiteConfig } from '../../contracts/site-config';
import { parseRobots } from '../../core/crawl/robots';
import { assertFetchable, policyOf, publicNetworkError, type NetworkPolicy } from './address-guard';
import { httpGet, transportHeaders } from './http-get';
import { externalIdOf, listingItems, parseFields } from './page-parser';
import type { SiteCrawlOptions, SiteCrawlResult } from './site-crawler';

/** Flags for Debian's Chromium as root without network (STACK-NOTES.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const CHROMIUM_PATH = process.env.FYREN_CHROMIUM ?? '/usr/bin/chromium';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function crawlSiteWithBrowser(config: SiteConfig, opts: SiteCrawlOptions): Promise<SiteCrawlResult> {
  const base = opts.baseUrl ?? config.baseUrl;
  const now = opts.now ?? (() => new Date());
  const ua = config.politeness.userAgent;
  const delayMs = opts.isPolitenessOff ? 0 : config.politeness.delayMs;
  const progress = { pages: 0, ads: 0, errors: 0, skippedByRobots: 0 };
  const errorMessages: string[] = [];
  const policy: NetworkPolicy = { ...policyOf(config), ...(opts.resolve ? { resolve: opts.resolve } : {}) };
  /** One GET through the guard, as the browser's request would be; redirects are the browser's to follow. */
  const guardedGet = (url: URL, headers: Record<string, string>) =>
    httpGet(url, { ...headers, ...transportHeaders(url), 'user-agent': ua }, 30_000, { policy });
  let robots = parseRobots('', ua);
  if (config.politeness.respectRobotsTxt) {
    try {
      const res = await guardedGet(new URL('/robots.txt', base), { accept: 'text/plain,*/*;q=0.8' });
      robots = parseRobots(res.status >= 200 && res.status < 300 ? res.body.toString('utf8') : '', ua);
    } catch {
      // unreachable robots.txt: crawl as unrestricted (RFC 9309)
    }
  }
  const isAllowed = (url: string) => {
    const u = new URL(url);
    const ok = robots.isAllowed(u.pathname + u.search);
    if (!ok) progress.skippedByRobots += 1;
    return ok;
  };
  const profile = mkdtempSync(join(tmpdir(), 'fyren-chromium-'));
  let context: BrowserContext | null = null;
  let last = 0;
  try {
    // Loaded on first use: playwright-core takes about half a second to import, which http-mode crawls need not pay.
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      userAgent: ua,
    });
    // Every request of the browser is made by Fyren through the guard and handed back; nothing else leaves it.
    await context.route('**/*', async (route) => {
      const request = route.request();
      try {
        const url = new URL(request.url());
        if (request.method() !== 'GET') return await route.abort('blockedbyclient');
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(request.headers()))
          if (!/^(host|connection|user-agent|accept-encoding|cookie)$/i.test(name) && !name.startsWith(':')) headers[name] = value;
        const res = await guardedGet(url, { ...headers, 'accept-encoding': 'gzip, deflate' });
        const responseHeaders: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers))
          if (!/^(content-encoding|content-length|transfer-encoding|connection|keep-alive)$/i.test(name)) responseHeaders[name] = value;
        await route.fulfill({ status: res.status, headers: responseHeaders, body: res.body });
      } catch (err) {
        // Refused by the guard, or failed: the same few words either way (no port is told apart).
        await route.abort(err instanceof Error && 'isBlocked' in err ? 'blockedbyclient' : 'failed').catch(() => undefined);
      }
    });
    await context.routeWebSocket(/.*/, (ws) => ws.close());
    const page = await context.newPage();
    const render = async (url: string, waitFor: string | null) => {
      // Only http(s): a file: or other page would not pass through the route above.
      assertFetchable(new URL(url), policy);
      const wait = last + delayMs - Date.now();
      if (wait > 0) await sleep(wait);
      last = Date.now();
      let lastError: unknown = null;
      for (let attempt = 0; attempt <= config.politeness.retries; attempt++) {
        if (attempt > 0) await sleep(config.politeness.backoffMs * 2 ** (attempt - 1));
        try {
          const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
          const status = response?.status() ?? 0;
          if (status === 429 || status >= 500) throw new Error(`answered ${status}`);
          if (waitFor && status < 400) await page.waitForSelector(waitFor, { timeout: 15_000 }).catch(() => undefined);
          const html = await page.content();
          const pageKey = opts.onPage
            ? await opts.onPage({
                url,
                method: 'GET',
                requestHeaders: { 'user-agent': ua },
                status,
                responseHeaders: { 'content-type': 'text/html; charset=utf-8', 'x-fyren-rendered': 'chromium' },
                body: Buffer.from(html, 'utf8'),
                fetchedAt: now(),
              })
            : null;
          progress.pages += 1;
          return { status, $: load(html), pageKey };
        } catch (err) {
          lastError = err;
        }
      }
      throw new Error(
        lastError instanceof Error && lastError.name === 'TimeoutError' ? 'no answer in time' : publicNetworkError(lastError),
      );
    };
    const emit = async (url: string, externalId: string, f: ReturnType<typeof parseFields>, keys: (string | null)[]) => {
      progress.ads += 1;
      await opts.onRecord(
        { source: config.source, externalId, url, observedAt: now().toISOString(), ...f },
        keys.filter((k): k is string => k !== null),
      );
      opts.onProgress?.({ ...progress });
    };

    let next: string | null = new URL(config.startUrls[0]!, base).toString();
    const queue = config.startUrls.slice(1).map((u) => new URL(u, base).toString());
    let listingPages = 0;
    while (next && listingPages < config.listing.maxPages) {
      const url: string = next;
      next = queue.shift() ?? null;
      if (!isAllowed(url)) continue;
      listingPages += 1;
      let listing;
      try {
        listing = await render(url, config.listing.itemSelector);
      } catch (err) {
        progress.errors += 1;
        errorMessages.push(`${url}: ${err instanceof Error ? err.message.split('\n')[0] : 'failed'}`);
        break;
      }
      const { $, pageKey } = listing;
      const details: string[] = [];
      for (const { adUrl, externalId, item } of listingItems($, config, url)) {
        if (config.fieldsFrom === 'listing') await emit(adUrl, externalId, parseFields($, item, config, adUrl), [pageKey]);
        else if (isAllowed(adUrl)) details.push(adUrl);
      }
      for (const adUrl of details) {
        try {
          const d = await render(adUrl, config.fields.body.selector);
          if (d.status === config.removedStatus) continue;
          await emit(adUrl, externalIdOf(config, adUrl)!, parseFields(d.$, d.$.root(), config, adUrl), [d.pageKey, pageKey]);
        } catch (err) {
          progress.errors += 1;
          errorMessages.push(`${adUrl}: ${err instanceof Error ? err.message.split('\n')[0] : 'failed'}`);
        }
      }
      const nextHref = config.listing.nextPageSelector ? $(config.listing.nextPageSelector).attr('href') : undefined;
      if (nextHref) next = new URL(nextHref, url).toString();
      opts.onProgress?.({ ...progress });
    }
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
  return { ...progress, isComplete: progress.errors === 0, errorMessages };
}
