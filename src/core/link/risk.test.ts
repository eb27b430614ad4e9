import { describe, expect, it } from 'vitest';
import { findTouring, flowsOf, RISK_WEIGHTS, scoreIndicators, timelineOf } from './risk';

describe('timeline and touring', () => {
  const stays = [
    { ad: 'a', municipalityCode: '2480', firstDay: 0, lastDay: 3 },
    { ad: 'b', municipalityCode: '2480', firstDay: 2, lastDay: 4 },
    { ad: 'c', municipalityCode: '2482', firstDay: 5, lastDay: 7 },
    { ad: 'd', municipalityCode: '2580', firstDay: 8, lastDay: 9 },
    { ad: 'e', municipalityCode: null, firstDay: 8, lastDay: 9 },
  ];
  it('merges stays in one kommun and lists the moves', () => {
    const t = timelineOf(stays);
    expect(t.map((s) => [s.municipalityCode, s.firstDay, s.lastDay, s.ads.length])).toEqual([
      ['2480', 0, 4, 2],
      ['2482', 5, 7, 1],
      ['2580', 8, 9, 1],
    ]);
    expect(flowsOf(t)).toEqual([
      { from: '2480', to: '2482', day: 5 },
      { from: '2482', to: '2580', day: 8 },
    ]);
  });
  it('finds touring only within the window', () => {
    const t = timelineOf(stays);
    expect(findTouring(t, { kommuner: 3, days: 14 })?.map((s) => s.municipalityCode)).toEqual(['2480', '2482', '2580']);
    expect(findTouring(t, { kommuner: 3, days: 5 })).toBeNull();
  });
});

describe('scoreIndicators', () => {
  it('counts each indicator once, lists its evidence, and records the weights version', () => {
    const s = scoreIndicators([
      { code: 'OBSCURED_PHONE', evidence: { ad: 'a', text: '07O-12three' } },
      { code: 'OBSCURED_PHONE', evidence: { ad: 'b', text: 'noll sju' } },
      // The same span of the same ad again (an ad that shows it twice): listed once.
      { code: 'OBSCURED_PHONE', evidence: { ad: 'b', text: 'noll sju' } },
      // The same words in another ad: listed.
      { code: 'OBSCURED_PHONE', evidence: { ad: 'c', text: 'noll sju' } },
      { code: 'TOURING', evidence: { ad: 'a', text: '2480' } },
      { code: 'UNKNOWN', evidence: { ad: 'a', text: 'x' } },
    ]);
    const w = RISK_WEIGHTS.weights;
    expect(s.score).toBeCloseTo((1 - (1 - (w.OBSCURED_PHONE ?? 0)) * (1 - (w.TOURING ?? 0))) * 100, 1);
    expect(s.contributions.map((c) => [c.code, c.evidence.length])).toEqual([
      ['TOURING', 1],
      ['OBSCURED_PHONE', 3],
    ]);
    expect(s.weightsVersion).toBe(RISK_WEIGHTS.version);
    expect(scoreIndicators([]).score).toBe(0);
  });
});
