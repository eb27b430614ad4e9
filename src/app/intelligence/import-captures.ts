/**
 * Imports pages captured elsewhere (WARC files) through the crawl's pipeline: each page is
 * kept as evidence in Fyren's own store, its records are stored idempotently, and the
 * capture is linked to the ads it shows.
 */
import type { AdRecord } from '../../contracts/ad-record';
import type { EvidenceStore, ObservationCounts, PageCapture, SourceRow } from './ports';
import type { AppDeps, RequestContext } from '../shared/ports';
import { importAdRecords } from './import-ad-records';

export interface CapturedPage {
  page: PageCapture;
  records: AdRecord[];
}

export async function importCapturedPages(
  deps: Pick<AppDeps, 'uow' | 'clock'> & { evidence: EvidenceStore },
  ctx: RequestContext,
  source: SourceRow,
  pages: CapturedPage[],
): Promise<ObservationCounts & { pages: number; records: number }> {
  await deps.uow.transaction((r) => r.ads.upsertSources([source]));
  const locations = await deps.evidence.capture(pages.map((p) => p.page));
  const ids = await deps.uow.transaction((r) =>
    r.evidence.insertCaptures(
      locations.map((loc, i) => ({ ...loc, sourceId: source.id, status: pages[i]!.page.status, crawlRunId: null })),
    ),
  );
  const records = pages.flatMap((p) => p.records);
  const counts = records.length
    ? await importAdRecords(deps, ctx, records, { isDemo: source.isDemo, knownSources: new Map([[source.id, source]]) })
    : { newAds: 0, newObservations: 0, changedAds: 0 };
  const links = pages.flatMap((p, i) => p.records.map((r) => ({ captureId: ids[i]!, sourceId: source.id, externalId: r.externalId })));
  await deps.uow.transaction((r) => r.evidence.linkCaptures(links));
  return {
    newAds: counts.newAds,
    newObservations: counts.newObservations,
    changedAds: counts.changedAds,
    pages: pages.length,
    records: records.length,
  };
}
