/**
 * Languages of an ad: detected with franc-min, always restricted to the languages expected in
 * this market, and stated ones ("pratar svenska och engelska", "I speak English").
 */
import { franc } from 'franc-min';
import type { Extracted, FieldText, LanguageValue } from './types';
import { evidenceOf } from './types';
import { matchAtWordStarts, prefixKeysOf } from './word-starts';

/**
 * Languages expected in the Swedish market that franc-min can tell apart. franc-min has no
 * Norwegian, Danish, Finnish or Thai model; those are found only when stated.
 */
export const EXPECTED_LANGUAGES: readonly string[] = ['swe', 'eng', 'ron', 'pol', 'rus', 'ukr', 'spa', 'por', 'deu', 'hun', 'bul'];

/** Names of languages as written in ads, to ISO 639-3. */
const STATED: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['swe', ['svenska', 'swedish', 'svensk']],
  ['eng', ['engelska', 'english', 'engelsk']],
  ['nor', ['norska', 'norwegian']],
  ['dan', ['danska', 'danish']],
  ['fin', ['finska', 'finnish']],
  ['pol', ['polska', 'polish']],
  ['ron', ['rumänska', 'romanian']],
  ['rus', ['ryska', 'russian']],
  ['ukr', ['ukrainska', 'ukrainian']],
  ['spa', ['spanska', 'spanish', 'español']],
  ['por', ['portugisiska', 'portuguese']],
  ['deu', ['tyska', 'german', 'deutsch']],
  ['fra', ['franska', 'french']],
  ['ita', ['italienska', 'italian']],
  ['bul', ['bulgariska', 'bulgarian']],
  ['hun', ['ungerska', 'hungarian']],
  ['tha', ['thailändska', 'thai']],
  ['vie', ['vietnamesiska', 'vietnamese']],
  ['zho', ['kinesiska', 'chinese', 'mandarin']],
  ['ara', ['arabiska', 'arabic']],
];
const byName = new Map<string, string>();
for (const [code, names] of STATED) for (const n of names) byName.set(n, code);
const NAMES = [...byName.keys()].sort((a, b) => b.length - a.length).join('|');
const STATED_RE = new RegExp(
  String.raw`(?<!\p{L})(?:pratar|talar|speak|speaks|spricht|språk|languages?|sprog)\s?:?\s?(?:(?:bara|endast|only|lite|little|a little|some|good|bra|flytande|fluent|perfect|basic|god)\s)?((?:${NAMES})(?:\s?(?:,|och|and|&|\/|\+)\s?(?:lite\s|little\s|some\s)?(?:${NAMES}))*)(?!\p{L})`,
  'iuy',
);
const STATED_KEYS = prefixKeysOf(STATED_RE.source);
const NAME_RE = new RegExp(`(?<!\\p{L})(?:${NAMES})(?!\\p{L})`, 'giu');

/** Finds languages stated in a field. */
export function findStatedLanguages(f: FieldText): Extracted<LanguageValue>[] {
  const out: Extracted<LanguageValue>[] = [];
  matchAtWordStarts(
    STATED_RE,
    f,
    (m) => {
      const list = m[1] ?? '';
      const listAt = m.index + m[0].lastIndexOf(list);
      NAME_RE.lastIndex = 0;
      for (let n = NAME_RE.exec(list); n !== null; n = NAME_RE.exec(list)) {
        const code = byName.get(n[0].toLowerCase());
        if (code === undefined) continue;
        out.push({
          value: { code, method: 'stated' },
          confidence: 0.9,
          evidence: evidenceOf(f, listAt + n.index, listAt + n.index + n[0].length),
        });
      }
    },
    STATED_KEYS,
  );
  return out;
}

/**
 * How many characters of cleaned text franc-min reads. franc's cost grows with the length of
 * its input; words (not digits, prices or links) carry the signal, so the sample keeps only
 * words of two or more letters.
 */
export const LANGUAGE_SAMPLE_CHARS = 48;
const LETTER = /\p{L}/u;
/** Whether each UTF-16 unit is a letter (\p{L}): 1 yes, 2 no, 0 not yet known (tested once, on first sight). */
const IS_LETTER_UNIT = new Uint8Array(0x10000);
IS_LETTER_UNIT.fill(2, 0xd800, 0xe000);
/** Astral code points seen, and whether they are letters (styled text: "𝐋𝐢𝐬𝐚"). */
const IS_LETTER_ASTRAL = new Map<number, boolean>();

function isLetterCodePoint(cp: number): boolean {
  if (cp <= 0xffff) {
    let l = IS_LETTER_UNIT[cp] ?? 2;
    if (l === 0) {
      l = LETTER.test(String.fromCharCode(cp)) ? 1 : 2;
      IS_LETTER_UNIT[cp] = l;
    }
    return l === 1;
  }
  let is = IS_LETTER_ASTRAL.get(cp);
  if (is === undefined) {
    is = LETTER.test(String.fromCodePoint(cp));
    if (IS_LETTER_ASTRAL.size < 4096) IS_LETTER_ASTRAL.set(cp, is);
  }
  return is;
}

/**
 * The words of two or more letters (\p{L}{2,}, by code point) of a text, joined by spaces,
 * until the sample is {@link LANGUAGE_SAMPLE_CHARS} long or longer. A loop over the text, not
 * an expression: it stops as soon as the sample is long enough.
 */
function languageSample(text: string): string {
  let out = '';
  const n = text.length;
  let i = 0;
  while (i < n && out.length < LANGUAGE_SAMPLE_CHARS) {
    let j = i;
    let letters = 0;
    for (;;) {
      const cp = j < n ? (text.codePointAt(j) ?? 0) : -1;
      if (cp < 0 || !isLetterCodePoint(cp)) break;
      j += cp > 0xffff ? 2 : 1;
      letters++;
    }
    if (letters >= 2) {
      out += out.length === 0 ? text.slice(i, j) : ` ${text.slice(i, j)}`;
      i = j;
    } else if (letters === 1) i = j;
    else i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  }
  return out;
}

/** Letters that only some of the expected languages use. */
const DISTINCT_LETTERS: ReadonlyArray<readonly [string, RegExp]> = [
  ['ron', /[ăâîșțşţ]/iu],
  ['pol', /[ąćęłńśźż]/iu],
  ['deu', /[ßü]/iu],
  ['hun', /[őű]/iu],
  ['spa', /[ñ¿¡]|\b(?:hola|soy|para|chica|estoy)\b/iu],
  ['por', /[ãõç]|\b(?:olá|sou|estou|menina)\b/iu],
];
const CYRILLIC = /[\u0400-\u04ff]/u;
// One quick test before the per-language ones: most ads have none of these.
// (Two expressions: a character class alone is much faster to scan than one alternation.)
const ANY_DISTINCT_LETTER = /[ăâîșțşţąćęłńśźżßüőűñ¿¡ãõç\u0400-\u04ff]/iu;
const ANY_DISTINCT_WORD = /\b(?:hola|soy|para|chica|estoy|olá|sou|menina)\b/iu;
const DISTINCT_WORDS = ['hola', 'soy', 'para', 'chica', 'estoy', 'olá', 'sou', 'menina'];
// Letters that case-fold to ASCII letters under the `iu` flags (ſ → s, K → k): text with them goes to the expression.
const FOLDS_TO_ASCII = /[\u017f\u212a]/u;

/** Whether the text has one of the distinct words: a substring test first, the expression only after a hit. */
function hasDistinctWord(text: string): boolean {
  if (!FOLDS_TO_ASCII.test(text)) {
    const lower = text.toLowerCase();
    if (!DISTINCT_WORDS.some((w) => lower.includes(w))) return false;
  }
  return ANY_DISTINCT_WORD.test(text);
}

/**
 * The languages franc-min compares, from the market's list: Swedish and English always,
 * Cyrillic-script languages when the text has Cyrillic letters, and the others only when
 * the text has a letter or word that only they use. franc's cost grows with every language
 * it compares, and most ads are in Swedish or English.
 */
function candidates(text: string, only: readonly string[]): string[] {
  const out: string[] = only.filter((c) => c === 'swe' || c === 'eng');
  if (!ANY_DISTINCT_LETTER.test(text) && !hasDistinctWord(text)) return out.length > 0 ? out : [...only];
  if (CYRILLIC.test(text)) out.push(...only.filter((c) => c === 'rus' || c === 'ukr' || c === 'bul'));
  for (const [code, re] of DISTINCT_LETTERS) if (only.includes(code) && re.test(text)) out.push(code);
  return out.length > 0 ? out : [...only];
}

// A bounded memo of franc-min's answers: ads are written from templates, so the same sample
// (the first words of a body) recurs across ads. franc is pure, so its answer can be reused.
const FRANC_MEMO = new Map<string, string>();
const FRANC_MEMO_MAX = 20_000;

function francMemo(sample: string, langs: readonly string[]): string {
  const key = `${langs.join(',')}|${sample}`;
  const hit = FRANC_MEMO.get(key);
  if (hit !== undefined) return hit;
  const code = franc(sample, { only: [...langs], minLength: 24 });
  if (FRANC_MEMO.size >= FRANC_MEMO_MAX) FRANC_MEMO.clear();
  FRANC_MEMO.set(key, code);
  return code;
}

/**
 * Detects the main language of a field with franc-min, restricted to {@link EXPECTED_LANGUAGES}.
 * Returns nothing for short texts (under 24 letters), where detection is guesswork.
 */
export function detectLanguage(f: FieldText, only: readonly string[] = EXPECTED_LANGUAGES): Extracted<LanguageValue>[] {
  const sample = languageSample(f.text);
  if (sample.length < 24) return [];
  const code = francMemo(sample, candidates(f.text, only));
  if (code === 'und') return [];
  return [{ value: { code, method: 'detected' }, confidence: 0.7, evidence: evidenceOf(f, 0, f.text.length) }];
}
