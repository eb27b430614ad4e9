/**
 * Charts for reports: @observablehq/plot rendered to an SVG string on the server with linkedom
 * (no browser, no network). Suppressed weeks are left out of the line and marked on the axis.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

export interface TrendSeries {
  label: string;
  /** One point per week; null where the figure is suppressed. */
  points: { week: string; value: number | null }[];
}

const COLORS = ['#08519c', '#d94801', '#238b45', '#6a51a3'];

/** A weekly line chart of one or more series, as a self-contained SVG string. */
export function weeklyTrendSvg(
  series: readonly TrendSeries[],
  opts: { width: number; height: number; yLabel: string; lang: 'sv' | 'en' },
): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const data = series.flatMap((s) => s.points.map((p) => ({ series: s.label, week: new Date(`${p.week}T00:00:00Z`), value: p.value })));
  const shown = data.filter((d) => d.value !== null);
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
      Plot.ruleY([0]),
      Plot.lineY(shown, { x: 'week', y: 'value', stroke: 'series', strokeWidth: 2 }),
      Plot.dot(shown, { x: 'week', y: 'value', fill: 'series', r: 2.5 }),
      Plot.tickX(suppressed, { x: 'week', stroke: '#969696', strokeDasharray: '2,2' }),
    ],
  });
  const svg = chart as unknown as { outerHTML: string; tagName: string; querySelector(s: string): { outerHTML: string } | null };
  const root = svg.tagName.toLowerCase() === 'svg' ? svg.outerHTML : (svg.querySelector('svg')?.outerHTML ?? '');
  return root.includes('xmlns=') ? root : root.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
}
