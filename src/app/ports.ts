/**
 * Ports: the interfaces the use cases need. Adapters implement them (src/adapters/*);
 * the composition root (src/main) wires them. Use cases never import an adapter.
 */
import type { Actor } from '../core/policy/policy';
import type { AuditRecord, ChainedAuditRecord } from '../core/audit/chain';
import type { SessionCache } from './identity/session-cache';
import type { DashboardCache } from './statistics/dashboard-cache';
import type { TextFacts } from '../core/link';
import type { DashboardArea, Period, RawFlow, RawIndicator, RawKommun, RawTotals, RawWeek } from '../core/stats/dashboard';
import type { Extraction, ExtractInput } from '../core/extract';
import type { AdRecord } from '../contracts/ad-record';
import type { BuyerSiteConfig, SiteConfig } from '../contracts/site-config';
import type { AreaLevel, DemandEventKind } from '../contracts/demand';
import type { AuditQuery, Locale, OrganisationKind, Role, Scope } from '../contracts/identity';

export interface Clock {
  now(): Date;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** Cryptographic randomness. */
export interface RandomSource {
  /** A URL-safe random token with `bytes` bytes of entropy. */
  token(bytes: number): string;
  /** A base32 TOTP secret (160 bits). */
  totpSecret(): string;
}

/** Limits failed sign-ins per client address and per user name (429 when exceeded). */
export interface LoginThrottle {
  /** True when `key` has had too many failures in the current window. */
  isBlocked(key: string, nowMs: number): boolean;
  recordFailure(key: string, nowMs: number): void;
  reset(key: string): void;
}

/** Who is acting, and in which request. */
export interface RequestContext {
  actor: (Actor & { displayName: string; username: string }) | null;
  requestId: string;
  /** The purpose the actor gave for a search or read of personal data. */
  purpose?: string | null;
  /**
   * Set only by CLI commands (no actor): the operator at the server's console, trusted like
   * every CLI command. Use cases that accept it say so; HTTP requests never carry it.
   */
  isConsoleOperator?: boolean;
}

export interface AuditInput {
  action: string;
  outcome: 'success' | 'failure' | 'denied';
  resourceKind?: string | null;
  resourceId?: string | null;
  details?: Record<string, unknown>;
}

export interface OrganisationRow {
  id: string;
  name: string;
  kind: OrganisationKind;
  requireTotp: boolean;
  scope: Scope;
  createdAt: Date;
}

export interface UnitRow {
  id: string;
  organisationId: string;
  name: string;
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  organisationId: string;
  unitId: string | null;
  roles: Role[];
  passwordHash: string;
  mustChangePassword: boolean;
  totpSecret: string | null;
  totpPendingSecret: string | null;
  totpLastStep: number | null;
  failedLogins: number;
  lockedUntil: Date | null;
  isDisabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export interface SessionRow {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

export interface OrganisationRepository {
  list(): Promise<OrganisationRow[]>;
  get(id: string): Promise<OrganisationRow | null>;
  insert(input: Omit<OrganisationRow, 'id' | 'createdAt'>): Promise<OrganisationRow>;
  update(id: string, patch: Partial<Pick<OrganisationRow, 'name' | 'kind' | 'requireTotp' | 'scope'>>): Promise<OrganisationRow | null>;
  count(): Promise<number>;
}

export interface UnitRepository {
  listByOrganisation(organisationId: string): Promise<UnitRow[]>;
  get(id: string): Promise<UnitRow | null>;
  insert(input: Omit<UnitRow, 'id'>): Promise<UnitRow>;
}

export interface UserRepository {
  list(): Promise<UserRow[]>;
  get(id: string): Promise<UserRow | null>;
  /** Takes a row lock, for read-modify-write inside a transaction. */
  getForUpdate(id: string): Promise<UserRow | null>;
  findByUsername(username: string): Promise<UserRow | null>;
  insert(
    input: Pick<UserRow, 'username' | 'displayName' | 'organisationId' | 'unitId' | 'roles' | 'passwordHash' | 'mustChangePassword'>,
  ): Promise<UserRow>;
  update(id: string, patch: Partial<Omit<UserRow, 'id' | 'createdAt'>>, now: Date): Promise<UserRow>;
  count(): Promise<number>;
  /**
   * Atomically counts a failed sign-in; at `max` failures the account locks for
   * `lockMinutes` and the counter restarts.
   */
  recordFailedLogin(id: string, max: number, lockMinutes: number, now: Date): Promise<{ isNewlyLocked: boolean; lockedUntil: Date }>;
  /** Atomically records a used TOTP time step; false when it (or a later one) was already used. */
  claimTotpStep(id: string, step: number): Promise<boolean>;
}

export interface SessionRepository {
  insert(row: SessionRow): Promise<void>;
  get(id: string): Promise<SessionRow | null>;
  touch(id: string, at: Date): Promise<void>;
  end(id: string, at: Date): Promise<void>;
  endAllForUser(userId: string, at: Date, exceptId?: string): Promise<void>;
  /** Deletes sessions that ended or expired before `before`; returns how many. */
  purgeEndedBefore(before: Date, now: Date): Promise<number>;
}

/** What one round of the audit sequencer did (ADR 0012). */
export interface ChainResult {
  /** Events linked into the chain. */
  chained: number;
  /** Seqs of events left unchained because their content no longer matches their content hash. */
  refused: number[];
  /** Whether the round was full: more events may be waiting. */
  isMore: boolean;
}

export interface AuditRepository {
  /**
   * Appends one event, with its content hash, in the same transaction as the change it records.
   * Takes no lock: the sequencer (`chainPending`) links it into the chain after it commits.
   */
  append(ctx: RequestContext, input: AuditInput, at: Date): Promise<AuditRecord>;
  /** Events newest first (by seq); chain columns are null while an event is not chained yet. */
  list(query: AuditQuery): Promise<(AuditRecord & { chainSeq: number | null; prevHash: string | null; hash: string | null })[]>;
  /**
   * The sequencer: under the audit chain's advisory lock (held to the end of the transaction),
   * links up to `limit` committed, unchained events into the chain in seq order and moves the head.
   * Run it in a transaction of its own.
   */
  chainPending(limit: number): Promise<ChainResult>;
  /** Streams the chained events in chain order, from chain position `fromChainSeq`, in pages. */
  scan(fromChainSeq: number, pageSize: number): Promise<ChainedAuditRecord[]>;
  /** Events not chained yet with seq above `afterSeq`, in seq order, and whether each still matches its content hash. */
  unchained(afterSeq: number, pageSize: number): Promise<{ seq: number; isContentIntact: boolean }[]>;
  /** The newest chained event: its chain position and hash. */
  head(): Promise<{ seq: number; hash: string } | null>;
}

export interface RetentionRuleRow {
  category: string;
  keepDays: number | null;
  description: string;
  source: string;
}

export interface RetentionRepository {
  list(): Promise<RetentionRuleRow[]>;
}

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

/** A profile in an organisation's area, as the outreach queue reads it. */
export interface OutreachProfileRow {
  id: string;
  names: string[];
  phones: string[];
  adCount: number;
  municipalityCodes: string[];
  firstSeen: string;
  lastSeen: string;
  score: number;
  contributions: unknown[];
  timeline: unknown[];
  /** Languages found in its ads (ISO 639-3), most frequent first. */
  languages: string[];
  /** The lowest age its ads state, or null. */
  minStatedAge: number | null;
  isDemo: boolean;
}

/** A contact attempt that touches a profile (through its id or its ads' keys). */
export interface OutreachContactRow {
  id: string;
  organisationId: string;
  kommun: string;
  profileId: string;
  adKeys: string[];
  channel: string;
  language: string | null;
  templateId: string | null;
  message: string | null;
  contactPoint: string | null;
  contactAt: Date;
  workerId: string;
  workerName: string | null;
  outcome: string;
  note: string | null;
  followUpOn: string | null;
  followUpDoneAt: Date | null;
  referral: { id: string; kind: string; unitKind: string; status: string } | null;
}

export interface OutreachContactInsert {
  organisationId: string;
  kommun: string;
  profileId: string;
  adKeys: string[];
  channel: string;
  language: string | null;
  templateId: string | null;
  message: string | null;
  contactPoint: string | null;
  contactAt: Date;
  workerId: string;
  outcome: string;
  note: string | null;
  followUpOn: string | null;
  createdAt: Date;
}

export interface OutreachReferralRow {
  id: string;
  contactId: string;
  organisationId: string;
  kommun: string;
  kind: string;
  unitKind: string;
  unitId: string | null;
  status: string;
  legalBasis: string | null;
  createdAt: Date;
}

export interface OutreachTemplateRow {
  id: string;
  language: string;
  name: string;
  body: string;
  markers: { freeAndVoluntary: string; notACrime: string };
  needsNativeReview: boolean;
  isActive: boolean;
  updatedAt: Date;
}

export interface SmsMessageRow {
  id: string;
  organisationId: string | null;
  profileId: string | null;
  phone: string;
  direction: 'out' | 'in';
  body: string;
  gateway: string;
  gatewayId: string | null;
  status: string;
  workerId: string | null;
  createdAt: Date;
}

/** Counts per period (ISO date of the period's first day). */
export interface OutreachStatsRow {
  period: string;
  kommun: string;
  contacts: number;
  answered: number;
  acceptedHelp: number;
  referrals: number;
}

export interface OutreachRepository {
  /** Profiles seen since `since` (ISO date) in any of these kommuner, highest score first, at most `limit`. */
  profilesInArea(kommuner: string[], since: string, limit: number): Promise<OutreachProfileRow[]>;
  /** One profile as outreach reads it, or null. */
  profile(id: string): Promise<OutreachProfileRow | null>;
  /** Keys of the profile's ads now. */
  adKeysOfProfile(profileId: string): Promise<string[]>;
  /**
   * Every contact attempt that touches these profiles: recorded under the profile id or under
   * any key of its current ads (so history follows the person through re-linking).
   */
  contactsOfProfiles(profileIds: string[]): Promise<(OutreachContactRow & { currentProfileId: string })[]>;
  insertContact(row: OutreachContactInsert): Promise<string>;
  insertReferral(row: Omit<OutreachReferralRow, 'id' | 'status'> & { createdBy: string }): Promise<OutreachReferralRow>;
  /** The organisation's unit whose name matches (case-insensitive) any of the patterns, or null. */
  findUnit(organisationId: string, patterns: string[]): Promise<string | null>;
  /** Open follow-ups of the organisation due on or before `until` (ISO date), oldest first. */
  followUps(organisationId: string, until: string): Promise<OutreachContactRow[]>;
  /** Marks a follow-up done; false when the contact is not the organisation's or has no open follow-up. */
  completeFollowUp(contactId: string, organisationId: string, at: Date): Promise<boolean>;
  referrals(organisationId: string, limit: number): Promise<OutreachReferralRow[]>;
  stats(q: {
    organisationId: string | null;
    kommuner: string[] | null;
    from: Date;
    to: Date;
    period: 'week' | 'month';
  }): Promise<OutreachStatsRow[]>;
  templates(): Promise<OutreachTemplateRow[]>;
  template(id: string): Promise<OutreachTemplateRow | null>;
  updateTemplate(
    id: string,
    patch: Pick<OutreachTemplateRow, 'body' | 'markers' | 'isActive' | 'needsNativeReview'>,
    by: string,
    at: Date,
  ): Promise<OutreachTemplateRow | null>;
  /** Stores a message; null when the gateway's id was already stored (a repeated webhook call). */
  insertSms(row: Omit<SmsMessageRow, 'id'> & { adKeys: string[]; contactId: string | null }): Promise<SmsMessageRow | null>;
  /** Updates a sent message's status by its gateway id; false when none matches. */
  updateSmsStatus(gateway: string, gatewayId: string, status: string, at: Date): Promise<boolean>;
  /** The newest outbound message to this phone (to attach a reply to its conversation), or null. */
  lastOutboundTo(phone: string): Promise<(SmsMessageRow & { adKeys: string[] }) | null>;
  /** The organisation's conversation with these phones, oldest first. */
  conversation(organisationId: string, phones: string[]): Promise<SmsMessageRow[]>;
  /**
   * Retention: deletes contacts made before `before` that led to no referral, their SMS, and
   * SMS before `before` outside any referral. Returns how many contacts and messages.
   */
  purgeBefore(before: Date): Promise<{ contacts: number; messages: number }>;
  /**
   * Deletes outreach records whose ads all come from these sources (the demo's, at `demo reset`):
   * contacts with their referrals and SMS. Returns how many contacts and messages.
   */
  deleteForSources(sourceIds: string[]): Promise<{ contacts: number; messages: number }>;
}

/** Sends SMS through a gateway (46elks, or the local fake). */
export interface SmsGateway {
  /** The gateway's name as stored with each message ("46elks"). */
  readonly name: string;
  /** The sender number or name configured. */
  readonly from: string;
  send(msg: { to: string; message: string }): Promise<{ id: string; status: string }>;
}

/* ─────────────── demand (buyer side): counting, not registering ─────────────── */

/** One account as a buyer-side listing shows it. Lives only between the page and the pseudonymiser. */
export interface BuyerSighting {
  /** The handle: turned into a keyed pseudonym at once, never stored, logged or returned. */
  handle: string;
  place: string | null;
  placeLan: string | null;
  age: string | null;
  memberSince: string | null;
  lastActive: string | null;
}

/** Reads the member listings of a buyer-side site (src/adapters/crawl/member-crawler.ts). Keeps no page. */
export interface MemberCrawler {
  crawl(
    config: BuyerSiteConfig,
    opts: { baseUrl?: string; isPolitenessOff?: boolean; onAccounts(rows: BuyerSighting[]): Promise<void> },
  ): Promise<{ pages: number; accounts: number; errors: number; isComplete: boolean; errorMessages: string[] }>;
}

/** Turns a handle into the installation's keyed pseudonym (HMAC with a secret only this port holds). */
export interface Pseudonymiser {
  pseudonym(handle: string): string;
}

/** One account sighting as stored: a pseudonym and what may be counted. */
export interface DemandAccountInput {
  pseudonym: string;
  source: string;
  isDemo: boolean;
  placeLevel: 'town' | 'kommun' | 'lan' | 'none';
  kommunCode: string | null;
  lanCode: string | null;
  policeRegion: string | null;
  ageBand: string | null;
  /** ISO date. */
  memberSince: string | null;
  /** Monday of the week of the last-active date the site showed, or null. */
  activeWeek: string | null;
}

/** An area filter for counts. */
export interface DemandArea {
  level: AreaLevel;
  code: string;
}

/** Raw weekly counts of an area (before suppression). */
export interface DemandWeekRow {
  week: string;
  active: number;
  distinct: number;
  new: number;
  gone: number;
}

export interface DemandEventRow {
  id: string;
  kind: DemandEventKind;
  title: string;
  areaLevel: AreaLevel;
  areaCode: string;
  date: string;
  isDemo: boolean;
}

export interface DemandProbeRow {
  id: string;
  startedAt: Date;
  site: string;
  areaLevel: AreaLevel;
  areaCode: string;
  profileDescription: string;
  windowMinutes: number;
  repliesFirstHour: number;
  repliesTotal: number;
  isDemo: boolean;
}

export interface DemandRepository {
  /** Stores sightings: pseudonym → buyer key, the account per site, the active week. Idempotent. */
  applySightings(rows: DemandAccountInput[], at: Date): Promise<{ newAccounts: number; newActiveWeeks: number }>;
  /** Weekly counts of an area between two Mondays (inclusive); weeks without activity are left out. */
  weekly(area: DemandArea, fromWeek: string, toWeek: string): Promise<DemandWeekRow[]>;
  /** Distinct buyers per area code and week at one level. */
  distinctByArea(
    level: 'kommun' | 'lan' | 'polisregion',
    fromWeek: string,
    toWeek: string,
  ): Promise<{ week: string; code: string; distinct: number }[]>;
  /** Distinct buyers active in the period whose place is only a län, and with no place, within the area. */
  placeLevelCounts(area: DemandArea, fromWeek: string, toWeek: string): Promise<{ lanOnly: number; none: number }>;
  /** Supply: ads (profiles) of the area seen in each week. */
  supplyWeekly(area: DemandArea, fromWeek: string, toWeek: string): Promise<{ week: string; profiles: number }[]>;
  insertEvent(row: Omit<DemandEventRow, 'id'> & { createdBy: string | null }): Promise<DemandEventRow>;
  getEvent(id: string): Promise<DemandEventRow | null>;
  listEvents(fromDate: string, toDate: string): Promise<DemandEventRow[]>;
  insertProbes(rows: (Omit<DemandProbeRow, 'id'> & { createdBy: string | null })[]): Promise<number>;
  listProbes(from: Date, to: Date): Promise<DemandProbeRow[]>;
  /** Retention: deletes pseudonyms last seen before `before`; the counts keep their random keys. */
  purgePseudonyms(before: Date): Promise<number>;
  /** Deletes demo accounts, events and probes. */
  deleteDemo(): Promise<{ accounts: number; events: number; probes: number }>;
  /** Whether any demo account, event or probe exists. */
  hasDemo(): Promise<boolean>;
}

/** Repositories bound to one transaction. */
export interface Repositories {
  demand: DemandRepository;
  ads: AdRepository;
  links: LinkRepository;
  outreach: OutreachRepository;
  stats: StatsRepository;
  evidence: EvidenceRepository;
  crawlRuns: CrawlRunRepository;
  settings: SettingsRepository;
  organisations: OrganisationRepository;
  units: UnitRepository;
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditRepository;
  retention: RetentionRepository;
}

/** Statistics (kartläggning): the aggregate tables, the dashboard's counts, frozen mappings. */
export interface StatsRepository {
  /** Rebuilds the aggregates from the ads, their sightings and linking. */
  refreshAll(): Promise<void>;
  /** Recomputes the aggregates of these ads and of every profile they belonged to or belong to now. */
  refreshAds(adIds: readonly string[]): Promise<void>;
  /** The aggregates' version: it changes in the same transaction as every refresh (dashboard cache). */
  version(): Promise<number>;
  /** The figures of an area (a kommun, län or police region as resolved by core/stats/area.ts), read from per-area aggregates. */
  totals(area: DashboardArea, period: Period): Promise<RawTotals>;
  weeks(area: DashboardArea, period: Period): Promise<RawWeek[]>;
  /** Per kommun of the area. */
  kommuner(area: DashboardArea, period: Period): Promise<RawKommun[]>;
  indicators(area: DashboardArea, period: Period): Promise<RawIndicator[]>;
  flows(kommunCodes: readonly string[], period: Period): Promise<RawFlow[]>;
  /**
   * Whether anything at all was collected during the period, anywhere in the installation (an ad
   * seen on some day of it). False before Fyren was running: figures of such a period show "–".
   */
  hasData(period: Period): Promise<boolean>;
  /** What the method description needs: sites with their days, and the versions in the data. */
  methodFacts(kommunCodes: readonly string[], period: Period): Promise<MethodFacts>;
  saveMapping(row: MappingRow): Promise<void>;
  listMappings(): Promise<MappingRow[]>;
  getMapping(id: string): Promise<MappingRow | null>;
}

export interface MethodFacts {
  sites: { id: string; name: string; kind: string; days: string[] }[];
  linkParams: string[];
  weights: string[];
  extraction: string[];
}

/** A frozen mapping as stored. */
export interface MappingRow {
  id: string;
  areaKind: string;
  areaId: string;
  areaName: string;
  periodFrom: string;
  periodTo: string;
  title: string;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
  method: Record<string, unknown>;
  figures: Record<string, unknown>;
  contentHash: string;
}

export interface UnitOfWork {
  /** Runs `fn` in one database transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
}

export interface AuthSettings {
  /** Idle timeout of a session. */
  idleTimeoutSeconds: number;
  /** Absolute lifetime of a session. */
  sessionMaxSeconds: number;
  /** Consecutive failures before an account locks. */
  maxFailedLogins: number;
  /** How long a lock lasts unless an administrator unlocks it earlier. */
  lockMinutes: number;
}

/** Outreach settings: the SMS gateway, the support number in messages, and the sharing rule's mode. */
export interface OutreachSettings {
  /** null: no gateway configured; workers copy messages and send them from their own phone. */
  sms: SmsGateway | null;
  /** The number filled into templates as {telefon}, or null (the worker fills it in). */
  supportContact: string | null;
  /** What other municipalities see of a contact (src/core/outreach shareHistory). */
  sharing: 'category' | 'none';
}

/** Everything a use case may depend on. */
export interface AppDeps {
  uow: UnitOfWork;
  clock: Clock;
  hasher: PasswordHasher;
  random: RandomSource;
  throttle: LoginThrottle;
  auth: AuthSettings;
  /** Outreach settings; defaults (no gateway, category sharing) when absent. */
  outreach?: OutreachSettings;
  /** A short cache of resolved sessions (the server has one; absent: every lookup reads the database). */
  sessionCache?: SessionCache;
  /** Published dashboards until the aggregates change (the server has one; absent: always computed). */
  dashboardCache?: DashboardCache<unknown>;
}

export type { Locale };
