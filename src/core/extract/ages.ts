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

/* ───────────── numbers: two digits, or Swedish and English number words ───────────── */

const SV_TEENS: Readonly<Record<string, number>> = {
  tolv: 12,
  tretton: 13,
  fjorton: 14,
  femton: 15,
  sexton: 16,
  sjutton: 17,
  arton: 18,
  aderton: 18,
  nitton: 19,
};
const EN_TEENS: Readonly<Record<string, number>> = {
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
// Longest first within a shared start ("trettio" before "tretti"), as the alternation tries them in order.
const SV_TENS: Readonly<Record<string, number>> = {
  tjugo: 20,
  trettio: 30,
  tretti: 30,
  fyrtio: 40,
  fyrti: 40,
  femtio: 50,
  femti: 50,
  sextio: 60,
  sexti: 60,
  sjuttio: 70,
  sjutti: 70,
};
const EN_TENS: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70 };
const SV_UNITS: Readonly<Record<string, number>> = {
  ett: 1,
  en: 1,
  två: 2,
  tva: 2,
  tre: 3,
  fyra: 4,
  fem: 5,
  sex: 6,
  sju: 7,
  åtta: 8,
  atta: 8,
  nio: 9,
};
const EN_UNITS: Readonly<Record<string, number>> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
const TENS: Readonly<Record<string, number>> = { ...SV_TENS, ...EN_TENS };
const TEENS: Readonly<Record<string, number>> = { ...SV_TEENS, ...EN_TEENS };
const UNITS: Readonly<Record<string, number>> = { ...SV_UNITS, ...EN_UNITS };

const alt = (words: Readonly<Record<string, number>>): string => Object.keys(words).join('|');
/** A number word from 12 to 79: "nitton", "tjugotre", "tjugo-tre", "tjugo tre", "twenty-one", "seventeen". */
const NUM_WORD_CORE = String.raw`(?:(?:${alt(SV_TENS)})(?:[- ]?(?:${alt(SV_UNITS)}))?|(?:${alt(EN_TENS)})(?:[- ]?(?:${alt(EN_UNITS)}))?|${alt(SV_TEENS)}|${alt(EN_TEENS)})`;
const NUM_WORD = String.raw`${NUM_WORD_CORE}(?!\p{L})`;
const NUMERAL = String.raw`\d{2}(?!\d)`;
const NUM = `(?:${NUMERAL}|${NUM_WORD})`;
/** Between the ages of a list or a range: "22 och 19", "18-25", "from 18 to 25", "19, 21 och 23". */
const LIST_SEP = String.raw`\s?(?:-|–|—|,|&|och|and|till|to|or|eller)\s?`;
const LIST = `${NUM}(?:${LIST_SEP}${NUM}){0,3}`;
/** A unit of age after a number: "år", "år gammal", "åring", "-årig", "års", "years old", "y/o", "yo", "yrs", "y". */
const UNIT = String.raw`(?:\s?[-–]\s?|\s)?(?:år(?!\s?(?:sedan|gammalt?\s+(?:hus|bil))|\s?erfarenhet)(?:\s?(?:gammal|gamla|ung|unga))?|årig[ae]?|åring(?:ar|en)?|års(?!\s?(?:erfarenhet|erfaren|vana|jobb|garanti|dag))(?:\s?gammal)?|years?[\s-]?(?:old|young|of age)|years?|y\/o|y\.o\.?|yo|yrs?(?:\s?old)?|yr\s?old|y)(?![\p{L}\d])`;
/** What may not follow a number after a label ("jag är 165 cm", "vi är 16 tjejer", "only 20 min"). */
const NOT_AN_AGE_AFTER = String.raw`(?![\d+%]|[.,:/-]\d|\s?(?:cm|kg|kr|min|h\b|st\b|tjejer|girls|%|eur|euro|usd|sek|dollar|roses|:-|tim|timmar|timme|hours?|hrs?\b|dagar|days?|km|m\b|lbs|kvm|gånger|times|kunder|clients|stycken|damer|kvinnor|ladies|women|personer|people|models|modeller|€|\$|:e\b|:a\b|jan|feb|mar|apr|maj|may|jun|jul|aug|sep|okt|oct|nov|dec))`;

/** The years a list of numbers states ("22 och 19" → 22, 19; "tjugo-tre" → 23). */
const NUM_IN_LIST = new RegExp(NUM, 'giu');
function numbersOf(list: string, at: number): Array<{ years: number; start: number; end: number }> {
  const out: Array<{ years: number; start: number; end: number }> = [];
  NUM_IN_LIST.lastIndex = 0;
  for (let m = NUM_IN_LIST.exec(list); m !== null; m = NUM_IN_LIST.exec(list)) {
    const years = valueOf(m[0]);
    if (years !== null) out.push({ years, start: at + m.index, end: at + m.index + m[0].length });
  }
  return out;
}

/** The value of two digits or a number word, or null. */
function valueOf(s: string): number | null {
  if (/^\d\d$/u.test(s)) return Number(s);
  const w = s.toLowerCase().replace(/[- ]/gu, '');
  const teen = TEENS[w];
  if (teen !== undefined) return teen;
  for (const [tens, v] of Object.entries(TENS)) {
    if (!w.startsWith(tens)) continue;
    const rest = w.slice(tens.length);
    if (rest === '') return v;
    const unit = UNITS[rest];
    if (unit !== undefined) return v + unit;
  }
  return null;
}

interface AgePattern {
  /** Read globally, or at letter starts (see LetterStartScan). Group 1 holds the number or list of numbers. */
  scan: LetterStartScan;
  confidence: number;
  /** Whether what follows the longest list must pass NOT_AN_AGE_AFTER (see {@link isWholeListAnAge}). */
  isLabel?: boolean;
}

const AGE_PATTERNS: readonly AgePattern[] = [
  // Digits with a unit, alone or as a list or range: "23 år", "19y", "19 y/o", "17-åriga", "22 och 19 år", "18-25 år".
  {
    scan: new LetterStartScan(new RegExp(String.raw`(?<![\d.,:/-])(${NUMERAL}(?:${LIST_SEP}${NUM}){0,3})${UNIT}`, 'giu')),
    confidence: 0.9,
  },
  // Number words with a unit: "nitton år gammal", "tjugotre år", "twenty-two yo", "seventeen-year-old".
  {
    scan: new LetterStartScan(new RegExp(String.raw`(?<![\p{L}\d])(${NUM_WORD}(?:${LIST_SEP}${NUM}){0,3})${UNIT}`, 'giu')),
    confidence: 0.9,
  },
  // A number word written together with "-åring" / "-årig": "sjuttonåring", "tjugotvååriga".
  {
    scan: new LetterStartScan(new RegExp(String.raw`(?<![\p{L}\d])(${NUM_WORD_CORE})(?:åring(?:ar|en)?|årig[ae]?)(?!\p{L})`, 'giu')),
    confidence: 0.9,
  },
  // A label or a statement before the number: "ålder: 19", "Age 19", "ages 19-21", "jag är 17", "I'm 16", "hon 29", "just turned 18".
  {
    scan: new LetterStartScan(
      new RegExp(
        String.raw`(?<!\p{L})(?:åldern är|åldern|ålder|ages|aged|age|jag är|jag e|i am|i'm|im|är bara|is only|only|just turned|just|fyllda|fyllde|fyllt|men är|fast är|och är|som är|but i'm|but i am|hon är|han är|she is|she's|he is|vi är|we are|hon|han)\s?[:=–-]?\s?(${LIST})${NOT_AN_AGE_AFTER}`,
        'giu',
      ),
    ),
    confidence: 0.85,
    isLabel: true,
  },
];

const LIST_AT = new RegExp(LIST, 'iuy');
const AGE_AFTER = new RegExp(`^${NOT_AN_AGE_AFTER}`, 'iu');
/**
 * After a label, the expression may have backtracked to a shorter list to pass its lookahead
 * ("Jag är 16 och 17 juni": "16" alone passes): the longest list there must pass it too.
 */
function isWholeListAnAge(text: string, listAt: number): boolean {
  LIST_AT.lastIndex = listAt;
  const m = LIST_AT.exec(text);
  if (m === null) return true;
  const end = listAt + m[0].length;
  return AGE_AFTER.test(text.slice(end, end + 24));
}
// "Anna (19)", "Mia (17 år)", "Vi två (19 & 20)": numbers in brackets right after a word
// (PAREN_AGE; the word is read backwards with WORD_BEFORE, as a scan from every letter is slow).
const PAREN_AGE = /\(\s?(\d{2}(?:\s?(?:&|,|och|and|\+)\s?\d{2}){0,3})\s?(?:år|y\/o|yo|y|yrs?|years?)?\s?\)/gu;
const WORD_BEFORE = /(?<!\p{L})(\p{L}+)[ \t]{0,2}$/u;
// "I’m 17" with a typographic apostrophe (phones type it): apart from the label scan, whose
// prefixes must be Latin-1.
const TYPOGRAPHIC_IM = new RegExp(String.raw`(?<!\p{L})i’m\s?(${LIST})${NOT_AN_AGE_AFTER}`, 'giu');
/** Words before "(NN)" that make the number a size, a count or a price rather than an age. */
const NOT_A_NAME = new Set(
  'storlek size bh skor skostorlek strl rum room vecka week nr nummer number kl pris price betyg rating omdömen reviews vikt weight längd height cm kg min tim timme timmar hours kr sek euro lgh lägenhet våning floor sida page dag dagar days bilder pics foto photos måndag tisdag onsdag torsdag fredag lördag söndag monday tuesday wednesday thursday friday saturday sunday januari februari mars april maj juni juli augusti september oktober november december january february march may june july august october'.split(
    ' ',
  ),
);
// "Anna 19 och Mia 17": a name and a bare number, twice (the first name is read backwards with NAME_BEFORE).
const NAME_PAIR = /(?<![\p{L}\d])(\d{2})\s?(?:och|and|&|,)\s?(\p{Lu}\p{Ll}{1,14})\s(\d{2})(?![\d\p{L}%]|[.,:/-]\d)/gu;
const NAME_BEFORE = /(?<![\p{L}\d])(\p{Lu}\p{Ll}{1,14})\s$/u;
// "Linnea, 17" on a line of its own, "Sofia 32, diskret", "Moa 16 – Lisa 19 – Julia 21": a
// capitalised word and a bare number between separators (a line, a comma, a dash, a bar, an
// emoji). The word must not be a label, a place of counting or a street (NOT_A_NAME, NOT_A_NAME_EXTRA,
// STREET); what follows may not be a range, a list of numbers or a unit.
// Found from the number (a scan that begins with a digit is fast); the name is read backwards.
const NAME_AGE_NUMBER = /\d{2}(?=[ \t]*(?:$|,(?![ \t]?\d)|[–—-][ \t](?![ \t]?\d)|[|•·!]|\p{Extended_Pictographic}))/gmu;
const NAME_AGE_SEP = String.raw`(?:[–—|•·!;,]|\s-|\p{Extended_Pictographic}|\uFE0F)[ \t]*(\p{Lu}\p{Ll}{1,14}),?[ \t]$`;
const NAME_AGE_BEFORE = new RegExp(NAME_AGE_SEP, 'u');
const NAME_AGE_BEFORE_AT_LINE = new RegExp(String.raw`(?:^[ \t]*(\p{Lu}\p{Ll}{1,14}),?[ \t]$)|${NAME_AGE_SEP}`, 'u');
const NOT_A_NAME_EXTRA = new Set(
  'buss linje spår hus port kod gate ingång plan plats zon hållplats avfart exit tel tfn telefon mobil öppet open ikväll idag imorgon tonight today tomorrow efter från mellan innan före klockan kl incall outcall bara only nu now ring call sms text mått storlek ålder age år vecka tid time snart nästan almost nearly soon över over under endast minst max'.split(
    ' ',
  ),
);
const STREET = /(?:gatan|vägen|gränd|torget|torg|stigen|backen|allén|allé|leden|platsen|street|road|avenue)$/iu;
// "(23) blond tjej": an age in brackets at the start of a line; not before a count ("(12) bilder").
const COUNT_AFTER =
  /^\s*(?:bilder|bild|pics?|photos?|foton?|recensioner|reviews?|omdömen|kommentarer|comments?|likes|följare|followers|st\b|svar|meddelanden)/iu;
// "Lisa 23", "Anna, 24 – ny i stan": a name and a number at the start of a title.
const TITLE_NAME_AGE = /^\s*\p{Lu}\p{Ll}{1,14},?\s(\d{2})(?![\d+%]|[.,:/-]\d|\s?(?:cm|kg|kr|min|h\b|st\b|tjejer|girls|%|år))/u;
// "i 10 år", "för 5 år sedan", "sedan 20 år", "över 18 år": durations and rules, not ages.
const DURATION_BEFORE =
  /(?<!\p{L})(?:i|för|sedan|in|for|since|på|under|over|över|om|than|än|har jobbat|jobbat|arbetat|bott|levt|varit|snart|almost|nästan)\s$/iu;
// "bott i Sverige 15 år", "jobbat som massör 10 år": a verb of time a few words before.
const LIVED_BEFORE = /(?<!\p{L})(?:bott|levt|jobbat|arbetat|lived|worked)\s(?:\p{L}+\s){1,3}$/iu;
// "en tjej på 16 år", "kille på 25 år": "på" after a person is an age, not a duration.
const PERSON_PÅ_BEFORE =
  /(?<!\p{L})(?:tjej|tjejer|kille|killar|kvinna|kvinnor|man|flicka|flickor|pojke|pojkar|dam|damer|brud|grabb|tös|student|studentska|mamma|mogen|transa|trans)\spå\s$/iu;
function isDurationBefore(text: string, at: number): boolean {
  if (PERSON_PÅ_BEFORE.test(text.slice(Math.max(0, at - 16), at))) return false;
  return DURATION_BEFORE.test(text.slice(Math.max(0, at - 16), at)) || LIVED_BEFORE.test(text.slice(Math.max(0, at - 40), at));
}

/** Finds stated ages in a field: every number of a list or range, each with the phrase as evidence. */
export function findAges(f: FieldText): Extracted<AgeValue>[] {
  const out: Extracted<AgeValue>[] = [];
  const seen = new Set<number>();
  const text = f.text;
  for (const p of AGE_PATTERNS) {
    p.scan.forEachMatch(f, (m) => {
      const list = m[1] ?? '';
      const listAt = m.index + m[0].indexOf(list);
      if (isDurationBefore(text, listAt)) return;
      if (p.isLabel === true && !isWholeListAnAge(text, listAt)) return;
      for (const n of numbersOf(list, listAt)) addAge(out, seen, f, n.years, n.start, m.index, m.index + m[0].length, p.confidence);
    });
  }
  if (text.includes('’')) {
    TYPOGRAPHIC_IM.lastIndex = 0;
    for (let m = TYPOGRAPHIC_IM.exec(text); m !== null; m = TYPOGRAPHIC_IM.exec(text)) {
      const list = m[1] ?? '';
      const listAt = m.index + m[0].indexOf(list);
      if (!isWholeListAnAge(text, listAt)) continue;
      for (const n of numbersOf(list, listAt)) addAge(out, seen, f, n.years, n.start, m.index, m.index + m[0].length, 0.85);
    }
  }
  PAREN_AGE.lastIndex = 0;
  for (let m = PAREN_AGE.exec(text); m !== null; m = PAREN_AGE.exec(text)) {
    const w = WORD_BEFORE.exec(text.slice(Math.max(0, m.index - 24), m.index));
    if (w === null) {
      const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
      if (text.slice(lineStart, m.index).trim() !== '' || COUNT_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 16)))
        continue;
    } else if (NOT_A_NAME.has((w[1] ?? '').toLowerCase())) continue;
    const start = m.index - (w?.[0].length ?? 0);
    const list = m[1] ?? '';
    for (const n of numbersOf(list, m.index + m[0].indexOf(list)))
      addAge(out, seen, f, n.years, n.start, start, m.index + m[0].length, 0.8);
  }
  NAME_PAIR.lastIndex = 0;
  for (let m = NAME_PAIR.exec(text); m !== null; m = NAME_PAIR.exec(text)) {
    const name = NAME_BEFORE.exec(text.slice(Math.max(0, m.index - 17), m.index));
    if (name === null || NOT_A_NAME.has((name[1] ?? '').toLowerCase()) || NOT_A_NAME.has((m[2] ?? '').toLowerCase())) continue;
    const start = m.index - name[0].length;
    const end = m.index + m[0].length;
    addAge(out, seen, f, Number(m[1]), m.index, start, end, 0.7);
    addAge(out, seen, f, Number(m[3]), end - 2, start, end, 0.7);
  }
  NAME_AGE_NUMBER.lastIndex = 0;
  for (let m = NAME_AGE_NUMBER.exec(text); m !== null; m = NAME_AGE_NUMBER.exec(text)) {
    const at = m.index;
    if (at > 0 && /[\d.,:/+-]/u.test(text[at - 1] ?? '')) continue;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const from = Math.max(lineStart, at - 24);
    const b = (from === lineStart ? NAME_AGE_BEFORE_AT_LINE : NAME_AGE_BEFORE).exec(text.slice(from, at));
    const name = b?.[1] ?? b?.[2];
    if (b === null || name === undefined) continue;
    const lower = name.toLowerCase();
    if (NOT_A_NAME.has(lower) || NOT_A_NAME_EXTRA.has(lower) || STREET.test(name) || isDurationBefore(text, at)) continue;
    addAge(out, seen, f, Number(m[0]), at, at - (b[0].length - b[0].indexOf(name)), at + 2, 0.65);
  }
  if (f.field === 'title') {
    const m = TITLE_NAME_AGE.exec(text);
    if (m !== null) addAge(out, seen, f, Number(m[1]), m.index + m[0].length - 2, m.index, m.index + m[0].length, 0.7);
  }
  // In the order the ad states them.
  return out.length > 1 ? out.sort((a, b) => a.evidence.start - b.evidence.start) : out;
}

/**
 * Adds an age in range unless the number at `numAt` was read already (by another pattern);
 * the evidence is the whole phrase [start, end).
 */
function addAge(
  out: Extracted<AgeValue>[],
  seen: Set<number>,
  f: FieldText,
  years: number,
  numAt: number,
  start: number,
  end: number,
  confidence: number,
): void {
  if (years < MIN_AGE || years > MAX_AGE || seen.has(numAt)) return;
  seen.add(numAt);
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
  /(?<!\p{L})(?:ung(?:a)?\s(?:tjej(?:er)?|flick(?:a|or)|kvinna|brud)|ung och (?:ny|fräsch|söt|oskyldig)|young|years young|år ung|nyss fyllt \d\d|precis fyllt \d\d|just turned \d\d|väldigt ung|mycket ung|super ?ung|tonåring(?:ar)?|tonårs(?:tjej|flicka)|tonår|skolflicka|skolflickor|skoltjej|skoluniform|nyss fyllt 18|precis fyllt 18|fyllde 18 nyss|18 nyss|(?:snart|nästan|almost|soon to be|turning) (?:18|arton|eighteen)(?!\s?(?:cm|kg|km|mil|min|kr|sek|h|:|[.,]\d))|barely legal|just turned 18|newly 18|teen(?:s|age|ager)?|young girl|little girl|schoolgirl|petite teen|liten flicka|lillflicka|oskuld|virgin|lolita|barnslig|childlike|innocent|oskyldig|just turned legal|just turned|newly legal|nyss fyllda|nyss fyllt|precis fyllda|precis fyllt)(?!\p{L})/iuy;

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
