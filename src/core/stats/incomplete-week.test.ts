import { describe, expect, it } from 'vitest';
import { renderTrendChart } from '../demand/trend-chart';
import { resolveArea } from './area';
import { isIncompleteWeek, publishDashboard, type RawDashboard } from './dashboard';
import { dashboardTables } from './tables';

/** Issue #16, item 9: the week that has just started is marked incomplete, never read as a fall. */
describe('incomplete weeks', () => {
  const period = { from: '2026-11-16', to: '2026-12-13' };
  it('a week is incomplete when it has not ended by the day of counting, or the period cuts it', () => {
    expect(isIncompleteWeek('2026-11-30', period, '2026-12-08')).toBe(false);
    expect(isIncompleteWeek('2026-12-07', period, '2026-12-08')).toBe(true);
    expect(isIncompleteWeek('2026-12-07', period, '2026-12-14')).toBe(false);
    expect(isIncompleteWeek('2026-12-07', { from: '2026-11-16', to: '2026-12-10' }, '2026-12-20')).toBe(true);
    expect(isIncompleteWeek('2026-11-09', { from: '2026-11-12', to: '2026-12-10' })).toBe(true);
  });

  it('the dashboard marks the current week in its table', () => {
    const raw: RawDashboard = {
      area: resolveArea('2480'),
      period,
      totals: { ads: 90, profiles: 40, newProfiles: 10, inresta: 20, sugarAds: 0, networks: 5 },
      weeks: [
        { week: '2026-11-30', ads: 80, profiles: 36, newProfiles: 6, inresta: 18, sugarAds: 0 },
        { week: '2026-12-07', ads: 12, profiles: 9, newProfiles: 0, inresta: 5, sugarAds: 0 },
      ],
      kommuner: [{ code: '2480', ads: 90, profiles: 40, inresta: 20 }],
      indicators: [],
      flows: [],
      lastYear: {
        period: { from: '2025-11-16', to: '2025-12-13' },
        totals: { ads: 0, profiles: 0, newProfiles: 0, inresta: 0, sugarAds: 0, networks: 0 },
      },
      comparisons: [],
      asOf: '2026-12-08',
    };
    const d = publishDashboard(raw, 5);
    expect(d.weeks.map((w) => w.isIncomplete)).toEqual([false, true]);
    const rows = dashboardTables(d, 'sv').find((t) => t.key === 'veckor')!.rows;
    expect(rows[1]![0]).toContain('(ofullständig vecka)');
    expect(rows[0]![0]).not.toContain('ofullständig');
  });

  it('the demand chart draws the current week hollow and dashed under a label, not on the solid line', () => {
    const svg = renderTrendChart({
      weeks: ['2026-11-23', '2026-11-30', '2026-12-07'],
      panels: [{ label: 'Efterfrågan', values: [366, 360, 75], color: '#08519c' }],
      events: [],
      title: 't',
      description: 'd',
      weekLabel: (n) => `v.${n}`,
      incompleteFrom: 2,
      incompleteLabel: 'Pågående vecka',
    });
    expect(svg).toContain('Pågående vecka');
    expect(svg.match(/<circle class="incomplete"/g)).toHaveLength(1);
    expect(svg).toContain('<path class="incomplete"');
    // The solid line stops at the last whole week.
    const solid = /<path d="([^"]+)" fill="none" stroke="#08519c" stroke-width="2"\/>/.exec(svg)![1]!;
    expect(solid.match(/[ML]/g)).toHaveLength(2);
  });
});
