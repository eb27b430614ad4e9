/**
 * The indicator lexicon: codes, descriptions, sources, weights and the wording that triggers
 * them. Versioned: bump INDICATOR_LEXICON_VERSION on every change to an entry, a pattern or a
 * weight, and record the change in docs/indicators.md. Indicators are signals for a trained
 * person to weigh. They are never proof, and no single one says that a person is exploited.
 *
 * Sources (see docs/indicators.md):
 * - `research-ads`: DOMAIN.md, "Indicators … in ads and profiles": research on ads found four
 *   indicators that predict trafficking (an obscured phone number, stated ethnicity,
 *   "trustworthy" wording, language suggesting youth). The study itself is not named in
 *   DOMAIN.md and is not verified here.
 * - `practitioner`: DOMAIN.md, the indicators practitioners use (new in town, touring,
 *   third-person wording, foreign phone, 24/7, hotel incall, low price, several women, limited
 *   language).
 * - `law-minor`: Brottsbalken 6 kap. 9 § (a person under 18); DOMAIN.md on the mandatory report
 *   of concern.
 */

import type { IndicatorCode } from '../shared/vocabulary';

/** Version of the lexicon; part of every extraction result. */
export const INDICATOR_LEXICON_VERSION = '2026.12.1';

/** Where an indicator comes from. */
export type IndicatorSource = 'research-ads' | 'practitioner' | 'law-minor';

/** One indicator in the lexicon. */
export interface IndicatorDefinition {
  code: IndicatorCode;
  description: { sv: string; en: string };
  source: IndicatorSource;
  /** Relative weight in [0, 1] for ranking; not a probability. */
  weight: number;
  /** Wording that triggers it. Empty for indicators computed by a rule from other extractions. */
  patterns: readonly RegExp[];
  /** How a rule-based indicator is computed, for the documentation. */
  rule?: string;
}

const w = (words: readonly string[]): RegExp => new RegExp(`(?<![\\p{L}\\d])(?:${words.join('|')})(?![\\p{L}])`, 'giu');

/** The lexicon. Order is the order of the documentation. */
export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    code: 'NEW_IN_TOWN',
    description: { sv: 'Ny i stan, nyss anländ eller bara här några dagar', en: 'New in town, just arrived or only here a few days' },
    source: 'practitioner',
    weight: 0.3,
    patterns: [
      w([
        'ny i stan',
        'nyinflyttad',
        'nykommen',
        'nyanländ',
        'nyss anländ',
        'nyss kommit',
        'precis kommit',
        'just kommit',
        'ny i (?:\\p{Lu}[\\p{L}-]+|\\p{Ll}{3,}(?=[.!,]))',
        'new in town',
        'new in the city',
        'new in sweden',
        'new in \\p{Lu}\\p{L}+',
        'now in town',
        'just arrived',
        'first time in',
        'första gången i',
        'ny tjej i stan',
        'new girl in town',
      ]),
      w([
        'bara (?:här )?(?:några|få|\\d|ett par|två|tre) dagar',
        'endast (?:några|få|\\d|ett par|två|tre) dagar',
        '(?:några|få|1|2|3|4|5|6|7) dagar (?:bara|endast|kvar)',
        'sista dagarna',
        'sista dagen',
        'bara denna vecka',
        'bara i helgen',
        'only (?:for )?(?:a )?few days',
        'only \\d days',
        'few days only',
        'few days in town',
        'last days',
        'last day in',
        'this week only',
        'only this week',
        'only for (?:a )?short time',
        'for a short time',
        'short visit',
        'kort besök',
        'kort tid',
      ]),
    ],
  },
  {
    code: 'TOURING',
    description: { sv: 'Turnerar mellan orter', en: 'Touring over several towns' },
    source: 'practitioner',
    weight: 0.4,
    patterns: [
      w([
        'turné',
        'turne',
        'på turné',
        'on tour',
        'tour',
        'touring',
        'nästa stad',
        'next city',
        'nästa vecka i',
        'next week in',
        'besöker (?:er )?stad',
        'reser runt',
        'travelling',
        'traveling',
        'åker vidare',
        'then to',
        'sedan till',
      ]),
    ],
    rule: 'Also raised when the ad names three or more different kommuner.',
  },
  {
    code: 'THIRD_PERSON',
    description: { sv: 'Tredjepersons- eller bokarformuleringar', en: 'Third-person or booker wording' },
    source: 'practitioner',
    weight: 0.6,
    patterns: [
      w([
        'våra tjejer',
        'våra flickor',
        'våra damer',
        'vår tjej',
        'our girls',
        'our ladies',
        'our girl',
        'our models',
        'booking (?:by|via|through|with) (?:our|the|my) ',
        'booking (?:by|via) (?:manager|agent|agency|booker)',
        'bokning(?:en)? (?:via|hos|genom) (?:vår|chefen|agenturen|bokaren)',
        'boka (?:henne|tjejerna)',
        'book her',
        'hon är',
        'hon finns',
        'hon tar emot',
        'hennes',
        'she is',
        "she's",
        'she will',
        'she can',
        'her rates',
        'contact (?:the )?(?:manager|agency|booker)',
        'kontakta (?:chefen|agenturen|bokaren)',
        'agentur',
        'agency',
        'manager',
        'bokare',
        'booker',
        'vi erbjuder',
        'we offer',
        'ring oss',
        'call us',
      ]),
    ],
  },
  {
    code: 'ALWAYS_AVAILABLE',
    description: { sv: 'Tillgänglig dygnet runt', en: 'Available around the clock' },
    source: 'practitioner',
    weight: 0.4,
    patterns: [
      w([
        '24\\s?[/\\-]\\s?7(?!\\d)',
        '24\\s?h(?:rs)?',
        'dygnet runt',
        'alltid tillgänglig',
        'alltid öppen',
        'alltid ledig',
        'dag och natt',
        'dag som natt',
        'day and night',
        'round the clock',
        'around the clock',
        'always available',
        '24 timmar om dygnet',
        'open 24',
      ]),
    ],
  },
  {
    code: 'HOTEL_INCALL',
    description: { sv: 'Tar emot på hotell', en: 'Incall at a hotel' },
    source: 'practitioner',
    weight: 0.3,
    patterns: [
      w(['hotell', 'hotellet', 'hotellrum', 'hotel', 'hotel room', 'hotelroom', 'incall hotell', 'incall hotel', 'hotell incall']),
    ],
  },
  {
    code: 'YOUTH_WORDING',
    description: { sv: 'Betonar ungdom', en: 'Emphasis on youth' },
    source: 'research-ads',
    weight: 0.6,
    patterns: [],
    rule: 'Raised for every youth term found by the age extractor ("ung tjej", "young", "tonåring", "skolflicka", "nyss fyllt 19", "snart 18", "almost 18", "just turned", "barely legal", "teen").',
  },
  {
    code: 'STATED_MINOR',
    description: { sv: 'Angiven ålder under 18 år', en: 'Stated age under 18' },
    source: 'law-minor',
    weight: 1,
    patterns: [],
    rule: 'Raised when any stated age (text or age field) is under 18, in any form the age extractor reads (digits or number words, "Mia (17)", "17y", "ålder: 17", each age of a list or range). The person is a child: a report of concern is mandatory.',
  },
  {
    code: 'MULTIPLE_WOMEN',
    description: { sv: 'Flera personer i samma annons', en: 'Several people in one ad' },
    source: 'practitioner',
    weight: 0.5,
    patterns: [
      w([
        '(?:två|tre|fyra|fem|2|3|4|5|flera|många|nya) (?:tjejer|flickor|damer|kvinnor|väninnor|vänninor)',
        '(?:two|three|four|five|2|3|4|5|several|many|new) (?:girls|ladies|women)',
        'vi är (?:två|tre|2|3)',
        'we are (?:two|three|2|3)',
        'duo',
        'trio',
        'tjejerna',
        'the girls',
        'girls available',
        'tjejer finns',
        'väljer själv vilken',
        'choose your girl',
        'nya tjejer varje vecka',
        'new girls every week',
      ]),
    ],
  },
  {
    code: 'LOW_PRICE',
    description: { sv: 'Mycket lågt pris', en: 'Very low price' },
    source: 'practitioner',
    weight: 0.4,
    patterns: [],
    rule: 'Raised when a price converted to SEK per hour is below LOW_PRICE_SEK_PER_HOUR (a market setting; the default is a judgement, not a verified figure). A price without a stated duration counts as one hour.',
  },
  {
    code: 'FOREIGN_PHONE',
    description: { sv: 'Utländskt telefonnummer', en: 'Foreign phone number' },
    source: 'practitioner',
    weight: 0.4,
    patterns: [],
    rule: 'Raised when a phone number belongs to another country than the market region.',
  },
  {
    code: 'BUYER_RESTRICTIONS',
    description: { sv: 'Begränsningar för köparen', en: 'Restrictions on the buyer' },
    source: 'practitioner',
    weight: 0.3,
    patterns: [
      w([
        'endast svenska (?:män|killar|herrar)',
        'bara svenska (?:män|killar|herrar)',
        'only swedish (?:men|guys)',
        'inga utlänningar',
        'no foreigners',
        'inga (?:araber|afrikaner|svarta|invandrare)',
        'no (?:arabs|africans|blacks|black men|indians)',
        'only white',
        'endast vita',
        'inga under \\d\\d',
        'no one under \\d\\d',
        'ej under \\d\\d',
        'endast (?:äldre|mogna) (?:män|herrar)',
        'only (?:older|mature) (?:men|gentlemen)',
        'only gentlemen',
        'endast gentlemen',
        'no drunk',
        'inga fulla',
        'no drugs',
        'inga droger',
        'no blocked numbers',
        'inga dolda nummer',
        'dolt nummer besvaras ej',
        'no private numbers',
      ]),
    ],
  },
  {
    code: 'OBSCURED_PHONE',
    description: { sv: 'Telefonnumret är dolt eller förvrängt', en: 'Obscured phone number' },
    source: 'research-ads',
    weight: 0.5,
    patterns: [],
    rule: 'Raised when a phone number was written with number words, look-alike letters, keycap or styled digits, unusual separators or split over two runs of text.',
  },
  {
    code: 'STATED_ETHNICITY',
    description: { sv: 'Angiven etnicitet eller nationalitet', en: 'Stated ethnicity or nationality' },
    source: 'research-ads',
    weight: 0.3,
    patterns: [],
    rule: 'Raised when the ad states a nationality or ethnicity.',
  },
  {
    code: 'TRUST_WORDING',
    description: { sv: '"Förtroendeingivande" formuleringar', en: '"Trustworthy" wording' },
    source: 'research-ads',
    weight: 0.2,
    patterns: [
      w([
        '100 ?% (?:äkta|riktig|real|verklig)',
        'äkta bilder',
        'riktiga bilder',
        'verkliga bilder',
        'real photos',
        'real pictures',
        'real pics',
        'genuine',
        'trust me',
        'lita på mig',
        'pålitlig',
        'reliable',
        'no fake',
        'ingen fake',
        'inte fake',
        'not fake',
        'verified',
        'verifierad',
        'honest',
        'ärlig',
        'safe and discreet',
        'säkert och diskret',
        'trygg',
      ]),
    ],
  },
  {
    code: 'LIMITED_LANGUAGE',
    description: { sv: 'Begränsat språk', en: 'Limited language' },
    source: 'practitioner',
    weight: 0.3,
    patterns: [
      w([
        '(?:pratar|talar) (?:inte|ej) svenska',
        'ingen svenska',
        'no swedish',
        "don't speak swedish",
        'do not speak swedish',
        'only english',
        'bara engelska',
        'endast engelska',
        'english only',
        'little english',
        'lite engelska',
        'no english',
        'ingen engelska',
        'ingen svenska',
      ]),
    ],
  },
];

/** Default low-price threshold, SEK per hour (a judgement for the Swedish market; adjust per market). */
export const LOW_PRICE_SEK_PER_HOUR = 1000;
/** Rough conversion to SEK for the low-price rule only. */
export const SEK_PER_UNIT: Readonly<Record<string, number>> = { SEK: 1, NOK: 1, DKK: 1.5, EUR: 11.5, USD: 10.5 };

/** The lexicon by code. */
export const INDICATOR_BY_CODE: ReadonlyMap<string, IndicatorDefinition> = new Map(INDICATORS.map((d) => [d.code, d]));
