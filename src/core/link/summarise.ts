/**
 * Profiles and networks as people read them: their ads, names, numbers, kommuner,
 * timeline, and the explained risk score, built from a linking result.
 */
import type { LinkResult, SignalInfo } from './types';
import {
  findTouring,
  flowsOf,
  RISK_WEIGHTS,
  scoreIndicators,
  timelineOf,
  type Flow,
  type RiskEvidence,
  type RiskScore,
  type RiskWeights,
  type TimelineStop,
} from './risk';

/** What the summary needs to know about one ad. */
export interface AdFacts {
  key: string;
  municipalityCode: string | null;
  firstDay: number;
  lastDay: number;
  names: string[];
  phones: string[];
  /** Ad-level indicators from extraction, each with the text that shows it. */
  indicators: { code: string; text: string }[];
}

export interface ProfileSummary {
  id: string;
  networkId: string;
  ads: string[];
  names: string[];
  phones: string[];
  municipalityCodes: string[];
  firstDay: number;
  lastDay: number;
  timeline: TimelineStop[];
  flows: Flow[];
  isTouring: boolean;
  risk: RiskScore;
}

export interface NetworkSummary {
  id: string;
  profiles: string[];
  ads: string[];
  municipalityCodes: string[];
  firstDay: number;
  lastDay: number;
  risk: RiskScore;
}

const dayText = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);

/** The indexes a summary needs, built once per linking result. */
export interface ClusterIndex {
  result: LinkResult;
  adsOfProfile: Map<string, string[]>;
  profilesOfNetwork: Map<string, Set<string>>;
  sharedByAd: Map<string, SignalInfo[]>;
  templateAds: Map<string, string>;
}

/** Indexes a linking result for summaries: ads per profile, profiles per network, shared values and templates per ad. */
export function indexClusters(result: LinkResult): ClusterIndex {
  const adsOfProfile = new Map<string, string[]>();
  for (const [ad, p] of result.profileOf) {
    const list = adsOfProfile.get(p);
    if (list) list.push(ad);
    else adsOfProfile.set(p, [ad]);
  }
  const profilesOfNetwork = new Map<string, Set<string>>();
  for (const [ad, n] of result.networkOf) {
    let set = profilesOfNetwork.get(n);
    if (!set) profilesOfNetwork.set(n, (set = new Set<string>()));
    set.add(result.profileOf.get(ad) as string);
  }

  const sharedByAd = new Map<string, SignalInfo[]>();
  const sharedSignals = new Map<string, SignalInfo>();
  for (const s of result.signals) if (s.signalClass === 'shared') sharedSignals.set(`${s.kind}\u0000${s.value}`, s);
  const templateAds = new Map<string, string>();
  for (const e of result.edges) {
    if ((e.kind === 'phone' || e.kind === 'image') && e.level === 'network') {
      const s = sharedSignals.get(`${e.kind}\u0000${e.value}`);
      if (s) for (const ad of [e.a, e.b]) sharedByAd.set(ad, [...(sharedByAd.get(ad) ?? []), s]);
    }
    if (e.kind === 'text' && e.level === 'network' && result.profileOf.get(e.a) !== result.profileOf.get(e.b)) {
      templateAds.set(e.a, e.b);
      templateAds.set(e.b, e.a);
    }
  }
  return { result, adsOfProfile, profilesOfNetwork, sharedByAd, templateAds };
}

/** Builds profile and network summaries for every cluster in `result` whose ads are all in `facts`. */
export function summariseClusters(
  result: LinkResult,
  facts: ReadonlyMap<string, AdFacts>,
  weights: RiskWeights = RISK_WEIGHTS,
): { profiles: ProfileSummary[]; networks: NetworkSummary[] } {
  const index = indexClusters(result);
  const profiles: ProfileSummary[] = [];
  for (const [id, ads] of index.adsOfProfile) {
    const p = summariseProfile(index, facts, weights, id, ads);
    if (p) profiles.push(p);
  }
  return { profiles, networks: summariseNetworksOf(index, weights, profiles) };
}

/**
 * Summaries of some networks and of their profiles only (a large rebuild summarises in slices
 * and writes each slice while it computes the next). Together the slices give what
 * summariseClusters gives.
 */
export function summariseNetworks(
  index: ClusterIndex,
  facts: ReadonlyMap<string, AdFacts>,
  weights: RiskWeights,
  networkIds: Iterable<string>,
): { profiles: ProfileSummary[]; networks: NetworkSummary[] } {
  const profiles: ProfileSummary[] = [];
  for (const n of networkIds) {
    for (const id of index.profilesOfNetwork.get(n) ?? []) {
      const p = summariseProfile(index, facts, weights, id, index.adsOfProfile.get(id) ?? []);
      if (p) profiles.push(p);
    }
  }
  return { profiles, networks: summariseNetworksOf(index, weights, profiles) };
}

function summariseProfile(
  index: ClusterIndex,
  facts: ReadonlyMap<string, AdFacts>,
  weights: RiskWeights,
  id: string,
  ads: string[],
): ProfileSummary | null {
  const { result, profilesOfNetwork, sharedByAd, templateAds } = index;
  const f = ads.map((a) => facts.get(a)).filter((x): x is AdFacts => x !== undefined);
  if (f.length !== ads.length) return null;
  ads.sort();
  const timeline = timelineOf(
    f.map((x) => ({ ad: x.key, municipalityCode: x.municipalityCode, firstDay: x.firstDay, lastDay: x.lastDay })),
  );
  const touring = findTouring(timeline, weights.touring);
  const observed: { code: string; evidence: RiskEvidence }[] = [];
  for (const x of f) for (const i of x.indicators) observed.push({ code: i.code, evidence: { ad: x.key, text: i.text } });
  if (touring) {
    for (const stop of touring) {
      observed.push({
        code: 'TOURING',
        evidence: { ad: stop.ads[0] as string, text: `${stop.municipalityCode} ${dayText(stop.firstDay)}–${dayText(stop.lastDay)}` },
      });
    }
  }
  for (const x of f) {
    for (const s of sharedByAd.get(x.key) ?? []) {
      observed.push({
        code: s.kind === 'phone' ? 'SHARED_PHONE' : 'STOCK_PHOTO',
        evidence: {
          ad: x.key,
          text: s.kind === 'phone' ? `${s.value} (${s.names.join(', ')})` : `bild ${s.value.slice(0, 12)} på ${s.adCount} annonser`,
        },
      });
    }
    const other = templateAds.get(x.key);
    if (other) observed.push({ code: 'TEMPLATE_TEXT', evidence: { ad: x.key, text: `samma text som ${other}` } });
  }
  const networkId = result.networkOf.get(ads[0] as string) as string;
  const peers = profilesOfNetwork.get(networkId)?.size ?? 1;
  if (peers > 1) observed.push({ code: 'NETWORK', evidence: { ad: ads[0] as string, text: `${peers} profiler i nätverket` } });
  return {
    id,
    networkId,
    ads,
    names: [...new Set(f.flatMap((x) => x.names))].sort(),
    phones: [...new Set(f.flatMap((x) => x.phones))].sort(),
    municipalityCodes: [...new Set(f.map((x) => x.municipalityCode).filter((c): c is string => c !== null))].sort(),
    firstDay: Math.min(...f.map((x) => x.firstDay)),
    lastDay: Math.max(...f.map((x) => x.lastDay)),
    timeline,
    flows: flowsOf(timeline),
    isTouring: touring !== null,
    risk: scoreIndicators(observed, weights),
  };
}

function summariseNetworksOf(index: ClusterIndex, weights: RiskWeights, profiles: readonly ProfileSummary[]): NetworkSummary[] {
  const byNetwork = new Map<string, ProfileSummary[]>();
  for (const p of profiles) {
    const list = byNetwork.get(p.networkId);
    if (list) list.push(p);
    else byNetwork.set(p.networkId, [p]);
  }
  const networks: NetworkSummary[] = [];
  for (const [id, members] of byNetwork) {
    if (members.length !== (index.profilesOfNetwork.get(id)?.size ?? 0)) continue;
    const observed = members.flatMap((p) =>
      p.risk.contributions.flatMap((c) => c.evidence.map((evidence) => ({ code: c.code, evidence }))),
    );
    networks.push({
      id,
      profiles: members.map((p) => p.id).sort(),
      ads: members.flatMap((p) => p.ads).sort(),
      municipalityCodes: [...new Set(members.flatMap((p) => p.municipalityCodes))].sort(),
      firstDay: Math.min(...members.map((p) => p.firstDay)),
      lastDay: Math.max(...members.map((p) => p.lastDay)),
      risk: scoreIndicators(observed, weights),
    });
  }
  return networks;
}
