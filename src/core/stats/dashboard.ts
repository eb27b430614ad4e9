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
import { protectCells, type Relation } from './protect';
import { suppressCount, type PublishedCount, type SuppressionOptions } from './suppress';

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
  /**
   * The same period one year earlier. `hasData` false when nothing at all was collected in that
   * period (Fyren was not running then): its figures are shown as "–", not as small counts.
   */
  lastYear: { period: Period; totals: RawTotals; hasData?: boolean };
  /** Other areas for side-by-side comparison. */
  comparisons: { area: DashboardArea; totals: RawTotals }[];
  /** The day the figures were counted (YYYY-MM-DD): a week that has not ended by then is incomplete. */
  asOf?: string;
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
  /**
   * `isIncomplete`: the week is not whole (it has not ended by the day of counting, or the period
   * cuts it): its figures are so far, marked in charts and tables, and never read as a fall.
   */
  weeks: (Omit<PublishedTotals, 'networks' | 'inrestaShare' | 'lokal'> & { week: string; isIncomplete?: boolean })[];
  kommuner: { code: string; ads: Published; profiles: Published; inresta: Published }[];
  indicators: { code: string; profiles: Published; share: PublishedShare }[];
  flows: { from: string; to: string; profiles: Published }[];
  lastYear: { period: Period; totals: PublishedTotals };
  comparisons: { area: DashboardArea; totals: PublishedTotals }[];
}

/** How a figure of a period with no data at all is printed. */
export const NO_DATA_MARK = '–';

const NO_DATA: PublishedCount = { value: null, display: NO_DATA_MARK, isSuppressed: false };

const TOTAL_MEASURES = ['ads', 'profiles', 'newProfiles', 'inresta', 'lokal', 'sugarAds', 'networks'] as const;

/**
 * The cells of a dashboard and the additive relations between them, as a reader of the published
 * dashboard sees them. A cell is named by area, period and measure, so the same figure shown in
 * two places (a kommun row, a comparison column) is one cell and is suppressed alike.
 */
export function dashboardCells(raw: RawDashboard): { cells: Map<string, number>; relations: Relation[] } {
  const cells = new Map<string, number>();
  const relations: Relation[] = [];
  const periodKey = (p: Period) => `${p.from}..${p.to}`;
  const key = (areaId: string, p: Period | string, measure: string) => `${areaId}|${typeof p === 'string' ? p : periodKey(p)}|${measure}`;
  const put = (k: string, v: number) => {
    if (!cells.has(k)) cells.set(k, v);
  };
  const addTotals = (areaId: string, p: Period, t: RawTotals) => {
    const k = (m: string) => key(areaId, p, m);
    for (const m of TOTAL_MEASURES) put(k(m), m === 'lokal' ? t.profiles - t.inresta : t[m]);
    relations.push({ total: k('profiles'), parts: [k('inresta'), k('lokal')] });
  };
  addTotals(raw.area.id, raw.period, raw.totals);
  if (raw.area.kind !== 'kommun' && raw.kommuner.length > 0) {
    for (const kr of raw.kommuner) {
      put(key(kr.code, raw.period, 'ads'), kr.ads);
      put(key(kr.code, raw.period, 'profiles'), kr.profiles);
      put(key(kr.code, raw.period, 'inresta'), kr.inresta);
      // The kommun's local profiles are not shown, but profiles ≥ inresta is known to every reader.
      relations.push({
        total: key(kr.code, raw.period, 'profiles'),
        parts: [key(kr.code, raw.period, 'inresta'), key(kr.code, raw.period, 'lokal:hidden')],
      });
    }
    // A profile seen in two kommuner counts in both, so the kommuner may add up to more than the
    // area; a reader may still assume they add up, so they are protected as if they did.
    for (const m of ['ads', 'profiles', 'inresta'] as const)
      relations.push({ total: key(raw.area.id, raw.period, m), parts: raw.kommuner.map((kr) => key(kr.code, raw.period, m)) });
  }
  for (const w of raw.weeks) put(key(raw.area.id, `w${w.week}`, 'newProfiles'), w.newProfiles);
  // A new profile is new in exactly one week: when the period is whole weeks, the weeks add up to it.
  const dayAfter = new Date(new Date(`${raw.period.to}T00:00:00Z`).getTime() + DAY_MS).toISOString().slice(0, 10);
  if (raw.weeks.length > 0 && weekOf(raw.period.from) === raw.period.from && weekOf(dayAfter) === dayAfter)
    relations.push({
      total: key(raw.area.id, raw.period, 'newProfiles'),
      parts: raw.weeks.map((w) => key(raw.area.id, `w${w.week}`, 'newProfiles')),
    });
  if (raw.lastYear.hasData !== false) addTotals(raw.area.id, raw.lastYear.period, raw.lastYear.totals);
  for (const c of raw.comparisons) addTotals(c.area.id, raw.period, c.totals);
  return { cells, relations };
}

/** A share (0–1) of two published counts: withheld when either is withheld, for whatever reason. */
function shareOf(part: PublishedCount, whole: PublishedCount, threshold: number): PublishedShare {
  if (part.value === null || whole.value === null || whole.value === 0 || part.isSuppressed || whole.isSuppressed)
    return {
      value: null,
      display: part.display === NO_DATA_MARK || whole.display === NO_DATA_MARK ? NO_DATA_MARK : `<${threshold}`,
      isSuppressed: part.display !== NO_DATA_MARK,
    };
  const share = part.value / whole.value;
  return { value: share, display: `${Math.round(share * 100)} %`, isSuppressed: false };
}

/**
 * Applies small-count suppression to every figure, with complementary suppression wherever a
 * total and its parts are shown together (core/stats/protect.ts): no figure below `threshold` can
 * be got back by subtraction. A share is withheld when its part or whole is. Flows are published
 * only when they reach the threshold (a suppressed arrow would still point at a small group). A
 * last-year period with no data at all shows "–".
 */
export function publishDashboard(raw: RawDashboard, threshold: number): PublishedDashboard {
  const opts: SuppressionOptions = { threshold };
  const { cells, relations } = dashboardCells(raw);
  const published = protectCells(cells, relations, opts);
  const cell = (areaId: string, p: Period | string, measure: string, raw?: number): PublishedCount => {
    const k = `${areaId}|${typeof p === 'string' ? p : `${p.from}..${p.to}`}|${measure}`;
    return published.get(k) ?? suppressCount(raw ?? 0, opts);
  };
  const totalsOf = (areaId: string, p: Period): PublishedTotals => {
    const t = Object.fromEntries(TOTAL_MEASURES.map((m) => [m, cell(areaId, p, m)])) as Omit<PublishedTotals, 'inrestaShare'>;
    return { ...t, inrestaShare: shareOf(t.inresta, t.profiles, threshold) };
  };
  const noData = (): PublishedTotals => ({
    ...(Object.fromEntries(TOTAL_MEASURES.map((m) => [m, NO_DATA])) as Omit<PublishedTotals, 'inrestaShare'>),
    inrestaShare: { value: null, display: NO_DATA_MARK, isSuppressed: false },
  });
  const totals = totalsOf(raw.area.id, raw.period);
  return {
    area: raw.area,
    period: raw.period,
    threshold,
    totals,
    weeks: raw.weeks.map((w) => ({
      week: w.week,
      isIncomplete: isIncompleteWeek(w.week, raw.period, raw.asOf),
      ads: suppressCount(w.ads, opts),
      profiles: suppressCount(w.profiles, opts),
      newProfiles: cell(raw.area.id, `w${w.week}`, 'newProfiles', w.newProfiles),
      inresta: suppressCount(w.inresta, opts),
      sugarAds: suppressCount(w.sugarAds, opts),
    })),
    kommuner: raw.kommuner.map((k) => ({
      code: k.code,
      ads: cell(k.code, raw.period, 'ads', k.ads),
      profiles: cell(k.code, raw.period, 'profiles', k.profiles),
      inresta: cell(k.code, raw.period, 'inresta', k.inresta),
    })),
    indicators: raw.indicators.map((i) => {
      const profiles = suppressCount(i.profiles, opts);
      return { code: i.code, profiles, share: shareOf(profiles, totals.profiles, threshold) };
    }),
    flows: raw.flows
      .filter((f) => f.profiles >= threshold)
      .map((f) => ({ from: f.from, to: f.to, profiles: suppressCount(f.profiles, opts) })),
    lastYear: {
      period: raw.lastYear.period,
      totals: raw.lastYear.hasData === false ? noData() : totalsOf(raw.area.id, raw.lastYear.period),
    },
    comparisons: raw.comparisons.map((c) => ({ area: c.area, totals: totalsOf(c.area.id, raw.period) })),
  };
}

const DAY_MS = 86_400_000;

/** True when the ISO week starting `monday` is not whole: cut by the period, or not over by `asOf`. */
export function isIncompleteWeek(monday: string, period: Period, asOf?: string): boolean {
  const sunday = new Date(new Date(`${monday}T00:00:00Z`).getTime() + 6 * DAY_MS).toISOString().slice(0, 10);
  return monday < period.from || sunday > period.to || (asOf !== undefined && sunday >= asOf);
}
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
