/** Database schema (drizzle), outreach (Uppsök; social services, confidential): templates, contacts, referrals, SMS. */
import { sql } from 'drizzle-orm';
import { boolean, date, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns';
import { organisation, unit } from './identity';

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
