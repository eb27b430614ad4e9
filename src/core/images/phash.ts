/**
 * Perceptual image hash (classic DCT pHash), pure: it takes pixels, never files.
 *
 * Used only to recognise the same picture reused across ads (resized, recompressed,
 * brightened or slightly cropped by a site). There is no face recognition, ever: the hash
 * describes the coarse light/dark layout of a whole picture and nothing else.
 *
 * Algorithm (as in pHash.org's `ph_dct_imagehash`):
 * 1. input: a 32×32 grayscale image, row-major, values 0–255;
 * 2. 2-D DCT-II of the 32×32 block;
 * 3. keep the 8×8 lowest frequencies just past the DC term: rows and columns 1..8, so the
 *    DC coefficient (overall brightness) and the pure-row/pure-column DC terms are excluded
 *    and all 64 bits carry structure;
 * 4. bit = coefficient > median of those 64 coefficients;
 * 5. 64 bits, most significant first (row-major over the 8×8 block) → 16 lowercase hex digits.
 */

/** Side of the square grayscale input that {@link computePhash} expects. */
export const PHASH_INPUT_SIZE = 32;

/** Side of the square block of DCT coefficients that becomes the 64 bits. */
const HASH_SIZE = 8;

/** A 64-bit perceptual hash as 16 lowercase hex digits. */
export type Phash = string;

const PHASH_PATTERN = /^[0-9a-f]{16}$/;

/** cos((2x+1)uπ / 2N) for u in 0..HASH_SIZE (inclusive: we need frequencies 1..8), x in 0..N-1. */
const COS_TABLE: Float64Array = (() => {
  const n = PHASH_INPUT_SIZE;
  const table = new Float64Array((HASH_SIZE + 1) * n);
  for (let u = 0; u <= HASH_SIZE; u++) {
    for (let x = 0; x < n; x++) table[u * n + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * n));
  }
  return table;
})();

/** Thrown when {@link computePhash} gets pixels of the wrong shape, or a hash is malformed. */
export class PhashInputError extends Error {
  override name = 'PhashInputError';
}

/**
 * The perceptual hash of a 32×32 grayscale image.
 *
 * @param gray 1024 luminance values (0–255), row-major.
 * @returns 16 lowercase hex digits.
 * @throws PhashInputError when `gray` does not hold exactly 32×32 finite values.
 */
export function computePhash(gray: ArrayLike<number>): Phash {
  const n = PHASH_INPUT_SIZE;
  if (gray.length !== n * n) throw new PhashInputError(`expected ${n * n} grayscale values, got ${gray.length}`);

  // Separable DCT: first along rows (x → v), only the frequencies we keep, then along columns.
  // Scale factors are omitted: they are positive and equal for every kept coefficient
  // (u, v ≥ 1), so they cannot change which side of the median a coefficient falls on.
  const rowPass = new Float64Array(n * HASH_SIZE); // [y][v-1]
  for (let y = 0; y < n; y++) {
    for (let v = 1; v <= HASH_SIZE; v++) {
      let sum = 0;
      for (let x = 0; x < n; x++) {
        const p = gray[y * n + x] ?? Number.NaN;
        sum += p * (COS_TABLE[v * n + x] ?? 0);
      }
      rowPass[y * HASH_SIZE + (v - 1)] = sum;
    }
  }
  const coeffs = new Float64Array(HASH_SIZE * HASH_SIZE); // [u-1][v-1]
  for (let u = 1; u <= HASH_SIZE; u++) {
    for (let v = 0; v < HASH_SIZE; v++) {
      let sum = 0;
      for (let y = 0; y < n; y++) sum += (rowPass[y * HASH_SIZE + v] ?? 0) * (COS_TABLE[u * n + y] ?? 0);
      coeffs[(u - 1) * HASH_SIZE + v] = sum;
    }
  }
  for (const c of coeffs) if (!Number.isFinite(c)) throw new PhashInputError('grayscale values must be finite numbers');

  const sorted = Float64Array.from(coeffs).sort();
  const median = ((sorted[31] ?? 0) + (sorted[32] ?? 0)) / 2;

  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let value = 0;
    for (let bit = 0; bit < 4; bit++) value = (value << 1) | ((coeffs[nibble * 4 + bit] ?? 0) > median ? 1 : 0);
    hex += value.toString(16);
  }
  return hex;
}

/** Whether `value` is a well-formed {@link Phash} (16 lowercase hex digits). */
export function isPhash(value: string): boolean {
  return PHASH_PATTERN.test(value);
}

/** Set bits per nibble value 0..15. */
const NIBBLE_BITS = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4] as const;

/**
 * The number of differing bits (0–64) between two perceptual hashes.
 *
 * @throws PhashInputError when either argument is not 16 hex digits.
 */
export function hammingDistance(a: Phash, b: Phash): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  if (!isPhash(left) || !isPhash(right)) throw new PhashInputError(`not a 64-bit hex hash: ${JSON.stringify(isPhash(left) ? b : a)}`);
  let distance = 0;
  for (let i = 0; i < 16; i++) {
    const x = Number.parseInt(left.charAt(i), 16) ^ Number.parseInt(right.charAt(i), 16);
    distance += NIBBLE_BITS[x] ?? 0;
  }
  return distance;
}

/**
 * Index keys of a hash, for finding near pictures without comparing against every stored one.
 * The 64 bits are cut into four blocks of 16; each block gives one key, `block × 65536 + value`.
 * Two hashes within 7 bits of each other have a block that differs in at most one bit (were
 * every block two bits apart, the hashes would be eight apart), so probing each block's value
 * and its 16 one-bit neighbours ({@link phashProbeKeys}) finds every near hash: exact, never
 * approximate.
 *
 * @throws PhashInputError when `hash` is not 16 hex digits.
 */
export function phashKeys(hash: Phash): number[] {
  const h = hash.toLowerCase();
  if (!isPhash(h)) throw new PhashInputError(`not a 64-bit hex hash: ${JSON.stringify(hash)}`);
  return [0, 1, 2, 3].map((b) => b * 65536 + Number.parseInt(h.slice(b * 4, b * 4 + 4), 16));
}

/** The largest Hamming distance {@link phashProbeKeys} finds every hash within. */
export const PHASH_PROBE_MAX_DISTANCE = 7;

/**
 * The keys to probe for every stored hash within `maxDistance` bits of `hash`: each block's own
 * key and its 16 one-bit neighbours (68 keys). A candidate still needs its exact distance checked.
 *
 * @throws PhashInputError when `hash` is malformed or `maxDistance` is above {@link PHASH_PROBE_MAX_DISTANCE}.
 */
export function phashProbeKeys(hash: Phash, maxDistance: number): number[] {
  if (!(maxDistance >= 0 && maxDistance <= PHASH_PROBE_MAX_DISTANCE))
    throw new PhashInputError(`the phash index finds distances up to ${PHASH_PROBE_MAX_DISTANCE}, not ${maxDistance}`);
  const keys: number[] = [];
  for (const key of phashKeys(hash)) {
    const block = key - (key % 65536);
    const value = key % 65536;
    keys.push(key);
    for (let bit = 0; bit < 16; bit++) keys.push(block + (value ^ (1 << bit)));
  }
  return keys;
}
