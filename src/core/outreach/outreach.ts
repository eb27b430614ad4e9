/**
 * Uppsök (outreach): the pure rules. Channels and outcomes of a contact attempt, what each
 * outcome leads to (a case intake at the adult unit, a report of concern to the children's
 * unit), the order of the outreach queue with its reasons, the one sharing rule for contact
 * history across municipalities, and the content check of message templates.
 *
 * Every word here is about help: the person behind an ad is offered support, never suspected.
 */

import { CHANNELS, OUTCOMES, type Channel, type Outcome } from '../shared/vocabulary';

export { CHANNELS, OUTCOMES };
export type { Channel, Outcome };

/** Outcomes that mean the person was not reached: the profile stays in the queue. */
export const NOT_REACHED: readonly Outcome[] = ['no_answer', 'wrong_number'];

/** The referral an outcome leads to, or null. */
export type ReferralKind = 'case_intake' | 'report_of_concern';
export function referralFor(outcome: Outcome): { kind: ReferralKind; unit: 'adult' | 'children' } | null {
  if (outcome === 'accepted_help') return { kind: 'case_intake', unit: 'adult' };
  if (outcome === 'signs_of_minor') return { kind: 'report_of_concern', unit: 'children' };
  return null;
}

/**
 * The legal basis recorded with a report of concern. Kept as data that can be corrected: the
 * duty to report was 14 kap. 1 § of the old socialtjänstlag (2001:453); the new law (2025:400)
 * replaced it on 2025-07-01 and its section number is not verified here (DOMAIN.md).
 */
export const REPORT_OF_CONCERN_BASIS =
  'Socialtjänstlagen (2025:400), anmälningsskyldighet vid oro för barn (tidigare 14 kap. 1 § SoL 2001:453)';

/* ─────────────────────────────── the queue ─────────────────────────────── */

/** What the queue knows about one profile. */
export interface QueueCandidate {
  profileId: string;
  /** Risk score 0–100 from linking. */
  score: number;
  /** Indicator codes that contributed to the score. */
  contributionCodes: string[];
  /** ISO date the profile was first seen. */
  firstSeen: string;
  lastSeen: string;
  /** Languages found in its ads (ISO 639-3). */
  languages: string[];
  /** The lowest age its ads state, or null. */
  minStatedAge: number | null;
  /** Attempts this organisation made that did not reach the person. */
  triedCount: number;
}

/** One reason, as a code with values; the web app words it (sv, en). */
export type RankReason =
  | { code: 'signs_of_minor'; age: number | null }
  | { code: 'youth_wording' }
  | { code: 'new'; days: number }
  | { code: 'risk'; score: number }
  | { code: 'language'; languages: string[] }
  | { code: 'tried'; count: number };

export interface RankedCandidate extends QueueCandidate {
  /** Days since first seen (0 = today). */
  daysSinceFirstSeen: number;
  /** The priority the queue sorts by (higher first). */
  priority: number;
  hasYouthIndicators: boolean;
  /** Why the profile is where it is, most important first. */
  reasons: RankReason[];
}

/** How the queue weighs its factors. Data, so that a municipality can tune it. */
export const QUEUE_WEIGHTS = {
  /** A stated age under 18 or the STATED_MINOR indicator: always first (a child). */
  minor: 1000,
  /** Youth wording (YOUTH_WORDING): help early. */
  youth: 40,
  /** Newness: full bonus on the first day, falling linearly to 0 after `newDays`. */
  newness: 30,
  newDays: 14,
  /** Each attempt that did not reach the person lowers the priority a little (try others too). */
  perTry: 5,
};

const DAY = 86_400_000;

/** Ranks candidates: signs of a minor, then youth, newness and risk. Ties keep the newest first, then id. */
export function rankQueue(candidates: readonly QueueCandidate[], today: Date, weights = QUEUE_WEIGHTS): RankedCandidate[] {
  const ranked = candidates.map((c): RankedCandidate => {
    const days = Math.max(
      0,
      Math.floor((Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - Date.parse(c.firstSeen)) / DAY),
    );
    const isMinor = c.contributionCodes.includes('STATED_MINOR') || (c.minStatedAge !== null && c.minStatedAge < 18);
    const isYouth = c.contributionCodes.includes('YOUTH_WORDING');
    const newness = days >= weights.newDays ? 0 : weights.newness * (1 - days / weights.newDays);
    const priority = (isMinor ? weights.minor : 0) + (isYouth ? weights.youth : 0) + newness + c.score - c.triedCount * weights.perTry;
    const reasons: RankReason[] = [];
    if (isMinor) reasons.push({ code: 'signs_of_minor', age: c.minStatedAge !== null && c.minStatedAge < 18 ? c.minStatedAge : null });
    if (isYouth) reasons.push({ code: 'youth_wording' });
    if (days < weights.newDays) reasons.push({ code: 'new', days });
    reasons.push({ code: 'risk', score: c.score });
    if (c.languages.length) reasons.push({ code: 'language', languages: c.languages });
    if (c.triedCount > 0) reasons.push({ code: 'tried', count: c.triedCount });
    return { ...c, daysSinceFirstSeen: days, priority: Math.round(priority * 10) / 10, hasYouthIndicators: isMinor || isYouth, reasons };
  });
  return ranked.sort((a, b) => b.priority - a.priority || b.firstSeen.localeCompare(a.firstSeen) || a.profileId.localeCompare(b.profileId));
}

/* ─────────────────────────── sharing across municipalities ─────────────────────────── */

/** The own organisation's summary of an outcome (its statistics and its own history). Never shared. */
export type OutcomeCategory = 'not_reached' | 'contacted' | 'accepted_help';

export function outcomeCategory(outcome: Outcome): OutcomeCategory {
  if (NOT_REACHED.includes(outcome)) return 'not_reached';
  if (outcome === 'accepted_help' || outcome === 'signs_of_minor') return 'accepted_help';
  return 'contacted';
}

/** One stored contact attempt, as the sharing rule sees it. */
export interface HistoryEntry {
  id: string;
  organisationId: string;
  /** The organisation's name: whom another organisation calls to coordinate. */
  organisationName: string;
  kommun: string;
  contactAt: Date;
  channel: Channel;
  outcome: Outcome;
  language: string | null;
  message: string | null;
  note: string | null;
  workerName: string | null;
  followUpOn: string | null;
  referral: { kind: ReferralKind; unit: 'adult' | 'children' } | null;
}

/**
 * A contact as the viewer may see it: in full when it is the viewer's own organisation's;
 * otherwise only that it exists (day and kommun) and whom to call (the organisation).
 */
export type SharedEntry =
  | ({ isOwn: true } & HistoryEntry & { category: OutcomeCategory })
  | { isOwn: false; id: string; kommun: string; day: string; organisationId: string; organisationName: string };

/** `contact`: other organisations see that contact exists and whom to call; `none`: nothing. */
export type SharingMode = 'contact' | 'none';

/**
 * THE sharing rule for contact history (documented in docs/privacy.md). Social-services data is
 * confidential (OSL 26 kap. 1 §) between authorities too, so another organisation sees only that
 * contact exists (the day and the kommun) and whom to call to coordinate (the organisation).
 * Never an outcome or anything derived from one: not reached or reached, help accepted or
 * declined, or a report of concern about a child (issue #16: a report of concern was shown as
 * "tackade ja till stöd"), and never the channel, message, note, worker, language or referral.
 */
export function shareHistory(entries: readonly HistoryEntry[], viewerOrganisationId: string, mode: SharingMode = 'contact'): SharedEntry[] {
  const out: SharedEntry[] = [];
  for (const e of [...entries].sort((a, b) => b.contactAt.getTime() - a.contactAt.getTime())) {
    if (e.organisationId === viewerOrganisationId) out.push({ isOwn: true, ...e, category: outcomeCategory(e.outcome) });
    else if (mode === 'contact') {
      out.push({
        isOwn: false,
        id: e.id,
        kommun: e.kommun,
        day: e.contactAt.toISOString().slice(0, 10),
        organisationId: e.organisationId,
        organisationName: e.organisationName,
      });
    }
  }
  return out;
}

/* ─────────────────────────────── message templates ─────────────────────────────── */

/** The languages of the market that templates are written in. `en-NG` is Nigerian English. */
export const TEMPLATE_LANGUAGES = ['sv', 'en', 'ro', 'th', 'es', 'pt', 'ru', 'hu', 'pl', 'bg', 'en-NG'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

/** Placeholders filled in when a message is used. */
export const PLACEHOLDERS = { name: '{namn}', organisation: '{organisation}', contact: '{telefon}' } as const;

/** The four things every message must say. */
export const CONTENT_POINTS = ['who_is_writing', 'free_and_voluntary', 'not_a_crime', 'how_to_reach_support'] as const;
export type ContentPoint = (typeof CONTENT_POINTS)[number];

/** Per template: the phrase in its own language that says "free and voluntary" and "not a crime". */
export interface TemplateMarkers {
  freeAndVoluntary: string;
  notACrime: string;
}

/**
 * Which content points a template's text is missing. "Who is writing" needs the name and the
 * organisation placeholders, "how to reach support" the contact placeholder; the two statements
 * need their marker phrases (stored with the template, in its language) in the text.
 */
export function missingContentPoints(body: string, markers: TemplateMarkers): ContentPoint[] {
  const text = body.toLocaleLowerCase();
  const has = (phrase: string) => phrase.trim().length >= 3 && text.includes(phrase.trim().toLocaleLowerCase());
  const missing: ContentPoint[] = [];
  if (!body.includes(PLACEHOLDERS.name) || !body.includes(PLACEHOLDERS.organisation)) missing.push('who_is_writing');
  if (!has(markers.freeAndVoluntary)) missing.push('free_and_voluntary');
  if (!has(markers.notACrime)) missing.push('not_a_crime');
  if (!body.includes(PLACEHOLDERS.contact)) missing.push('how_to_reach_support');
  return missing;
}

/**
 * The placeholders still in a message (`{telefon}`, `{namn}`, `{organisation}` or any other
 * `{word}`), once each in the order they appear. A message with any of them is never sent: it
 * would reach the person as "Ring eller sms:a {telefon}." (issue #16).
 */
export function unfilledPlaceholders(message: string): string[] {
  return [...new Set(message.match(/\{[\p{L}\p{N}_-]+\}/gu) ?? [])];
}

/** Fills in the placeholders. A missing contact number leaves its placeholder for the worker to fill. */
export function renderTemplate(body: string, values: { name: string; organisation: string; contact: string | null }): string {
  return body
    .replaceAll(PLACEHOLDERS.name, values.name)
    .replaceAll(PLACEHOLDERS.organisation, values.organisation)
    .replaceAll(PLACEHOLDERS.contact, values.contact ?? PLACEHOLDERS.contact);
}

/* ─────────────────────────────── the area ─────────────────────────────── */

/** An organisation's scope as the kommuner it covers (kommuner, every kommun of its län and police regions). */
export function scopeKommuner(
  scope: { kommuner: readonly string[]; lan: readonly string[]; polisregioner: readonly string[] },
  places: { kommuner: readonly { code: string; countyCode: string }[]; lan: readonly { code: string; policeRegion: string }[] },
): string[] {
  const lan = new Set([...scope.lan, ...places.lan.filter((l) => scope.polisregioner.includes(l.policeRegion)).map((l) => l.code)]);
  const out = new Set(scope.kommuner);
  for (const k of places.kommuner) if (lan.has(k.countyCode)) out.add(k.code);
  return [...out].sort();
}
