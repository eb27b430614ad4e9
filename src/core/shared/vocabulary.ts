/**
 * The shared vocabulary: the closed lists of words that the core, the contracts (zod schemas)
 * and the web app all speak. One place, plain values and types, no zod and no Node built-ins,
 * so the browser bundle may import it. The contracts build their `z.enum(...)` schemas from
 * these lists; the core and the web use them as they are.
 *
 * Order matters where a comment says so (navigation order, the order of the documentation).
 */

/**
 * Roles a user may hold. Names are Swedish domain words, ASCII-folded. `administrator` manages the
 * accounts of its own organisation; `systemadministrator` the installation (organisations, their
 * areas, every account); `granskare` (auditor) reads the audit log's full detail with a purpose.
 * None of these three may be combined with a role that reads operational data.
 */
export const ROLES = [
  'administrator',
  'systemadministrator',
  'granskare',
  'kartlaggare',
  'uppsokare',
  'socialsekreterare',
  'polis',
  'samordnare',
  'lasare',
] as const;
export type Role = (typeof ROLES)[number];

/** Kinds of organisation that use Fyren. */
export const ORGANISATION_KINDS = ['socialtjanst', 'centrum_mot_vald', 'polisregion', 'lansstyrelse', 'ideell'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The modules of the app shell, in navigation order. */
export const MODULES = ['kartlaggning', 'uppsok', 'insatser', 'arenden', 'samverkan', 'statistik', 'administration'] as const;
export type ModuleKey = (typeof MODULES)[number];

/** The languages of the user interface. */
export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** The seven police regions (Polismyndigheten, since 2015-01-01). */
export const POLICE_REGIONS = ['Nord', 'Mitt', 'Stockholm', 'Öst', 'Väst', 'Syd', 'Bergslagen'] as const;
export type PoliceRegion = (typeof POLICE_REGIONS)[number];

/** Uppsök: how a worker reached out. */
export const CHANNELS = ['sms', 'call', 'site_chat', 'email', 'in_person'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Uppsök: what came of an attempt. `accepted_help` opens a case intake (adult unit);
 * `signs_of_minor` makes a report of concern (orosanmälan) to the children's unit: a person
 * under 18 is a child.
 */
export const OUTCOMES = [
  'no_answer',
  'wrong_number',
  'declined_help',
  'wants_information',
  'accepted_help',
  'already_in_contact',
  'signs_of_minor',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * The codes of the ad indicator lexicon (core/extract/indicators.lexicon.ts), in the order of
 * the documentation. The lexicon's definitions are typed with these codes, and a test holds the
 * two lists equal. Profile-level indicators (SHARED_PHONE, NETWORK, …) are computed by linking
 * and are not ad indicators.
 */
export const INDICATOR_CODES = [
  'NEW_IN_TOWN',
  'TOURING',
  'THIRD_PERSON',
  'ALWAYS_AVAILABLE',
  'HOTEL_INCALL',
  'YOUTH_WORDING',
  'STATED_MINOR',
  'MULTIPLE_WOMEN',
  'LOW_PRICE',
  'FOREIGN_PHONE',
  'BUYER_RESTRICTIONS',
  'OBSCURED_PHONE',
  'STATED_ETHNICITY',
  'TRUST_WORDING',
  'LIMITED_LANGUAGE',
] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

/** The HTTP header that carries the purpose of a search or read of personal data. */
export const PURPOSE_HEADER = 'x-fyren-purpose';

/**
 * The header that asks, for one request, to see ads, profiles, networks and evidence outside the
 * organisation's area (value "outside"). It needs a purpose, and every such read is audited as such.
 */
export const AREA_HEADER = 'x-fyren-area';

/** Is this string one of the list's words? A type guard for any of the lists above. */
export function isOneOf<const T extends readonly string[]>(list: T, value: unknown): value is T[number] {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
