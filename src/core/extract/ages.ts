/**
 * Stated ages and youth wording. A stated age under 18 is flagged: the person is a child,
 * and a report of concern is mandatory (see DOMAIN.md). Body measurements ("90-60-90",
 * "34D") and durations ("i 10 år", "för 2 år sedan") are not ages.
 */
import type { AgeValue, Extracted, FieldText } from './types';
import { evidenceOf } from './types';
import { LetterStartScan, matchAtWordStarts, prefixKeysOf } from './word-starts';

const MIN_AGE = 12;
const MAX_AGE = 79;

interface AgePattern {
  /** Read globally, or at letter starts (see LetterStartScan). */
  scan: LetterStartScan;
  confidence: number;
}

const AGE_PATTERNS: readonly AgePattern[] = [
  // "23 år", "23år", "23-årig", "23 åring", "23 years old", "23 y/o", "23yo", "23 yrs".
  {
    scan: new LetterStartScan(
      /(?<![\d.,:/-])(\d{2})\s?(?:-\s?)?(?:år(?!\s?(?:sedan|gammalt?\s+(?:hus|bil))|\s?erfarenhet)|års?(?:\s?gammal)?|årig|åring|years?(?:\s?old)?|y\/o|y\.o\.?|yo|yrs?)(?![\p{L}\d])/giu,
    ),
    confidence: 0.9,
  },
  // "ålder: 23", "age 23", "age: 23", "jag är 23", "I am 23", "I'm 23".
  {
    scan: new LetterStartScan(
      /(?<!\p{L})(?:ålder|age|jag är|i am|i'm|im|är bara|is only|only)\s?[:=]?\s?(\d{2})(?![\d+%]|[.,:/-]\d|\s?(?:cm|kg|kr|min|h\b|st\b|tjejer|girls|%))/giu,
    ),
    confidence: 0.85,
  },
];
// "Lisa 23", "Anna, 24 – ny i stan": a name and a number at the start of a title.
const TITLE_NAME_AGE = /^\s*\p{Lu}\p{Ll}{1,14},?\s(\d{2})(?![\d+%]|[.,:/-]\d|\s?(?:cm|kg|kr|min|h\b|st\b|tjejer|girls|%|år))/u;
// "i 10 år", "för 5 år sedan", "sedan 20 år": durations, not ages.
const DURATION_BEFORE = /(?<!\p{L})(?:i|för|sedan|in|for|since|på|under|over|över|om|than|än|har jobbat|varit)\s$/iu;

/** Finds stated ages in a field. */
export function findAges(f: FieldText): Extracted<AgeValue>[] {
  const out: Extracted<AgeValue>[] = [];
  const seen = new Set<number>();
  for (const p of AGE_PATTERNS) {
    p.scan.forEachMatch(f, (m) => {
      const num = m[1] ?? '';
      const numAt = m.index + m[0].indexOf(num);
      if (DURATION_BEFORE.test(f.text.slice(Math.max(0, numAt - 16), numAt))) return;
      addAge(out, seen, f, Number(num), m.index, m.index + m[0].length, p.confidence);
    });
  }
  if (f.field === 'title') {
    const m = TITLE_NAME_AGE.exec(f.text);
    if (m !== null) addAge(out, seen, f, Number(m[1]), m.index, m.index + m[0].length, 0.7);
  }
  return out;
}

/** Adds an age in range whose start is not yet taken (`seen`: the starts taken). */
function addAge(
  out: Extracted<AgeValue>[],
  seen: Set<number>,
  f: FieldText,
  years: number,
  start: number,
  end: number,
  confidence: number,
): void {
  if (years < MIN_AGE || years > MAX_AGE || seen.has(start)) return;
  seen.add(start);
  out.push({ value: { years, isMinor: years < 18 }, confidence, evidence: evidenceOf(f, start, end) });
}

/** Reads a site's age field ("23", "23 år", 23). */
export function ageFromField(age: number | string, f: FieldText): Extracted<AgeValue>[] {
  const m = typeof age === 'number' ? [String(age), String(age)] : /(\d{1,2})/u.exec(age);
  const years = m === null ? NaN : Number(m[1]);
  if (!Number.isInteger(years) || years < 1 || years > 120) return [];
  return [{ value: { years, isMinor: years < 18 }, confidence: 0.95, evidence: evidenceOf(f, 0, f.text.length) }];
}

/** Youth wording: emphasis on youth is an indicator; research found it predictive (DOMAIN.md). */
const YOUTH_RE =
  /(?<!\p{L})(?:ung(?:a)?\s(?:tjej(?:er)?|flick(?:a|or)|kvinna|brud)|ung och (?:ny|fräsch|söt|oskyldig)|young|years young|år ung|nyss fyllt \d\d|precis fyllt \d\d|just turned \d\d|väldigt ung|mycket ung|super ?ung|tonåring(?:ar)?|tonårs(?:tjej|flicka)|tonår|skolflicka|skolflickor|skoltjej|skoluniform|nyss fyllt 18|precis fyllt 18|fyllde 18 nyss|18 nyss|barely legal|just turned 18|newly 18|teen(?:s|age|ager)?|young girl|little girl|schoolgirl|petite teen|liten flicka|lillflicka|oskuld|virgin|lolita|barnslig|childlike|innocent|oskyldig)(?!\p{L})/iuy;

const YOUTH_KEYS = prefixKeysOf(YOUTH_RE.source);

/** Finds youth wording ("ung tjej", "tonåring", "skolflicka", "barely legal", "teen"). */
export function findYouthTerms(f: FieldText): Extracted<string>[] {
  const out: Extracted<string>[] = [];
  matchAtWordStarts(
    YOUTH_RE,
    f,
    (m) => {
      out.push({ value: m[0].toLowerCase(), confidence: 0.8, evidence: evidenceOf(f, m.index, m.index + m[0].length) });
    },
    YOUTH_KEYS,
  );
  return out;
}
