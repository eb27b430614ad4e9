/**
 * Reads AdRecord fields from HTML with a site config's selectors (cheerio documents).
 *
 * Selectors are compiled once per selector (css-select) instead of on every lookup, and text
 * is read by walking the element instead of cloning it: a listing page of 20 ads asks about
 * 150 lookups. The results are those of cheerio's `.find()`, `.text()` and `.attr()`
 * (test/page-parser.test.ts compares them); selectors css-select does not know (cheerio's
 * positional `:first`, `:eq()` …) and sibling-first selectors go through cheerio itself.
 */
import type { AnyNode, Cheerio, CheerioAPI, Element } from 'cheerio';
import { load } from 'cheerio';
import { compile, selectAll, selectOne } from 'css-select';

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

/**
 * Parses a page the way the crawler reads it: htmlparser2 in HTML mode (lenient, like
 * crawlee's CheerioCrawler that read pages before), for crawls, WARC imports and
 * `fyren sites test` alike.
 */
export function parseHtml(html: string): CheerioAPI {
  return load(html, { xml: { xmlMode: false, decodeEntities: true } });
}

/** The text of a page body per the charset its Content-Type names (UTF-8 when none or unknown). */
export function decodePage(body: Uint8Array, contentType: string | undefined): string {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body); // a charset label TextDecoder does not know
  }
}

const isElement = (n: AnyNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';

/**
 * A selector compiled for one kind of scope. cheerio evaluates `scope.find(sel)` relative to
 * the scope (`:scope sel`) when the scope is an element inside another element, and against
 * the whole tree otherwise (the document, or `<html>`); the scope itself is the one-element
 * context array, filled in before each lookup the way css-select's own `:has()` does it.
 * Result caching is off because the answer depends on the scope.
 */
interface Compiled {
  context: AnyNode[];
  query: ReturnType<typeof compile<AnyNode, Element>>;
}
const compiled = new Map<string, Compiled | null>();
const SIBLING_FIRST = /^\s*[~+]/;
let nestedPlaceholder: AnyNode | undefined;
let topPlaceholder: AnyNode | undefined;

function compiledFor(selector: string, isNested: boolean): Compiled | null {
  const key = `${isNested ? 'n' : 't'}${selector}`;
  const hit = compiled.get(key);
  if (hit !== undefined) return hit;
  let entry: Compiled | null = null;
  if (!SIBLING_FIRST.test(selector)) {
    // The placeholder only decides, at compile time, which of cheerio's two readings applies.
    const $ = nestedPlaceholder ? null : load('<div><p></p></div>');
    nestedPlaceholder ??= $!('p')[0]!;
    topPlaceholder ??= $!.root()[0]!;
    const context = [isNested ? nestedPlaceholder : topPlaceholder];
    try {
      entry = { context, query: compile<AnyNode, Element>(selector, { xmlMode: false, context, cacheResults: false }) };
    } catch {
      entry = null; // not plain CSS (cheerio's positional pseudos): cheerio handles it, or throws as before
    }
  }
  compiled.set(key, entry);
  return entry;
}

function isNestedScope(node: AnyNode): boolean {
  return isElement(node) && node.parent !== null && isElement(node.parent);
}

/** The elements under `scope` that `selector` matches, in document order (as `scope.find(selector)`). */
function findAll($: CheerioAPI, scope: Cheerio<AnyNode>, selector: string): Element[] {
  const node = scope.length === 1 ? scope[0]! : null;
  const c = node ? compiledFor(selector, isNestedScope(node)) : null;
  if (!node || !c) return scope.find(selector).toArray().filter(isElement);
  c.context[0] = node;
  return selectAll<AnyNode, Element>(c.query, node);
}

/** The first element under `scope` that `selector` matches (as `scope.find(selector).first()`). */
function findFirst($: CheerioAPI, scope: Cheerio<AnyNode>, selector: string): Element | null {
  const node = scope.length === 1 ? scope[0]! : null;
  const c = node ? compiledFor(selector, isNestedScope(node)) : null;
  if (!node || !c) return scope.find(selector).toArray().find(isElement) ?? null;
  c.context[0] = node;
  return selectOne<AnyNode, Element>(c.query, node);
}

/** cheerio's `.text()` of a copy of `el` whose `<br>` elements became line breaks. */
function textWithBreaks(el: Element): string {
  let out = '';
  const walk = (node: AnyNode) => {
    if (!('children' in node)) return;
    for (const child of node.children) {
      if (child.type === 'text') out += child.data;
      else if (isElement(child) && child.name === 'br') out += '\n';
      else if (child.type !== 'comment') walk(child);
    }
  };
  walk(el);
  return out;
}

// cheerio's attr() gives the name itself for these boolean attributes in HTML.
const BOOLEAN_ATTRIBUTE =
  /^(?:autofocus|autoplay|async|checked|controls|defer|disabled|hidden|loop|multiple|open|readonly|required|scoped|selected)$/i;

function attrOf($: CheerioAPI, el: Element, name: string): string | undefined {
  if (name !== '' && Object.hasOwn(el.attribs, name) && !BOOLEAN_ATTRIBUTE.test(name)) return el.attribs[name];
  return $(el).attr(name);
}

function valueOf($: CheerioAPI, el: Element, f: FieldSelector): string {
  if (f.attribute === 'text') {
    return textWithBreaks(el)
      .replace(/[ \t]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .trim();
  }
  if (f.attribute === 'html') return ($(el).html() ?? '').trim();
  return (attrOf($, el, f.attribute) ?? '').trim();
}

const regexps = new Map<string, RegExp>();
function regexp(pattern: string, flags: string): RegExp {
  const key = `${flags}/${pattern}`;
  let re = regexps.get(key);
  if (!re) regexps.set(key, (re = new RegExp(pattern, flags)));
  return re;
}

function pick(value: string, pattern: string | undefined): string {
  if (!pattern) return value;
  const m = regexp(pattern, 'u').exec(value);
  return m ? (m[1] ?? m[0]) : '';
}

/** All values of one field inside `scope`. */
export function readField($: CheerioAPI, scope: Cheerio<AnyNode>, f: FieldSelector): string[] {
  const els = f.isMultiple ? findAll($, scope, f.selector) : [findFirst($, scope, f.selector)].filter((e) => e !== null);
  return els.map((e) => pick(valueOf($, e, f), f.pattern)).filter((v) => v !== '');
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
  const u = new URL(url);
  const m = regexp(config.externalIdPattern, '').exec(u.pathname + u.search);
  return m?.[1] ?? null;
}

/** The `href` of the first element `selector` matches in the page (the next listing page), if any. */
export function firstHref($: CheerioAPI, selector: string): string | undefined {
  const el = findFirst($, $.root(), selector);
  return el ? attrOf($, el, 'href') : undefined;
}

/** The ads a listing page links to: each item's ad URL, the site's id for it, and the item element. */
export function listingItems(
  $: CheerioAPI,
  config: SiteConfig,
  pageUrl: string,
): { adUrl: string; externalId: string; item: Cheerio<AnyNode> }[] {
  const out: { adUrl: string; externalId: string; item: Cheerio<AnyNode> }[] = [];
  for (const el of findAll($, $.root(), config.listing.itemSelector)) {
    const item = $(el);
    const link = findFirst($, item, config.listing.adLinkSelector);
    const href = link ? attrOf($, link, 'href') : undefined;
    if (!href) continue;
    const adUrl = new URL(href, pageUrl).toString();
    const externalId = externalIdOf(config, adUrl);
    if (externalId) out.push({ adUrl, externalId, item });
  }
  return out;
}

export type PageRecord = { source: string; externalId: string; url: string; observedAt: string } & ParsedFields;

/**
 * The AdRecords a stored page shows, read the way a crawl reads it: an ad page (its URL
 * matches externalIdPattern) gives one record; a listing page gives one per item when the
 * site's fields are on the listing. Used to import WARC captures.
 */
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
