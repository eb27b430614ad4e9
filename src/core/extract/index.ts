/**
 * The extraction core: a pure library that reads phones, contacts, ages, prices, places,
 * nationalities, languages and indicators from ad text, each with evidence and confidence.
 */
export { extractAd } from './extract-ad';
export { extractPhones, findPhonesInField, findPhonesInPhoneField } from './phones';
export { findEmails, findUrls, findHandles } from './contacts';
export { findAges, findYouthTerms, ageFromField } from './ages';
export { findPrices } from './prices';
export { findNationalities } from './nationality';
export { detectLanguage, findStatedLanguages, EXPECTED_LANGUAGES } from './languages';
export { findIndicators } from './indicators';
export type { IndicatorInputs } from './indicators';
export { INDICATORS, INDICATOR_BY_CODE, INDICATOR_LEXICON_VERSION, LOW_PRICE_SEK_PER_HOUR } from './indicators.lexicon';
export type { IndicatorDefinition, IndicatorSource } from './indicators.lexicon';
export type * from './types';
export { evidenceOf } from './types';
