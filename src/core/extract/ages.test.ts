import { describe, expect, it } from 'vitest';
import { extractAd } from './extract-ad';
import { findAges, findYouthTerms } from './ages';

const years = (text: string): number[] => findAges({ field: 'body', text }).map((a) => a.value.years);

describe('findAges', () => {
  it.each([
    ['Jag är tjugotre år gammal', [23]],
    ['trettiofem år ung', [35]],
    ['tjugo-tre år', [23]],
    ['Seventeen y/o', [17]],
    ['twenty-one years old', [21]],
    ['a seventeen-year-old girl', [17]],
    ['Mia (17) och Anna (19 år)', [17, 19]],
    ['19y', [19]],
    ['19 y/o', [19]],
    ['19-åring', [19]],
    ['Ålder: 19', [19]],
    ['Age - 23', [23]],
    ['Anna 19 och Mia 17', [19, 17]],
    ['Vi är 16 och 17 år gamla', [16, 17]],
    ['from 18 to 25 yrs', [18, 25]],
    ['between 18-35 years of age', [18, 35]],
    ['I’m 17, new here', [17]],
    // Found by the blind corpus (test/fixtures/extract/blind):
    ['har just fyllt 17!!', [17]],
    ['Jag fyller 18 i december men är 17 nu', [17]],
    ['en tjej på 16 år som vill träffa nån', [16]],
    ['Sjuttonåring från Västerås', [17]],
    ['ny i stan\n\nLinnea, 17\n\nring inte', [17]],
    ['Sofia 32, diskret och mysig', [32]],
    ['Moa 16 – Lisa 19 – Julia 21, vi är tre tjejer', [16, 19, 21]],
    ['(23) blond tjej från Lettland', [23]],
  ])('reads %j as %j', (text, expected) => {
    expect(years(text)).toEqual(expected);
  });

  it.each([
    'Mått 85-60-85, 165 cm, 55 kg',
    'Skostorlek 38, storlek (36)',
    'Öppet 20:00-5:00 och öppet 22-5',
    'Rum 19, Storgatan 23',
    '23 recensioner, 100% nöjda',
    '5 min från centrum',
    'Jag har 25 års erfarenhet',
    'för 20 år sedan',
    'Över 18 år endast',
    'Vi är 16 tjejer',
    'Buss 16, 17 och 18 stannar här',
    'Ikväll 21 – ring mig',
    'Öppet 12 - 18 lördag',
    'Hotell nära Kungsgatan 15, port 2',
    '(12) bilder i galleriet',
    'Längd 170, Vikt 55',
    'Snart 18',
    'Vi är 13 stycken, 12 kvinnor',
    'Jag är 16 och 17 juni i Umeå',
    'Söndag 16 och Måndag 17',
    'Har bott i Sverige 15 år',
    'only 16 € per minute',
  ])('reads no age in %j', (text) => {
    expect(years(text)).toEqual([]);
  });

  it('gives each age of a list the whole phrase as evidence', () => {
    const found = findAges({ field: 'body', text: 'Hej! Vi är 22 och 16 år.' });
    expect(found.map((a) => [a.value.years, a.value.isMinor, a.evidence.text])).toEqual([
      [22, false, '22 och 16 år'],
      [16, true, '22 och 16 år'],
    ]);
  });

  it('keeps ambiguous youth wording an indicator, never a stated age', () => {
    for (const text of [
      'ung tjej',
      'just turned legal',
      'skolflicka',
      'hot teen',
      'barely legal',
      'jag är snart 18',
      'nästan arton',
      'almost 18',
      'soon to be 18',
      'turning 18 next month',
    ]) {
      expect(years(text)).toEqual([]);
      expect(findYouthTerms({ field: 'body', text }).length).toBeGreaterThan(0);
    }
  });

  it('reads no youth in a measure or a time after "nästan" or "soon"', () => {
    for (const text of ['nästan 18 cm', 'open soon to be 18:00', 'snart 18 min bort'])
      expect(findYouthTerms({ field: 'body', text })).toEqual([]);
  });

  it('raises STATED_MINOR with the highest weight and the evidence of the age', () => {
    const x = extractAd({ body: 'Lisa (22) och Mia (17), ny i stan' });
    const minor = x.indicators.find((i) => i.code === 'STATED_MINOR');
    expect(minor?.evidence.map((e) => e.text)).toEqual(['Mia (17)']);
    expect(minor?.weight).toBe(Math.max(...x.indicators.map((i) => i.weight)));
  });
});
