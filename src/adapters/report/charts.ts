/**
 * Charts for reports: @observablehq/plot rendered to an SVG string on the server with linkedom
 * (no browser, no network). Suppressed weeks are left out of the line and marked on the axis.
 * Incomplete weeks (not over yet, or cut by the period) are left out of the solid line and drawn
 * as hollow points with a dashed link and a shaded band: part of a week is not a fall.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

export interface TrendSeries {
  label: string;
  /** One point per week; null where the figure is suppressed. `isIncomplete` for a week that is not whole. */
  points: { week: string; value: number | null; isIncomplete?: boolean }[];
}

const COLORS = ['#08519c', '#d94801', '#238b45', '#6a51a3'];

/** A weekly line chart of one or more series, as a self-contained SVG string. */
export function weeklyTrendSvg(
  series: readonly TrendSeries[],
  opts: { width: number; height: number; yLabel: string; lang: 'sv' | 'en' },
): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const data = series.flatMap((s) =>
    s.points.map((p) => ({
      series: s.label,
      week: new Date(`${p.week}T00:00:00Z`),
      value: p.value,
      isIncomplete: p.isIncomplete === true,
    })),
  );
  const shown = data.filter((d) => d.value !== null && !d.isIncomplete);
  const partial = data.filter((d) => d.value !== null && d.isIncomplete);
  // Each incomplete point with the point before it, for the dashed link.
  const links = series.flatMap((s) =>
    s.points.flatMap((p, i) => {
      const q = s.points[i - 1];
      if (!q || p.value === null || q.value === null || !(p.isIncomplete || q.isIncomplete)) return [];
      return [
        { series: s.label, link: `${s.label}|${i}`, week: new Date(`${q.week}T00:00:00Z`), value: q.value },
        { series: s.label, link: `${s.label}|${i}`, week: new Date(`${p.week}T00:00:00Z`), value: p.value },
      ];
    }),
  );
  const incompleteWeeks = [...new Set(data.filter((d) => d.isIncomplete).map((d) => d.week.getTime()))].map((t) => ({ week: new Date(t) }));
  const suppressed = data.filter((d) => d.value === null);
  const chart = Plot.plot({
    document: document as unknown as Document,
    width: opts.width,
    height: opts.height,
    marginLeft: 44,
    marginBottom: 32,
    style: { fontFamily: 'Helvetica', fontSize: '10px', background: 'white' },
    x: { type: 'utc', label: null, tickFormat: (d: Date) => d.toISOString().slice(5, 10) },
    y: { grid: true, label: opts.yLabel, zero: true },
    color: { domain: series.map((s) => s.label), range: COLORS },
    marks: [
      Plot.ruleX(incompleteWeeks, { x: 'week', stroke: '#e0e0e0', strokeWidth: 14 }),
      Plot.ruleY([0]),
      Plot.lineY(shown, { x: 'week', y: 'value', stroke: 'series', strokeWidth: 2 }),
      Plot.lineY(links, { x: 'week', y: 'value', z: 'link', stroke: 'series', strokeWidth: 1.5, strokeDasharray: '4,3' }),
      Plot.dot(shown, { x: 'week', y: 'value', fill: 'series', r: 2.5 }),
      Plot.dot(partial, { x: 'week', y: 'value', stroke: 'series', fill: 'white', r: 3 }),
      Plot.tickX(suppressed, { x: 'week', stroke: '#969696', strokeDasharray: '2,2' }),
    ],
  });
  const svg = chart as unknown as { outerHTML: string; tagName: string; querySelector(s: string): { outerHTML: string } | null };
  const root = svg.tagName.toLowerCase() === 'svg' ? svg.outerHTML : (svg.querySelector('svg')?.outerHTML ?? '');
  return root.includes('xmlns=') ? root : root.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
}
