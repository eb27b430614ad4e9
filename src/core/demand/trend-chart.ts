/**
 * The demand trend as one self-contained SVG: panels stacked on one time axis (demand, supply,
 * probes), with dated events marked across all panels as numbered vertical lines. The same
 * string is drawn in the web page and, through svg-to-pdfkit, in the PDF report. Pure; no DOM.
 *
 * Suppressed weeks (null) break the line rather than drawing a small figure; the table next to
 * the chart says "<5" for them. Weeks that are not over yet (from `incompleteFrom`) are shaded,
 * labelled, joined with a dashed line and drawn as hollow points: a part of a week is not a fall.
 */
import { escapeXml } from '../shared/xml';

export interface TrendPanel {
  /** Heading of the panel ("Aktiva köparkonton (unika)"). */
  label: string;
  /** One value per week, null when suppressed or unknown. */
  values: readonly (number | null)[];
  /** Stroke colour (dark enough for 3:1 against white). */
  color: string;
  /** Draw dots instead of a line (sparse measurements such as probes). */
  isDots?: boolean;
}

export interface TrendEventMark {
  /** ISO date of the event. */
  date: string;
  /** Text of the event in the legend. */
  label: string;
}

export interface TrendChartInput {
  /** Mondays of the weeks, in order. */
  weeks: readonly string[];
  panels: readonly TrendPanel[];
  events: readonly TrendEventMark[];
  /** Accessible title and description. */
  title: string;
  description: string;
  /** Week label, e.g. (n) => `v. ${n}`. */
  weekLabel: (isoWeek: number) => string;
  /** Index of the first week that is not over yet (counts so far); none when absent. */
  incompleteFrom?: number;
  /** Label of the incomplete weeks' band ("pågår"). */
  incompleteLabel?: string;
  width?: number;
}

/** Colours used by the demand section (all ≥ 4.5:1 against white). */
export const TREND_COLORS = { demand: '#08519c', supply: '#8c510a', probes: '#54278f', event: '#b00020' } as const;

function isoWeekNo(monday: string): number {
  const d = new Date(`${monday}T00:00:00Z`);
  const thursday = new Date(d.getTime() + 3 * 86_400_000);
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - jan1) / (7 * 86_400_000)) + 1;
}

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Renders the chart; returns an SVG string with role="img", <title> and <desc>. */
export function renderTrendChart(input: TrendChartInput): string {
  const width = input.width ?? 720;
  const left = 48;
  const right = 16;
  const top = 48;
  const panelH = 110;
  const gap = 30;
  const n = input.weeks.length;
  const plotW = width - left - right;
  const panelsH = input.panels.length * panelH + (input.panels.length - 1) * gap;
  const axisY = top + panelsH + 18;
  const legendTop = axisY + 22;
  const height = legendTop + Math.max(1, input.events.length) * 16 + 8;
  const x = (i: number) => left + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="trend-title trend-desc" font-family="Helvetica, Arial, sans-serif">`,
    `<title id="trend-title">${escapeXml(input.title)}</title>`,
    `<desc id="trend-desc">${escapeXml(input.description)}</desc>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  );
  const incompleteFrom = input.incompleteFrom ?? n;
  const isIncomplete = (i: number) => i >= incompleteFrom;
  if (incompleteFrom < n) {
    // A grey band over the weeks not over yet, with its label.
    const bx = n <= 1 ? left : x(incompleteFrom) - plotW / Math.max(1, n - 1) / 2;
    out.push(
      `<g class="incomplete-weeks"><rect x="${Math.max(left, bx).toFixed(1)}" y="${top - 4}" width="${(left + plotW - Math.max(left, bx)).toFixed(1)}" height="${panelsH + 8}" fill="#f0f0f0"/>`,
      `<text x="${(left + plotW).toFixed(1)}" y="${top - 8 + (input.panels.length > 0 ? 0 : 0)}" font-size="10" text-anchor="end" fill="#444444" font-style="italic">${escapeXml(input.incompleteLabel ?? 'incomplete')}</text></g>`,
    );
  }
  input.panels.forEach((panel, p) => {
    const y0 = top + p * (panelH + gap);
    const values = panel.values.filter((v): v is number => v !== null);
    const max = niceMax(Math.max(0, ...values));
    const y = (v: number) => y0 + panelH - (v / max) * panelH;
    out.push(`<text x="${left}" y="${y0 - 8}" font-size="12" font-weight="bold" fill="#222222">${escapeXml(panel.label)}</text>`);
    for (const t of [0, max / 2, max]) {
      out.push(
        `<line x1="${left}" x2="${left + plotW}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#d9d9d9" stroke-width="1"/>`,
        `<text x="${left - 6}" y="${(y(t) + 4).toFixed(1)}" font-size="10" text-anchor="end" fill="#444444">${fmt(t)}</text>`,
      );
    }
    if (panel.isDots) {
      panel.values.forEach((v, i) => {
        if (v !== null) out.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3.5" fill="${panel.color}"/>`);
      });
    } else {
      let d = '';
      let dashed = '';
      let isOpen = false;
      panel.values.forEach((v, i) => {
        if (v === null) {
          isOpen = false;
          return;
        }
        const prev = i > 0 ? panel.values[i - 1] : null;
        if (isIncomplete(i)) {
          // Dashed from the last whole week: counts so far, never drawn as a fall in the solid line.
          if (isOpen && prev !== null && prev !== undefined)
            dashed += `M${x(i - 1).toFixed(1)},${y(prev).toFixed(1)}L${x(i).toFixed(1)},${y(v).toFixed(1)}`;
          isOpen = true;
          return;
        }
        d += `${isOpen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
        isOpen = true;
      });
      if (d) out.push(`<path d="${d}" fill="none" stroke="${panel.color}" stroke-width="2"/>`);
      if (dashed)
        out.push(`<path class="incomplete" d="${dashed}" fill="none" stroke="${panel.color}" stroke-width="1.5" stroke-dasharray="4 3"/>`);
      panel.values.forEach((v, i) => {
        if (v === null) return;
        out.push(
          isIncomplete(i)
            ? `<circle class="incomplete" cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="#ffffff" stroke="${panel.color}" stroke-width="1.5"/>`
            : `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2" fill="${panel.color}"/>`,
        );
      });
    }
  });
  // Time axis with ISO week numbers.
  const step = Math.max(1, Math.ceil(n / 12));
  out.push(`<line x1="${left}" x2="${left + plotW}" y1="${axisY - 12}" y2="${axisY - 12}" stroke="#666666" stroke-width="1"/>`);
  input.weeks.forEach((w, i) => {
    if (i % step !== 0 && i !== n - 1) return;
    out.push(
      `<text x="${x(i).toFixed(1)}" y="${axisY + 2}" font-size="10" text-anchor="middle" fill="#444444">${escapeXml(input.weekLabel(isoWeekNo(w)))}</text>`,
    );
  });
  // Events: a dashed line through every panel at the day of the event, numbered.
  const first = n > 0 ? Date.parse(`${input.weeks[0]}T00:00:00Z`) : 0;
  input.events.forEach((e, k) => {
    const pos = (Date.parse(`${e.date}T00:00:00Z`) - first) / (7 * 86_400_000);
    const ex = n <= 1 ? left + plotW / 2 : left + Math.min(Math.max(pos / (n - 1), 0), 1) * plotW;
    out.push(
      `<g class="event-marker" data-date="${escapeXml(e.date)}">`,
      `<line x1="${ex.toFixed(1)}" x2="${ex.toFixed(1)}" y1="22" y2="${top + panelsH}" stroke="${TREND_COLORS.event}" stroke-width="1.5" stroke-dasharray="4 3"/>`,
      `<circle cx="${ex.toFixed(1)}" cy="14" r="8" fill="${TREND_COLORS.event}"/>`,
      `<text x="${ex.toFixed(1)}" y="18" font-size="10" font-weight="bold" text-anchor="middle" fill="#ffffff">${k + 1}</text>`,
      `</g>`,
      `<text x="${left}" y="${legendTop + k * 16}" font-size="11" fill="#222222"><tspan font-weight="bold" fill="${TREND_COLORS.event}">${k + 1}</tspan> ${escapeXml(e.label)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}
