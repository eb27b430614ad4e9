/** Reads `*.site.yaml` files and refuses a bad one with the file, the key and the reason. */
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import {
  BuyerSiteConfigSchema,
  isBuyerSiteDocument,
  SiteConfigSchema,
  type BuyerSiteConfig,
  type SiteConfig,
} from '../../contracts/site-config';
import { assertFetchable, policyOf } from './address-guard';

export class SiteConfigError extends Error {
  override name = 'SiteConfigError';
  constructor(
    readonly file: string,
    readonly problems: { key: string; reason: string }[],
  ) {
    super(`${file}: invalid site config\n${problems.map((p) => `  ${p.key}: ${p.reason}`).join('\n')}`);
  }
}

/** An ad site's config or a buyer-side site's config. */
export type AnySiteConfig = { side: 'supply'; config: SiteConfig } | { side: 'demand'; config: BuyerSiteConfig };

function parseYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    throw new SiteConfigError(
      file,
      doc.errors.map((e) => ({ key: `(line ${e.linePos?.[0]?.line ?? '?'})`, reason: e.message.split('\n')[0] ?? e.message })),
    );
  }
  return doc.toJS();
}

function validate<S extends z.ZodType>(schema: S, value: unknown, file: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new SiteConfigError(
      file,
      parsed.error.issues.flatMap((i) => {
        const key = i.path.map(String).join('.') || '(top level)';
        if (i.code === 'unrecognized_keys')
          return i.keys.map((k) => ({ key: key === '(top level)' ? k : `${key}.${k}`, reason: 'unknown key' }));
        return [{ key, reason: i.message }];
      }),
    );
  }
  checkAddresses(parsed.data as { baseUrl: string; startUrls: string[]; isDemo: boolean; allowedInternalHosts: string[] }, file);
  return parsed.data;
}

/** The origin and absolute start URLs go where the source may go: literal internal addresses are refused here (names, when crawled). */
function checkAddresses(config: { baseUrl: string; startUrls: string[]; isDemo: boolean; allowedInternalHosts: string[] }, file: string) {
  const policy = policyOf(config);
  const problems: { key: string; reason: string }[] = [];
  const check = (key: string, url: URL) => {
    try {
      assertFetchable(url, policy);
    } catch (err) {
      problems.push({ key, reason: (err as Error).message });
    }
  };
  const base = new URL(config.baseUrl);
  check('baseUrl', base);
  config.startUrls.forEach((u, i) => {
    // Relative start URLs share baseUrl's host (checked above); absolute ones are checked on their own.
    if (!URL.canParse(u)) return;
    check(`startUrls.${i}`, new URL(u));
  });
  if (problems.length) throw new SiteConfigError(file, problems);
}

/** Parses and validates an ad site's YAML text; `file` is only used in error messages. A buyer-side kind is refused. */
export function parseSiteConfig(text: string, file: string): SiteConfig {
  const doc = parseYaml(text, file);
  if (isBuyerSiteDocument(doc))
    throw new SiteConfigError(file, [{ key: 'kind', reason: 'a buyer-side site is read by `fyren demand crawl`, not the ad crawler' }]);
  return validate(SiteConfigSchema, doc, file);
}

/** Parses either kind of site config: buyer-side kinds by their own schema, the rest as ad sites. */
export function parseAnySiteConfig(text: string, file: string): AnySiteConfig {
  const doc = parseYaml(text, file);
  return isBuyerSiteDocument(doc)
    ? { side: 'demand', config: validate(BuyerSiteConfigSchema, doc, file) }
    : { side: 'supply', config: validate(SiteConfigSchema, doc, file) };
}

/** Parses a buyer-side site's YAML text; an ad site's kind is refused. */
export function parseBuyerSiteConfig(text: string, file: string): BuyerSiteConfig {
  const any = parseAnySiteConfig(text, file);
  if (any.side !== 'demand')
    throw new SiteConfigError(file, [{ key: 'kind', reason: 'not a buyer-side site (buyer-forum or sugar-members)' }]);
  return any.config;
}

async function readConfigFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new SiteConfigError(path, [
      { key: '(file)', reason: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(err) },
    ]);
  }
}

/** Loads a config of either side. */
export async function loadAnySiteConfig(path: string): Promise<AnySiteConfig> {
  return parseAnySiteConfig(await readConfigFile(path), path);
}

export async function loadSiteConfig(path: string): Promise<SiteConfig> {
  return parseSiteConfig(await readConfigFile(path), path);
}
