/**
 * Imports ad observations (AdRecords from a file, a crawl or the demo market) through the
 * one pipeline: extract (pure core) → store idempotently → audit, in one transaction per batch.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { adContentHash } from '../../core/ads/content-hash';
import { extractAd, INDICATOR_LEXICON_VERSION } from '../../core/extract';
import type { AdObservationInput, AppDeps, ObservationCounts, RequestContext, SourceRow } from '../ports';

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

/** Turns one record into a stored observation, running extraction with the source's region. */
export function toObservation(r: AdRecordLike, src: SourceRow, isDemo: boolean): AdObservationInput {
  const content = {
    title: r.title,
    body: r.body,
    location: r.location ?? null,
    phoneField: r.phoneField ?? null,
    statedAge: r.age ?? null,
  };
  const extraction = extractAd(
    { title: r.title, body: r.body, location: r.location, phoneField: r.phoneField, age: r.age },
    { region: src.defaultRegion as CountryCode },
  );
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

/**
 * Imports one batch. Unknown sources are created with kind "other" (an administrator can
 * correct them). Idempotent: the same records again add nothing.
 */
export async function importAdRecords(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  ctx: RequestContext,
  records: readonly AdRecordLike[],
  opts: { isDemo: boolean; knownSources?: Map<string, SourceRow> },
): Promise<ImportResult> {
  const sources = opts.knownSources ?? new Map((await deps.uow.transaction((r) => r.ads.listSources())).map((s) => [s.id, s]));
  const created: SourceRow[] = [];
  for (const r of records) {
    if (!sources.has(r.source)) {
      const row: SourceRow = { id: r.source, name: r.source, kind: 'other', defaultRegion: 'SE', baseUrl: null, isDemo: opts.isDemo };
      sources.set(r.source, row);
      created.push(row);
    }
  }
  const observations = records.map((r) => toObservation(r, sources.get(r.source)!, opts.isDemo));
  const now = deps.clock.now();
  const counts = await deps.uow.transaction(async (repos) => {
    await repos.ads.upsertSources(created);
    const c = await repos.ads.applyObservations(observations);
    await repos.audit.append(
      ctx,
      { action: 'ad.import', outcome: 'success', resourceKind: 'ad', details: { records: records.length, ...c, isDemo: opts.isDemo } },
      now,
    );
    return c;
  });
  return { ...counts, records: records.length, sourcesCreated: created.map((s) => s.id) };
}
