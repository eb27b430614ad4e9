/** What the web app shows of sources and crawls, and who may start one. */
import { authorize } from '../identity/authorize';
import type { CrawlRunRow } from './ports';
import type { AppDeps, RequestContext } from '../shared/ports';

export async function listCrawlRuns(deps: AppDeps, ctx: RequestContext, sourceId: string | null, limit = 20): Promise<CrawlRunRow[]> {
  await authorize(deps, ctx, 'list', { kind: 'crawl' });
  return deps.uow.transaction((r) => r.crawlRuns.recent(sourceId, limit));
}

export async function authorizeCrawlStart(deps: AppDeps, ctx: RequestContext): Promise<void> {
  await authorize(deps, ctx, 'create', { kind: 'crawl' });
}
