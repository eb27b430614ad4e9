/** Database schema (drizzle), statistics (kartläggning): per-ad and per-area aggregates, frozen mappings. */
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns';
import { ad } from './intelligence';

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
