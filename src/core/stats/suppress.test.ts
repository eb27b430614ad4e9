import { describe, expect, it } from 'vitest';
import { SECONDARY_MARK, suppressCount, suppressRow, suppressShare } from './suppress';

describe('suppressCount', () => {
  it('publishes counts at or above the threshold and writes smaller ones as "<5"', () => {
    expect(suppressCount(5)).toEqual({ value: 5, display: '5', isSuppressed: false });
    expect(suppressCount(4)).toEqual({ value: null, display: '<5', isSuppressed: true });
    expect(suppressCount(1)).toMatchObject({ value: null, display: '<5' });
  });
  it('suppresses zero unless asked to show it', () => {
    expect(suppressCount(0).isSuppressed).toBe(true);
    expect(suppressCount(0, { isZeroShown: true })).toEqual({ value: 0, display: '0', isSuppressed: false });
  });
  it('uses a configured threshold', () => {
    expect(suppressCount(9, { threshold: 10 }).display).toBe('<10');
    expect(suppressCount(10, { threshold: 10 }).display).toBe('10');
  });
  it('names what was wrong with bad input', () => {
    expect(() => suppressCount(-1)).toThrow(/count must be a finite number ≥ 0, got -1/);
    expect(() => suppressCount(3, { threshold: 0 })).toThrow(/threshold must be an integer ≥ 1, got 0/);
  });
});

describe('suppressShare', () => {
  it('withholds a share whose part or whole is small', () => {
    expect(suppressShare(3, 40).isSuppressed).toBe(true);
    expect(suppressShare(6, 4).isSuppressed).toBe(true);
    expect(suppressShare(10, 40)).toEqual({ value: 0.25, display: '25 %', isSuppressed: false });
  });
});

describe('suppressRow', () => {
  it('withholds the next smallest cell when a published total would reveal a single small one', () => {
    const cells = suppressRow([12, 3, 7, 40], { isTotalPublished: true });
    expect(cells.map((c) => c.display)).toEqual(['12', '<5', SECONDARY_MARK, '40']);
  });
  it('needs no secondary suppression without a total or with two small cells', () => {
    expect(suppressRow([12, 3, 7]).map((c) => c.display)).toEqual(['12', '<5', '7']);
    expect(suppressRow([12, 3, 2, 7], { isTotalPublished: true }).map((c) => c.display)).toEqual(['12', '<5', '<5', '7']);
  });
});
