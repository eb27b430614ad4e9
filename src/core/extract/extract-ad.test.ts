import { describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '../shared/vocabulary';
import { extractAd, INDICATORS, INDICATOR_LEXICON_VERSION } from './index';
import type { Evidence, ExtractInput } from './types';

const ad: ExtractInput = {
  title: 'Lisa 23 – ny i Umeå',
  body:
    'Hej! Jag heter Lisa, 23 år, ny i stan och bara här några dagar. Rumänsk tjej, pratar engelska och lite svenska. ' +
    'Tar emot på hotell nära centrum, 24/7. Priser: 30 min 800kr, 1h 1500kr, natt 8000kr. ' +
    'Ring 07O-12three 45six7 eller whatsapp +40 712 345 678. Snap: lisa_sweet98. lisa(at)mail(dot)com. ' +
    '170 cm 55 kg, 90-60-90. Inga dolda nummer. Våra tjejer är 100% äkta bilder.',
  location: 'Västerbotten, Umeå',
};

function checkEvidence(input: ExtractInput, ev: Evidence): void {
  const text = ev.field === 'age' ? String(input.age) : ((input[ev.field] as string | undefined) ?? '');
  expect(text.slice(ev.start, ev.end)).toBe(ev.text);
}

describe('extractAd', () => {
  const x = extractAd(ad);

  it('reads phones, contacts, ages, prices, places and nationality', () => {
    expect(x.phones.map((p) => p.value.e164)).toEqual(['+46701234567', '+40712345678']);
    expect(x.emails.map((e) => e.value)).toEqual(['lisa@mail.com']);
    expect(x.handles.map((h) => `${h.value.platform}:${h.value.handle}`).sort()).toEqual([
      'snapchat:lisa_sweet98',
      'whatsapp:+40712345678',
    ]);
    expect([...new Set(x.ages.map((a) => a.value.years))]).toEqual([23]);
    expect(x.prices.map((p) => [p.value.amount, p.value.currency, p.value.durationMinutes])).toEqual([
      [800, 'SEK', 30],
      [1500, 'SEK', 60],
      [8000, 'SEK', 720],
    ]);
    expect(x.municipality?.value).toMatchObject({
      municipality: { code: '2480', name: 'Umeå' },
      county: { code: '24' },
      policeRegion: 'Nord',
    });
    expect(x.nationalities.map((n) => n.value.code)).toEqual(['RO']);
    expect(
      x.languages
        .filter((l) => l.value.method === 'stated')
        .map((l) => l.value.code)
        .sort(),
    ).toEqual(['eng', 'swe']);
  });

  it('finds the indicators, each from the lexicon with its evidence', () => {
    const codes = x.indicators.map((i) => i.code);
    for (const c of [
      'NEW_IN_TOWN',
      'THIRD_PERSON',
      'ALWAYS_AVAILABLE',
      'HOTEL_INCALL',
      'OBSCURED_PHONE',
      'FOREIGN_PHONE',
      'STATED_ETHNICITY',
      'TRUST_WORDING',
      'BUYER_RESTRICTIONS',
    ]) {
      expect(codes).toContain(c);
    }
    const known = new Set<string>(INDICATORS.map((d) => d.code));
    for (const i of x.indicators) {
      expect(known.has(i.code)).toBe(true);
      expect(i.evidence.length).toBeGreaterThan(0);
    }
    expect(x.lexiconVersion).toBe(INDICATOR_LEXICON_VERSION);
  });

  it('has the codes of the shared vocabulary, in the same order', () => {
    expect(INDICATORS.map((d) => d.code)).toEqual([...INDICATOR_CODES]);
  });

  it('gives evidence spans that point at their text', () => {
    const all: Evidence[] = [...x.phones, ...x.emails, ...x.handles, ...x.ages, ...x.prices, ...x.places, ...x.nationalities].map(
      (e) => e.evidence,
    );
    for (const i of x.indicators) all.push(...i.evidence);
    for (const ev of all) checkEvidence(ad, ev);
  });

  it('flags a stated age under 18 and youth wording', () => {
    const y = extractAd({ body: 'Ung tjej, 17 år, barely legal' });
    expect(y.ages[0]?.value).toEqual({ years: 17, isMinor: true });
    expect(y.indicators.map((i) => i.code)).toEqual(expect.arrayContaining(['STATED_MINOR', 'YOUTH_WORDING']));
    expect(extractAd({ body: 'Hej', age: 16 }).indicators.map((i) => i.code)).toContain('STATED_MINOR');
  });

  it('flags a very low price and several women', () => {
    const y = extractAd({ body: 'Två tjejer, 1h 500kr' });
    expect(y.indicators.map((i) => i.code)).toEqual(expect.arrayContaining(['LOW_PRICE', 'MULTIPLE_WOMEN']));
  });

  it('detects the language with franc-min within the expected languages', () => {
    const sv = extractAd({ body: 'Hej, jag är en trevlig tjej som tar emot i min lägenhet. Välkommen att höra av dig när du vill.' });
    expect(sv.languages.find((l) => l.value.method === 'detected')?.value.code).toBe('swe');
    const en = extractAd({ body: 'Hello, I am a sweet girl new in town, waiting for you in my apartment. Call me anytime.' });
    expect(en.languages.find((l) => l.value.method === 'detected')?.value.code).toBe('eng');
  });

  it('reads e-mails, links and handles', () => {
    const y = extractAd({ body: 'Mail: Anna.B@Example.se, t.me/anna_sthlm, kik: anna98, OnlyFans: onlyfans.com/annab, www.annab.se' });
    expect(y.emails.map((e) => e.value)).toEqual(['anna.b@example.se']);
    expect(y.handles.map((h) => `${h.value.platform}:${h.value.handle}`).sort()).toEqual([
      'kik:anna98',
      'onlyfans:annab',
      'telegram:anna_sthlm',
    ]);
    expect(y.urls.map((u) => u.value)).toContain('https://www.annab.se');
  });

  it('is pure: the same input gives equal output', () => {
    expect(extractAd(ad)).toEqual(extractAd(ad));
  });
});
