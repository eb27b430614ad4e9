/**
 * Contracts for Uppsök (outreach): the queue, a profile's outreach view, contact attempts,
 * referrals, follow-ups, message templates, SMS and statistics. Shared by the API and the web app.
 */
import { z } from 'zod';
import {
  CHANNELS,
  CONTENT_POINTS,
  OUTCOMES,
  TEMPLATE_LANGUAGES,
  type Channel,
  type ContentPoint,
  type Outcome,
  type OutcomeCategory,
  type RankReason,
} from '../core/outreach/outreach';

export { CHANNELS, OUTCOMES, TEMPLATE_LANGUAGES, CONTENT_POINTS };
export type { Channel, Outcome, OutcomeCategory, RankReason, ContentPoint };

const Kommun = z.string().regex(/^\d{4}$/, 'a four-digit SCB kommun code');
const ProfileId = z.string().regex(/^pf-[0-9a-f]{12}$/, 'a profile id "pf-…"');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** GET /api/outreach/queue */
export const QueueQuerySchema = z
  .object({
    /** Only this kommun of the organisation's area. */
    kommun: Kommun.optional(),
    /** Only profiles seen in the last this many days (default 90). */
    activeDays: z.coerce.number().int().min(1).max(730).default(90),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type QueueQueryInput = z.infer<typeof QueueQuerySchema>;

/** A kommun with its name. */
export interface KommunDto {
  code: string;
  name: string;
}

/**
 * What another organisation may see of its contact with the same person (the sharing rule in
 * src/core/outreach): that contact exists, and whom to call. Never an outcome or the channel.
 */
export interface SharedContactDto {
  id: string;
  /** The kommun where the contact was made. */
  kommun: KommunDto;
  /** The day of the contact (ISO date). */
  day: string;
  /** The organisation that made it: whom to call to coordinate. */
  organisation: { id: string; name: string };
}

/** One profile in the queue, with the factors of its place and the reasons in order. */
export interface QueueItemDto {
  profileId: string;
  names: string[];
  municipalities: KommunDto[];
  /** The kommun of its latest stay in the organisation's area. */
  kommun: KommunDto;
  adCount: number;
  firstSeen: string;
  lastSeen: string;
  daysSinceFirstSeen: number;
  score: number;
  /** Indicator codes and weights that make the score. */
  contributions: { code: string; weight: number }[];
  languages: string[];
  hasYouthIndicators: boolean;
  priority: number;
  reasons: RankReason[];
  /** not_contacted, or tried (attempts that did not reach the person). */
  status: 'not_contacted' | 'tried';
  /** Earlier contacts by other municipalities, as the sharing rule allows. */
  earlierElsewhere: SharedContactDto[];
  isDemo: boolean;
}

export interface QueueDto {
  /** The kommuner of the organisation's area. */
  area: KommunDto[];
  items: QueueItemDto[];
}

/** A contact attempt in a profile's history: in full for the own organisation. */
export type HistoryEntryDto =
  | {
      isOwn: true;
      id: string;
      kommun: KommunDto;
      contactAt: string;
      channel: Channel;
      language: string | null;
      message: string | null;
      note: string | null;
      workerName: string | null;
      outcome: Outcome;
      category: OutcomeCategory;
      followUpOn: string | null;
      referral: { kind: 'case_intake' | 'report_of_concern'; unit: 'adult' | 'children' } | null;
    }
  | ({ isOwn: false } & SharedContactDto);

export interface SmsDto {
  id: string;
  direction: 'out' | 'in';
  phone: string;
  body: string;
  status: string;
  at: string;
}

/** GET /api/outreach/profiles/:id */
export interface ProfileOutreachDto {
  profileId: string;
  names: string[];
  phones: string[];
  municipalities: KommunDto[];
  firstSeen: string;
  lastSeen: string;
  score: number;
  contributions: { code: string; weight: number }[];
  timeline: { municipality: KommunDto; from: string; to: string }[];
  languages: string[];
  minStatedAge: number | null;
  isDemo: boolean;
  history: HistoryEntryDto[];
  conversation: SmsDto[];
  /** The kommuner a contact may be logged in: the profile's kommuner inside the organisation's area (else the whole area). */
  contactKommuner: KommunDto[];
  /** Whether an SMS gateway is configured (otherwise workers copy the message). */
  canSendSms: boolean;
  /** The support number filled into templates ({telefon}), or null. */
  supportContact: string | null;
}

/** POST /api/outreach/contacts: one contact attempt. */
export const ContactCreateSchema = z
  .object({
    /** The profile contacted. */
    profileId: ProfileId,
    /** The kommun the contact was made in; must be in the organisation's area. */
    kommun: Kommun,
    channel: z.enum(CHANNELS),
    /** Language used: a template language code or ISO 639-1. */
    language: z
      .string()
      .trim()
      .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'a language code like "sv", "ro" or "en-NG"')
      .optional(),
    /** The template the message came from. */
    templateId: z.string().trim().min(1).max(100).optional(),
    /** The exact message text used. */
    message: z.string().trim().max(2000).optional(),
    /** The number or address contacted. */
    contactPoint: z.string().trim().max(200).optional(),
    /** When it happened (ISO 8601); default now. Not in the future. */
    contactAt: z.iso.datetime({ offset: true }).optional(),
    outcome: z.enum(OUTCOMES),
    /** The worker's note: confidential, never shared with another organisation. */
    note: z.string().trim().max(4000).optional(),
    /** A reminder to follow up on this day. */
    followUpOn: Day.optional(),
  })
  .strict();
export type ContactCreateInput = z.infer<typeof ContactCreateSchema>;

export interface ReferralDto {
  id: string;
  kind: 'case_intake' | 'report_of_concern';
  unitKind: 'adult' | 'children';
  /** The receiving unit's name when the organisation has one. */
  unitName: string | null;
  status: string;
  legalBasis: string | null;
  kommun: KommunDto;
  createdAt: string;
}

export interface ContactCreatedDto {
  id: string;
  referral: ReferralDto | null;
}

/** A follow-up reminder (GET /api/outreach/follow-ups). */
export interface FollowUpDto {
  contactId: string;
  profileId: string;
  kommun: KommunDto;
  followUpOn: string;
  isOverdue: boolean;
  channel: Channel;
  outcome: Outcome;
  contactAt: string;
  workerName: string | null;
}

/** A message template (GET /api/outreach/templates). */
export interface TemplateDto {
  id: string;
  language: string;
  name: string;
  body: string;
  markers: { freeAndVoluntary: string; notACrime: string };
  needsNativeReview: boolean;
  isActive: boolean;
  /** Content points the text lacks (empty when complete). */
  missing: ContentPoint[];
  updatedAt: string;
}

/** PUT /api/outreach-templates/:id */
export const TemplateUpdateSchema = z
  .object({
    /** The text, with {namn}, {organisation} and {telefon}. */
    body: z.string().trim().min(20).max(2000),
    /** The phrases in the text that say "free and voluntary" and "not a crime". */
    markers: z.object({ freeAndVoluntary: z.string().trim().min(3).max(200), notACrime: z.string().trim().min(3).max(200) }).strict(),
    isActive: z.boolean(),
    needsNativeReview: z.boolean(),
  })
  .strict();
export type TemplateUpdateInput = z.infer<typeof TemplateUpdateSchema>;

/** POST /api/outreach/profiles/:id/sms */
export const SmsSendSchema = z
  .object({
    /** One of the profile's numbers (E.164). */
    phone: z.string().regex(/^\+\d{7,15}$/, 'a phone number in E.164, "+46…"'),
    message: z.string().trim().min(1).max(1600),
  })
  .strict();
export type SmsSendInput = z.infer<typeof SmsSendSchema>;

/** GET /api/outreach/stats and /api/statistics/outreach */
export const StatsQuerySchema = z
  .object({
    from: Day,
    to: Day,
    period: z.enum(['week', 'month']).default('month'),
    kommun: Kommun.optional(),
  })
  .strict();
export type StatsQueryInput = z.infer<typeof StatsQuerySchema>;

/** A count: a number, or null with "<5" when suppressed (published statistics). */
export interface CountDto {
  value: number | null;
  display: string;
}

export interface StatsRowDto {
  /** First day of the period. */
  period: string;
  kommun: KommunDto;
  contacts: CountDto;
  answered: CountDto;
  acceptedHelp: CountDto;
  referrals: CountDto;
}

export interface StatsDto {
  from: string;
  to: string;
  period: 'week' | 'month';
  /** True when small counts are suppressed (anything shown outside the outreach team). */
  isSuppressed: boolean;
  rows: StatsRowDto[];
  totals: Omit<StatsRowDto, 'period' | 'kommun'>;
}
