/**
 * The gazetteer: place names in ad text resolved to a kommun, its län and its polisregion.
 *
 * Names come from three sources, in order of precedence: the 290 kommun names (SCB), the
 * hand-written aliases in aliases.data.ts (districts, villages, short forms), and the postal
 * towns (a town that spans kommuner goes to the kommun with most of its postal codes).
 * Matching ignores case and accepts spellings without å, ä and ö. Names that are also common
 * words or first names resolve only from context: the site's location field, a preposition
 * ("i Nora", "från Mora") or a following "kommun"/"centrum". "Nora, 23 år" is a name.
 *
 * The index is built once, when the module is loaded.
 */
import { KOMMUNER, LAN, POSTORTER } from './places.data';
import type { Kommun, Lan, PoliceRegion } from './types';
import { PLACE_ALIASES } from './aliases.data';

/** How a name matched. */
export type PlaceMatchKind = 'kommun' | 'alias' | 'postort';

interface Entry {
  code: string;
  kind: PlaceMatchKind;
  /** Resolves only with context. */
  isAmbiguous: boolean;
}

/** A place mention found in a text. */
export interface PlaceMention {
  kommun: Kommun;
  lan: Lan;
  policeRegion: PoliceRegion;
  kind: PlaceMatchKind;
  start: number;
  end: number;
  /** True when a context word ("i", "från", "kommun") supported the match. */
  hasContext: boolean;
  /** Tense of the mention: "nu i" is current, "tidigare i", "nästa vecka" are not. */
  tense: 'current' | 'other' | 'neutral';
  confidence: number;
}

/**
 * Kommun and postal-town names that are also common Swedish or English words or first
 * names (lower case, folded). They need context. The issue names Nora, Vara, Mark, Ale,
 * Mora, Sala, Boden, Tranås and Habo; the rest were picked by reading the postal-town list.
 */
const AMBIGUOUS = new Set([
  'nora',
  'vara',
  'mark',
  'ale',
  'mora',
  'sala',
  'boden',
  'tranas',
  'habo',
  'berg',
  'kil',
  'eda',
  'kinda',
  'salem',
  'orsa',
  'bara',
  'backe',
  'bor',
  'bro',
  'bua',
  'deje',
  'ed',
  'eket',
  'fors',
  'holm',
  'horn',
  'hult',
  'kalv',
  'lagan',
  'larv',
  'lima',
  'lit',
  'ljung',
  'los',
  'lur',
  'nol',
  'nye',
  'ryd',
  'ro',
  'skog',
  'skruv',
  'tun',
  'valla',
  'vega',
  'viken',
  'as',
  'asa',
  'oje',
  'or',
  'ang',
  'hamra',
  'horda',
  'vena',
  'alby',
  'berga',
  'ekeby',
  'forsa',
  'dalby',
  'kinna',
  'tobo',
  'skee',
  'kode',
  'hova',
  'kisa',
  'tving',
  'ruda',
  'torup',
  'vita',
  'aby',
  'alem',
  'alta',
  'arla',
  'atran',
  'gryt',
  'gimo',
  'glava',
  'hok',
  'hede',
  'indal',
  'jat',
  'kage',
  'konga',
  'kosta',
  'liden',
  'lunde',
  'mjorn',
  'rata',
  'rada',
  'raa',
  'rimbo',
  'rydal',
  'skog',
  'sveg',
  'vedum',
  'vange',
  'vase',
  'ytterby',
  'yxlan',
  'bjorna',
  'tidan',
  'tived',
  'hurva',
  'husum',
  'slite',
  'hemse',
  'gemla',
  'floby',
  'floda',
  'kalix',
  'lund',
  'sandared',
  'teg',
  'tumba',
  'handen',
  'kronan',
  'alvik',
  'duved',
  'sätra',
  'satra',
  'molkom',
  'skare',
  'haga',
  'lima',
  'stuvsta',
  'flen',
  'heby',
  'hjo',
  'bjuv',
  'lomma',
  'kumla',
  'tibro',
  'sunne',
  'klippan',
  'vingaker',
  'laxa',
  'ydre',
  'gnesta',
  'trosa',
  'solna',
  'nacka',
  'kista',
  'arboga',
  'ljusdal',
  'hylte',
  'grums',
  'sater',
  'hede',
  'ange',
  'mala',
  'rattvik',
  'jorn',
  'byske',
  'kage',
  'rosvik',
  'harads',
  'bergby',
  'hille',
  'valbo',
  'jarbo',
  'storvik',
  'gubbangen',
  'nas',
]);
/** Ambiguous names that are still safe when written with a capital letter mid-sentence. */
const SAFE_WHEN_CAPITALISED = new Set([
  'lund',
  'kalix',
  'solna',
  'nacka',
  'kista',
  'arboga',
  'ljusdal',
  'hylte',
  'grums',
  'flen',
  'heby',
  'hjo',
  'bjuv',
  'lomma',
  'kumla',
  'tibro',
  'sunne',
  'vingaker',
  'laxa',
  'ydre',
  'gnesta',
  'trosa',
  'tumba',
  'slite',
  'hemse',
  'husum',
  'floby',
  'floda',
  'gemla',
  'sandared',
  'duved',
  'molkom',
  'rattvik',
  'byske',
  'jorn',
  'rosvik',
  'harads',
  'valbo',
  'storvik',
  'bergby',
  'hille',
  'jarbo',
  'ytterby',
  'gimo',
  'indal',
  'rimbo',
  'sveg',
  'vedum',
  'tidan',
  'hurva',
  'stuvsta',
  'orsa',
  'salem',
  'kinda',
  'eda',
  'alvik',
  'mala',
  'ange',
  'sater',
]);

/**
 * Ambiguous names that are first names rather than Swedish words: after a preposition they
 * resolve even in lower case ("in nora"), where "i mark" or "i boden" would not.
 */
const NAME_LIKE = new Set([
  'nora',
  'mora',
  'sala',
  'ale',
  'habo',
  'tranas',
  'vega',
  'salem',
  'orsa',
  'kinda',
  'eda',
  'alby',
  'asa',
  'tumba',
  'solna',
  'nacka',
  'kista',
  'lund',
  'kalix',
]);

/** Words before a name that make it a place: "i Nora", "från Mora", "nära Sala". */
const CONTEXT_BEFORE = new Set([
  'i',
  'in',
  'från',
  'fran',
  'from',
  'nära',
  'nara',
  'near',
  'utanför',
  'utanfor',
  'outside',
  'centrala',
  'central',
  'runt',
  'kring',
  'besöker',
  'besoker',
  'visiting',
  'visit',
  'till',
  'to',
  'at',
  'vid',
  'mot',
  'genom',
  'via',
  'inresta',
  'plats',
  'ort',
  'stad',
  'location',
  'place',
  'city',
  'incall',
  'outcall',
  'här',
  'har',
  'bor',
  'lives',
  'based',
  'kommer',
  'åker',
  'aker',
]);
/** Words after a name that make it a place: "Nora kommun", "Mora centrum". */
const CONTEXT_AFTER = new Set(['kommun', 'kommuns', 'centrum', 'city', 'c', 'stad', 'tätort', 'station', 'resecentrum', 'hamn']);
/** Words after a name that make it a county, not a kommun: "Stockholms län". */
const COUNTY_AFTER = new Set(['län', 'lan', 'county', 'region', 'läns', 'regionen']);
const CURRENT =
  /(?:(?:^|\s)(?:nu|now|ny|new|här|here|idag|today|ikväll|tonight|just nu|currently|endast|only|ligger|bor|located)\s(?:\S+\s){0,3}$)/iu;
const OTHER =
  /(?:(?:^|\s)(?:tidigare|förra|innan|sist|nästa|next|sedan|efter|later|senare|previously|last|then|därefter|sen|before)\s(?:\S+\s){0,4}$)/iu;

const FOLD: Readonly<Record<string, string>> = {
  å: 'a',
  ä: 'a',
  á: 'a',
  à: 'a',
  æ: 'a',
  ö: 'o',
  ø: 'o',
  ó: 'o',
  é: 'e',
  è: 'e',
  ë: 'e',
  ü: 'u',
  '\u2013': '-',
  '\u00a0': ' ',
};

const FOLD_RE = /[åäáàæöøóéèëü\u2013\u00a0]/gu;
const foldChar = (c: string): string => FOLD[c] ?? c;

/**
 * Lower case, without diacritics: "Örnsköldsvik" → "ornskoldsvik". Keeps the length, so
 * offsets in the folded text are offsets in the original.
 */
export function foldPlaceName(s: string): string {
  const lower = s.toLowerCase();
  if (lower.length === s.length) return lower.replace(FOLD_RE, foldChar);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? '';
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      out += ch;
      continue;
    }
    const lower = ch.toLowerCase();
    const lc = lower.length === 1 ? lower : ch;
    out += FOLD[lc] ?? lc;
  }
  return out;
}

const kommunByCode = new Map<string, Kommun>(KOMMUNER.map((k) => [k.code, k]));
const lanByCode = new Map<string, Lan>(LAN.map((l) => [l.code, l]));
const kommunByShort = new Map<string, Kommun>(KOMMUNER.map((k) => [k.short, k]));

/** The name index: lower-case name as written → entry, and folded name → entry. Built once. */
const EXACT = new Map<string, Entry>();
const INDEX = new Map<string, Entry>();
/** Folded names at most this long need context when the text lacks the diacritics ("are" for Åre). */
const SHORT_FOLDED = 4;
let maxWords = 1;
/** First words of multi-word names ("upplands" for "Upplands Väsby"). */
const FIRST_WORDS = new Set<string>();

function lowerKeepLength(s: string): string {
  let out = '';
  for (const ch of s) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

function addName(name: string, entry: Entry): void {
  const lower = lowerKeepLength(name)
    .replace(/[\s\u00a0]+/gu, ' ')
    .trim();
  const key = foldPlaceName(name).replace(/\s+/gu, ' ').trim();
  if (key.length === 0) return;
  const isAmbiguous = entry.isAmbiguous || AMBIGUOUS.has(key) || key.length <= 2;
  if (!EXACT.has(lower)) EXACT.set(lower, { ...entry, isAmbiguous });
  if (INDEX.has(key)) return;
  INDEX.set(key, { ...entry, isAmbiguous: isAmbiguous || (key !== lower && key.length <= SHORT_FOLDED) });
  const words = key.split(' ');
  maxWords = Math.max(maxWords, words.length);
  if (words.length > 1) FIRST_WORDS.add(words[0] ?? '');
}

for (const k of KOMMUNER) {
  addName(k.short, { code: k.code, kind: 'kommun', isAmbiguous: false });
  addName(k.name, { code: k.code, kind: 'kommun', isAmbiguous: false });
}
/** Alias targets that are not kommun short names (a test asserts this list is empty). */
export const UNRESOLVED_ALIASES: string[] = [];
for (const al of PLACE_ALIASES) {
  const k = kommunByShort.get(al.kommun);
  if (k === undefined) {
    UNRESOLVED_ALIASES.push(`${al.name} → ${al.kommun}`);
    continue;
  }
  addName(al.name, { code: k.code, kind: 'alias', isAmbiguous: false });
}
{
  // A postal town that spans kommuner goes to the kommun with most of its postal codes.
  const best = new Map<string, { code: string; n: number }>();
  for (const p of POSTORTER) {
    const prev = best.get(p.locality);
    if (prev === undefined || p.postalCodes > prev.n) best.set(p.locality, { code: p.kommunCode, n: p.postalCodes });
  }
  for (const [locality, b] of best) addName(locality, { code: b.code, kind: 'postort', isAmbiguous: false });
}

/** Folded code of each lower-case UTF-16 unit ("å" → "a"), as {@link FOLD} does it. */
const FOLD_CODE = new Uint16Array(0x10000).map((_, c) => c);
for (const [from, to] of Object.entries(FOLD)) FOLD_CODE[from.charCodeAt(0)] = to.charCodeAt(0);

function foldedCodeAt(lowered: string, i: number): number {
  return FOLD_CODE[lowered.charCodeAt(i)] ?? 0;
}

/**
 * A cheap signature of a word of lower-case text, as folded: its first two characters, its
 * last character and its length, packed into 30 bits (characters above U+00FF may share
 * bits). Two equal words have equal signatures, so a token whose signature is not in
 * {@link SIGNATURES} is neither a one-word name nor the first word of a longer one, and its
 * slices and map reads can be skipped.
 */
function signature(lowered: string, start: number, end: number): number {
  const len = end - start;
  const c0 = foldedCodeAt(lowered, start) & 0xff;
  const c1 = len > 1 ? foldedCodeAt(lowered, start + 1) & 0xff : 0;
  const cLast = foldedCodeAt(lowered, end - 1) & 0xff;
  return (c0 << 22) | (c1 << 14) | (cLast << 6) | Math.min(len, 63);
}

/** Signatures of the one-word index keys and of the first words of longer names. */
const SIGNATURES = new Set<number>();
for (const key of INDEX.keys()) if (!key.includes(' ')) SIGNATURES.add(signature(key, 0, key.length));
for (const w of FIRST_WORDS) SIGNATURES.add(signature(w, 0, w.length));

/** The signatures hashed to 2^20 bits: a clear bit rules a signature out without a set lookup. */
const SIGNATURE_BITS = new Uint32Array(1 << 15);
const signatureBit = (sig: number): number => (sig ^ (sig >>> 11)) & 0xfffff;
for (const sig of SIGNATURES) {
  const b = signatureBit(sig);
  SIGNATURE_BITS[b >>> 5] = (SIGNATURE_BITS[b >>> 5] ?? 0) | (1 << (b & 31));
}

function hasSignature(sig: number): boolean {
  const b = signatureBit(sig);
  return ((SIGNATURE_BITS[b >>> 5] ?? 0) & (1 << (b & 31))) !== 0 && SIGNATURES.has(sig);
}

/**
 * The folded text ("å" → "a") of lowered[from, to), as {@link foldPlaceName} folds lower-case
 * text ({@link FOLD_CODE} holds {@link FOLD}). Only the slices of tokens that may be names are
 * folded, not the whole text.
 */
function foldedSlice(lowered: string, from: number, to: number): string {
  for (let i = from; i < to; i++) {
    const c = lowered.charCodeAt(i);
    if (FOLD_CODE[c] === c) continue;
    let out = lowered.slice(from, i);
    for (let k = i; k < to; k++) out += String.fromCharCode(FOLD_CODE[lowered.charCodeAt(k)] ?? 0);
    return out;
  }
  return lowered.slice(from, to);
}

/** Whether a token of the lower-case text may be a name, the genitive of one, or a first word. */
function mayBeName(lowered: string, start: number, end: number): boolean {
  if (hasSignature(signature(lowered, start, end))) return true;
  return end - start >= 5 && foldedCodeAt(lowered, end - 1) === 115 && hasSignature(signature(lowered, start, end - 1));
}

/** Looks up a kommun by SCB code. */
export function kommunOf(code: string): Kommun | undefined {
  return kommunByCode.get(code);
}

/** Looks up a län by its two-digit code. */
export function lanOf(code: string): Lan | undefined {
  return lanByCode.get(code);
}

interface Token {
  start: number;
  end: number;
}

const LETTER = /\p{L}/u;

/** Whether each UTF-16 unit above Latin-1 is a letter: 1 yes, 2 no, 0 not yet known (tested once, on first sight). */
const LETTER_ABOVE_LATIN1 = new Uint8Array(0x10000);
LETTER_ABOVE_LATIN1.fill(2, 0xd800, 0xe000);

function isLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c < 0xc0 || Number.isNaN(c)) return false;
  if (c <= 0xff) return c !== 0xd7 && c !== 0xf7;
  let l = LETTER_ABOVE_LATIN1[c] ?? 2;
  if (l === 0) {
    l = LETTER.test(String.fromCharCode(c)) ? 1 : 2;
    LETTER_ABOVE_LATIN1[c] = l;
  }
  return l === 1;
}

/** Words: letters, with hyphens inside ("Malung-Sälen", "Ö-vik"). */
function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isLetter(text, i)) {
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      if (j < n && isLetter(text, j)) j++;
      else if (j + 1 < n && (text.charCodeAt(j) === 45 || text.charCodeAt(j) === 0x2013) && isLetter(text, j + 1)) j += 2;
      else break;
    }
    out.push({ start: i, end: j });
    i = j;
  }
  return out;
}

/**
 * The words of tokens[from..to] of the lower-case text, folded or not, joined by one space:
 * what collapsing the whitespace of their span gives when they are {@link adjacent}.
 */
function joinedWords(lowered: string, tokens: readonly Token[], from: number, to: number, isFolded: boolean): string {
  let out = '';
  for (let k = from; k <= to; k++) {
    const t = tokens[k];
    if (t === undefined) continue;
    const word = isFolded ? foldedSlice(lowered, t.start, t.end) : lowered.slice(t.start, t.end);
    out = k === from ? word : `${out} ${word}`;
  }
  return out;
}

/** One or two spaces (or no-break spaces) between two tokens, nothing else. */
function adjacent(text: string, a: Token, b: Token): boolean {
  if (b.start - a.end < 1 || b.start - a.end > 2) return false;
  for (let i = a.end; i < b.start; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0xa0) return false;
  }
  return true;
}

const NAME_AGE_AFTER = /^\s?,?\s?\d{2}\s?(?:år|y\/?o|yo|years|\b)/iu;

/**
 * Finds place mentions in a text.
 * @param text the text to read
 * @param isLocationField true for a site's location field: every name there is a place
 */
export function findPlaceMentions(text: string, isLocationField = false): PlaceMention[] {
  const tokens = tokenize(text);
  const lower = text.toLowerCase();
  const lowered = lower.length === text.length ? lower : lowerKeepLength(text);
  const out: PlaceMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    let matched = false;
    const head = tokens[i];
    if (head !== undefined && !mayBeName(lowered, head.start, head.end)) {
      i++;
      continue;
    }
    const isFirstWord = head !== undefined && FIRST_WORDS.has(foldedSlice(lowered, head.start, head.end));
    for (let n = isFirstWord ? Math.min(maxWords, tokens.length - i) : 1; n >= 1; n--) {
      let ok = true;
      for (let k = i; k < i + n - 1; k++) {
        const t1 = tokens[k];
        const t2 = tokens[k + 1];
        if (t1 === undefined || t2 === undefined || !adjacent(text, t1, t2)) ok = false;
      }
      if (!ok) continue;
      const first = tokens[i];
      const last = tokens[i + n - 1];
      if (first === undefined || last === undefined) continue;
      // Folded lookup first (one slice, one map read); the exact spelling only decides
      // between names that fold alike (Habo, Håbo).
      const span = n === 1 ? foldedSlice(lowered, first.start, last.end) : joinedWords(lowered, tokens, i, i + n - 1, true);
      let key = span;
      let entry = INDEX.get(key);
      if (entry !== undefined) {
        const exact = EXACT.get(n === 1 ? lowered.slice(first.start, last.end) : joinedWords(lowered, tokens, i, i + n - 1, false));
        if (exact !== undefined) entry = exact;
      } else if (key.length >= 5 && key.charCodeAt(key.length - 1) === 115) {
        // Genitive: "Stockholms", "Umeås".
        key = key.slice(0, -1);
        const lowerKey =
          n === 1 ? lowered.slice(first.start, last.end - 1) : joinedWords(lowered, tokens, i, i + n - 1, false).slice(0, -1);
        const e = EXACT.get(lowerKey) ?? INDEX.get(key);
        if (e !== undefined && e.kind !== 'postort') entry = e;
      }
      if (entry === undefined) continue;
      const raw = text.slice(first.start, last.end);
      const mention = judge(text, tokens, i, i + n - 1, entry, raw, key, isLocationField);
      if (mention !== null) {
        out.push(mention);
        i += n;
        matched = true;
        break;
      }
    }
    if (!matched) i++;
  }
  return out;
}

function judge(
  text: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  entry: Entry,
  raw: string,
  key: string,
  isLocationField: boolean,
): PlaceMention | null {
  const first = tokens[from];
  const last = tokens[to];
  if (first === undefined || last === undefined) return null;
  const prev = tokens[from - 1];
  const next = tokens[to + 1];
  const prevWord =
    prev !== undefined && text.slice(prev.end, first.start).trim().length <= 1 ? text.slice(prev.start, prev.end).toLowerCase() : '';
  const nextWord =
    next !== undefined && text.slice(last.end, next.start).trim() === '' ? text.slice(next.start, next.end).toLowerCase() : '';
  if (COUNTY_AFTER.has(nextWord)) return null;
  const isCapitalised = /^\p{Lu}/u.test(raw);
  const after = text.slice(last.end, last.end + 12);
  const hasContext = CONTEXT_BEFORE.has(prevWord) || CONTEXT_AFTER.has(nextWord);
  const looksLikeName = NAME_AGE_AFTER.test(after) && !CONTEXT_BEFORE.has(prevWord);
  if (!isLocationField) {
    if (entry.isAmbiguous) {
      if (looksLikeName) return null;
      const safe = SAFE_WHEN_CAPITALISED.has(key) && isCapitalised;
      const isLowerOk = NAME_LIKE.has(key) && CONTEXT_BEFORE.has(prevWord);
      if (!safe && !(hasContext && (isCapitalised || isLowerOk)) && !CONTEXT_AFTER.has(nextWord)) return null;
    } else if (entry.kind === 'postort' && !isCapitalised) {
      return null;
    }
  }
  const kommun = kommunByCode.get(entry.code);
  const lan = kommun === undefined ? undefined : lanByCode.get(kommun.countyCode);
  if (kommun === undefined || lan === undefined) return null;
  const before = text.slice(Math.max(0, first.start - 40), first.start);
  const tense = CURRENT.test(before) ? 'current' : OTHER.test(before) ? 'other' : 'neutral';
  const base = entry.kind === 'kommun' ? 0.95 : entry.kind === 'alias' ? 0.9 : 0.8;
  const confidence = isLocationField ? 0.97 : entry.isAmbiguous ? Math.min(base, 0.75) : base;
  return {
    kommun,
    lan,
    policeRegion: lan.policeRegion,
    kind: entry.kind,
    start: first.start,
    end: last.end,
    hasContext,
    tense,
    confidence,
  };
}
