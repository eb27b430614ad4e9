/** The installation's statistics settings: the small-count threshold and the version of each site config. */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { loadSiteRegistry } from '../adapters/crawl/site-registry';
import type { StatisticsSettings } from '../app/statistics/dashboard';
import { canonicalJson } from '../core/shared/canonical-json';
import type { Config } from './config';
import { ROOT_DIR } from './compose';

/** A site config's version: the first 12 hex digits of the SHA-256 of its validated content. */
export function siteConfigVersion(config: unknown): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex').slice(0, 12);
}

export async function statisticsSettings(config: Config): Promise<StatisticsSettings> {
  const registry = await loadSiteRegistry(config.FYREN_SITES_DIR ?? join(ROOT_DIR, 'sites'));
  return {
    threshold: config.FYREN_SMALL_COUNT_THRESHOLD,
    siteVersions: new Map([...registry.configs].map(([id, c]) => [id, siteConfigVersion(c)])),
  };
}
