import { describe, expect, it } from 'vitest';
import { extractAd } from '../extract';
import { DEFAULT_TEMPLATES } from './default-templates';
import {
  missingContentPoints,
  outcomeCategory,
  OUTCOMES,
  rankQueue,
  referralFor,
  renderTemplate,
  unfilledPlaceholders,
  scopeKommuner,
  shareHistory,
  TEMPLATE_LANGUAGES,
  type HistoryEntry,
  type QueueCandidate,
} from './outreach';

const today = new Date('2026-03-20T10:00:00Z');
const base: QueueCandidate = {
  profileId: 'pf-000000000000',
  score: 40,
  contributionCodes: [],
  firstSeen: '2026-01-01',
  lastSeen: '2026-03-19',
  languages: [],
  minStatedAge: null,
  triedCount: 0,
};

describe('rankQueue', () => {
  it('puts signs of a minor first, then youth wording, then newness and risk', () => {
    const ranked = rankQueue(
      [
        { ...base, profileId: 'pf-old-high', score: 90 },
        { ...base, profileId: 'pf-new', score: 40, firstSeen: '2026-03-19' },
        { ...base, profileId: 'pf-youth', score: 20, contributionCodes: ['YOUTH_WORDING'] },
        { ...base, profileId: 'pf-minor', score: 5, minStatedAge: 17 },
        { ...base, profileId: 'pf-low', score: 10 },
      ],
      today,
    );
    expect(ranked.map((r) => r.profileId)).toEqual(['pf-minor', 'pf-old-high', 'pf-new', 'pf-youth', 'pf-low']);
    expect(ranked[0]!.reasons[0]).toEqual({ code: 'signs_of_minor', age: 17 });
    expect(ranked[0]!.hasYouthIndicators).toBe(true);
    const fresh = ranked.find((r) => r.profileId === 'pf-new')!;
    expect(fresh.daysSinceFirstSeen).toBe(1);
    expect(fresh.reasons.map((r) => r.code)).toEqual(['new', 'risk']);
  });

  it('lets youth wording lift a profile above an equal one and newness above an old one', () => {
    const [a, b] = rankQueue(
      [
        { ...base, profileId: 'pf-a', score: 50 },
        { ...base, profileId: 'pf-b', score: 50, contributionCodes: ['YOUTH_WORDING'] },
      ],
      today,
    );
    expect([a!.profileId, b!.profileId]).toEqual(['pf-b', 'pf-a']);
    const [n, o] = rankQueue(
      [
        { ...base, profileId: 'pf-old', score: 50, firstSeen: '2026-02-01' },
        { ...base, profileId: 'pf-new', score: 50, firstSeen: '2026-03-20' },
      ],
      today,
    );
    expect([n!.profileId, o!.profileId]).toEqual(['pf-new', 'pf-old']);
    expect(n!.priority - o!.priority).toBe(30);
  });

  it('lowers a profile a little per attempt that did not reach the person, and says so', () => {
    const [first, second] = rankQueue(
      [
        { ...base, profileId: 'pf-tried', triedCount: 2, languages: ['ron'] },
        { ...base, profileId: 'pf-fresh' },
      ],
      today,
    );
    expect(first!.profileId).toBe('pf-fresh');
    expect(second!.reasons).toContainEqual({ code: 'tried', count: 2 });
    expect(second!.reasons).toContainEqual({ code: 'language', languages: ['ron'] });
  });
});

describe('outcomes', () => {
  it('leads accepted help to a case intake at the adult unit and signs of a minor to a report of concern', () => {
    expect(referralFor('accepted_help')).toEqual({ kind: 'case_intake', unit: 'adult' });
    expect(referralFor('signs_of_minor')).toEqual({ kind: 'report_of_concern', unit: 'children' });
    for (const o of OUTCOMES.filter((x) => x !== 'accepted_help' && x !== 'signs_of_minor')) expect(referralFor(o)).toBeNull();
  });
  it('names no outcome with words of suspicion', () => {
    for (const o of OUTCOMES) expect(o).not.toMatch(/suspect|target|offender|crime/);
  });
});

describe('shareHistory (the sharing rule)', () => {
  const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
    id: 'c1',
    organisationId: 'umea',
    organisationName: 'Umeå kommun, socialtjänsten',
    kommun: '2480',
    contactAt: new Date('2026-03-01T09:30:00Z'),
    channel: 'sms',
    outcome: 'accepted_help',
    language: 'ro',
    message: 'Hej! …',
    note: 'Vill träffas på onsdag, har ont om pengar',
    workerName: 'Ulla Uppsökare',
    followUpOn: '2026-03-05',
    referral: { kind: 'case_intake', unit: 'adult' },
    ...over,
  });

  it('shows the own organisation everything and another only that contact exists and whom to call', () => {
    const shared = shareHistory(
      [
        entry({}),
        entry({
          id: 'c2',
          organisationId: 'lulea',
          organisationName: 'Luleå kommun',
          kommun: '2580',
          outcome: 'no_answer',
          contactAt: new Date('2026-03-03T08:00:00Z'),
        }),
      ],
      'lulea',
    );
    expect(shared[0]).toMatchObject({ isOwn: true, id: 'c2', category: 'not_reached' });
    expect(shared[1]).toEqual({
      isOwn: false,
      id: 'c1',
      kommun: '2480',
      day: '2026-03-01',
      organisationId: 'umea',
      organisationName: 'Umeå kommun, socialtjänsten',
    });
    const json = JSON.stringify(shared[1]);
    for (const secret of ['Vill träffas', 'Ulla', 'Hej!', 'case_intake', 'ro']) expect(json).not.toContain(secret);
  });

  // Issue #16: "Tecken på att personen är under 18: orosanmälan" was shown to another kommun as
  // "tackade ja till stöd". Another organisation never learns an outcome, of any kind.
  it.each(OUTCOMES)('shares no trace of the outcome %s with another organisation', (outcome) => {
    const referral = referralFor(outcome);
    const [s] = shareHistory([entry({ outcome, referral })], 'other');
    expect(s).toEqual({
      isOwn: false,
      id: 'c1',
      kommun: '2480',
      day: '2026-03-01',
      organisationId: 'umea',
      organisationName: 'Umeå kommun, socialtjänsten',
    });
    const json = JSON.stringify(s);
    for (const word of [outcome, 'category', 'outcome', 'channel', 'sms', 'concern', 'children', 'accepted', 'reached', 'contacted']) {
      expect(json).not.toContain(word);
    }
  });

  it('shares nothing in mode none, and keeps the category for the own organisation', () => {
    expect(shareHistory([entry({})], 'other', 'none')).toEqual([]);
    expect(shareHistory([entry({ outcome: 'signs_of_minor' })], 'umea')[0]).toMatchObject({ isOwn: true, outcome: 'signs_of_minor' });
    expect(outcomeCategory('declined_help')).toBe('contacted');
  });
});

describe('templates', () => {
  it('has one default template per language of the market, each with all four content points', () => {
    expect(DEFAULT_TEMPLATES.map((t) => t.language).sort()).toEqual([...TEMPLATE_LANGUAGES].sort());
    for (const t of DEFAULT_TEMPLATES) {
      expect(missingContentPoints(t.body, t.markers), t.id).toEqual([]);
      expect(t.needsNativeReview, t.id).toBe(!['sv', 'en'].includes(t.language));
    }
  });

  it('names each content point a text lacks', () => {
    const sv = DEFAULT_TEMPLATES[0]!;
    expect(missingContentPoints(sv.body.replace('{namn}', 'Anna'), sv.markers)).toEqual(['who_is_writing']);
    expect(missingContentPoints(sv.body.replace('inte ett brott', 'tillåtet'), sv.markers)).toEqual(['not_a_crime']);
    expect(missingContentPoints(sv.body.replace('kostnadsfritt och frivilligt', 'gratis'), sv.markers)).toEqual(['free_and_voluntary']);
    expect(missingContentPoints('Hej', { freeAndVoluntary: '', notACrime: 'x' })).toEqual([
      'who_is_writing',
      'free_and_voluntary',
      'not_a_crime',
      'how_to_reach_support',
    ]);
  });

  it('fills in the placeholders and keeps the contact placeholder when no number is known', () => {
    const text = renderTemplate('Jag heter {namn} på {organisation}, ring {telefon}', {
      name: 'Ulla',
      organisation: 'Umeå kommun',
      contact: null,
    });
    expect(text).toBe('Jag heter Ulla på Umeå kommun, ring {telefon}');
  });

  it.each([
    ['Ring eller sms:a {telefon}.', ['{telefon}']],
    ['Jag heter {namn} på {organisation}, ring {telefon} eller {telefon}', ['{namn}', '{organisation}', '{telefon}']],
    ['Hej {name}, call {phone_2}', ['{name}', '{phone_2}']],
    ['Ring 020-390 000. {} och { telefon } är inga platshållare.', []],
    ['Allt är ifyllt: ring +46766860000.', []],
  ])('finds the unfilled placeholders in %j', (message, expected) => {
    expect(unfilledPlaceholders(message)).toEqual(expected);
  });
});

describe('scopeKommuner', () => {
  it('expands län and police regions into their kommuner', () => {
    const places = {
      kommuner: [
        { code: '2480', countyCode: '24' },
        { code: '2482', countyCode: '24' },
        { code: '2580', countyCode: '25' },
        { code: '0180', countyCode: '01' },
      ],
      lan: [
        { code: '24', policeRegion: 'Nord' },
        { code: '25', policeRegion: 'Nord' },
        { code: '01', policeRegion: 'Stockholm' },
      ],
    };
    expect(scopeKommuner({ kommuner: ['2480'], lan: [], polisregioner: [] }, places)).toEqual(['2480']);
    expect(scopeKommuner({ kommuner: ['0180'], lan: ['24'], polisregioner: [] }, places)).toEqual(['0180', '2480', '2482']);
    expect(scopeKommuner({ kommuner: [], lan: [], polisregioner: ['Nord'] }, places)).toEqual(['2480', '2482', '2580']);
    expect(scopeKommuner({ kommuner: [], lan: [], polisregioner: [] }, places)).toEqual([]);
  });
});

describe('a child’s ad written in the forms of issue #17 reaches the top of the queue', () => {
  const candidateOf = (profileId: string, body: string, score: number): QueueCandidate => {
    const x = extractAd({ body });
    const ages = x.ages.map((a) => a.value.years);
    return {
      profileId,
      score,
      contributionCodes: x.indicators.map((i) => i.code),
      firstSeen: '2026-03-01',
      lastSeen: '2026-03-02',
      languages: [],
      minStatedAge: ages.length ? Math.min(...ages) : null,
      triedCount: 0,
    };
  };

  it.each([
    ['Mia (17) ny i stan', 17],
    ['Jag är sjutton år gammal', 17],
    ['sixteen yo, new', 16],
    ['Anna 19 och Mia 16', 16],
    ['Tjejer 16-19 år', 16],
    ['ålder=15', 15],
  ])('%j ranks first, with the age as the reason, and leads to a report of concern', (body, age) => {
    const ranked = rankQueue(
      [candidateOf('adult', 'Lisa 24 år, ny i stan, 1h 1500kr', 95), candidateOf('child', body, 10)],
      new Date('2026-03-02T12:00:00Z'),
    );
    expect(ranked.map((r) => r.profileId)).toEqual(['child', 'adult']);
    expect(ranked[0]?.reasons[0]).toEqual({ code: 'signs_of_minor', age });
    expect(ranked[0]?.contributionCodes).toContain('STATED_MINOR');
    expect(referralFor('signs_of_minor')).toEqual({ kind: 'report_of_concern', unit: 'children' });
  });
});
