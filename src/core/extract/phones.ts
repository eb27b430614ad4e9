/**
 * Phone numbers in ad text, normalised to E.164 and checked with libphonenumber-js `isValid()`.
 *
 * The scanner reads each field once and turns it into "atoms": runs of ASCII digits, styled
 * digits (full-width, keycap emoji, mathematical digits), number words (Swedish and English)
 * and look-alike letters (O, o → 0; I, l → 1). Atoms separated only by a few separator
 * characters form a run. Within a run, candidates start where a phone number can start
 * (a trunk 0, "+", "00", or the region's calling code) and the longest valid number wins.
 *
 * Spans that are known not to be phone numbers (prices, ages, heights and weights, dates,
 * times and opening hours, postal codes, street numbers, ad and room numbers, 24/7, body
 * measurements) are masked before scanning, so their digits can never join a run.
 */
import { parsePhoneNumberFromString, getCountryCallingCode, isSupportedCountry } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import type { Extracted, FieldText, PhoneValue } from './types';
import { evidenceOf } from './types';

type AtomKind = 'digit' | 'styled' | 'word' | 'lookalike';

interface Atom {
  digits: string;
  start: number;
  end: number;
  kind: AtomKind;
  /** Index of a "+" written just before this atom, or -1. */
  plusAt: number;
  /** The separator characters between the previous atom of the run and this one. */
  gapBefore: string;
}

/** Swedish and English number words (lower case) and their digit. */
const NUMBER_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['noll', '0'],
  ['nolla', '0'],
  ['zero', '0'],
  ['oh', '0'],
  ['ett', '1'],
  ['etta', '1'],
  ['one', '1'],
  ['två', '2'],
  ['tva', '2'],
  ['tvåa', '2'],
  ['two', '2'],
  ['tre', '3'],
  ['trea', '3'],
  ['three', '3'],
  ['fyra', '4'],
  ['fyra', '4'],
  ['four', '4'],
  ['fem', '5'],
  ['femma', '5'],
  ['five', '5'],
  ['sex', '6'],
  ['sexa', '6'],
  ['six', '6'],
  ['sju', '7'],
  ['sjua', '7'],
  ['seven', '7'],
  ['åtta', '8'],
  ['atta', '8'],
  ['åtta', '8'],
  ['eight', '8'],
  ['nio', '9'],
  ['nia', '9'],
  ['nine', '9'],
];
// Longest first, so "nolla" wins over "noll" and "tvåa" over "två".
const WORDS_BY_LENGTH = [...new Map(NUMBER_WORDS).entries()].sort((a, b) => b[0].length - a[0].length);

/** Look-alike letters, case-sensitive as in the issue: O and o for 0, I and l for 1. */
const LOOKALIKE: Readonly<Record<string, string>> = { O: '0', o: '0', I: '1', l: '1' };

/** Characters that may sit between the digits of one number. */
const SEPARATORS = new Set([
  ' ',
  '\t',
  '\n',
  '\r',
  '\u00a0',
  '\u2009',
  '\u202f',
  '.',
  '-',
  '\u2010',
  '\u2011',
  '\u2012',
  '\u2013',
  '\u2014',
  '*',
  '/',
  '\\',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '_',
  '·',
  '•',
  '|',
  '~',
  "'",
  '"',
  '+',
  '\u00b7',
  '\ufe0f',
  ',',
  '=',
  '\u2026',
]);
/** {@link SEPARATORS} as a table of UTF-16 codes (all separators are single units). */
const SEPARATOR_CODES = new Uint8Array(0x10000);
for (const sep of SEPARATORS) SEPARATOR_CODES[sep.charCodeAt(0)] = 1;
const PLAIN_SEPARATORS = new Set([' ', '-', '\u2013', '(', ')', '+', '\u00a0', '\n', '\r', '\t']);
/**
 * Between two atoms of one run: at most MAX_GAP punctuation marks, a run of one mark counting
 * once ("073 ... 123 ... 4567", "076 - - - 712", "070 -/- 991"), at most MAX_GAP spaces, and
 * at most MAX_GAP * 3 characters in all.
 */
const MAX_GAP = 4;

/** Regions whose national numbers are written without a trunk prefix (so a leading 0 is not required). */
const NO_TRUNK_PREFIX = new Set(['NO', 'DK', 'IS', 'PL', 'ES', 'IT', 'PT', 'GR', 'LU', 'CZ', 'SK', 'MT', 'CY', 'EE', 'LV', 'US', 'CA']);

/**
 * Spans that are never phone numbers. Each pattern is matched on the whole field and its
 * matches are masked. Order does not matter; patterns overlap freely.
 */
const MASKS: readonly RegExp[] = [
  // Prices: "1500kr", "1 500 kr", "2000:-", "SEK 1500", "€150", "150 euro".
  // A price never starts right after another group of digits: in "0722 904 501 500kr" the
  // price is "500kr", not "904 501 500kr" (the phone's last groups). "$" after a number only glued ("200$").
  /(?<!\d[ .\u00a0]?)(?:\d{1,3}(?:[ .\u00a0]\d{3})+|\d+)(?:[.,]\d{1,2})?(?:[ \u00a0]?(?:kr\b|kr\.|kronor|sek\b|:-|:--|,-|€|eur\b|euro|nok\b|dkk\b|usd\b|spänn|lapp)|\$)/giu,
  /(?:€|\$|(?<!\p{L})(?:sek|eur|usd))[ \u00a0]?\d+(?:[ .]\d{3})*/giu,
  // Units: heights, weights, ages, durations, counts, areas, percentages.
  // (Tried only where a run of digits starts: a match inside a run would also match from its start.)
  /(?<!\d)\d+(?:[.,]\d+)?\s?(?:cm|kg|m|år|års|årig|åring|y\/?o|y\.o\.|yrs?|years?|min|minuter|mins|h|tim|timme|timmar|hours?|hrs?|st|dagar|dygn|days?|nights?|nätter|kvm|m2|%|e|:e|a|:a|th|nd|rd|gånger|ggr)(?![\p{L}\d])/giu,
  // Body measurements "90-60-90", "85/60/90".
  /(?<![\d\-/])(?<!\d[\s\-/.]{1,3})(?:[6-9]\d|1[0-3]\d)\s?[-/]\s?[4-9]\d\s?[-/]\s?(?:[6-9]\d|1[0-3]\d)(?![\d\-/])/gu,
  // Dates: ISO, and day/month(/year) with . / -.
  /(?<![\d])(?:19|20)\d{2}-[01]?\d-[0-3]?\d(?![\d])/gu,
  /(?<![\d.\-/])[0-3]?\d[./-][01]?\d[./-](?:19|20)?\d{2}(?![\d.\-/]*\d)/gu,
  // Times and opening hours with a lead word: "kl 18-22", "efter 18.00", "öppet 10-02".
  /(?<!\p{L})(?:kl\.?|klockan|från|efter|mellan|innan|före|öppet|open|from|after|until|between|tider|tid)\s?(?:[01]?\d|2[0-4])(?:[.:][0-5]\d)?(?:\s?(?:-|–|—|till|to|och|and)\s?(?:[01]?\d|2[0-4])(?:[.:][0-5]\d)?)?(?!\s?\d)/giu,
  // Time ranges "18.00-22.00", "09:00 – 17:00", and any hh:mm.
  /(?<![\d.])(?:[01]?\d|2[0-4])[.:][0-5]\d\s?(?:-|–|—|till|to)\s?(?:[01]?\d|2[0-4])[.:][0-5]\d(?![\d.])/giu,
  /(?<![\d:])(?:[01]?\d|2[0-4]):[0-5]\d(?![\d:])/gu,
  // Opening hours as four digits: "0900-1700".
  /(?<![\d\-–])(?:[01]\d|2[0-3])[0-5]\d\s?[-–]\s?(?:[01]\d|2[0-4])[0-5]\d(?![\d\-–])/gu,
  // Round the clock.
  /(?<!\d)24\s?[/\-]\s?7(?!\d)|(?<!\d)24\s?h(?:rs)?\b|(?<!\d)24\s?(?:timmar|tim)\b/giu,
  // Ad, room and reference numbers.
  /(?<!\p{L})(?:annons(?:nummer|nr|id)?|annonsnr|ad\s?(?:id|nr|no)|id|ref|referens|objekt(?:nr)?|order(?:nr)?|rum|room|rumsnr|lgh|lägenhet|våning|floor|vån|box|postbox|dörr|port(?:kod)?|kod|code)\s?(?:nr\.?|no\.?|nummer|number|#|:)?\s?[#:]?\s?\d+/giu,
  /#\s?\d+/gu,
  // Postal codes before a town: "903 26 Umeå", "90326 Umeå".
  /(?<![\d.\-/]\s?)(?<![\p{L}\d])[1-9]\d{2} ?\d{2}(?=[ \t]+[A-ZÅÄÖ][a-zåäö]{2,})(?![ \t]+[A-ZÅÄÖ][a-zåäö]+\s?\d)/gu,
  // Street numbers: "Storgatan 12", "Kungsvägen 4B".
  /[A-Za-zÅÄÖåäöé]+(?:gatan|vägen|väg|gata|gränd|stigen|torget|torg|allén|backen|leden|plan|street|road)\s\d{1,3}[A-Za-z]?\b/gu,
  // Years in text "sedan 2019", "född 2001".
  /(?<!\p{L})(?:sedan|since|född|born|år|year)\s(?:19|20)\d{2}(?!\d)/giu,
];

// Quick tests of what some masks cannot match without (a character or a short literal), so
// that a window without it is not read with the full pattern. Each is a necessary condition.
const STREET_SUFFIX = /(?:gatan|vägen|väg|gata|gränd|stigen|torget|torg|allén|backen|leden|plan|street|road)\s\d/u;
const YEAR = /(?:19|20)\d{2}/u;
// Keywords of the case-insensitive masks, lower case: a window whose lower-case text has none
// of them cannot match. (Under the `iu` flags only "ſ" folds to an ASCII letter that
// toLowerCase does not give, "s": a window with it goes to the expression.)
const PRICE_AFTER_WORDS = ['kr', 'sek', ':-', ',-', '€', 'eur', 'nok', 'dkk', '$', 'usd', 'spänn', 'lapp'];
const PRICE_BEFORE_WORDS = ['€', '$', 'sek', 'eur', 'usd'];
const TIME_WORDS = ['kl', 'från', 'efter', 'mellan', 'innan', 'före', 'öppet', 'open', 'from', 'after', 'until', 'between', 'tid'];
const REFERENCE_WORDS = [
  'annons',
  'ad',
  'id',
  'ref',
  'objekt',
  'order',
  'rum',
  'room',
  'lgh',
  'lägenhet',
  'vån',
  'floor',
  'box',
  'dörr',
  'port',
  'kod',
  'code',
];
/** One expression (case-sensitive, on the lower-case text) per list: faster than a substring test per word. */
const anyWordOf = (words: readonly string[]): RegExp => new RegExp(`\u017f|${words.map((w) => w.replace(/[$]/gu, '\\$&')).join('|')}`, 'u');
const PRICE_AFTER_ANY = anyWordOf(PRICE_AFTER_WORDS);
const PRICE_BEFORE_ANY = anyWordOf(PRICE_BEFORE_WORDS);
const TIME_ANY = anyWordOf(TIME_WORDS);
const REFERENCE_ANY = anyWordOf(REFERENCE_WORDS);
const MASK_NEEDS = new Map<RegExp, (part: string, lower: string) => boolean>();
for (const re of MASKS) {
  const src = re.source;
  if (src.startsWith('(?<!\\d[ .\\u00a0]?)(?:\\d{1,3}')) MASK_NEEDS.set(re, (_, lower) => PRICE_AFTER_ANY.test(lower));
  else if (src.startsWith('(?:€|\\$|')) MASK_NEEDS.set(re, (_, lower) => PRICE_BEFORE_ANY.test(lower));
  else if (src.startsWith('(?<!\\p{L})(?:kl\\.?|')) MASK_NEEDS.set(re, (_, lower) => TIME_ANY.test(lower));
  else if (src.startsWith('(?<!\\p{L})(?:annons')) MASK_NEEDS.set(re, (_, lower) => REFERENCE_ANY.test(lower));
  else if (src.startsWith('[A-Za-zÅÄÖåäöé]+(?:gatan')) MASK_NEEDS.set(re, (part) => STREET_SUFFIX.test(part));
  else if (src.startsWith('(?<!\\p{L})(?:sedan|since')) MASK_NEEDS.set(re, (part) => YEAR.test(part));
  else if (src.startsWith('(?<![\\d])(?:19|20)')) MASK_NEEDS.set(re, (part) => part.includes('-') && YEAR.test(part));
  else if (src.startsWith('(?<!\\d)24')) MASK_NEEDS.set(re, (part) => part.includes('24'));
  else if (src.startsWith('#')) MASK_NEEDS.set(re, (part) => part.includes('#'));
  else if (src.startsWith('(?<![\\d:])')) MASK_NEEDS.set(re, (part) => part.includes(':'));
}

/**
 * Marks the characters covered by a mask pattern. With `windows`, only those ranges of the
 * text are read (padded, so the patterns see their context): masks matter only near runs of
 * digits, and reading the whole ad with every pattern is the slow part.
 */
export function buildMask(text: string, windows?: ReadonlyArray<readonly [number, number]>): Uint8Array {
  const mask = new Uint8Array(text.length);
  markMasks(text, windows ?? [[0, text.length] as const], mask);
  return mask;
}

/** {@link buildMask} into `mask` (at least as long as the text, all zero). */
function markMasks(text: string, windows: ReadonlyArray<readonly [number, number]>, mask: Uint8Array): void {
  for (const [from, to] of windows) {
    const part = text.slice(from, to);
    const lower = part.toLowerCase();
    for (const re of MASKS) {
      const needs = MASK_NEEDS.get(re);
      if (needs !== undefined && !needs(part, lower)) continue;
      re.lastIndex = 0;
      for (let m = re.exec(part); m !== null; m = re.exec(part)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        mask.fill(1, from + m.index, from + m.index + m[0].length);
      }
    }
  }
}

// Masks as scratch buffers, reused from field to field (allocating a typed array per field is
// slow): all zero, never written, for the first pass; and one for the masks of a field.
let noMask = new Uint8Array(1024);
let maskScratch = new Uint8Array(1024);

/** An all-zero mask at least `n` long. */
function zeroMask(n: number): Uint8Array {
  if (noMask.length < n) noMask = new Uint8Array(Math.max(n, noMask.length * 2));
  return noMask;
}

/** The scratch mask, cleared over its first `n` characters. */
function clearedScratch(n: number): Uint8Array {
  if (maskScratch.length < n) maskScratch = new Uint8Array(Math.max(n, maskScratch.length * 2));
  else maskScratch.fill(0, 0, n);
  return maskScratch;
}

const WINDOW_PAD = 40;

/** Windows around the runs that could hold a number, merged; empty when none could. */
function candidateWindows(text: string, runs: readonly Atom[][], region: CountryCode): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const atoms of runs) {
    if (digitCount(atoms, 0, atoms.length - 1) < 3 || !atoms.some((a) => canStart(a, region))) continue;
    const first = atoms[0];
    const last = atoms[atoms.length - 1];
    if (first === undefined || last === undefined) continue;
    const from = Math.max(0, first.start - WINDOW_PAD);
    const to = Math.min(text.length, last.end + WINDOW_PAD);
    const prev = out[out.length - 1];
    if (prev !== undefined && from <= prev[1]) prev[1] = Math.max(prev[1], to);
    else out.push([from, to]);
  }
  return out;
}

/** The digit a styled character stands for, and how many UTF-16 units it takes; or null. */
function styledDigit(text: string, i: number): [string, number] | null {
  const c = text.charCodeAt(i);
  // Full-width digits U+FF10–U+FF19.
  if (c >= 0xff10 && c <= 0xff19) return [String(c - 0xff10), 1];
  // Arabic-Indic and Eastern Arabic-Indic digits.
  if (c >= 0x0660 && c <= 0x0669) return [String(c - 0x0660), 1];
  if (c >= 0x06f0 && c <= 0x06f9) return [String(c - 0x06f0), 1];
  // Mathematical digits U+1D7CE–U+1D7FF (surrogate pairs).
  if (c === 0xd835) {
    const lo = text.charCodeAt(i + 1);
    const cp = 0x1d400 + (lo - 0xdc00);
    if (cp >= 0x1d7ce && cp <= 0x1d7ff) return [String((cp - 0x1d7ce) % 10), 2];
  }
  // Circled digits ①–⑨ (U+2460–U+2468) and ⓪ (U+24EA).
  if (c >= 0x2460 && c <= 0x2468) return [String(c - 0x2460 + 1), 1];
  if (c === 0x24ea || c === 0x24ff) return ['0', 1];
  // Dingbat circled digits: negative ❶–❾, sans-serif ➀–➈ and negative sans-serif ➊–➒.
  if (c >= 0x2776 && c <= 0x277e) return [String(c - 0x2776 + 1), 1];
  if (c >= 0x2780 && c <= 0x2788) return [String(c - 0x2780 + 1), 1];
  if (c >= 0x278a && c <= 0x2792) return [String(c - 0x278a + 1), 1];
  return null;
}

/** Keycap emoji: a digit, an optional U+FE0F, then U+20E3. Returns the length or 0. */
function keycapLength(text: string, i: number): number {
  if (text.charCodeAt(i + 1) === 0x20e3) return 2;
  if (text.charCodeAt(i + 1) === 0xfe0f && text.charCodeAt(i + 2) === 0x20e3) return 3;
  return 0;
}

const LETTER = /\p{L}/u;
const LETTER_SEEN = new Uint8Array(0x10000);
function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c < 128 || Number.isNaN(c)) return false;
  // å ä ö Å Ä Ö é: the common case in Swedish text.
  if (c === 0xe5 || c === 0xe4 || c === 0xf6 || c === 0xc5 || c === 0xc4 || c === 0xd6 || c === 0xe9) return true;
  // Other units: the Unicode test once per distinct unit (1 letter, 2 not, 0 not yet known).
  let l = LETTER_SEEN[c] ?? 2;
  if (l === 0) {
    l = LETTER.test(text[i] ?? '') ? 1 : 2;
    LETTER_SEEN[c] = l;
  }
  return l === 1;
}

// A letter sequence made only of number words and look-alikes; tested before segmenting.
const NUMBERISH = new RegExp(`^(?:${WORDS_BY_LENGTH.map(([w]) => w).join('|')}|[OoIl])+$`, 'iu');

/**
 * Splits a letter sequence into number words and look-alike letters, or returns null when
 * any part is neither. Pieces carry offsets relative to the sequence.
 */
function segmentLetters(seq: string): Array<{ digit: string; start: number; end: number; kind: AtomKind }> | null {
  const lower = seq.toLowerCase();
  const out: Array<{ digit: string; start: number; end: number; kind: AtomKind }> = [];
  let i = 0;
  while (i < seq.length) {
    let matched = false;
    for (const [w, d] of WORDS_BY_LENGTH) {
      if (lower.startsWith(w, i)) {
        out.push({ digit: d, start: i, end: i + w.length, kind: 'word' });
        i += w.length;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const ch = seq[i];
    const look = ch === undefined ? undefined : LOOKALIKE[ch];
    if (look === undefined) return null;
    out.push({ digit: look, start: i, end: i + 1, kind: 'lookalike' });
    i++;
  }
  return out;
}

const WORD_STARTS = new Set(NUMBER_WORDS.map(([w]) => w.slice(0, 2)));
const NUMBER_WORD_SET = new Set(NUMBER_WORDS.map(([w]) => w));

/** Cheap test before segmenting: most words in an ad are not number words. */
function mayBeNumberWords(seq: string): boolean {
  if (seq.length === 1) return LOOKALIKE[seq] !== undefined;
  if (seq.length > 40) return false;
  const lower = seq.toLowerCase();
  if (NUMBER_WORD_SET.has(lower)) return true;
  const c = seq[0] ?? '';
  if (!WORD_STARTS.has(lower.slice(0, 2)) && LOOKALIKE[c] === undefined) return false;
  return NUMBERISH.test(seq);
}

/** Lower-case code of a UTF-16 unit for ASCII and Latin-1 capitals; -1 for any other capital-capable unit above Latin-1. */
function lowerLatin(c: number): number {
  if ((c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7)) return c + 32;
  return c < 0x100 ? c : -1;
}

// The first two characters (lower case) of the number words, as numeric keys.
const FIRST_TWO = new Set(NUMBER_WORDS.map(([w]) => w.charCodeAt(0) * 65536 + w.charCodeAt(1)));

/**
 * The test of {@link mayBeNumberWords} up to its pattern, on text[i, j) without slicing: a
 * word that is not a look-alike letter and whose first two characters cannot begin a number
 * word is not one. Most words of an ad fail here. Characters beyond Latin-1 go to the full test.
 */
function mayStartNumberWords(text: string, i: number, j: number): boolean {
  if (j - i > 40) return false;
  const c0 = text.charCodeAt(i);
  if (c0 === 79 || c0 === 111 || c0 === 73 || c0 === 108) return true;
  if (j - i === 1) return false;
  const l0 = lowerLatin(c0);
  const l1 = lowerLatin(text.charCodeAt(i + 1));
  if (l0 < 0 || l1 < 0) return true;
  return FIRST_TWO.has(l0 * 65536 + l1);
}

// The number words as UTF-16 codes by their first (lower-case Latin-1) code, each list in the
// order segmentLetters tries them (longest first).
const WORD_CODES_BY_FIRST: ReadonlyArray<ReadonlyArray<readonly number[]>> = (() => {
  const lists: number[][][] = Array.from({ length: 256 }, () => []);
  for (const [w] of WORDS_BY_LENGTH) {
    const codes = [...w].map((ch) => ch.charCodeAt(0));
    lists[codes[0] ?? 0]?.push(codes);
  }
  return lists;
})();

/**
 * The test of {@link segmentLetters} on text[i, j) without slicing or lower-casing: false when
 * the greedy split into number words and look-alike letters fails, so that segmentLetters
 * would return null. Words with a character beyond Latin-1 are left to segmentLetters (true).
 */
function maySegment(text: string, i: number, j: number): boolean {
  for (let k = i; k < j; k++) if (lowerLatin(text.charCodeAt(k)) < 0) return true;
  let k = i;
  while (k < j) {
    let step = 0;
    for (const w of WORD_CODES_BY_FIRST[lowerLatin(text.charCodeAt(k))] ?? []) {
      if (k + w.length > j) continue;
      let isSame = true;
      for (let q = 1; q < w.length; q++) {
        if (lowerLatin(text.charCodeAt(k + q)) !== w[q]) {
          isSame = false;
          break;
        }
      }
      if (isSame) {
        step = w.length;
        break;
      }
    }
    if (step === 0) {
      const c = text.charCodeAt(k);
      if (c !== 79 && c !== 111 && c !== 73 && c !== 108) return false;
      step = 1;
    }
    k += step;
  }
  return true;
}

/**
 * Splits a field into runs of digit atoms. Masked characters end a run: character `i` of the
 * text is masked when `mask[maskAt + i]` is 1.
 */
export function scanRuns(text: string, mask: Uint8Array, maskAt = 0): Atom[][] {
  const runs: Atom[][] = [];
  let run: Atom[] = [];
  let gapStart = -1;
  let gapLen = 0;
  // The gap's weight: its punctuation marks (a run of one mark once) and its spaces.
  let gapMarks = 0;
  let gapSpaces = 0;
  let lastMark = -1;
  let plusAt = -1;
  let i = 0;
  const n = text.length;
  // A keycap needs U+20E3: without one in the text, no digit is a keycap.
  const hasKeycap = text.includes('\u20e3');
  while (i < n) {
    let digits = '';
    let end = i;
    let kind: AtomKind = 'digit';
    let pieces: Array<{ digit: string; start: number; end: number; kind: AtomKind }> | null = null;
    let isBreak = false;
    if (mask[maskAt + i] === 1) {
      isBreak = true;
      end = i + 1;
    } else {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        const kl = hasKeycap ? keycapLength(text, i) : 0;
        if (kl > 0) {
          digits = text[i] ?? '';
          end = i + kl;
          kind = 'styled';
        } else {
          let j = i + 1;
          while (j < n && mask[maskAt + j] !== 1) {
            const d = text.charCodeAt(j);
            if (d < 48 || d > 57 || (hasKeycap && keycapLength(text, j) > 0)) break;
            j++;
          }
          digits = text.slice(i, j);
          end = j;
        }
      } else if (SEPARATOR_CODES[c] === 1) {
        if (c === 43) plusAt = i;
        if (gapLen === 0) gapStart = i;
        gapLen++;
        if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x2009 || c === 0x202f) gapSpaces++;
        else if (c !== lastMark) {
          gapMarks++;
          lastMark = c;
        }
        if (gapLen > MAX_GAP * 3) isBreak = true;
        end = i + 1;
        if (!isBreak) {
          i = end;
          continue;
        }
      } else {
        const styled = styledDigit(text, i);
        if (styled !== null) {
          digits = styled[0];
          end = i + styled[1];
          kind = 'styled';
        } else if (isLetterAt(text, i)) {
          let j = i + 1;
          while (j < n && isLetterAt(text, j) && mask[maskAt + j] !== 1) j++;
          if (mayStartNumberWords(text, i, j) && maySegment(text, i, j)) {
            const seq = text.slice(i, j);
            pieces = mayBeNumberWords(seq) ? segmentLetters(seq) : null;
          } else pieces = null;
          if (pieces === null) isBreak = true;
          end = j;
        } else {
          isBreak = true;
          end = i + 1;
        }
      }
    }
    if (isBreak) {
      if (run.length > 0) runs.push(run);
      run = [];
      gapLen = 0;
      gapMarks = 0;
      gapSpaces = 0;
      lastMark = -1;
      plusAt = -1;
      i = end;
      continue;
    }
    // One atom (digits, a styled digit) or the pieces of a letter sequence.
    const count = pieces === null ? 1 : pieces.length;
    for (let q = 0; q < count; q++) {
      const p = pieces?.[q];
      if (run.length > 0 && (gapMarks > MAX_GAP || gapSpaces > MAX_GAP)) {
        runs.push(run);
        run = [];
      }
      const gapBefore = run.length === 0 || gapLen === 0 ? '' : text.slice(gapStart, gapStart + gapLen);
      if (p === undefined) run.push({ digits, start: i, end, kind, plusAt, gapBefore });
      else run.push({ digits: p.digit, start: i + p.start, end: i + p.end, kind: p.kind, plusAt, gapBefore });
      gapLen = 0;
      gapMarks = 0;
      gapSpaces = 0;
      lastMark = -1;
      plusAt = -1;
    }
    i = end;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

const callingCodeCache = new Map<string, string>();
function callingCode(region: CountryCode): string {
  let cc = callingCodeCache.get(region);
  if (cc === undefined) {
    cc = getCountryCallingCode(region);
    callingCodeCache.set(region, cc);
  }
  return cc;
}

interface Parsed {
  e164: string;
  country: string | null;
  type: string | null;
}

// A bounded memo per region (the empty key: no region): the same digit strings recur across
// ads (prices, common numbers). libphonenumber is pure, so its answers can be reused.
const memo = new Map<string, Map<string, Parsed | null>>();
const MEMO_MAX = 20_000;
function parseValid(input: string, region: CountryCode | undefined): Parsed | null {
  const regionKey = region ?? '';
  let byInput = memo.get(regionKey);
  if (byInput === undefined) {
    byInput = new Map();
    memo.set(regionKey, byInput);
  }
  const hit = byInput.get(input);
  if (hit !== undefined) return hit;
  let out: Parsed | null = null;
  const p = region === undefined ? parsePhoneNumberFromString(input) : parsePhoneNumberFromString(input, region);
  if (p !== undefined && p.isValid()) out = { e164: p.number, country: p.country ?? null, type: p.getType() ?? null };
  if (byInput.size > MEMO_MAX) byInput.clear();
  byInput.set(input, out);
  return out;
}

/** Tries "+<digits>", and if that fails, drops a written "(0)" right after the calling code. */
function parseInternational(d: string): Parsed | null {
  if (d.length < 8 || d.length > 16) return null;
  const direct = parseValid(`+${d}`, undefined);
  if (direct !== null) return direct;
  for (let ccLen = 1; ccLen <= 3; ccLen++) {
    if (d[ccLen] === '0') {
      const p = parseValid(`+${d.slice(0, ccLen)}${d.slice(ccLen + 1)}`, undefined);
      if (p !== null) return p;
    }
  }
  return null;
}

/**
 * Turns the digits of a candidate into a valid number, or null. National numbers need a
 * trunk 0 in regions that use one: without it, a bare run of digits (an ad number, a date, a
 * price list) is far more often something else.
 */
function toNumber(d: string, hasPlus: boolean, region: CountryCode): Parsed | null {
  if (d.length < 6 || d.length > 17) return null;
  if (hasPlus) return parseInternational(d);
  if (d.startsWith('00')) return parseInternational(d.slice(2));
  if (d.startsWith('0')) {
    if (d.length < 7 || d.length > 13) return null;
    return parseValid(d, region);
  }
  const cc = callingCode(region);
  if (d.startsWith(cc) && d.length >= cc.length + 7) {
    const p = parseInternational(d);
    if (p !== null) return p;
  }
  if (NO_TRUNK_PREFIX.has(region) && d.length >= 7 && d.length <= 12) return parseValid(d, region);
  return null;
}

function canStart(a: Atom, region: CountryCode): boolean {
  if (a.plusAt >= 0) return true;
  const first = a.digits[0];
  if (first === '0') return true;
  if (NO_TRUNK_PREFIX.has(region)) return true;
  const cc = callingCode(region);
  // "46 70 …": the calling code may be one atom, or the start of a longer one.
  return a.digits.startsWith(cc) || cc.startsWith(a.digits);
}

/**
 * Whether a number was written to hide it: number words, look-alike letters, styled digits,
 * separators other than space, dash and brackets (dots, stars, slashes …), a line break
 * inside the number, or five or more lone digits.
 */
function isObfuscated(atoms: readonly Atom[]): boolean {
  let singles = 0;
  for (let k = 0; k < atoms.length; k++) {
    const a = atoms[k];
    if (a === undefined) continue;
    if (a.kind !== 'digit') return true;
    if (a.digits.length === 1) singles++;
    // The gap before the first atom is not part of the number.
    if (k > 0) for (const ch of a.gapBefore) if (!PLAIN_SEPARATORS.has(ch) || ch === '\n' || ch === '\r') return true;
  }
  return singles >= 5;
}

function digitCount(atoms: readonly Atom[], from: number, to: number): number {
  let n = 0;
  for (let k = from; k <= to; k++) n += atoms[k]?.digits.length ?? 0;
  return n;
}

function joinDigits(atoms: readonly Atom[], from: number, to: number): string {
  let s = '';
  for (let k = from; k <= to; k++) s += atoms[k]?.digits ?? '';
  return s;
}

interface Found {
  parsed: Parsed;
  start: number;
  end: number;
  isObfuscated: boolean;
  isSplit: boolean;
}

/** Finds the numbers in one run; returns them and whether any atom was left unused at the start. */
function numbersInRun(atoms: readonly Atom[], region: CountryCode): { found: Found[]; used: boolean[] } {
  const found: Found[] = [];
  const used = atoms.map(() => false);
  let i = 0;
  while (i < atoms.length) {
    const a = atoms[i];
    if (a === undefined) break;
    if (!canStart(a, region)) {
      i++;
      continue;
    }
    let hit = false;
    // A "+" inside the run starts another number: never extend across it.
    let last = atoms.length - 1;
    for (let k = i + 1; k < atoms.length; k++) {
      if ((atoms[k]?.plusAt ?? -1) >= 0) {
        last = k - 1;
        break;
      }
    }
    for (let j = last; j >= i; j--) {
      const count = digitCount(atoms, i, j);
      if (count > 17) continue;
      if (count < 6) break;
      const parsed = toNumber(joinDigits(atoms, i, j), a.plusAt >= 0, region);
      if (parsed !== null) {
        const slice = atoms.slice(i, j + 1);
        const last = atoms[j];
        found.push({
          parsed,
          start: a.plusAt >= 0 ? a.plusAt : a.start,
          end: last?.end ?? a.end,
          isObfuscated: isObfuscated(slice),
          isSplit: false,
        });
        for (let k = i; k <= j; k++) used[k] = true;
        i = j + 1;
        hit = true;
        break;
      }
    }
    if (!hit) i++;
  }
  return { found, used };
}

const MAX_SPLIT_GAP = 40;

/**
 * Finds the phone numbers in one field. Pure; the same input gives the same output.
 * @param f the field to scan
 * @param region the default region for national numbers
 */
export function findPhonesInField(f: FieldText, region: CountryCode): Extracted<PhoneValue>[] {
  const text = f.text;
  if (text.length === 0) return [];
  // First pass without masks; masks are built only around runs that could hold a number.
  const rough = scanRuns(text, zeroMask(text.length));
  const windows = candidateWindows(text, rough, region);
  if (windows.length === 0) return [];
  const mask = clearedScratch(text.length);
  markMasks(text, windows, mask);
  const runs: Atom[][] = [];
  for (const [from, to] of windows) {
    for (const run of scanRuns(text.slice(from, to), mask, from)) {
      // The atoms are new: shift them to offsets in the whole field in place.
      for (const a of run) {
        a.start += from;
        a.end += from;
        if (a.plusAt >= 0) a.plusAt += from;
      }
      runs.push(run);
    }
  }
  const out: Extracted<PhoneValue>[] = [];
  const leftovers: Array<{ atoms: Atom[]; runIndex: number }> = [];
  runs.forEach((atoms, runIndex) => {
    const total = digitCount(atoms, 0, atoms.length - 1);
    if (total < 3) return;
    const { found, used } = numbersInRun(atoms, region);
    for (const x of found) out.push(toExtracted(f, x));
    if (found.length === 0 && !used.some(Boolean)) leftovers.push({ atoms, runIndex });
  });
  // A number split over two runs of text: "070-12 (sms) 34 567".
  for (let k = 0; k + 1 < leftovers.length; k++) {
    const first = leftovers[k];
    const second = leftovers[k + 1];
    if (first === undefined || second === undefined || second.runIndex !== first.runIndex + 1) continue;
    const head = first.atoms[0];
    const lastOfFirst = first.atoms[first.atoms.length - 1];
    const headOfSecond = second.atoms[0];
    if (head === undefined || lastOfFirst === undefined || headOfSecond === undefined) continue;
    if (headOfSecond.start - lastOfFirst.end > MAX_SPLIT_GAP) continue;
    if (!canStart(head, region) || canStart(headOfSecond, region)) continue;
    const d1 = joinDigits(first.atoms, 0, first.atoms.length - 1);
    const d2 = joinDigits(second.atoms, 0, second.atoms.length - 1);
    if (d1.length < 3 || d2.length < 2) continue;
    const parsed = toNumber(d1 + d2, head.plusAt >= 0, region);
    if (parsed === null) continue;
    const lastOfSecond = second.atoms[second.atoms.length - 1];
    out.push(
      toExtracted(f, {
        parsed,
        start: head.plusAt >= 0 ? head.plusAt : head.start,
        end: lastOfSecond?.end ?? headOfSecond.end,
        isObfuscated: true,
        isSplit: true,
      }),
    );
    k++;
  }
  return out;
}

function toExtracted(f: FieldText, x: Found): Extracted<PhoneValue> {
  let confidence = x.isSplit ? 0.75 : x.isObfuscated ? 0.85 : 0.95;
  if (f.field === 'phoneField') confidence = 0.99;
  return {
    value: { e164: x.parsed.e164, country: x.parsed.country, type: x.parsed.type, isObfuscated: x.isObfuscated, isSplit: x.isSplit },
    confidence,
    evidence: evidenceOf(f, x.start, x.end),
  };
}

/**
 * Reads a site's phone field. It is a strong source: a national number without a trunk 0
 * ("701234567") is accepted here, since the field can hold nothing else.
 */
export function findPhonesInPhoneField(f: FieldText, region: CountryCode): Extracted<PhoneValue>[] {
  const found = findPhonesInField(f, region);
  if (found.length > 0) return found.map((p) => ({ ...p, confidence: 0.99 }));
  const trimmed = f.text.trim();
  const direct = parseValid(trimmed.replace(/[^\d+]/g, ''), region);
  if (direct === null) return [];
  const start = f.text.indexOf(trimmed);
  return [
    {
      value: { e164: direct.e164, country: direct.country, type: direct.type, isObfuscated: false, isSplit: false },
      confidence: 0.99,
      evidence: evidenceOf(f, start, start + trimmed.length),
    },
  ];
}

/**
 * Finds phone numbers in all fields, de-duplicated by E.164 (the most confident evidence is kept).
 * @param fields the ad's text fields; a field named `phoneField` is read as a strong source
 * @param region default region (`SE` when not given)
 */
export function extractPhones(fields: readonly FieldText[], region: CountryCode = 'SE'): Extracted<PhoneValue>[] {
  const safeRegion: CountryCode = isSupportedCountry(region) ? region : 'SE';
  const byNumber = new Map<string, Extracted<PhoneValue>>();
  for (const f of fields) {
    const found = f.field === 'phoneField' ? findPhonesInPhoneField(f, safeRegion) : findPhonesInField(f, safeRegion);
    for (const p of found) {
      const prev = byNumber.get(p.value.e164);
      if (prev === undefined) byNumber.set(p.value.e164, p);
      else if (p.value.isObfuscated && !prev.value.isObfuscated && f.field !== 'phoneField') {
        // Keep the strongest evidence but remember that the ad also hid the number.
        byNumber.set(p.value.e164, { ...prev, value: { ...prev.value, isObfuscated: true } });
      } else if (p.confidence > prev.confidence) byNumber.set(p.value.e164, p);
    }
  }
  return [...byNumber.values()];
}
