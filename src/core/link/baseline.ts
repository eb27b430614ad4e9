/**
 * The phone-only baseline that linking quality is compared with: ads sharing an exact
 * phone number are one cluster, at both levels. No discounting, names, images or text.
 */
import { clusterId } from './link-ads';

/** Cluster id per ad key when ads are joined by exact shared numbers only. */
export function linkByPhoneOnly(ads: readonly { key: string; phones: readonly string[] }[]): Map<string, string> {
  const sorted = [...ads].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const owner = new Map<string, number>();
  sorted.forEach((ad, i) => {
    for (const p of ad.phones) {
      const j = owner.get(p);
      if (j === undefined) owner.set(p, i);
      else {
        const [a, b] = [find(i), find(j)];
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const out = new Map<string, string>();
  sorted.forEach((ad, i) => out.set(ad.key, clusterId('nw', (sorted[find(i)] as { key: string }).key)));
  return out;
}
