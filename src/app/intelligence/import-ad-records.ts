/**
 * Imports ad observations (AdRecords from a file, a crawl or the demo market) through the
 * one pipeline: extract (pure core) → store idempotently → audit, in one transaction per batch.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { adContentHash } from '../../core/ads/content-hash';
import { extractAd, INDICATOR_LEXICON_VERSION, type Extraction, type ExtractInput } from '../../core/extract';
import type { AdObservationInput, AppDeps, Extractor, ObservationCounts, RequestContext, SourceRow } from '../ports';

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

const extractInput = (r: AdRecordLike): ExtractInput => ({
  title: r.title,
  body: r.body,
  location: r.location,
  phoneField: r.phoneField,
  age: r.age,
});

/** Extraction run inline, in this thread. */
export const inlineExtractor: Extractor = {
  extractMany: async (items) => items.map((i) => extractAd(i.input, { region: i.region as CountryCode })),
};

/** Turns one record into a stored observation, running extraction with the source's region. */
export function toObservation(r: AdRecordLike, src: SourceRow, isDemo: boolean, given?: Extraction): AdObservationInput {
  const content = {
    title: r.title,
    body: r.body,
    location: r.location ?? null,
    phoneField: r.phoneField ?? null,
    statedAge: r.age ?? null,
  };
  const extraction = given ?? extractAd(extractInput(r), { region: src.defaultRegion as CountryCode });
  return {
    sourceId: r.source,
    externalId: r.externalId,
    url: r.url,
    observedAt: new Date(r.observedAt),
    postedAt: r.postedAt ? new Date(r.postedAt) : null,
    ...content,
    contentHash: adContentHash(content),
    phones: [...new Set(extraction.phones.map((p) => p.value.e164))],
    municipalityCode: extraction.municipality?.value.municipality.code ?? null,
    extraction: extraction as unknown as Record<string, unknown>,
    extractionVersion: INDICATOR_LEXICON_VERSION,
    isDemo,
  };
}

export interface PreparedBatch {
  records: number;
  created: SourceRow[];
  observations: AdObservationInput[];
}

/**
 * The CPU half of an import: extraction and observation building. Kept apart from the
 * store step so a caller can extract the next batch (on other cores) while this one is
 * written.
 */
export async function prepareAdRecords(
  deps: Pick<AppDeps, 'uow'> & { extractor?: Extractor },
  records: readonly AdRecordLike[],
  opts: { isDemo: boolean; knownSources?: Map<string, SourceRow> },
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
  const extractions = await (deps.extractor ?? inlineExtractor).extractMany(
    records.map((r) => ({ input: extractInput(r), region: sources.get(r.source)!.defaultRegion })),
  );
  return {
    records: records.length,
    created,
    observations: records.map((r, i) => toObservation(r, sources.get(r.source)!, opts.isDemo, extractions[i])),
  };
}

/** The store half of an import: one transaction, audited. */
export async function storePreparedBatch(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  ctx: RequestContext,
  batch: PreparedBatch,
  isDemo: boolean,
): Promise<ImportResult> {
  const now = deps.clock.now();
  const counts = await deps.uow.transaction(async (repos) => {
    await repos.ads.upsertSources(batch.created);
    const c = await repos.ads.applyObservations(batch.observations);
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
  opts: { isDemo: boolean; knownSources?: Map<string, SourceRow> },
): Promise<ImportResult> {
  return storePreparedBatch(deps, ctx, await prepareAdRecords(deps, records, opts), opts.isDemo);
}
