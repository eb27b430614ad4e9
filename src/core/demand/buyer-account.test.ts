import { describe, expect, it } from 'vitest';
import { addWeeks, ageBandOf, isoWeekNumber, parseAgeBand, parseSiteDate, pseudonymOf, resolveStatedPlace, weekOf } from './buyer-account';
import { areaChange, displacementWeeks, summariseDisplacement } from './displacement';
import { ancestors, isWithin, neighbouringKommuner, parseArea } from './areas';
import { renderTrendChart } from './trend-chart';
import { simulateBuyers, DEFAULT_BUYER_OPERATION } from '../market/simulate-buyers';

describe('stated places of buyer-side accounts', () => {
  it.each([
    ['Umeå', 'kommun', '2480', '24'],
    ['Holmsund', 'town', '2480', '24'],
    ['Västerbottens län', 'lan', null, '24'],
    ['Västerbotten', 'lan', null, '24'],
    ['Stockholms län', 'lan', null, '01'],
    ['Stockholm', 'kommun', '0180', '01'],
    ['Hemlig ort', 'none', null, null],
    ['', 'none', null, null],
  ] as const)('%s → %s', (text, level, kommun, lan) => {
    const p = resolveStatedPlace(text);
    expect([p.level, p.kommunCode, p.lanCode]).toEqual([level, kommun, lan]);
  });

  it('uses a separate län field when the place names no kommun, and never puts a län-only account in a kommun', () => {
    expect(resolveStatedPlace(null, 'Norrbottens län')).toEqual({ level: 'lan', kommunCode: null, lanCode: '25', policeRegion: 'Nord' });
    expect(resolveStatedPlace('Luleå', 'Norrbottens län').kommunCode).toBe('2580');
  });
});

describe('age bands, dates and weeks', () => {
  it.each([
    ['52', '45-54'],
    ['45–54 år', '45-54'],
    ['18-24', '18-24'],
    ['65+ år', '65+'],
    ['17', null],
    ['okänd', null],
  ] as const)('%s → %s', (text, band) => expect(parseAgeBand(text)).toBe(band));

  it('bands every age from 18', () => {
    expect([18, 24, 25, 34, 35, 64, 65, 90].map(ageBandOf)).toEqual(['18-24', '18-24', '25-34', '25-34', '35-44', '55-64', '65+', '65+']);
  });

  it('reads ISO dates and refuses others', () => {
    expect(parseSiteDate('2026-03-02T20:00:00Z')?.toISOString()).toBe('2026-03-02T20:00:00.000Z');
    expect(parseSiteDate('2026-02-30')).toBeNull();
    expect(parseSiteDate('i går')).toBeNull();
  });

  it('names a week by its Monday', () => {
    expect(weekOf('2026-03-08')).toBe('2026-03-02'); // a Sunday
    expect(weekOf('2026-03-02')).toBe('2026-03-02');
    expect(addWeeks('2026-03-02', -1)).toBe('2026-02-23');
    expect(isoWeekNumber('2026-03-02')).toEqual({ year: 2026, week: 10 });
  });
});

describe('keyed pseudonyms', () => {
  it('are the same for the same handle across sites and case, differ by secret, and never contain the handle', () => {
    const a = pseudonymOf('s'.repeat(32), 'Nordkarl_74');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(pseudonymOf('s'.repeat(32), ' nordkarl_74 ')).toBe(a);
    expect(pseudonymOf('t'.repeat(32), 'Nordkarl_74')).not.toBe(a);
    expect(a).not.toContain('nordkarl');
  });
});

describe('areas and neighbours', () => {
  it('parses areas, knows containment, and reads neighbours from the boundaries', () => {
    expect(parseArea('kommun:2480')).toEqual({ level: 'kommun', code: '2480' });
    expect(parseArea('kommun:9999')).toBeNull();
    expect(parseArea('polisregion:nord')).toEqual({ level: 'polisregion', code: 'Nord' });
    expect(ancestors({ level: 'kommun', code: '2480' })).toEqual([
      { level: 'lan', code: '24' },
      { level: 'polisregion', code: 'Nord' },
      { level: 'land', code: 'SE' },
    ]);
    expect(isWithin({ level: 'kommun', code: '2480' }, { level: 'lan', code: '25' })).toBe(false);
    expect(neighbouringKommuner('2480')).toEqual(['2401', '2404', '2409', '2460', '2482']);
    expect(neighbouringKommuner('0980')).toEqual([]); // Gotland
  });
});

describe('displacement', () => {
  it('compares the mean of whole weeks before and after the event week, suppressing small means', () => {
    const w = displacementWeeks('2026-03-11', 2);
    expect(w).toEqual({ before: ['2026-02-23', '2026-03-02'], after: ['2026-03-16', '2026-03-23'] });
    const counts = new Map([
      ['2026-02-23', 20],
      ['2026-03-02', 22],
      ['2026-03-09', 99],
      ['2026-03-16', 10],
      ['2026-03-23', 11],
    ]);
    const c = areaChange(counts, w, 5);
    expect([c.before.display, c.after.display, c.changePercent]).toEqual(['21', '11', -50]);
    const small = areaChange(new Map([['2026-02-23', 4]]), w, 5);
    expect([small.before.display, small.changePercent]).toEqual(['<5', null]);
    const text = summariseDisplacement({ title: 'Insats', date: '2026-03-11' }, 2, [
      { role: 'event', nameSv: 'Umeå', nameEn: 'Umeå', change: c },
      { role: 'compare', nameSv: 'Bjurholm', nameEn: 'Bjurholm', change: small },
    ]);
    expect(text.sv).toContain('I Umeå minskade med 50 %, från i snitt 21 till 11 aktiva köparkonton i veckan.');
    expect(text.sv).toContain('I Bjurholm är antalen för små för att redovisas.');
    expect(text.en).toContain('In Umeå it fell by 50%');
  });
});

describe('the trend chart', () => {
  it('draws one marker per event, breaks the line at suppressed weeks, and has a title and description', () => {
    const svg = renderTrendChart({
      weeks: ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'],
      panels: [{ label: 'Efterfrågan <a&b>', values: [10, null, 12, 14], color: '#08519c' }],
      events: [{ date: '2026-03-11', label: 'Insats' }],
      title: 'T',
      description: 'D',
      weekLabel: (n) => `v.${n}`,
    });
    expect(svg).toContain('<title id="trend-title">T</title>');
    expect(svg.match(/class="event-marker"/g)).toHaveLength(1);
    expect(svg).toContain('Efterfrågan &lt;a&amp;b&gt;');
    const d = /<path d="([^"]+)"/.exec(svg)![1]!;
    expect(d.match(/M/g)).toHaveLength(2); // two segments around the suppressed week
    expect(svg).toContain('v.10');
  });
});

describe('the synthetic buyer side', () => {
  const config = { seed: 9, accounts: 300, weeks: 10, startDate: '2026-01-05', operation: { ...DEFAULT_BUYER_OPERATION, week: 5 } };
  it('is deterministic and has accounts at every place level and on both sites', () => {
    const a = simulateBuyers(config);
    expect(JSON.stringify(simulateBuyers(config))).toBe(JSON.stringify(a));
    expect(new Set(a.accounts.map((x) => x.placeLevel))).toEqual(new Set(['town', 'kommun', 'lan', 'none']));
    expect(a.truth.duplicates.length).toBeGreaterThan(5);
    expect(a.accounts.filter((x) => x.isDisplaced).every((x) => x.kommunCode === '0180')).toBe(true);
    // Every stated place reads back as the truth says.
    for (const x of a.accounts)
      for (const s of x.sites) {
        const p = resolveStatedPlace(s.placeText);
        expect([p.kommunCode, p.lanCode]).toEqual([x.kommunCode, x.lanCode]);
      }
  });
});
