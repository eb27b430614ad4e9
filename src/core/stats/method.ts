/**
 * The method of a kartläggning (which sites, which days, how ads were de-duplicated) and the
 * plain-language texts of the dashboard and the report: the method description and the summary.
 * A frozen mapping stores the method with its figures; its content hash covers both.
 */
import { INDICATOR_BY_CODE } from '../extract/indicators.lexicon';
import type { Period, PublishedDashboard, PublishedTotals } from './dashboard';

/** Version of the dashboard's definitions (active ad, profile, new, inresta, network). Bump when one changes. */
export const DASHBOARD_DEFINITIONS_VERSION = 'kartlaggning-2026.2';

export interface MethodSite {
  id: string;
  name: string;
  /** escort | classifieds | sugar | … */
  kind: string;
  /** Version of the site's config (a short SHA-256 of its file), null when the config is not on this installation. */
  configVersion: string | null;
  /** Days (YYYY-MM-DD) in the period with at least one observation of an ad on the site. */
  days: string[];
}

export interface MappingMethod {
  definitionsVersion: string;
  sites: MethodSite[];
  /** How ads were de-duplicated: linking parameter and risk-weight versions in the data, extraction lexicon versions. */
  deduplication: { linkParams: string[]; weights: string[]; extraction: string[] };
  /** Counts below this are shown as "<threshold". */
  threshold: number;
}

type Lang = 'sv' | 'en';

const PROFILE_LEVEL: Record<string, { sv: string; en: string }> = {
  SHARED_PHONE: { sv: 'Samma nummer bakom flera namn', en: 'One number behind several names' },
  TEMPLATE_TEXT: { sv: 'Samma mall i flera annonser', en: 'The same template text across ads' },
  STOCK_PHOTO: { sv: 'Återanvända bilder', en: 'Reused photos' },
  NETWORK: { sv: 'Del av ett nätverk', en: 'Part of a network' },
  TOURING: { sv: 'Turnerar mellan orter', en: 'Touring over several towns' },
};

/** The name of an indicator code in the language. */
export function indicatorLabel(code: string, lang: Lang): string {
  return PROFILE_LEVEL[code]?.[lang] ?? INDICATOR_BY_CODE.get(code)?.description[lang] ?? code;
}

const fmtDate = (s: string, lang: Lang): string =>
  new Date(`${s}T00:00:00Z`).toLocaleDateString(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** "1 januari 2026 – 31 mars 2026". */
export function periodText(period: Period, lang: Lang): string {
  return `${fmtDate(period.from, lang)} – ${fmtDate(period.to, lang)}`;
}

const list = (items: string[], lang: Lang): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${lang === 'sv' ? 'och' : 'and'} ${items[items.length - 1]!}`;

/** The method description, as paragraphs. */
export function methodText(method: MappingMethod, lang: Lang): string[] {
  const sites = method.sites.map((s) => {
    const days = s.days.length;
    const version = s.configVersion ? (lang === 'sv' ? `, konfiguration ${s.configVersion}` : `, config ${s.configVersion}`) : '';
    return lang === 'sv'
      ? `${s.name} (${s.kind}${version}; ${days} ${days === 1 ? 'dag' : 'dagar'} med observationer)`
      : `${s.name} (${s.kind}${version}; ${days} ${days === 1 ? 'day' : 'days'} with observations)`;
  });
  const d = method.deduplication;
  const t = method.threshold;
  if (lang === 'sv') {
    return [
      sites.length > 0
        ? `Källor: ${list(sites, 'sv')}. Annonserna hämtades automatiskt från sajterna eller importerades som filer; varje hämtad sida sparas som bevis.`
        : 'Inga annonser observerades i området under perioden.',
      `En annons räknas som aktiv om den sågs minst en gång under perioden. Annonser utan ort som kan knytas till en kommun ingår inte.`,
      `Annonserna slogs ihop till profiler (en person eller kontaktpunkt) över sajter och återpubliceringar med hjälp av telefonnummer, e-post, användarnamn, bilder (perceptuell hash, aldrig ansiktsigenkänning) och nästan identisk text (länkningsparametrar ${list(d.linkParams, 'sv') || '–'}, viktversion ${list(d.weights, 'sv') || '–'}, extraktionslexikon ${list(d.extraction, 'sv') || '–'}). En profil räknas en gång per period, hur många annonser den än har.`,
      `En profil är ny om den sågs första gången under perioden. En profil räknas som inrest om den turnerar (annonser i minst tre kommuner inom 14 dagar) eller om kommunen där den annonserat längst ligger utanför området; annars räknas den som lokal. Sugardejtingkonton är aktiva annonser på sugardejtingsajter. Ett nätverk är minst två profiler som hänger ihop genom delade nummer, mallar eller bilder.`,
      `Indikatorer är tecken som en utbildad person behöver väga samman, aldrig bevis. Andelen visar hur stor del av profilerna som har minst en annons eller ett mönster med indikatorn.`,
      `Små tal: antal under ${t} visas som "<${t}" så att ingen enskild person kan pekas ut. Där en summa och dess delar visas tillsammans (inresta och lokala, kommunerna i ett län) undanhålls också ett annat tal, markerat "..", så att ett litet tal inte kan räknas fram genom subtraktion. Andelar visas inte när täljaren eller nämnaren är undanhållen, och flöden mellan kommuner visas bara från ${t} profiler. En period utan några insamlade data visas som "–".`,
      `Definitionsversion ${method.definitionsVersion}.`,
    ];
  }
  return [
    sites.length > 0
      ? `Sources: ${list(sites, 'en')}. Ads were crawled from the sites or imported as files; every fetched page is kept as evidence.`
      : 'No ads were observed in the area during the period.',
    'An ad counts as active when it was seen at least once in the period. Ads whose place cannot be tied to a kommun are not included.',
    `Ads were de-duplicated into profiles (a person or contact point) across sites and re-postings by phone number, e-mail, handle, photos (perceptual hash, never face recognition) and near-identical text (linking parameters ${list(d.linkParams, 'en') || '–'}, weights ${list(d.weights, 'en') || '–'}, extraction lexicon ${list(d.extraction, 'en') || '–'}). A profile counts once per period, however many ads it has.`,
    'A profile is new when it was first seen during the period. A profile counts as travelling (inrest) when it tours (ads in at least three kommuner within 14 days) or when the kommun where it advertised longest lies outside the area; otherwise it is local. Sugar-dating accounts are active ads on sugar-dating sites. A network is at least two profiles tied together by shared numbers, templates or photos.',
    'Indicators are signs for a trained person to weigh, never proof. The share is the part of the profiles with at least one ad or pattern showing the indicator.',
    `Small counts: counts below ${t} are shown as "<${t}" so that no one can be singled out. Where a total and its parts are shown together (travelling and local, the kommuner of a county), another figure is withheld too, marked "..", so that a small count cannot be got back by subtraction. Shares are withheld when the part or the whole is withheld, and flows between kommuner are shown only from ${t} profiles. A period with no data collected at all is shown as "–".`,
    `Definitions version ${method.definitionsVersion}.`,
  ];
}

const change = (now: PublishedTotals['profiles'], before: PublishedTotals['profiles'], lang: Lang): string => {
  if (now.value === null || before.value === null || before.value === 0) return '';
  const pct = Math.round(((now.value - before.value) / before.value) * 100);
  if (lang === 'sv')
    return pct === 0
      ? ' Det är lika många som samma period förra året.'
      : ` Det är ${Math.abs(pct)} % ${pct > 0 ? 'fler' : 'färre'} än samma period förra året.`;
  return pct === 0
    ? ' That is as many as in the same period last year.'
    : ` That is ${Math.abs(pct)} % ${pct > 0 ? 'more' : 'fewer'} than in the same period last year.`;
};

/** A plain-language summary for politicians, as paragraphs. Uses only published (suppressed) figures. */
export function summaryText(d: PublishedDashboard, lang: Lang): string[] {
  const t = d.totals;
  const top = d.indicators
    .filter((i) => i.share.value !== null)
    .sort((a, b) => (b.share.value ?? 0) - (a.share.value ?? 0))
    .slice(0, 2)
    .map((i) => `${indicatorLabel(i.code, lang).toLocaleLowerCase(lang)} (${i.share.display})`);
  if (lang === 'sv') {
    return [
      `Under perioden ${periodText(d.period, 'sv')} fanns ${t.ads.display} aktiva annonser om sex mot ersättning i ${d.area.name}. Bakom dem fanns ${t.profiles.display} olika personer eller kontaktpunkter (profiler), varav ${t.newProfiles.display} var nya.${change(t.profiles, d.lastYear.totals.profiles, 'sv')}`,
      `${t.inresta.display} av profilerna var inresta och ${t.lokal.display} lokala. ${t.sugarAds.display} konton fanns på sugardejtingsajter, och ${t.networks.display} nätverk var aktiva i området.`,
      top.length > 0
        ? `Vanligast bland tecknen på utnyttjande var ${list(top, 'sv')}. Tecknen är inga bevis, men visar var stöd och uppsökande arbete behövs.`
        : 'För få profiler för att visa andelar med tecken på utnyttjande.',
      'Att sälja sex är inte brottsligt; att köpa är det. Siffrorna beskriver utbudet på nätet och visar att behovet av stöd finns även här.',
    ];
  }
  return [
    `During ${periodText(d.period, 'en')} there were ${t.ads.display} active ads for sex for compensation in ${d.area.name}. Behind them were ${t.profiles.display} different people or contact points (profiles), of whom ${t.newProfiles.display} were new.${change(t.profiles, d.lastYear.totals.profiles, 'en')}`,
    `${t.inresta.display} of the profiles were travelling and ${t.lokal.display} local. ${t.sugarAds.display} accounts were on sugar-dating sites, and ${t.networks.display} networks were active in the area.`,
    top.length > 0
      ? `The most common signs of exploitation were ${list(top, 'en')}. The signs are not proof, but show where support and outreach are needed.`
      : 'Too few profiles to show shares with signs of exploitation.',
    'Selling sex is not a crime; buying it is. The figures describe the supply online and show that support is needed here too.',
  ];
}
