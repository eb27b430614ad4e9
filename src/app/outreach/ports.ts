/**
 * Ports of outreach (Uppsök): profiles in the queue, contacts, referrals, templates, SMS.
 * Adapters implement them; the context's registration (src/main/contexts/) wires them.
 */
import type { RepositoryName } from '../shared/ports';

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
  /** The organisation's name (whom another organisation calls to coordinate). */
  organisationName: string;
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
  /** Whether any demo ad (is_demo) shows this phone number (E.164): the demo SMS guard asks before every send. */
  isDemoPhone(phone: string): Promise<boolean>;
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
  /**
   * True when messages reach real phones (46elks); false for the local fake of the demo.
   * A live gateway never sends to a demo number (src/app/outreach/sms.ts demoSafeGateway).
   */
  readonly isLive: boolean;
  send(msg: { to: string; message: string }): Promise<{ id: string; status: string }>;
}

/* ─────────────── demand (buyer side): counting, not registering ─────────────── */

/** Outreach settings: the SMS gateway, the support number in messages, and the sharing rule's mode. */
export interface OutreachSettings {
  /** null: no gateway configured; workers copy messages and send them from their own phone. */
  sms: SmsGateway | null;
  /** The number filled into templates as {telefon}, or null (the worker fills it in). */
  supportContact: string | null;
  /** What other municipalities see of a contact (src/core/outreach shareHistory). */
  sharing: 'contact' | 'none';
}

declare module '../shared/ports' {
  /** The repositories of this context, bound to one transaction. */
  interface Repositories {
    outreach: OutreachRepository;
  }
  interface AppDeps<K extends RepositoryName = RepositoryName> {
    /** Outreach settings; defaults (no gateway, contact sharing) when absent. */
    outreach?: OutreachSettings;
  }
}
