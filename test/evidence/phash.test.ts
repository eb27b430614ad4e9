import { describe, expect, it } from 'vitest';
import {
  computePhash,
  hammingDistance,
  isPhash,
  PhashInputError,
  PHASH_INPUT_SIZE,
  PHASH_PROBE_MAX_DISTANCE,
  phashKeys,
  phashProbeKeys,
} from '../../src/core/images/phash';

const N = PHASH_INPUT_SIZE;

/** A deterministic pseudo-random generator, so the noise is the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A synthetic 32×32 picture: a diagonal gradient, a bright disc and a dark bar. */
function picture(): number[] {
  const px: number[] = [];
  for (let y = 0; y < N; y++) {
    for (let x = 0; x < N; x++) {
      let v = (x + y) * 3;
      if ((x - 10) ** 2 + (y - 12) ** 2 < 36) v = 240;
      if (x > 20 && x < 26 && y > 4 && y < 28) v = 15;
      px.push(v);
    }
  }
  return px;
}

/** An unrelated picture: vertical stripes and a checker corner. */
function otherPicture(): number[] {
  const px: number[] = [];
  for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) px.push(x % 8 < 4 ? 200 : 40 + (x < 12 && y > 20 && (x + y) % 2 === 0 ? 100 : 0));
  return px;
}

describe('computePhash', () => {
  it('gives 16 hex digits, the same for the same pixels', () => {
    const a = computePhash(picture());
    expect(isPhash(a)).toBe(true);
    expect(computePhash(Uint8Array.from(picture()))).toBe(a);
    expect(hammingDistance(a, computePhash(picture()))).toBe(0);
  });

  it('is far for the inverted picture (close to 64 bits)', () => {
    const inverted = picture().map((v) => 255 - v);
    expect(hammingDistance(computePhash(picture()), computePhash(inverted))).toBeGreaterThanOrEqual(56);
  });

  it('is close under small noise and a brightness shift', () => {
    const rand = lcg(42);
    const noisy = picture().map((v) => Math.min(255, Math.max(0, v + (rand() - 0.5) * 16)));
    const brighter = picture().map((v) => Math.min(255, v * 1.1 + 10));
    const base = computePhash(picture());
    expect(hammingDistance(base, computePhash(noisy))).toBeLessThanOrEqual(6);
    expect(hammingDistance(base, computePhash(brighter))).toBeLessThanOrEqual(6);
  });

  it('is far for an unrelated picture', () => {
    expect(hammingDistance(computePhash(picture()), computePhash(otherPicture()))).toBeGreaterThanOrEqual(20);
  });

  it('rejects pixels of the wrong shape or non-finite values', () => {
    expect(() => computePhash(new Uint8Array(31 * 31))).toThrow(PhashInputError);
    const bad = picture();
    bad[5] = Number.NaN;
    expect(() => computePhash(bad)).toThrow(PhashInputError);
  });
});

describe('hammingDistance', () => {
  it.each([
    ['0000000000000000', '0000000000000000', 0],
    ['0000000000000000', 'ffffffffffffffff', 64],
    ['8000000000000001', '0000000000000000', 2],
    ['ABCDEF0123456789', 'abcdef0123456789', 0],
    ['f0f0f0f0f0f0f0f0', '0f0f0f0f0f0f0f0f', 64],
  ])('%s vs %s = %i', (a, b, d) => {
    expect(hammingDistance(a, b)).toBe(d);
  });

  it('rejects malformed hashes', () => {
    expect(() => hammingDistance('abc', '0000000000000000')).toThrow(PhashInputError);
    expect(() => hammingDistance('000000000000000g', '0000000000000000')).toThrow(PhashInputError);
  });
});

describe('phash index keys', () => {
  const hex = (n: bigint) => n.toString(16).padStart(16, '0');
  it('cuts a hash into four 16-bit block keys', () => {
    expect(phashKeys('0123456789abcdef')).toEqual([0x0123, 65536 + 0x4567, 2 * 65536 + 0x89ab, 3 * 65536 + 0xcdef]);
    expect(() => phashKeys('xyz')).toThrow(PhashInputError);
  });

  it('probes find every hash within 7 bits and the distance check alone decides', () => {
    const rnd = lcg(7);
    const rand64 = () => (BigInt(Math.floor(rnd() * 2 ** 32)) << 32n) | BigInt(Math.floor(rnd() * 2 ** 32));
    let within = 0;
    let missed = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const a = rand64();
      // Flip d distinct random bits, d from 0 to 9.
      const d = trial % 10;
      let b = a;
      const bits = new Set<number>();
      while (bits.size < d) bits.add(Math.floor(rnd() * 64));
      for (const bit of bits) b ^= 1n << BigInt(bit);
      expect(hammingDistance(hex(a), hex(b))).toBe(d);
      const probes = new Set(phashProbeKeys(hex(a), PHASH_PROBE_MAX_DISTANCE));
      const hit = phashKeys(hex(b)).some((k) => probes.has(k));
      if (d <= PHASH_PROBE_MAX_DISTANCE) {
        within += 1;
        if (!hit) missed += 1;
      }
    }
    expect(within).toBe(2400);
    expect(missed).toBe(0);
    expect(phashProbeKeys('0123456789abcdef', 6)).toHaveLength(68);
    expect(() => phashProbeKeys('0123456789abcdef', 8)).toThrow(PhashInputError);
  });
});
