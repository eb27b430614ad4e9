/** The site configs of an installation: every *.site.yaml in a folder, validated. */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SiteConfig } from '../../contracts/site-config';
import { loadSiteConfig, SiteConfigError } from './site-config.loader';

export interface SiteRegistry {
  configs: Map<string, SiteConfig>;
  /** Configs that were refused, with the reason (the server still starts). */
  errors: string[];
}

export async function loadSiteRegistry(dir: string): Promise<SiteRegistry> {
  const configs = new Map<string, SiteConfig>();
  const errors: string[] = [];
  let files: string[] = [];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.site.yaml')).sort();
  } catch {
    return { configs, errors: [`${dir}: no such folder`] };
  }
  for (const f of files) {
    try {
      const c = await loadSiteConfig(join(dir, f));
      if (configs.has(c.source)) errors.push(`${f}: source "${c.source}" is already defined by another file`);
      else configs.set(c.source, c);
    } catch (err) {
      errors.push(err instanceof SiteConfigError ? err.message : `${f}: ${String(err)}`);
    }
  }
  return { configs, errors };
}

/** A site config named by its source id (a file `<id>.site.yaml` in `sitesDir`) or by a path to a .site.yaml. */
export async function resolveSiteConfig(arg: string, sitesDir: string): Promise<SiteConfig> {
  const path = arg.endsWith('.yaml') || arg.endsWith('.yml') ? arg : join(sitesDir, `${arg}.site.yaml`);
  if (!existsSync(path)) throw new SiteConfigError(path, [{ key: '(file)', reason: `no site config ${arg}` }]);
  return loadSiteConfig(path);
}
