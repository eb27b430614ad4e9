/**
 * One crawl of a buyer-side site (a contact forum's member list, a sugar site's members):
 * reads the listing pages through the member crawler and stores only pseudonymised counts.
 * Unlike an ad crawl it keeps no WARC capture, no page and no image: raw pages of buyer-side
 * sites are not evidence in Fyren (investigating buyers is police work under the police's own
 * data law). Audited with the counts only.
 */
import type { BuyerSiteConfig } from '../../contracts/site-config';
import type { MemberCrawler, Pseudonymiser } from './ports';
import type { AppDeps, RequestContext } from '../shared/ports';
import { recordBuyerSightings, type SightingCounts } from './record-buyer-sightings';

export interface BuyerCrawlResult extends SightingCounts {
  source: string;
  pages: number;
  errors: number;
  isComplete: boolean;
  errorMessages: string[];
}

export async function crawlBuyerSite(
  deps: Pick<AppDeps, 'uow' | 'clock'> & { pseudonymiser: Pseudonymiser; memberCrawler: MemberCrawler },
  ctx: RequestContext,
  config: BuyerSiteConfig,
  opts: { baseUrl?: string; isPolitenessOff?: boolean } = {},
): Promise<BuyerCrawlResult> {
  const observedAt = deps.clock.now();
  const counts: SightingCounts = { accounts: 0, newAccounts: 0, newActiveWeeks: 0, skipped: 0 };
  const site = { source: config.source, isDemo: config.isDemo };
  const res = await deps.memberCrawler.crawl(config, {
    ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
    ...(opts.isPolitenessOff ? { isPolitenessOff: true } : {}),
    onAccounts: async (rows) => {
      const c = await recordBuyerSightings(deps, site, observedAt, rows);
      counts.accounts += c.accounts;
      counts.newAccounts += c.newAccounts;
      counts.newActiveWeeks += c.newActiveWeeks;
      counts.skipped += c.skipped;
    },
  });
  const result: BuyerCrawlResult = {
    source: config.source,
    pages: res.pages,
    errors: res.errors,
    isComplete: res.isComplete,
    errorMessages: res.errorMessages,
    ...counts,
  };
  await deps.uow.transaction((r) =>
    r.audit.append(
      ctx,
      {
        action: 'demand.crawl',
        outcome: res.isComplete ? 'success' : 'failure',
        resourceKind: 'demand_source',
        resourceId: config.source,
        details: { pages: res.pages, accounts: counts.accounts, newAccounts: counts.newAccounts, errors: res.errors },
      },
      deps.clock.now(),
    ),
  );
  return result;
}
