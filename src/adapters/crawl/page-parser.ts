/** Reads AdRecord fields from HTML with a site config's selectors (cheerio). */
import type { AnyNode, Cheerio, CheerioAPI } from 'cheerio';

import type { FieldSelector, SiteConfig } from '../../contracts/site-config';

export interface ParsedFields {
  title: string;
  body: string;
  location?: string;
  phoneField?: string;
  age?: number;
  postedAt?: string;
  images: { url: string }[];
}

function valueOf($: CheerioAPI, el: Cheerio<AnyNode>, f: FieldSelector): string {
  if (f.attribute === 'text') {
    const clone = el.clone();
    clone.find('br').replaceWith('\n');
    return clone
      .text()
      .replace(/[ \t]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .trim();
  }
  if (f.attribute === 'html') return (el.html() ?? '').trim();
  return (el.attr(f.attribute) ?? '').trim();
}

function pick(value: string, pattern: string | undefined): string {
  if (!pattern) return value;
  const m = new RegExp(pattern, 'u').exec(value);
  return m ? (m[1] ?? m[0]) : '';
}

/** All values of one field inside `scope`. */
export function readField($: CheerioAPI, scope: Cheerio<AnyNode>, f: FieldSelector): string[] {
  const found = scope.find(f.selector);
  const els = f.isMultiple ? found.toArray() : found.toArray().slice(0, 1);
  return els.map((e) => pick(valueOf($, $(e), f), f.pattern)).filter((v) => v !== '');
}

/** Reads the configured fields from an item (listing) or a whole page (detail). */
export function parseFields($: CheerioAPI, scope: Cheerio<AnyNode>, config: SiteConfig, pageUrl: string): ParsedFields {
  const one = (f: FieldSelector | undefined) => (f ? readField($, scope, f)[0] : undefined);
  const ageText = one(config.fields.age);
  const age = ageText ? Number(/\d{1,3}/.exec(ageText)?.[0]) : undefined;
  const postedText = one(config.fields.postedAt);
  const posted = postedText ? new Date(postedText) : null;
  const images = config.fields.images ? readField($, scope, { ...config.fields.images, isMultiple: true }) : [];
  const location = one(config.fields.location);
  const phoneField = one(config.fields.phoneField);
  return {
    title: one(config.fields.title) ?? '',
    body: one(config.fields.body) ?? '',
    ...(location ? { location } : {}),
    ...(phoneField ? { phoneField } : {}),
    ...(age !== undefined && Number.isInteger(age) && age <= 130 ? { age } : {}),
    ...(posted && !Number.isNaN(posted.getTime()) ? { postedAt: posted.toISOString() } : {}),
    images: images.map((src) => ({ url: new URL(src, pageUrl).toString() })),
  };
}

/** The site's id of an ad from its URL, per the config's externalIdPattern; null when it does not match. */
export function externalIdOf(config: SiteConfig, url: string): string | null {
  const m = new RegExp(config.externalIdPattern).exec(new URL(url).pathname + new URL(url).search);
  return m?.[1] ?? null;
}

/**
 * The AdRecords a stored page shows, read the way a crawl reads it: an ad page (its URL
 * matches externalIdPattern) gives one record; a listing page gives one per item when the
 * site's fields are on the listing. Used to import WARC captures.
 */
/** The ads a listing page links to: each item's ad URL, the site's id for it, and the item element. */
export function listingItems(
  $: CheerioAPI,
  config: SiteConfig,
  pageUrl: string,
): { adUrl: string; externalId: string; item: Cheerio<AnyNode> }[] {
  const out: { adUrl: string; externalId: string; item: Cheerio<AnyNode> }[] = [];
  for (const el of $(config.listing.itemSelector).toArray()) {
    const item = $(el);
    const href = item.find(config.listing.adLinkSelector).attr('href');
    if (!href) continue;
    const adUrl = new URL(href, pageUrl).toString();
    const externalId = externalIdOf(config, adUrl);
    if (externalId) out.push({ adUrl, externalId, item });
  }
  return out;
}

export type PageRecord = { source: string; externalId: string; url: string; observedAt: string } & ParsedFields;

export function recordsFromPage($: CheerioAPI, config: SiteConfig, url: string, observedAt: string): PageRecord[] {
  const own = externalIdOf(config, url);
  if (own) return [{ source: config.source, externalId: own, url, observedAt, ...parseFields($, $.root(), config, url) }];
  if (config.fieldsFrom !== 'listing') return [];
  return listingItems($, config, url).map(({ adUrl, externalId, item }) => ({
    source: config.source,
    externalId,
    url: adUrl,
    observedAt,
    ...parseFields($, item, config, adUrl),
  }));
}
