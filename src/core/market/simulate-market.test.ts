import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodesPhone, phoneLikeRuns } from '../../../test/support/decode-phones';
import { KOMMUNER } from '../places/places.data';
import type { AdRecord } from './ad-record';
import { AMBIGUOUS_KOMMUNER } from './market-places';
import { simulateMarket } from './simulate-market';
import type { AdTruth, MarketEvent, Operation, Person } from './types';

interface Collected {
  operations: Operation[];
  persons: Person[];
  truths: AdTruth[];
  events: MarketEvent[];
  observations: AdRecord[];
}

function collect(seed: number, persons: number, days: number): Collected {
  const c: Collected = { operations: [], persons: [], truths: [], events: [], observations: [] };
  for (const item of simulateMarket({ seed, persons, days, startDate: '2026-01-05' })) {
    if (item.kind === 'operation') c.operations.push(item.operation);
    else if (item.kind === 'person') c.persons.push(item.person);
    else if (item.kind === 'truth') c.truths.push(item.truth);
    else if (item.kind === 'event') c.events.push(item.event);
    else if (item.kind === 'observation') c.observations.push(item.record);
  }
  return c;
}

const key = (source: string, externalId: string): string => `${source}|${externalId}`;

describe('simulateMarket truth consistency', () => {
  let m: Collected;
  let truthByKey: Map<string, AdTruth>;
  beforeAll(() => {
    m = collect(7, 300, 21);
    truthByKey = new Map(m.truths.map((t) => [key(t.source, t.externalId), t]));
  });

  it('produces a market of realistic size', () => {
    expect(m.persons).toHaveLength(300);
    expect(m.truths.length).toBeGreaterThan(300);
    expect(m.observations.length).toBeGreaterThan(2000);
    expect(truthByKey.size).toBe(m.truths.length);
  });

  it('has a truth line for every observed ad, and every truth line is observed', () => {
    const observed = new Set(m.observations.map((o) => key(o.source, o.externalId)));
    for (const o of m.observations) expect(truthByKey.has(key(o.source, o.externalId))).toBe(true);
    for (const t of m.truths) expect(observed.has(key(t.source, t.externalId))).toBe(true);
  });

  it('writes valid E.164 numbers that the ad text or phone field really encodes', () => {
    for (const o of m.observations) {
      const t = truthByKey.get(key(o.source, o.externalId));
      if (!t) throw new Error('missing truth');
      const text = `${o.title}\n${o.body}\n${o.phoneField ?? ''}`;
      for (const phone of t.phones) {
        expect(isValidPhoneNumber(phone), phone).toBe(true);
        expect(encodesPhone(text, phone), `${o.externalId} ${phone} in ${text}`).toBe(true);
      }
      expect(t.phoneStyles).toHaveLength(t.phones.length);
    }
  });

  it('gives non-sugar ads at least one number and sugar profiles none', () => {
    for (const t of m.truths) {
      if (t.isSugar) expect(t.phones).toEqual([]);
      else expect(t.phones.length).toBeGreaterThan(0);
    }
    const sugarObs = m.observations.filter((o) => o.source === 'demo-sugar');
    expect(sugarObs.length).toBeGreaterThan(0);
    for (const o of sugarObs) {
      expect(o.phoneField).toBeUndefined();
      expect(phoneLikeRuns(o.body)).toEqual([]);
    }
  });

  it('keeps operations at 2–8 people with shared numbers, and organised truth consistent', () => {
    const personById = new Map(m.persons.map((p) => [p.personId, p]));
    expect(m.operations.length).toBeGreaterThan(5);
    for (const op of m.operations) {
      expect(op.personIds.length).toBeGreaterThanOrEqual(2);
      expect(op.personIds.length).toBeLessThanOrEqual(8);
      for (const id of op.personIds) expect(personById.get(id)?.operationId).toBe(op.operationId);
    }
    expect(m.operations.some((op) => op.phones.some((p) => /^\+(40|44|48)/.test(p)))).toBe(true);
    for (const t of m.truths) {
      const p = personById.get(t.personId);
      expect(p).toBeDefined();
      expect(t.isOrganised).toBe(p?.kind === 'organised');
      expect(t.operationId).toBe(p?.operationId ?? null);
      const op = m.operations.find((o) => o.operationId === t.operationId);
      if (op) for (const phone of t.phones) expect(op.phones).toContain(phone);
    }
  });

  it('keeps independent sellers in one kommun and moves organised people along their route', () => {
    const codes = new Set(KOMMUNER.map((k) => k.code));
    const kommunerByPerson = new Map<string, Set<string>>();
    for (const t of m.truths) {
      expect(codes.has(t.kommunCode)).toBe(true);
      const s = kommunerByPerson.get(t.personId) ?? new Set();
      s.add(t.kommunCode);
      kommunerByPerson.set(t.personId, s);
    }
    let touring = 0;
    for (const p of m.persons) {
      const seen = kommunerByPerson.get(p.personId);
      if (!seen) continue;
      if (p.kind !== 'organised') expect([...seen]).toEqual([p.homeKommunCode]);
      else {
        const op = m.operations.find((o) => o.operationId === p.operationId);
        for (const c of seen) expect(op?.route.map((s) => s.kommunCode)).toContain(c);
        if (seen.size > 1) touring++;
      }
    }
    expect(touring).toBeGreaterThan(10);
  });

  it('has sugar profiles that also appear in sex ads with the same photos', () => {
    const sugarInAds = m.persons.filter((p) => p.kind === 'sugar' && p.isAlsoInSexAds);
    expect(sugarInAds.length).toBeGreaterThan(0);
    const shared = sugarInAds.some((p) => {
      const mine = m.truths.filter((t) => t.personId === p.personId);
      const sugarPhotos = new Set(mine.filter((t) => t.isSugar).flatMap((t) => t.photoIds));
      return mine.some((t) => !t.isSugar && t.photoIds.some((ph) => sugarPhotos.has(ph)));
    });
    expect(shared).toBe(true);
  });

  it('changes some numbers partway and re-posts with repostOf pointing to an earlier ad', () => {
    expect(m.persons.some((p) => p.phones.length > 1 && p.kind === 'independent')).toBe(true);
    const reposts = m.truths.filter((t) => t.repostOf);
    expect(reposts.length).toBeGreaterThan(20);
    for (const t of reposts) {
      const prev = truthByKey.get(key(t.source, t.repostOf ?? ''));
      expect(prev?.personId).toBe(t.personId);
      expect(prev?.firstDay ?? 99).toBeLessThan(t.firstDay);
    }
  });

  it('replaying the events gives exactly the observed ads each day', () => {
    const live = new Map<string, string>();
    const obsByDay = new Map<string, Set<string>>();
    for (const o of m.observations) {
      const d = o.observedAt.slice(0, 10);
      const s = obsByDay.get(d) ?? new Set();
      s.add(key(o.source, o.externalId) + '|' + o.body);
      obsByDay.set(d, s);
    }
    let day = 0;
    const dates = [...obsByDay.keys()].sort();
    for (const date of dates) {
      for (const e of m.events.filter((x) => x.day === day)) {
        const k = key(e.source, e.externalId);
        if (e.type === 'remove') live.delete(k);
        else {
          if (e.repostOf) live.delete(key(e.source, e.repostOf));
          live.set(k, e.ad?.body ?? '');
        }
      }
      const expected = new Set([...live.entries()].map(([k, body]) => `${k}|${body}`));
      expect(obsByDay.get(date)).toEqual(expected);
      day++;
    }
    expect(m.events.some((e) => e.type === 'edit')).toBe(true);
    expect(m.events.some((e) => e.type === 'remove')).toBe(true);
  });

  it('includes the DOMAIN.md indicators in the truth and writes places in many ways', () => {
    const counts = new Map<string, number>();
    for (const t of m.truths) for (const i of t.indicators) counts.set(i, (counts.get(i) ?? 0) + 1);
    for (const code of [
      'OBSCURED_PHONE',
      'STATED_ETHNICITY',
      'TRUST_WORDING',
      'NEW_IN_TOWN',
      'TOURING',
      'THIRD_PERSON',
      'SHARED_PHONE',
      'FOREIGN_PHONE',
      'HOTEL_INCALL',
      'LOW_PRICE',
      'LIMITED_LANGUAGE',
      'ALWAYS_AVAILABLE',
      'STOCK_PHOTO',
    ]) {
      expect(counts.get(code) ?? 0, code).toBeGreaterThan(0);
    }
    // Indicators are common but not universal.
    expect((counts.get('OBSCURED_PHONE') ?? 0) / m.truths.length).toBeLessThan(0.8);
    const locations = new Set(m.observations.map((o) => o.location).filter((l): l is string => l !== undefined));
    const shortNames = new Set(KOMMUNER.map((k) => k.short));
    expect([...locations].some((l) => !shortNames.has(l))).toBe(true);
    expect(m.observations.every((o) => o.body.includes('Fiktiv demoannons'))).toBe(true);
    // Places whose names are also words or names (Nora, Vara, Mark, Boden, Mora) occur.
    expect(m.truths.some((t) => AMBIGUOUS_KOMMUNER.has(t.kommunCode))).toBe(true);
  });
});

describe('simulateMarket determinism', () => {
  it('gives the same items for the same seed and different items for another seed', () => {
    const a = JSON.stringify([...simulateMarket({ seed: 11, persons: 40, days: 5, startDate: '2026-01-05' })]);
    const b = JSON.stringify([...simulateMarket({ seed: 11, persons: 40, days: 5, startDate: '2026-01-05' })]);
    const c = JSON.stringify([...simulateMarket({ seed: 12, persons: 40, days: 5, startDate: '2026-01-05' })]);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
