/**
 * Crawls one site in http mode per its site config (ADR 0008): listing pages with
 * pagination, an optional detail request per ad, and AdRecords handed to a sink as they are
 * read. A small fetch loop: `concurrency` workers share one queue, listing pages before ad
 * pages. Further listing pages are queued as soon as a listing page is parsed, before its ads
 * are read and before it is kept, so pagination never waits for them; where the config
 * numbers the listing pages (`pageUrlTemplate`, `pageCount`) they are all queued at once.
 *
 * Every request, robots.txt, redirect hops and images included, goes only where the address
 * guard lets the source go (address-guard.ts: public addresses, loopback for demo sites, the
 * administrator's allow-list), with a size limit (http-get.ts).
 *
 * Politeness is Fyren's own: per-host delay between requests (redirect hops included),
 * concurrency, retries of network errors, 429 and 5xx with exponential backoff, the
 * User-Agent, robots.txt (for redirect targets too). Every response, redirect hops and
 * retried ones included, is handed to `onPage` (WARC evidence) with the request headers as
 * sent.
 */
import type { PageCapture } from '../../app/intelligence/ports';
import type { AdRecord } from '../../contracts/ad-record';
import type { SiteConfig } from '../../contracts/site-config';
import { parseRobots, type RobotsRules } from '../../core/crawl/robots';
import { policyOf, publicNetworkError, type NetworkPolicy } from './address-guard';
import { crawlSiteWithBrowser } from './browser-crawler';
import { httpGet, transportHeaders } from './http-get';
import { decodePage, externalIdOf, firstHref, listingItems, parseFields, parseHtml, readField } from './page-parser';

export interface CrawlProgress {
  /** Responses received (each redirect hop and retried response counts). */
  pages: number;
  ads: number;
  /** Listing and ad pages that failed for good (after retries). */
  errors: number;
  skippedByRobots: number;
}

export interface SiteCrawlOptions {
  /** Overrides the config's baseUrl (e.g. the port of a local demo site). */
  baseUrl?: string;
  /** Every response received, before its records (evidence); returns a key the records carry. */
  onPage?(page: PageCapture): Promise<string | null>;
  /** Receives every AdRecord read with the keys of the pages that showed it (listing and detail); awaited (backpressure). */
  onRecord(record: AdRecord, pageKeys: string[]): Promise<void>;
  onProgress?(p: CrawlProgress): void;
  /** Ignore the configured delay (benchmarks against the local demo site only). */
  isPolitenessOff?: boolean;
  now?(): Date;
  /** Resolves host names instead of the system resolver (tests: DNS rebinding). */
  resolve?: NetworkPolicy['resolve'];
}

export interface SiteCrawlResult extends CrawlProgress {
  /** True when every listing and ad page was fetched without a final error: only then may removals be inferred. */
  isComplete: boolean;
  errorMessages: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Time allowed for one request, body included. */
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 10;
/** Content types read as HTML pages; anything else on a listing or ad URL is an error. */
const PAGE_TYPES = new Set(['text/html', 'application/xhtml+xml', 'application/xml', 'text/xml']);
const PAGE_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** Spaces requests to one host at least `delayMs` apart, across concurrent requests. */
class HostGate {
  private next = new Map<string, number>();
  constructor(public delayMs: number) {}
  async wait(host: string) {
    const now = Date.now();
    const at = Math.max(now, this.next.get(host) ?? 0);
    this.next.set(host, at + this.delayMs);
    if (at > now) await sleep(at - now);
  }
}

const isRetryable = (status: number) => status === 429 || status >= 500;
const isRedirect = (status: number) => status >= 300 && status < 400 && status !== 304;

/** All the request headers of a GET (node adds none), so evidence records exactly what the site received (tested). */
function requestHeaders(url: URL, userAgent: string, accept: string): Record<string, string> {
  return { ...transportHeaders(url), 'user-agent': userAgent, accept, 'accept-encoding': 'gzip, deflate' };
}

/** The network policy of a config (one object per config, so its kept-alive sockets are its own). */
const policies = new WeakMap<SiteConfig, NetworkPolicy>();
export function networkPolicyOf(config: SiteConfig, resolve?: NetworkPolicy['resolve']): NetworkPolicy {
  if (resolve) return { ...policyOf(config), resolve };
  let policy = policies.get(config);
  if (!policy) {
    policy = policyOf(config);
    policies.set(config, policy);
  }
  return policy;
}

/** Size limit of an image download (pages: MAX_BODY_BYTES). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** One GET; redirects are not followed. */
async function get(
  url: URL,
  headers: Record<string, string>,
  now: () => Date,
  policy: NetworkPolicy,
  maxBytes?: number,
): Promise<PageCapture> {
  const res = await httpGet(url, headers, REQUEST_TIMEOUT_MS, { policy, ...(maxBytes ? { maxBytes } : {}) });
  return {
    url: url.toString(),
    method: 'GET',
    requestHeaders: headers,
    status: res.status,
    responseHeaders: res.headers,
    body: res.body,
    fetchedAt: now(),
  };
}

/** A GET that follows redirects (robots.txt, files), each hop after `beforeHop`; gives the last response. */
async function getFollowing(
  url: URL,
  headersFor: (u: URL) => Record<string, string>,
  now: () => Date,
  beforeHop: (u: URL) => Promise<void>,
  policy: NetworkPolicy,
  maxBytes?: number,
): Promise<PageCapture> {
  let target = url;
  for (let hop = 0; ; hop++) {
    await beforeHop(target);
    const page = await get(target, headersFor(target), now, policy, maxBytes);
    const location = isRedirect(page.status) ? page.responseHeaders.location : undefined;
    if (!location) return page;
    if (hop >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
    target = new URL(location, target);
  }
}

interface Task {
  url: string;
  kind: 'listing' | 'detail';
  /** Detail pages: the key of the listing page that linked to it. */
  listingKey?: string | null;
  /** A listing page queued from pageUrlTemplate. */
  isNumbered?: boolean;
}

export async function crawlSite(config: SiteConfig, opts: SiteCrawlOptions): Promise<SiteCrawlResult> {
  if (config.mode === 'browser') return crawlSiteWithBrowser(config, opts);
  const base = opts.baseUrl ?? config.baseUrl;
  const now = opts.now ?? (() => new Date());
  const { userAgent: ua, retries, backoffMs, concurrency } = config.politeness;
  const progress: CrawlProgress = { pages: 0, ads: 0, errors: 0, skippedByRobots: 0 };
  const errorMessages: string[] = [];
  const gate = new HostGate(opts.isPolitenessOff ? 0 : config.politeness.delayMs);
  const report = () => opts.onProgress?.({ ...progress });
  const policy = networkPolicyOf(config, opts.resolve);

  let robots: RobotsRules | null = null;
  if (config.politeness.respectRobotsTxt) {
    const url = new URL('/robots.txt', base);
    try {
      const res = await getFollowing(
        url,
        (u) => requestHeaders(u, ua, 'text/plain,*/*;q=0.8'),
        now,
        (u) => gate.wait(u.host),
        policy,
      );
      robots = parseRobots(res.status >= 200 && res.status < 300 ? res.body.toString('utf8') : '', ua);
      if (robots.crawlDelaySeconds && !opts.isPolitenessOff) gate.delayMs = Math.max(gate.delayMs, robots.crawlDelaySeconds * 1000);
    } catch {
      robots = parseRobots('', ua); // unreachable robots.txt: RFC 9309 says crawl as unrestricted
    }
  }
  const isAllowed = (url: string) => {
    if (!robots) return true;
    const u = new URL(url);
    const ok = robots.isAllowed(u.pathname + u.search);
    if (!ok) progress.skippedByRobots += 1;
    return ok;
  };

  /** Hands a response to onPage; returns its key. */
  const capture = async (page: PageCapture): Promise<string | null> => {
    progress.pages += 1;
    return opts.onPage ? opts.onPage(page) : null;
  };

  /**
   * Fetches a page: each redirect hop through the gate and robots.txt, retries with backoff
   * for network errors, 429 and 5xx. Redirect hops and retried responses are captured here;
   * the final response is returned for the caller to capture. Throws when the page cannot
   * be had.
   */
  const fetchPage = async (url: string): Promise<PageCapture> => {
    let lastError = '';
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(backoffMs * 2 ** (attempt - 1));
      let target = new URL(url);
      for (let hop = 0; ; hop++) {
        await gate.wait(target.host);
        let page: PageCapture;
        try {
          page = await get(target, requestHeaders(target, ua, PAGE_ACCEPT), now, policy);
        } catch (err) {
          // Refused by the guard or too large: for good. The operating system's reason is never shown (it tells closed ports from filtered ones).
          if (err instanceof Error && ('isBlocked' in err || 'isTooLarge' in err)) throw new Error(publicNetworkError(err));
          lastError = publicNetworkError(err);
          break; // network error or timeout: retried
        }
        const location = isRedirect(page.status) ? page.responseHeaders.location : undefined;
        if (!isRetryable(page.status) && !location) return page;
        await capture(page);
        if (!location) {
          lastError = `answered ${page.status}`;
          break; // 429 or 5xx: retried
        }
        if (hop >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
        target = new URL(location, target);
        if (!isAllowed(target.toString())) throw new Error(`redirected to ${target.toString()}, which robots.txt disallows`);
      }
    }
    throw new Error(lastError);
  };

  /** The page as HTML text, or why it is not a page the crawl can read. */
  const readable = (page: PageCapture): { text: string } | { problem: string } => {
    if (page.status < 200 || page.status >= 300) return { problem: `answered ${page.status}` };
    const contentType = page.responseHeaders['content-type'];
    const type = (contentType ?? 'text/html').split(';')[0]!.trim().toLowerCase();
    if (!PAGE_TYPES.has(type)) return { problem: `served Content-Type ${type}, not a page` };
    return { text: decodePage(page.body, contentType) };
  };

  async function emit(url: string, externalId: string, f: ReturnType<typeof parseFields>, keys: (string | null)[]) {
    progress.ads += 1;
    await opts.onRecord(
      { source: config.source, externalId, url, observedAt: now().toISOString(), ...f },
      keys.filter((k): k is string => k !== null),
    );
  }

  // The queue: listing pages before ad pages (pagination is the crawl's critical path); every URL once.
  const seen = new Set<string>();
  const listings: Task[] = [];
  const details: Task[] = [];
  let waiting: (() => void)[] = [];
  const wake = () => {
    const w = waiting;
    waiting = [];
    for (const resolve of w) resolve();
  };
  const enqueue = (task: Task) => {
    if (seen.has(task.url)) return;
    seen.add(task.url);
    (task.kind === 'listing' ? listings : details).push(task);
    wake();
  };
  let listingPages = 0;
  // Numbered listing pages (pageUrlTemplate, pageCount): page 1 (a start URL) says how many there are.
  const numberedPage = (n: number) => {
    const template = config.listing.pageUrlTemplate;
    return template ? new URL(template.replace('{page}', String(n)), base).toString() : null;
  };
  let pagesByNumber = false;
  const pageCountOf = ($: ReturnType<typeof parseHtml>): number | null => {
    if (!config.listing.pageCount) return null;
    const n = Number(readField($, $.root(), config.listing.pageCount)[0]);
    return Number.isInteger(n) && n >= 1 ? n : null;
  };

  const handle = async (task: Task) => {
    const page = await fetchPage(task.url);
    const content = readable(page);
    if (task.kind === 'listing') {
      if ('problem' in content) {
        await capture(page);
        throw new Error(content.problem);
      }
      listingPages += 1;
      const $ = parseHtml(content.text);
      // Further listing pages first, so their requests overlap the evidence and the parsing of this one:
      // all of them when the config numbers them and the page says how many, else the next one.
      const isNumbered = task.isNumbered === true || task.url === numberedPage(1);
      const count = isNumbered && !pagesByNumber ? pageCountOf($) : null;
      if (count !== null) {
        pagesByNumber = true;
        for (let n = 2; n <= Math.min(count, config.listing.maxPages); n++) {
          const url = numberedPage(n)!;
          if (!seen.has(url) && isAllowed(url)) enqueue({ url, kind: 'listing', isNumbered: true });
        }
      } else if (!(isNumbered && pagesByNumber) && listingPages < config.listing.maxPages) {
        const nextHref = config.listing.nextPageSelector ? firstHref($, config.listing.nextPageSelector) : undefined;
        const next = nextHref ? new URL(nextHref, page.url).toString() : null;
        if (next && !seen.has(next) && isAllowed(next)) enqueue({ url: next, kind: 'listing' });
      }
      const key = await capture(page);
      for (const { adUrl, externalId, item } of listingItems($, config, page.url)) {
        if (config.fieldsFrom === 'listing') await emit(adUrl, externalId, parseFields($, item, config, adUrl), [key]);
        else if (!seen.has(adUrl) && isAllowed(adUrl)) enqueue({ url: adUrl, kind: 'detail', listingKey: key });
      }
    } else {
      const key = await capture(page);
      if (page.status === config.removedStatus) return; // gone from the site: not seen this crawl
      if ('problem' in content) throw new Error(content.problem);
      const externalId = externalIdOf(config, task.url);
      const $ = parseHtml(content.text);
      if (externalId) await emit(task.url, externalId, parseFields($, $.root(), config, task.url), [key, task.listingKey ?? null]);
    }
  };

  let active = 0;
  const worker = async () => {
    for (;;) {
      const task = listings.shift() ?? details.shift();
      if (!task) {
        if (active === 0) return wake();
        await new Promise<void>((resolve) => waiting.push(resolve));
        continue;
      }
      active += 1;
      try {
        await handle(task);
      } catch (err) {
        // A page that failed for good, or a sink (onPage/onRecord) that threw: the crawl goes on, incomplete.
        progress.errors += 1;
        errorMessages.push(`${task.url}: ${err instanceof Error ? (err.message.split('\n')[0] ?? '') : 'failed'}`);
      } finally {
        active -= 1;
        report();
        wake();
      }
    }
  };

  const starts = config.startUrls.map((u) => new URL(u, base).toString()).filter(isAllowed);
  for (const url of starts) enqueue({ url, kind: 'listing' });
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { ...progress, isComplete: progress.errors === 0 && starts.length > 0, errorMessages };
}

/** One polite GET per host gate and config (images of an ad). */
const fileGates = new Map<string, HostGate>();
export async function fetchFile(
  config: SiteConfig,
  url: string,
  opts: { isPolitenessOff?: boolean; resolve?: NetworkPolicy['resolve'] } = {},
): Promise<PageCapture> {
  const policy = networkPolicyOf(config, opts.resolve);
  const key = `${config.source}|${opts.isPolitenessOff ? 0 : config.politeness.delayMs}`;
  const gate = fileGates.get(key) ?? new HostGate(opts.isPolitenessOff ? 0 : config.politeness.delayMs);
  fileGates.set(key, gate);
  let lastError: unknown = null;
  for (let attempt = 0; attempt <= config.politeness.retries; attempt++) {
    if (attempt > 0) await sleep(config.politeness.backoffMs * 2 ** (attempt - 1));
    try {
      const ua = config.politeness.userAgent;
      const page = await getFollowing(
        new URL(url),
        (u) => requestHeaders(u, ua, '*/*'),
        () => new Date(),
        (u) => gate.wait(u.host),
        policy,
        MAX_FILE_BYTES,
      );
      if (isRetryable(page.status)) {
        lastError = new Error(`${url} answered ${page.status}`);
        continue;
      }
      return page;
    } catch (err) {
      lastError = new Error(publicNetworkError(err));
      if (err instanceof Error && ('isBlocked' in err || 'isTooLarge' in err)) break; // for good
    }
  }
  throw lastError instanceof Error ? lastError : new Error(`could not fetch ${url}`);
}

/** The crawler as the use cases see it (port SiteCrawler). */
export const cheerioSiteCrawler = { crawl: crawlSite, fetchFile };
