/**
 * Areas of the map: a kommun, a län or a police region resolved to its kommuner, outline and
 * bounding box, and the zoomed viewBox around a bounding box.
 */
import { KOMMUNER, LAN } from '../places/places.data';
import { POLICE_REGIONS, type PoliceRegion } from '../places/types';
import { DomainError } from '../shared/errors';
import { KOMMUN_SHAPES, LAN_SHAPES, MAP_VIEWBOX } from './sweden-map.data';
import type { BBox, KommunShape, LanShape, MapFocus, MapLang, MapViewBox } from './types';

const KOMMUN_BY_CODE: ReadonlyMap<string, KommunShape> = new Map(KOMMUN_SHAPES.map((k) => [k.code, k]));
const LAN_BY_CODE: ReadonlyMap<string, LanShape> = new Map(LAN_SHAPES.map((l) => [l.code, l]));

/** The generated shape of a kommun, or undefined for an unknown code. */
export function kommunShape(code: string): KommunShape | undefined {
  return KOMMUN_BY_CODE.get(code);
}

/** The generated shape of a län, or undefined for an unknown code. */
export function lanShape(code: string): LanShape | undefined {
  return LAN_BY_CODE.get(code);
}

/** The smallest box around all boxes. */
export function unionBBox(boxes: readonly BBox[]): BBox {
  if (boxes.length === 0) throw new RangeError('no boxes');
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

/** Smallest side of a zoomed view, in map units (about 40 km), so a small kommun keeps its surroundings. */
const MIN_SIDE = 24;

/**
 * The viewBox that shows `bbox` with a margin (`margin` of the larger side, at least 4 units), no
 * side smaller than 24 units, centred on the box. Values are rounded to 0.1.
 */
export function viewBoxAround(bbox: BBox, margin = 0.08): MapViewBox {
  const [x0, y0, x1, y1] = bbox;
  const pad = Math.max(4, margin * Math.max(x1 - x0, y1 - y0));
  const width = Math.max(MIN_SIDE, x1 - x0 + 2 * pad);
  const height = Math.max(MIN_SIDE, y1 - y0 + 2 * pad);
  const round = (n: number): number => Math.round(n * 10) / 10;
  return {
    x: round((x0 + x1) / 2 - width / 2),
    y: round((y0 + y1) / 2 - height / 2),
    width: round(width),
    height: round(height),
  };
}

/** True when the point lies inside the viewBox (edges included). */
export function viewBoxContains(viewBox: MapViewBox, x: number, y: number): boolean {
  return x >= viewBox.x && x <= viewBox.x + viewBox.width && y >= viewBox.y && y <= viewBox.y + viewBox.height;
}

/** The whole map's viewBox. */
export const FULL_VIEWBOX: MapViewBox = MAP_VIEWBOX;

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^polisregion(en)?\s+/, '')
    .trim();

function policeRegionOf(text: string): PoliceRegion | undefined {
  const wanted = fold(text);
  return POLICE_REGIONS.find((r) => fold(r) === wanted);
}

/**
 * Resolves a focus area: a four-digit kommun code ("2480"), a two-digit län code ("24") or a
 * police region's name ("Nord", "polisregion Öst", "ost"). Throws VALIDATION_FAILED for anything else.
 */
export function resolveFocus(focus: string, lang: MapLang = 'sv'): MapFocus {
  const id = focus.trim();
  if (/^\d{4}$/.test(id)) {
    const shape = KOMMUN_BY_CODE.get(id);
    const kommun = KOMMUNER.find((k) => k.code === id);
    if (shape && kommun) {
      return { kind: 'kommun', id, name: kommun.name, kommunCodes: [id], bbox: shape.bbox, outlines: [shape.d] };
    }
  } else if (/^\d{2}$/.test(id)) {
    const shape = LAN_BY_CODE.get(id);
    const lan = LAN.find((l) => l.code === id);
    if (shape && lan) {
      const kommunCodes = KOMMUN_SHAPES.filter((k) => k.code.startsWith(id)).map((k) => k.code);
      return { kind: 'lan', id, name: lan.name, kommunCodes, bbox: shape.bbox, outlines: [shape.d] };
    }
  } else {
    const region = policeRegionOf(id);
    if (region) {
      const lans = LAN.filter((l) => l.policeRegion === region).map((l) => LAN_BY_CODE.get(l.code)!);
      const lanCodes = lans.map((l) => l.code);
      const kommunCodes = KOMMUN_SHAPES.filter((k) => lanCodes.includes(k.code.slice(0, 2))).map((k) => k.code);
      return {
        kind: 'polisregion',
        id: region,
        name: lang === 'sv' ? `polisregion ${region}` : `police region ${region}`,
        kommunCodes,
        bbox: unionBBox(lans.map((l) => l.bbox)),
        outlines: lans.map((l) => l.d),
      };
    }
  }
  throw new DomainError('VALIDATION_FAILED', `unknown map focus: ${focus}`, { focus });
}
