/**
 * Colours of the map. The sequential classes are ColorBrewer "Blues" (Cynthia Brewer, Apache 2.0),
 * one hue from light to dark, which stays readable for every common colour-vision deficiency and in
 * grey scale. Flows are orange so that they never read as a class colour. Boundary and symbol strokes
 * are checked in palette.test.ts for at least 3:1 against the background (WCAG 2.1 AA 1.4.11).
 */

/** Five sequential classes, lightest first (Blues, classes 2–6 of the 6-class scheme). */
export const SEQUENTIAL = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const;

/** The largest number of choropleth classes. */
export const MAX_CLASSES = SEQUENTIAL.length;

export const MAP_COLORS = {
  /** Sea and everything outside Sweden. */
  background: '#ffffff',
  /** Kommun borders: 4.5:1 against the background. */
  kommunStroke: '#6b7785',
  /** Län borders and the focus outline. */
  lanStroke: '#1b1f24',
  /** A kommun without a value (and every kommun in symbols mode). */
  none: '#f4f6f8',
  /** Suppressed: hatch lines on a white ground. */
  hatchGround: '#ffffff',
  hatchLine: '#4a5360',
  symbolFill: '#3182bd',
  symbolStroke: '#08306b',
  flow: '#b35806',
  text: '#1b1f24',
} as const;

/** Opacity of kommuner outside the focus area. */
export const DIMMED_OPACITY = 0.35;

/** The palette colour of class `index` when there are `count` classes: spread over the whole ramp. */
export function classColor(index: number, count: number): string {
  const last = SEQUENTIAL.length - 1;
  const at = count <= 1 ? last - 1 : Math.round((index * last) / (count - 1));
  return SEQUENTIAL[Math.max(0, Math.min(last, at))]!;
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a #rrggbb colour (WCAG 2.1). */
export function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => channel(parseInt(h, 16)));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2.1 contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
