/**
 * A small, independent decoder for the phone writings of the synthetic market, used by
 * tests to check that an ad really encodes the numbers its truth line claims. It is not
 * the product's extractor (src/core/extract); it only has to undo the generator's styles.
 */
const WORDS: Record<string, string> = {
  noll: '0',
  ett: '1',
  två: '2',
  tre: '3',
  fyra: '4',
  fem: '5',
  sex: '6',
  sju: '7',
  åtta: '8',
  nio: '9',
  zero: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};
const WORD_RE = new RegExp(`(?<![\\p{L}])(${Object.keys(WORDS).join('|')})(?![\\p{L}])`, 'giu');

/** Normalises text so that every written number becomes a run of digits (with an optional +). */
export function collapsePhoneText(text: string): string {
  let t = text.normalize('NFKC').replace(/\uFE0F?\u20E3/g, '');
  t = t.replace(WORD_RE, (w) => WORDS[w.toLowerCase()] ?? w);
  for (let i = 0; i < 3; i++) {
    t = t.replace(/(\d[\s.*-]?)[Oo]/g, '$10').replace(/[Oo]([\s.*-]?\d)/g, '0$1');
  }
  t = t.replace(/\(0\)/g, '');
  // Remove separators between digits, including a line break.
  for (let i = 0; i < 2; i++) t = t.replace(/([+\d])[\s.*\-()]+(?=\d)/g, '$1');
  return t;
}

/** Whether `text` encodes the E.164 number in any of the generator's writings. */
export function encodesPhone(text: string, e164: string): boolean {
  const t = collapsePhoneText(text);
  const digits = e164.slice(1);
  if (t.includes(digits)) return true;
  if (e164.startsWith('+46')) return t.includes(`0${e164.slice(3)}`);
  return false;
}

/** Digit runs long enough to be a phone number (9 or more digits). */
export function phoneLikeRuns(text: string): string[] {
  return collapsePhoneText(text).match(/\+?\d{9,}/g) ?? [];
}
