import { describe, expect, it } from 'vitest';
import { resolveArea } from './area';
import { publishDashboard } from './dashboard';
import { canonicalJson } from '../shared/canonical-json';
import { mappingContentHash } from './content-hash';
import { indicatorLabel, methodText, summaryText, type MappingMethod } from './method';

const method: MappingMethod = {
  definitionsVersion: 'kartlaggning-2026.2',
  sites: [
    { id: 'demo-portal', name: 'DEMO Eskortportal', kind: 'escort', configVersion: 'a1b2c3d4e5f6', days: ['2026-02-02', '2026-02-03'] },
  ],
  deduplication: { linkParams: ['link-2026.1'], weights: ['risk-2026.1'], extraction: ['2026.11.2'] },
  threshold: 5,
};

describe('methodText', () => {
  it('states the sites with config versions and days, the de-duplication versions, the definitions and the threshold', () => {
    const text = methodText(method, 'sv').join('\n');
    expect(text).toContain('DEMO Eskortportal (escort, konfiguration a1b2c3d4e5f6; 2 dagar med observationer)');
    expect(text).toContain('länkningsparametrar link-2026.1, viktversion risk-2026.1, extraktionslexikon 2026.11.2');
    expect(text).toMatch(/inrest om den turnerar .* eller om kommunen där den annonserat längst ligger utanför området/);
    expect(text).toContain('antal under 5 visas som "<5"');
    expect(text).toContain('kartlaggning-2026.2');
    expect(methodText({ ...method, threshold: 10 }, 'en').join('\n')).toContain('counts below 10 are shown as "<10"');
  });
});

describe('summaryText', () => {
  it('uses only published figures and compares with last year in plain Swedish', () => {
    const d = publishDashboard(
      {
        area: resolveArea('2480'),
        period: { from: '2026-02-01', to: '2026-02-28' },
        totals: { ads: 40, profiles: 12, newProfiles: 4, inresta: 7, sugarAds: 0, networks: 5 },
        weeks: [],
        kommuner: [],
        indicators: [{ code: 'NEW_IN_TOWN', profiles: 6 }],
        flows: [],
        lastYear: {
          period: { from: '2025-02-01', to: '2025-02-28' },
          totals: { ads: 30, profiles: 10, newProfiles: 0, inresta: 0, sugarAds: 0, networks: 0 },
        },
        comparisons: [],
      },
      5,
    );
    const [first, second, third] = summaryText(d, 'sv');
    expect(first).toBe(
      'Under perioden 1 februari 2026 – 28 februari 2026 fanns 40 aktiva annonser om sex mot ersättning i Umeå. Bakom dem fanns 12 olika personer eller kontaktpunkter (profiler), varav <5 var nya. Det är 20 % fler än samma period förra året.',
    );
    expect(second).toBe(
      '7 av profilerna var inresta och 5 lokala. <5 konton fanns på sugardejtingsajter, och 5 nätverk var aktiva i området.',
    );
    expect(third).toContain('ny i stan, nyss anländ eller bara här några dagar (50 %)');
  });
});

describe('content hash', () => {
  it('is the same for the same content in any key order and changes with any figure', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    const content = { area: { id: '2480' }, period: { from: '2026-01-01', to: '2026-01-31' }, method, figures: { ads: 4 } };
    const reordered = { figures: { ads: 4 }, method, period: { to: '2026-01-31', from: '2026-01-01' }, area: { id: '2480' } };
    expect(mappingContentHash(content)).toBe(mappingContentHash(reordered));
    expect(mappingContentHash(content)).not.toBe(mappingContentHash({ ...content, figures: { ads: 5 } }));
  });

  it('labels profile-level and ad-level indicators', () => {
    expect(indicatorLabel('SHARED_PHONE', 'sv')).toBe('Samma nummer bakom flera namn');
    expect(indicatorLabel('NEW_IN_TOWN', 'en')).toBe('New in town, just arrived or only here a few days');
    expect(indicatorLabel('UNKNOWN_CODE', 'sv')).toBe('UNKNOWN_CODE');
  });
});
