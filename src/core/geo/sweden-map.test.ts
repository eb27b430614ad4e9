import { describe, expect, it } from 'vitest';
import { KOMMUNER, LAN } from '../places/places.data';
import { KOMMUN_SHAPES, LAN_SHAPES, MAP_VIEWBOX } from './sweden-map.data';
import { viewBoxContains } from './areas';
import type { BBox } from './types';

type Ring = [number, number][];

/** Reads the generated path format (M, m, l with implicit repeats, z) back into absolute rings. */
function rings(d: string): Ring[] {
  const out: Ring[] = [];
  const tokens = d.match(/[MmLlZz]|-?\d+(?:\.\d+)?/g) ?? [];
  let command = '';
  let start: [number, number] = [0, 0];
  let current: [number, number] = [0, 0];
  let ring: Ring = [];
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i]!;
    if (/[A-Za-z]/.test(token)) {
      command = token;
      i++;
      if (command === 'z' || command === 'Z') {
        out.push(ring);
        current = start;
      }
      continue;
    }
    const [x, y] = [Number(tokens[i]), Number(tokens[i + 1])];
    i += 2;
    if (command === 'M' || command === 'm') {
      current = command === 'M' ? [x, y] : [start[0] + x, start[1] + y];
      start = current;
      ring = [current];
      command = command === 'M' ? 'L' : 'l';
    } else {
      current = command === 'L' ? [x, y] : [current[0] + x, current[1] + y];
      ring.push(current);
    }
  }
  return out;
}

function contains(polygonRings: Ring[], [x, y]: [number, number]): boolean {
  let inside = false;
  for (const ring of polygonRings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

const within = (box: BBox, x: number, y: number) => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
const kommun = (code: string) => KOMMUN_SHAPES.find((k) => k.code === code)!;

describe('the generated map of Sweden', () => {
  it('has a path for each of the 290 kommuner and 21 län of the gazetteer', () => {
    expect(KOMMUN_SHAPES.map((k) => k.code).sort()).toEqual(KOMMUNER.map((k) => k.code).sort());
    expect(LAN_SHAPES.map((l) => l.code).sort()).toEqual(LAN.map((l) => l.code).sort());
    expect(KOMMUN_SHAPES).toHaveLength(290);
    expect(LAN_SHAPES).toHaveLength(21);
    for (const shape of [...KOMMUN_SHAPES, ...LAN_SHAPES]) {
      expect(shape.d, shape.code).toMatch(/^M-?\d/);
      expect(shape.d, shape.code).toMatch(/^[Mmlz0-9.,\s-]+$/);
      expect(rings(shape.d).length, shape.code).toBeGreaterThan(0);
    }
  });

  it('puts every kommun point inside the viewBox, inside its bbox and inside its own polygon', () => {
    for (const k of KOMMUN_SHAPES) {
      expect(viewBoxContains(MAP_VIEWBOX, k.cx, k.cy), k.code).toBe(true);
      expect(within(k.bbox, k.cx, k.cy), k.code).toBe(true);
      expect(contains(rings(k.d), [k.cx, k.cy]), k.code).toBe(true);
    }
  });

  it('has bboxes that match the paths, and every kommun inside its län', () => {
    for (const k of KOMMUN_SHAPES) {
      const points = rings(k.d).flat();
      const box = [
        Math.min(...points.map((p) => p[0])),
        Math.min(...points.map((p) => p[1])),
        Math.max(...points.map((p) => p[0])),
        Math.max(...points.map((p) => p[1])),
      ];
      box.forEach((value, i) => expect(value, k.code).toBeCloseTo(k.bbox[i]!, 5));
      const lan = LAN_SHAPES.find((l) => l.code === k.code.slice(0, 2))!;
      expect(within(lan.bbox, k.bbox[0], k.bbox[1]) && within(lan.bbox, k.bbox[2], k.bbox[3]), k.code).toBe(true);
    }
  });

  it('is oriented north up, west left', () => {
    const [malmo, umea, kiruna, haparanda, stromstad, visby] = ['1280', '2480', '2584', '2583', '1486', '0980'].map(kommun);
    expect(umea!.cy).toBeLessThan(malmo!.cy);
    expect(kiruna!.cy).toBeLessThan(umea!.cy);
    expect(haparanda!.cx).toBeGreaterThan(kiruna!.cx);
    expect(stromstad!.cx).toBeLessThan(malmo!.cx);
    expect(visby!.cx).toBeGreaterThan(kommun('0180').cx);
  });

  it('stays small enough to ship to the browser (< 250 KB of path data)', () => {
    expect(JSON.stringify([KOMMUN_SHAPES, LAN_SHAPES]).length).toBeLessThan(250_000);
  });
});
