/**
 * Types of the synthetic market: its configuration, the people and operations behind
 * the ads (the ground truth), the ad contents and the site events of each simulated day.
 * See docs/formats.md for the file formats built from them.
 */

/** The three simulated sites. */
export const DEMO_SOURCES = ['demo-portal', 'demo-classifieds', 'demo-sugar'] as const;
/** A simulated site's source id, used as AdRecord.source. */
export type DemoSource = (typeof DEMO_SOURCES)[number];

/** What a generated market should look like. */
export interface MarketConfig {
  /** The seed; the same seed and config give the same bytes. */
  seed: number;
  /** How many people sell (independent, organised and sugar profiles together). */
  persons: number;
  /** How many simulated days. */
  days: number;
  /** The first simulated day, ISO date (YYYY-MM-DD). */
  startDate: string;
}

/** The kind of a person in the market. */
export type PersonKind = 'independent' | 'organised' | 'sugar';

/** A person behind ads (truth only; never shown on a site). */
export interface Person {
  /** "P000001". */
  personId: string;
  kind: PersonKind;
  /** The operation that controls the person, or null. */
  operationId: string | null;
  /** Names used in ads; the first is used first, others appear over time. */
  aliases: string[];
  /** The age the ads state (always 18 or above in this model). */
  statedAge: number;
  /** Stated origin as an English country name, or null when the ads do not state it. */
  nationality: string | null;
  /** Writing language of the ads. */
  language: 'sv' | 'en' | 'mixed';
  /** Kommun code where an independent or sugar person lives; for organised people the first stop. */
  homeKommunCode: string;
  /** Phone numbers (E.164) with the day they came into use; empty for sugar-only profiles. */
  phones: { e164: string; fromDay: number }[];
  /** Base photo ids of the person's own pictures. */
  photoIds: string[];
  /** Sites the person posts on. */
  sources: string[];
  /** For sugar profiles: also appears in sex ads with the same photos. */
  isAlsoInSexAds: boolean;
  /** First and last simulated day the person is active (inclusive). */
  activeFromDay: number;
  activeToDay: number;
}

/** One stop on an operation's route. */
export interface RouteStop {
  kommunCode: string;
  /** Days at this stop. */
  days: number;
}

/** An organised operation controlling 2–8 people (truth only). */
export interface Operation {
  /** "O0001". */
  operationId: string;
  personIds: string[];
  /** Shared numbers, E.164; some foreign (+40, +44, +48). */
  phones: string[];
  /** Index of the text template the operation writes from. */
  templateId: number;
  /** The operation's own recurring phrases. */
  signaturePhrases: string[];
  /** Touring route name and stops, repeated in order through the period. */
  routeName: string;
  route: RouteStop[];
  /** Stock photos shared across several people, or empty. */
  stockPhotoIds: string[];
  /** Reserved for a later displacement model (a market pushed from one town to another). */
  displacement: null;
}

/** The visible content of one version of an ad. */
export interface AdContent {
  title: string;
  body: string;
  /** Structured place field, as written (portal and sugar site). */
  location?: string;
  /** Structured phone field, as written (portal only). */
  phoneField?: string;
  /** Structured age field. */
  age?: number;
  /** Image ids (photo id + variant), in display order. */
  imageIds: string[];
  /** ISO timestamp the site shows as posted. */
  postedAt: string;
}

/** Ground truth for one ad (one externalId), written once when the ad appears. */
export interface AdTruth {
  source: string;
  externalId: string;
  personId: string;
  operationId: string | null;
  isOrganised: boolean;
  /** Kommun the ad is really about (the person's location when posted). */
  kommunCode: string;
  /** Numbers (E.164) the ad shows, in any writing. Empty for sugar profiles. */
  phones: string[];
  /** How each number in `phones` is written, in the same order. */
  phoneStyles: string[];
  isSugar: boolean;
  /** The externalId this ad re-posts, if any. */
  repostOf?: string;
  imageIds: string[];
  /** Base photo of each image, in the same order (for perceptual-hash evaluation). */
  photoIds: string[];
  /** The indicator codes the ad's text and context really carry. */
  indicators: string[];
  /** Simulated day the ad appeared (0-based). */
  firstDay: number;
}

/** The kinds of change a site sees. */
export type MarketEventType = 'appear' | 'edit' | 'repost' | 'remove';

/** One change on one site on one simulated day. */
export interface MarketEvent {
  /** 0-based simulated day. */
  day: number;
  type: MarketEventType;
  source: string;
  externalId: string;
  /** For a repost: the externalId it replaces (which is removed the same day). */
  repostOf?: string;
  /** The new content for appear, edit and repost. */
  ad?: AdContent;
}
