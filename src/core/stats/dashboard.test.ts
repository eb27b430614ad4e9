import { describe, expect, it } from 'vitest';
import { resolveArea } from './area';
import {
  isIsoDate,
  isoWeekNumber,
  periodDays,
  publishDashboard,
  samePeriodLastYear,
  weekOf,
  weeksOf,
  type RawDashboard,
} from './dashboard';

const area = resolveArea('2480');
const raw: RawDashboard = {
  area,
  period: { from: '2026-02-02', to: '2026-02-15' },
  totals: { ads: 40, profiles: 12, newProfiles: 4, inresta: 7, sugarAds: 0, networks: 5 },
  weeks: [
    { week: '2026-02-02', ads: 30, profiles: 10, newProfiles: 3, inresta: 5, sugarAds: 0 },
    { week: '2026-02-09', ads: 4, profiles: 2, newProfiles: 1, inresta: 2, sugarAds: 0 },
  ],
  kommuner: [{ code: '2480', ads: 40, profiles: 12, inresta: 7 }],
  indicators: [
    { code: 'NEW_IN_TOWN', profiles: 6 },
    { code: 'STATED_MINOR', profiles: 1 },
  ],
  flows: [
    { from: '2482', to: '2480', profiles: 5 },
    { from: '2480', to: '0180', profiles: 2 },
  ],
  lastYear: {
    period: { from: '2025-02-02', to: '2025-02-15' },
    totals: { ads: 3, profiles: 3, newProfiles: 0, inresta: 0, sugarAds: 0, networks: 0 },
  },
  comparisons: [],
};

describe('publishDashboard', () => {
  const d = publishDashboard(raw, 5);

  it('publishes counts at or above the threshold and shows smaller ones as "<5"', () => {
    expect(d.totals.ads).toEqual({ value: 40, display: '40', isSuppressed: false });
    expect(d.totals.newProfiles).toEqual({ value: null, display: '<5', isSuppressed: true });
    expect(d.totals.sugarAds.display).toBe('<5');
    expect(d.totals.networks.display).toBe('5');
    expect(d.weeks[1]!.ads.display).toBe('<5');
    expect(d.lastYear.totals.profiles.display).toBe('<5');
  });

  it('derives local profiles and suppresses them too', () => {
    expect(d.totals.lokal.display).toBe('5');
    expect(publishDashboard({ ...raw, totals: { ...raw.totals, inresta: 9 } }, 5).totals.lokal.display).toBe('<5');
  });

  it('suppresses shares whose part or whole is small, and rounds the others to whole percent', () => {
    expect(d.indicators[0]!.share).toEqual({ value: 0.5, display: '50 %', isSuppressed: false });
    expect(d.indicators[1]!.share.display).toBe('<5');
    expect(d.totals.inrestaShare.display).toBe('58 %');
  });

  it('leaves out flows below the threshold rather than drawing an arrow to a small group', () => {
    expect(d.flows).toEqual([{ from: '2482', to: '2480', profiles: { value: 5, display: '5', isSuppressed: false } }]);
  });

  it('follows a configured threshold', () => {
    const strict = publishDashboard(raw, 10);
    expect(strict.threshold).toBe(10);
    expect(strict.totals.profiles.display).toBe('12');
    expect(strict.totals.inresta.display).toBe('<10');
    expect(strict.flows).toEqual([]);
  });
});

describe('periods and weeks', () => {
  it.each([
    ['2026-02-02', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['26-02-02', false],
  ])('isIsoDate(%s) is %s', (s, expected) => expect(isIsoDate(s)).toBe(expected));

  it('finds the Monday of the ISO week and every week of a period', () => {
    expect(weekOf('2026-02-08')).toBe('2026-02-02');
    expect(weekOf('2026-02-09')).toBe('2026-02-09');
    expect(weeksOf({ from: '2026-02-04', to: '2026-02-16' })).toEqual(['2026-02-02', '2026-02-09', '2026-02-16']);
  });

  it('numbers ISO weeks across the year end', () => {
    expect(isoWeekNumber('2025-12-29')).toBe(1);
    expect(isoWeekNumber('2026-02-02')).toBe(6);
    expect(isoWeekNumber('2027-01-01')).toBe(53);
  });

  it('shifts a period one year back, 29 February to 28 February', () => {
    expect(samePeriodLastYear({ from: '2028-02-29', to: '2028-03-31' })).toEqual({ from: '2027-02-28', to: '2027-03-31' });
    expect(periodDays({ from: '2026-01-01', to: '2026-12-31' })).toBe(365);
  });
});
