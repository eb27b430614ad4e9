/**
 * Types of the offline map of Sweden: the generated shapes (sweden-map.data.ts) and the render
 * model that buildMapModel() returns and both renderers (the SVG string and the React component) draw.
 *
 * Coordinates are SVG user units in the map's own plane (y grows southwards), not longitude and latitude.
 */

/** A bounding box [minX, minY, maxX, maxY] in map units. */
export type BBox = readonly [number, number, number, number];

/** An SVG viewBox. */
export interface MapViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One kommun of the generated map. */
export interface KommunShape {
  /** SCB code, four digits ("2480"). */
  code: string;
  /** SVG path data (relative commands, one decimal); draw with fill-rule evenodd. */
  d: string;
  /** The kommun's inner point (resources/places/kommun-points.csv), projected: symbols and flow ends. */
  cx: number;
  cy: number;
  bbox: BBox;
}

/** One län of the generated map, merged from its kommuner so the borders coincide exactly. */
export interface LanShape {
  /** SCB code, two digits ("24"). */
  code: string;
  d: string;
  bbox: BBox;
}

/** How the values are drawn: coloured kommuner or circles whose area is proportional to the value. */
export type MapMode = 'choropleth' | 'symbols';

/** Languages of the texts the core writes (title, description, legend). */
export type MapLang = 'sv' | 'en';

/** A movement between two kommuner (for example ads that moved from one town to another). */
export interface MapFlow {
  /** Kommun code where the flow starts. */
  from: string;
  /** Kommun code where the flow ends. */
  to: string;
  count: number;
}

/** What a kommun has: a number, a value held back by the caller (too small to show), or nothing. */
export type ValueStatus = 'value' | 'suppressed' | 'none';

/** The fill of a kommun. `bucket-N` is class N of the sequential palette (0 is the lowest). */
export type MapFill = `bucket-${number}` | 'suppressed' | 'none' | 'base';

/** A kommun as drawn. */
export interface MapShape {
  code: string;
  /** Short name ("Umeå"). */
  name: string;
  lanCode: string;
  d: string;
  status: ValueStatus;
  /** The number, when status is 'value'. */
  value: number | null;
  /** Value as shown: "12", "<5" when suppressed, "–" when there is none. */
  valueText: string;
  /** Choropleth class, 0-based; null in symbols mode and for suppressed or missing values. */
  bucket: number | null;
  fill: MapFill;
  /** Flat fill colour (#rrggbb); suppressed kommuner are drawn hatched over it. */
  color: string;
  /** Outside the focus area: drawn faded. */
  isDimmed: boolean;
  /** Tooltip and accessible label: "Umeå: 12". */
  label: string;
  cx: number;
  cy: number;
}

/** A proportional symbol (symbols mode). */
export interface MapSymbol {
  code: string;
  name: string;
  cx: number;
  cy: number;
  /** Radius in map units; area is proportional to value. */
  r: number;
  value: number;
  label: string;
  isDimmed: boolean;
}

/** A flow as drawn: a quadratic arc from the start kommun's point to the end kommun's point. */
export interface MapFlowPath {
  from: string;
  to: string;
  count: number;
  fromName: string;
  toName: string;
  /** The count as shown. */
  countText: string;
  /** "M x1 y1 Q qx qy x2 y2". */
  d: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Stroke width in map units (already scaled to the view). */
  width: number;
  /** "Umeå → Stockholm: 14". */
  label: string;
}

/** A legend row for a choropleth class. */
export interface LegendBucket {
  bucket: number;
  fill: MapFill;
  color: string;
  /** Lowest and highest value in the class (inclusive). */
  min: number;
  max: number;
  label: string;
}

/** A legend row for a symbol size. */
export interface LegendSymbol {
  value: number;
  /** Radius in units of the whole map (the map's own circles are scaled to the view, so they match). */
  r: number;
  label: string;
}

export interface MapLegend {
  /** Heading: what the numbers are ("Antal annonser"), or a generic one. */
  title: string;
  buckets: LegendBucket[];
  symbols: LegendSymbol[];
  /** Present when some kommun is suppressed. */
  suppressed: { label: string } | null;
  /** Present when some kommun has no value (choropleth mode only). */
  none: { label: string } | null;
  /** Present when there are flows: the thinnest and thickest arrow. */
  flows: { min: number; max: number; minWidth: number; maxWidth: number; label: string } | null;
}

/** The area the map is zoomed to. */
export interface MapFocus {
  kind: 'kommun' | 'lan' | 'polisregion';
  /** Kommun or län code, or the police region's name. */
  id: string;
  /** "Umeå kommun", "Västerbottens län", "polisregion Nord". */
  name: string;
  /** Kommun codes inside the area. */
  kommunCodes: readonly string[];
  bbox: BBox;
  /** Path data to outline the area: the kommun, the län, or the police region's län. */
  outlines: readonly string[];
}

/** Line widths and colours the renderers use, in map units for the current view. */
export interface MapStrokes {
  kommun: number;
  lan: number;
  focus: number;
  symbol: number;
  /** Hatch spacing of suppressed kommuner. */
  hatch: number;
}

/** Everything a renderer needs; plain data, safe to serialise. */
export interface MapModel {
  lang: MapLang;
  mode: MapMode;
  /** The whole map's viewBox. */
  fullViewBox: MapViewBox;
  /** The viewBox to draw: the whole map or the focus area with a margin. */
  viewBox: MapViewBox;
  /** Map units per "screen unit" of the whole map: 1 unzoomed, smaller when zoomed in. */
  scale: number;
  shapes: MapShape[];
  lans: { code: string; name: string; d: string; isFocused: boolean }[];
  /** Largest first, so small circles are drawn on top. */
  symbols: MapSymbol[];
  flows: MapFlowPath[];
  legend: MapLegend;
  focus: MapFocus | null;
  strokes: MapStrokes;
  /** Accessible name. */
  title: string;
  /** Accessible description: what is shown, the range, the largest values, suppression, flows, zoom. */
  description: string;
}
