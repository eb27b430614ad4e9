/**
 * Linking: ads into profiles (one person or contact point) and networks (one operation).
 *
 * 1. Every value two ads share becomes evidence: a number, an e-mail address, a handle, an
 *    image group (pictures within the image threshold), a near-duplicate text (MinHash
 *    and LSH, verified by estimated Jaccard similarity), or a re-post the site import found.
 * 2. A value on too many ads is common and ties nothing (a switchboard number, the site's
 *    boilerplate, a stock photo used across the country). A value shown at the same time
 *    with different names is shared: it ties people into a network, not into one person.
 * 3. Profiles are the connected components of the profile edges; networks those of all
 *    edges. The analyst's corrections come first: confirmed links join, cut links and
 *    splits refuse any join that would put their two sides together.
 *
 * Deterministic and order-independent: the same ads and corrections give the same ids in
 * any order, so an incremental run over a closed neighbourhood gives what a rebuild gives.
 */
import { createHash } from 'node:crypto';
import { bandHash, estimateJaccard, LSH_BANDS } from './minhash';
import { DEFAULT_LINK_PARAMS } from './params';
import type { EvidenceEdge, LinkAd, LinkCorrection, LinkLevel, LinkParams, LinkResult, SignalClass, SignalInfo, SignalKind } from './types';

/** Base strength of an edge by kind and level, before the discount for common values. */
const BASE_STRENGTH: Record<string, number> = {
  'phone/profile': 0.9,
  'phone/network': 0.7,
  'email/profile': 0.95,
  'email/network': 0.7,
  'handle/profile': 0.85,
  'handle/network': 0.65,
  'image/profile': 0.8,
  'image/network': 0.6,
  'repost/profile': 1,
};

/** A value shared by more ads counts less: full up to 10 ads, then down to 0.3 at the cap. */
function discount(count: number, cap: number): number {
  if (count <= 10) return 1;
  return Math.max(0.3, 1 - (0.7 * Math.log(count / 10)) / Math.log(Math.max(11, cap) / 10));
}

/** A short stable id for a cluster, from the smallest ad key in it. */
export function clusterId(prefix: 'pf' | 'nw', minKey: string): string {
  return `${prefix}-${createHash('sha256').update(minKey).digest('hex').slice(0, 12)}`;
}

/** Union-find with per-root constraint tags (a correction's two sides may never join). */
class Clusters {
  private readonly parent: Int32Array;
  private readonly tags: (Set<string> | null)[];
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
    this.tags = new Array<Set<string> | null>(n).fill(null);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] as number;
    while (this.parent[i] !== r) {
      const next = this.parent[i] as number;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  tag(i: number, tag: string): void {
    const r = this.find(i);
    (this.tags[r] ??= new Set()).add(tag);
  }
  /** Joins the clusters of i and j unless a constraint forbids it; true when joined (or already one). */
  union(i: number, j: number): boolean {
    let a = this.find(i);
    let b = this.find(j);
    if (a === b) return true;
    const ta = this.tags[a];
    const tb = this.tags[b];
    if (ta && tb) {
      const [small, large] = ta.size <= tb.size ? [ta, tb] : [tb, ta];
      for (const t of small) if (large.has(opposite(t))) return false;
    }
    if ((ta?.size ?? 0) < (tb?.size ?? 0)) [a, b] = [b, a];
    this.parent[b] = a;
    const tbb = this.tags[b];
    if (tbb) {
      const target = (this.tags[a] ??= new Set());
      for (const t of tbb) target.add(t);
      this.tags[b] = null;
    }
    return true;
  }
}

const opposite = (tag: string): string => (tag.endsWith(':a') ? `${tag.slice(0, -2)}:b` : `${tag.slice(0, -2)}:a`);

/**
 * The indices 0..n-1 ordered by `keys[i]`, ties by index: a stable radix sort in two passes of
 * 16 bits, linear in n (a comparison sort of a million texts per band took seconds).
 */
export function orderByHash(keys: Uint32Array): Uint32Array {
  const n = keys.length;
  const byLow = new Uint32Array(n);
  const out = new Uint32Array(n);
  const starts = new Uint32Array(65537);
  const pass = (digit: (key: number) => number, from: Uint32Array | null, to: Uint32Array) => {
    starts.fill(0);
    for (let i = 0; i < n; i++) {
      const d = digit(keys[i] ?? 0) + 1;
      starts[d] = (starts[d] ?? 0) + 1;
    }
    for (let v = 1; v <= 65536; v++) starts[v] = (starts[v] ?? 0) + (starts[v - 1] ?? 0);
    for (let k = 0; k < n; k++) {
      const i = from === null ? k : (from[k] ?? 0);
      const d = digit(keys[i] ?? 0);
      const at = starts[d] ?? 0;
      to[at] = i;
      starts[d] = at + 1;
    }
  };
  pass((key) => key & 0xffff, null, byLow);
  pass((key) => key >>> 16, byLow, out);
  return out;
}

/** Edge kinds that a bridge check applies to: one picture or one text is weak alone between two people. */
const BRIDGE_KINDS = new Set(['image']);

/**
 * The network edges that are bridges: between two different profiles of at least `minAds` ads
 * each, where every edge between the two is one picture or one text value (a single shared value
 * and nothing else). Deterministic: depends only on the edges and the profiles.
 */
function bridgeEdges(
  edges: readonly EvidenceEdge[],
  profileOf: (key: string) => number,
  adsPerProfile: ReadonlyMap<number, number>,
  minAds: number,
): Set<EvidenceEdge> {
  const out = new Set<EvidenceEdge>();
  if (minAds <= 0) return out;
  const pairs = new Map<string, { signals: Set<string>; edges: EvidenceEdge[] }>();
  for (const e of edges) {
    const pa = profileOf(e.a);
    const pb = profileOf(e.b);
    if (pa === pb) continue;
    const key = pa < pb ? `${pa}|${pb}` : `${pb}|${pa}`;
    let p = pairs.get(key);
    if (!p) pairs.set(key, (p = { signals: new Set(), edges: [] }));
    // Text edges of one pair count as one text signal, whatever band found them.
    p.signals.add(e.kind === 'text' ? 'text' : `${e.kind}\u0000${e.value}`);
    p.edges.push(e);
  }
  for (const [key, p] of pairs) {
    if (p.signals.size !== 1 || !BRIDGE_KINDS.has((p.edges[0] as EvidenceEdge).kind)) continue;
    const [a, b] = key.split('|').map(Number) as [number, number];
    if ((adsPerProfile.get(a) ?? 0) < minAds || (adsPerProfile.get(b) ?? 0) < minAds) continue;
    for (const e of p.edges) out.add(e);
  }
  return out;
}

/** True when the two name lists share a name. */
function sharesName(a: string[], b: string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

/** Days between the first sightings of two ads. */
function firstDayGap(x: LinkAd, y: LinkAd): number {
  return Math.abs(x.firstDay - y.firstDay);
}

/**
 * True when two ads cannot be one person: first seen within `concurrentDays` of each
 * other under different names, or in different kommuner.
 */
function isTwoPeople(x: LinkAd, y: LinkAd, concurrentDays: number): boolean {
  if (firstDayGap(x, y) > concurrentDays) return false;
  if (x.names.length > 0 && y.names.length > 0 && !sharesName(x.names, y.names)) return true;
  return x.municipalityCode !== null && y.municipalityCode !== null && x.municipalityCode !== y.municipalityCode;
}

/**
 * Reads a shared value: common when on more than `cap` ads, shared when two of its ads
 * cannot be one person (see isTwoPeople), personal otherwise.
 */
function classify(carriers: LinkAd[], count: number, cap: number, concurrentDays: number): SignalClass {
  if (count > cap) return 'common';
  for (let i = 0; i < carriers.length; i++) {
    for (let j = i + 1; j < carriers.length; j++) {
      if (isTwoPeople(carriers[i] as LinkAd, carriers[j] as LinkAd, concurrentDays)) return 'shared';
    }
  }
  return 'personal';
}

/**
 * Links ads into profiles and networks. `ads` may be any set closed under the links that
 * matter (a whole installation, or the neighbourhood of new ads plus the clusters it
 * touches); ids depend only on the ads and corrections given.
 */
export function linkAds(
  ads: readonly LinkAd[],
  corrections: readonly LinkCorrection[],
  params: LinkParams = DEFAULT_LINK_PARAMS,
  /**
   * How many ads carry each value in the whole installation ("kind\u0000value"; text as
   * "text\u0000b<band>:<hex>"), when `ads` is only a neighbourhood. Decides what is common.
   */
  globalCounts?: ReadonlyMap<string, number>,
): LinkResult {
  const countOf = (kind: string, value: string, local: number): number => Math.max(local, globalCounts?.get(`${kind}\u0000${value}`) ?? 0);
  const sorted = [...ads].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const index = new Map<string, number>();
  sorted.forEach((ad, i) => index.set(ad.key, i));

  // Extraction corrections: a value marked wrong on an ad is not a signal of that ad.
  const wrong = new Set<string>();
  for (const c of corrections) if (c.type === 'wrong_extraction') wrong.add(`${c.ad}\u0000${c.kind}\u0000${c.value}`);

  const edges: EvidenceEdge[] = [];
  const signals: SignalInfo[] = [];

  // Exact-value signals.
  const byValue = new Map<string, number[]>();
  const kinds: SignalKind[] = ['phone', 'email', 'handle', 'image'];
  const valuesOf = (ad: LinkAd, kind: SignalKind): string[] =>
    kind === 'phone' ? ad.phones : kind === 'email' ? ad.emails : kind === 'handle' ? ad.handles : ad.images;
  sorted.forEach((ad, i) => {
    for (const kind of kinds) {
      for (const value of new Set(valuesOf(ad, kind))) {
        if (wrong.size > 0 && wrong.has(`${ad.key}\u0000${kind}\u0000${value}`)) continue;
        const k = `${kind}\u0000${value}`;
        const list = byValue.get(k);
        if (list) list.push(i);
        else byValue.set(k, [i]);
      }
    }
  });
  for (const [k, idx] of byValue) {
    if (idx.length < 2) continue;
    const sep = k.indexOf('\u0000');
    const kind = k.slice(0, sep) as SignalKind;
    const value = k.slice(sep + 1);
    const carriers = idx.map((i) => sorted[i] as LinkAd);
    const cap = params.maxAdsPerSignal[kind];
    const total = countOf(kind, value, idx.length);
    const signalClass = classify(carriers, total, cap, params.concurrentDays);
    const names = [...new Set(carriers.flatMap((c) => c.names))].sort();
    signals.push({ kind, value, adCount: total, signalClass, names });
    if (signalClass === 'common') continue;
    const d = discount(total, cap);
    const first = carriers[0] as LinkAd;
    if (signalClass === 'personal') {
      const s = (BASE_STRENGTH[`${kind}/profile`] ?? 0.5) * d;
      for (const c of carriers.slice(1)) edges.push({ a: first.key, b: c.key, kind, value, level: 'profile', strength: s });
      continue;
    }
    // Shared: the same name on the same shared value still means the same person, unless
    // the two ads cannot be one person (live at once in different kommuner).
    const sp = (BASE_STRENGTH[`${kind}/profile`] ?? 0.5) * d * 0.9;
    const sn = (BASE_STRENGTH[`${kind}/network`] ?? 0.5) * d;
    const byName = new Map<string, LinkAd[][]>();
    for (const c of carriers) {
      for (const n of c.names) {
        const groups = byName.get(n) ?? [];
        byName.set(n, groups);
        const group = groups.find((g) => !g.some((m) => isTwoPeople(m, c, params.concurrentDays)));
        if (!group) groups.push([c]);
        else {
          edges.push({ a: (group[0] as LinkAd).key, b: c.key, kind, value, level: 'profile', strength: sp });
          group.push(c);
        }
      }
      if (c !== first) edges.push({ a: first.key, b: c.key, kind, value, level: 'network', strength: sn });
    }
  }

  // Near-duplicate text: LSH buckets per band, verified by estimated Jaccard similarity.
  const withText: number[] = [];
  sorted.forEach((ad, i) => {
    if (ad.text) withText.push(i);
  });
  // Band hashes of every text: hashes[t * LSH_BANDS + b].
  const hashes = new Uint32Array(withText.length * LSH_BANDS);
  for (let t = 0; t < withText.length; t++) {
    const sig = (sorted[withText[t] as number] as LinkAd).text as Uint32Array;
    for (let b = 0; b < LSH_BANDS; b++) hashes[t * LSH_BANDS + b] = bandHash(sig, b);
  }
  // Texts that sit in a common bucket of a band (a bucket on too many ads ties nothing).
  const inCommon = new Uint8Array(withText.length * LSH_BANDS);
  /** True when texts t and u already met in a usable bucket of an earlier band (the pair was judged there). */
  const metBefore = (t: number, u: number, band: number): boolean => {
    for (let b = 0; b < band; b++) {
      if (hashes[t * LSH_BANDS + b] === hashes[u * LSH_BANDS + b] && inCommon[t * LSH_BANDS + b] === 0) return true;
    }
    return false;
  };
  const bandOf = new Uint32Array(withText.length);
  for (let b = 0; b < LSH_BANDS; b++) {
    for (let t = 0; t < withText.length; t++) bandOf[t] = hashes[t * LSH_BANDS + b] as number;
    const order = orderByHash(bandOf);
    for (let s = 0; s < order.length;) {
      const h = hashes[(order[s] as number) * LSH_BANDS + b] as number;
      let e = s + 1;
      while (e < order.length && hashes[(order[e] as number) * LSH_BANDS + b] === h) e++;
      const size = e - s;
      const total = size >= 2 ? countOf('text', `b${b}:${h.toString(16)}`, size) : size;
      if (total > params.maxAdsPerSignal.text) {
        signals.push({ kind: 'text', value: `b${b}:${h.toString(16)}`, adCount: total, signalClass: 'common', names: [] });
        for (let x = s; x < e; x++) inCommon[(order[x] as number) * LSH_BANDS + b] = 1;
      } else if (size >= 2) {
        const value = `b${b}:${h.toString(16)}`;
        for (let x = s; x < e; x++) {
          for (let y = x + 1; y < e; y++) {
            const t = order[x] as number;
            const u = order[y] as number;
            if (b > 0 && metBefore(t, u, b)) continue;
            const A = sorted[withText[t] as number] as LinkAd;
            const B = sorted[withText[u] as number] as LinkAd;
            const sim = estimateJaccard(A.text as Uint32Array, B.text as Uint32Array);
            if (sim < params.textMinSimilarity) continue;
            const samePerson =
              A.names.length > 0 && B.names.length > 0
                ? sharesName(A.names, B.names)
                : A.names.length === 0 && B.names.length === 0 && sim >= params.textSamePersonSimilarity;
            if (!samePerson && sim < params.textNetworkMinSimilarity) continue;
            const [first, second] = A.key < B.key ? [A, B] : [B, A];
            edges.push({
              a: first.key,
              b: second.key,
              kind: 'text',
              value,
              level: samePerson ? 'profile' : 'network',
              strength: Math.round(sim * 1000) / 1000,
              similarity: sim,
            });
          }
        }
      }
      s = e;
    }
  }

  // Re-posts the site import found (same content under a new id on the same site).
  for (const ad of sorted) {
    if (ad.repostOf !== null && index.has(ad.repostOf)) {
      edges.push({ a: ad.repostOf, b: ad.key, kind: 'repost', value: ad.repostOf, level: 'profile', strength: 1 });
    }
  }

  // Clustering: corrections first, then edges by strength (ties by keys), profile level then network level.
  const profiles = new Clusters(sorted.length);
  const constrain = (c: Clusters, level: LinkLevel): void => {
    for (const corr of corrections) {
      if (corr.type === 'cut' || corr.type === 'split') {
        // A network-level refusal also holds for profiles; a profile-level one only for profiles.
        if (level === 'network' && corr.level === 'profile') continue;
        const [left, right] = corr.type === 'cut' ? [[corr.a], [corr.b]] : [corr.keep, corr.move];
        for (const k of left) {
          const i = index.get(k);
          if (i !== undefined) c.tag(i, `${corr.id}:a`);
        }
        for (const k of right) {
          const i = index.get(k);
          if (i !== undefined) c.tag(i, `${corr.id}:b`);
        }
      }
    }
  };
  constrain(profiles, 'profile');
  const refused: EvidenceEdge[] = [];
  const mustLinks = corrections.filter((c) => c.type === 'confirm' || c.type === 'merge');
  for (const c of mustLinks) {
    const i = index.get(c.a);
    const j = index.get(c.b);
    if (i === undefined || j === undefined) continue;
    const edge: EvidenceEdge = { a: c.a, b: c.b, kind: 'confirmed', value: c.id, level: c.level, strength: 1 };
    edges.push(edge);
  }
  const byStrength = (x: EvidenceEdge, y: EvidenceEdge): number =>
    y.strength - x.strength ||
    (x.a < y.a ? -1 : x.a > y.a ? 1 : 0) ||
    (x.b < y.b ? -1 : x.b > y.b ? 1 : 0) ||
    (x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : 0);
  const confirmed = edges.filter((e) => e.kind === 'confirmed');
  const evidence = edges.filter((e) => e.kind !== 'confirmed').sort(byStrength);
  const refusedSet = new Set<EvidenceEdge>();
  const apply = (c: Clusters, list: EvidenceEdge[]): void => {
    for (const e of list) {
      if (!c.union(index.get(e.a) as number, index.get(e.b) as number) && !refusedSet.has(e)) {
        refusedSet.add(e);
        refused.push(e);
      }
    }
  };
  apply(
    profiles,
    confirmed.filter((e) => e.level === 'profile'),
  );
  apply(
    profiles,
    evidence.filter((e) => e.level === 'profile'),
  );
  // Networks start from the profiles; network-level refusals apply from here on.
  const networks = new Clusters(sorted.length);
  constrain(networks, 'network');
  for (let i = 0; i < sorted.length; i++) networks.union(i, profiles.find(i));
  apply(
    networks,
    confirmed.filter((e) => e.level === 'network'),
  );
  // Every edge is network evidence: one a profile-level correction kept apart may still tie the network.
  // A bridge does not join: one picture or one text alone between two profiles of several ads each
  // (a stock photo, a shared template, an id the site reused) is kept as a refused, explained edge
  // for an analyst to review (issue #16: one network for half the country).
  const adsPerProfile = new Map<number, number>();
  for (let i = 0; i < sorted.length; i++) {
    const r = profiles.find(i);
    adsPerProfile.set(r, (adsPerProfile.get(r) ?? 0) + 1);
  }
  const bridges = bridgeEdges(evidence, (k) => profiles.find(index.get(k) as number), adsPerProfile, params.bridgeMinAds ?? 0);
  apply(
    networks,
    evidence.filter((e) => !bridges.has(e)),
  );
  for (const e of evidence) {
    if (bridges.has(e) && networks.find(index.get(e.a) as number) !== networks.find(index.get(e.b) as number) && !refusedSet.has(e)) {
      refusedSet.add(e);
      refused.push(e);
    }
  }

  const idsOf = (c: Clusters, prefix: 'pf' | 'nw'): Map<string, string> => {
    const minKey = new Map<number, string>();
    sorted.forEach((ad, i) => {
      const r = c.find(i);
      if (!minKey.has(r)) minKey.set(r, ad.key); // sorted: the first seen is the smallest
    });
    const out = new Map<string, string>();
    sorted.forEach((ad, i) => out.set(ad.key, clusterId(prefix, minKey.get(c.find(i)) as string)));
    return out;
  };
  return { profileOf: idsOf(profiles, 'pf'), networkOf: idsOf(networks, 'nw'), edges, signals, refused };
}
