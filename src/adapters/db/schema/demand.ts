/** Database schema (drizzle), the buyer side (demand), counted not registered: pseudonyms, accounts, activity, events, probes. */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns';
import { appUser } from './identity';

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
