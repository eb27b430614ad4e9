/**
 * extractAd: everything Fyren reads from one ad. Pure: no I/O, no clock, no randomness.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { isSupportedCountry } from 'libphonenumber-js/max';
import { findPlaceMentions } from '../places/gazetteer';
import type { PlaceMention } from '../places/gazetteer';
import type { Extracted, ExtractInput, ExtractOptions, Extraction, FieldText, LanguageValue, PlaceValue } from './types';
import { evidenceOf } from './types';
import { extractPhones } from './phones';
import { findEmails, findHandles, findUrls } from './contacts';
import { ageFromField, findAges, findYouthTerms } from './ages';
import { findPrices } from './prices';
import { findNationalities } from './nationality';
import { detectLanguage, findStatedLanguages } from './languages';
import { findIndicators } from './indicators';
import { INDICATOR_LEXICON_VERSION } from './indicators.lexicon';

const FIELD_WEIGHT = { location: 4, title: 1.5, body: 1, phoneField: 0, age: 0 } as const;
const TENSE_WEIGHT = { current: 1.6, neutral: 1, other: 0.3 } as const;

function placeValue(m: PlaceMention): PlaceValue {
  return {
    municipality: { code: m.kommun.code, name: m.kommun.short },
    county: { code: m.lan.code, name: m.lan.name },
    policeRegion: m.policeRegion,
    matchedBy: m.kind,
  };
}

function dedupe<T>(items: Extracted<T>[], key: (v: T) => string): Extracted<T>[] {
  const seen = new Map<string, Extracted<T>>();
  for (const it of items) {
    const k = key(it.value);
    const prev = seen.get(k);
    if (prev === undefined || it.confidence > prev.confidence) seen.set(k, it);
  }
  return [...seen.values()];
}

/**
 * Extracts phones, contacts, ages, prices, places, nationalities, languages and indicators
 * from one ad, each with its evidence span and confidence.
 * @param input the ad's text fields (only `body` is required)
 * @param opts `region`: default region for phone numbers (`SE` when not given)
 */
export function extractAd(input: ExtractInput, opts: ExtractOptions = {}): Extraction {
  const region: CountryCode = opts.region !== undefined && isSupportedCountry(opts.region) ? opts.region : 'SE';
  const fields: FieldText[] = [];
  if (input.title !== undefined && input.title.length > 0) fields.push({ field: 'title', text: input.title });
  fields.push({ field: 'body', text: input.body });
  const textFields = [...fields];
  if (input.location !== undefined && input.location.length > 0) fields.push({ field: 'location', text: input.location });
  if (input.phoneField !== undefined && input.phoneField.length > 0) fields.push({ field: 'phoneField', text: input.phoneField });

  const phones = extractPhones(
    fields.filter((f) => f.field !== 'location'),
    region,
  );
  const emails = dedupe(textFields.flatMap(findEmails), (v) => v);
  const urls = dedupe(textFields.flatMap(findUrls), (v) => v);
  const handles = dedupe(
    textFields.flatMap((f) => findHandles(f, region)),
    (v) => `${v.platform}:${v.handle}`,
  );

  const ages = textFields.flatMap(findAges);
  if (input.age !== undefined && String(input.age).trim().length > 0) {
    ages.unshift(...ageFromField(input.age, { field: 'age', text: String(input.age) }));
  }
  const youthTerms = textFields.flatMap(findYouthTerms);
  const prices = textFields.flatMap(findPrices);

  const mentions: Array<{ m: PlaceMention; f: FieldText }> = [];
  for (const f of fields) {
    if (f.field === 'phoneField') continue;
    for (const m of findPlaceMentions(f.text, f.field === 'location')) mentions.push({ m, f });
  }
  const places: Extracted<PlaceValue>[] = mentions.map(({ m, f }) => ({
    value: placeValue(m),
    confidence: m.confidence,
    evidence: evidenceOf(f, m.start, m.end),
  }));
  let municipality: Extracted<PlaceValue> | null = null;
  {
    const score = new Map<string, { s: number; best: Extracted<PlaceValue> }>();
    mentions.forEach(({ m, f }, k) => {
      const p = places[k];
      if (p === undefined) return;
      const s = m.confidence * FIELD_WEIGHT[f.field] * TENSE_WEIGHT[m.tense] * (m.hasContext ? 1.2 : 1);
      const prev = score.get(m.kommun.code);
      if (prev === undefined) score.set(m.kommun.code, { s, best: p });
      else {
        prev.s += s;
        if (p.confidence > prev.best.confidence) prev.best = p;
      }
    });
    let top = 0;
    for (const { s, best } of score.values()) {
      if (s > top) {
        top = s;
        municipality = best;
      }
    }
  }

  const nationalities = dedupe(textFields.flatMap(findNationalities), (v) => v.code);
  const languages: Extracted<LanguageValue>[] = dedupe(
    [...textFields.flatMap(findStatedLanguages), ...detectLanguage({ field: 'body', text: input.body })],
    (v) => v.code,
  );

  const indicators = findIndicators({ fields: textFields, region, phones, ages, youthTerms, prices, places, nationalities });
  return {
    phones,
    emails,
    urls,
    handles,
    ages,
    youthTerms,
    prices,
    places,
    municipality,
    nationalities,
    languages,
    indicators,
    lexiconVersion: INDICATOR_LEXICON_VERSION,
  };
}
