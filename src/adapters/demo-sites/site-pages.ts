/**
 * HTML of the three demo sites. Each has its own layout, so the crawler's declarative
 * configs (sites/*.site.yaml) are exercised for real: an escort-style portal with
 * structured fields and pagination, a classifieds site with free text and one detail
 * page per ad, and a sugar-dating site with profiles. Every page carries a DEMO label.
 */
import { escapeXml } from '../../core/shared/xml';
import type { SiteAd } from './demo-market';

/** Escapes text for the pages' HTML (the one XML escape, core/shared/xml.ts). */
export const esc = escapeXml;

/** Text with line breaks kept as <br>. */
function lines(text: string): string {
  return esc(text).replace(/\n/g, '<br>\n');
}

function page(title: string, siteClass: string, date: string, main: string): string {
  return `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><title>${esc(title)} – DEMO</title>
<meta name="robots" content="noindex">
<style>.demo-banner{background:#b00020;color:#fff;padding:6px 12px;font:bold 14px sans-serif}</style></head>
<body class="${siteClass}">
<div class="demo-banner" role="note">DEMO – fiktiva annonser i Fyrens testmiljö. Inget här är verkligt. Simulerat datum: <span class="demo-date">${esc(date)}</span></div>
${main}
</body>
</html>`;
}

function imgs(ad: SiteAd, cls: string): string {
  return ad.content.imageIds.map((id) => `<img class="${cls}" src="/img/${esc(id)}.jpg" alt="Fiktiv bild" width="180">`).join('\n');
}

/** Pagination data for a listing page. */
export interface Paging {
  page: number;
  pageCount: number;
}

/** The portal's listing: full cards with structured fields, 20 per page. */
export function portalListing(ads: readonly SiteAd[], paging: Paging, date: string): string {
  const cards = ads
    .map(
      (ad) => `<article class="ad-card" data-id="${esc(ad.externalId)}">
<h2 class="ad-title"><a href="/annons/${esc(ad.externalId)}">${esc(ad.content.title)}</a></h2>
<dl class="ad-fields">
<dt>Ålder</dt><dd class="field-age">${ad.content.age ?? ''}</dd>
<dt>Stad</dt><dd class="field-city">${esc(ad.content.location ?? '')}</dd>
<dt>Telefon</dt><dd class="field-phone">${lines(ad.content.phoneField ?? '')}</dd>
</dl>
<p class="ad-body">${lines(ad.content.body)}</p>
<div class="ad-images">${imgs(ad, 'ad-image')}</div>
<time class="ad-posted" datetime="${esc(ad.content.postedAt)}">${esc(ad.content.postedAt.slice(0, 10))}</time>
</article>`,
    )
    .join('\n');
  const nav = `<nav class="pagination">${paging.page > 1 ? `<a class="prev" rel="prev" href="/annonser?sida=${paging.page - 1}">Föregående</a>` : ''} <span class="page-no">Sida ${paging.page} av ${paging.pageCount}</span> ${paging.page < paging.pageCount ? `<a class="next" rel="next" href="/annonser?sida=${paging.page + 1}">Nästa</a>` : ''}</nav>`;
  return page(
    'Annonsportalen',
    'site-portal',
    date,
    `<header><h1>Annonsportalen</h1></header>\n<main class="ad-list">\n${cards}\n</main>\n${nav}`,
  );
}

/** The portal's page for one ad. */
export function portalDetail(ad: SiteAd, date: string): string {
  return page(
    ad.content.title,
    'site-portal',
    date,
    `<main><article class="ad-detail" data-id="${esc(ad.externalId)}">
<h1 class="ad-title">${esc(ad.content.title)}</h1>
<dl class="ad-fields">
<dt>Ålder</dt><dd class="field-age">${ad.content.age ?? ''}</dd>
<dt>Stad</dt><dd class="field-city">${esc(ad.content.location ?? '')}</dd>
<dt>Telefon</dt><dd class="field-phone">${lines(ad.content.phoneField ?? '')}</dd>
</dl>
<div class="ad-body">${lines(ad.content.body)}</div>
<div class="ad-images">${imgs(ad, 'ad-image')}</div>
<time class="ad-posted" datetime="${esc(ad.content.postedAt)}">${esc(ad.content.postedAt.slice(0, 10))}</time>
</article></main>`,
  );
}

/** The classifieds listing: titles and links only, 15 per page. */
export function classifiedsListing(ads: readonly SiteAd[], paging: Paging, date: string): string {
  const items = ads
    .map(
      (ad) =>
        `<li class="listing"><a class="listing-link" href="/ad/${esc(ad.externalId)}">${esc(ad.content.title)}</a> <span class="listing-date">${esc(ad.content.postedAt.slice(0, 10))}</span></li>`,
    )
    .join('\n');
  const next = paging.page < paging.pageCount ? `<a class="pager-next" href="/?p=${paging.page + 1}">Nästa sida »</a>` : '';
  return page(
    'Torget',
    'site-classifieds',
    date,
    `<div id="top"><b>Torget</b> – köp, sälj, träffa</div>\n<table><tr><td><ul class="listings">\n${items}\n</ul></td></tr></table>\n<div class="pager">Sida ${paging.page}/${paging.pageCount} ${next}</div>`,
  );
}

/** The classifieds page for one ad: everything is free text. */
export function classifiedsDetail(ad: SiteAd, date: string): string {
  return page(
    ad.content.title,
    'site-classifieds',
    date,
    `<div id="top"><b>Torget</b></div>
<div class="ad" id="ad-${esc(ad.externalId)}">
<h1 class="ad-heading">${esc(ad.content.title)}</h1>
<span class="date">${esc(ad.content.postedAt.replace('T', ' ').slice(0, 16))}</span>
<div class="ad-text">${lines(ad.content.body)}</div>
<div class="gallery">${imgs(ad, 'gallery-img')}</div>
</div>`,
  );
}

/** The sugar-dating site's profile grid, 12 per page. */
export function sugarListing(ads: readonly SiteAd[], paging: Paging, date: string): string {
  const cards = ads
    .map(
      (ad) => `<div class="profile-card"><a class="profile-link" href="/profile/${esc(ad.externalId)}">
<img class="profile-thumb" src="/img/${esc(ad.content.imageIds[0] ?? '')}.jpg" alt="Fiktiv bild" width="120">
<span class="card-name">${esc(ad.content.title)}</span></a>
<span class="card-meta">${ad.content.age ?? ''} · ${esc(ad.content.location ?? '')}</span></div>`,
    )
    .join('\n');
  const next = paging.page < paging.pageCount ? `<a class="load-more" href="/profiles?page=${paging.page + 1}">Visa fler</a>` : '';
  return page(
    'Sockerdejt',
    'site-sugar',
    date,
    `<header class="brand">Sockerdejt</header>\n<section class="profile-grid">\n${cards}\n</section>\n${next}`,
  );
}

/** One sugar-dating profile. */
export function sugarProfile(ad: SiteAd, date: string): string {
  return page(
    ad.content.title,
    'site-sugar',
    date,
    `<header class="brand">Sockerdejt</header>
<section class="profile" data-profile="${esc(ad.externalId)}">
<h1 class="profile-name">${esc(ad.content.title)}</h1>
<p><span class="profile-age">${ad.content.age ?? ''}</span> år · <span class="profile-city">${esc(ad.content.location ?? '')}</span></p>
<div class="profile-about">${lines(ad.content.body)}</div>
<div class="profile-photos">${imgs(ad, 'profile-photo')}</div>
<p>Medlem sedan <time class="member-since" datetime="${esc(ad.content.postedAt)}">${esc(ad.content.postedAt.slice(0, 10))}</time></p>
</section>`,
  );
}

/** The page for a removed or unknown ad (HTTP 404). */
export function notFound(siteClass: string, date: string): string {
  return page('Hittades inte', siteClass, date, '<main><h1 class="not-found">Annonsen finns inte längre</h1></main>');
}
