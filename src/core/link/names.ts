/**
 * The names an ad presents ("Jag heter Anna", "Bella, 23", "Anna & Bella"). Linking uses
 * them to tell one person from several people behind one number or photo: a number shown
 * with different names at the same time is a shared (booker) number, not a person.
 *
 * Names are read from their position in typical ad phrasing, not from a list of names, so
 * that a name never seen before is still found. Each name keeps the span it was read from.
 */

/** A name read from an ad, lower-cased, with where it was read. */
export interface NameHit {
  /** Lower-case name ("anna"). */
  name: string;
  field: 'title' | 'body';
  start: number;
  end: number;
}

/** Capitalised words that open ads but are not names (Swedish and English). */
const NOT_NAMES = new Set(
  [
    'hej',
    'hejsan',
    'hallå',
    'hello',
    'hi',
    'hey',
    'ny',
    'nya',
    'new',
    'sweet',
    'söt',
    'student',
    'relax',
    'massage',
    'mysig',
    'mys',
    'avkoppling',
    'only',
    'incall',
    'outcall',
    'nice',
    'trevlig',
    'price',
    'pris',
    'call',
    'sms',
    'ring',
    'tel',
    'booking',
    'hotel',
    'hotell',
    'jag',
    'me',
    'my',
    'i',
    'hon',
    'she',
    'tjej',
    'girl',
    'girls',
    'lady',
    'young',
    'ung',
    'real',
    'available',
    'tillgänglig',
    'welcome',
    'välkommen',
    'back',
    'here',
    'här',
    'now',
    'nu',
    'vip',
    'best',
    'good',
    'kisses',
    'always',
    'discreet',
    'diskret',
    'come',
    'kom',
    'friendly',
    'open',
    'öppet',
    'finns',
    'pratar',
    'boka',
    'endast',
    'nås',
    'contact',
    'kontakt',
    'seriös',
    'äkta',
    'the',
    'and',
    'och',
    'also',
    'även',
    'erbjuder',
    'looking',
    'söker',
    'pluggar',
    'gillar',
    'älskar',
    'tycker',
    'skriv',
    'inga',
    'message',
    'halv',
    'just',
    'bara',
    'no',
    'respect',
    'lets',
    'your',
    'trust',
    'photos',
    'genuine',
    'friendly',
    'calm',
  ].map((w) => w.normalize('NFC')),
);

/** A capitalised word: a name candidate. */
const WORD = String.raw`\p{Lu}[\p{Ll}]{1,14}`;

/** Phrasings that put a name in a known place. Group 1 (and 2, for "X & Y") are names. */
const PATTERNS: readonly RegExp[] = [
  // "Jag heter Anna", "Hon heter Anna", "heter Anna"
  new RegExp(String.raw`\bheter\s+(${WORD})\b`, 'gu'),
  // "My name is Anna", "name is Anna"
  new RegExp(String.raw`\bname\s+is\s+(${WORD})\b`, 'gu'),
  // "Anna här", "Anna here"
  new RegExp(String.raw`(?:^|[\s!.,])(${WORD})\s+(?:här|here)\b`, 'gmu'),
  // "me Anna," (broken mixtures: "Hej hej me Anna, 23 år")
  new RegExp(String.raw`\bme\s+(${WORD}),`, 'gu'),
  // Line start "Anna & Bella, 23" / "Anna, 23" / "Anna 23yo" / "Anna – sweet" / "Anna i Umeå" / "Anna in Umeå"
  new RegExp(
    String.raw`^(?:(?:söt|sweet|ny|new)\s+)?(${WORD})(?:\s*&\s*(${WORD}))?(?=\s*,|\s+\d{2}\s*(?:år|yo|y/o|years)?\b|\s+[–-]\s|\s+(?:i|in)\s+\p{Lu})`,
    'gmu',
  ),
  // "Also my friend Bella is here"
  new RegExp(String.raw`\bfriend\s+(${WORD})\b`, 'gu'),
];

/**
 * Reads the names an ad presents from its title and body. Returns each distinct name once
 * (lower-case, first occurrence), in the order found.
 */
export function findNames(title: string | null, body: string | null): NameHit[] {
  const hits: NameHit[] = [];
  const seen = new Set<string>();
  const scan = (field: 'title' | 'body', text: string | null): void => {
    if (!text) return;
    for (const re of PATTERNS) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        for (const g of [1, 2]) {
          const word = m[g];
          if (word === undefined) continue;
          const name = word.normalize('NFC').toLowerCase();
          if (NOT_NAMES.has(name) || seen.has(name)) continue;
          seen.add(name);
          const start = m.index + m[0].indexOf(word);
          hits.push({ name, field, start, end: start + word.length });
        }
      }
    }
  };
  scan('title', title);
  scan('body', body);
  return hits;
}
