/**
 * HTML of the buyer-side demo sites: the member listing of a fictional contact forum and the
 * member ("sugar daddy") listing of the fictional sugar-dating site. Each listing shows a
 * handle, a place, an age, dates and a free presentation, so a test can prove that Fyren
 * keeps none of the text. Every page carries a DEMO label.
 */
import { esc, type Paging } from './site-pages';

/** One account as a listing shows it. */
export interface ListedMember {
  memberId: string;
  handle: string;
  placeText: string;
  ageText: string;
  profileText: string;
  memberSince: string;
  lastActive: string | null;
}

function page(title: string, siteClass: string, date: string, main: string): string {
  return `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><title>${esc(title)} – DEMO</title>
<meta name="robots" content="noindex"></head>
<body class="${siteClass}">
<div class="demo-banner" role="note">DEMO – fiktiva konton i Fyrens testmiljö. Inget här är verkligt. Simulerat datum: <span class="demo-date">${esc(date)}</span></div>
${main}
</body>
</html>`;
}

/** The forum's member list ("Medlemmar"), 50 a page, newest activity not sorted (by member number). */
export function forumMembers(members: readonly ListedMember[], paging: Paging, date: string): string {
  const items = members
    .map(
      (m) => `<li class="member">
  <a class="member-name" href="/medlem/${esc(m.memberId)}">${esc(m.handle)}</a>
  <span class="member-place">${esc(m.placeText || 'Hemlig ort')}</span>
  <span class="member-age">${esc(m.ageText)}</span>
  Medlem sedan <time class="member-since" datetime="${esc(m.memberSince)}">${esc(m.memberSince)}</time>
  Senast aktiv ${m.lastActive ? `<time class="member-active" datetime="${esc(m.lastActive)}">${esc(m.lastActive)}</time>` : '<span class="member-active">aldrig</span>'}
  <p class="member-bio">${esc(m.profileText)}</p>
</li>`,
    )
    .join('\n');
  const next = paging.page < paging.pageCount ? `<a class="next" href="/medlemmar?sida=${paging.page + 1}">Nästa</a>` : '';
  return page(
    'Kontaktforumet – medlemmar',
    'site-forum',
    date,
    `<h1>Medlemmar</h1>\n<ul class="members">\n${items}\n</ul>\n<nav class="pages">Sida ${paging.page} av ${paging.pageCount} ${next}</nav>`,
  );
}

/** The sugar site's member ("sugar daddy") list, 40 a page. */
export function sugarMembers(members: readonly ListedMember[], paging: Paging, date: string): string {
  const cards = members
    .map(
      (m) => `<div class="member-card" data-id="${esc(m.memberId)}">
  <h3 class="member-handle">${esc(m.handle)}</h3>
  ${m.placeText ? `<span class="member-city">${esc(m.placeText)}</span>` : ''}
  <span class="member-age">${esc(m.ageText)} år</span>
  <time class="member-joined" datetime="${esc(m.memberSince)}T09:00:00Z">Gick med ${esc(m.memberSince)}</time>
  ${m.lastActive ? `<time class="member-seen" datetime="${esc(m.lastActive)}T20:00:00Z">Online ${esc(m.lastActive)}</time>` : ''}
  <p class="member-about">${esc(m.profileText)}</p>
</div>`,
    )
    .join('\n');
  const more = paging.page < paging.pageCount ? `<a class="more" href="/members?page=${paging.page + 1}">Visa fler</a>` : '';
  return page('Sockerdejt – generösa medlemmar', 'site-sugar', date, `<h1>Generösa medlemmar</h1>\n${cards}\n${more}`);
}
