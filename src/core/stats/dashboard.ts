/**
 * The kartläggning dashboard as published: raw counts per area and period in, suppressed
 * figures out. Every number that leaves Fyren as statistics passes through `publishDashboard`,
 * which applies small-count suppression (suppress.ts) to each count and share.
 *
 * Definitions (also in docs/indicators.md and in the method text):
 * - an **active ad** was seen at least once in the period (first seen ≤ period end and last seen ≥ period start);
 * - a **profile** is a person or contact point from linking (ads de-duplicated across sites and
 *   re-postings by phone, e-mail, handle, photo and near-identical text); counted once per period;
 * - a **new profile** was first seen anywhere during the period;
 * - a profile is **inresta** (travelling) in an area when linking's touring rule holds for it
 *   (several kommuner within a short time), or when its home kommun (the kommun of its longest
 *   stays in its timeline) lies outside the area; otherwise it is **lokal**;
 * - a **sugar-dating account** is an active ad on a sugar-dating site;
 * - a **network** is a group of at least two profiles tied together by linking.
 */
import { suppressCount, suppressShare, type PublishedCount, type SuppressionOptions } from './suppress';

/** The figures of one area and period, as counted (never published as they are). */
export interface RawTotals {
  ads: number;
  profiles: number;
  newProfiles: number;
  inresta: number;
  sugarAds: number;
  networks: number;
}

/** One ISO week of an area. */
export interface RawWeek extends Omit<RawTotals, 'networks'> {
  /** Monday of the ISO week, YYYY-MM-DD. */
  week: string;
}

/** One kommun of the area. */
export interface RawKommun {
  code: string;
  ads: number;
  profiles: number;
  inresta: number;
}

export interface RawIndicator {
  code: string;
  profiles: number;
}

export interface RawFlow {
  from: string;
  to: string;
  /** Distinct profiles that moved from `from` to `to` in the period. */
  profiles: number;
}

/** An area the dashboard can show. */
export interface DashboardArea {
  kind: 'kommun' | 'lan' | 'polisregion';
  /** Kommun code, län code or police region name. */
  id: string;
  name: string;
  kommunCodes: string[];
}

export interface Period {
  /** First day, YYYY-MM-DD (inclusive). */
  from: string;
  /** Last day, YYYY-MM-DD (inclusive). */
  to: string;
}

export interface RawDashboard {
  area: DashboardArea;
  period: Period;
  totals: RawTotals;
  weeks: RawWeek[];
  kommuner: RawKommun[];
  indicators: RawIndicator[];
  flows: RawFlow[];
  /** The same period one year earlier. */
  lastYear: { period: Period; totals: RawTotals };
  /** Other areas for side-by-side comparison. */
  comparisons: { area: DashboardArea; totals: RawTotals }[];
}

export type Published = PublishedCount;
export interface PublishedShare {
  value: number | null;
  display: string;
  isSuppressed: boolean;
}

export interface PublishedTotals {
  ads: Published;
  profiles: Published;
  newProfiles: Published;
  inresta: Published;
  lokal: Published;
  sugarAds: Published;
  networks: Published;
  inrestaShare: PublishedShare;
}

export interface PublishedDashboard {
  area: DashboardArea;
  period: Period;
  threshold: number;
  totals: PublishedTotals;
  weeks: (Omit<PublishedTotals, 'networks' | 'inrestaShare' | 'lokal'> & { week: string })[];
  kommuner: { code: string; ads: Published; profiles: Published; inresta: Published }[];
  indicators: { code: string; profiles: Published; share: PublishedShare }[];
  flows: { from: string; to: string; profiles: Published }[];
  lastYear: { period: Period; totals: PublishedTotals };
  comparisons: { area: DashboardArea; totals: PublishedTotals }[];
}

function publishTotals(t: RawTotals, opts: SuppressionOptions): PublishedTotals {
  return {
    ads: suppressCount(t.ads, opts),
    profiles: suppressCount(t.profiles, opts),
    newProfiles: suppressCount(t.newProfiles, opts),
    inresta: suppressCount(t.inresta, opts),
    lokal: suppressCount(t.profiles - t.inresta, opts),
    sugarAds: suppressCount(t.sugarAds, opts),
    networks: suppressCount(t.networks, opts),
    inrestaShare: suppressShare(t.inresta, t.profiles, opts),
  };
}

/**
 * Applies small-count suppression to every figure. Counts below `threshold` become null with
 * display "<threshold"; a share is suppressed when its part or whole is. Flows are published
 * only when they reach the threshold (a suppressed arrow would still point at a small group).
 */
export function publishDashboard(raw: RawDashboard, threshold: number): PublishedDashboard {
  const opts: SuppressionOptions = { threshold };
  return {
    area: raw.area,
    period: raw.period,
    threshold,
    totals: publishTotals(raw.totals, opts),
    weeks: raw.weeks.map((w) => ({
      week: w.week,
      ads: suppressCount(w.ads, opts),
      profiles: suppressCount(w.profiles, opts),
      newProfiles: suppressCount(w.newProfiles, opts),
      inresta: suppressCount(w.inresta, opts),
      sugarAds: suppressCount(w.sugarAds, opts),
    })),
    kommuner: raw.kommuner.map((k) => ({
      code: k.code,
      ads: suppressCount(k.ads, opts),
      profiles: suppressCount(k.profiles, opts),
      inresta: suppressCount(k.inresta, opts),
    })),
    indicators: raw.indicators.map((i) => ({
      code: i.code,
      profiles: suppressCount(i.profiles, opts),
      share: suppressShare(i.profiles, raw.totals.profiles, opts),
    })),
    flows: raw.flows
      .filter((f) => f.profiles >= threshold)
      .map((f) => ({ from: f.from, to: f.to, profiles: suppressCount(f.profiles, opts) })),
    lastYear: { period: raw.lastYear.period, totals: publishTotals(raw.lastYear.totals, opts) },
    comparisons: raw.comparisons.map((c) => ({ area: c.area, totals: publishTotals(c.totals, opts) })),
  };
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Monday of the ISO week of a day. */
export function weekOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - dow * DAY_MS).toISOString().slice(0, 10);
}

/** Every ISO week (its Monday) that overlaps the period, in order. */
export function weeksOf(period: Period): string[] {
  const out: string[] = [];
  const end = new Date(`${period.to}T00:00:00Z`).getTime();
  for (let t = new Date(`${weekOf(period.from)}T00:00:00Z`).getTime(); t <= end; t += 7 * DAY_MS)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** ISO week number ("v. 47") of a Monday. */
export function isoWeekNumber(day: string): number {
  const d = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return 1 + Math.floor((thursday.getTime() - yearStart) / (7 * DAY_MS));
}

/** The same period one year earlier (29 February becomes 28 February). */
export function samePeriodLastYear(period: Period): Period {
  const shift = (s: string): string => {
    const y = Number(s.slice(0, 4)) - 1;
    const md = s.slice(5) === '02-29' ? '02-28' : s.slice(5);
    return `${String(y).padStart(4, '0')}-${md}`;
  };
  return { from: shift(period.from), to: shift(period.to) };
}

/** Number of days in the period, both ends included. */
export function periodDays(period: Period): number {
  return Math.round((new Date(`${period.to}T00:00:00Z`).getTime() - new Date(`${period.from}T00:00:00Z`).getTime()) / DAY_MS) + 1;
}
