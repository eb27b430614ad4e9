/**
 * Database schema (drizzle). Tables are singular snake_case. Migrations are generated from
 * this file with `npm run db:generate` and run from code at start (Database.migrate() in src/adapters/db/client.ts).
 * SQL must run on PostgreSQL 15 (the tested floor) and on PGlite (PostgreSQL 18).
 */
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
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Scope } from '../../contracts/identity';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** An organisation: a municipality's social services, a police region, a county board, … */
export const organisation = pgTable('organisation', {
  id: uuid('id')
    .primaryKey()
    .default(sql`gen_random_uuid()`),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  requireTotp: boolean('require_totp').notNull().default(false),
  scope: jsonb('scope').$type<Scope>().notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** A unit inside an organisation (vuxenenheten, barn och unga, …). */
export const unit = pgTable(
  'unit',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisation.id),
    name: text('name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('unit_org_name_idx').on(t.organisationId, t.name)],
);

/** A user account. Roles are a text array of contracts/identity ROLES. */
export const appUser = pgTable(
  'app_user',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisation.id),
    unitId: uuid('unit_id').references(() => unit.id),
    roles: text('roles').array().notNull(),
    /** argon2id PHC string. */
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    /** Base32 TOTP secret once enrolled. */
    totpSecret: text('totp_secret'),
    /** Secret offered during enrolment, until confirmed with a code. */
    totpPendingSecret: text('totp_pending_secret'),
    /** Last accepted TOTP time step, to refuse replays. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    isDisabled: boolean('is_disabled').notNull().default(false),
    lastLoginAt: ts('last_login_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('app_user_username_idx').on(t.username)],
);

/** A signed-in session. The id is the SHA-256 of the cookie token; the token is never stored. */
export const session = pgTable(
  'session',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    createdAt: ts('created_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    /** Absolute expiry; the idle timeout is checked against last_seen_at. */
    expiresAt: ts('expires_at').notNull(),
    endedAt: ts('ended_at'),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

/**
 * The audit log: append-only (a trigger refuses UPDATE and DELETE) and hash-chained
 * (src/core/audit/chain.ts). seq is contiguous, assigned under an advisory lock.
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    /** Identifies the event and orders the audit view; from a sequence at insert, so not contiguous (ADR 0012). */
    seq: bigint('seq', { mode: 'number' })
      .primaryKey()
      .default(sql`nextval('audit_event_seq_seq')`),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    outcome: text('outcome').$type<'success' | 'failure' | 'denied'>().notNull(),
    resourceKind: text('resource_kind'),
    resourceId: text('resource_id'),
    purpose: text('purpose'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    /** SHA-256 of the content (core/audit hashAuditContent), written with the event; null for events before migration 0019. */
    contentHash: text('content_hash'),
    /** Position in the hash chain, contiguous from 1; null until the sequencer chains the event. */
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    /** The previous chained event's hash; null until chained. */
    prevHash: text('prev_hash'),
    /** This event's chain hash; null until chained. */
    hash: text('hash'),
  },
  (t) => [
    index('audit_event_at_idx').on(t.at),
    index('audit_event_action_idx').on(t.action),
    uniqueIndex('audit_event_chain_seq_idx').on(t.chainSeq),
    index('audit_event_unchained_idx')
      .on(t.seq)
      .where(sql`chain_seq is null`),
  ],
);

/** The newest chained audit event's chain position and hash, moved by the sequencer: detects truncation. */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/**
 * Retention rules (gallring) per category of personal data. Data an administrator can
 * correct, with the source of each rule; the retention job reads them every run.
 */
export const retentionRule = pgTable('retention_rule', {
  category: text('category').primaryKey(),
  /** Days after the category's reference time; null keeps the data (with the reason in `source`). */
  keepDays: integer('keep_days'),
  description: text('description').notNull(),
  source: text('source').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/* ─────────────────────────── intelligence (public-source data) ─────────────────────────── */

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
 * A hold keeps data from retention while an operation or a case needs it. Operations and
 * cases create and release holds; the retention job skips anything held.
 */
export const retentionHold = pgTable(
  'retention_hold',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    /** Kind of the held record, e.g. "ad". */
    resourceKind: text('resource_kind').notNull(),
    resourceId: text('resource_id').notNull(),
    /** Why: e.g. "insats 2026-14" or a case reference. */
    reason: text('reason').notNull(),
    heldBy: uuid('held_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    releasedAt: ts('released_at'),
  },
  (t) => [index('retention_hold_resource_idx').on(t.resourceKind, t.resourceId)],
);

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

/* ─────────────────────────────── evidence ─────────────────────────────── */

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

/* ─────────────────────────────── linking ─────────────────────────────── */

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

/* ─────────────────────── outreach (Uppsök): social-services data, OSL 26 kap. ─────────────────────── */

/**
 * A message template for first contact, in one language of the market. Data an administrator
 * (or a socialsekreterare) edits; defaults are seeded when missing (src/core/outreach/default-templates.ts).
 */
export const outreachTemplate = pgTable('outreach_template', {
  id: text('id').primaryKey(),
  /** sv, en, ro, th, es, pt, ru, hu, pl, bg, en-NG. */
  language: text('language').notNull(),
  /** The language's name as shown in the list. */
  name: text('name').notNull(),
  /** The text with the placeholders {namn}, {organisation} and {telefon}. */
  body: text('body').notNull(),
  /** The phrases (in the template's language) that say "free and voluntary" and "not a crime" (TemplateMarkers). */
  markers: jsonb('markers').$type<{ freeAndVoluntary: string; notACrime: string }>().notNull(),
  /** True until a native speaker has reviewed the text. */
  needsNativeReview: boolean('needs_native_review').notNull(),
  isActive: boolean('is_active').notNull().default(true),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  /** The user who last edited the text (null: the seeded default). */
  updatedBy: uuid('updated_by'),
});

/**
 * One outreach contact attempt. Refers to the person by profile id AND by the keys of the
 * profile's ads at the time, so the history follows her when linking merges or splits profiles.
 */
export const outreachContact = pgTable(
  'outreach_contact',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    /** The worker's organisation: only it sees the record in full (src/core/outreach shareHistory). */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisation.id),
    /** The kommun (SCB code) the contact was made in, within the organisation's scope. */
    kommun: text('kommun').notNull(),
    /** The profile id when the contact was made (ids change when profiles merge or split). */
    profileId: text('profile_id').notNull(),
    /** Keys ("source:externalId") of the profile's ads when the contact was made. */
    adKeys: text('ad_keys').array().notNull(),
    /** sms | call | site_chat | email | in_person */
    channel: text('channel').notNull(),
    /** The language used (template language code or ISO 639-1), or null. */
    language: text('language'),
    templateId: text('template_id'),
    /** The exact message text used, or null (a call). */
    message: text('message'),
    /** The number or address contacted, when there was one (E.164 for phones). */
    contactPoint: text('contact_point'),
    contactAt: ts('contact_at').notNull(),
    workerId: uuid('worker_id').notNull(),
    /** no_answer | wrong_number | declined_help | wants_information | accepted_help | already_in_contact | signs_of_minor */
    outcome: text('outcome').notNull(),
    /** The worker's note: confidential, never shared with another organisation. */
    note: text('note'),
    /** A reminder to follow up on this day. */
    followUpOn: date('follow_up_on', { mode: 'string' }),
    followUpDoneAt: ts('follow_up_done_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('outreach_contact_profile_idx').on(t.profileId),
    index('outreach_contact_org_idx').on(t.organisationId, t.contactAt),
    index('outreach_contact_keys_idx').using('gin', t.adKeys),
    index('outreach_contact_follow_up_idx').on(t.organisationId, t.followUpOn),
  ],
);

/**
 * A referral from outreach to social services: a case intake at the adult unit (accepted help)
 * or a report of concern (orosanmälan) to the children's unit (signs of a minor). The cases
 * module (Ärenden) takes it over: `case_id` is set when a case opens from it.
 */
export const outreachReferral = pgTable(
  'outreach_referral',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => outreachContact.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisation.id),
    kommun: text('kommun').notNull(),
    /** case_intake | report_of_concern */
    kind: text('kind').notNull(),
    /** adult (vuxenenheten) | children (barn och unga) */
    unitKind: text('unit_kind').notNull(),
    /** The receiving unit of the organisation, when it has one with a matching name. */
    unitId: uuid('unit_id').references(() => unit.id),
    /** new | received | closed: set by the receiving unit (Ärenden). */
    status: text('status').notNull().default('new'),
    /** The law a report of concern is made under (data that can be corrected). */
    legalBasis: text('legal_basis'),
    /** The case opened from this referral (Ärenden, later). */
    caseId: text('case_id'),
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('outreach_referral_org_idx').on(t.organisationId, t.createdAt), index('outreach_referral_contact_idx').on(t.contactId)],
);

/** An SMS sent to or received from a person, through the SMS gateway; together they form a conversation per phone. */
export const smsMessage = pgTable(
  'sms_message',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    /** The organisation whose conversation it is (null: an inbound message no conversation matched; kept, not shown). */
    organisationId: uuid('organisation_id').references(() => organisation.id),
    profileId: text('profile_id'),
    adKeys: text('ad_keys')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The other party's number (E.164). */
    phone: text('phone').notNull(),
    /** out | in */
    direction: text('direction').notNull(),
    body: text('body').notNull(),
    /** 46elks | fake */
    gateway: text('gateway').notNull(),
    /** The gateway's message id. */
    gatewayId: text('gateway_id'),
    /** queued | sent | delivered | failed | received */
    status: text('status').notNull(),
    workerId: uuid('worker_id'),
    contactId: uuid('contact_id').references(() => outreachContact.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('sms_message_phone_idx').on(t.phone, t.createdAt),
    index('sms_message_profile_idx').on(t.profileId),
    uniqueIndex('sms_message_gateway_idx').on(t.gateway, t.gatewayId),
  ],
);

/* ─────────────────────────────── statistics (kartläggning) ─────────────────────────────── */

/**
 * Statistics per ad: one compact row per linked ad with a kommun, maintained after linking
 * (src/app/statistics/refresh-statistics.ts). Holds no text: only where, when and whose.
 * The dashboard counts ads and distinct profiles over any period from these spans.
 */
export const statAd = pgTable(
  'stat_ad',
  {
    adId: uuid('ad_id')
      .primaryKey()
      .references(() => ad.id, { onDelete: 'cascade' }),
    /** The ad's kommun (SCB code). */
    kommunCode: text('kommun_code').notNull(),
    /** First and last day the ad was seen. */
    firstDay: date('first_day', { mode: 'string' }).notNull(),
    lastDay: date('last_day', { mode: 'string' }).notNull(),
    /** The profile's id as a number (the 48-bit hex of "pf-…"), so distinct counts are cheap. */
    profileKey: bigint('profile_key', { mode: 'number' }).notNull(),
    /** Posted on a sugar-dating site. */
    isSugar: boolean('is_sugar').notNull(),
    /** Copied from stat_profile so a dashboard query reads one index and joins nothing. */
    profileFirstDay: date('profile_first_day', { mode: 'string' }).notNull(),
    homeCode: text('home_code'),
    isTouring: boolean('is_touring').notNull(),
    networkKey: bigint('network_key', { mode: 'number' }),
    indicatorMask: bigint('indicator_mask', { mode: 'number' }).notNull(),
  },
  (t) => [
    // Every column the dashboard reads, so its queries are index-only scans.
    index('stat_ad_area_idx').on(
      t.kommunCode,
      t.firstDay,
      t.lastDay,
      t.profileKey,
      t.isSugar,
      t.profileFirstDay,
      t.isTouring,
      t.homeCode,
      t.networkKey,
      t.indicatorMask,
    ),
    index('stat_ad_profile_idx').on(t.profileKey),
  ],
);

/** Statistics per profile: what the dashboard needs to classify a profile (new, inresta, indicators, network). */
export const statProfile = pgTable('stat_profile', {
  profileKey: bigint('profile_key', { mode: 'number' }).primaryKey(),
  profileId: text('profile_id').notNull(),
  /** First day the profile was seen anywhere. */
  firstDay: date('first_day', { mode: 'string' }).notNull(),
  /** The kommun of the profile's longest stays (its timeline), or null. */
  homeCode: text('home_code'),
  /** Linking's touring rule (several kommuner within a short time). */
  isTouring: boolean('is_touring').notNull(),
  /** The profile's network as a number, null when the network is this profile alone. */
  networkKey: bigint('network_key', { mode: 'number' }),
  /** Codes of the indicators in the profile's explained score. */
  indicators: text('indicators').array().notNull(),
  /** The same as bits: bit i is STAT_INDICATOR_CODES[i] (src/core/stats/indicator-codes.ts). */
  indicatorMask: bigint('indicator_mask', { mode: 'number' }).notNull(),
});

/** Statistics per kommun, ISO week and profile: the weekly trends, derived from stat_ad. */
export const statWeek = pgTable(
  'stat_week',
  {
    kommunCode: text('kommun_code').notNull(),
    /** Monday of the ISO week. */
    week: date('week', { mode: 'string' }).notNull(),
    profileKey: bigint('profile_key', { mode: 'number' }).notNull(),
    /** Ads of the profile active in the kommun that week. */
    ads: integer('ads').notNull(),
    sugarAds: integer('sugar_ads').notNull(),
    /** Copied from stat_profile (new and inresta per week without a join). */
    profileFirstDay: date('profile_first_day', { mode: 'string' }).notNull(),
    homeCode: text('home_code'),
    isTouring: boolean('is_touring').notNull(),
  },
  (t) => [
    primaryKey({ name: 'stat_week_pk', columns: [t.kommunCode, t.week, t.profileKey] }),
    index('stat_week_area_idx').on(t.kommunCode, t.week, t.profileKey, t.ads, t.sugarAds, t.profileFirstDay, t.isTouring, t.homeCode),
    index('stat_week_profile_idx').on(t.profileKey),
  ],
);

/**
 * Statistics per area (kommun, län or police region; `area_id` is the kommun code, the län code
 * or the police region's name, as in the dashboard's areas) and ISO week: exact weekly totals,
 * so the weekly trend reads one row per week. Kept by adding and subtracting each profile's
 * contribution from stat_week (fyren_stat_apply, migration 0017). A row whose counts are all
 * zero is the same as no row.
 */
export const statAreaWeek = pgTable(
  'stat_area_week',
  {
    areaId: text('area_id').notNull(),
    /** Monday of the ISO week. */
    week: date('week', { mode: 'string' }).notNull(),
    /** Ads active in the area that week (an ad counts in every week it was seen in). */
    ads: integer('ads').notNull(),
    sugarAds: integer('sugar_ads').notNull(),
    /** Distinct profiles with an ad active in the area that week. */
    profiles: integer('profiles').notNull(),
    /** Of those, first seen anywhere during the week. */
    newProfiles: integer('new_profiles').notNull(),
    /** Of those, touring or with a home kommun outside the area. */
    inresta: integer('inresta').notNull(),
  },
  (t) => [primaryKey({ name: 'stat_area_week_pk', columns: [t.areaId, t.week] })],
);

/**
 * Statistics per area and day: the ads first and last seen that day, so the active ads of any
 * period are a difference of two sums (first seen by its end, minus last seen before its start).
 */
export const statAreaDay = pgTable(
  'stat_area_day',
  {
    /** Kommun code, län code or police region name. */
    areaId: text('area_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    /** Ads in the area first seen that day. */
    firstAds: integer('first_ads').notNull(),
    /** Ads in the area last seen that day. */
    lastAds: integer('last_ads').notNull(),
    firstSugarAds: integer('first_sugar_ads').notNull(),
    lastSugarAds: integer('last_sugar_ads').notNull(),
  },
  (t) => [primaryKey({ name: 'stat_area_day_pk', columns: [t.areaId, t.day] })],
);

/**
 * Statistics per area and profile: the days the profile had an ad active in the area, as
 * disjoint spans (ads' spans merged), each with the last day of the profile's previous span in
 * the area. A profile is active in a period when one of its spans overlaps it, and exactly one
 * overlapping span has its previous span ending before the period, so distinct profiles are a
 * plain count with no grouping.
 */
export const statAreaSpan = pgTable(
  'stat_area_span',
  {
    /** Kommun code, län code or police region name. */
    areaId: text('area_id').notNull(),
    profileKey: bigint('profile_key', { mode: 'number' }).notNull(),
    firstDay: date('first_day', { mode: 'string' }).notNull(),
    lastDay: date('last_day', { mode: 'string' }).notNull(),
    /** Last day of the profile's previous span in the area; null for its first span. */
    prevLastDay: date('prev_last_day', { mode: 'string' }),
    /** Copied from stat_profile. */
    profileFirstDay: date('profile_first_day', { mode: 'string' }).notNull(),
    /** Touring, or a home kommun outside this area. */
    isInresta: boolean('is_inresta').notNull(),
    networkKey: bigint('network_key', { mode: 'number' }),
    indicatorMask: bigint('indicator_mask', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'stat_area_span_pk', columns: [t.profileKey, t.areaId, t.firstDay] }),
    // Every column the period totals read, so they are index-only scans from the period's first day on.
    index('stat_area_span_period_idx').on(
      t.areaId,
      t.lastDay,
      t.firstDay,
      t.prevLastDay,
      t.profileFirstDay,
      t.isInresta,
      t.networkKey,
      t.indicatorMask,
    ),
  ],
);

/**
 * A frozen mapping (kartläggning): the published figures of one area and period with the exact
 * method, dated and hashed, so it can be cited, reproduced and compared with later mappings.
 */
export const kartlaggning = pgTable(
  'kartlaggning',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    /** kommun | lan | polisregion */
    areaKind: text('area_kind').notNull(),
    /** Kommun code, län code or police region name. */
    areaId: text('area_id').notNull(),
    areaName: text('area_name').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    createdAt: ts('created_at').notNull(),
    /** Sites with their config versions, days observed, de-duplication (linking and weights versions), threshold. */
    method: jsonb('method').$type<Record<string, unknown>>().notNull(),
    /** The published (suppressed) figures. */
    figures: jsonb('figures').$type<Record<string, unknown>>().notNull(),
    /** SHA-256 of the canonical JSON of area, period, method and figures. */
    contentHash: text('content_hash').notNull(),
  },
  (t) => [index('kartlaggning_area_idx').on(t.areaKind, t.areaId, t.periodFrom)],
);

/* ─────────────────────────── demand (buyer side): counting, not registering ─────────────────────────── */

/**
 * The keyed pseudonym of a buyer-side handle (HMAC-SHA-256 with the installation's secret) and
 * the random key that stands for the buyer in counts. The only way from a handle to the counts;
 * retention deletes a row when the buyer was last seen longer ago than the `demand_pseudonym`
 * rule says (default 90 days). The aggregates keep only the random key, which nothing links back.
 */
export const demandPseudonym = pgTable(
  'demand_pseudonym',
  {
    /** HMAC-SHA-256 of the normalised handle, hex; never shown by any screen, API or export. */
    pseudonym: text('pseudonym').primaryKey(),
    /** Random key the buyer's accounts carry; the same on every site the handle is used on. */
    buyerKey: uuid('buyer_key')
      .notNull()
      .default(sql`gen_random_uuid()`),
    /** The last crawl that saw the handle on any site. */
    lastSeenAt: ts('last_seen_at').notNull(),
  },
  (t) => [index('demand_pseudonym_last_seen_idx').on(t.lastSeenAt)],
);

/**
 * One buyer-side account on one site, as counted: the site, the stated place (resolved to
 * codes, with its level), the age band, and first and last seen. No username, profile text
 * or photo; the buyer is a random key.
 */
export const demandAccount = pgTable(
  'demand_account',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    buyerKey: uuid('buyer_key').notNull(),
    /** The buyer-side site's id (its site config's `source`). */
    source: text('source').notNull(),
    /** town | kommun | lan | none: the level the account states its place at. */
    placeLevel: text('place_level').notNull(),
    /** SCB kommun code (town and kommun levels only). */
    kommunCode: text('kommun_code'),
    /** Two-digit län code (every level but none). */
    lanCode: text('lan_code'),
    /** Police region (every level but none). */
    policeRegion: text('police_region'),
    /** Ten-year age band ("45-54", "65+"), or null. */
    ageBand: text('age_band'),
    /** The member-since date the site shows. */
    memberSince: date('member_since'),
    firstSeenAt: ts('first_seen_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    uniqueIndex('demand_account_source_buyer_idx').on(t.source, t.buyerKey),
    index('demand_account_kommun_idx').on(t.kommunCode),
    index('demand_account_lan_idx').on(t.lanCode),
  ],
);

/** The weeks an account was active (the week of a last-active date a crawl read). */
export const demandActivity = pgTable(
  'demand_activity',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => demandAccount.id, { onDelete: 'cascade' }),
    /** Monday of the ISO week. */
    week: date('week').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.week] }), index('demand_activity_week_idx').on(t.week)],
);

/** A dated event per area that demand is read against: an operation, a medborgarlöfte, a campaign, media coverage. */
export const demandEvent = pgTable(
  'demand_event',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    /** operation | medborgarlofte | campaign | media. */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** kommun | lan | polisregion | land. */
    areaLevel: text('area_level').notNull(),
    /** Kommun or län code, police region name, or "SE". */
    areaCode: text('area_code').notNull(),
    date: date('date').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by').references(() => appUser.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('demand_event_area_idx').on(t.areaLevel, t.areaCode, t.date)],
);

/**
 * A demand probe: a measurement an analyst made by hand (Fyren never posts profiles). A profile
 * described in words (no photos) on a site in an area, and how many buyers replied in the first
 * hour and in total.
 */
export const demandProbe = pgTable(
  'demand_probe',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    /** Date and hour the profile went up. */
    startedAt: ts('started_at').notNull(),
    /** Name of the site the probe ran on. */
    site: text('site').notNull(),
    areaLevel: text('area_level').notNull(),
    areaCode: text('area_code').notNull(),
    /** The profile as described in words, e.g. "ung kvinna, 19 år, ny i stan". */
    profileDescription: text('profile_description').notNull(),
    /** How long the probe ran, in minutes. */
    windowMinutes: integer('window_minutes').notNull(),
    repliesFirstHour: integer('replies_first_hour').notNull(),
    repliesTotal: integer('replies_total').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by').references(() => appUser.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('demand_probe_area_idx').on(t.areaLevel, t.areaCode, t.startedAt)],
);
