/** Database schema (drizzle), intelligence (public-source data): sources, ads, crawls, captures, images, linking. */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts } from './columns';

/** A site Fyren maps: an escort portal, a classifieds site, a sugar-dating site, … */
export const source = pgTable('source', {
  /** Stable key, e.g. "demo-portal"; AdRecord.source. */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** escort | classifieds | sugar | other (buyer-side kinds come with the demand issue). */
  kind: text('kind').notNull(),
  /** Default region for phone numbers (ISO 3166-1 alpha-2). */
  defaultRegion: text('default_region').notNull().default('SE'),
  baseUrl: text('base_url'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/**
 * An ad: the site's ad (source + external id) with the content of its newest observation;
 * the history is in ad_version, every sighting in ad_observation, and when it was seen in
 * ad_sighting (kept apart so that a re-sighting does not rewrite this indexed row; ADR 0007).
 * Personal details are nulled by retention (purged_at set) while counts and dates stay.
 */
export const ad = pgTable(
  'ad',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    sourceId: text('source_id')
      .notNull()
      .references(() => source.id),
    externalId: text('external_id').notNull(),
    url: text('url'),
    postedAt: ts('posted_at'),
    title: text('title'),
    body: text('body'),
    location: text('location'),
    phoneField: text('phone_field'),
    statedAge: integer('stated_age'),
    /** SHA-256 of the normalised title, body, location, phone field and age. */
    contentHash: text('content_hash').notNull(),
    /** Extracted phones in E.164 (for lookup and linking). */
    phones: text('phones')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The best kommun (SCB code) from extraction, or null. */
    municipalityCode: text('municipality_code'),
    /** The full extraction with evidence (src/core/extract Extraction). */
    extraction: jsonb('extraction').$type<Record<string, unknown>>(),
    extractionVersion: text('extraction_version'),
    isDemo: boolean('is_demo').notNull().default(false),
    /** Set when retention removed the personal details. */
    purgedAt: ts('purged_at'),
    /** The earlier ad this one re-posts (same content under a new id on the same site). */
    repostOf: uuid('repost_of'),
  },
  (t) => [
    uniqueIndex('ad_source_external_idx').on(t.sourceId, t.externalId),
    index('ad_municipality_idx').on(t.municipalityCode),
    index('ad_phones_idx').using('gin', t.phones),
  ],
);

/**
 * When an ad was seen: one row per ad, written on every sighting. A narrow row of its own so
 * that a re-sighting updates this small row rather than the ad with its text indexes (ADR 0007).
 */
export const adSighting = pgTable(
  'ad_sighting',
  {
    adId: uuid('ad_id')
      .primaryKey()
      .references(() => ad.id, { onDelete: 'cascade' }),
    /** The oldest observation. */
    firstSeenAt: ts('first_seen_at').notNull(),
    /** The newest observation (whose content the ad holds). */
    lastSeenAt: ts('last_seen_at').notNull(),
    /** Consecutive complete crawls of the source that did not see the ad. */
    missedCrawls: integer('missed_crawls').notNull().default(0),
    /** Set when the ad was not seen in N consecutive complete crawls. */
    removedAt: ts('removed_at'),
  },
  (t) => [index('ad_sighting_last_seen_idx').on(t.lastSeenAt)],
);

/** One distinct content of an ad, in the order first seen: the edit history. */
export const adVersion = pgTable(
  'ad_version',
  {
    adId: uuid('ad_id')
      .notNull()
      .references(() => ad.id, { onDelete: 'cascade' }),
    contentHash: text('content_hash').notNull(),
    firstObservedAt: ts('first_observed_at').notNull(),
    title: text('title'),
    body: text('body'),
    location: text('location'),
    phoneField: text('phone_field'),
    statedAge: integer('stated_age'),
  },
  (t) => [uniqueIndex('ad_version_pk').on(t.adId, t.contentHash)],
);

/** One sighting of an ad (one crawl or one imported line). Unique per ad and time: import is idempotent. */
export const adObservation = pgTable(
  'ad_observation',
  {
    adId: uuid('ad_id')
      .notNull()
      .references(() => ad.id, { onDelete: 'cascade' }),
    observedAt: ts('observed_at').notNull(),
    contentHash: text('content_hash').notNull(),
  },
  (t) => [uniqueIndex('ad_observation_pk').on(t.adId, t.observedAt), index('ad_observation_time_idx').on(t.observedAt)],
);

/** Installation settings as key/value (e.g. whether the demo market was loaded or removed). */
export const systemSetting = pgTable('system_setting', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * One crawl of one source. At most one runs per source (partial unique index); a run whose
 * heartbeat stopped (the process died) is marked interrupted by the next one.
 */
export const crawlRun = pgTable(
  'crawl_run',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    sourceId: text('source_id')
      .notNull()
      .references(() => source.id),
    /** running | complete | incomplete | failed | interrupted */
    status: text('status').notNull(),
    startedAt: ts('started_at').notNull(),
    heartbeatAt: ts('heartbeat_at').notNull(),
    finishedAt: ts('finished_at'),
    pages: integer('pages').notNull().default(0),
    ads: integer('ads').notNull().default(0),
    newAds: integer('new_ads').notNull().default(0),
    changedAds: integer('changed_ads').notNull().default(0),
    removedAds: integer('removed_ads').notNull().default(0),
    reposts: integer('reposts').notNull().default(0),
    errors: integer('errors').notNull().default(0),
    /** First error messages (URLs and reasons; no ad content). */
    errorSample: jsonb('error_sample')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    trigger: text('trigger').notNull(),
    /** Host name and process id of the runner, to tell a dead run from a live one on restart. */
    runnerHost: text('runner_host'),
    runnerPid: integer('runner_pid'),
  },
  (t) => [
    uniqueIndex('crawl_run_one_running_idx')
      .on(t.sourceId)
      .where(sql`status = 'running'`),
    index('crawl_run_source_idx').on(t.sourceId, t.startedAt),
  ],
);

/**
 * One fetched response kept as evidence: where its WARC records are (file, byte range),
 * their digest and the fetch time. The WARC files live in the evidence folder.
 */
export const capture = pgTable(
  'capture',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    sourceId: text('source_id').notNull(),
    crawlRunId: uuid('crawl_run_id'),
    url: text('url').notNull(),
    status: integer('status').notNull(),
    fetchedAt: ts('fetched_at').notNull(),
    warcFile: text('warc_file').notNull(),
    warcOffset: bigint('warc_offset', { mode: 'number' }).notNull(),
    warcLength: integer('warc_length').notNull(),
    recordId: text('record_id').notNull(),
    /** The WARC request record that goes with the response record. */
    requestRecordId: text('request_record_id').notNull(),
    payloadSha256: text('payload_sha256').notNull(),
  },
  (t) => [index('capture_source_time_idx').on(t.sourceId, t.fetchedAt)],
);

/** Which ads a capture shows (a listing page shows many, a detail page one). */
export const captureAd = pgTable(
  'capture_ad',
  {
    captureId: uuid('capture_id')
      .notNull()
      .references(() => capture.id, { onDelete: 'cascade' }),
    adId: uuid('ad_id')
      .notNull()
      .references(() => ad.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('capture_ad_pk').on(t.captureId, t.adId), index('capture_ad_ad_idx').on(t.adId)],
);

/** An image, content-addressed by SHA-256, with its perceptual hash (image reuse; never faces). */
export const image = pgTable(
  'image',
  {
    sha256: text('sha256').primaryKey(),
    /** 64-bit pHash as 16 hex digits; null when the bytes could not be decoded as an image. */
    phash: text('phash'),
    width: integer('width'),
    height: integer('height'),
    size: integer('size').notNull(),
    firstSeenAt: ts('first_seen_at').notNull(),
    /**
     * Image group for linking: the sha256 of the earliest stored image within the reuse
     * threshold (IMAGE_REUSE_MAX_DISTANCE), set when the image is stored; null until grouped.
     */
    groupKey: text('group_key'),
    /**
     * The pHash's four 16-bit block keys (block × 65536 + value, core/images/phash.ts phashKeys),
     * GIN-indexed: finding the pictures within the reuse threshold probes 68 keys instead of
     * comparing against every stored picture. Null when there is no pHash.
     */
    phashKeys: integer('phash_keys').array(),
  },
  (t) => [
    index('image_phash_idx').on(t.phash),
    index('image_group_idx').on(t.groupKey),
    index('image_phash_keys_idx').using('gin', t.phashKeys).with({ fastupdate: false }),
  ],
);

/** The images an ad showed, by URL. */
export const adImage = pgTable(
  'ad_image',
  {
    adId: uuid('ad_id')
      .notNull()
      .references(() => ad.id, { onDelete: 'cascade' }),
    sha256: text('sha256')
      .notNull()
      .references(() => image.sha256),
    url: text('url').notNull(),
    firstSeenAt: ts('first_seen_at').notNull(),
  },
  (t) => [
    uniqueIndex('ad_image_pk').on(t.adId, t.sha256),
    index('ad_image_sha_idx').on(t.sha256),
    // Which ads of a source already show an image URL (one URL, every ad that shows it). Hash: URLs can exceed a btree entry.
    index('ad_image_url_idx').using('hash', t.url),
  ],
);

/**
 * Linking per ad: the profile (person or contact point) and network (operation) it belongs
 * to now. Rewritten by every linking run for the ads it covers (src/app/intelligence/link-ads.ts).
 */
export const linkAd = pgTable(
  'link_ad',
  {
    adId: uuid('ad_id')
      .primaryKey()
      .references(() => ad.id, { onDelete: 'cascade' }),
    /** "source:externalId", the key linking works with (stable across rebuilds). */
    adKey: text('ad_key').notNull(),
    profileId: text('profile_id').notNull(),
    networkId: text('network_id').notNull(),
    /** Names the ad presents (lower-case), as linking read them. */
    names: text('names')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The ad's content hash and image count when linked. */
    contentHash: text('content_hash').notNull(),
    imageCount: integer('image_count').notNull(),
    /** MinHash signature of title and body (hex), to judge near-duplicate neighbours without the text. */
    textSig: text('text_sig'),
    /**
     * The signature's LSH band keys as integers (band × 2³² + band hash; the app writes them as
     * "b<band>:<hex>"): two ads sharing a key are near-duplicate candidates. One array per ad with
     * a GIN index instead of 16 link_signal rows per ad.
     */
    textBands: bigint('text_bands', { mode: 'bigint' })
      .array()
      .notNull()
      .default(sql`'{}'::bigint[]`),
    paramsVersion: text('params_version').notNull(),
    linkedAt: ts('linked_at').notNull(),
  },
  (t) => [
    uniqueIndex('link_ad_key_idx').on(t.adKey),
    index('link_ad_profile_idx').on(t.profileId),
    index('link_ad_network_idx').on(t.networkId),
    // No pending list: every lookup would scan it (a rebuild drops and builds the index instead).
    index('link_ad_text_bands_idx').using('gin', t.textBands).with({ fastupdate: false }),
  ],
);

/**
 * The values an ad carries for linking: phone, email, handle, image (image group key) and
 * text (an LSH band key of its MinHash signature). Finds an ad's neighbours by index.
 */
export const linkSignal = pgTable(
  'link_signal',
  {
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    adId: uuid('ad_id')
      .notNull()
      .references(() => ad.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ name: 'link_signal_pk', columns: [t.kind, t.value, t.adId] }), index('link_signal_ad_idx').on(t.adId)],
);

/**
 * Ads waiting to be linked: filled by triggers (migration 0011) when an ad is inserted, its
 * content hash changes or it gets an image; emptied by every linking run.
 */
export const linkQueue = pgTable('link_queue', {
  adId: uuid('ad_id')
    .primaryKey()
    .references(() => ad.id, { onDelete: 'cascade' }),
});

/** One piece of evidence between two ads, at the level it counts for (profile or network). */
export const linkEdge = pgTable(
  'link_edge',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    networkId: text('network_id').notNull(),
    level: text('level').notNull(),
    aAd: uuid('a_ad')
      .notNull()
      .references(() => ad.id, { onDelete: 'cascade' }),
    bAd: uuid('b_ad')
      .notNull()
      .references(() => ad.id, { onDelete: 'cascade' }),
    /** phone | email | handle | image | text | repost | confirmed */
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    strength: real('strength').notNull(),
    similarity: real('similarity'),
    /** True when a correction kept this edge from joining its two sides. */
    isRefused: boolean('is_refused').notNull().default(false),
  },
  (t) => [index('link_edge_network_idx').on(t.networkId), index('link_edge_a_idx').on(t.aAd), index('link_edge_b_idx').on(t.bAd)],
);

/** A profile: one person or contact point, with its explained risk score. */
export const linkProfile = pgTable(
  'link_profile',
  {
    id: text('id').primaryKey(),
    networkId: text('network_id').notNull(),
    adCount: integer('ad_count').notNull(),
    names: text('names').array().notNull(),
    phones: text('phones').array().notNull(),
    municipalityCodes: text('municipality_codes').array().notNull(),
    firstSeen: date('first_seen', { mode: 'string' }).notNull(),
    lastSeen: date('last_seen', { mode: 'string' }).notNull(),
    isTouring: boolean('is_touring').notNull(),
    /** 0–100. */
    score: real('score').notNull(),
    weightsVersion: text('weights_version').notNull(),
    /** Every contributing indicator with its evidence (src/core/link/risk.ts RiskContribution[]). */
    contributions: jsonb('contributions').$type<unknown[]>().notNull(),
    /** Stays per kommun in time order (TimelineStop[]). */
    timeline: jsonb('timeline').$type<unknown[]>().notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('link_profile_network_idx').on(t.networkId),
    index('link_profile_score_idx').on(t.score),
    index('link_profile_seen_idx').on(t.lastSeen),
  ],
);

/** A network: profiles tied together by shared numbers, templates or photos (one operation). */
export const linkNetwork = pgTable(
  'link_network',
  {
    id: text('id').primaryKey(),
    profileCount: integer('profile_count').notNull(),
    adCount: integer('ad_count').notNull(),
    municipalityCodes: text('municipality_codes').array().notNull(),
    firstSeen: date('first_seen', { mode: 'string' }).notNull(),
    lastSeen: date('last_seen', { mode: 'string' }).notNull(),
    score: real('score').notNull(),
    weightsVersion: text('weights_version').notNull(),
    contributions: jsonb('contributions').$type<unknown[]>().notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('link_network_score_idx').on(t.score)],
);

/** A profile's move from one kommun to the next, for flow maps (aggregated per period). */
export const linkFlow = pgTable(
  'link_flow',
  {
    profileId: text('profile_id').notNull(),
    fromCode: text('from_code').notNull(),
    toCode: text('to_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
  },
  (t) => [index('link_flow_day_idx').on(t.day), index('link_flow_profile_idx').on(t.profileId)],
);

/**
 * An analyst's correction to linking: confirm, cut, merge, split or a wrong extraction.
 * Refers to ads by key ("source:externalId") so it survives rebuilds and re-imports.
 * Never deleted; a withdrawn correction gets revoked_at.
 */
export const linkCorrection = pgTable(
  'link_correction',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    /** confirm | merge | cut | split | wrong_extraction */
    type: text('type').notNull(),
    /** profile | network (null for wrong_extraction) */
    level: text('level'),
    adA: text('ad_a'),
    adB: text('ad_b'),
    keepAds: text('keep_ads').array(),
    moveAds: text('move_ads').array(),
    signalKind: text('signal_kind'),
    signalValue: text('signal_value'),
    reason: text('reason').notNull(),
    authorId: uuid('author_id').notNull(),
    createdAt: ts('created_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('link_correction_a_idx').on(t.adA), index('link_correction_b_idx').on(t.adB)],
);
