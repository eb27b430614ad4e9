/**
 * Keyboard navigation between kommuner on the map: the arrow keys move to the nearest kommun in
 * that direction (by the kommuner's inner points), so a keyboard user can walk the map as it looks.
 */

export type MapDirection = 'up' | 'down' | 'left' | 'right';

interface Point {
  code: string;
  cx: number;
  cy: number;
}

/**
 * The kommun nearest to `from` in `direction` among `points`, or undefined when there is none.
 * Distance along the direction counts once and sideways distance twice, and only points within
 * 60° of the direction qualify, so "right" picks the closest kommun that is mostly to the right.
 */
export function neighbourInDirection(points: readonly Point[], from: string, direction: MapDirection): string | undefined {
  const origin = points.find((p) => p.code === from);
  if (!origin) return undefined;
  let best: { code: string; score: number } | undefined;
  for (const p of points) {
    if (p.code === from) continue;
    const dx = p.cx - origin.cx;
    const dy = p.cy - origin.cy;
    const [along, across] =
      direction === 'right' ? [dx, dy] : direction === 'left' ? [-dx, dy] : direction === 'down' ? [dy, dx] : [-dy, dx];
    if (along <= 0 || Math.abs(across) > along * Math.tan(Math.PI / 3)) continue;
    const score = along + 2 * Math.abs(across);
    if (!best || score < best.score || (score === best.score && p.code < best.code)) best = { code: p.code, score };
  }
  return best?.code;
}
