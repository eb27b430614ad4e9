/**
 * Near-duplicate and templated text: MinHash signatures over word shingles, and LSH bands
 * that find candidate pairs without comparing every ad with every other.
 *
 * Tokens keep Swedish letters (å, ä, ö) and fold case; numbers become one token "#" so a
 * changed price does not break a re-posted text. Shingles are three words long.
 */

/** Number of hash functions in a signature. */
export const MINHASH_SIZE = 64;
/** LSH: bands × rows = MINHASH_SIZE. 16 bands of 4 rows find pairs from Jaccard ≈ 0.5. */
export const LSH_BANDS = 16;
const ROWS = MINHASH_SIZE / LSH_BANDS;
const SHINGLE_WORDS = 3;

/** Words of a text: letters (any script, å ä ö kept) and digits, lower-cased; numbers as "#". */
export function textTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text
    .normalize('NFC')
    .toLowerCase()
    .matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    out.push(/^\p{N}+$/u.test(w) ? '#' : w);
  }
  return out;
}

/** 32-bit FNV-1a of a string. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Fixed odd multipliers and offsets of the hash family (deterministic, from a seed walk). */
const MULT = new Uint32Array(MINHASH_SIZE);
const ADD = new Uint32Array(MINHASH_SIZE);
{
  let x = 0x9e3779b9;
  const next = (): number => {
    // xorshift32
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  for (let i = 0; i < MINHASH_SIZE; i++) {
    MULT[i] = next() | 1;
    ADD[i] = next();
  }
}

/** Mixes a 32-bit value (murmur3 finaliser) so that the permutations behave independently. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The MinHash signature of a text, or null when it has fewer than SHINGLE_WORDS words
 * (too short to compare).
 */
export function minhashSignature(text: string): Uint32Array | null {
  const tokens = textTokens(text);
  if (tokens.length < SHINGLE_WORDS) return null;
  const shingles = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= tokens.length; i++) shingles.add(fnv1a(tokens.slice(i, i + SHINGLE_WORDS).join(' ')));
  const sig = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const s of shingles) {
    for (let k = 0; k < MINHASH_SIZE; k++) {
      const h = mix((Math.imul(s, MULT[k] as number) + (ADD[k] as number)) >>> 0);
      if (h < (sig[k] as number)) sig[k] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two signatures (share of equal positions). */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < MINHASH_SIZE; k++) if (a[k] === b[k]) same++;
  return same / MINHASH_SIZE;
}

/** The hash of one LSH band of a signature (32-bit). */
export function bandHash(sig: Uint32Array, band: number): number {
  let h = 0x811c9dc5 ^ band;
  for (let r = 0; r < ROWS; r++) {
    h ^= sig[band * ROWS + r] as number;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The LSH band keys of a signature: "b<band>:<hex>". Two texts sharing a key are candidates. */
export function lshBands(sig: Uint32Array): string[] {
  const out: string[] = [];
  for (let b = 0; b < LSH_BANDS; b++) out.push(`b${b}:${bandHash(sig, b).toString(16)}`);
  return out;
}

/** Serialises a signature for storage (hex, 8 digits per hash). */
export function signatureToHex(sig: Uint32Array): string {
  let s = '';
  for (const v of sig) s += v.toString(16).padStart(8, '0');
  return s;
}

/** Reads a stored signature; null when the text is not a valid signature. */
export function signatureFromHex(hex: string): Uint32Array | null {
  if (hex.length !== MINHASH_SIZE * 8 || !/^[0-9a-f]+$/.test(hex)) return null;
  const sig = new Uint32Array(MINHASH_SIZE);
  for (let k = 0; k < MINHASH_SIZE; k++) sig[k] = parseInt(hex.slice(k * 8, k * 8 + 8), 16);
  return sig;
}
