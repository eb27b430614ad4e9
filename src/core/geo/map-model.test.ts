import { describe, expect, it } from 'vitest';
import { LAN } from '../places/places.data';
import { DomainError } from '../shared/errors';
import { viewBoxContains } from './areas';
import { buildMapModel, classBreaks } from './map-model';
import { KOMMUN_SHAPES } from './sweden-map.data';

const kommun = (code: string) => KOMMUN_SHAPES.find((k) => k.code === code)!;
const values = (entries: [string, number | null][]) => new Map(entries);

describe('classBreaks', () => {
  it('splits integers into contiguous quantile classes from the minimum to the maximum', () => {
    const classes = classBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5);
    expect(classes).toEqual([
      { min: 1, max: 2 },
      { min: 3, max: 4 },
      { min: 5, max: 6 },
      { min: 7, max: 8 },
      { min: 9, max: 10 },
    ]);
  });

  it('gives each distinct value its own class when there are few, and nothing for no values', () => {
    expect(classBreaks([3, 3, 7], 5)).toEqual([
      { min: 3, max: 3 },
      { min: 7, max: 7 },
    ]);
    expect(classBreaks([], 5)).toEqual([]);
  });

  it('uses the smallest value in the class as its minimum for decimals', () => {
    expect(classBreaks([0.5, 1.5, 2.5, 3.5], 2)).toEqual([
      { min: 0.5, max: 1.5 },
      { min: 2.5, max: 3.5 },
    ]);
  });
});

describe('buildMapModel: choropleth', () => {
  const model = buildMapModel({
    mode: 'choropleth',
    valueLabel: 'antal annonser',
    values: values([
      ['0180', 120],
      ['1480', 60],
      ['1280', 30],
      ['2480', 12],
      ['0380', 6],
      ['2584', null],
    ]),
  });
  const shape = (code: string) => model.shapes.find((s) => s.code === code)!;

  it('draws all 290 kommuner and 21 län over the whole map', () => {
    expect(model.shapes).toHaveLength(290);
    expect(model.lans).toHaveLength(21);
    expect(model.viewBox).toEqual(model.fullViewBox);
    expect(model.scale).toBe(1);
    expect(model.focus).toBeNull();
  });

  it('puts larger values in darker classes and every value in the class that holds it', () => {
    const order = ['0380', '2480', '1280', '1480', '0180'].map((c) => shape(c).bucket!);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    for (const s of model.shapes.filter((x) => x.status === 'value')) {
      const legend = model.legend.buckets[s.bucket!]!;
      expect(s.value!).toBeGreaterThanOrEqual(legend.min);
      expect(s.value!).toBeLessThanOrEqual(legend.max);
      expect(s.color).toBe(legend.color);
    }
    expect(new Set(model.legend.buckets.map((b) => b.color)).size).toBe(5);
  });

  it('hatches suppressed kommuner, writes "<5" and names them in the legend', () => {
    expect(shape('2584')).toMatchObject({ status: 'suppressed', fill: 'suppressed', bucket: null, valueText: '<5', label: 'Kiruna: <5' });
    expect(model.legend.suppressed?.label).toBe('Färre än 5 (visas inte)');
  });

  it('leaves kommuner without a value neutral and says so in the legend', () => {
    expect(shape('0114')).toMatchObject({ status: 'none', fill: 'none', value: null, valueText: '–' });
    expect(model.legend.none?.label).toBe('Inga uppgifter');
  });

  it('gives an accessible title and a description with range, top values and suppression', () => {
    expect(model.title).toBe('Antal annonser per kommun');
    expect(model.description).toContain('från 6 till 120');
    expect(model.description).toContain('Högst: Stockholm (120), Göteborg (60), Malmö (30).');
    expect(model.description).toContain('1 kommun har färre än 5');
    expect(model.description).toContain('Värden finns för 5 av 290 kommuner.');
  });

  it('writes English when asked, and uses the suppression threshold in texts', () => {
    const en = buildMapModel({ mode: 'choropleth', lang: 'en', suppressionThreshold: 3, values: values([['2480', null]]) });
    expect(en.title).toBe("Map of Sweden's municipalities");
    expect(en.shapes.find((s) => s.code === '2480')!.valueText).toBe('<3');
    expect(en.legend.suppressed?.label).toBe('Fewer than 3 (not shown)');
    expect(en.description).toBe('The map has no values. 1 municipality has fewer than 3 and is not shown.');
  });

  it('rejects values that are not finite numbers', () => {
    expect(() => buildMapModel({ mode: 'choropleth', values: values([['2480', Number.NaN]]) })).toThrow(DomainError);
  });
});

describe('buildMapModel: symbols', () => {
  const model = buildMapModel({
    mode: 'symbols',
    values: values([
      ['0180', 400],
      ['2480', 100],
      ['1280', 25],
      ['1480', 0],
      ['2584', null],
    ]),
  });
  const r = (code: string) => model.symbols.find((s) => s.code === code)?.r;

  it('draws one circle per positive value, at the kommun point, radius growing with the value', () => {
    expect(model.symbols.map((s) => s.code).sort()).toEqual(['0180', '1280', '2480']);
    expect(r('0180')!).toBeGreaterThan(r('2480')!);
    expect(r('2480')!).toBeGreaterThan(r('1280')!);
    const umea = model.symbols.find((s) => s.code === '2480')!;
    expect([umea.cx, umea.cy]).toEqual([kommun('2480').cx, kommun('2480').cy]);
  });

  it('makes the area proportional to the value (radius ∝ √value)', () => {
    expect(r('0180')! / r('2480')!).toBeCloseTo(2, 1);
    expect(r('2480')! / r('1280')!).toBeCloseTo(2, 1);
  });

  it('keeps kommuner neutral, hatches suppressed ones, and has a size legend instead of classes', () => {
    expect(model.legend.buckets).toEqual([]);
    expect(model.legend.symbols.map((s) => s.value)).toEqual([400, 100, 20]);
    expect(model.legend.symbols[0]!.r).toBe(r('0180'));
    expect(model.shapes.find((s) => s.code === '0180')!.fill).toBe('base');
    expect(model.shapes.find((s) => s.code === '2584')!.fill).toBe('suppressed');
    expect(model.legend.none).toBeNull();
  });

  it('rejects negative values, which have no size', () => {
    expect(() => buildMapModel({ mode: 'symbols', values: values([['2480', -1]]) })).toThrow(/negative/);
  });
});

describe('buildMapModel: flows', () => {
  const flows = [
    { from: '2480', to: '0180', count: 16 },
    { from: '0180', to: '2480', count: 4 },
    { from: '1280', to: '1480', count: 1 },
    { from: '1280', to: '1280', count: 3 },
    { from: '9999', to: '0180', count: 2 },
  ];
  const model = buildMapModel({ mode: 'choropleth', values: new Map(), flows });

  it('draws one path per valid flow, from the start kommun point to the end kommun point', () => {
    expect(model.flows.map((f) => `${f.from}-${f.to}`)).toEqual(['2480-0180', '0180-2480', '1280-1480']);
    for (const f of model.flows) {
      const [a, b] = [kommun(f.from), kommun(f.to)];
      expect([f.x1, f.y1, f.x2, f.y2]).toEqual([a.cx, a.cy, b.cx, b.cy]);
      const numbers = f.d.match(/-?\d+(\.\d+)?/g)!.map(Number);
      expect(f.d).toMatch(/^M[\d.]+ [\d.]+ Q[\d.-]+ [\d.-]+ [\d.]+ [\d.]+$/);
      expect(numbers.slice(0, 2)).toEqual([a.cx, a.cy]);
      expect(numbers.slice(4)).toEqual([b.cx, b.cy]);
    }
  });

  it('makes the stroke wider for larger counts and bows opposite flows to different sides', () => {
    const [north, south, west] = model.flows;
    expect(north!.width).toBeGreaterThan(south!.width);
    expect(south!.width).toBeGreaterThan(west!.width);
    const control = (d: string) => d.split('Q')[1]!.trim().split(' ').slice(0, 2).map(Number);
    expect(control(north!.d)).not.toEqual(control(south!.d));
    expect(north!.label).toBe('Umeå → Stockholm: 16');
    expect(model.legend.flows).toMatchObject({ min: 1, max: 16 });
    expect(model.description).toContain('3 flöden mellan kommuner; störst: Umeå → Stockholm: 16.');
  });
});

describe('buildMapModel: focus', () => {
  it('zooms to län 24 so that every Västerbotten kommun is in view and Malmö is not', () => {
    const model = buildMapModel({ mode: 'choropleth', values: new Map(), focus: '24' });
    const vasterbotten = KOMMUN_SHAPES.filter((k) => k.code.startsWith('24'));
    expect(vasterbotten.length).toBe(15);
    for (const k of vasterbotten) {
      expect(viewBoxContains(model.viewBox, k.bbox[0], k.bbox[1]), k.code).toBe(true);
      expect(viewBoxContains(model.viewBox, k.bbox[2], k.bbox[3]), k.code).toBe(true);
    }
    expect(viewBoxContains(model.viewBox, kommun('1280').cx, kommun('1280').cy)).toBe(false);
    expect(model.viewBox.width * model.viewBox.height).toBeLessThan(model.fullViewBox.width * model.fullViewBox.height);
    expect(model.focus).toMatchObject({ kind: 'lan', id: '24', name: 'Västerbottens län' });
    expect(model.shapes.filter((s) => !s.isDimmed).map((s) => s.code)).toEqual(vasterbotten.map((k) => k.code));
    expect(model.lans.filter((l) => l.isFocused).map((l) => l.code)).toEqual(['24']);
    expect(model.title).toBe('Karta över Sveriges kommuner – Västerbottens län');
    expect(model.scale).toBeLessThan(1);
    expect(model.strokes.kommun).toBeLessThan(0.35);
  });

  it('zooms to a kommun, keeping a minimum extent around small ones', () => {
    const model = buildMapModel({ mode: 'symbols', values: values([['0180', 10]]), focus: '0180' });
    expect(model.focus).toMatchObject({ kind: 'kommun', name: 'Stockholms kommun', kommunCodes: ['0180'] });
    expect(model.viewBox.width).toBeGreaterThanOrEqual(24);
    expect(model.viewBox.height).toBeGreaterThanOrEqual(24);
    expect(viewBoxContains(model.viewBox, kommun('0180').cx, kommun('0180').cy)).toBe(true);
    expect(model.shapes.filter((s) => !s.isDimmed).map((s) => s.code)).toEqual(['0180']);
  });

  it('zooms to a police region by name, covering the kommuner of its län', () => {
    const model = buildMapModel({ mode: 'choropleth', values: new Map(), focus: 'polisregion nord', lang: 'en' });
    const lanCodes = LAN.filter((l) => l.policeRegion === 'Nord').map((l) => l.code);
    expect(lanCodes.sort()).toEqual(['22', '23', '24', '25']);
    expect(model.focus).toMatchObject({ kind: 'polisregion', id: 'Nord', name: 'police region Nord' });
    expect(model.focus!.kommunCodes.every((c) => lanCodes.includes(c.slice(0, 2)))).toBe(true);
    expect(model.focus!.kommunCodes).toContain('2584');
    expect(viewBoxContains(model.viewBox, kommun('2584').cx, kommun('2584').cy)).toBe(true);
    expect(viewBoxContains(model.viewBox, kommun('0180').cx, kommun('0180').cy)).toBe(false);
    expect(buildMapModel({ mode: 'choropleth', values: new Map(), focus: 'ost' }).focus?.id).toBe('Öst');
  });

  it('tells which are the highest values inside the area', () => {
    const model = buildMapModel({
      mode: 'choropleth',
      values: values([
        ['0180', 500],
        ['2480', 20],
        ['2482', 9],
      ]),
      focus: '24',
    });
    expect(model.description).toContain('Högst i området: Umeå (20), Skellefteå (9).');
    expect(model.description).toContain('Kartan är inzoomad på Västerbottens län');
  });

  it('rejects an unknown focus', () => {
    for (const focus of ['9999', '99', 'Gotland']) {
      expect(() => buildMapModel({ mode: 'choropleth', values: new Map(), focus })).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
    }
  });
});
