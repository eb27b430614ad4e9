/**
 * One crawl of one source: start a run (only one per source at a time), read the site
 * through the crawler, store every observation through the import pipeline as it arrives,
 * and, only when the crawl was complete, infer removals and link reposts. Audited.
 */
import type { AdRecord } from '../../contracts/ad-record';
import type { SiteConfig } from '../../contracts/site-config';
import { DomainError } from '../../core/shared/errors';
import type {
  CrawlCounts,
  CrawlRunRow,
  CrawlStatus,
  EvidenceStore,
  PageCapture,
  RunnerInfo,
  SiteCrawler,
  SourceKind,
  SourceRow,
} from './ports';
import type { AppDeps, RequestContext } from '../shared/ports';
import { importAdRecords } from './import-ad-records';
import { linkAllPending } from './link-ads';
import { IMAGE_CONCURRENCY, storeAdImages } from './store-ad-images';

/** The source kind stored for each site kind. */
export const SOURCE_KIND_OF_SITE: Record<SiteConfig['kind'], SourceKind> = {
  'escort-portal': 'escort',
  classifieds: 'classifieds',
  'sugar-dating': 'sugar',
  other: 'other',
};

/** A run without a heartbeat for this long belonged to a process that died. */
export const STALE_RUN_MS = 10 * 60_000;
const BATCH = 50;
const FLUSH_MS = 1_000;

export interface CrawlSourceOptions {
  baseUrl?: string;
  trigger: 'cli' | 'schedule' | 'web' | 'test';
  isPolitenessOff?: boolean;
  onProgress?(counts: CrawlCounts): void;
}

export async function crawlSource(
  deps: Pick<AppDeps, 'uow' | 'clock'> & { crawler: SiteCrawler; runner: RunnerInfo; evidence: EvidenceStore },
  ctx: RequestContext,
  config: SiteConfig,
  opts: CrawlSourceOptions,
): Promise<CrawlRunRow> {
  const src: SourceRow = {
    id: config.source,
    name: config.name,
    kind: SOURCE_KIND_OF_SITE[config.kind],
    defaultRegion: config.defaultRegion,
    baseUrl: opts.baseUrl ?? config.baseUrl,
    isDemo: config.isDemo,
  };
  const started = deps.clock.now();
  const run = await deps.uow.transaction(async (r) => {
    await r.ads.upsertSources([src]);
    // A run whose process died (SIGKILL, power loss) is interrupted at once when it ran on
    // this host; elsewhere when its heartbeat is older than STALE_RUN_MS.
    const isDead = (host: string | null, pid: number | null) =>
      host === deps.runner.host && pid !== null && !deps.runner.isAlive(host, pid);
    const interrupted = await r.crawlRuns.interruptStale(src.id, new Date(started.getTime() - STALE_RUN_MS), started, isDead);
    if (interrupted)
      await r.audit.append(
        ctx,
        { action: 'crawl.interrupted', outcome: 'success', resourceKind: 'source', resourceId: src.id, details: { runs: interrupted } },
        started,
      );
    return r.crawlRuns.start(src.id, opts.trigger, started, { host: deps.runner.host, pid: deps.runner.pid });
  });
  if (!run) throw new DomainError('CONFLICT', `a crawl of ${src.id} is already running`);

  const counts: CrawlCounts = { pages: 0, ads: 0, newAds: 0, changedAds: 0, removedAds: 0, reposts: 0, errors: 0 };
  const known = new Map([[src.id, src]]);
  let batch: { record: AdRecord; captureIds: string[] }[] = [];
  const imageErrors: string[] = [];

  /** Keeps a fetched response as evidence (WARC) and records where; returns the capture id. */
  const keep = async (page: PageCapture): Promise<string> => {
    const [loc] = await deps.evidence.capture([page]);
    const [id] = await deps.uow.transaction((r) =>
      r.evidence.insertCaptures([{ ...loc!, sourceId: src.id, status: page.status, crawlRunId: run.id }]),
    );
    return id!;
  };

  /** Downloads the images of these records that their ads do not have yet; stores, hashes and links them. */
  const fetchImages = async (items: AdRecord[]) => {
    const imageCaptures: { captureId: string; sourceId: string; externalId: string }[] = [];
    const result = await storeAdImages(
      deps,
      items.flatMap((rec) =>
        rec.images.map((img) => ({
          sourceId: src.id,
          externalId: rec.externalId,
          url: img.url,
          load: async () => {
            const page = await deps.crawler.fetchFile(config, img.url, { isPolitenessOff: opts.isPolitenessOff ?? false });
            const captureId = await keep(page);
            if (page.status !== 200) throw new Error(`answered ${page.status}`);
            imageCaptures.push({ captureId, sourceId: src.id, externalId: rec.externalId });
            return page.body;
          },
        })),
      ),
      // No more requests at a time to the site than its politeness allows.
      { concurrency: opts.isPolitenessOff ? IMAGE_CONCURRENCY : Math.min(IMAGE_CONCURRENCY, config.politeness.concurrency) },
    );
    await deps.uow.transaction((r) => r.evidence.linkCaptures(imageCaptures));
    // A missing image does not make the crawl incomplete: the ad itself was seen.
    imageErrors.push(...result.problems);
  };
  let lastFlush = started.getTime();
  const flush = async () => {
    lastFlush = deps.clock.now().getTime();
    if (!batch.length) return;
    const items = batch;
    batch = [];
    const res = await importAdRecords(
      deps,
      ctx,
      items.map((i) => i.record),
      { isDemo: src.isDemo, knownSources: known },
    );
    const links = items.flatMap((i) => i.captureIds.map((captureId) => ({ captureId, sourceId: src.id, externalId: i.record.externalId })));
    await deps.uow.transaction((r) => r.evidence.linkCaptures(links));
    await fetchImages(items.map((i) => i.record));
    counts.newAds += res.newAds;
    counts.changedAds += res.changedAds;
    await deps.uow.transaction((r) => r.crawlRuns.progress(run.id, counts, deps.clock.now()));
    opts.onProgress?.({ ...counts });
  };

  let status: CrawlStatus = 'failed';
  let errorSample: string[] = [];
  try {
    const result = await deps.crawler.crawl(config, {
      ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
      ...(opts.isPolitenessOff ? { isPolitenessOff: true } : {}),
      onPage: keep,
      onRecord: async (record, pageKeys) => {
        batch.push({ record, captureIds: pageKeys });
        // Commit often on slow (polite) crawls too, so a crash loses at most about a second of work.
        if (batch.length >= BATCH || deps.clock.now().getTime() - lastFlush >= FLUSH_MS) await flush();
      },
      onProgress: (p) => {
        counts.pages = p.pages;
        counts.ads = p.ads;
        counts.errors = p.errors;
        opts.onProgress?.({ ...counts });
      },
    });
    await flush();
    counts.pages = result.pages;
    counts.ads = result.ads;
    counts.errors = result.errors;
    errorSample = [...result.errorMessages, ...imageErrors].slice(0, 20);
    if (result.isComplete) {
      // Only a complete crawl may say an ad is gone, and a crawl that saw far fewer ads than the
      // source has is not complete (an empty answer, a changed page, a blocked crawler).
      const now = deps.clock.now();
      const thin = await deps.uow.transaction(async (r) => {
        const { live, seen } = await r.ads.sightingCounts(src.id, run.startedAt);
        if (seen < live * config.minSeenShareForRemovals)
          return `saw ${seen} of ${live} ads, fewer than the ${Math.round(config.minSeenShareForRemovals * 100)} % the source needs (minSeenShareForRemovals): no removals inferred`;
        counts.removedAds = await r.ads.markMissed(src.id, run.startedAt, config.removedAfterMissedCrawls, now);
        counts.reposts = await r.ads.linkReposts(src.id, run.startedAt);
        return null;
      });
      if (thin) errorSample = [thin, ...errorSample].slice(0, 20);
      status = thin ? 'incomplete' : 'complete';
    } else status = 'incomplete';
  } catch (err) {
    errorSample = [err instanceof Error ? err.message.split('\n')[0]! : 'crawl failed'];
    throw err;
  } finally {
    const now = deps.clock.now();
    await deps.uow.transaction(async (r) => {
      await r.crawlRuns.finish(run.id, status, counts, errorSample, now);
      await r.audit.append(
        ctx,
        {
          action: 'crawl.run',
          outcome: status === 'failed' ? 'failure' : 'success',
          resourceKind: 'source',
          resourceId: src.id,
          details: { runId: run.id, status, ...counts },
        },
        now,
      );
    });
    opts.onProgress?.({ ...counts });
  }
  // New and changed ads join their profiles and networks at once.
  await linkAllPending(deps);
  return { ...run, ...counts, status, finishedAt: deps.clock.now(), errorSample };
}
