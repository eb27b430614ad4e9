/**
 * The demo market in the product: on a first start with an empty database Fyren loads a
 * small generated market so there is something true-to-life to look at. Every demo source
 * and ad is flagged is_demo and shown with a DEMO label; `fyren demo reset` removes them.
 */
import { DEMO_SOURCES } from '../../core/market/types';
import { SOURCE_ORIGINS, simulateMarket } from '../../core/market/simulate-market';
import type { AppDeps, EvidenceStore, RequestContext, SourceKind, SourceRow } from '../ports';
import { removeEvidenceFiles } from '../retention/run-retention';
import { importAdRecords, type AdRecordLike, type SeenContent } from '../intelligence/import-ad-records';
import { linkAllPending } from '../intelligence/link-ads';

export const DEMO_STATE_KEY = 'demo.state';
export type DemoState = { state: 'loaded'; at: string; ads: number } | { state: 'removed'; at: string };

const DEMO_SOURCE_ROWS: Record<(typeof DEMO_SOURCES)[number], { name: string; kind: SourceKind }> = {
  'demo-portal': { name: 'DEMO Eskortportal', kind: 'escort' },
  'demo-classifieds': { name: 'DEMO Annonssajt', kind: 'classifieds' },
  'demo-sugar': { name: 'DEMO Sugardejting', kind: 'sugar' },
};

export interface DemoLoadOptions {
  seed?: number;
  persons?: number;
  days?: number;
  /** Only load when the database has no ads and the demo was never loaded or removed. */
  isFirstStartOnly: boolean;
}

export async function loadDemoMarket(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  opts: DemoLoadOptions,
): Promise<{ isLoaded: boolean; reason: string; ads?: number; observations?: number }> {
  if (opts.isFirstStartOnly) {
    const [state, ads] = await deps.uow.transaction(
      async (r) => [await r.settings.get<DemoState>(DEMO_STATE_KEY), await r.ads.count()] as const,
    );
    if (state) return { isLoaded: false, reason: `demo data was ${state.state} on ${state.at}` };
    if (ads > 0) return { isLoaded: false, reason: 'the database already has ads' };
  }
  const days = opts.days ?? 21;
  const today = deps.clock.now();
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - days));
  const sources: SourceRow[] = DEMO_SOURCES.map((id) => ({
    id,
    ...DEMO_SOURCE_ROWS[id],
    defaultRegion: 'SE',
    baseUrl: SOURCE_ORIGINS[id] ?? null,
    isDemo: true,
  }));
  await deps.uow.transaction((r) => r.ads.upsertSources(sources));
  const known = new Map(sources.map((s) => [s.id, s]));
  const seenContent: SeenContent = new Map();
  const ctx: RequestContext = { actor: null, requestId: 'demo-load' };
  let batch: AdRecordLike[] = [];
  let observations = 0;
  let newAds = 0;
  const flush = async () => {
    if (!batch.length) return;
    const res = await importAdRecords(deps, ctx, batch, { isDemo: true, knownSources: known, seenContent });
    observations += res.newObservations;
    newAds += res.newAds;
    batch = [];
  };
  for (const item of simulateMarket({
    seed: opts.seed ?? 2017,
    persons: opts.persons ?? 80,
    days,
    startDate: start.toISOString().slice(0, 10),
  })) {
    if (item.kind !== 'observation') continue;
    batch.push(item.record);
    if (batch.length >= 500) await flush();
  }
  await flush();
  await linkAllPending(deps);
  const at = deps.clock.now().toISOString();
  await deps.uow.transaction((r) =>
    r.settings.set(DEMO_STATE_KEY, { state: 'loaded', at, ads: newAds } satisfies DemoState, deps.clock.now()),
  );
  return { isLoaded: true, reason: 'loaded', ads: newAds, observations };
}

/**
 * Removes every demo ad and demo source, with their captures and images, and remembers not
 * to load the demo again.
 */
export async function resetDemoData(
  deps: Pick<AppDeps, 'uow' | 'clock'> & { evidence: EvidenceStore },
  ctx: RequestContext,
): Promise<{ adsRemoved: number }> {
  const now = deps.clock.now();
  const { adsRemoved, deletedImages, affectedWarcFiles } = await deps.uow.transaction(async (r) => {
    const detached = await r.evidence.detachAds(await r.ads.demoAdIds());
    const removed = await r.ads.deleteDemo();
    const adsRemoved = removed.ads;
    await r.settings.set(DEMO_STATE_KEY, { state: 'removed', at: now.toISOString() } satisfies DemoState, now);
    await r.audit.append(
      ctx,
      { action: 'demo.reset', outcome: 'success', resourceKind: 'ad', details: { adsRemoved, images: detached.deletedImages.length } },
      now,
    );
    return {
      adsRemoved,
      deletedImages: detached.deletedImages,
      affectedWarcFiles: [...new Set([...detached.affectedWarcFiles, ...removed.warcFiles])],
    };
  });
  await removeEvidenceFiles(deps, deletedImages, affectedWarcFiles);
  return { adsRemoved };
}
