/**
 * Refuses common and trivial passwords, offline (NIST SP 800-63B 3.1.1.2: compare against values
 * known to be commonly used, expected or compromised). The list is bundled and small on purpose:
 * a password is folded (lower case, å/ä/ö kept, digits and symbols at the ends and separators
 * removed, leetspeak undone) and refused when what remains is a common word or a trivial pattern,
 * so "Sommar2026!!!" and "P@ssw0rd12345" go with "lösenord1234".
 */

/** Words that make up most leaked and guessed passwords, in Swedish and English, plus this product's names. */
// prettier-ignore
const COMMON_WORDS = new Set([
  'password', 'passw', 'pass', 'passord', 'lösenord', 'losenord', 'losen', 'lösen', 'qwerty', 'qwertyuiop', 'asdfgh',
  'asdfghjkl', 'zxcvbnm', 'azerty', 'abc', 'abcdef', 'letmein', 'welcome', 'välkommen', 'valkommen', 'admin', 'administrator',
  'administratör', 'root', 'user', 'login', 'master', 'secret', 'hemlig', 'hemligt', 'iloveyou', 'jagälskardig', 'monkey',
  'dragon', 'football', 'fotboll', 'baseball', 'sunshine', 'princess', 'shadow', 'superman', 'batman', 'starwars', 'trustno',
  'whatever', 'freedom', 'changeme', 'default', 'test', 'testtest', 'hello', 'hej', 'hejhej', 'sommar', 'vinter', 'hösten',
  'hosten', 'våren', 'varen', 'höst', 'vår', 'januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti',
  'september', 'oktober', 'november', 'december', 'måndag', 'fredag', 'sverige', 'svenska', 'stockholm', 'göteborg',
  'goteborg', 'malmö', 'malmo', 'umeå', 'umea', 'uppsala', 'kommun', 'kommunen', 'socialtjänst', 'socialtjansten', 'polis',
  'polisen', 'fyren', 'fyrenfyren', 'mamma', 'pappa', 'kalle', 'anka', 'kalleanka', 'blomma', 'solsken', 'kärlek', 'karlek',
  'hemma', 'katt', 'hund', 'hästen', 'computer', 'dator', 'internet', 'google', 'microsoft', 'windows', 'apple', 'samsung',
  'summer', 'winter', 'spring', 'autumn', 'monday', 'friday', 'love', 'lovely', 'family', 'familj', 'michael', 'jennifer',
  'thomas', 'daniel', 'johan', 'anna', 'maria', 'erik', 'lars', 'karl', 'peter', 'qazwsx', 'zaq', 'pokemon', 'minecraft',
  'ninja', 'mustang', 'access', 'flower', 'cookie',
]);

const LEET: Record<string, string> = { '@': 'a', '4': 'a', '3': 'e', '1': 'i', '!': 'i', '0': 'o', $: 's', '5': 's', '7': 't' };
const KEYBOARD_ROWS = ['1234567890', 'qwertyuiopå', 'asdfghjklöä', 'zxcvbnm', 'abcdefghijklmnopqrstuvwxyzåäö'];

/** True when the text is one character repeated, or a run along a keyboard row or the alphabet (either direction). */
function isTrivialRun(text: string): boolean {
  if (text.length === 0) return true;
  if (new Set(text).size <= 2) return true;
  for (const row of KEYBOARD_ROWS) {
    for (const line of [row, [...row].reverse().join('')]) {
      // Repeats of a piece of a row, e.g. "123123123123" or "abcabcabc".
      for (let len = 3; len <= line.length; len++)
        for (let start = 0; start + len <= line.length; start++) {
          const piece = line.slice(start, start + len);
          if (piece.repeat(Math.ceil(text.length / len)).startsWith(text) && text.length >= len) return true;
        }
    }
  }
  return false;
}

/** Folds a password to the word underneath it: lower case, no separators, leetspeak undone, digits and symbols trimmed. */
function core(password: string): string {
  const lower = password.toLowerCase().replace(/[\s._\-]+/g, '');
  const trimmed = lower.replace(/^[^a-zåäö]+|[^a-zåäö]+$/g, '');
  return [...trimmed].map((ch) => LEET[ch] ?? ch).join('');
}

/**
 * Why `password` is too easy to guess, or null when it is acceptable. `personal` holds words
 * the password must not be built on (the user name, the display name).
 */
export function passwordWeakness(password: string, personal: readonly string[] = []): string | null {
  const lower = password.toLowerCase();
  if (isTrivialRun(lower.replace(/\s+/g, ''))) return 'a repeated character or a run of keys (like 123456789012 or qwertyuiop)';
  const word = core(password);
  const words = [word, ...word.split(/[^a-zåäö]+/)].filter((w) => w.length > 0);
  if (word.length === 0 || isTrivialRun(word)) return 'only digits and symbols, or a run of keys';
  for (const w of words) {
    if (COMMON_WORDS.has(w)) return `built on a common word ("${w}")`;
    // Repeats of a common word: "sommarsommar", "passwordpassword".
    for (const c of COMMON_WORDS)
      if (c.length >= 3 && w.length > c.length && c.repeat(Math.ceil(w.length / c.length)).startsWith(w))
        return `built on a common word ("${c}")`;
  }
  for (const p of personal) {
    const name = p.toLowerCase().replace(/[\s._\-]+/g, '');
    if (name.length >= 3 && lower.replace(/[\s._\-]+/g, '').includes(name)) return 'built on your user name or name';
  }
  return null;
}
