import { DrizzleAdRepository, DrizzleCrawlRunRepository, DrizzleSettingsRepository } from '../../adapters/db/ad.repository';
import { DrizzleEvidenceRepository } from '../../adapters/db/evidence.repository';
import { DrizzleLinkRepository } from '../../adapters/db/link.repository';
import { adsRoutes } from '../../adapters/http/ads.routes';
import { crawlRoutes } from '../../adapters/http/crawl.routes';
import { imagesRoutes } from '../../adapters/http/images.routes';
import { linksRoutes, networksRoutes, profilesRoutes } from '../../adapters/http/links.routes';
import { adPurger } from '../../app/intelligence/retention';
import { defineContext } from './context';

/** Intelligence (kartläggning's data): sources, crawls, evidence, ads, linking. */
export const intelligenceContext = defineContext({
  name: 'intelligence',
  repositories: (db) => ({
    ads: new DrizzleAdRepository(db),
    links: new DrizzleLinkRepository(db),
    evidence: new DrizzleEvidenceRepository(db),
    crawlRuns: new DrizzleCrawlRunRepository(db),
    settings: new DrizzleSettingsRepository(db),
  }),
  routes: (deps, opts) => [
    { path: '/api/ads', routes: adsRoutes(deps, opts.evidence ?? null, opts.images?.hasher ?? null) },
    { path: '/api/images', routes: imagesRoutes(deps, opts.images?.reader ?? null) },
    { path: '/api/profiles', routes: profilesRoutes(deps) },
    { path: '/api/networks', routes: networksRoutes(deps) },
    { path: '/api/links', routes: linksRoutes(deps) },
    ...(opts.crawls ? [{ path: '/api/crawl', routes: crawlRoutes(deps, opts.crawls) }] : []),
  ],
  retention: [adPurger],
});
