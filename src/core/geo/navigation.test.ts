import { describe, expect, it } from 'vitest';
import { neighbourInDirection } from './navigation';
import { KOMMUN_SHAPES } from './sweden-map.data';

describe('neighbourInDirection', () => {
  it('moves to a kommun that lies in the direction of the arrow', () => {
    for (const k of KOMMUN_SHAPES) {
      const up = neighbourInDirection(KOMMUN_SHAPES, k.code, 'up');
      const right = neighbourInDirection(KOMMUN_SHAPES, k.code, 'right');
      if (up) expect(KOMMUN_SHAPES.find((x) => x.code === up)!.cy, k.code).toBeLessThan(k.cy);
      if (right) expect(KOMMUN_SHAPES.find((x) => x.code === right)!.cx, k.code).toBeGreaterThan(k.cx);
    }
  });

  it('picks the nearest one and stops at the edge', () => {
    const points = [
      { code: 'a', cx: 0, cy: 0 },
      { code: 'b', cx: 10, cy: 1 },
      { code: 'c', cx: 3, cy: 2 },
      { code: 'd', cx: 0, cy: -20 },
    ];
    expect(neighbourInDirection(points, 'a', 'right')).toBe('c');
    expect(neighbourInDirection(points, 'a', 'up')).toBe('d');
    expect(neighbourInDirection(points, 'a', 'left')).toBeUndefined();
    expect(neighbourInDirection(points, 'x', 'left')).toBeUndefined();
    const northmost = [...KOMMUN_SHAPES].sort((p, q) => p.cy - q.cy)[0]!;
    expect(neighbourInDirection(KOMMUN_SHAPES, northmost.code, 'up')).toBeUndefined();
  });
});
