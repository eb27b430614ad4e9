/**
 * The demand trend figure from the API's trend: which panels, in which colours, with which
 * words. Shared by the web page and the PDF report so both draw the same figure.
 */
import type { DemandTrendDto } from '../../contracts/demand';
import { renderTrendChart, TREND_COLORS, type TrendChartInput } from './trend-chart';

export interface TrendFigureTexts {
  demand: string;
  supply: string;
  probes: string;
  /** Title with the area's name. */
  title: (area: string) => string;
  /** Description for screen readers. */
  description: (area: string, weeks: number, events: number) => string;
  week: (n: number) => string;
  /** Legend line of an event. */
  event: (title: string, date: string, area: string) => string;
  /** Label of the weeks that are not over yet. */
  incomplete: string;
}

/** Swedish texts (the report is in Swedish). */
export const TREND_TEXTS_SV: TrendFigureTexts = {
  demand: 'Efterfrågan: unika aktiva köparkonton per vecka',
  supply: 'Utbud: unika profiler (personer bakom annonserna) per vecka',
  probes: 'Efterfrågeprov: svar första timmen',
  title: (area) => `Efterfrågan och utbud i ${area}`,
  description: (area, weeks, events) =>
    `Tre diagram på samma tidsaxel över ${weeks} veckor i ${area}: unika aktiva köparkonton, unika profiler på säljsidan och svar på efterfrågeprov. ${events} händelser är markerade med numrerade linjer. Små tal visas inte.`,
  week: (n) => `v.${n}`,
  event: (title, date, area) => `${title} (${area}, ${date})`,
  incomplete: 'Pågående vecka: hittills, inte en minskning',
};

export const TREND_TEXTS_EN: TrendFigureTexts = {
  demand: 'Demand: distinct active buyer accounts a week',
  supply: 'Supply: distinct profiles (people behind the ads) a week',
  probes: 'Demand probes: replies in the first hour',
  title: (area) => `Demand and supply in ${area}`,
  description: (area, weeks, events) =>
    `Three charts on one time axis over ${weeks} weeks in ${area}: distinct active buyer accounts, distinct profiles on the selling side, and replies to demand probes. ${events} events are marked with numbered lines. Small counts are not shown.`,
  week: (n) => `w${n}`,
  event: (title, date, area) => `${title} (${area}, ${date})`,
  incomplete: 'Current week: so far, not a fall',
};

/** The chart input for a trend. */
export function trendChartInput(trend: DemandTrendDto, texts: TrendFigureTexts, width?: number): TrendChartInput {
  const hasProbes = trend.weeks.some((w) => w.repliesPerHour !== null);
  return {
    weeks: trend.weeks.map((w) => w.week),
    panels: [
      { label: texts.demand, values: trend.weeks.map((w) => w.distinct.value), color: TREND_COLORS.demand },
      { label: texts.supply, values: trend.weeks.map((w) => w.profiles.value), color: TREND_COLORS.supply },
      ...(hasProbes
        ? [{ label: texts.probes, values: trend.weeks.map((w) => w.repliesPerHour), color: TREND_COLORS.probes, isDots: true }]
        : []),
    ],
    events: trend.events.map((e) => ({ date: e.date, label: texts.event(e.title, e.date, e.areaName) })),
    title: texts.title(trend.area.name),
    description: texts.description(trend.area.name, trend.weeks.length, trend.events.length),
    weekLabel: texts.week,
    ...(trend.weeks.some((w) => w.isIncomplete)
      ? { incompleteFrom: trend.weeks.findIndex((w) => w.isIncomplete), incompleteLabel: texts.incomplete }
      : {}),
    ...(width ? { width } : {}),
  };
}

/** The trend as an SVG string. */
export function renderTrendFigure(trend: DemandTrendDto, texts: TrendFigureTexts, width?: number): string {
  return renderTrendChart(trendChartInput(trend, texts, width));
}
