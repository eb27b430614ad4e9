import { describe, expect, it } from 'vitest';
import { resolveArea } from './area';
import { publishDashboard, type RawDashboard } from './dashboard';
import { derivableRanges, protectCells, type Relation } from './protect';
import { Rng } from '../market/prng';
import { dashboardTables, type StatTable } from './tables';
import { suppressCount } from './suppress';
import { areaChange, protectNeighbours } from '../demand/displacement';

/**
 * The reader: reads a published table cell as a set of possible values ("<5" is 0–4, ".." is
 * anything from 0 up, a number is itself). Deliberately independent of protect.ts: no
 * knowledge of how "..” was chosen beyond the printed mark.
 */
type Cell = { kind: 'exact'; value: number } | { kind: 'small' } | { kind: 'withheld' } | { kind: 'none' };

function readCell(display: string): Cell {
  if (/^\d+$/.test(display)) return { kind: 'exact', value: Number(display) };
  if (display === '<5') return { kind: 'small' };
  if (display === '..') return { kind: 'withheld' };
  if (display === '–') return { kind: 'none' };
  throw new Error(`unexpected published cell "${display}"`);
}

/**
 * Brute force: every integer assignment of the unknown cells (bounded by `max`) that satisfies
 * the sums; returns the values each small ("<5") cell can take. `sums` are [total, parts].
 */
function possibleValues(cells: Map<string, Cell>, sums: [string, string[]][], max: number): Map<string, Set<number>> {
  // Only cells in a sum can be narrowed; the others keep their whole domain.
  const inSums = new Set(sums.flatMap(([t, parts]) => [t, ...parts]));
  const unknown = [...cells.entries()].filter(([k, c]) => inSums.has(k) && (c.kind === 'small' || c.kind === 'withheld')).map(([k]) => k);
  const domain = (k: string) => {
    const c = cells.get(k) as Cell;
    return c.kind === 'small' ? [0, 1, 2, 3, 4] : Array.from({ length: max + 1 }, (_, i) => i);
  };
  const value = new Map<string, number>();
  for (const [k, c] of cells) if (c.kind === 'exact') value.set(k, c.value);
  const seen = new Map<string, Set<number>>(unknown.filter((k) => cells.get(k)?.kind === 'small').map((k) => [k, new Set()]));
  const isConsistent = (): boolean =>
    sums.every(([t, parts]) => {
      if (!value.has(t) || parts.some((p) => !value.has(p))) {
        // Partial: the parts known so far may not exceed a known total.
        const tv = value.get(t);
        if (tv === undefined) return true;
        return parts.reduce((s, p) => s + (value.get(p) ?? 0), 0) <= tv;
      }
      return value.get(t) === parts.reduce((s, p) => s + (value.get(p) as number), 0);
    });
  // Small cells first: the withheld ones are then mostly forced by a sum (computed, not tried).
  unknown.sort((a, b) => Number(cells.get(a)?.kind === 'withheld') - Number(cells.get(b)?.kind === 'withheld'));
  const forced = (k: string): number | undefined => {
    for (const [t, parts] of sums) {
      const members = [t, ...parts];
      if (!members.includes(k) || members.some((m) => m !== k && !value.has(m))) continue;
      const partSum = parts.reduce((s, p) => s + (p === k ? 0 : (value.get(p) as number)), 0);
      return k === t ? partSum : (value.get(t) as number) - partSum;
    }
    return undefined;
  };
  const walk = (i: number): void => {
    if (i === unknown.length) {
      for (const [k, set] of seen) set.add(value.get(k) as number);
      return;
    }
    const k = unknown[i] as string;
    const f = forced(k);
    for (const v of f === undefined ? domain(k) : domain(k).includes(f) ? [f] : []) {
      value.set(k, v);
      if (isConsistent()) walk(i + 1);
    }
    value.delete(k);
  };
  walk(0);
  return seen;
}

/** The published cells of the dashboard's tables (what the web app, the PDF and the CSV show), by name. */
function tableCells(tables: StatTable[]): Map<string, Cell> {
  const out = new Map<string, Cell>();
  const nyckeltal = tables.find((t) => t.key === 'nyckeltal') as StatTable;
  const label = (r: string[]) => r[0] as string;
  for (const r of nyckeltal.rows) {
    if (label(r) === 'Andel inresta') continue;
    out.set(`area|${label(r)}`, readCell(r[1] as string));
  }
  const kommuner = tables.find((t) => t.key === 'kommuner') as StatTable;
  for (const r of kommuner.rows) {
    out.set(`${r[0]}|Aktiva annonser`, readCell(r[2] as string));
    out.set(`${r[0]}|Unika profiler`, readCell(r[3] as string));
    out.set(`${r[0]}|Inresta profiler`, readCell(r[4] as string));
  }
  return out;
}

/** What a reader of the tables knows adds up: profiles = travelling + local; the kommuner add up to the area. */
function tableSums(cells: Map<string, Cell>): [string, string[]][] {
  const kommuner = [...new Set([...cells.keys()].map((k) => k.split('|')[0] as string).filter((k) => k !== 'area'))];
  const sums: [string, string[]][] = [['area|Unika profiler', ['area|Inresta profiler', 'area|Lokala profiler']]];
  if (kommuner.length > 1)
    for (const m of ['Aktiva annonser', 'Unika profiler', 'Inresta profiler']) sums.push([`area|${m}`, kommuner.map((k) => `${k}|${m}`)]);
  return sums;
}

/** Fails with the cell and its one possible value when a small cell can be derived. */
function expectNothingDerivable(raw: RawDashboard): void {
  const tables = dashboardTables(publishDashboard(raw, 5), 'sv');
  const cells = tableCells(tables);
  const max = Math.max(20, ...[...cells.values()].map((c) => (c.kind === 'exact' ? c.value : 0)));
  const possible = possibleValues(cells, tableSums(cells), max);
  for (const [k, values] of possible) {
    expect({ cell: k, values: [...values] }).not.toEqual({ cell: k, values: [expect.any(Number)] });
    expect(values.size, `${k} can be derived as ${[...values].join(',')}`).toBeGreaterThan(1);
  }
}

const vasterbotten: RawDashboard = {
  area: resolveArea('24'),
  period: { from: '2026-03-02', to: '2026-03-29' },
  totals: { ads: 12, profiles: 7, newProfiles: 3, inresta: 1, sugarAds: 0, networks: 1 },
  weeks: [],
  kommuner: [
    { code: '2480', ads: 10, profiles: 6, inresta: 0 },
    { code: '2482', ads: 2, profiles: 1, inresta: 1 },
  ],
  indicators: [{ code: 'NEW_IN_TOWN', profiles: 6 }],
  flows: [],
  lastYear: {
    period: { from: '2025-03-02', to: '2025-03-29' },
    totals: { ads: 0, profiles: 0, newProfiles: 0, inresta: 0, sugarAds: 0, networks: 0 },
    hasData: false,
  },
  comparisons: [],
};

describe('complementary suppression (issue #16, item 6)', () => {
  it('Västerbotten: 7 profiles, inresta "<5" no longer gives lokal 6, nor Umeå 6 give Skellefteå 1', () => {
    const d = publishDashboard(vasterbotten, 5);
    expect(d.totals.profiles.display).toBe('7');
    expect(d.totals.inresta.display).toBe('<5');
    expect(d.totals.lokal.display).toBe('..');
    expect(d.kommuner.find((k) => k.code === '2482')!.profiles.display).toBe('<5');
    expect(d.kommuner.find((k) => k.code === '2480')!.profiles.display).toBe('..');
    expect(d.kommuner.find((k) => k.code === '2480')!.ads.display).toBe('..');
    expectNothingDerivable(vasterbotten);
  });

  it('withholds a share computed from a withheld count', () => {
    const d = publishDashboard(vasterbotten, 5);
    expect(d.totals.inrestaShare.isSuppressed).toBe(true);
    const five = publishDashboard({ ...vasterbotten, totals: { ...vasterbotten.totals, profiles: 9, inresta: 5 } }, 5);
    // lokal 4 is small, so inresta 5 is withheld to protect it, and so is the share 5/9.
    expect(five.totals.lokal.display).toBe('<5');
    expect(five.totals.inresta.display).toBe('..');
    expect(five.totals.inrestaShare).toMatchObject({ value: null, isSuppressed: true });
  });

  it('shows a year with no data as "–", not "<5"', () => {
    const d = publishDashboard(vasterbotten, 5);
    expect(d.lastYear.totals.profiles.display).toBe('–');
    expect(d.lastYear.totals.inrestaShare.display).toBe('–');
    const withData = publishDashboard({ ...vasterbotten, lastYear: { ...vasterbotten.lastYear, hasData: true } }, 5);
    expect(withData.lastYear.totals.profiles.display).toBe('<5');
  });

  it('a kommun shown in the comparison is suppressed as in the kommun table', () => {
    const raw: RawDashboard = {
      ...vasterbotten,
      comparisons: [{ area: resolveArea('2480'), totals: { ads: 10, profiles: 6, newProfiles: 2, inresta: 0, sugarAds: 0, networks: 1 } }],
    };
    const d = publishDashboard(raw, 5);
    expect(d.comparisons[0]!.totals.profiles.display).toBe(d.kommuner.find((k) => k.code === '2480')!.profiles.display);
    expect(d.comparisons[0]!.totals.profiles.display).not.toBe('6');
  });

  it('no small cell of the tables can be derived, in 80 random small län', () => {
    const r = new Rng('issue-16-item-6');
    const rng = () => r.next();
    const codes = ['2480', '2482', '2418', '2460'];
    for (let n = 0; n < 80; n++) {
      const kommuner = codes.slice(0, 2 + Math.floor(rng() * 2)).map((code) => {
        const profiles = 1 + Math.floor(rng() * 9);
        const inresta = Math.floor(rng() * (profiles + 1));
        return { code, ads: profiles + Math.floor(rng() * 6), profiles, inresta };
      });
      const sum = (f: (k: (typeof kommuner)[number]) => number) => kommuner.reduce((s, k) => s + f(k), 0);
      const raw: RawDashboard = {
        ...vasterbotten,
        totals: {
          ads: sum((k) => k.ads),
          profiles: sum((k) => k.profiles),
          newProfiles: 0,
          inresta: sum((k) => k.inresta),
          sugarAds: 0,
          networks: 0,
        },
        kommuner,
      };
      expectNothingDerivable(raw);
    }
  }, 60_000);
});

describe('protectCells', () => {
  it('withholds the total when no part is left to withhold (4 + 4 = 8)', () => {
    const cells = new Map([
      ['t', 8],
      ['a', 4],
      ['b', 4],
    ]);
    const rel: Relation[] = [{ total: 't', parts: ['a', 'b'] }];
    const out = protectCells(cells, rel, { threshold: 5 });
    expect(out.get('t')!.display).toBe('..');
    const ranges = derivableRanges(out, rel, { threshold: 5 });
    // The reader knows the withheld total is at least 5, so a part is 1–4: not one value.
    expect(ranges.get('a')).toEqual({ lo: 1, hi: 4 });
  });

  it('leaves a table with nothing small as it is', () => {
    const cells = new Map([
      ['t', 20],
      ['a', 12],
      ['b', 8],
    ]);
    const out = protectCells(cells, [{ total: 't', parts: ['a', 'b'] }], { threshold: 5 });
    expect([...out.values()].map((p) => p.display)).toEqual(['20', '12', '8']);
  });

  it('agrees with suppressCount on a cell outside every relation', () => {
    const out = protectCells(new Map([['x', 3]]), [], { threshold: 5 });
    expect(out.get('x')).toEqual(suppressCount(3, { threshold: 5 }));
  });
});

describe('displacement: the neighbours together and one by one', () => {
  const weeks = { before: ['2026-01-05', '2026-01-12'], after: ['2026-01-19', '2026-01-26'] };
  const counts = (before: number, after: number) =>
    new Map([
      ['2026-01-05', before],
      ['2026-01-12', before],
      ['2026-01-19', after],
      ['2026-01-26', after],
    ]);
  it('a small neighbour cannot be got back by subtracting the others from the total', () => {
    const parts = [counts(20, 18), counts(2, 3), counts(9, 9)];
    const total = counts(31, 30);
    const unprotected = [areaChange(total, weeks, 5), ...parts.map((p) => areaChange(p, weeks, 5))];
    // Before the fix: 31 − 20 − 9 = 2, the small neighbour's figure.
    expect(unprotected.map((c) => c.before.display)).toEqual(['31', '20', '<5', '9']);
    const { group, parts: ps } = protectNeighbours(unprotected[0]!, unprotected.slice(1), 5);
    const cells = new Map<string, Cell>([
      ['total', readCell(group.before.display)],
      ...ps.map((p, i) => [`n${i}`, readCell(p.before.display)] as [string, Cell]),
    ]);
    const possible = possibleValues(cells, [['total', ['n0', 'n1', 'n2']]], 40);
    expect(possible.get('n1')!.size).toBeGreaterThan(1);
    expect(ps[2]!.before.display).toBe('..');
    expect(ps[2]!.changePercent).toBeNull();
  });
});
