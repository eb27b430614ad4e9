/**
 * The site configuration schema now lives in src/contracts/site-config.ts and its loader in
 * src/adapters/crawl/site-config.loader.ts; re-exported here for the demo sites.
 */
export { FieldSelectorSchema, SiteConfigSchema, type FieldSelector, type SiteConfig } from '../../contracts/site-config';
export { loadSiteConfig } from '../crawl/site-config.loader';
