/**
 * Quality measures for linking against ground truth: B-cubed precision, recall and F1 of a
 * clustering, and ROC AUC of a score. Used by `npm run bench` and the tests.
 */

/** B-cubed precision, recall and F1 (Bagga & Baldwin 1998), averaged over items. */
export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * B-cubed scores of `predicted` against `truth` (cluster label per item). Items missing
 * from either map are ignored.
 */
export function bcubed(predicted: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>): BCubed {
  const pairCount = new Map<string, number>();
  const predSize = new Map<string, number>();
  const truthSize = new Map<string, number>();
  const items: [string, string][] = [];
  for (const [item, p] of predicted) {
    const t = truth.get(item);
    if (t === undefined) continue;
    items.push([p, t]);
    predSize.set(p, (predSize.get(p) ?? 0) + 1);
    truthSize.set(t, (truthSize.get(t) ?? 0) + 1);
    const k = `${p}\u0000${t}`;
    pairCount.set(k, (pairCount.get(k) ?? 0) + 1);
  }
  if (items.length === 0) return { precision: 0, recall: 0, f1: 0 };
  let precision = 0;
  let recall = 0;
  for (const [p, t] of items) {
    const both = pairCount.get(`${p}\u0000${t}`) as number;
    precision += both / (predSize.get(p) as number);
    recall += both / (truthSize.get(t) as number);
  }
  precision /= items.length;
  recall /= items.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** ROC AUC: the chance that a random positive scores above a random negative (ties count half). */
export function rocAuc(scored: readonly { score: number; isPositive: boolean }[]): number {
  const sorted = [...scored].sort((a, b) => a.score - b.score);
  let rankSum = 0;
  let positives = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as { score: number }).score === (sorted[i] as { score: number }).score) j++;
    const avgRank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) {
      if ((sorted[k] as { isPositive: boolean }).isPositive) {
        rankSum += avgRank;
        positives++;
      }
    }
    i = j + 1;
  }
  const negatives = sorted.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
