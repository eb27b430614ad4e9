/**
 * Matching lexicons only where words start. Irregexp tries a big alternation at every
 * position of a text; an ad of 500 characters has about 80 word starts, and most of them
 * cannot begin any entry of a given lexicon. So each field's word starts are found once, with
 * keys of their first two and first three characters, and an expression is tried only at word
 * starts whose keys one of its entries can begin with.
 */
import type { FieldText } from './types';

const LETTER = /\p{L}/u;
const NUMBER = /\p{N}/u;

/** Classes of UTF-16 units: not yet known, a letter (\p{L}), a number that is not a letter (\p{N}), anything else. */
const UNKNOWN = 0;
const LETTER_CLASS = 1;
const OTHER_CLASS = 2;
const NUMBER_CLASS = 3;

/**
 * The class of each UTF-16 unit. Latin-1 is filled at once (ASCII letters and digits, and the
 * letters from U+00C0; "ª", "µ" and "º" count as other characters); other units are filled on
 * first sight with the Unicode tests, so those run once per distinct character, not once per
 * character of every ad. Surrogates (emoji) are other characters. Word characters are letters
 * and numbers.
 */
const CHAR_CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 256; c++) {
  const isLetter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7);
  CHAR_CLASS[c] = c >= 48 && c <= 57 ? NUMBER_CLASS : isLetter ? LETTER_CLASS : OTHER_CLASS;
}
CHAR_CLASS.fill(OTHER_CLASS, 0xd800, 0xe000);

function charClass(c: number): number {
  let k = CHAR_CLASS[c] ?? OTHER_CLASS;
  if (k === UNKNOWN) {
    const ch = String.fromCharCode(c);
    k = LETTER.test(ch) ? LETTER_CLASS : NUMBER.test(ch) ? NUMBER_CLASS : OTHER_CLASS;
    CHAR_CLASS[c] = k;
  }
  return k;
}

/** Lower-case code of one UTF-16 unit (ASCII and Latin-1 letters; others unchanged). */
function lowerCode(c: number): number {
  if ((c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7)) return c + 32;
  return c;
}

/**
 * The first two characters of a word, lower case, as one "slot": (first << 8) | second for
 * Latin-1 characters (a one-character word at the end of the text has second 0). A word whose
 * first two characters are not both Latin-1 has {@link NO_SLOT}: every lexicon entry begins
 * with Latin-1 characters (checked when a prefix is added), so no entry can begin there; but a
 * word that starts with a digit followed by a character beyond Latin-1 has
 * {@link DIGIT_ANY_SLOT}, where entries that begin with any digit ("\d+ min") can begin.
 */
const DIGIT_ANY_SLOT = 0x10000;
const NO_SLOT = -1;

/** The prefix {@link prefixesOf} gives for an entry that begins with any digit. */
export const ANY_DIGIT = '\\d';

const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

function slotAt(text: string, i: number): number {
  const c0 = text.charCodeAt(i);
  const l0 = lowerCode(c0);
  const l1 = i + 1 < text.length ? lowerCode(text.charCodeAt(i + 1)) : 0;
  if (l0 <= 0xff && l1 <= 0xff) return (l0 << 8) | l1;
  return isDigitCode(c0) ? DIGIT_ANY_SLOT : NO_SLOT;
}

/** Whether a slot begins with a digit. */
function isDigitSlot(slot: number): boolean {
  return slot === DIGIT_ANY_SLOT || isDigitCode(slot >> 8);
}

/** Third-character key of a word start whose third character is beyond Latin-1: any entry may match. */
const ANY_THIRD = -1;
/** Third-character key of a word start whose first or second character is beyond Latin-1: no three-character prefix matches. */
const NO_THIRD = -2;

/**
 * The key of the first three characters, lower case: (first << 16) | (second << 8) | third.
 * Beyond Latin-1 the expression's own case folding decides, so a third character there gives
 * {@link ANY_THIRD}.
 */
function key3At(text: string, i: number): number {
  const n = text.length;
  const c2 = i + 2 < n ? text.charCodeAt(i + 2) : 0;
  if (c2 >= 0x100) return ANY_THIRD;
  const l0 = lowerCode(text.charCodeAt(i));
  const l1 = i + 1 < n ? lowerCode(text.charCodeAt(i + 1)) : 0;
  if (l0 > 0xff || l1 > 0xff) return NO_THIRD;
  return (l0 << 16) | (l1 << 8) | lowerCode(c2);
}

/**
 * The slot of a two- or three-character prefix, lower case ("ny" → a slot), or
 * {@link DIGIT_ANY_SLOT} for {@link ANY_DIGIT} (with {@link PrefixKeys} and {@link BucketIndex},
 * that stands for every slot that begins with a digit).
 */
export function prefixSlotOf(prefix: string): number {
  if (prefix === ANY_DIGIT) return DIGIT_ANY_SLOT;
  const slot = slotAt(prefix, 0);
  if (slot === NO_SLOT || slot === DIGIT_ANY_SLOT || prefix.length < 2 || (prefix.length > 2 && key3At(prefix, 0) < 0)) {
    throw new Error(`word-starts: prefix "${prefix}" is not two or three Latin-1 characters`);
  }
  return slot;
}

/** Every slot that begins with a digit. */
const DIGIT_SLOTS: readonly number[] = (() => {
  const out = [DIGIT_ANY_SLOT];
  for (let d = 48; d <= 57; d++) for (let c1 = 0; c1 < 256; c1++) out.push((d << 8) | c1);
  return out;
})();

/** How a lexicon admits a slot: not at all, on its two characters, or only for some third characters. */
const NOT_ADMITTED = 0;
const ADMITTED = 1;
const ADMITTED_IF_THIRD = 2;

/**
 * What an expression's entries can begin with: two-character prefixes (any third character
 * follows) and three-character prefixes. A small table by slot answers at once for most word
 * starts; the three-character keys are read only where a slot begins only three-character prefixes.
 */
export class PrefixKeys {
  /** The state of each slot, in rows of 256 (second characters) for the first characters used. */
  private readonly rowOf = new Int16Array(256).fill(-1);
  private rows = new Uint8Array(0);
  /** The state of {@link DIGIT_ANY_SLOT}. */
  private digitAny = NOT_ADMITTED;
  private readonly three = new Set<number>();
  /** Literal heads of the entries by slot, or null when some entry has none (see {@link literalHeadsOf}). */
  private heads: Map<number, number[][]> | null = null;

  /**
   * Sets the literal heads of the expression's entries (null: some entry has none). An entry
   * can match only where one of them does, so {@link headsMatch} is a test before the expression.
   */
  setHeads(heads: readonly string[] | null): void {
    if (heads === null) {
      this.heads = null;
      return;
    }
    const bySlot = new Map<number, number[][]>();
    for (const head of heads) {
      const codes = [...head].map((ch) => ch.charCodeAt(0));
      const slot = slotAt(head, 0);
      if (codes.length < 2 || codes.some((c) => c > 0xff) || slot === NO_SLOT) {
        this.heads = null;
        return;
      }
      bySlot.set(slot, [...(bySlot.get(slot) ?? []), codes]);
    }
    this.heads = bySlot;
  }

  /**
   * False when no literal head of an entry matches at `i` of `text` (whose slot is `slot`), so
   * no entry can match there; true otherwise, or when the heads are not known. A character
   * beyond Latin-1 matches any head character (it could case-fold to it).
   */
  headsMatch(slot: number, text: string, i: number): boolean {
    const heads = this.heads?.get(slot);
    if (heads === undefined) return true;
    const n = text.length;
    for (const head of heads) {
      if (i + head.length > n) continue;
      let q = 2;
      for (; q < head.length; q++) {
        const t = text.charCodeAt(i + q);
        if (t <= 0xff && lowerCode(t) !== head[q]) break;
      }
      if (q === head.length) return true;
    }
    return false;
  }

  /** Whether some entry may begin at a word start of this slot (on its two characters; the third is not read). */
  mayBeginSlot(slot: number): boolean {
    return slot === NO_SLOT || this.stateOf(slot) !== NOT_ADMITTED;
  }

  private stateOf(slot: number): number {
    if (slot === DIGIT_ANY_SLOT) return this.digitAny;
    const row = this.rowOf[slot >> 8] ?? -1;
    return row < 0 ? NOT_ADMITTED : (this.rows[(row << 8) | (slot & 0xff)] ?? NOT_ADMITTED);
  }

  private setState(slot: number, state: number): void {
    if (slot === DIGIT_ANY_SLOT) {
      this.digitAny = state;
      return;
    }
    let row = this.rowOf[slot >> 8] ?? -1;
    if (row < 0) {
      row = this.rows.length >> 8;
      const grown = new Uint8Array(this.rows.length + 256);
      grown.set(this.rows);
      this.rows = grown;
      this.rowOf[slot >> 8] = row;
    }
    this.rows[(row << 8) | (slot & 0xff)] = state;
  }

  /** Adds one prefix (two or three characters, lower case, or {@link ANY_DIGIT}, as from {@link prefixesOf}). */
  add(prefix: string): void {
    if (prefix === ANY_DIGIT) {
      for (const slot of DIGIT_SLOTS) this.setState(slot, ADMITTED);
      return;
    }
    const slot = prefixSlotOf(prefix);
    if (prefix.length < 3) {
      this.setState(slot, ADMITTED);
      return;
    }
    if (this.stateOf(slot) !== ADMITTED) this.setState(slot, ADMITTED_IF_THIRD);
    this.three.add(key3At(prefix, 0));
  }

  /** Whether an entry can begin at the word start `i` of `text`, whose slot is `slot`. */
  admits(slot: number, text: string, i: number): boolean {
    if (slot === NO_SLOT) return false;
    const a = this.stateOf(slot);
    if (a === ADMITTED) return true;
    if (a !== ADMITTED_IF_THIRD) return false;
    const key3 = key3At(text, i);
    return key3 === ANY_THIRD || this.three.has(key3);
  }

  /**
   * Like {@link admits}, but true wherever a character beyond Latin-1 leaves it open (such a
   * character could case-fold to a prefix letter: "K" to "k").
   */
  mayBegin(slot: number, text: string, i: number): boolean {
    if (slot === NO_SLOT || slot === DIGIT_ANY_SLOT) return true;
    const a = this.stateOf(slot);
    if (a === ADMITTED) return true;
    if (a !== ADMITTED_IF_THIRD) return false;
    const key3 = key3At(text, i);
    return key3 < 0 || this.three.has(key3);
  }
}

interface WordStarts {
  /** The text they were found in (a field object's text could be replaced). */
  text: string;
  /** Offsets of the word starts: word characters (letters and numbers) after anything else. */
  pos: number[];
  /** Their slots. */
  slots: number[];
  /** Offsets of the letter starts: letters after anything but a letter (so also after a digit, "5år"). */
  letterPos: number[];
  /** Their slots. */
  letterSlots: number[];
}

// Word starts of the last few field objects: extractAd passes the same FieldText to every
// extractor, one field after another. (A few slots compared by identity, not a WeakMap: every
// ad makes new field objects, and a WeakMap of them costs the garbage collector.)
const CACHE_SLOTS = 4;
const cachedFields: Array<FieldText | null> = new Array<FieldText | null>(CACHE_SLOTS).fill(null);
const cachedStarts: Array<WordStarts | null> = new Array<WordStarts | null>(CACHE_SLOTS).fill(null);
let nextSlot = 0;

function wordStartsOf(f: FieldText): WordStarts {
  for (let k = 0; k < CACHE_SLOTS; k++) {
    const hit = cachedStarts[k];
    if (cachedFields[k] === f && hit !== null && hit !== undefined && hit.text === f.text) return hit;
  }
  const text = f.text;
  const pos: number[] = [];
  const slots: number[] = [];
  const letterPos: number[] = [];
  const letterSlots: number[] = [];
  let prev = OTHER_CLASS;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = c < 0x100 ? (CHAR_CLASS[c] ?? OTHER_CLASS) : charClass(c);
    // Inside a word (or between words) nothing starts.
    if (k === prev) continue;
    if (k !== OTHER_CLASS && prev === OTHER_CLASS) {
      pos.push(i);
      slots.push(slotAt(text, i));
    }
    if (k === LETTER_CLASS && prev !== LETTER_CLASS) {
      letterPos.push(i);
      letterSlots.push(pos[pos.length - 1] === i ? (slots[slots.length - 1] ?? NO_SLOT) : slotAt(text, i));
    }
    prev = k;
  }
  const ws: WordStarts = { text, pos, slots, letterPos, letterSlots };
  cachedFields[nextSlot] = f;
  cachedStarts[nextSlot] = ws;
  nextSlot = (nextSlot + 1) % CACHE_SLOTS;
  return ws;
}

/**
 * Calls `onMatch` for each match of `sticky` (an expression with the `y` flag) that starts
 * at a word start of the field, left to right, without overlaps. With `prefixes` (from
 * {@link prefixKeysOf}), only word starts that one of the expression's entries can begin
 * with are tried; with `mayMatchAt` (a necessary condition of a match at `i`), only those where it holds.
 */
export function matchAtWordStarts(
  sticky: RegExp,
  f: FieldText,
  onMatch: (m: RegExpExecArray) => void,
  prefixes?: PrefixKeys | null,
  mayMatchAt?: (text: string, i: number) => boolean,
): void {
  const { text, pos, slots } = wordStartsOf(f);
  let after = 0;
  for (let k = 0; k < pos.length; k++) {
    const i = pos[k] ?? 0;
    if (i < after) continue;
    if (prefixes !== undefined && prefixes !== null) {
      const slot = slots[k] ?? NO_SLOT;
      if (!prefixes.admits(slot, text, i) || !prefixes.headsMatch(slot, text, i)) continue;
    }
    if (mayMatchAt !== undefined && !mayMatchAt(text, i)) continue;
    sticky.lastIndex = i;
    const m = sticky.exec(text);
    if (m !== null && m[0].length > 0) {
      onMatch(m);
      after = m.index + m[0].length;
    }
  }
}

/** The entries of a lexicon that begin with one two-character prefix: their expression and prefixes. */
export interface Bucket {
  re: RegExp;
  keys: PrefixKeys;
  /** The names of the expression's entries, in order. */
  names: readonly string[];
  /** The number of each entry's capturing group in the expression's matches (parallel to `names`). */
  groupAt: readonly number[];
}

/**
 * Buckets by the slot of their two-character prefix (see {@link prefixSlotOf}). The bucket of
 * {@link DIGIT_ANY_SLOT} also serves every slot that begins with a digit and has no bucket of its own.
 */
export class BucketIndex {
  /** Bucket numbers by slot, in rows of 256 (second characters) for the first characters used. */
  private readonly rowOf = new Int16Array(256).fill(-1);
  private rows = new Int16Array(0);
  private digitAny = -1;
  private readonly list: Bucket[] = [];

  private numberOf(slot: number): number {
    if (slot === DIGIT_ANY_SLOT) return this.digitAny;
    const row = this.rowOf[slot >> 8] ?? -1;
    return row < 0 ? -1 : (this.rows[(row << 8) | (slot & 0xff)] ?? -1);
  }

  /** Sets the bucket of one slot. */
  set(slot: number, bucket: Bucket): void {
    if (this.list.length >= 0x7fff) throw new Error('word-starts: too many buckets');
    const k = this.list.length;
    this.list.push(bucket);
    if (slot === DIGIT_ANY_SLOT) {
      this.digitAny = k;
      return;
    }
    let row = this.rowOf[slot >> 8] ?? -1;
    if (row < 0) {
      row = this.rows.length >> 8;
      const grown = new Int16Array(this.rows.length + 256).fill(-1);
      grown.set(this.rows);
      this.rows = grown;
      this.rowOf[slot >> 8] = row;
    }
    this.rows[(row << 8) | (slot & 0xff)] = k;
  }

  /** The bucket of a slot, if any. */
  get(slot: number): Bucket | undefined {
    if (slot === NO_SLOT) return undefined;
    let k = this.numberOf(slot);
    if (k < 0 && isDigitSlot(slot)) k = this.digitAny;
    return k < 0 ? undefined : this.list[k];
  }
}

/** Whether slot `slot` is served by the bucket of prefix slot `bucketSlot` (itself, or any digit). */
export function servesSlot(bucketSlot: number, slot: number): boolean {
  return bucketSlot === slot || (bucketSlot === DIGIT_ANY_SLOT && isDigitSlot(slot));
}

/**
 * Like {@link matchAtWordStarts}, with one expression per two-character prefix: at each word
 * start only the entries that can begin with its two (and, where known, three) characters are tried.
 */
export function matchBucketsAtWordStarts(buckets: BucketIndex, f: FieldText, onMatch: (m: RegExpExecArray, bucket: Bucket) => void): void {
  const { text, pos, slots } = wordStartsOf(f);
  let after = 0;
  for (let k = 0; k < pos.length; k++) {
    const i = pos[k] ?? 0;
    if (i < after) continue;
    const slot = slots[k] ?? NO_SLOT;
    const bucket = buckets.get(slot);
    if (bucket === undefined || !bucket.keys.admits(slot, text, i) || !bucket.keys.headsMatch(slot, text, i)) continue;
    const re = bucket.re;
    re.lastIndex = i;
    const m = re.exec(text);
    if (m !== null && m[0].length > 0) {
      onMatch(m, bucket);
      after = m.index + m[0].length;
    }
  }
}

/** A leading lookbehind such as "(?<![\p{L}\d])", as the lexicons write them. */
const LEADING_LOOKBEHIND = /^\(\?<!(?:\[[^\]]*\]|\\p\{L\}|[^()])*\)/u;

/**
 * Splits `inner` (the body of a group) at its top-level "|": escapes, character classes and
 * nested groups are skipped.
 */
function topLevelAlternatives(inner: string): string[] {
  const parts: string[] = [];
  let d = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '\\') {
      i++;
      continue;
    }
    if (inner[i] === '[') {
      while (i < inner.length && inner[i] !== ']') i++;
      continue;
    }
    if (inner[i] === '(') d++;
    else if (inner[i] === ')') d--;
    else if (inner[i] === '|' && d === 0) {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inner.slice(start));
  return parts;
}

/**
 * A pattern source that starts with a group, "(?:a|b|c)rest" or "(a|b)rest" (after an optional
 * leading lookbehind, `head`): the group's top-level alternatives and what follows the group.
 * Null when the source does not start with a group, or the group is optional ("(?:…)?", "(?:…)*").
 */
export interface LeadingGroup {
  /** The leading lookbehind, or "". */
  head: string;
  /** "(?:" or "(". */
  open: string;
  alternatives: string[];
  /** The rest of the source after the group's closing parenthesis. */
  rest: string;
}

export function leadingGroupOf(source: string): LeadingGroup | null {
  const lb = LEADING_LOOKBEHIND.exec(source);
  const head = lb === null ? '' : lb[0];
  const group = groupAtStart(source.slice(head.length));
  return group === null ? null : { head, ...group };
}

/** The group `src` starts with (see {@link leadingGroupOf}), without a lookbehind before it. */
function groupAtStart(src: string): Omit<LeadingGroup, 'head'> | null {
  const open = src.startsWith('(?:') ? 3 : src.startsWith('(') && !src.startsWith('(?') ? 1 : 0;
  if (open === 0) return null;
  let depth = 0;
  let end = -1;
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '\\') {
      i++;
      continue;
    }
    if (src[i] === '[') {
      while (i < src.length && src[i] !== ']') i++;
      continue;
    }
    if (src[i] === '(') depth++;
    else if (src[i] === ')' && --depth === 0) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  if (src[end + 1] === '?' || src[end + 1] === '*') return null;
  return { open: src.slice(0, open), alternatives: topLevelAlternatives(src.slice(open, end)), rest: src.slice(end + 1) };
}

/**
 * The prefixes a pattern source can start with (lower case): three characters where they are
 * literal, else two; or null when it starts with a construct this does not expand. A leading lookbehind is skipped; leading
 * groups "(?:a|b)" and "(a|b)" are expanded; a leading \d gives {@link ANY_DIGIT}, and so
 * do leading literal digits unless two or three literal characters are known ("18 nyss" → "18 ",
 * "24\s?h" → "24").
 */
export function prefixesOf(source: string): string[] | null {
  let src = source;
  const lb = LEADING_LOOKBEHIND.exec(src);
  if (lb !== null) src = src.slice(lb[0].length);
  if (src.startsWith('\\d')) return [ANY_DIGIT];
  if (/^[0-9]/u.test(src)) {
    // Literal digits: "18 nyss" → "18 ", "24\s?h" → "24". Otherwise any word that starts with a digit.
    const d3 = /^[0-9][\p{L}\d ']{2}/u.exec(src);
    if (d3 !== null && !/[?*+{]/u.test(src.charAt(3))) return [d3[0].toLowerCase()];
    // (A second character that is a letter could be case-folded from beyond Latin-1: not used.)
    const d2 = /^[0-9][\d ']/u.exec(src);
    return d2 !== null && !/[?*+{]/u.test(src.charAt(2)) ? [d2[0].toLowerCase()] : [ANY_DIGIT];
  }
  if (src.startsWith('(')) {
    // An optional or unclosed leading group, or a lookaround, is not expanded.
    const group = groupAtStart(src);
    if (group === null) return null;
    const out: string[] = [];
    for (const p of group.alternatives) {
      const sub = prefixesOf(p + group.rest);
      if (sub === null) return null;
      out.push(...sub);
    }
    return out;
  }
  const m3 = /^[\p{L}\d ']{3}/u.exec(src);
  if (m3 !== null && !/[?*+{]/u.test(src.charAt(3))) return [m3[0].toLowerCase()];
  const m = /^[\p{L}\d ']{2}/u.exec(src);
  if (m === null || /[?*+{]/u.test(src.charAt(2)) || /[?*+{]/u.test(src.charAt(1))) return null;
  return [m[0].toLowerCase()];
}

/** The prefix keys of a pattern source, or null when they cannot be known. */
export function prefixKeysOf(source: string): PrefixKeys | null {
  const p = prefixesOf(source);
  if (p === null) return null;
  const keys = new PrefixKeys();
  for (const prefix of p) keys.add(prefix);
  keys.setHeads(literalHeadsOf(source));
  return keys;
}

/** Characters with a meaning in a pattern; after a backslash, these stand for themselves. */
const SYNTAX = new Set([...'\\^$.|?*+()[]{}/-']);
const QUANTIFIERS = new Set([...'?*+{']);
const MAX_HEADS = 512;

/**
 * The literal heads a pattern source's matches must begin with (lower case): the longest run
 * of literal characters at its start, through a leading lookbehind and leading groups
 * ("(?:ny i stan|nyss kommit)" → "ny i stan", "nyss kommit"), without a last character that a
 * quantifier makes optional. Null when some branch has a head shorter than two characters or
 * cannot be read ("\\d+", "[…]"), or when there would be too many.
 */
export function literalHeadsOf(source: string): string[] | null {
  let src = source;
  const lb = LEADING_LOOKBEHIND.exec(src);
  if (lb !== null) src = src.slice(lb[0].length);
  if (src.startsWith('(')) {
    const group = groupAtStart(src);
    if (group === null) return null;
    const out: string[] = [];
    for (const alt of group.alternatives) {
      const sub = literalHeadsOf(alt + group.rest);
      if (sub === null || out.length + sub.length > MAX_HEADS) return null;
      out.push(...sub);
    }
    return out;
  }
  // A top-level alternative after the head could match anything: no head then.
  if (topLevelAlternatives(src).length > 1) return null;
  let head = '';
  let k = 0;
  while (k < src.length) {
    const ch = src[k] ?? '';
    if (ch === '\\') {
      const next = src[k + 1] ?? '';
      if (!SYNTAX.has(next)) break;
      head += next;
      k += 2;
      continue;
    }
    if (SYNTAX.has(ch) && ch !== '/' && ch !== '-') break;
    head += ch;
    k++;
  }
  if (QUANTIFIERS.has(src[k] ?? '')) head = head.slice(0, -1);
  const lower = head.toLowerCase();
  return lower.length >= 2 && lower.length === head.length ? [lower] : null;
}

/**
 * A global expression that starts with "(?<!\p{L})" (or "(?<![\p{L}\d])") and whose matches
 * begin with a letter of known prefixes ("(?<!\p{L})(?:telegram|tg)\b"): irregexp scans such
 * an expression at every position of a field, microseconds per field even when nothing
 * matches. A match can only begin at a letter start of the field (a letter after anything but
 * a letter), so the expression is tried, as a sticky expression, only at the letter starts
 * that one of its prefixes can begin, left to right and without overlaps: the same matches as
 * the global scan. An expression of another shape is scanned globally as before.
 */
export class LetterStartScan {
  private readonly sticky: RegExp | null = null;
  private readonly keys: PrefixKeys | null = null;

  /** @param re the expression, with the `g` flag */
  constructor(private readonly re: RegExp) {
    if (!re.global) throw new Error(`LetterStartScan: ${re.source} needs the g flag`);
    if (!re.source.startsWith('(?<!\\p{L})') && !re.source.startsWith('(?<![\\p{L}\\d])')) return;
    const prefixes = prefixesOf(re.source);
    if (prefixes === null || !prefixes.every((p) => charClass(p.charCodeAt(0)) === LETTER_CLASS && p.charCodeAt(0) < 0x100)) return;
    this.keys = new PrefixKeys();
    for (const prefix of prefixes) this.keys.add(prefix);
    this.keys.setHeads(literalHeadsOf(re.source));
    this.sticky = new RegExp(re.source, `${re.flags.replace('g', '')}y`);
  }

  /** Whether the expression is read at letter starts (false: scanned globally). */
  get isAtLetterStarts(): boolean {
    return this.sticky !== null;
  }

  /** Whether a match may begin at a letter start of this slot (false only when none can, on its two characters). */
  mayBeginSlot(slot: number): boolean {
    return this.keys === null || slot === DIGIT_ANY_SLOT || this.keys.mayBeginSlot(slot);
  }

  /**
   * The match that begins at letter start `i` of `text` (whose slot is `slot`), or null, as
   * {@link forEachMatch} tries it there. Only for an expression read at letter starts.
   */
  matchAt(text: string, i: number, slot: number): RegExpExecArray | null {
    const sticky = this.sticky;
    const keys = this.keys;
    if (sticky === null || keys === null || !keys.mayBegin(slot, text, i) || !keys.headsMatch(slot, text, i)) return null;
    sticky.lastIndex = i;
    return sticky.exec(text);
  }

  /** Calls `onMatch` for each match in the field, as a loop over the global expression would. */
  forEachMatch(f: FieldText, onMatch: (m: RegExpExecArray) => void): void {
    const sticky = this.sticky;
    const keys = this.keys;
    if (sticky === null || keys === null) {
      const re = this.re;
      re.lastIndex = 0;
      for (let m = re.exec(f.text); m !== null; m = re.exec(f.text)) onMatch(m);
      return;
    }
    const { text, letterPos, letterSlots } = wordStartsOf(f);
    let after = 0;
    for (let k = 0; k < letterPos.length; k++) {
      const i = letterPos[k] ?? 0;
      if (i < after) continue;
      const slot = letterSlots[k] ?? NO_SLOT;
      if (!keys.mayBegin(slot, text, i) || !keys.headsMatch(slot, text, i)) continue;
      sticky.lastIndex = i;
      const m = sticky.exec(text);
      if (m !== null) {
        onMatch(m);
        // A global scan goes on from the end of the match (an empty match would not move it).
        after = m[0].length > 0 ? m.index + m[0].length : i + 1;
      }
    }
  }
}

/**
 * Several {@link LetterStartScan}s read in one pass over a field's letter starts. Each scan
 * alone would visit every letter start and look up its slot; here one table gives, for each
 * slot, the scans that can begin there, so most letter starts cost one read. The matches are
 * those of each scan's {@link LetterStartScan.forEachMatch}, given scan by scan in order.
 */
export class LetterStartScans {
  /** Bit k set: scan k may begin at a letter start of this slot (see {@link slotAt}). */
  private readonly slotBits = new Uint32Array(0x10000);
  /** Bits of the scans read at letter starts (the others are scanned globally, in their turn). */
  private readonly atLetterBits: number;

  constructor(readonly scans: readonly LetterStartScan[]) {
    if (scans.length > 32) throw new Error('LetterStartScans: at most 32 scans');
    let atLetter = 0;
    scans.forEach((scan, k) => {
      if (!scan.isAtLetterStarts) return;
      atLetter |= 1 << k;
      for (let slot = 0; slot < 0x10000; slot++) if (scan.mayBeginSlot(slot)) this.slotBits[slot] = (this.slotBits[slot] ?? 0) | (1 << k);
    });
    this.atLetterBits = atLetter;
  }

  /** Calls `onMatch(k, m)` for each match of scan k in the field: scan 0's matches in order, then scan 1's, and so on. */
  forEachMatch(f: FieldText, onMatch: (k: number, m: RegExpExecArray) => void): void {
    const { text, letterPos, letterSlots } = wordStartsOf(f);
    const scans = this.scans;
    let found: RegExpExecArray[][] | null = null;
    const after: number[] = new Array<number>(scans.length).fill(0);
    for (let q = 0; q < letterPos.length; q++) {
      const slot = letterSlots[q] ?? NO_SLOT;
      let bits = slot === NO_SLOT || slot === DIGIT_ANY_SLOT ? this.atLetterBits : (this.slotBits[slot] ?? 0);
      if (bits === 0) continue;
      const i = letterPos[q] ?? 0;
      for (let k = 0; bits !== 0; k++, bits >>>= 1) {
        if ((bits & 1) === 0 || i < (after[k] ?? 0)) continue;
        const m = scans[k]?.matchAt(text, i, slot) ?? null;
        if (m === null) continue;
        found ??= scans.map(() => []);
        found[k]?.push(m);
        // A global scan goes on from the end of the match (an empty match would not move it).
        after[k] = m[0].length > 0 ? m.index + m[0].length : i + 1;
      }
    }
    for (let k = 0; k < scans.length; k++) {
      const scan = scans[k];
      if (scan === undefined) continue;
      if (!scan.isAtLetterStarts) {
        scan.forEachMatch(f, (m) => onMatch(k, m));
        continue;
      }
      for (const m of found?.[k] ?? []) onMatch(k, m);
    }
  }
}
