/** Database schema (drizzle), identity & access: organisations, units, users, sessions. */
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns';
import type { Scope } from '../../../contracts/identity';

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
