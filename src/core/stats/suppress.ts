/**
 * Small-count suppression for published figures. A count below the threshold (default 5) is
 * never published as a number: it is shown as "<5" so that no one in a small kommun can be
 * identified. Zero is suppressed too unless `isZeroShown` is set (a zero in a small area also
 * tells something about the people there).
 *
 * Shares are suppressed when their numerator or denominator is suppressed, and a total that
 * would let a reader subtract back a suppressed cell is the caller's concern (see `suppressTable`).
 */

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** How a cell withheld only to protect another (secondary suppression) is printed. */
export const SECONDARY_MARK = '..';

export interface PublishedCount {
  /** The count, or null when it is suppressed. */
  value: number | null;
  /** What to print: the number, or "<5". */
  display: string;
  isSuppressed: boolean;
}

export interface SuppressionOptions {
  /** Counts below this are suppressed. Integer ≥ 1. */
  threshold?: number;
  /** Publish a true zero as "0" (default false: zero is suppressed like any small count). */
  isZeroShown?: boolean;
}

function thresholdOf(opts: SuppressionOptions | undefined): number {
  const t = opts?.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  if (!Number.isInteger(t) || t < 1) throw new RangeError(`suppression threshold must be an integer ≥ 1, got ${String(t)}`);
  return t;
}

/** One count as it may be published. */
export function suppressCount(count: number, opts?: SuppressionOptions): PublishedCount {
  if (!Number.isFinite(count) || count < 0) throw new RangeError(`a count must be a finite number ≥ 0, got ${String(count)}`);
  const t = thresholdOf(opts);
  if (count === 0 && opts?.isZeroShown) return { value: 0, display: '0', isSuppressed: false };
  if (count < t) return { value: null, display: `<${t}`, isSuppressed: true };
  return { value: count, display: String(count), isSuppressed: false };
}

/** A share (0–1) as it may be published: suppressed when the part or the whole is suppressed. */
export function suppressShare(
  part: number,
  whole: number,
  opts?: SuppressionOptions,
): { value: number | null; display: string; isSuppressed: boolean } {
  const p = suppressCount(part, opts);
  const w = suppressCount(whole, opts);
  if (p.isSuppressed || w.isSuppressed || whole === 0) return { value: null, display: `<${thresholdOf(opts)}`, isSuppressed: true };
  const share = part / whole;
  return { value: share, display: `${Math.round(share * 100)} %`, isSuppressed: false };
}

/**
 * Suppresses every cell of a row of counts and, when exactly one cell in the row is suppressed
 * and a published total would reveal it by subtraction, suppresses the next smallest cell too
 * (secondary suppression). Returns the cells in the same order.
 */
export function suppressRow(counts: readonly number[], opts?: SuppressionOptions & { isTotalPublished?: boolean }): PublishedCount[] {
  const cells = counts.map((c) => suppressCount(c, opts));
  if (!opts?.isTotalPublished) return cells;
  const suppressed = cells.filter((c) => c.isSuppressed).length;
  if (suppressed !== 1) return cells;
  let next = -1;
  for (let i = 0; i < counts.length; i++) {
    if (cells[i]!.isSuppressed) continue;
    if (next === -1 || counts[i]! < counts[next]!) next = i;
  }
  // Shown as ".." (SCB's mark for a figure withheld for confidentiality): it is not small, only withheld.
  if (next !== -1) cells[next] = { value: null, display: SECONDARY_MARK, isSuppressed: true };
  return cells;
}
