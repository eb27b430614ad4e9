/**
 * Types of linking: what linking reads about an ad, the evidence edges it draws, the
 * analyst's corrections it obeys, and the profiles and networks it returns.
 */

/** How two ads are tied. */
export type EdgeKind = 'phone' | 'email' | 'handle' | 'image' | 'text' | 'repost' | 'confirmed';

/** The signal kinds that ads share by exact value. */
export type SignalKind = 'phone' | 'email' | 'handle' | 'image';

/** Profile: one person or contact point. Network: one operation. */
export type LinkLevel = 'profile' | 'network';

/** What linking needs to know about one ad. Everything here comes from stored data. */
export interface LinkAd {
  /** "source:externalId": stable across rebuilds and re-imports. */
  key: string;
  source: string;
  /** First and last day the ad was seen (days since 1970-01-01, UTC). */
  firstDay: number;
  lastDay: number;
  /** The kommun the ad is about (SCB code), or null when unknown. */
  municipalityCode: string | null;
  /** Names the ad presents, lower-case (src/core/link/names.ts). */
  names: string[];
  /** E.164 numbers. */
  phones: string[];
  /** Lower-case e-mail addresses. */
  emails: string[];
  /** "platform:handle". */
  handles: string[];
  /** Image group keys (pictures within the image threshold of each other share a key). */
  images: string[];
  /** MinHash signature of title and body, or null when too short. */
  text: Uint32Array | null;
  /** Key of the ad this one re-posts on the same site, when the site import found one. */
  repostOf: string | null;
}

/**
 * How a shared value is read:
 * - personal: one person (every ad that shows it presents the same name, or never two names at once);
 * - shared: shown at the same time with different names (a booker's number, a stock photo);
 *   it ties profiles into a network, not into one person;
 * - common: on too many ads to mean anything (a switchboard number, site boilerplate, a stock
 *   photo used across the country); it ties nothing.
 */
export type SignalClass = 'personal' | 'shared' | 'common';

/** A shared value and how linking read it. */
export interface SignalInfo {
  kind: SignalKind | 'text';
  value: string;
  /** Ads that carry it (for text: ads in the LSH bucket). */
  adCount: number;
  signalClass: SignalClass;
  /** Names seen on the ads that carry it. */
  names: string[];
}

/** One piece of evidence that ties two ads, at the level it counts for. */
export interface EvidenceEdge {
  a: string;
  b: string;
  kind: EdgeKind;
  /** The shared value: a number, an address, a handle, an image group, a band, or a correction id. */
  value: string;
  level: LinkLevel;
  /** 0–1: how much the edge counts (common values are discounted). */
  strength: number;
  /** Estimated Jaccard similarity for text edges. */
  similarity?: number;
}

/** An analyst's correction. Kept with author and reason by the caller; linking obeys it. */
export type LinkCorrection =
  | { id: string; type: 'confirm'; level: LinkLevel; a: string; b: string }
  | { id: string; type: 'merge'; level: LinkLevel; a: string; b: string }
  | { id: string; type: 'cut'; level: LinkLevel; a: string; b: string }
  | { id: string; type: 'split'; level: LinkLevel; keep: string[]; move: string[] }
  | { id: string; type: 'wrong_extraction'; ad: string; kind: SignalKind; value: string };

/** Tunable linking parameters; versioned so a result says how it was made. */
export interface LinkParams {
  version: string;
  /** A value carried by more ads than this is common (ties nothing). */
  maxAdsPerSignal: Record<SignalKind | 'text', number>;
  /** Text pairs at or above this estimated Jaccard similarity are near-duplicates. */
  textMinSimilarity: number;
  /**
   * Text pairs of different people count for a network (a shared template) only from this
   * similarity: shorter stock phrasing ("söker en generös gentleman") is common to strangers.
   */
  textNetworkMinSimilarity: number;
  /** Text pairs with no names at or above this similarity count as the same person. */
  textSamePersonSimilarity: number;
  /**
   * Two ads count as "at the same time" when they were first seen at most this many days
   * apart. First sightings only: a later sighting never changes how an ad links, so only
   * new and changed ads need linking.
   */
  concurrentDays: number;
  /**
   * Bridge check: one picture or one text that alone ties two profiles of at least this many ads
   * each does not join their networks; it is kept as a refused edge for review. 0 turns it off.
   */
  bridgeMinAds?: number;
}

/** The result of linking a set of ads. */
export interface LinkResult {
  /** Profile id per ad key. */
  profileOf: Map<string, string>;
  /** Network id per ad key. */
  networkOf: Map<string, string>;
  /** Every non-common evidence edge considered (used or refused by a correction). */
  edges: EvidenceEdge[];
  /** Every value shared by at least two ads, with its reading. */
  signals: SignalInfo[];
  /** Edges a correction kept from joining two clusters: "a|b|level". */
  refused: EvidenceEdge[];
}
