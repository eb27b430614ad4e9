/**
 * Imports ad observations (AdRecords from a file, a crawl or the demo market) through the
 * one pipeline: extract (pure core) → store idempotently → audit, in one transaction per batch.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { adContentHash } from '../../core/ads/content-hash';
import { extractAd, INDICATOR_LEXICON_VERSION, type Extraction, type ExtractInput } from '../../core/extract';
import type { AdExtracted, AdObservationInput, Extractor, ObservationCounts, SourceRow } from './ports';
import type { AppDeps, RequestContext } from '../shared/ports';

/** The fields of an AdRecord the pipeline stores (docs/formats.md). */
export interface AdRecordLike {
  source: string;
  externalId: string;
  url: string;
  observedAt: string;
  postedAt?: string | undefined;
  title: string;
  body: string;
  location?: string | undefined;
  phoneField?: string | undefined;
  age?: number | undefined;
}

export interface ImportResult extends ObservationCounts {
  records: number;
  /** Source ids first seen in this batch and created with kind "other". */
  sourcesCreated: string[];
}

/** Extraction run inline, in this thread. */
export const inlineExtractor: Extractor = {
  extractMany: async (items) => items.map((i) => extractAd(i.input, { region: i.region as CountryCode })),
};

/** What extraction reads of an observation. */
const extractInput = (o: AdObservationInput): ExtractInput => ({
  title: o.title ?? undefined,
  body: o.body ?? '',
  location: o.location ?? undefined,
  phoneField: o.phoneField ?? undefined,
  age: o.statedAge ?? undefined,
});

/** The stored form of an extraction. */
export function toExtracted(extraction: Extraction): AdExtracted {
  return {
    phones: [...new Set(extraction.phones.map((p) => p.value.e164))],
    municipalityCode: extraction.municipality?.value.municipality.code ?? null,
    extraction: extraction as unknown as Record<string, unknown>,
  };
}

/** Turns one record into an observation to store, not yet extracted. */
export function toObservation(r: AdRecordLike, isDemo: boolean): AdObservationInput {
  const content = {
    title: r.title,
    body: r.body,
    location: r.location ?? null,
    phoneField: r.phoneField ?? null,
    statedAge: r.age ?? null,
  };
  return {
    sourceId: r.source,
    externalId: r.externalId,
    url: r.url,
    observedAt: new Date(r.observedAt),
    postedAt: r.postedAt ? new Date(r.postedAt) : null,
    ...content,
    contentHash: adContentHash(content),
    extracted: null,
    extractionVersion: INDICATOR_LEXICON_VERSION,
    isDemo,
  };
}

/**
 * Per ad (source, external id): the content hash and time (ms) of the newest observation an
 * import has prepared so far. Lets later batches skip extraction of a re-sighting with the
 * same content. A hint only: the store extracts whatever it finds it needs after all.
 */
export type SeenContent = Map<string, { contentHash: string; observedAt: number }>;

export interface PrepareOptions {
  isDemo: boolean;
  /** Sources by id, kept across the batches of one import (sources a batch creates are added). */
  knownSources?: Map<string, SourceRow>;
  /** Kept across the batches of one import; about 200 bytes per distinct ad. */
  seenContent?: SeenContent;
}

export interface PreparedBatch {
  records: number;
  created: SourceRow[];
  observations: AdObservationInput[];
  /** The phone region of each source in the batch, for extraction the store asks for. */
  regions: Map<string, string>;
}

/**
 * The CPU half of an import: observation building and extraction. Kept apart from the
 * store step so a caller can extract the next batch (on other cores) while this one is
 * written. Only an ad's newest observation in the batch is extracted (only it can become
 * the ad's content), and not even that when `seenContent` shows the same content.
 */
export async function prepareAdRecords(
  deps: Pick<AppDeps, 'uow'> & { extractor?: Extractor },
  records: readonly AdRecordLike[],
  opts: PrepareOptions,
): Promise<PreparedBatch> {
  const sources = opts.knownSources ?? new Map((await deps.uow.transaction((r) => r.ads.listSources())).map((s) => [s.id, s]));
  const created: SourceRow[] = [];
  for (const r of records) {
    if (!sources.has(r.source)) {
      const row: SourceRow = { id: r.source, name: r.source, kind: 'other', defaultRegion: 'SE', baseUrl: null, isDemo: opts.isDemo };
      sources.set(r.source, row);
      created.push(row);
    }
  }
  const regions = new Map(records.map((r) => [r.source, sources.get(r.source)!.defaultRegion]));
  const observations = records.map((r) => toObservation(r, opts.isDemo));
  // The newest observation per ad; the later line wins a tie, as in the store.
  const newest = new Map<string, AdObservationInput>();
  for (const o of observations) {
    const key = `${o.sourceId}\u0000${o.externalId}`;
    const cur = newest.get(key);
    if (!cur || o.observedAt >= cur.observedAt) newest.set(key, o);
  }
  const toExtract: AdObservationInput[] = [];
  for (const [key, o] of newest) {
    const at = o.observedAt.getTime();
    const seen = opts.seenContent?.get(key);
    if (!seen || (seen.contentHash !== o.contentHash && seen.observedAt <= at)) toExtract.push(o);
    if (opts.seenContent && (!seen || at >= seen.observedAt)) opts.seenContent.set(key, { contentHash: o.contentHash, observedAt: at });
  }
  await extractInto(deps.extractor ?? inlineExtractor, toExtract, regions);
  return { records: records.length, created, observations, regions };
}

async function extractInto(extractor: Extractor, observations: AdObservationInput[], regions: Map<string, string>): Promise<AdExtracted[]> {
  const extractions = await extractor.extractMany(
    observations.map((o) => ({ input: extractInput(o), region: regions.get(o.sourceId) ?? 'SE' })),
  );
  return observations.map((o, i) => (o.extracted = toExtracted(extractions[i]!)));
}

/** The store half of an import: one transaction, audited. */
export async function storePreparedBatch(
  deps: Pick<AppDeps, 'uow' | 'clock'> & { extractor?: Extractor },
  ctx: RequestContext,
  batch: PreparedBatch,
  isDemo: boolean,
): Promise<ImportResult> {
  const now = deps.clock.now();
  // Observations prepared without extraction whose content the store needs after all (e.g. another import changed the ad meanwhile).
  const extract = (observations: AdObservationInput[]) => extractInto(deps.extractor ?? inlineExtractor, observations, batch.regions);
  const counts = await deps.uow.transaction(async (repos) => {
    await repos.ads.upsertSources(batch.created);
    const c = await repos.ads.applyObservations(batch.observations, { extract });
    await repos.audit.append(
      ctx,
      { action: 'ad.import', outcome: 'success', resourceKind: 'ad', details: { records: batch.records, ...c, isDemo } },
      now,
    );
    return c;
  });
  return { ...counts, records: batch.records, sourcesCreated: batch.created.map((s) => s.id) };
}

/**
 * Imports one batch. Unknown sources are created with kind "other" (an administrator can
 * correct them). Idempotent: the same records again add nothing.
 */
export async function importAdRecords(
  deps: Pick<AppDeps, 'uow' | 'clock'> & { extractor?: Extractor },
  ctx: RequestContext,
  records: readonly AdRecordLike[],
  opts: PrepareOptions,
): Promise<ImportResult> {
  return storePreparedBatch(deps, ctx, await prepareAdRecords(deps, records, opts), opts.isDemo);
}

/**
 * Imports batches the way `fyren import` does: while one batch is stored (and `onStored`
 * runs, e.g. for its images), the next one is extracted, on worker threads when the
 * extractor is a pool. Batches are stored in order; the first failure stops the import.
 */
export async function importAdRecordBatches<B extends readonly AdRecordLike[]>(
  deps: Pick<AppDeps, 'uow' | 'clock'> & { extractor?: Extractor },
  ctx: RequestContext,
  batches: AsyncIterable<B> | Iterable<B>,
  opts: PrepareOptions,
  onStored?: (records: B, result: ImportResult) => Promise<void> | void,
): Promise<void> {
  const options = { ...opts, knownSources: opts.knownSources ?? new Map(), seenContent: opts.seenContent ?? new Map() };
  if (!opts.knownSources) for (const s of await deps.uow.transaction((r) => r.ads.listSources())) options.knownSources.set(s.id, s);
  type Step = { records: B; prepared: Promise<PreparedBatch> };
  const store = async ({ records, prepared }: Step) => {
    const result = await storePreparedBatch(deps, ctx, await prepared, options.isDemo);
    await onStored?.(records, result);
  };
  let previous: Step | null = null;
  let next: Step | null = null;
  try {
    for await (const records of batches) {
      if (!records.length) continue;
      next = { records, prepared: prepareAdRecords(deps, records, options) };
      // Awaited in store(); until then a failure must not count as unhandled.
      next.prepared.catch(() => undefined);
      if (previous) await store(previous);
      previous = next;
      next = null;
    }
    if (previous) await store(previous);
  } finally {
    // On failure, let an extraction still running finish before the caller closes its pool.
    await next?.prepared.catch(() => undefined);
  }
}
