/**
 * buildMapModel(): values per kommun → what to draw. Both renderers (renderMapSvg for PDF reports
 * and the server, and the React SwedenMap in the web app) draw this model and nothing else, so the
 * two always show the same classes, circles, arrows, legend and texts.
 */
import { KOMMUNER, LAN } from '../places/places.data';
import { DomainError } from '../shared/errors';
import { FULL_VIEWBOX, kommunShape, resolveFocus, viewBoxAround } from './areas';
import { classColor, MAP_COLORS, MAX_CLASSES } from './palette';
import { KOMMUN_SHAPES, LAN_SHAPES } from './sweden-map.data';
import type {
  LegendBucket,
  LegendSymbol,
  MapFlow,
  MapFlowPath,
  MapLang,
  MapLegend,
  MapMode,
  MapModel,
  MapShape,
  MapSymbol,
  ValueStatus,
} from './types';

/** Input of buildMapModel. */
export interface MapModelOptions {
  /**
   * Value per kommun code. A number is shown; `null` means the caller suppressed a small figure
   * (drawn hatched, written "<5"); a kommun that is not in the map has no value. Codes that are not
   * kommuner are ignored.
   */
  values: ReadonlyMap<string, number | null>;
  mode: MapMode;
  /** Movements between kommuner, drawn as curved arrows. Unknown codes and from === to are left out. */
  flows?: readonly MapFlow[];
  /** Zoom to a kommun code ("2480"), a län code ("24") or a police region ("Nord"); the rest is faded. */
  focus?: string | null;
  /** Language of the title, description and legend. Default 'sv'. */
  lang?: MapLang;
  /** What the numbers are, as a phrase that can stand mid-sentence: "antal annonser". */
  valueLabel?: string;
  /** Accessible name; by default built from valueLabel and the focus area. */
  title?: string;
  /** Number of choropleth classes, 1–5. Default 5. */
  classes?: number;
  /** The threshold the caller suppressed below; only used in texts ("<5"). Default 5. */
  suppressionThreshold?: number;
  /**
   * What to write for a suppressed kommun when it is not "<threshold": ".." for a figure withheld
   * only so that a small one cannot be got back by subtraction (complementary suppression).
   */
  suppressedTexts?: ReadonlyMap<string, string>;
  /** Formats a value; default: the language's number format with at most two decimals. */
  formatValue?: (value: number) => string;
}

/** Largest circle radius, in units of the whole map. */
const MAX_RADIUS = 16;
const MIN_RADIUS = 1;
/** Thinnest and thickest flow, in units of the whole map. */
const MIN_FLOW_WIDTH = 1;
const MAX_FLOW_WIDTH = 6;
/** How far a flow's arc bows out, as a share of its length. */
const FLOW_BEND = 0.2;

const TEXT = {
  sv: {
    title: 'Karta över Sveriges kommuner',
    titleWith: (what: string) => `${capitalise(what)} per kommun`,
    legendTitle: 'Värde per kommun',
    valueWord: 'värdet',
    none: 'Inga uppgifter',
    suppressed: (t: string) => `Färre än ${t} (visas inte)`,
    suppressedOrWithheld: (t: string) => `Färre än ${t} eller undanhållet (..), visas inte`,
    flows: 'Flöde mellan kommuner, bredd efter antal',
    noValues: 'Kartan har inga värden.',
    choropleth: (what: string, k: number, min: string, max: string) =>
      `Färgen visar ${what} i ${k} ${k === 1 ? 'klass' : 'klasser'}, från ${min} till ${max}; mörkare är mer.`,
    symbols: (what: string, min: string, max: string) => `Cirklarnas yta visar ${what}, från ${min} till ${max}.`,
    coverage: (n: number, total: number) => `Värden finns för ${n} av ${total} kommuner.`,
    top: (list: string, inArea: boolean) => `Högst${inArea ? ' i området' : ''}: ${list}.`,
    suppressedCount: (n: number, t: string) => `${n} ${n === 1 ? 'kommun har' : 'kommuner har'} färre än ${t} och visas inte.`,
    flowCount: (n: number, largest: string) => `${n} ${n === 1 ? 'flöde' : 'flöden'} mellan kommuner; störst: ${largest}.`,
    focus: (name: string) => `Kartan är inzoomad på ${name}; övriga kommuner är tonade.`,
  },
  en: {
    title: "Map of Sweden's municipalities",
    titleWith: (what: string) => `${capitalise(what)} by municipality`,
    legendTitle: 'Value by municipality',
    valueWord: 'the value',
    none: 'No data',
    suppressed: (t: string) => `Fewer than ${t} (not shown)`,
    suppressedOrWithheld: (t: string) => `Fewer than ${t} or withheld (..), not shown`,
    flows: 'Flow between municipalities, width by count',
    noValues: 'The map has no values.',
    choropleth: (what: string, k: number, min: string, max: string) =>
      `The colour shows ${what} in ${k} ${k === 1 ? 'class' : 'classes'}, from ${min} to ${max}; darker is more.`,
    symbols: (what: string, min: string, max: string) => `The area of each circle shows ${what}, from ${min} to ${max}.`,
    coverage: (n: number, total: number) => `There are values for ${n} of ${total} municipalities.`,
    top: (list: string, inArea: boolean) => `Highest${inArea ? ' in the area' : ''}: ${list}.`,
    suppressedCount: (n: number, t: string) =>
      `${n} ${n === 1 ? 'municipality has' : 'municipalities have'} fewer than ${t} and ${n === 1 ? 'is' : 'are'} not shown.`,
    flowCount: (n: number, largest: string) => `${n} ${n === 1 ? 'flow' : 'flows'} between municipalities; largest: ${largest}.`,
    focus: (name: string) => `The map is zoomed to ${name}; other municipalities are faded.`,
  },
} as const;

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('sv') + s.slice(1);
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const round2 = (n: number): number => Math.round(n * 100) / 100;

const SHORT_NAME: ReadonlyMap<string, string> = new Map(KOMMUNER.map((k) => [k.code, k.short]));
const LAN_NAME: ReadonlyMap<string, string> = new Map(LAN.map((l) => [l.code, l.name]));

/**
 * Class limits: each class is [min, max], inclusive, lowest first; at most `count` classes. With more
 * distinct values than classes the upper limits are quantiles, and for whole numbers each class starts
 * one above the previous class's maximum, so the legend's ranges have no gaps.
 */
export function classBreaks(values: readonly number[], count: number): { min: number; max: number }[] {
  if (values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const distinct = [...new Set(sorted)];
  // Few distinct values: one class each, labelled with the value itself.
  if (distinct.length <= count) return distinct.map((v) => ({ min: v, max: v }));
  const uppers = [...new Set(Array.from({ length: count }, (_, i) => sorted[Math.ceil(((i + 1) * sorted.length) / count) - 1]!))];
  const isInteger = sorted.every(Number.isInteger);
  return uppers.map((max, i) => {
    const previous = i === 0 ? undefined : uppers[i - 1]!;
    const min = previous === undefined ? sorted[0]! : isInteger ? previous + 1 : sorted.find((v) => v > previous)!;
    return { min, max };
  });
}

/** Rounds down to 1, 2 or 5 times a power of ten. */
function niceFloor(n: number): number {
  if (n <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(n));
  const step = [5, 2, 1].find((s) => s * power <= n)!;
  return step * power;
}

/**
 * Builds the render model of the map of Sweden.
 *
 * - choropleth: kommuner coloured in up to five quantile classes of the values (all kommuner with a
 *   value, also those outside the focus, so colours stay comparable with the whole-country map);
 * - symbols: a circle on each kommun's inner point, area proportional to the value (radius ∝ √value);
 * - flows: one curved arrow per flow from the start kommun's point to the end kommun's point,
 *   bowing to the right of the direction of travel (so A→B and B→A do not overlap), width ∝ √count;
 * - focus: the viewBox is the area's bounding box with a margin; kommuner outside are faded.
 *
 * Throws VALIDATION_FAILED for an unknown focus, a value that is not a finite number, or a negative
 * value or count where a size is drawn.
 */
export function buildMapModel(options: MapModelOptions): MapModel {
  const lang = options.lang ?? 'sv';
  const text = TEXT[lang];
  const classCount = Math.max(1, Math.min(MAX_CLASSES, Math.round(options.classes ?? MAX_CLASSES)));
  const numberFormat = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 2 });
  const format = options.formatValue ?? ((n: number) => numberFormat.format(n));
  const threshold = format(options.suppressionThreshold ?? 5);
  const what = options.valueLabel ?? text.valueWord;

  const focus = options.focus ? resolveFocus(options.focus, lang) : null;
  const inFocus = focus ? new Set(focus.kommunCodes) : null;
  const viewBox = focus ? viewBoxAround(focus.bbox) : { ...FULL_VIEWBOX };
  const scale = focus ? Math.max(viewBox.width / FULL_VIEWBOX.width, viewBox.height / FULL_VIEWBOX.height) : 1;

  for (const [code, value] of options.values) {
    if (value !== null && !Number.isFinite(value)) {
      throw new DomainError('VALIDATION_FAILED', `map value of ${code} is not a finite number`, { code });
    }
    if (options.mode === 'symbols' && value !== null && value < 0) {
      throw new DomainError('VALIDATION_FAILED', `map value of ${code} is negative; circles need sizes`, { code });
    }
  }
  const statusOf = (code: string): ValueStatus => {
    const value = options.values.get(code);
    return value === undefined ? 'none' : value === null ? 'suppressed' : 'value';
  };
  const numbers = KOMMUN_SHAPES.filter((k) => statusOf(k.code) === 'value').map((k) => options.values.get(k.code)!);
  const classes = options.mode === 'choropleth' ? classBreaks(numbers, classCount) : [];
  const maxValue = numbers.length ? Math.max(...numbers) : 0;

  const shapes: MapShape[] = KOMMUN_SHAPES.map((k) => {
    const status = statusOf(k.code);
    const value = status === 'value' ? options.values.get(k.code)! : null;
    const name = SHORT_NAME.get(k.code) ?? k.code;
    const bucket = value !== null && classes.length ? classes.findIndex((c) => value <= c.max) : -1;
    const valueText =
      status === 'value' ? format(value!) : status === 'suppressed' ? (options.suppressedTexts?.get(k.code) ?? `<${threshold}`) : '–';
    const base = {
      code: k.code,
      name,
      lanCode: k.code.slice(0, 2),
      d: k.d,
      status,
      value,
      valueText,
      isDimmed: inFocus ? !inFocus.has(k.code) : false,
      label: `${name}: ${valueText}`,
      cx: k.cx,
      cy: k.cy,
    };
    if (status === 'suppressed') return { ...base, bucket: null, fill: 'suppressed', color: MAP_COLORS.hatchGround };
    if (bucket >= 0) return { ...base, bucket, fill: `bucket-${bucket}`, color: classColor(bucket, classes.length) };
    if (options.mode === 'symbols') return { ...base, bucket: null, fill: 'base', color: MAP_COLORS.none };
    return { ...base, bucket: null, fill: 'none', color: MAP_COLORS.none };
  });

  const radius = (value: number): number => (maxValue > 0 ? Math.max(MIN_RADIUS, MAX_RADIUS * Math.sqrt(value / maxValue)) : 0);
  const symbols: MapSymbol[] =
    options.mode === 'symbols'
      ? shapes
          .filter((s) => s.value !== null && s.value > 0)
          .map((s) => ({
            code: s.code,
            name: s.name,
            cx: s.cx,
            cy: s.cy,
            r: round2(radius(s.value!) * scale),
            value: s.value!,
            label: s.label,
            isDimmed: s.isDimmed,
          }))
          .sort((a, b) => b.r - a.r || a.code.localeCompare(b.code))
      : [];

  const flows = buildFlows(options.flows ?? [], scale, format);

  const legend: MapLegend = {
    title: capitalise(options.valueLabel ?? text.legendTitle),
    buckets: classes.map((c, i): LegendBucket => ({
      bucket: i,
      fill: `bucket-${i}`,
      color: classColor(i, classes.length),
      min: c.min,
      max: c.max,
      label: c.min === c.max ? format(c.min) : `${format(c.min)}–${format(c.max)}`,
    })),
    symbols: options.mode === 'symbols' ? symbolLegend(maxValue, radius, format) : [],
    suppressed: shapes.some((s) => s.status === 'suppressed')
      ? {
          label: shapes.some((s) => s.status === 'suppressed' && s.valueText !== `<${threshold}`)
            ? text.suppressedOrWithheld(threshold)
            : text.suppressed(threshold),
        }
      : null,
    none: options.mode === 'choropleth' && shapes.some((s) => s.status === 'none') ? { label: text.none } : null,
    flows: flows.length
      ? {
          min: Math.min(...flows.map((f) => f.count)),
          max: Math.max(...flows.map((f) => f.count)),
          minWidth: round2(Math.min(...flows.map((f) => f.width)) / scale),
          maxWidth: round2(Math.max(...flows.map((f) => f.width)) / scale),
          label: `${text.flows} (${flowRange(flows, format)})`,
        }
      : null,
  };

  const title =
    options.title ?? `${options.valueLabel ? text.titleWith(options.valueLabel) : text.title}${focus ? ` – ${focus.name}` : ''}`;

  const sentences: string[] = [];
  if (numbers.length === 0) sentences.push(text.noValues);
  else {
    const [min, max] = [format(Math.min(...numbers)), format(maxValue)];
    sentences.push(options.mode === 'choropleth' ? text.choropleth(what, classes.length, min, max) : text.symbols(what, min, max));
    sentences.push(text.coverage(numbers.length, KOMMUN_SHAPES.length));
    const top = shapes
      .filter((s) => s.value !== null && !s.isDimmed)
      .sort((a, b) => b.value! - a.value! || a.name.localeCompare(b.name, 'sv'))
      .slice(0, 3);
    if (top.length) sentences.push(text.top(top.map((s) => `${s.name} (${s.valueText})`).join(', '), focus !== null));
  }
  const suppressedCount = shapes.filter((s) => s.status === 'suppressed').length;
  if (suppressedCount) sentences.push(text.suppressedCount(suppressedCount, threshold));
  if (flows.length) {
    const largest = [...flows].sort((a, b) => b.count - a.count)[0]!;
    sentences.push(text.flowCount(flows.length, largest.label));
  }
  if (focus) sentences.push(text.focus(focus.name));

  return {
    lang,
    mode: options.mode,
    fullViewBox: { ...FULL_VIEWBOX },
    viewBox,
    scale: round2(scale),
    shapes,
    lans: LAN_SHAPES.map((l) => ({
      code: l.code,
      name: LAN_NAME.get(l.code) ?? l.code,
      d: l.d,
      isFocused: focus ? focus.kind !== 'kommun' && focus.kommunCodes.some((c) => c.startsWith(l.code)) : false,
    })),
    symbols,
    flows,
    legend,
    focus,
    strokes: {
      kommun: round2(0.35 * scale),
      lan: round2(0.9 * scale),
      focus: round2(1.8 * scale),
      symbol: round2(0.5 * scale),
      hatch: round2(2.5 * scale),
    },
    title,
    description: sentences.join(' '),
  };
}

function flowRange(flows: readonly MapFlowPath[], format: (n: number) => string): string {
  const counts = flows.map((f) => f.count);
  const [min, max] = [Math.min(...counts), Math.max(...counts)];
  return min === max ? format(max) : `${format(min)}–${format(max)}`;
}

function symbolLegend(maxValue: number, radius: (v: number) => number, format: (n: number) => string): LegendSymbol[] {
  if (maxValue <= 0) return [];
  const values = [...new Set([maxValue, niceFloor(maxValue / 4), niceFloor(maxValue / 20)])].filter((v) => v > 0);
  return values.map((value) => ({ value, r: round2(radius(value)), label: format(value) }));
}

function buildFlows(flows: readonly MapFlow[], scale: number, format: (n: number) => string): MapFlowPath[] {
  const valid = flows.filter((f) => f.from !== f.to && kommunShape(f.from) && kommunShape(f.to));
  for (const f of valid) {
    if (!Number.isFinite(f.count) || f.count < 0) {
      throw new DomainError('VALIDATION_FAILED', `flow ${f.from}→${f.to} has no valid count`, { from: f.from, to: f.to });
    }
  }
  const maxCount = Math.max(0, ...valid.map((f) => f.count));
  return valid.map((f) => {
    const a = kommunShape(f.from)!;
    const b = kommunShape(f.to)!;
    const [dx, dy] = [b.cx - a.cx, b.cy - a.cy];
    // The control point sits off the midpoint, to the right of the direction of travel.
    const qx = round1((a.cx + b.cx) / 2 - dy * FLOW_BEND);
    const qy = round1((a.cy + b.cy) / 2 + dx * FLOW_BEND);
    const share = maxCount > 0 ? Math.sqrt(f.count / maxCount) : 0;
    const width = (MIN_FLOW_WIDTH + (MAX_FLOW_WIDTH - MIN_FLOW_WIDTH) * share) * scale;
    const fromName = SHORT_NAME.get(f.from) ?? f.from;
    const toName = SHORT_NAME.get(f.to) ?? f.to;
    const countText = format(f.count);
    return {
      from: f.from,
      to: f.to,
      count: f.count,
      fromName,
      toName,
      countText,
      d: `M${a.cx} ${a.cy} Q${qx} ${qy} ${b.cx} ${b.cy}`,
      x1: a.cx,
      y1: a.cy,
      x2: b.cx,
      y2: b.cy,
      width: round2(width),
      label: `${fromName} → ${toName}: ${countText}`,
    };
  });
}
