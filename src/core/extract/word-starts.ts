/**
 * Matching lexicons only where words start. Irregexp tries a big alternation at every
 * position of a text; an ad of 500 characters has about 80 word starts, and most of them
 * cannot begin any entry of a given lexicon. So each field's word starts are found once, with
 * a key of their first two characters, and an expression is tried only at word starts whose
 * key one of its entries can begin with.
 */
import type { FieldText } from './types';

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c < 0xc0 || Number.isNaN(c)) return false;
  // Latin-1 letters (å, ä, ö, é …) without a regex; surrogates (emoji) are not word characters.
  if (c <= 0xff) return c !== 0xd7 && c !== 0xf7;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return LETTER_OR_DIGIT.test(text[i] ?? '');
}

/** Lower-case code of one UTF-16 unit (ASCII and Latin-1 letters; others unchanged). */
function lowerCode(c: number): number {
  if ((c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7)) return c + 32;
  return c;
}

/** All words that start with a digit share one key, whatever follows. */
const DIGIT_KEY = 1;

function prefixKey(text: string, i: number): number {
  const c0 = text.charCodeAt(i);
  if (c0 >= 48 && c0 <= 57) return DIGIT_KEY;
  return lowerCode(c0) * 65536 + (i + 1 < text.length ? lowerCode(text.charCodeAt(i + 1)) : 0);
}

/** The key of a two-character prefix ("ny" → a number; "24" → the digit key). */
export function prefixKeyOf(prefix: string): number {
  return prefixKey(prefix, 0);
}

interface WordStarts {
  pos: Int32Array;
  keys: Float64Array;
}

// Word starts per field object: extractAd passes the same FieldText to every extractor.
const CACHE = new WeakMap<FieldText, WordStarts>();

function wordStartsOf(f: FieldText): WordStarts {
  const hit = CACHE.get(f);
  if (hit !== undefined) return hit;
  const text = f.text;
  const pos: number[] = [];
  let prevIsWord = false;
  for (let i = 0; i < text.length; i++) {
    const isWord = isWordChar(text, i);
    if (isWord && !prevIsWord) pos.push(i);
    prevIsWord = isWord;
  }
  const ws: WordStarts = { pos: Int32Array.from(pos), keys: Float64Array.from(pos, (p) => prefixKey(text, p)) };
  CACHE.set(f, ws);
  return ws;
}

/**
 * Calls `onMatch` for each match of `sticky` (an expression with the `y` flag) that starts
 * at a word start of the field, left to right, without overlaps. With `prefixes` (keys from
 * {@link prefixKeyOf}), only word starts with such a key are tried.
 */
export function matchAtWordStarts(
  sticky: RegExp,
  f: FieldText,
  onMatch: (m: RegExpExecArray) => void,
  prefixes?: ReadonlySet<number> | null,
): void {
  const { pos, keys } = wordStartsOf(f);
  let after = 0;
  for (let k = 0; k < pos.length; k++) {
    const i = pos[k] ?? 0;
    if (i < after) continue;
    if (prefixes !== undefined && prefixes !== null && !prefixes.has(keys[k] ?? 0)) continue;
    sticky.lastIndex = i;
    const m = sticky.exec(f.text);
    if (m !== null && m[0].length > 0) {
      onMatch(m);
      after = m.index + m[0].length;
    }
  }
}

/**
 * Like {@link matchAtWordStarts}, with one expression per prefix key: at each word start only
 * the entries that can begin with its two characters are tried.
 */
export function matchBucketsAtWordStarts(buckets: ReadonlyMap<number, RegExp>, f: FieldText, onMatch: (m: RegExpExecArray) => void): void {
  const { pos, keys } = wordStartsOf(f);
  let after = 0;
  for (let k = 0; k < pos.length; k++) {
    const i = pos[k] ?? 0;
    if (i < after) continue;
    const re = buckets.get(keys[k] ?? 0);
    if (re === undefined) continue;
    re.lastIndex = i;
    const m = re.exec(f.text);
    if (m !== null && m[0].length > 0) {
      onMatch(m);
      after = m.index + m[0].length;
    }
  }
}

/**
 * The two-character prefixes a pattern source can start with (lower case), or null when it
 * starts with a construct this does not expand. A leading lookbehind is skipped; leading
 * groups "(?:a|b)" and "(a|b)" are expanded; a leading digit or \d gives "00" (the digit key).
 */
export function prefixesOf(source: string): string[] | null {
  let src = source;
  const lb = /^\(\?<!(?:\[[^\]]*\]|\\p\{L\}|[^()])*\)/u.exec(src);
  if (lb !== null) src = src.slice(lb[0].length);
  if (src.startsWith('\\d') || /^[0-9]/u.test(src)) return ['00'];
  const open = src.startsWith('(?:') ? 3 : src.startsWith('(') && !src.startsWith('(?') ? 1 : 0;
  if (open > 0) {
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
    const inner = src.slice(open, end);
    const rest = src.slice(end + 1);
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
    const out: string[] = [];
    for (const p of parts) {
      const sub = prefixesOf(p + rest);
      if (sub === null) return null;
      out.push(...sub);
    }
    return out;
  }
  const m = /^[\p{L}\d ']{2}/u.exec(src);
  if (m === null || /[?*+{]/u.test(src.charAt(2)) || /[?*+{]/u.test(src.charAt(1))) return null;
  return [m[0].toLowerCase()];
}

/** The prefix keys of a pattern source, or null when they cannot be known. */
export function prefixKeysOf(source: string): Set<number> | null {
  const p = prefixesOf(source);
  return p === null ? null : new Set(p.map(prefixKeyOf));
}
