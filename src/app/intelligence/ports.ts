/**
 * Ports of intelligence: sources, crawls, captures and evidence, ads and their observations, linking.
 * Adapters implement them; the context's registration (src/main/contexts/) wires them.
 */
import type { TextFacts } from '../../core/link';
import type { ExtractInput, Extraction } from '../../core/extract';
import type { AdRecord } from '../../contracts/ad-record';
import type { SiteConfig } from '../../contracts/site-config';

export type SourceKind = 'escort' | 'classifieds' | 'sugar' | 'other';

/** Runs extraction on many ads, e.g. on several cores; the default runs it inline. */
export interface Extractor {
  extractMany(items: { input: ExtractInput; region: string }[]): Promise<Extraction[]>;
}

/** Computes the text facts (MinHash signature, name) of many ads, e.g. on worker threads, for a linking rebuild. */
export interface TextFactsSource {
  textFacts(items: { title: string | null; body: string | null }[]): Promise<TextFacts[]>;
}

/** Progress of one crawl as the crawler reports it. */
export interface SiteCrawlProgress {
  pages: number;
  ads: number;
  errors: number;
  skippedByRobots: number;
}

/** One HTTP exchange to keep as evidence. */
export interface PageCapture {
  url: string;
  method: string;
  requestHeaders: Record<string, string>;
  status: number;
  responseHeaders: Record<string, string>;
  body: Buffer;
  fetchedAt: Date;
}

/** Where a capture's WARC records are kept. */
export interface CaptureLocation {
  warcFile: string;
  offset: number;
  length: number;
  recordId: string;
  requestRecordId: string;
  payloadSha256: string;
  fetchedAt: Date;
  url: string;
}

export interface StoredImageInfo {
  sha256: string;
  size: number;
  /** null when the bytes are not a decodable image (they are still kept as served). */
  phash: string | null;
  width: number | null;
  height: number | null;
}

/** Evidence storage: WARC captures and content-addressed images (swappable: folder, S3, …). */
export interface EvidenceStore {
  capture(pages: PageCapture[]): Promise<CaptureLocation[]>;
  storeImage(bytes: Buffer): Promise<StoredImageInfo>;
  /** The stored bytes of an image, or null when there are none (deleted by retention, never stored). */
  readImage(sha256: string): Promise<Buffer | null>;
  /** Retention: deletes image files. */
  deleteImages(sha256s: string[]): Promise<void>;
  /**
   * Retention: rewrites a WARC file with only the kept captures (new file, new offsets), or
   * reports null when nothing is kept. The old file is deleted with deleteWarcFile once the
   * database points at the new one.
   */
  rewriteWarcFile(
    warcFile: string,
    keep: { id: string; offset: number; length: number }[],
  ): Promise<{ newFile: string | null; moved: { id: string; offset: number; length: number }[] }>;
  deleteWarcFile(warcFile: string): Promise<void>;
}

/** Reads stored images (the evidence store implements it). */
export type ImageReader = Pick<EvidenceStore, 'readImage'>;

/** Perceptual hashing of a picture: image reuse only, never faces. */
export interface ImageHasher {
  /** The 64-bit perceptual hash as 16 hex digits, or null when the bytes are not a decodable picture. */
  phash(bytes: Buffer): Promise<string | null>;
}

export interface CaptureRow extends CaptureLocation {
  id: string;
  sourceId: string;
  status: number;
}

export interface EvidenceRepository {
  insertCaptures(rows: (CaptureLocation & { sourceId: string; status: number; crawlRunId: string | null })[]): Promise<string[]>;
  /** Links captures to ads by the site's ids (ads must exist). */
  linkCaptures(links: { captureId: string; sourceId: string; externalId: string }[]): Promise<void>;
  /**
   * What a source already has of these images: the ad/URL pairs already linked (keys
   * `externalId + "\n" + url`), and the stored image of each URL any ad of the source shows,
   * so a crawl fetches only new URLs and links known ones to every ad that shows them.
   */
  knownImages(sourceId: string, externalIds: string[], urls: string[]): Promise<{ linked: Set<string>; sha256ByUrl: Map<string, string> }>;
  saveImage(img: StoredImageInfo, at: Date): Promise<void>;
  linkImage(link: { sourceId: string; externalId: string; sha256: string; url: string; at: Date }): Promise<void>;
  capturesOfAd(adId: string): Promise<CaptureRow[]>;
  /** Whether the image is shown by at least one ad whose details are not purged. */
  isImageOfLiveAd(sha256: string): Promise<boolean>;
  imagesOfAd(adId: string): Promise<{ sha256: string; url: string }[]>;
  findAd(
    ref: { id: string } | { sourceId: string; externalId: string },
  ): Promise<{ id: string; sourceId: string; externalId: string; url: string | null } | null>;
  /**
   * Retention: unlinks captures and images from these ads and deletes the captures and
   * images no other ad uses. Returns the deleted images and the WARC files that held
   * deleted captures.
   */
  detachAds(adIds: string[]): Promise<{ deletedImages: string[]; affectedWarcFiles: string[] }>;
  capturesInFile(warcFile: string): Promise<{ id: string; offset: number; length: number }[]>;
  /** Retention: deletes captures fetched before `before` that show no ad (empty listings, pages of removed ads); returns their WARC files. */
  purgeUnlinkedCaptures(before: Date): Promise<string[]>;
  moveCaptures(newFile: string, moved: { id: string; offset: number; length: number }[]): Promise<void>;
}

/** Fetches and parses a site per its config (src/adapters/crawl). */
export interface SiteCrawler {
  crawl(
    config: SiteConfig,
    opts: {
      baseUrl?: string;
      /** Every response received (redirect hops and retried answers too), before its records; returns a key the records carry. */
      onPage?(page: PageCapture): Promise<string | null>;
      onRecord(record: AdRecord, pageKeys: string[]): Promise<void>;
      onProgress?(p: SiteCrawlProgress): void;
      isPolitenessOff?: boolean;
    },
  ): Promise<SiteCrawlProgress & { isComplete: boolean; errorMessages: string[] }>;
  /** Fetches one file (an image) politely, as the crawl of `config` would. */
  fetchFile(config: SiteConfig, url: string, opts?: { isPolitenessOff?: boolean }): Promise<PageCapture>;
}

export interface SourceRow {
  id: string;
  name: string;
  kind: SourceKind;
  defaultRegion: string;
  baseUrl: string | null;
  isDemo: boolean;
}

/** What extraction found in one ad's content, as stored with the ad. */
export interface AdExtracted {
  /** Extracted phones in E.164. */
  phones: string[];
  /** The best kommun (SCB code), or null. */
  municipalityCode: string | null;
  /** The full extraction with evidence. */
  extraction: Record<string, unknown>;
}

/** One observation of one ad, ready to store. */
export interface AdObservationInput {
  sourceId: string;
  externalId: string;
  url: string | null;
  observedAt: Date;
  postedAt: Date | null;
  title: string | null;
  body: string | null;
  location: string | null;
  phoneField: string | null;
  statedAge: number | null;
  contentHash: string;
  /**
   * The extraction of this content, or null when it was not run because the ad's stored
   * content will not be replaced by it (an older sighting, or the same content again). The
   * store asks for the ones it needs after all (AdObservationOptions.extract).
   */
  extracted: AdExtracted | null;
  /** The extraction (lexicon) version; a stored ad of an older version is extracted again. */
  extractionVersion: string;
  isDemo: boolean;
}

export interface AdObservationOptions {
  /**
   * Extracts observations that arrived without `extracted` but whose content becomes the
   * ad's current content (called inside the transaction, with those observations only).
   */
  extract(observations: AdObservationInput[]): Promise<AdExtracted[]>;
}

export interface ObservationCounts {
  /** Ads seen for the first time. */
  newAds: number;
  /** Observations stored (a re-imported observation is not counted). */
  newObservations: number;
  /** Existing ads whose content changed (a new version). */
  changedAds: number;
}

export interface AdListItem {
  id: string;
  sourceId: string;
  externalId: string;
  title: string | null;
  location: string | null;
  municipalityCode: string | null;
  phones: string[];
  firstSeenAt: Date;
  lastSeenAt: Date;
  isDemo: boolean;
}

export interface AdSearchQuery {
  /** Full text (Swedish stemming). */
  text?: string;
  /** A phone number in E.164. */
  phone?: string;
  municipalityCode?: string;
  /** Two-digit län code. */
  countyCode?: string;
  seenFrom?: Date;
  seenTo?: Date;
  /** An indicator code the ad's extraction found. */
  indicatorCode?: string;
  limit: number;
}

/** An ad that shows a picture near a searched one. */
export interface AdImageMatch extends AdListItem {
  /** Hamming distance of the closest picture of the ad. */
  distance: number;
  imageSha256: string;
}

export interface AdRepository {
  listSources(): Promise<SourceRow[]>;
  upsertSources(rows: SourceRow[]): Promise<void>;
  /**
   * Stores a batch of observations idempotently and returns what was new. The newest
   * observation of an ad gives its content (an observation at the same time as the stored
   * one counts as newer, unless the ad was purged); every observation is kept, and every
   * distinct content as a version.
   */
  applyObservations(batch: AdObservationInput[], opts?: AdObservationOptions): Promise<ObservationCounts>;
  search(query: AdSearchQuery): Promise<AdListItem[]>;
  /** Ads (not purged) with a picture within `maxDistance` bits of `phash`, closest first. */
  searchByImage(phash: string, maxDistance: number, limit: number): Promise<AdImageMatch[]>;
  count(filter?: { isDemo?: boolean }): Promise<number>;
  /** Deletes every demo ad and demo source (with their runs and captures); returns the ads deleted and the WARC files to rewrite. */
  deleteDemo(): Promise<{ ads: number; warcFiles: string[] }>;
  demoAdIds(): Promise<string[]>;
  /**
   * Retention: removes the personal details (text, phones, extraction, history) of ads last
   * seen before `before` that have no active hold. Dates and counts stay. Returns how many.
   */
  purgeLastSeenBefore(before: Date, now: Date): Promise<string[]>;
  /** Puts a hold on an ad so retention keeps it (used by operations and cases). */
  hold(adId: string, reason: string, heldBy: string | null, at: Date): Promise<void>;
  /**
   * After a complete crawl: every live ad of the source not seen since `seenSince` gets one
   * more missed crawl; at `threshold` it is marked removed. Returns how many were removed now.
   */
  /** The source's live ads (not marked removed) and how many of them were seen since `since`. */
  sightingCounts(sourceId: string, since: Date): Promise<{ live: number; seen: number }>;
  markMissed(sourceId: string, seenSince: Date, threshold: number, at: Date): Promise<number>;
  /** Links ads first seen since `since` to an earlier ad of the same source with the same content. */
  linkReposts(sourceId: string, since: Date): Promise<number>;
}

export type CrawlStatus = 'running' | 'complete' | 'incomplete' | 'failed' | 'interrupted';

export interface CrawlCounts {
  pages: number;
  ads: number;
  newAds: number;
  changedAds: number;
  removedAds: number;
  reposts: number;
  errors: number;
}

export interface CrawlRunRow extends CrawlCounts {
  id: string;
  sourceId: string;
  status: CrawlStatus;
  startedAt: Date;
  finishedAt: Date | null;
  trigger: string;
  errorSample: string[];
}

/** Which process runs a crawl, and whether a process is still alive (on this host). */
export interface RunnerInfo {
  host: string;
  pid: number;
  isAlive(host: string, pid: number): boolean;
}

export interface CrawlRunRepository {
  /**
   * Marks running runs of the source as interrupted when their heartbeat is older than
   * `staleBefore` or their runner is known dead; returns how many.
   */
  interruptStale(
    sourceId: string,
    staleBefore: Date,
    now: Date,
    isDead: (host: string | null, pid: number | null) => boolean,
  ): Promise<number>;
  /** Starts a run, or returns null when one is already running for the source. */
  start(sourceId: string, trigger: string, now: Date, runner: { host: string; pid: number }): Promise<CrawlRunRow | null>;
  progress(id: string, counts: CrawlCounts, now: Date): Promise<void>;
  finish(id: string, status: CrawlStatus, counts: CrawlCounts, errorSample: string[], now: Date): Promise<void>;
  recent(sourceId: string | null, limit: number): Promise<CrawlRunRow[]>;
}

export interface SettingsRepository {
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown, at: Date): Promise<void>;
}

/** What linking reads about one ad (src/app/intelligence/link-ads.ts). */
export interface LinkSourceRow {
  adId: string;
  /** "source:externalId". */
  key: string;
  sourceId: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  municipalityCode: string | null;
  title: string | null;
  body: string | null;
  phones: string[];
  contentHash: string;
  extraction: Record<string, unknown> | null;
  /** Key of the ad this one re-posts, when known. */
  repostOfKey: string | null;
  /** Image group keys of the ad's images. */
  imageGroups: string[];
}

/** A linked ad as stored: what linking needs to link it again without reading its text. */
export interface LinkedStateRow {
  adId: string;
  key: string;
  sourceId: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  municipalityCode: string | null;
  contentHash: string;
  imageCount: number;
  names: string[];
  textSig: string | null;
  repostOfKey: string | null;
  signals: { kind: string; value: string }[];
  indicators: { code: string; text: string }[];
}

/** A stored correction to linking, with its author and reason. */
export interface LinkCorrectionRow {
  id: string;
  type: 'confirm' | 'merge' | 'cut' | 'split' | 'wrong_extraction';
  level: 'profile' | 'network' | null;
  adA: string | null;
  adB: string | null;
  keepAds: string[] | null;
  moveAds: string[] | null;
  signalKind: string | null;
  signalValue: string | null;
  reason: string;
  authorId: string;
  createdAt: Date;
}

/** One ad's linking state as stored. */
export interface LinkAdStateRow {
  adId: string;
  key: string;
  profileId: string;
  networkId: string;
  names: string[];
  contentHash: string;
  imageCount: number;
}

export interface StoredEdge {
  networkId: string;
  level: string;
  a: string;
  b: string;
  kind: string;
  value: string;
  strength: number;
  similarity: number | null;
  isRefused: boolean;
}

export interface ProfileRow {
  id: string;
  networkId: string;
  adCount: number;
  names: string[];
  phones: string[];
  municipalityCodes: string[];
  firstSeen: string;
  lastSeen: string;
  isTouring: boolean;
  score: number;
  weightsVersion: string;
  contributions: unknown[];
  timeline: unknown[];
}

export interface NetworkRow {
  id: string;
  profileCount: number;
  adCount: number;
  municipalityCodes: string[];
  firstSeen: string;
  lastSeen: string;
  score: number;
  weightsVersion: string;
  contributions: unknown[];
}

/** Everything one linking run writes for the ads it covered. */
export interface LinkWrite {
  /** Ads covered (their previous profiles, networks and edges are replaced). */
  adIds: string[];
  /** Ads whose values changed (new, edited, new pictures): their stored values are replaced by `signals`. */
  seedIds: string[];
  signals: { adId: string; kind: string; value: string }[];
  links: {
    adId: string;
    key: string;
    profileId: string;
    networkId: string;
    names: string[];
    contentHash: string;
    imageCount: number;
    textSig: string | null;
    /** The LSH band keys of textSig as numbers (core/link lshBandNumbers). */
    textBands: number[];
  }[];
  edges: StoredEdge[];
  profiles: ProfileRow[];
  networks: NetworkRow[];
  flows: { profileId: string; fromCode: string; toCode: string; day: string }[];
  paramsVersion: string;
  at: Date;
}

/** Rows a rebuild inserts after clear(), in parts (see LinkRepository.insertFresh). */
export type FreshRows = Partial<Pick<LinkWrite, 'signals' | 'links' | 'edges' | 'profiles' | 'networks' | 'flows'>>;

export interface LinkRepository {
  /** Linkable ads (not purged) in key order after `afterKey`, at most `limit`. */
  pageAds(afterKey: string | null, limit: number): Promise<LinkSourceRow[]>;
  adsByIds(adIds: string[]): Promise<LinkSourceRow[]>;
  /** Linked ads as linking last read them (stored names, text signature and values), without their text. */
  linkedStates(adIds: string[]): Promise<LinkedStateRow[]>;
  /** Ads waiting in the link queue (new, edited, or with a new image). */
  pendingAdIds(limit: number): Promise<string[]>;
  /** Per value ("kind\u0000value"): how many ads carry it, and at most `perValue` + 1 of them. */
  carriers(
    values: { kind: string; value: string }[],
    perValue: number,
  ): Promise<
    Map<string, { count: number; adIds: string[]; /** for text: the carriers' stored signatures (hex) */ textSigs: (string | null)[] }>
  >;
  /** Every ad in these networks. */
  adsOfNetworks(networkIds: string[]): Promise<string[]>;
  /** Current network ids of these ads. */
  networksOfAds(adIds: string[]): Promise<string[]>;
  /** Stored values per ad (to find the old neighbours of a changed ad). */
  signalsOfAds(adIds: string[]): Promise<{ adId: string; kind: string; value: string }[]>;
  /** Ad ids for keys. */
  idsOfKeys(keys: string[]): Promise<Map<string, string>>;
  corrections(): Promise<LinkCorrectionRow[]>;
  addCorrection(row: Omit<LinkCorrectionRow, 'id'>): Promise<LinkCorrectionRow>;
  /**
   * Waits for and holds, until the transaction ends, the one lock of linking: two linking runs
   * (a crawl's, an import's, a correction's, the server's queue) never work on the same ads at once.
   */
  lock(): Promise<void>;
  /** Replaces the linking of the covered ads (and the profiles, networks, edges and flows they had). */
  write(w: LinkWrite): Promise<void>;
  /** A rebuild's start: clear(), and the secondary indexes of the link tables are dropped until finishFresh() builds them again. */
  beginFresh(): Promise<void>;
  /** A rebuild's end: builds the text band index again and refreshes the planner's statistics. */
  finishFresh(): Promise<void>;
  /** After beginFresh() in the same transaction: inserts these rows in bulk, comparing with nothing old. */
  insertFresh(rows: FreshRows, meta: { paramsVersion: string; at: Date }): Promise<void>;
  /** Retention: removes these ads from linking, with the profiles and networks they were in (re-link the rest). */
  forgetAds(adIds: string[]): Promise<void>;
  /** Deletes every linking row (not corrections), for a rebuild. */
  clear(): Promise<void>;
  profile(id: string): Promise<ProfileRow | null>;
  network(id: string): Promise<NetworkRow | null>;
  adsOfProfile(id: string): Promise<{ adId: string; key: string; networkId: string }[]>;
  edgesOfNetwork(networkId: string): Promise<StoredEdge[]>;
  /** Ads as a profile page shows them (no body text). */
  adDetails(adIds: string[]): Promise<
    {
      id: string;
      key: string;
      title: string | null;
      municipalityCode: string | null;
      phones: string[];
      firstSeenAt: Date;
      lastSeenAt: Date;
      isDemo: boolean;
      images: string[];
    }[]
  >;
  profilesOfNetwork(networkId: string): Promise<ProfileRow[]>;
  /** Profiles by score (highest first), optionally in one kommun. */
  listProfiles(q: { municipalityCode?: string; minScore?: number; limit: number }): Promise<ProfileRow[]>;
  /** Which of these profiles have demo ads (shown with a DEMO label). */
  demoProfiles(profileIds: string[]): Promise<Set<string>>;
  /** Active corrections that mention any of these ad keys. */
  correctionsOfAds(keys: string[]): Promise<LinkCorrectionRow[]>;
  /** Export: ads with their profile and network, in key order after `afterKey`. */
  exportAds(
    afterKey: string | null,
    limit: number,
  ): Promise<
    {
      key: string;
      profileId: string | null;
      networkId: string | null;
      municipalityCode: string | null;
      phones: string[];
      score: number | null;
    }[]
  >;
  exportProfiles(afterId: string | null, limit: number): Promise<ProfileRow[]>;
  exportNetworks(afterId: string | null, limit: number): Promise<NetworkRow[]>;
}

/* ─────────────────────────────── outreach (Uppsök) ─────────────────────────────── */

declare module '../shared/ports' {
  /** The repositories of this context, bound to one transaction. */
  interface Repositories {
    ads: AdRepository;
    links: LinkRepository;
    evidence: EvidenceRepository;
    crawlRuns: CrawlRunRepository;
    settings: SettingsRepository;
  }
}
