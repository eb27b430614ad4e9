/**
 * E-mail addresses, URLs and handles on messaging and social apps, normalised.
 * Handles are normalised to lower case without "@"; phone-based apps (WhatsApp, Viber,
 * Signal) get the phone number in E.164.
 */
import { getCountries } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import type { Extracted, FieldText, HandleValue } from './types';
import { evidenceOf } from './types';
import { LetterStartScan, LetterStartScans, matchAtWordStarts } from './word-starts';
import { findPhonesInField } from './phones';

// "lisa(at)mail(dot)se", "lisa [at] mail . se", "lisa @ mail.se", "lisa snabel-a mail punkt se".
const AT = String.raw`(?:\s?@\s?|\s?[([{]\s?(?:at|snabel-?a)\s?[)\]}]\s?|\s(?:at|snabel-?a)\s)`;
const DOT = String.raw`(?:\.|\s?[([{]\s?(?:dot|punkt)\s?[)\]}]\s?|\s(?:dot|punkt)\s)`;
/**
 * Top-level domains an address can end in: the country codes (libphonenumber's regions, plus
 * "uk" and "eu") and the generic ones seen in ads. "Insta @mia.holmsund" is no address: its
 * "domain" ends in no real top-level domain.
 */
const GENERIC_TLDS = [
  'com',
  'net',
  'org',
  'info',
  'biz',
  'name',
  'pro',
  'edu',
  'gov',
  'int',
  'app',
  'dev',
  'xyz',
  'online',
  'site',
  'store',
  'shop',
  'club',
  'live',
  'email',
  'mail',
  'tech',
  'cloud',
  'top',
  'vip',
  'fun',
  'blog',
  'page',
  'link',
  'website',
  'space',
  'agency',
  'life',
  'love',
  'sexy',
  'xxx',
  'porn',
  'adult',
  'dating',
  'social',
  'chat',
  'media',
  'world',
  'today',
  'nu',
  'uk',
  'eu',
];
const TLDS = [...new Set([...GENERIC_TLDS, ...getCountries().map((c) => c.toLowerCase())])].sort((a, b) => b.length - a.length);
/** Words that name an app: before "@" they introduce a handle ("Insta @lina.se"), not an address. */
const APP_WORDS = 'instagram|insta|ig|snapchat|snap|sc|telegram|tg|kik|tiktok|onlyfans|of|twitter|x|whatsapp|wa|viber|signal|wechat|line';
const EMAIL_RE = new RegExp(
  String.raw`(?<![\w.+-])(?!(?:${APP_WORDS})\s?@)([a-z0-9](?:[a-z0-9._%+-]{0,62}[a-z0-9])?)${AT}([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:${DOT}[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*)${DOT}(${TLDS.join('|')})(?![\w])`,
  'iuy',
);
const URL_RE =
  /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+|\b[a-z0-9][a-z0-9-]{1,62}\.(?:com|se|net|org|io|me|ly|to|nu|eu|info|biz|co|xyz|link|app|page)\/[^\s<>"')\]]*/iuy;

const MAY_HAVE_EMAIL = /@|[([{]\s?(?:at|snabel)|\s(?:at|snabel-?a)\s/iu;
const MAY_HAVE_URL = /https?:|www\.|[a-z0-9]\.[a-z]{2,4}\//iu;

interface HandleRule {
  platform: string;
  keyword: LetterStartScan;
}

/** Keywords that introduce a handle: "snap: lisa_23", "Telegram @lisa", "kik - lisa98". */
const HANDLE_RULES: readonly HandleRule[] = [
  { platform: 'telegram', keyword: new LetterStartScan(/(?<!\p{L})(?:telegram|tg|telegramm)\b/giu) },
  { platform: 'snapchat', keyword: new LetterStartScan(/(?<!\p{L})(?:snapchat|snap|sc|👻)(?!\p{L})/giu) },
  { platform: 'kik', keyword: new LetterStartScan(/(?<!\p{L})kik\b/giu) },
  { platform: 'instagram', keyword: new LetterStartScan(/(?<!\p{L})(?:instagram|insta|ig)\b/giu) },
  { platform: 'onlyfans', keyword: new LetterStartScan(/(?<!\p{L})(?:onlyfans|only fans|of)\b/giu) },
  { platform: 'twitter', keyword: new LetterStartScan(/(?<!\p{L})(?:twitter|x\.com)\b/giu) },
  { platform: 'tiktok', keyword: new LetterStartScan(/(?<!\p{L})tiktok\b/giu) },
  { platform: 'wechat', keyword: new LetterStartScan(/(?<!\p{L})(?:wechat|weixin)\b/giu) },
  { platform: 'line', keyword: new LetterStartScan(/(?<!\p{L})line id\b/giu) },
];
// After the keyword: a colon or dash, "på", an arrow or a pointing emoji ("Insta 👉 @alva"), or "är" before an "@".
const HANDLE_AFTER =
  /^\s?(?:[:=–-]|på|on|id|(?:är|is)(?=\s?@)|(?:\p{Extended_Pictographic}|[→⇒>])\ufe0f?)?\s?(?:[:=–-]\s?)?(@?)([a-z0-9][a-z0-9._-]{1,29})/iu;

/** Apps reached by phone number. */
const PHONE_APPS: ReadonlyArray<readonly [string, LetterStartScan]> = [
  ['whatsapp', new LetterStartScan(/(?<!\p{L})(?:whatsapp|whats app|watsapp|whatsap|wapp|wa)(?!\p{L})/giu)],
  ['viber', new LetterStartScan(/(?<!\p{L})viber\b/giu)],
  ['signal', new LetterStartScan(/(?<!\p{L})signal\b/giu)],
];

/** The keywords of {@link HANDLE_RULES}, then the app names of {@link PHONE_APPS}, read in one pass. */
const KEYWORD_SCANS = new LetterStartScans([...HANDLE_RULES.map((r) => r.keyword), ...PHONE_APPS.map(([, scan]) => scan)]);

/** Links that carry a handle. */
const LINK_HANDLES: ReadonlyArray<readonly [string, RegExp]> = [
  ['telegram', /(?:https?:\/\/)?(?:t\.me|telegram\.me)\/@?([a-z0-9_]{3,32})/giu],
  ['instagram', /(?:https?:\/\/)?(?:www\.)?instagram\.com\/([a-z0-9_.]{2,30})/giu],
  ['onlyfans', /(?:https?:\/\/)?(?:www\.)?onlyfans\.com\/([a-z0-9_.-]{2,30})/giu],
  ['snapchat', /(?:https?:\/\/)?(?:www\.)?snapchat\.com\/add\/([a-z0-9_.-]{2,30})/giu],
  ['tiktok', /(?:https?:\/\/)?(?:www\.)?tiktok\.com\/@([a-z0-9_.]{2,30})/giu],
  ['whatsapp', /(?:https?:\/\/)?wa\.me\/\+?(\d{8,15})/giu],
];

/** Words that follow an app name but are not a handle ("finns på snap", "snap me"). */
const NOT_HANDLES = new Set([
  'och',
  'eller',
  'me',
  'mig',
  'finns',
  'också',
  'also',
  'only',
  'bara',
  'endast',
  'ok',
  'funkar',
  'works',
  'for',
  'för',
  'the',
  'and',
  'or',
  'is',
  'är',
  'med',
  'with',
  'nummer',
  'number',
  'nr',
  'samma',
  'same',
  'ring',
  'sms',
  'call',
  'text',
  'my',
  'min',
  'mitt',
  'hör',
  'skriv',
  'write',
  'add',
  'lägg',
  'följ',
  'follow',
  'här',
  'here',
  'link',
  'länk',
  'in',
  'i',
  'to',
  'till',
  'a',
  'an',
  'en',
  'ett',
  'så',
  'via',
  'account',
  'konto',
  'profil',
  'profile',
  'chat',
  'chatt',
]);

/** Finds e-mail addresses, normalised to lower case with "(at)" and "(dot)" undone. */
export function findEmails(f: FieldText): Extracted<string>[] {
  const out: Extracted<string>[] = [];
  // Most ads have no e-mail address: one quick test before the full pattern.
  if (!MAY_HAVE_EMAIL.test(f.text)) return out;
  matchAtWordStarts(EMAIL_RE, f, (m) => {
    const local = (m[1] ?? '').toLowerCase();
    const domain = (m[2] ?? '').toLowerCase().replace(new RegExp(DOT, 'giu'), '.');
    const tld = (m[3] ?? '').toLowerCase();
    const plain = m[0].includes('@') && !/\s/.test(m[0]);
    out.push({
      value: `${local}@${domain}.${tld}`,
      confidence: plain ? 0.97 : 0.85,
      evidence: evidenceOf(f, m.index, m.index + m[0].length),
    });
  });
  return out;
}

/** Finds URLs (with a scheme, "www.", or a known top-level domain and a path). */
export function findUrls(f: FieldText): Extracted<string>[] {
  const out: Extracted<string>[] = [];
  if (!MAY_HAVE_URL.test(f.text)) return out;
  matchAtWordStarts(URL_RE, f, (m) => {
    const raw = m[0].replace(/[.,;:!?]+$/u, '');
    const value = (/^https?:\/\//iu.test(raw) ? raw : `https://${raw}`).replace(/^(https?:\/\/[^/]+)/iu, (h) => h.toLowerCase());
    out.push({ value, confidence: 0.95, evidence: evidenceOf(f, m.index, m.index + raw.length) });
  });
  return out;
}

const LINK_DOMAIN_END = /\.(?:me|com)\//iu;

/** Finds handles on messaging and social apps. */
export function findHandles(f: FieldText, region: CountryCode): Extracted<HandleValue>[] {
  const out: Extracted<HandleValue>[] = [];
  const text = f.text;
  // Every link above has ".me/" or ".com/": one quick test instead of six patterns in most ads.
  const hasLink = LINK_DOMAIN_END.test(text);
  for (const [platform, re] of hasLink ? LINK_HANDLES : []) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const h = (m[1] ?? '').toLowerCase();
      const handle = platform === 'whatsapp' ? `+${h}` : h;
      out.push({ value: { platform, handle }, confidence: 0.95, evidence: evidenceOf(f, m.index, m.index + m[0].length) });
    }
  }
  KEYWORD_SCANS.forEachMatch(f, (k, m) => {
    const rule = HANDLE_RULES[k];
    if (rule !== undefined) handleAfterKeyword(f, rule.platform, m, out);
    else phoneAfterAppName(f, PHONE_APPS[k - HANDLE_RULES.length]?.[0] ?? '', m, region, out);
  });
  return out;
}

/** A handle after an app keyword ("snap: lisa_23"), if there is one. */
function handleAfterKeyword(f: FieldText, platform: string, m: RegExpExecArray, out: Extracted<HandleValue>[]): void {
  const text = f.text;
  const after = text.slice(m.index + m[0].length, m.index + m[0].length + 48);
  if (after.startsWith('.com') || after.startsWith('.me')) return;
  // "OnlyFans: onlyfans.com/anna": the link rule reads it.
  if (/^\s?[:=–-]?\s?@?[a-z0-9.-]+\.[a-z]{2,6}\//iu.test(after)) return;
  const h = HANDLE_AFTER.exec(after);
  if (h === null) return;
  const name = (h[2] ?? '').replace(/[._-]+$/u, '');
  const lower = name.toLowerCase();
  const hasMarker = (h[1] ?? '') === '@' || /^\s?[:=–-]/u.test(after);
  if (NOT_HANDLES.has(lower) || name.length < 2) return;
  if (!hasMarker && !/[\d_.]/u.test(name)) return;
  // A short keyword ("of", "sc", "ig") needs a marker: "of course" is not OnlyFans.
  if (m[0].length <= 2 && !hasMarker) return;
  if (/^\d+$/u.test(name)) return;
  const end = m.index + m[0].length + (h.index ?? 0) + h[0].length - ((h[2] ?? '').length - name.length);
  out.push({
    value: { platform, handle: lower },
    confidence: hasMarker ? 0.9 : 0.75,
    evidence: evidenceOf(f, m.index, end),
  });
}

/** The phone number right after an app name ("WhatsApp 070 123 45 67"), if there is one. */
function phoneAfterAppName(f: FieldText, platform: string, m: RegExpExecArray, region: CountryCode, out: Extracted<HandleValue>[]): void {
  const from = m.index + m[0].length;
  const window = f.text.slice(from, from + 40);
  const phones = findPhonesInField({ field: f.field, text: window }, region);
  const first = phones[0];
  // Only a number that follows the app name closely belongs to it.
  if (first === undefined || first.evidence.start > 12) return;
  out.push({
    value: { platform, handle: first.value.e164 },
    confidence: 0.9,
    evidence: evidenceOf(f, m.index, from + first.evidence.end),
  });
}
