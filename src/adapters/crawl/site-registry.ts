/** The site configs of an installation: every *.site.yaml in a folder, validated. */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuyerSiteConfig, SiteConfig } from '../../contracts/site-config';
import { loadAnySiteConfig, loadSiteConfig, parseBuyerSiteConfig, SiteConfigError } from './site-config.loader';
import { readFile } from 'node:fs/promises';

export interface SiteRegistry {
  configs: Map<string, SiteConfig>;
  /** Buyer-side sites (buyer-forum, sugar-members), crawled only by `fyren demand crawl`. */
  buyerConfigs: Map<string, BuyerSiteConfig>;
  /** Configs that were refused, with the reason (the server still starts). */
  errors: string[];
}

export async function loadSiteRegistry(dir: string): Promise<SiteRegistry> {
  const configs = new Map<string, SiteConfig>();
  const buyerConfigs = new Map<string, BuyerSiteConfig>();
  const errors: string[] = [];
  let files: string[] = [];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.site.yaml')).sort();
  } catch {
    return { configs, buyerConfigs, errors: [`${dir}: no such folder`] };
  }
  for (const f of files) {
    try {
      const any = await loadAnySiteConfig(join(dir, f));
      const id = any.config.source;
      if (configs.has(id) || buyerConfigs.has(id)) errors.push(`${f}: source "${id}" is already defined by another file`);
      else if (any.side === 'demand') buyerConfigs.set(id, any.config);
      else configs.set(id, any.config);
    } catch (err) {
      errors.push(err instanceof SiteConfigError ? err.message : `${f}: ${String(err)}`);
    }
  }
  return { configs, buyerConfigs, errors };
}

/** A site config named by its source id (a file `<id>.site.yaml` in `sitesDir`) or by a path to a .site.yaml. */
export async function resolveSiteConfig(arg: string, sitesDir: string): Promise<SiteConfig> {
  const path = arg.endsWith('.yaml') || arg.endsWith('.yml') ? arg : join(sitesDir, `${arg}.site.yaml`);
  if (!existsSync(path)) throw new SiteConfigError(path, [{ key: '(file)', reason: `no site config ${arg}` }]);
  return loadSiteConfig(path);
}

/** A buyer-side site config named by its source id or by a path to a .site.yaml. */
export async function resolveBuyerSiteConfig(arg: string, sitesDir: string): Promise<BuyerSiteConfig> {
  const path = arg.endsWith('.yaml') || arg.endsWith('.yml') ? arg : join(sitesDir, `${arg}.site.yaml`);
  if (!existsSync(path)) throw new SiteConfigError(path, [{ key: '(file)', reason: `no site config ${arg}` }]);
  return parseBuyerSiteConfig(await readFile(path, 'utf8'), path);
}
