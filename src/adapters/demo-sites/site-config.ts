/**
 * The declarative site configuration (`sites/*.site.yaml`) the crawler reads. A proposal
 * made with the demo sites; the crawler issue owns the final schema and may move this
 * file to src/adapters/crawl/.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';

/** How to read one value from a page: a CSS selector and what to take from the element. */
export const FieldSelectorSchema = z.object({
  /** CSS selector, relative to the listing item or the detail page. */
  selector: z.string().min(1),
  /** `text` (default; <br> becomes a line break), `html`, or an attribute name such as `src`. */
  attribute: z.string().default('text'),
  /** Take every match (images) instead of the first. */
  isMultiple: z.boolean().default(false),
  /** Optional regular expression; its first group (or the whole match) is the value. */
  pattern: z.string().optional(),
});
/** One field selector. */
export type FieldSelector = z.infer<typeof FieldSelectorSchema>;

/** A site configuration. */
export const SiteConfigSchema = z.object({
  /** AdRecord.source for ads from this site. */
  source: z.string().regex(/^[a-z0-9-]+$/),
  /** Human name of the site. */
  name: z.string(),
  /** What kind of site it is. */
  kind: z.enum(['escort-portal', 'classifieds', 'sugar-dating']),
  /** ISO 3166 country used to read phone numbers written without a country code. */
  defaultRegion: z.string().length(2).default('SE'),
  /** Origin of the site; the demo sites' default ports, overridable at crawl time. */
  baseUrl: z.string().url(),
  /** Where a crawl starts; relative to baseUrl or absolute. */
  startUrls: z.array(z.string()).min(1),
  listing: z.object({
    /** One element per ad on a listing page. */
    itemSelector: z.string(),
    /** The link to the ad's own page, inside an item. */
    adLinkSelector: z.string(),
    /** The link to the next listing page. */
    nextPageSelector: z.string().optional(),
    /** Stop after this many listing pages. */
    maxPages: z.number().int().positive().default(100),
  }),
  /** Whether fields are read from the listing item or from a second request to the ad's page. */
  fieldsFrom: z.enum(['listing', 'detail']),
  /** A regular expression on the ad URL whose first group is the externalId. */
  externalIdPattern: z.string(),
  /** Field selectors (relative to the item or the detail page, per fieldsFrom). */
  fields: z.object({
    title: FieldSelectorSchema,
    body: FieldSelectorSchema,
    location: FieldSelectorSchema.optional(),
    phoneField: FieldSelectorSchema.optional(),
    age: FieldSelectorSchema.optional(),
    images: FieldSelectorSchema.optional(),
    postedAt: FieldSelectorSchema.optional(),
  }),
  /** HTTP status that means the ad was removed. */
  removedStatus: z.number().int().default(404),
  politeness: z.object({
    /** Minimum delay between two requests to the host. */
    delayMs: z.number().int().min(0),
    concurrency: z.number().int().min(1).max(8),
    userAgent: z.string().min(1),
  }),
});
/** A parsed and defaulted site configuration. */
export type SiteConfig = z.infer<typeof SiteConfigSchema>;

/** Reads and validates a `*.site.yaml` file. */
export async function loadSiteConfig(path: string): Promise<SiteConfig> {
  return SiteConfigSchema.parse(parse(await readFile(path, 'utf8')));
}
