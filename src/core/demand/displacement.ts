/**
 * The displacement view (issue #9): for a dated event in one area, the change in weekly
 * distinct buyers there against the change in its neighbouring kommuner and in areas the
 * analyst picks (by default the big cities), over the same weeks before and after. Pure:
 * the caller brings the weekly counts.
 */
import { protectCells } from '../stats/protect';
import { suppressCount, type PublishedCount } from '../stats/suppress';
import { addWeeks, weekOf } from './buyer-account';

/** The weeks compared: `n` whole weeks before the event's week and `n` after it (the event's own week is left out). */
export function displacementWeeks(eventDate: string, n: number): { before: string[]; after: string[] } {
  const w = weekOf(eventDate);
  const before: string[] = [];
  const after: string[] = [];
  for (let i = n; i >= 1; i--) before.push(addWeeks(w, -i));
  for (let i = 1; i <= n; i++) after.push(addWeeks(w, i));
  return { before, after };
}

/** One area's change between the two windows, suppressed like every published figure. */
export interface AreaChange {
  before: PublishedCount;
  after: PublishedCount;
  /** Rounded per cent, null when either mean is suppressed or the mean before is zero. */
  changePercent: number | null;
  /** The unsuppressed means, for ordering and tests only (never published). */
  rawBefore: number;
  rawAfter: number;
}

const mean = (weeks: readonly string[], counts: ReadonlyMap<string, number>) =>
  weeks.length === 0 ? 0 : weeks.reduce((s, w) => s + (counts.get(w) ?? 0), 0) / weeks.length;

/** The change of the mean weekly count from `before` to `after` weeks. */
export function areaChange(
  counts: ReadonlyMap<string, number>,
  weeks: { before: readonly string[]; after: readonly string[] },
  threshold: number,
): AreaChange {
  const rawBefore = mean(weeks.before, counts);
  const rawAfter = mean(weeks.after, counts);
  const before = suppressCount(Math.round(rawBefore), { threshold });
  const after = suppressCount(Math.round(rawAfter), { threshold });
  const changePercent =
    before.isSuppressed || after.isSuppressed || rawBefore === 0 ? null : Math.round(((rawAfter - rawBefore) / rawBefore) * 100);
  return { before, after, changePercent, rawBefore, rawAfter };
}

/**
 * The neighbouring kommuner together and one by one are a total and its parts shown side by side:
 * complementary suppression (core/stats/protect.ts) keeps a small neighbour from being got back
 * by subtracting the others from the total. A change in per cent is withheld with its means.
 */
export function protectNeighbours(
  group: AreaChange,
  parts: readonly AreaChange[],
  threshold: number,
): { group: AreaChange; parts: AreaChange[] } {
  const cells = new Map<string, number>();
  const windows = ['before', 'after'] as const;
  for (const w of windows) {
    cells.set(`group|${w}`, Math.round(w === 'before' ? group.rawBefore : group.rawAfter));
    parts.forEach((p, i) => cells.set(`${i}|${w}`, Math.round(w === 'before' ? p.rawBefore : p.rawAfter)));
  }
  const out = protectCells(
    cells,
    windows.map((w) => ({ total: `group|${w}`, parts: parts.map((_, i) => `${i}|${w}`) })),
    { threshold },
  );
  const redo = (c: AreaChange, key: string): AreaChange => {
    const before = out.get(`${key}|before`) as PublishedCount;
    const after = out.get(`${key}|after`) as PublishedCount;
    return { ...c, before, after, changePercent: before.isSuppressed || after.isSuppressed ? null : c.changePercent };
  };
  return { group: redo(group, 'group'), parts: parts.map((p, i) => redo(p, String(i))) };
}

/** A row of the view as the summary reads it. */
export interface SummaryRow {
  role: 'event' | 'neighbour' | 'neighbours' | 'compare';
  nameSv: string;
  nameEn: string;
  change: AreaChange;
}

function verbSv(p: number): string {
  if (p <= -5) return `minskade med ${-p} %`;
  if (p >= 5) return `ökade med ${p} %`;
  return 'var i stort sett oförändrad';
}
function verbEn(p: number): string {
  if (p <= -5) return `fell by ${-p}%`;
  if (p >= 5) return `rose by ${p}%`;
  return 'stayed about the same';
}

/** Plain-language summary in Swedish and English. Suppressed areas are named as too small to report. */
export function summariseDisplacement(
  event: { title: string; date: string },
  weeks: number,
  rows: readonly SummaryRow[],
): { sv: string; en: string } {
  const sv: string[] = [];
  const en: string[] = [];
  const main = rows.find((r) => r.role === 'event');
  const describe = (r: SummaryRow) => {
    const p = r.change.changePercent;
    if (p === null) {
      sv.push(`I ${r.nameSv} är antalen för små för att redovisas.`);
      en.push(`In ${r.nameEn} the numbers are too small to report.`);
      return;
    }
    sv.push(
      `I ${r.nameSv} ${verbSv(p)}, från i snitt ${r.change.before.display} till ${r.change.after.display} aktiva köparkonton i veckan.`,
    );
    en.push(
      `In ${r.nameEn} it ${verbEn(p)}, from an average of ${r.change.before.display} to ${r.change.after.display} active buyer accounts a week.`,
    );
  };
  sv.push(`Efterfrågan ${weeks} veckor före och ${weeks} veckor efter ”${event.title}” (${event.date}).`);
  en.push(`Demand ${weeks} weeks before and ${weeks} weeks after "${event.title}" (${event.date}).`);
  if (main) describe(main);
  const group = rows.find((r) => r.role === 'neighbours');
  if (group) describe(group);
  for (const r of rows.filter((x) => x.role === 'compare')) describe(r);
  return { sv: sv.join(' '), en: en.join(' ') };
}
