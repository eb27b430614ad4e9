/**
 * Phone numbers in the synthetic market: generation as E.164 and the many ways ads
 * write them to hide them from simple searches.
 *
 * The numbers are random and well-formed, so some may belong to real people: they
 * must never be called or texted (docs/formats.md says so to every user of the data).
 */
import type { Rng } from './prng';

/** Country of a generated number. */
export type PhoneCountry = 'SE' | 'RO' | 'GB' | 'PL';

/** A new E.164 mobile number for the given country. */
export function generatePhone(rng: Rng, country: PhoneCountry): string {
  const digits = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
    return s;
  };
  switch (country) {
    case 'SE':
      // 070, 072, 073, 076, 079 followed by seven digits.
      return `+467${rng.pick(['0', '2', '3', '6', '9'])}${rng.int(1, 9)}${digits(6)}`;
    case 'RO':
      return `+407${rng.pick(['2', '3', '4', '5', '6', '7'])}${digits(7)}`;
    case 'GB':
      // Ofcom's drama range (07700 900xxx) is rejected by libphonenumber, which the
      // product uses, so UK numbers are ordinary mobile numbers too.
      return `+447${rng.pick(['4', '5', '7', '8', '9'])}${digits(8)}`;
    case 'PL':
      return `+48${rng.pick(['50', '51', '53', '57', '60', '66', '69', '72', '73', '78', '79', '88'])}${digits(7)}`;
  }
}

/** The ways a number can be written; each is a code kept in the truth file. */
export const PHONE_STYLES = [
  'plain',
  'spaced',
  'dots',
  'stars',
  'words-sv',
  'words-en',
  'letter-o',
  'keycap',
  'fullwidth',
  'intl-plus',
  'intl-00',
  'intl-paren-zero',
  'split-line',
  'mixed-words',
] as const;
/** One way of writing a number. */
export type PhoneStyle = (typeof PHONE_STYLES)[number];

/** Styles that hide a number from a naive digit search (the "obscured phone" indicator). */
export const OBSCURING_STYLES: ReadonlySet<PhoneStyle> = new Set([
  'spaced',
  'dots',
  'stars',
  'words-sv',
  'words-en',
  'letter-o',
  'keycap',
  'fullwidth',
  'split-line',
  'mixed-words',
]);

const WORDS_SV = ['noll', 'ett', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio'];
const WORDS_EN = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const KEYCAP = (d: string): string => `${d}\uFE0F\u20E3`;
const FULLWIDTH = (d: string): string => String.fromCharCode(0xff10 + Number(d));

/** Country calling code and national significant number of an E.164 number. */
export function splitE164(e164: string): { cc: string; nsn: string } {
  for (const cc of ['46', '40', '44', '48']) {
    if (e164.startsWith(`+${cc}`)) return { cc, nsn: e164.slice(1 + cc.length) };
  }
  throw new Error(`Unsupported number ${e164}`);
}

/** The number in national form with a trunk 0: "0701234567". */
function national(e164: string): string {
  const { nsn } = splitE164(e164);
  return `0${nsn}`;
}

/** Groups a Swedish national number as people do: "070-123 45 67". */
function groupSwedish(nat: string): string {
  return `${nat.slice(0, 3)}-${nat.slice(3, 6)} ${nat.slice(6, 8)} ${nat.slice(8)}`;
}

function mapDigits(text: string, f: (d: string) => string, sep: string): string {
  return [...text].map((c) => (c >= '0' && c <= '9' ? f(c) : c)).join(sep);
}

/**
 * Writes `e164` in the given style. Foreign numbers keep their country code in the
 * international styles and fall back to "+CC …" for national-only styles, as sellers
 * with foreign numbers do.
 */
export function writePhone(rng: Rng, e164: string, style: PhoneStyle): string {
  const { cc, nsn } = splitE164(e164);
  const isSwedish = cc === '46';
  const nat = isSwedish ? national(e164) : `+${cc}${nsn}`;
  const grouped = isSwedish ? groupSwedish(nat) : `+${cc} ${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`;
  switch (style) {
    case 'plain':
      return rng.chance(0.5) ? grouped : nat;
    case 'spaced':
      return [...nat].join(' ');
    case 'dots':
      return isSwedish ? `${nat.slice(0, 3)}.${nat.slice(3, 6)}.${nat.slice(6, 8)}.${nat.slice(8)}` : [...nat].join('.');
    case 'stars':
      return isSwedish ? `${nat.slice(0, 3)}*${nat.slice(3, 6)}*${nat.slice(6)}` : [...nat].join('*');
    case 'words-sv':
      return mapDigits(nat, (d) => WORDS_SV[Number(d)] ?? d, ' ');
    case 'words-en':
      return mapDigits(nat, (d) => WORDS_EN[Number(d)] ?? d, ' ');
    case 'letter-o':
      return grouped.replace(/0/g, () => (rng.chance(0.5) ? 'O' : 'o'));
    case 'keycap':
      return mapDigits(nat, KEYCAP, '');
    case 'fullwidth':
      return mapDigits(nat, FULLWIDTH, '');
    case 'intl-plus':
      return `+${cc} ${nsn.slice(0, 2)} ${nsn.slice(2, 5)} ${nsn.slice(5, 7)} ${nsn.slice(7)}`;
    case 'intl-00':
      return `00${cc}${nsn}`;
    case 'intl-paren-zero':
      return isSwedish ? `+46 (0)${nsn.slice(0, 2)}-${nsn.slice(2, 5)} ${nsn.slice(5)}` : `+${cc} (0)${nsn}`;
    case 'split-line': {
      const cut = rng.int(4, nat.length - 3);
      return `${nat.slice(0, cut)}\n${nat.slice(cut)}`;
    }
    case 'mixed-words': {
      // Some digits as words, some as digits, some zeros as O.
      return [...nat]
        .map((c) => {
          if (c < '0' || c > '9') return c;
          const r = rng.next();
          if (r < 0.3) return ` ${WORDS_SV[Number(c)] ?? c} `;
          if (r < 0.4 && c === '0') return 'O';
          return c;
        })
        .join('')
        .replace(/\s+/g, ' ')
        .trim();
    }
  }
}

/** Draws a writing style; organised ads obscure their numbers more often. */
export function drawPhoneStyle(rng: Rng, isOrganised: boolean): PhoneStyle {
  if (rng.chance(isOrganised ? 0.35 : 0.6)) return rng.pick(['plain', 'plain', 'intl-plus', 'intl-00', 'intl-paren-zero'] as const);
  return rng.pick(PHONE_STYLES);
}
