/**
 * Reads the member listing of a buyer-side site (sites/*.site.yaml of kind buyer-forum or
 * sugar-members): follows the listing pages one at a time, politely (robots.txt, per-host delay,
 * retries with backoff, the configured User-Agent), and hands each page's accounts to the caller.
 *
 * Unlike the ad crawler it keeps nothing: no WARC capture, no page, no image. A page's body lives
 * only until its fields are read.
 */
import type { BuyerSighting, MemberCrawler } from '../../app/demand/ports';
import type { BuyerSiteConfig, FieldSelector } from '../../contracts/site-config';
import { parseRobots } from '../../core/crawl/robots';
import { policyOf, publicNetworkError } from './address-guard';
import { httpGet, transportHeaders } from './http-get';
import { decodePage, firstHref, parseHtml, readField } from './page-parser';
import type { CheerioAPI } from 'cheerio';

const REQUEST_TIMEOUT_MS = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The accounts on one member-listing page. */
export function membersFromPage($: CheerioAPI, config: BuyerSiteConfig): BuyerSighting[] {
  const f = config.members.fields;
  const out: BuyerSighting[] = [];
  $(config.members.itemSelector).each((_, el) => {
    const item = $(el);
    const one = (sel: FieldSelector | undefined) => (sel ? (readField($, item, sel)[0]?.trim() ?? null) : null);
    const handle = one(f.handle);
    if (!handle) return;
    out.push({
      handle,
      place: one(f.place),
      placeLan: one(f.placeLan),
      age: one(f.ageBand),
      memberSince: one(f.memberSince),
      lastActive: one(f.lastActive),
    });
  });
  return out;
}

async function crawl(
  config: BuyerSiteConfig,
  opts: { baseUrl?: string; isPolitenessOff?: boolean; onAccounts(rows: BuyerSighting[]): Promise<void> },
) {
  const base = opts.baseUrl ?? config.baseUrl;
  // Public addresses only, loopback for demo sites (address-guard.ts).
  const policy = policyOf(config);
  const { userAgent, retries, backoffMs } = config.politeness;
  let delayMs = opts.isPolitenessOff ? 0 : config.politeness.delayMs;
  const headers = (u: URL, accept: string) => ({
    ...transportHeaders(u),
    'user-agent': userAgent,
    accept,
    'accept-encoding': 'gzip, deflate',
  });
  let lastAt = 0;
  const wait = async () => {
    const at = lastAt + delayMs - Date.now();
    if (at > 0) await sleep(at);
    lastAt = Date.now();
  };
  let pages = 0;
  let accounts = 0;
  let errors = 0;
  const errorMessages: string[] = [];

  let isAllowed = (_path: string) => true;
  if (config.politeness.respectRobotsTxt) {
    const url = new URL('/robots.txt', base);
    try {
      await wait();
      const res = await httpGet(url, headers(url, 'text/plain,*/*;q=0.8'), REQUEST_TIMEOUT_MS, { policy });
      const robots = parseRobots(res.status >= 200 && res.status < 300 ? res.body.toString('utf8') : '', userAgent);
      if (robots.crawlDelaySeconds && !opts.isPolitenessOff) delayMs = Math.max(delayMs, robots.crawlDelaySeconds * 1000);
      isAllowed = (p) => robots.isAllowed(p);
    } catch {
      // An unreachable robots.txt: RFC 9309 says crawl as unrestricted.
    }
  }

  const seen = new Set<string>();
  const queue = config.startUrls.map((u) => new URL(u, base).toString());
  while (queue.length && pages < config.members.maxPages) {
    const url = new URL(queue.shift()!);
    if (seen.has(url.toString())) continue;
    seen.add(url.toString());
    if (!isAllowed(url.pathname + url.search)) {
      errorMessages.push(`${url.pathname}${url.search}: disallowed by robots.txt`);
      continue;
    }
    let body: string | null = null;
    for (let attempt = 0; attempt <= retries; attempt++) {
      try {
        await wait();
        const res = await httpGet(url, headers(url, 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8'), REQUEST_TIMEOUT_MS, { policy });
        pages += 1;
        if (res.status === 429 || res.status >= 500) throw new Error(`HTTP ${res.status}`);
        if (res.status !== 200) {
          errorMessages.push(`${url.toString()}: HTTP ${res.status}`);
          break;
        }
        body = decodePage(res.body, res.headers['content-type']);
        break;
      } catch (err) {
        if (attempt === retries) errorMessages.push(`${url.toString()}: ${publicNetworkError(err)}`);
        else await sleep(opts.isPolitenessOff ? 0 : backoffMs * 2 ** attempt);
      }
    }
    if (body === null) {
      errors += 1;
      continue;
    }
    const $ = parseHtml(body);
    const rows = membersFromPage($, config);
    const next = config.members.nextPageSelector ? firstHref($, config.members.nextPageSelector) : undefined;
    if (next) queue.push(new URL(next, url).toString());
    accounts += rows.length;
    await opts.onAccounts(rows);
  }
  return { pages, accounts, errors, isComplete: errors === 0 && errorMessages.length === 0, errorMessages };
}

export const httpMemberCrawler: MemberCrawler = { crawl };
