/**
 * The page parser's compiled selectors and text walk give what cheerio's own `.find()`,
 * `.clone()`/`.text()` and `.attr()` gave (the parser before it was made fast), for plain,
 * relative, grouped and cheerio-only selectors, on documents parsed by parse5 (import) and
 * by htmlparser2 (crawl), scoped to a listing item, to `<html>` and to the whole document.
 */
import { load, type AnyNode, type Cheerio, type CheerioAPI } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { decodePage, externalIdOf, firstHref, listingItems, parseFields, readField } from '../src/adapters/crawl/page-parser';
import { parseSiteConfig } from '../src/adapters/crawl/site-config.loader';
import type { FieldSelector } from '../src/contracts/site-config';

/** The reference: how the parser read a field with cheerio before. */
function cheerioReadField($: CheerioAPI, scope: Cheerio<AnyNode>, f: FieldSelector): string[] {
  const found = scope.find(f.selector);
  const els = f.isMultiple ? found.toArray() : found.toArray().slice(0, 1);
  return els
    .map((e) => {
      const el = $(e);
      let v: string;
      if (f.attribute === 'text') {
        const clone = el.clone();
        clone.find('br').replaceWith('\n');
        v = clone
          .text()
          .replace(/[ \t]+/g, ' ')
          .replace(/ *\n */g, '\n')
          .trim();
      } else if (f.attribute === 'html') v = (el.html() ?? '').trim();
      else v = (el.attr(f.attribute) ?? '').trim();
      if (!f.pattern) return v;
      const m = new RegExp(f.pattern, 'u').exec(v);
      return m ? (m[1] ?? m[0]) : '';
    })
    .filter((v) => v !== '');
}

const html = `<!doctype html><html><head><title>T</title><script>var x = "<b>";</script></head>
<body class="page">
<section class="list">
  <article class="card" id="a1"><h2 class="t"><a href="/ad/1">Första <b>annonsen</b></a></h2>
    <p class="body">Hej<br>ring   070-1 <!-- dold --> <span>22</span><br/>
    33 </p><input type="checkbox" checked><img src="/i/1.jpg"><img src="/i/2.jpg">
    <div class="meta"><span class="age">Ålder: 23 år</span><time datetime="2026-03-01T10:00:00Z">1 mars</time></div>
    <article class="card inner"><h2 class="t"><a href="/ad/9">Inuti</a></h2></article>
  </article>
  <article class="card" id="a2"><h2 class="t"><a href="/ad/2">Andra</a></h2><p class="body">Bara text</p>
    <div class="meta"><span class="age">19</span></div></article>
  <article class="card" id="a3"><h2 class="t">Ingen länk</h2></article>
</section>
<nav><a class="prev" href="/?p=0">Förra</a><a class="next" href="/?p=2">Nästa</a></nav>
<h1>Rubrik</h1>
</body></html>`;

const selectors = [
  'h2.t a',
  'a',
  '> h2 a',
  'article h2 a', // cheerio: ancestors inside the item (or the item itself) only
  'article.card a',
  'section article a',
  'h2 a, p.body',
  'p.body',
  'img',
  'span:not(.age)',
  'div:has(> time)',
  'a:first', // cheerio-only positional: falls back to cheerio
  'a:eq(1)',
  '~ article h2',
  'time',
  'input',
  'H1',
  'title',
  'script',
  'nav a.next',
  '.nothing',
];

describe('page parser', () => {
  for (const parser of ['parse5', 'htmlparser2'] as const) {
    const $ = parser === 'parse5' ? load(html) : load(html, { xml: { xmlMode: false, decodeEntities: true } });
    const scopes: [string, Cheerio<AnyNode>][] = [
      ['document', $.root()],
      ['html', $('html')],
      ['item', $('#a1')],
      ['item 2', $('#a2')],
      ['nested item', $('article.inner')],
    ];
    it(`reads every selector as cheerio does (${parser})`, () => {
      let nonEmpty = 0;
      for (const [scopeName, scope] of scopes)
        for (const selector of selectors)
          for (const attribute of ['text', 'href', 'src', 'html', 'checked', 'datetime'])
            for (const isMultiple of [false, true]) {
              const f: FieldSelector = { selector, attribute, isMultiple };
              const want = cheerioReadField($, scope, f);
              expect(readField($, scope, f), `${scopeName} ${selector} ${attribute} ${isMultiple}`).toEqual(want);
              if (want.length) nonEmpty++;
            }
      expect(nonEmpty).toBeGreaterThan(200);
    });
  }

  it('keeps line breaks from <br>, drops comments and applies the pattern', () => {
    const $ = load(html);
    expect(readField($, $('#a1'), { selector: 'p.body', attribute: 'text', isMultiple: false })).toEqual(['Hej\nring 070-1 22\n\n33']);
    expect(readField($, $('#a1'), { selector: 'span.age', attribute: 'text', isMultiple: false, pattern: '([0-9]+)' })).toEqual(['23']);
    expect(readField($, $('#a1'), { selector: 'input', attribute: 'checked', isMultiple: false })).toEqual(['checked']);
  });

  it('reads listing items, fields, ids and the next page as before', () => {
    const config = parseSiteConfig(
      `
source: t
name: T
kind: classifieds
baseUrl: http://127.0.0.1:1
# A test site on this machine: allow-listed, as an administrator would (the guard refuses loopback otherwise).
allowedInternalHosts: [127.0.0.1]
startUrls: [/]
listing: { itemSelector: section > article.card, adLinkSelector: h2.t a, nextPageSelector: nav a.next }
fieldsFrom: listing
externalIdPattern: /ad/([0-9]+)$
fields:
  title: { selector: h2.t a }
  body: { selector: p.body }
  age: { selector: span.age }
  images: { selector: img, attribute: src, isMultiple: true }
  postedAt: { selector: time, attribute: datetime }
politeness: { delayMs: 0, concurrency: 1, userAgent: T }
`,
      't.site.yaml',
    );
    const $ = load(html, { xml: { xmlMode: false, decodeEntities: true } });
    const items = listingItems($, config, 'http://127.0.0.1:1/?p=1');
    expect(items.map((i) => [i.adUrl, i.externalId])).toEqual([
      ['http://127.0.0.1:1/ad/1', '1'],
      ['http://127.0.0.1:1/ad/2', '2'],
    ]);
    expect(parseFields($, items[0]!.item, config, items[0]!.adUrl)).toEqual({
      title: 'Första annonsen',
      body: 'Hej\nring 070-1 22\n\n33',
      age: 23,
      postedAt: '2026-03-01T10:00:00.000Z',
      images: [{ url: 'http://127.0.0.1:1/i/1.jpg' }, { url: 'http://127.0.0.1:1/i/2.jpg' }],
    });
    expect(parseFields($, items[1]!.item, config, items[1]!.adUrl)).toEqual({ title: 'Andra', body: 'Bara text', age: 19, images: [] });
    expect(firstHref($, 'nav a.next')).toBe('/?p=2');
    expect(firstHref($, 'nav a.none')).toBeUndefined();
    expect(externalIdOf(config, 'http://x/ad/77')).toBe('77');
    expect(externalIdOf(config, 'http://x/ad/77?x=1')).toBeNull();
  });

  it('decodes a page body per the charset its Content-Type names', () => {
    expect(decodePage(Buffer.from('Malmö, Göteborg', 'latin1'), 'text/html; charset=ISO-8859-1')).toBe('Malmö, Göteborg');
    expect(decodePage(Buffer.from('Malmö', 'latin1'), 'text/html;charset="windows-1252"')).toBe('Malmö');
    expect(decodePage(Buffer.from('Malmö'), 'text/html')).toBe('Malmö');
    expect(decodePage(Buffer.from('Malmö'), undefined)).toBe('Malmö');
    expect(decodePage(Buffer.from('Malmö'), 'text/html; charset=no-such-charset')).toBe('Malmö');
  });
});
