import { describe, expect, it } from 'vitest';
import { Rng, WeightedTable } from './prng';

describe('Rng', () => {
  it('gives the same stream for the same label and different streams for others', () => {
    const a = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextUint32()
      )(new Rng('42')),
    );
    const b = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextUint32()
      )(new Rng('42')),
    );
    const c = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextUint32()
      )(new Rng('43')),
    );
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('forks independently of how much the parent consumed', () => {
    const p1 = new Rng('s');
    const p2 = new Rng('s');
    p2.next();
    p2.next();
    expect(p1.fork('x').next()).toBe(p2.fork('x').next());
  });

  it('keeps int, pick and weighted within bounds', () => {
    const r = new Rng('bounds');
    const table = new WeightedTable(['a', 'b', 'c'], [0, 1, 3]);
    const seen = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const n = r.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
      const x = table.draw(r);
      seen.set(x, (seen.get(x) ?? 0) + 1);
    }
    expect(seen.get('a')).toBeUndefined();
    expect(seen.get('c') ?? 0).toBeGreaterThan(2 * (seen.get('b') ?? 0));
  });
});
