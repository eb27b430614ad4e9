import { describe, expect, it } from 'vitest';
import { resolveArea } from './area';
import { publishDashboard } from './dashboard';
import { dashboardTables, toCsv } from './tables';

const d = publishDashboard(
  {
    area: resolveArea('2480'),
    period: { from: '2026-02-02', to: '2026-02-15' },
    totals: { ads: 40, profiles: 12, newProfiles: 4, inresta: 7, sugarAds: 0, networks: 5 },
    weeks: [{ week: '2026-02-02', ads: 30, profiles: 10, newProfiles: 3, inresta: 5, sugarAds: 0 }],
    kommuner: [{ code: '2480', ads: 40, profiles: 12, inresta: 7 }],
    indicators: [{ code: 'NEW_IN_TOWN', profiles: 6 }],
    flows: [{ from: '2482', to: '2480', profiles: 5 }],
    lastYear: {
      period: { from: '2025-02-02', to: '2025-02-15' },
      totals: { ads: 3, profiles: 3, newProfiles: 0, inresta: 0, sugarAds: 0, networks: 0 },
    },
    comparisons: [{ area: resolveArea('24'), totals: { ads: 90, profiles: 30, newProfiles: 9, inresta: 10, sugarAds: 6, networks: 6 } }],
  },
  5,
);

describe('dashboardTables', () => {
  const tables = dashboardTables(d, 'sv');

  it('has every table, in order, with suppressed cells as "<5"', () => {
    expect(tables.map((t) => t.key)).toEqual(['nyckeltal', 'veckor', 'kommuner', 'indikatorer', 'floden', 'jamforelse']);
    const key = tables[0]!;
    expect(key.rows.find((r) => r[0] === 'Nya profiler')).toEqual(['Nya profiler', '<5', '<5']);
    expect(key.rows.find((r) => r[0] === 'Aktiva annonser')).toEqual(['Aktiva annonser', '40', '<5']);
    expect(tables[1]!.rows[0]).toEqual(['2026 v06 (2026-02-02)', '30', '10', '<5', '5', '<5']);
    expect(tables[2]!.rows[0]).toEqual(['2480', 'Umeå', '40', '12', '7']);
    expect(tables[3]!.rows[0]).toEqual(['Ny i stan, nyss anländ eller bara här några dagar', '6', '50 %']);
    expect(tables[4]!.rows[0]).toEqual(['Skellefteå', 'Umeå', '5']);
    expect(tables[5]!.rows.map((r) => r[0])).toEqual(['Umeå', 'Umeå', 'Västerbottens län']);
  });

  it('speaks English on request', () => {
    expect(dashboardTables(d, 'en')[0]!.rows[0]![0]).toBe('Active ads');
  });
});

describe('toCsv', () => {
  it('writes UTF-8 with BOM, semicolons and CRLF for Swedish Excel, quoting only where needed', () => {
    const csv = toCsv({
      header: ['Kommun', 'Antal'],
      rows: [
        ['Umeå', '<5'],
        ['A;B', 'sa "hej"'],
        [' kant', '12'],
      ],
    });
    expect(csv).toBe('\uFEFFKommun;Antal\r\nUmeå;<5\r\n"A;B";"sa ""hej"""\r\n" kant";12\r\n');
  });
});
