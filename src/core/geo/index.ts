/**
 * The offline map of Sweden: generated kommun and län shapes (no tiles, no network), the render
 * model, and an SVG string renderer. The web app's SwedenMap component draws the same model.
 */
export type {
  BBox,
  KommunShape,
  LanShape,
  LegendBucket,
  LegendSymbol,
  MapFill,
  MapFlow,
  MapFlowPath,
  MapFocus,
  MapLang,
  MapLegend,
  MapMode,
  MapModel,
  MapShape,
  MapStrokes,
  MapSymbol,
  MapViewBox,
  ValueStatus,
} from './types';
export { KOMMUN_SHAPES, LAN_SHAPES, MAP_PROJECTION, MAP_VIEWBOX } from './sweden-map.data';
export { FULL_VIEWBOX, kommunShape, lanShape, resolveFocus, unionBBox, viewBoxAround, viewBoxContains } from './areas';
export { buildMapModel, classBreaks } from './map-model';
export type { MapModelOptions } from './map-model';
export { renderMapSvg, escapeXml } from './render-svg';
export type { RenderMapSvgOptions } from './render-svg';
export { classColor, contrastRatio, DIMMED_OPACITY, luminance, MAP_COLORS, SEQUENTIAL } from './palette';
export { neighbourInDirection } from './navigation';
export type { MapDirection } from './navigation';
