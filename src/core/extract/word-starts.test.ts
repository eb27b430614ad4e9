import { describe, expect, it } from 'vitest';
import type { FieldText } from './types';
import { LetterStartScan, LetterStartScans } from './word-starts';

const PATTERNS = [
  /(?<!\p{L})(?:telegram|tg|telegramm)\b/giu,
  /(?<!\p{L})(?:snapchat|snap|sc|👻)(?!\p{L})/giu,
  /(?<!\p{L})(?:instagram|insta|ig)\b/giu,
  /(?<!\p{L})(?:onlyfans|only fans|of)\b/giu,
  /(?<!\p{L})(?:whatsapp|whats app|watsapp|whatsap|wapp|wa)(?!\p{L})/giu,
  /(?<!\p{L})line id\b/giu,
];

const TEXTS = [
  'Snap: lisa_23, Telegram @lisa och WhatsApp 070-123 45 67',
  'INSTAGRAM insta IG ig: anna.b – OnlyFans only fans of course',
  '👻 lisa98 👻snap SC sc tgtelegram telegramm',
  'Kontakta mig på Whats App eller wa, line id: lisa',
  'ǅsnap Ésnap éwa Ωwa 𝐖𝐚 wa',
  '',
  'no keywords at all in this text',
];

/** Each scan on its own, one after another: what LetterStartScans must give. */
function oneByOne(scans: readonly LetterStartScan[], f: FieldText): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  scans.forEach((scan, k) => scan.forEachMatch(f, (m) => out.push([k, m.index, m[0]])));
  return out;
}

describe('LetterStartScans', () => {
  it('gives the matches of each scan on its own, scan by scan', () => {
    const scans = PATTERNS.map((re) => new LetterStartScan(re));
    const together = new LetterStartScans(scans);
    let total = 0;
    for (const text of TEXTS) {
      const expected = oneByOne(
        PATTERNS.map((re) => new LetterStartScan(new RegExp(re.source, re.flags))),
        { field: 'body', text },
      );
      const got: Array<[number, number, string]> = [];
      together.forEachMatch({ field: 'body', text }, (k, m) => got.push([k, m.index, m[0]]));
      expect(got, text).toEqual(expected);
      total += got.length;
    }
    // The texts do hold matches: the comparison is not between two empty lists.
    expect(total).toBeGreaterThanOrEqual(15);
  });

  it('reads a scan that cannot be read at letter starts globally, in its turn', () => {
    const emoji = new LetterStartScan(/(?<!\p{L})(?:snap|👻)(?!\p{L})/giu);
    const plain = new LetterStartScan(/(?<!\p{L})kik\b/giu);
    expect(emoji.isAtLetterStarts).toBe(false);
    const got: Array<[number, string]> = [];
    new LetterStartScans([plain, emoji]).forEachMatch({ field: 'title', text: 'kik 👻 snap kik' }, (k, m) => got.push([k, m[0]]));
    expect(got).toEqual([
      [0, 'kik'],
      [0, 'kik'],
      [1, '👻'],
      [1, 'snap'],
    ]);
  });
});
