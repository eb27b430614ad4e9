import { describe, expect, it } from 'vitest';
import { KOMMUNER, LAN } from './places.data';
import { PLACE_ALIASES } from './aliases.data';
import { findPlaceMentions, foldPlaceName, UNRESOLVED_ALIASES } from './gazetteer';

const codes = (text: string, isLocation = false): string[] => findPlaceMentions(text, isLocation).map((m) => m.kommun.code);

describe('gazetteer', () => {
  it('covers all 290 kommuner and 21 län, each kommun in a police region', () => {
    expect(KOMMUNER).toHaveLength(290);
    expect(LAN).toHaveLength(21);
    for (const k of KOMMUNER) {
      const [m] = findPlaceMentions(k.short, true);
      expect(m?.kommun.code, k.short).toBe(k.code);
      expect(m?.lan.code).toBe(k.countyCode);
      expect(m?.policeRegion).toBeTruthy();
    }
  });

  it('resolves every hand-written alias to an existing kommun, with a source', () => {
    expect(UNRESOLVED_ALIASES).toEqual([]);
    for (const a of PLACE_ALIASES) expect(a.source).toMatch(/^(scb-tatort|kommun-stadsdel|swedavia|usage)$/);
  });

  it.each([
    ['Holmsund', '2480'],
    ['Ersboda', '2480'],
    ['Hisingen', '1480'],
    ['Arlanda', '0191'],
    ['Sthlm', '0180'],
    ['Gbg', '1480'],
    ['Övik', '2284'],
    ['Ornskoldsvik', '2284'],
    ['Goteborg', '1480'],
    ['Upplands Väsby', '0114'],
  ])('resolves %s', (name, code) => {
    expect(codes(`Finns på ${name} nu`)).toEqual([code]);
  });

  it('resolves names that are also words or first names only from context', () => {
    expect(codes('Nora, 23 år')).toEqual([]);
    expect(codes('Jag heter Nora')).toEqual([]);
    expect(codes('Träffas i Nora')).toEqual(['1884']);
    expect(codes('Nora kommun')).toEqual(['1884']);
    expect(codes('Nora', true)).toEqual(['1884']);
    expect(codes('Kan vara flexibel')).toEqual([]);
    expect(codes('Mark my words')).toEqual([]);
    expect(codes('Bara idag')).toEqual([]);
    expect(codes('Jag bor centralt')).toEqual([]);
  });

  it('tells Habo from Håbo and Åre from "are"', () => {
    expect(codes('i Habo')).toEqual(['0643']);
    expect(codes('i Håbo')).toEqual(['0305']);
    expect(codes('Åre')).toEqual(['2321']);
    expect(codes('you are nice')).toEqual([]);
  });

  it('does not take a county for a kommun', () => {
    expect(codes('Stockholms län')).toEqual([]);
  });

  it('folds without changing length', () => {
    expect(foldPlaceName('Örnsköldsvik')).toBe('ornskoldsvik');
    expect(foldPlaceName('Ålidhem').length).toBe('Ålidhem'.length);
  });
});
