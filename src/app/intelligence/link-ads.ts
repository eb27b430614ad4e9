/**
 * Linking use cases: a full rebuild, and the incremental path that links new and changed
 * ads. Both run the same pure core (src/core/link) and give the same result: the
 * incremental path re-links a closed neighbourhood (the networks of the changed ads and of
 * every ad that shares a value with them), with installation-wide counts of each value.
 */
import {
  DEFAULT_LINK_PARAMS,
  linkAds,
  lshBands,
  lshBandNumbers,
  estimateJaccard,
  signatureFromHex,
  signatureToHex,
  RISK_WEIGHTS,
  summariseClusters,
  summariseNetworks,
  indexClusters,
  textFacts,
  type AdFacts,
  type NetworkSummary,
  type ProfileSummary,
  type LinkAd,
  type LinkCorrection,
  type LinkParams,
  type LinkResult,
  type RiskWeights,
  type TextFacts,
} from '../../core/link';
import type {
  FreshRows,
  NetworkRow,
  ProfileRow,
  StoredEdge,
  LinkCorrectionRow,
  LinkedStateRow,
  LinkRepository,
  LinkSourceRow,
  LinkWrite,
  TextFactsSource,
} from './ports';
import type { AppDeps, Repositories, RequestContext } from '../shared/ports';

const DAY_MS = 86_400_000;
const dayOf = (d: Date): number => Math.floor(d.getTime() / DAY_MS);
const dayText = (d: number): string => new Date(d * DAY_MS).toISOString().slice(0, 10);

/** One ad prepared for linking: the core's view, the summary facts and the values to index. */
interface PreparedAd {
  adId: string;
  contentHash: string;
  imageCount: number;
  ad: LinkAd;
  facts: AdFacts;
  signals: { kind: string; value: string }[];
}

interface ExtractionShape {
  emails?: { value?: unknown }[];
  handles?: { value?: { platform?: unknown; handle?: unknown } }[];
  indicators?: { code?: unknown; evidence?: { text?: unknown }[] }[];
}

/**
 * Reads what linking needs from a stored ad. `withTextBands` false leaves the text band keys
 * out of `signals` (a rebuild stores them as numbers with the link row and counts nothing).
 * `fromText` gives the text facts when they were computed elsewhere (a rebuild's worker threads).
 */
export function prepareLinkAd(row: LinkSourceRow, withTextBands = true, fromText: TextFacts = textFacts(row.title, row.body)): PreparedAd {
  const ex = (row.extraction ?? {}) as ExtractionShape;
  const emails = [...new Set((ex.emails ?? []).map((e) => String(e.value ?? '').toLowerCase()).filter((e) => e.length > 0))];
  const handles = [
    ...new Set(
      (ex.handles ?? [])
        .map((h) =>
          h.value && typeof h.value.platform === 'string' && typeof h.value.handle === 'string'
            ? `${h.value.platform}:${h.value.handle}`
            : '',
        )
        .filter((h) => h.length > 0),
    ),
  ];
  const { names, text } = fromText;
  const phones = [...new Set(row.phones)];
  const ad: LinkAd = {
    key: row.key,
    source: row.sourceId,
    firstDay: dayOf(row.firstSeenAt),
    lastDay: dayOf(row.lastSeenAt),
    municipalityCode: row.municipalityCode,
    names,
    phones,
    emails,
    handles,
    images: [...row.imageGroups].sort(),
    text,
    repostOf: row.repostOfKey,
  };
  const facts: AdFacts = {
    key: row.key,
    municipalityCode: row.municipalityCode,
    firstDay: ad.firstDay,
    lastDay: ad.lastDay,
    names,
    phones,
    indicators: (ex.indicators ?? [])
      .filter((i): i is { code: string; evidence?: { text?: unknown }[] } => typeof i.code === 'string')
      .map((i) => ({ code: i.code, text: String(i.evidence?.[0]?.text ?? '') })),
  };
  const signals = [
    ...phones.map((value) => ({ kind: 'phone', value })),
    ...emails.map((value) => ({ kind: 'email', value })),
    ...handles.map((value) => ({ kind: 'handle', value })),
    ...ad.images.map((value) => ({ kind: 'image', value })),
    ...(text && withTextBands ? lshBands(text).map((value) => ({ kind: 'text', value })) : []),
  ];
  return { adId: row.adId, contentHash: row.contentHash, imageCount: row.imageGroups.length, ad, facts, signals };
}

/** An ad linked before, from its stored state: the same as prepareLinkAd gives for an unchanged ad. */
export function prepareFromState(row: LinkedStateRow): PreparedAd {
  const of = (kind: string) => row.signals.filter((s) => s.kind === kind).map((s) => s.value);
  const text = row.textSig === null ? null : signatureFromHex(row.textSig);
  const ad: LinkAd = {
    key: row.key,
    source: row.sourceId,
    firstDay: dayOf(row.firstSeenAt),
    lastDay: dayOf(row.lastSeenAt),
    municipalityCode: row.municipalityCode,
    names: row.names,
    phones: of('phone'),
    emails: of('email'),
    handles: of('handle'),
    images: of('image').sort(),
    text,
    repostOf: row.repostOfKey,
  };
  const facts: AdFacts = {
    key: row.key,
    municipalityCode: row.municipalityCode,
    firstDay: ad.firstDay,
    lastDay: ad.lastDay,
    names: row.names,
    phones: ad.phones,
    indicators: row.indicators,
  };
  const signals = [...row.signals, ...(text ? lshBands(text).map((value) => ({ kind: 'text', value })) : [])];
  return { adId: row.adId, contentHash: row.contentHash, imageCount: row.imageCount, ad, facts, signals };
}

/** Turns stored corrections into the core's form (ads named by key). */
export function toCoreCorrections(rows: readonly LinkCorrectionRow[]): LinkCorrection[] {
  const out: LinkCorrection[] = [];
  for (const r of rows) {
    const level = r.level ?? 'profile';
    if ((r.type === 'confirm' || r.type === 'merge' || r.type === 'cut') && r.adA && r.adB)
      out.push({ id: r.id, type: r.type, level, a: r.adA, b: r.adB });
    else if (r.type === 'split' && r.keepAds && r.moveAds) out.push({ id: r.id, type: 'split', level, keep: r.keepAds, move: r.moveAds });
    else if (r.type === 'wrong_extraction' && r.adA && r.signalKind && r.signalValue) {
      const kind = r.signalKind;
      if (kind === 'phone' || kind === 'email' || kind === 'handle' || kind === 'image')
        out.push({ id: r.id, type: 'wrong_extraction', ad: r.adA, kind, value: r.signalValue });
    }
  }
  return out;
}

const toLinkRow = (p: PreparedAd, result: LinkResult): LinkWrite['links'][number] => ({
  adId: p.adId,
  key: p.ad.key,
  profileId: result.profileOf.get(p.ad.key) as string,
  networkId: result.networkOf.get(p.ad.key) as string,
  names: p.ad.names,
  contentHash: p.contentHash,
  imageCount: p.imageCount,
  textSig: p.ad.text ? signatureToHex(p.ad.text) : null,
  textBands: p.ad.text ? lshBandNumbers(p.ad.text) : [],
});

/** The edges of a result between prepared ads, as stored (by ad id). */
function toEdgeRows(
  result: LinkResult,
  idOfKey: ReadonlyMap<string, string>,
  refused: ReadonlySet<unknown> = new Set(result.refused),
  from = 0,
  to = result.edges.length,
): StoredEdge[] {
  return result.edges
    .slice(from, to)
    .filter((e) => idOfKey.has(e.a) && idOfKey.has(e.b))
    .map((e) => ({
      networkId: result.networkOf.get(e.a) as string,
      level: e.level,
      a: idOfKey.get(e.a) as string,
      b: idOfKey.get(e.b) as string,
      kind: e.kind,
      value: e.value,
      strength: e.strength,
      similarity: e.similarity ?? null,
      isRefused: refused.has(e),
    }));
}

const toProfileRow = (p: ProfileSummary): ProfileRow => ({
  id: p.id,
  networkId: p.networkId,
  adCount: p.ads.length,
  names: p.names,
  phones: p.phones,
  municipalityCodes: p.municipalityCodes,
  firstSeen: dayText(p.firstDay),
  lastSeen: dayText(p.lastDay),
  isTouring: p.isTouring,
  score: p.risk.score,
  weightsVersion: p.risk.weightsVersion,
  contributions: p.risk.contributions,
  timeline: p.timeline.map((t) => ({
    municipalityCode: t.municipalityCode,
    from: dayText(t.firstDay),
    to: dayText(t.lastDay),
    ads: t.ads,
  })),
});

const toNetworkRow = (n: NetworkSummary): NetworkRow => ({
  id: n.id,
  profileCount: n.profiles.length,
  adCount: n.ads.length,
  municipalityCodes: n.municipalityCodes,
  firstSeen: dayText(n.firstDay),
  lastSeen: dayText(n.lastDay),
  score: n.risk.score,
  weightsVersion: n.risk.weightsVersion,
  contributions: n.risk.contributions,
});

const flowRowsOf = (profiles: readonly ProfileSummary[]): LinkWrite['flows'] =>
  profiles.flatMap((p) => p.flows.map((f) => ({ profileId: p.id, fromCode: f.from, toCode: f.to, day: dayText(f.day) })));

/** Builds what a linking run writes for the prepared ads. */
function buildWrite(
  prepared: PreparedAd[],
  result: LinkResult,
  weights: RiskWeights,
  params: LinkParams,
  coveredIds: string[],
  seedIds: ReadonlySet<string>,
  at: Date,
): LinkWrite {
  const idOfKey = new Map(prepared.map((p) => [p.ad.key, p.adId]));
  const facts = new Map(prepared.map((p) => [p.ad.key, p.facts]));
  const { profiles, networks } = summariseClusters(result, facts, weights);
  return {
    adIds: coveredIds,
    seedIds: [...seedIds],
    signals: prepared
      .filter((p) => seedIds.has(p.adId))
      .flatMap((p) => p.signals.map((s) => ({ adId: p.adId, kind: s.kind, value: s.value }))),
    links: prepared.map((p) => toLinkRow(p, result)),
    edges: toEdgeRows(result, idOfKey),
    profiles: profiles.map(toProfileRow),
    networks: networks.map(toNetworkRow),
    flows: flowRowsOf(profiles),
    paramsVersion: params.version,
    at,
  };
}

export interface LinkRunSummary {
  ads: number;
  profiles: number;
  networks: number;
  edges: number;
  ms: number;
  /** Milliseconds per phase of a rebuild: read (and prepare), link, score, write, statistics. */
  phases?: Record<string, number>;
}

/** Options shared by both paths. */
export interface LinkOptions {
  params?: LinkParams;
  weights?: RiskWeights;
  /** Where a rebuild computes the ads' text facts (e.g. worker threads); inline when absent. Same result either way. */
  texts?: TextFactsSource;
}

/** Ads read per page in a rebuild. */
const REBUILD_PAGE = 5000;
/** Networks summarised per slice in a rebuild (each slice is written while the next is computed). */
const REBUILD_SLICE = 5000;

/** Lets queued database work start (and finished work complete) before more computing. */
const letIoRun = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Rebuilds all linking from the stored ads and the corrections, in one transaction.
 * Audited as link.rebuild.
 *
 * The database and the computing overlap: the next page of ads is read while this one is
 * prepared, and rows are written in order on one connection while the next slice of profiles
 * and networks is scored.
 */
export async function rebuildLinks(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  ctx: RequestContext,
  opts: LinkOptions = {},
): Promise<LinkRunSummary> {
  const params = opts.params ?? DEFAULT_LINK_PARAMS;
  const weights = opts.weights ?? RISK_WEIGHTS;
  const started = Date.now();
  return deps.uow.transaction(async (r) => {
    await r.links.lock();
    const phases: Record<string, number> = {};
    let mark = started;
    const phase = (name: string) => {
      const now = Date.now();
      phases[name] = now - mark;
      mark = now;
    };
    const prepared: PreparedAd[] = [];
    let next = r.links.pageAds(null, REBUILD_PAGE);
    for (;;) {
      const page = await next;
      const last = page[page.length - 1];
      const isLast = page.length < REBUILD_PAGE || last === undefined;
      if (!isLast) {
        next = r.links.pageAds(last.adId, REBUILD_PAGE);
        await letIoRun();
      }
      if (opts.texts) {
        const facts = await opts.texts.textFacts(page);
        page.forEach((row, i) => prepared.push(prepareLinkAd(row, false, facts[i])));
      } else for (const row of page) prepared.push(prepareLinkAd(row, false));
      if (isLast) break;
    }
    phase('read');
    const corrections = toCoreCorrections(await r.links.corrections());
    const result = linkAds(
      prepared.map((p) => p.ad),
      corrections,
      params,
    );
    phase('link');

    await r.links.beginFresh();
    const at = deps.clock.now();
    const meta = { paramsVersion: params.version, at };
    // Writes run in order on the transaction's connection while the next rows are computed.
    // Rows are made when their turn comes, and scoring waits while more than a few slices
    // are queued, so memory stays bounded at a million ads.
    let writes: Promise<void> = Promise.resolve();
    let queued = 0;
    const put = (make: () => FreshRows) => {
      queued++;
      writes = writes.then(async () => {
        await r.links.insertFresh(make(), meta);
        queued--;
      });
      // A failed write is reported by the final await; until then it must not count as unhandled.
      writes.catch(() => undefined);
    };
    for (let i = 0; i < prepared.length; i += 10_000) {
      put(() => {
        const slice = prepared.slice(i, i + 10_000);
        return {
          signals: slice.flatMap((p) => p.signals.map((s) => ({ adId: p.adId, kind: s.kind, value: s.value }))),
          links: slice.map((p) => toLinkRow(p, result)),
        };
      });
    }
    const idOfKey = new Map(prepared.map((p) => [p.ad.key, p.adId]));
    const refused = new Set(result.refused);
    for (let i = 0; i < result.edges.length; i += 10_000) put(() => ({ edges: toEdgeRows(result, idOfKey, refused, i, i + 10_000) }));
    await letIoRun();

    const facts = new Map(prepared.map((p) => [p.ad.key, p.facts]));
    const index = indexClusters(result);
    const networkIds = [...index.profilesOfNetwork.keys()];
    let profileCount = 0;
    let networkCount = 0;
    for (let i = 0; i < networkIds.length; i += REBUILD_SLICE) {
      while (queued > 3) await writes;
      const { profiles, networks } = summariseNetworks(index, facts, weights, networkIds.slice(i, i + REBUILD_SLICE));
      profileCount += profiles.length;
      networkCount += networks.length;
      const rows = { profiles: profiles.map(toProfileRow), networks: networks.map(toNetworkRow), flows: flowRowsOf(profiles) };
      put(() => rows);
      await letIoRun();
    }
    phase('score');
    await writes;
    phase('write');
    await r.links.finishFresh();
    phase('indexes');
    // The dashboard's aggregates (stat_*), from the new linking.
    await r.stats.refreshAll();
    phase('statistics');
    const summary = {
      ads: prepared.length,
      profiles: profileCount,
      networks: networkCount,
      edges: result.edges.filter((e) => idOfKey.has(e.a) && idOfKey.has(e.b)).length,
      ms: Date.now() - started,
    };
    await r.audit.append(
      ctx,
      {
        action: 'link.rebuild',
        outcome: 'success',
        resourceKind: 'link',
        details: { ...summary, params: params.version, weights: weights.version },
      },
      deps.clock.now(),
    );
    return { ...summary, phases };
  });
}

/**
 * The closed neighbourhood of some ads: every ad whose linking may change with theirs.
 * It holds the seeds, the ads that share a value with them (text only when near enough to
 * make an edge), and the whole networks of all these; then, until nothing is missing, the
 * other carriers of any value that is not common. Installation-wide counts of every value
 * decide what is common, so linking the neighbourhood gives what a rebuild gives.
 */
async function neighbourhood(
  links: LinkRepository,
  seedIds: string[],
  params: LinkParams,
): Promise<{ adIds: string[]; counts: Map<string, number>; prepared: PreparedAd[] }> {
  const seeds = [...new Set(seedIds)];
  const inSet = new Set<string>(seeds);
  const prepared = new Map<string, PreparedAd>();
  const counts = new Map<string, number>();
  const cap = Math.max(...Object.values(params.maxAdsPerSignal));
  const capOf = (key: string) => params.maxAdsPerSignal[key.slice(0, key.indexOf('\u0000')) as keyof LinkParams['maxAdsPerSignal']] ?? cap;
  const seedSet = new Set(seeds);
  const load = async () => {
    const missing = [...inSet].filter((id) => !prepared.has(id));
    // Seeds are read from their text; ads linked before from their stored state.
    for (const row of await links.adsByIds(missing.filter((id) => seedSet.has(id)))) prepared.set(row.adId, prepareLinkAd(row));
    const others = missing.filter((id) => !seedSet.has(id));
    const states = await links.linkedStates(others);
    for (const row of states) prepared.set(row.adId, prepareFromState(row));
    // An ad not linked yet (queued beyond this run) is read from its text.
    const unlinked = others.filter((id) => !prepared.has(id));
    for (const row of await links.adsByIds(unlinked)) prepared.set(row.adId, prepareLinkAd(row));
  };
  const addNetworksOf = async (ids: string[]) => {
    for (const id of await links.adsOfNetworks(await links.networksOfAds(ids))) inSet.add(id);
  };
  await load();
  // The seeds' old values too: an ad that dropped a number leaves its old neighbours to re-link.
  const old = await links.signalsOfAds(seeds);
  const seedValues = new Map<string, { kind: string; value: string }>();
  for (const id of seeds) for (const v of prepared.get(id)?.signals ?? []) seedValues.set(`${v.kind}\u0000${v.value}`, v);
  for (const v of old) seedValues.set(`${v.kind}\u0000${v.value}`, v);
  // The seeds' signatures by band key: a text carrier is judged against the seeds that share its key.
  const seedSigsByBand = new Map<string, Uint32Array[]>();
  for (const id of seeds) {
    const p = prepared.get(id);
    if (!p?.ad.text) continue;
    for (const v of p.signals) {
      if (v.kind !== 'text') continue;
      const list = seedSigsByBand.get(v.value);
      if (list) list.push(p.ad.text);
      else seedSigsByBand.set(v.value, [p.ad.text]);
    }
  }
  const found = await links.carriers([...seedValues.values()], cap);
  for (const [k, v] of found) {
    counts.set(k, v.count);
    if (v.count > capOf(k) + 1) continue;
    const isText = k.startsWith('text\u0000');
    const seedSigs = isText ? (seedSigsByBand.get(k.slice(5)) ?? []) : [];
    v.adIds.forEach((id, i) => {
      if (inSet.has(id)) return;
      if (isText) {
        // A shared band alone ties nothing: only texts near enough to make an edge.
        const sig = signatureFromHex(v.textSigs[i] ?? '');
        if (!sig || !seedSigs.some((f) => estimateJaccard(f, sig) >= params.textMinSimilarity)) return;
      }
      inSet.add(id);
    });
  }
  await addNetworksOf([...inSet]);
  for (let round = 0; round < 20; round++) {
    await load();
    // Count every value of the neighbourhood once; a value that is not common and has
    // carriers outside the neighbourhood brings them (and their networks) in.
    const local = new Map<string, number>();
    const valueOf = new Map<string, { kind: string; value: string }>();
    for (const id of inSet) {
      for (const v of prepared.get(id)?.signals ?? []) {
        const k = `${v.kind}\u0000${v.value}`;
        local.set(k, (local.get(k) ?? 0) + 1);
        valueOf.set(k, v);
      }
    }
    // A text band key on one ad of the neighbourhood ties nothing here (and its other carriers
    // are not brought in), so its count does not matter: only shared keys are counted.
    const toCount = new Map<string, { kind: string; value: string }>();
    for (const [k, n] of local) if (!counts.has(k) && (n > 1 || !k.startsWith('text\u0000'))) toCount.set(k, valueOf.get(k)!);
    if (toCount.size > 0) for (const [k, v] of await links.carriers([...toCount.values()], 0)) counts.set(k, v.count);
    const outside = [...local].filter(
      ([k, n]) => !k.startsWith('text\u0000') && (counts.get(k) ?? 0) <= capOf(k) + 1 && (counts.get(k) ?? 0) > n,
    );
    if (outside.length === 0) break;
    const more = await links.carriers(
      outside.map(([k]) => ({ kind: k.slice(0, k.indexOf('\u0000')), value: k.slice(k.indexOf('\u0000') + 1) })),
      cap,
    );
    const added: string[] = [];
    for (const v of more.values()) for (const id of v.adIds) if (!inSet.has(id)) added.push(id);
    if (added.length === 0) break;
    for (const id of added) inSet.add(id);
    await addNetworksOf(added);
  }
  // A seed counts itself: values it carries now that are not yet stored, and not those it dropped.
  const oldOf = new Map<string, string[]>();
  for (const s of old) {
    const k = `${s.kind}\u0000${s.value}`;
    const list = oldOf.get(s.adId);
    if (list) list.push(k);
    else oldOf.set(s.adId, [k]);
  }
  for (const id of seeds) {
    const p = prepared.get(id);
    if (!p) continue;
    const stored = new Set(oldOf.get(id) ?? []);
    const now = new Set(p.signals.map((s) => `${s.kind}\u0000${s.value}`));
    for (const k of now) if (!stored.has(k)) counts.set(k, (counts.get(k) ?? 0) + 1);
    for (const k of stored) if (!now.has(k)) counts.set(k, Math.max(0, (counts.get(k) ?? 1) - 1));
  }
  return { adIds: [...inSet], counts, prepared: [...inSet].map((id) => prepared.get(id)).filter((p): p is PreparedAd => p !== undefined) };
}

/** Re-links the given ads and their neighbourhood in one transaction. */
async function relinkInTransaction(r: Repositories, seeds: string[], params: LinkParams, weights: RiskWeights, at: Date) {
  await r.links.lock();
  const hood = await neighbourhood(r.links, seeds, params);
  const corrections = toCoreCorrections(await r.links.corrections());
  const result = linkAds(
    hood.prepared.map((p) => p.ad),
    corrections,
    params,
    hood.counts,
  );
  const write = buildWrite(hood.prepared, result, weights, params, hood.adIds, new Set(seeds), at);
  await r.links.write(write);
  await r.stats.refreshAds(hood.adIds);
  return { relinked: hood.prepared.length, profiles: write.profiles.length, networks: write.networks.length };
}

/**
 * Links the ads whose linking is missing or out of date (new, edited, new images, seen on
 * a later day), at most `limit` per call. Returns how many ads were pending and the size of
 * the neighbourhood re-linked.
 */
export async function linkPendingAds(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  opts: LinkOptions & { limit?: number } = {},
): Promise<{ pending: number; relinked: number; profiles: number; networks: number }> {
  const params = opts.params ?? DEFAULT_LINK_PARAMS;
  const weights = opts.weights ?? RISK_WEIGHTS;
  return deps.uow.transaction(async (r: Repositories) => {
    // Under the lock: another run may have linked (and dequeued) these ads meanwhile.
    await r.links.lock();
    const pending = await r.links.pendingAdIds(opts.limit ?? 5000);
    if (pending.length === 0) return { pending: 0, relinked: 0, profiles: 0, networks: 0 };
    return { pending: pending.length, ...(await relinkInTransaction(r, pending, params, weights, deps.clock.now())) };
  });
}

/** Re-links these ads and their neighbourhood now (after a correction names them). */
export async function relinkAds(deps: Pick<AppDeps, 'uow' | 'clock'>, adIds: string[], opts: LinkOptions = {}) {
  const params = opts.params ?? DEFAULT_LINK_PARAMS;
  const weights = opts.weights ?? RISK_WEIGHTS;
  return deps.uow.transaction((r) => relinkInTransaction(r, adIds, params, weights, deps.clock.now()));
}

/** Links every pending ad, in rounds (a signal stops it between rounds). */
export async function linkAllPending(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  opts: LinkOptions & { limit?: number; signal?: AbortSignal } = {},
): Promise<number> {
  let total = 0;
  for (;;) {
    if (opts.signal?.aborted) return total;
    const r = await linkPendingAds(deps, opts);
    total += r.pending;
    if (r.pending === 0) return total;
  }
}
