import { describe, expect, it } from 'vitest';
import { layoutNetwork } from './network-layout';

const adProfiles = {
  's:1': 'pf-b',
  's:2': 'pf-b',
  's:3': 'pf-b',
  's:4': 'pf-a',
  's:5': 'pf-c',
};

describe('layoutNetwork', () => {
  it('is deterministic: the same network in any key order gives the same picture', () => {
    const reversed = Object.fromEntries(Object.entries(adProfiles).reverse());
    expect(layoutNetwork(reversed)).toEqual(layoutNetwork(adProfiles));
  });

  it('puts profiles in id order on a circle and each ad on its profile’s ring', () => {
    const layout = layoutNetwork(adProfiles);
    expect(layout.profiles.map((p) => p.id)).toEqual(['pf-a', 'pf-b', 'pf-c']);
    expect(layout.ads).toHaveLength(5);
    for (const ad of layout.ads) {
      const p = layout.profiles.find((x) => x.id === ad.profileId)!;
      expect(ad.profileIndex).toBe(p.index);
      expect(Math.hypot(ad.x - p.x, ad.y - p.y)).toBeCloseTo(p.r, 0);
    }
    // A profile with one ad has it at its centre.
    const single = layout.ads.find((a) => a.key === 's:4')!;
    expect([single.x, single.y]).toEqual([layout.profiles[0]!.x, layout.profiles[0]!.y]);
    // No two ads on the same spot, and every ad inside the view box.
    const spots = new Set(layout.ads.map((a) => `${a.x},${a.y}`));
    expect(spots.size).toBe(5);
    const v = layout.viewBox;
    for (const a of layout.ads) {
      expect(a.x).toBeGreaterThan(v.x);
      expect(a.x).toBeLessThan(v.x + v.width);
      expect(a.y).toBeGreaterThan(v.y);
      expect(a.y).toBeLessThan(v.y + v.height);
    }
  });

  it('keeps profile rings apart', () => {
    const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`s:${i}`, `pf-${i % 6}`]));
    const { profiles } = layoutNetwork(many);
    for (const p of profiles) for (const q of profiles) if (p !== q) expect(Math.hypot(p.x - q.x, p.y - q.y)).toBeGreaterThan(p.r + q.r);
  });

  it('centres a network of one profile', () => {
    const { profiles } = layoutNetwork({ 's:1': 'pf-a', 's:2': 'pf-a' });
    expect([profiles[0]!.x, profiles[0]!.y]).toEqual([0, 0]);
  });
});
