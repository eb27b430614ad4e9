/**
 * Ports of the buyer side (demand): sightings, pseudonyms, counts, events, probes.
 * Adapters implement them; the context's registration (src/main/contexts/) wires them.
 */
import type { BuyerSiteConfig } from '../../contracts/site-config';
import type { AreaLevel, DemandEventKind } from '../../contracts/demand';

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

declare module '../shared/ports' {
  /** The repositories of this context, bound to one transaction. */
  interface Repositories {
    demand: DemandRepository;
  }
}
