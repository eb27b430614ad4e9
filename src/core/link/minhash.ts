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

/** 32-bit FNV-1a of tokens[i..i+SHINGLE_WORDS) joined by single spaces, without building the string. */
function shingleHash(tokens: readonly string[], i: number): number {
  let h = 0x811c9dc5;
  for (let w = 0; w < SHINGLE_WORDS; w++) {
    if (w > 0) {
      h ^= 0x20;
      h = Math.imul(h, 0x01000193);
    }
    const t = tokens[i + w] as string;
    for (let c = 0; c < t.length; c++) {
      h ^= t.charCodeAt(c);
      h = Math.imul(h, 0x01000193);
    }
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
  for (let i = 0; i + SHINGLE_WORDS <= tokens.length; i++) shingles.add(shingleHash(tokens, i));
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

/**
 * The LSH band keys as numbers, for storage and indexing: band × 2³² + band hash (exact in a
 * double and in a PostgreSQL bigint). The same keys as lshBands, in another notation.
 */
export function lshBandNumbers(sig: Uint32Array): number[] {
  const out: number[] = [];
  for (let b = 0; b < LSH_BANDS; b++) out.push(b * 2 ** 32 + bandHash(sig, b));
  return out;
}

/** "b<band>:<hex>" → band × 2³² + hash. Throws on anything else. */
export function bandKeyToNumber(key: string): number {
  const m = /^b(\d{1,2}):([0-9a-f]{1,8})$/.exec(key);
  if (!m || Number(m[1]) >= LSH_BANDS) throw new Error(`not a text band key: ${JSON.stringify(key)}`);
  return Number(m[1]) * 2 ** 32 + parseInt(m[2] as string, 16);
}

/** band × 2³² + hash → "b<band>:<hex>". */
export function bandKeyFromNumber(n: number): string {
  return `b${Math.floor(n / 2 ** 32)}:${(n % 2 ** 32).toString(16)}`;
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Serialises a signature for storage (hex, 8 digits per hash). */
export function signatureToHex(sig: Uint32Array): string {
  let s = '';
  for (let k = 0; k < sig.length; k++) {
    const v = sig[k] as number;
    s +=
      (HEX_BYTE[v >>> 24] as string) +
      (HEX_BYTE[(v >>> 16) & 255] as string) +
      (HEX_BYTE[(v >>> 8) & 255] as string) +
      (HEX_BYTE[v & 255] as string);
  }
  return s;
}

/** Reads a stored signature; null when the text is not a valid signature. */
export function signatureFromHex(hex: string): Uint32Array | null {
  if (hex.length !== MINHASH_SIZE * 8 || !/^[0-9a-f]+$/.test(hex)) return null;
  const sig = new Uint32Array(MINHASH_SIZE);
  for (let k = 0; k < MINHASH_SIZE; k++) sig[k] = parseInt(hex.slice(k * 8, k * 8 + 8), 16);
  return sig;
}
