import type { CountryCode } from 'libphonenumber-js/max';

/** The fields of an ad that extraction reads. Evidence spans point into one of these. */
export type AdField = 'title' | 'body' | 'location' | 'phoneField' | 'age';

/** Where a value was read: the field, the UTF-16 span [start, end) and the text of that span. */
export interface Evidence {
  field: AdField;
  start: number;
  end: number;
  text: string;
}

/** An extracted value with its evidence and a confidence in [0, 1]. */
export interface Extracted<T> {
  value: T;
  confidence: number;
  evidence: Evidence;
}

/** The text of one ad as extraction sees it. Only `body` is required. */
export interface ExtractInput {
  title?: string;
  body: string;
  /** The site's location field ("Umeå", "Västerbotten, Umeå"). */
  location?: string;
  /** The site's phone field: a strong source. */
  phoneField?: string;
  /** The site's age field. */
  age?: number | string;
}

/** Options for one call. */
export interface ExtractOptions {
  /** Default region for national phone numbers (ISO 3166-1 alpha-2). `SE` when not given. */
  region?: CountryCode;
}

/** A phone number in E.164 with how it was written. */
export interface PhoneValue {
  /** E.164, "+46701234567". */
  e164: string;
  /** Calling-code region of the number ("SE", "PL"). */
  country: string | null;
  /** libphonenumber type (MOBILE, FIXED_LINE …) when known. */
  type: string | null;
  /** True when the number was written to hide it (number words, look-alike letters, stars, keycaps …). */
  isObfuscated: boolean;
  /** True when the number was put together from two runs of text. */
  isSplit: boolean;
}

/** A stated age. */
export interface AgeValue {
  years: number;
  /** True when the stated age is under 18. */
  isMinor: boolean;
}

/** A stated price. */
export interface PriceValue {
  amount: number;
  /** ISO 4217 code (SEK, EUR, NOK, DKK, USD). */
  currency: string;
  /** Duration the price is for, in minutes, when stated (a night is 720). */
  durationMinutes: number | null;
}

/** A handle on a messaging or social app. */
export interface HandleValue {
  /** App key: whatsapp, telegram, snapchat, kik, instagram, onlyfans, signal, viber, wechat, line, twitter, tiktok. */
  platform: string;
  /** Normalised handle: lower case, without "@" (for WhatsApp/Viber/Signal a phone number in E.164). */
  handle: string;
}

/** A place mention resolved to a kommun. */
export interface PlaceValue {
  municipality: { code: string; name: string };
  county: { code: string; name: string };
  policeRegion: string;
  /** How the name matched: kommun name, hand-written alias/district, or postal town. */
  matchedBy: 'kommun' | 'alias' | 'postort';
}

/** A stated or detected language (ISO 639-3). */
export interface LanguageValue {
  code: string;
  method: 'detected' | 'stated';
}

/** A stated nationality or ethnicity. */
export interface NationalityValue {
  /** ISO 3166-1 alpha-2 code for nationalities, or a lower-case key for broad ethnic terms ("asian", "latina", "african"). */
  code: string;
  kind: 'nationality' | 'ethnicity';
}

/** An indicator hit. Indicators are signals for a human to weigh, never proof. */
export interface IndicatorHit {
  code: string;
  weight: number;
  evidence: Evidence[];
}

/** Everything extracted from one ad. */
export interface Extraction {
  phones: Extracted<PhoneValue>[];
  emails: Extracted<string>[];
  urls: Extracted<string>[];
  handles: Extracted<HandleValue>[];
  ages: Extracted<AgeValue>[];
  /** Youth wording ("ung tjej", "barely legal"). */
  youthTerms: Extracted<string>[];
  prices: Extracted<PriceValue>[];
  places: Extracted<PlaceValue>[];
  /** The best kommun for the ad, or null. */
  municipality: Extracted<PlaceValue> | null;
  nationalities: Extracted<NationalityValue>[];
  languages: Extracted<LanguageValue>[];
  indicators: IndicatorHit[];
  /** Version of the indicator lexicon used. */
  lexiconVersion: string;
}

/** One field's text with its name, as the extractors scan it. */
export interface FieldText {
  field: AdField;
  text: string;
}

/** Builds an evidence record for a span of a field. */
export function evidenceOf(f: FieldText, start: number, end: number): Evidence {
  return { field: f.field, start, end, text: f.text.slice(start, end) };
}
