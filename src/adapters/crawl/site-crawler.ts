/**
 * Crawls one site with @crawlee/cheerio per its site config: listing pages with pagination,
 * an optional detail request per ad, politeness kept by Fyren itself (per-host delay,
 * concurrency, retries with exponential backoff, User-Agent, robots.txt), and AdRecords
 * handed to a sink as they are read. Crawlee's own storage stays in memory.
 */
import { CheerioCrawler, Configuration, log, LogLevel } from '@crawlee/cheerio';
import { MemoryStorage } from '@crawlee/memory-storage';
import type { PageCapture } from '../../app/ports';
import type { AdRecord } from '../../contracts/ad-record';
import type { SiteConfig } from '../../contracts/site-config';
import { parseRobots, type RobotsRules } from '../../core/crawl/robots';
import { crawlSiteWithBrowser } from './browser-crawler';
import { externalIdOf, listingItems, parseFields } from './page-parser';

log.setLevel(LogLevel.OFF);

export interface CrawlProgress {
  pages: number;
  ads: number;
  errors: number;
  skippedByRobots: number;
}

export interface SiteCrawlOptions {
  /** Overrides the config's baseUrl (e.g. the port of a local demo site). */
  baseUrl?: string;
  /** Every fetched page, before its records (evidence); returns a key the records carry. */
  onPage?(page: PageCapture): Promise<string | null>;
  /** Receives every AdRecord read with the keys of the pages that showed it (listing and detail); awaited (backpressure). */
  onRecord(record: AdRecord, pageKeys: string[]): Promise<void>;
  onProgress?(p: CrawlProgress): void;
  /** Ignore the configured delay (benchmarks against the local demo site only). */
  isPolitenessOff?: boolean;
  now?(): Date;
}

export interface SiteCrawlResult extends CrawlProgress {
  /** True when every listing and ad page was fetched without a final error: only then may removals be inferred. */
  isComplete: boolean;
  errorMessages: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Spaces requests to one host at least `delayMs` apart, across concurrent requests. */
class HostGate {
  private next = new Map<string, number>();
  constructor(private readonly delayMs: number) {}
  async wait(host: string) {
    const now = Date.now();
    const at = Math.max(now, this.next.get(host) ?? 0);
    this.next.set(host, at + this.delayMs);
    if (at > now) await sleep(at - now);
  }
}

export async function crawlSite(config: SiteConfig, opts: SiteCrawlOptions): Promise<SiteCrawlResult> {
  if (config.mode === 'browser') return crawlSiteWithBrowser(config, opts);
  const base = opts.baseUrl ?? config.baseUrl;
  const now = opts.now ?? (() => new Date());
  const ua = config.politeness.userAgent;
  const progress: CrawlProgress = { pages: 0, ads: 0, errors: 0, skippedByRobots: 0 };
  const errorMessages: string[] = [];
  let robots: RobotsRules | null = null;
  let delayMs = opts.isPolitenessOff ? 0 : config.politeness.delayMs;
  const gate = new HostGate(delayMs);

  if (config.politeness.respectRobotsTxt) {
    try {
      await gate.wait(new URL(base).host);
      const res = await fetch(new URL('/robots.txt', base), { headers: { 'user-agent': ua }, signal: AbortSignal.timeout(15_000) });
      robots = parseRobots(res.ok ? await res.text() : '', ua);
      if (robots.crawlDelaySeconds && !opts.isPolitenessOff) delayMs = Math.max(delayMs, robots.crawlDelaySeconds * 1000);
    } catch {
      robots = parseRobots('', ua); // unreachable robots.txt: RFC 9309 says crawl as unrestricted
    }
  }
  const effectiveGate = new HostGate(delayMs);
  const isAllowed = (url: string) => {
    if (!robots) return true;
    const u = new URL(url);
    const ok = robots.isAllowed(u.pathname + u.search);
    if (!ok) progress.skippedByRobots += 1;
    return ok;
  };
  const report = () => opts.onProgress?.({ ...progress });
  let listingPages = 0;

  const crawler = new CheerioCrawler(
    {
      maxConcurrency: config.politeness.concurrency,
      minConcurrency: config.politeness.concurrency,
      // Politeness is the config's concurrency and Fyren's own per-host delay. Crawlee's
      // autoscaling would otherwise throttle on the machine's CPU load (other processes too)
      // and start slow; its status logging is off.
      autoscaledPoolOptions: {
        desiredConcurrency: config.politeness.concurrency,
        maybeRunIntervalSecs: 0.005,
        systemStatusOptions: {
          maxCpuOverloadedRatio: 1,
          maxEventLoopOverloadedRatio: 1,
          maxMemoryOverloadedRatio: 1,
          maxClientOverloadedRatio: 1,
        },
      },
      statusMessageLoggingInterval: 3600,
      maxRequestRetries: config.politeness.retries,
      requestHandlerTimeoutSecs: 60,
      navigationTimeoutSecs: 30,
      useSessionPool: false,
      persistCookiesPerSession: false,
      ignoreHttpErrorStatusCodes: [config.removedStatus],
      preNavigationHooks: [
        async ({ request }, gotOptions) => {
          if (request.retryCount > 0) await sleep(config.politeness.backoffMs * 2 ** (request.retryCount - 1));
          gotOptions.headers = { ...gotOptions.headers, 'user-agent': ua };
          // The gate is kept right before the request is sent (got's beforeRequest), not earlier,
          // so the crawler's own scheduling cannot shorten the gap between two requests.
          const hooks = (gotOptions.hooks ??= {});
          hooks.beforeRequest = [...(hooks.beforeRequest ?? []), async () => effectiveGate.wait(new URL(request.url).host)];
        },
      ],
      requestHandler: async ({ request, $, response, body }) => {
        progress.pages += 1;
        const pageKey = opts.onPage
          ? await opts.onPage({
              url: request.loadedUrl ?? request.url,
              method: request.method,
              requestHeaders: { 'user-agent': ua, ...(request.headers ?? {}) },
              status: response.statusCode ?? 0,
              responseHeaders: flatHeaders(response.headers),
              body: Buffer.isBuffer(body) ? body : Buffer.from(String(body)),
              fetchedAt: now(),
            })
          : null;
        const label = request.label ?? 'LIST';
        if (label === 'LIST') {
          listingPages += 1;
          const detail: { url: string; label: string; uniqueKey: string; userData: { listingKey: string | null } }[] = [];
          for (const { adUrl: url, externalId, item } of listingItems($, config, request.loadedUrl ?? request.url)) {
            if (config.fieldsFrom === 'listing') {
              await emit(url, externalId, parseFields($, item, config, url), [pageKey]);
            } else if (isAllowed(url)) detail.push({ url, label: 'DETAIL', uniqueKey: url, userData: { listingKey: pageKey } });
          }
          const nextHref = config.listing.nextPageSelector ? $(config.listing.nextPageSelector).attr('href') : undefined;
          if (nextHref && listingPages < config.listing.maxPages) {
            const next = new URL(nextHref, request.loadedUrl ?? request.url).toString();
            if (isAllowed(next)) await crawler.addRequests([{ url: next, label: 'LIST', uniqueKey: next }]);
          }
          if (detail.length) await crawler.addRequests(detail);
        } else {
          if (response.statusCode === config.removedStatus) return; // gone from the site: not seen this crawl
          const externalId = externalIdOf(config, request.url);
          const listingKey = (request.userData as { listingKey?: string | null }).listingKey ?? null;
          if (externalId) await emit(request.url, externalId, parseFields($, $.root(), config, request.url), [pageKey, listingKey]);
        }
        report();
      },
      failedRequestHandler: async ({ request }, error) => {
        progress.errors += 1;
        errorMessages.push(`${request.url}: ${error.message.split('\n')[0]}`);
        report();
      },
    },
    new Configuration({ persistStorage: false, storageClient: new MemoryStorage({ persistStorage: false }) }),
  );

  async function emit(url: string, externalId: string, f: ReturnType<typeof parseFields>, keys: (string | null)[]) {
    progress.ads += 1;
    await opts.onRecord(
      { source: config.source, externalId, url, observedAt: now().toISOString(), ...f },
      keys.filter((k): k is string => k !== null),
    );
  }

  const starts = config.startUrls.map((u) => new URL(u, base).toString()).filter(isAllowed);
  await crawler.run(starts.map((url) => ({ url, label: 'LIST', uniqueKey: url })));
  await crawler.teardown();
  return { ...progress, isComplete: progress.errors === 0 && starts.length > 0, errorMessages };
}

function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** One polite GET per host gate and config (images of an ad). */
const fileGates = new Map<string, HostGate>();
export async function fetchFile(config: SiteConfig, url: string, opts: { isPolitenessOff?: boolean } = {}): Promise<PageCapture> {
  const key = `${config.source}|${opts.isPolitenessOff ? 0 : config.politeness.delayMs}`;
  const gate = fileGates.get(key) ?? new HostGate(opts.isPolitenessOff ? 0 : config.politeness.delayMs);
  fileGates.set(key, gate);
  let lastError: unknown = null;
  for (let attempt = 0; attempt <= config.politeness.retries; attempt++) {
    if (attempt > 0) await sleep(config.politeness.backoffMs * 2 ** (attempt - 1));
    await gate.wait(new URL(url).host);
    try {
      const requestHeaders = { 'user-agent': config.politeness.userAgent };
      const res = await fetch(url, { headers: requestHeaders, signal: AbortSignal.timeout(30_000) });
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status === 429 || res.status >= 500) {
        lastError = new Error(`${url} answered ${res.status}`);
        continue;
      }
      return {
        url,
        method: 'GET',
        requestHeaders,
        status: res.status,
        responseHeaders: Object.fromEntries(res.headers),
        body,
        fetchedAt: new Date(),
      };
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(`could not fetch ${url}`);
}

/** The crawler as the use cases see it (port SiteCrawler). */
export const cheerioSiteCrawler = { crawl: crawlSite, fetchFile };
