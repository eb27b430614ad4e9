/**
 * The demo market in the product: on a first start with an empty database Fyren loads a
 * small generated market so there is something true-to-life to look at. Every demo source
 * and ad is flagged is_demo and shown with a DEMO label; `fyren demo reset` removes them.
 */
import { DEMO_SOURCES } from '../../core/market/types';
import { DomainError } from '../../core/shared/errors';
import { SOURCE_ORIGINS, simulateMarket } from '../../core/market/simulate-market';
import type { EvidenceStore, SourceKind, SourceRow } from '../intelligence/ports';
import type { AppDeps, RequestContext } from '../shared/ports';
import { removeEvidenceFiles } from '../retention/run-retention';
import { importAdRecords, type AdRecordLike, type SeenContent } from '../intelligence/import-ad-records';
import { linkAllPending } from '../intelligence/link-ads';
import { storeAdImages } from '../intelligence/store-ad-images';

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
  /**
   * Whether the installation has a live SMS gateway configured (46elks). The demo's numbers are
   * random and may be real people's, so the demo is never loaded next to a live gateway.
   */
  hasLiveSmsGateway: boolean;
}

/** The message a demo load next to a live SMS gateway gets. */
export const DEMO_WITH_LIVE_SMS =
  "a live SMS gateway is configured (FYREN_SMS_PROVIDER=46elks): the demo is never loaded into an installation that can send real SMS, since its phone numbers are random and may be real people's";

export async function loadDemoMarket(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  opts: DemoLoadOptions,
): Promise<{ isLoaded: boolean; reason: string; ads?: number; observations?: number; images?: DemoImage[] }> {
  if (opts.hasLiveSmsGateway) throw new DomainError('DEMO_SMS_REFUSED', DEMO_WITH_LIVE_SMS);
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
  const images = new Map<string, DemoImage>();
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
    for (const img of item.record.images) {
      const imageId = DEMO_IMAGE_PATH.exec(new URL(img.url).pathname)?.[1];
      const key = `${item.record.source}\u0000${item.record.externalId}\u0000${img.url}`;
      if (imageId) images.set(key, { sourceId: item.record.source, externalId: item.record.externalId, url: img.url, imageId });
    }
    if (batch.length >= 500) await flush();
  }
  await flush();
  await linkAllPending(deps);
  const at = deps.clock.now().toISOString();
  await deps.uow.transaction((r) =>
    r.settings.set(DEMO_STATE_KEY, { state: 'loaded', at, ads: newAds } satisfies DemoState, deps.clock.now()),
  );
  return { isLoaded: true, reason: 'loaded', ads: newAds, observations, images: [...images.values()] };
}

/** A picture of a demo ad: where the demo site serves it, and the id that renders it. */
export interface DemoImage {
  sourceId: string;
  externalId: string;
  url: string;
  /** Synthetic picture id ("ph-P000001-1.r"): abstract shapes, never a person. */
  imageId: string;
}

/** Demo sites serve pictures at /img/<imageId>.jpg (src/core/market/simulate-market.ts imagePath). */
const DEMO_IMAGE_PATH = /^\/img\/([^/]+)\.jpg$/;

/**
 * Stores the demo ads' pictures (rendered, not fetched: the demo sites need not run) in the
 * evidence store, then links the ads again so shared pictures count. Slow (a few hundred
 * pictures), so the server runs it in the background after a first-start demo load. Stops
 * between batches when `signal` aborts.
 */
export async function storeDemoImages(
  deps: Pick<AppDeps, 'uow' | 'clock'> & { evidence: EvidenceStore },
  images: readonly DemoImage[],
  render: (imageId: string) => Promise<Buffer>,
  opts: { signal?: AbortSignal; batchSize?: number } = {},
): Promise<{ stored: number; problems: string[]; isComplete: boolean }> {
  const size = opts.batchSize ?? 50;
  let stored = 0;
  const problems: string[] = [];
  // Many ads show the same picture: in id order, each one is rendered once.
  const ordered = [...images].sort((a, b) => (a.imageId < b.imageId ? -1 : a.imageId > b.imageId ? 1 : 0));
  let last: { imageId: string; bytes: Promise<Buffer> } | null = null;
  const load = (imageId: string): Promise<Buffer> => {
    if (last?.imageId !== imageId) last = { imageId, bytes: render(imageId) };
    return last.bytes;
  };
  for (let i = 0; i < ordered.length; i += size) {
    if (opts.signal?.aborted) return { stored, problems, isComplete: false };
    const r = await storeAdImages(
      deps,
      ordered.slice(i, i + size).map((img) => ({ ...img, load: () => load(img.imageId) })),
    );
    stored += r.stored;
    problems.push(...r.problems);
  }
  if (opts.signal?.aborted) return { stored, problems, isComplete: false };
  await linkAllPending(deps);
  return { stored, problems, isComplete: true };
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
    // Outreach records made on demo people are practice, not casework: they go with the demo.
    const outreach = await r.outreach.deleteForSources([...DEMO_SOURCES]);
    const removed = await r.ads.deleteDemo();
    await r.stats.refreshAll();
    const demand = await r.demand.deleteDemo();
    const adsRemoved = removed.ads;
    await r.settings.set(DEMO_STATE_KEY, { state: 'removed', at: now.toISOString() } satisfies DemoState, now);
    await r.audit.append(
      ctx,
      {
        action: 'demo.reset',
        outcome: 'success',
        resourceKind: 'ad',
        details: {
          adsRemoved,
          images: detached.deletedImages.length,
          outreachContacts: outreach.contacts,
          smsMessages: outreach.messages,
          demandAccounts: demand.accounts,
          demandEvents: demand.events,
        },
      },
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
