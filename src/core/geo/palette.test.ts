import { describe, expect, it } from 'vitest';
import { classColor, contrastRatio, luminance, MAP_COLORS, SEQUENTIAL } from './palette';

describe('map palette', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(() => luminance('blue')).toThrow(RangeError);
  });

  it('gives boundary, symbol and flow strokes at least 3:1 against the background (WCAG 1.4.11)', () => {
    for (const stroke of [MAP_COLORS.kommunStroke, MAP_COLORS.lanStroke, MAP_COLORS.symbolStroke, MAP_COLORS.flow, MAP_COLORS.hatchLine]) {
      expect(contrastRatio(stroke, MAP_COLORS.background), stroke).toBeGreaterThanOrEqual(3);
    }
    expect(contrastRatio(MAP_COLORS.text, MAP_COLORS.background)).toBeGreaterThanOrEqual(4.5);
  });

  it('runs the sequential classes from light to dark, all different from "no data"', () => {
    const l = SEQUENTIAL.map(luminance);
    for (let i = 1; i < l.length; i++) expect(l[i]!).toBeLessThan(l[i - 1]!);
    expect(luminance(MAP_COLORS.none)).toBeGreaterThan(l[0]!);
    expect(new Set([1, 2, 3, 4, 5].flatMap((k) => Array.from({ length: k }, (_, i) => classColor(i, k)))).size).toBe(5);
    expect(classColor(0, 2)).toBe(SEQUENTIAL[0]);
    expect(classColor(1, 2)).toBe(SEQUENTIAL[4]);
  });
});
