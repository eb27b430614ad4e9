/**
 * Complementary (secondary) suppression: when a total and its parts are published together, a
 * reader can subtract the published parts from the total and get a suppressed cell back
 * (Västerbotten: 7 profiles, 6 local, travelling "<5", so travelling = 1). This module publishes a
 * set of cells tied by additive relations (`total = part + part + …`) so that no cell suppressed
 * for being small can be derived from the published figures.
 *
 * The method (also in docs/privacy.md):
 * 1. every count below the threshold is suppressed ("<5"; primary suppression);
 * 2. the reader's knowledge is modelled as intervals: a published cell is exact, a "<5" cell lies
 *    in 0–4, a cell withheld to protect another ("..") is at least the threshold (it was not
 *    small), and a cell never published (a hidden part such as "profiles in the kommun that are
 *    not travelling") is at least 0. The intervals are narrowed through every relation until
 *    nothing changes (interval constraint propagation; for the one-level tables published here
 *    it gives the exact range a reader can derive);
 * 3. while some small cell is pinned to one value, the smallest published part of a relation it
 *    is in is withheld as well (secondary suppression, ".."); when a relation has no published
 *    part left, its total is withheld.
 *
 * Pure and deterministic: the same cells and relations give the same result.
 */
import { SECONDARY_MARK, suppressCount, type PublishedCount, type SuppressionOptions } from './suppress';

/** `total = Σ parts`, by cell key. A key that is not among the cells is a hidden (never published) cell. */
export interface Relation {
  total: string;
  parts: readonly string[];
}

/** What a reader can derive about a cell: every value from lo to hi (hi may be Infinity). */
export interface Range {
  lo: number;
  hi: number;
}

function thresholdOf(opts: SuppressionOptions | undefined): number {
  return opts?.threshold ?? 5;
}

/** The interval a reader knows a cell to lie in before using any relation. */
function priorRange(p: PublishedCount | undefined, opts: SuppressionOptions | undefined): Range {
  const t = thresholdOf(opts);
  if (p === undefined) return { lo: 0, hi: Infinity };
  if (!p.isSuppressed && p.value !== null) return { lo: p.value, hi: p.value };
  if (p.display === SECONDARY_MARK) return { lo: opts?.isZeroShown ? 0 : t, hi: Infinity };
  return { lo: opts?.isZeroShown ? 1 : 0, hi: t - 1 };
}

/**
 * The range of each cell a reader can derive from the published cells and the relations
 * (interval constraint propagation to a fixed point). Hidden cells are included.
 */
export function derivableRanges(
  published: ReadonlyMap<string, PublishedCount>,
  relations: readonly Relation[],
  opts?: SuppressionOptions,
): Map<string, Range> {
  const ranges = new Map<string, Range>();
  const rangeOf = (k: string): Range => {
    let r = ranges.get(k);
    if (!r) {
      r = priorRange(published.get(k), opts);
      ranges.set(k, r);
    }
    return r;
  };
  for (const k of published.keys()) rangeOf(k);
  for (const rel of relations) {
    rangeOf(rel.total);
    for (const p of rel.parts) rangeOf(p);
  }
  // Each pass narrows at least one bound by 1 or stops; bounded for safety.
  for (let pass = 0; pass < 1000; pass++) {
    let isChanged = false;
    const narrow = (k: string, lo: number, hi: number) => {
      const r = rangeOf(k);
      if (lo > r.lo) {
        r.lo = lo;
        isChanged = true;
      }
      if (hi < r.hi) {
        r.hi = hi;
        isChanged = true;
      }
    };
    for (const rel of relations) {
      const parts = rel.parts.map(rangeOf);
      const sumLo = parts.reduce((s, r) => s + r.lo, 0);
      const sumHi = parts.reduce((s, r) => s + r.hi, 0);
      const total = rangeOf(rel.total);
      narrow(rel.total, sumLo, sumHi);
      rel.parts.forEach((k, i) => {
        const r = parts[i] as Range;
        narrow(k, total.lo - (sumHi - r.hi), total.hi - (sumLo - r.lo));
      });
    }
    if (!isChanged) break;
  }
  return ranges;
}

/** True when a reader can pin the cell to one value (or the published figures contradict each other there). */
const isPinned = (r: Range): boolean => r.lo >= r.hi;

/**
 * Publishes cells tied by additive relations with primary and complementary suppression, so that
 * no small cell can be derived from the others. Cells not in `cells` but named in a relation are
 * hidden (never published). Returns every cell of `cells`, published.
 */
export function protectCells(
  cells: ReadonlyMap<string, number>,
  relations: readonly Relation[],
  opts?: SuppressionOptions,
): Map<string, PublishedCount> {
  const out = new Map<string, PublishedCount>();
  for (const [k, v] of cells) out.set(k, suppressCount(v, opts));
  const relationsOf = new Map<string, Relation[]>();
  for (const rel of relations) {
    for (const k of [rel.total, ...rel.parts]) relationsOf.set(k, [...(relationsOf.get(k) ?? []), rel]);
  }
  const isPublished = (k: string) => out.get(k)?.isSuppressed === false;
  // Each round withholds one more cell, so at most cells.size rounds.
  for (let round = 0; round <= cells.size; round++) {
    const ranges = derivableRanges(out, relations, opts);
    const pinned = [...out.entries()]
      .filter(([k, p]) => p.isSuppressed && p.display !== SECONDARY_MARK && isPinned(ranges.get(k) as Range))
      .map(([k]) => k)
      .sort();
    const first = pinned[0];
    if (first === undefined) break;
    // The smallest published part of a relation the cell is in; else the smallest published total.
    let choice: string | null = null;
    const better = (k: string) =>
      choice === null || (cells.get(k) as number) < (cells.get(choice) as number) || (cells.get(k) === cells.get(choice) && k < choice);
    for (const rel of relationsOf.get(first) ?? []) for (const k of rel.parts) if (isPublished(k) && better(k)) choice = k;
    if (choice === null)
      for (const rel of relationsOf.get(first) ?? []) if (isPublished(rel.total) && better(rel.total)) choice = rel.total;
    if (choice === null) {
      // Nothing left to withhold next to this cell: look one relation further (a part of a relation
      // that shares a cell with this one), which widens the shared cell's range.
      const near = new Set<string>();
      for (const rel of relationsOf.get(first) ?? [])
        for (const k of [rel.total, ...rel.parts])
          for (const r2 of relationsOf.get(k) ?? []) for (const k2 of [r2.total, ...r2.parts]) near.add(k2);
      for (const k of [...near].sort()) if (isPublished(k) && better(k)) choice = k;
    }
    if (choice === null) break;
    out.set(choice, { value: null, display: SECONDARY_MARK, isSuppressed: true });
  }
  return out;
}
