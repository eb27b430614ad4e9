import { describe, expect, it } from 'vitest';
import { areaRef, kommunName, resolveArea } from './area';

describe('resolveArea', () => {
  it.each([
    ['2480', 'kommun', '2480', 'Umeå'],
    ['umea', 'kommun', '2480', 'Umeå'],
    ['Umeå kommun', 'kommun', '2480', 'Umeå'],
    ['24', 'lan', '24', 'Västerbottens län'],
    ['Västerbottens län', 'lan', '24', 'Västerbottens län'],
    ['Nord', 'polisregion', 'Nord', 'polisregion Nord'],
    ['polisregion Öst', 'polisregion', 'Öst', 'polisregion Öst'],
    // A plain "Stockholm" is the kommun; the region needs its word.
    ['Stockholm', 'kommun', '0180', 'Stockholm'],
    ['polisregion Stockholm', 'polisregion', 'Stockholm', 'polisregion Stockholm'],
  ])('%s → %s %s', (input, kind, id, name) => {
    expect(resolveArea(input)).toMatchObject({ kind, id, name });
  });

  it('resolves a län and a region to all their kommuner', () => {
    expect(resolveArea('24').kommunCodes).toHaveLength(15);
    expect(resolveArea('24').kommunCodes.every((c) => c.startsWith('24'))).toBe(true);
    expect(resolveArea('Nord').kommunCodes).toHaveLength(44); // 7 + 8 + 15 + 14
  });

  it('round-trips through areaRef', () => {
    for (const a of ['2480', '24', 'polisregion Stockholm', 'Syd']) {
      const area = resolveArea(a);
      expect(resolveArea(areaRef(area))).toEqual(area);
    }
  });

  it('names what is wrong with an unknown area', () => {
    expect(() => resolveArea('Atlantis')).toThrow(/unknown area "Atlantis": give a kommun code or name/);
    expect(() => resolveArea('9999')).toThrow(/unknown area "9999"/);
    expect(kommunName('0180')).toBe('Stockholm');
  });
});
