/**
 * Explanations: the chain of evidence that joins two ads in one profile or network.
 */
import type { EvidenceEdge, LinkLevel } from './types';

/** One step of a chain: from one ad to the next over one edge. */
export interface PathStep {
  from: string;
  to: string;
  edge: EvidenceEdge;
}

/**
 * The shortest chain of edges from ad `a` to ad `b` that counts at `level` (profile: only
 * profile edges; network: all edges). Among equally short chains, the strongest first
 * edges win. Returns null when the ads are not joined; [] when a equals b.
 */
export function explainPath(edges: readonly EvidenceEdge[], a: string, b: string, level: LinkLevel): PathStep[] | null {
  if (a === b) return [];
  const adj = new Map<string, EvidenceEdge[]>();
  for (const e of edges) {
    if (level === 'profile' && e.level !== 'profile') continue;
    for (const x of [e.a, e.b]) {
      const list = adj.get(x);
      if (list) list.push(e);
      else adj.set(x, [e]);
    }
  }
  for (const list of adj.values()) list.sort((p, q) => q.strength - p.strength);
  const prev = new Map<string, PathStep>();
  const seen = new Set([a]);
  let frontier = [a];
  while (frontier.length > 0 && !seen.has(b)) {
    const next: string[] = [];
    for (const x of frontier) {
      for (const e of adj.get(x) ?? []) {
        const y = e.a === x ? e.b : e.a;
        if (seen.has(y)) continue;
        seen.add(y);
        prev.set(y, { from: x, to: y, edge: e });
        next.push(y);
      }
    }
    frontier = next;
  }
  if (!seen.has(b)) return null;
  const path: PathStep[] = [];
  for (let cur = b; cur !== a;) {
    const step = prev.get(cur) as PathStep;
    path.push(step);
    cur = step.from;
  }
  return path.reverse();
}
