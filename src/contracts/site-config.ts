/**
 * The declarative site configuration (`sites/*.site.yaml`): everything the crawler needs to
 * read a site, so that a new site is added without touching code. Validated with zod; a bad
 * config is refused naming the file, the key and the reason.
 */
import { z } from 'zod';

/**
 * The origin of a site: http or https only. A literal address that is not public (loopback in
 * any spelling, private, link-local, …) is refused unless the config allows it (isDemo for
 * loopback, allowedInternalHosts); host names are checked after DNS, when the crawler connects.
 */
const OriginUrl = z.url({ protocol: /^https?$/, error: 'an http(s) URL' });

/** Host names (or IP literals) an administrator lets this source reach on internal addresses. */
const AllowedInternalHosts = z.array(z.string().min(1).max(253).toLowerCase()).default([]);

/** How to read one value from a page: a CSS selector and what to take from the element. */
export const FieldSelectorSchema = z
  .object({
    /** CSS selector, relative to the listing item or the detail page. */
    selector: z.string().min(1),
    /** `text` (default; <br> becomes a line break), `html`, or an attribute name such as `src`. */
    attribute: z.string().default('text'),
    /** Take every match (images) instead of the first. */
    isMultiple: z.boolean().default(false),
    /** Optional regular expression; its first group (or the whole match) is the value. */
    pattern: z.string().optional(),
  })
  .strict();
export type FieldSelector = z.infer<typeof FieldSelectorSchema>;

/** The kinds of ad site Fyren maps (the supply side). */
export const SITE_KINDS = ['escort-portal', 'classifieds', 'sugar-dating', 'other'] as const;

/**
 * The buyer-side kinds (the demand side): a sex-buying forum or contact site with member
 * listings, and the member ("sugar daddy") side of a sugar-dating site. Their configs have a
 * `members` block instead of ad fields, and they are read by `fyren demand crawl`, never by the
 * ad crawler: no page is kept and no username is stored (docs/privacy.md).
 */
export const BUYER_SITE_KINDS = ['buyer-forum', 'sugar-members'] as const;
export type BuyerSiteKind = (typeof BUYER_SITE_KINDS)[number];

export const SiteConfigSchema = z
  .object({
    /** AdRecord.source for ads from this site: lower case, digits and "-". */
    source: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower case, digits and "-"'),
    /** Human name of the site. */
    name: z.string().min(1),
    /** What kind of site it is. */
    kind: z.enum(SITE_KINDS),
    /** A generated demo site: its ads are stored as demo data with a DEMO label. */
    isDemo: z.boolean().default(false),
    /** ISO 3166-1 alpha-2 region for phone numbers written without a country code. */
    defaultRegion: z
      .string()
      .regex(/^[A-Z]{2}$/, 'two capital letters, e.g. SE')
      .default('SE'),
    /** Origin of the site (overridable at crawl time with --base-url); http or https. */
    baseUrl: OriginUrl,
    /**
     * Hosts this source may reach although they resolve to internal addresses (private,
     * loopback, link-local): set by an administrator only, for a site inside the network.
     */
    allowedInternalHosts: AllowedInternalHosts,
    /** Where a crawl starts; relative to baseUrl or absolute. */
    startUrls: z.array(z.string().min(1)).min(1),
    /** `http` fetches HTML; `browser` renders the listing with Chromium for sites that build it with JavaScript. */
    mode: z.enum(['http', 'browser']).default('http'),
    listing: z
      .object({
        /** One element per ad on a listing page. */
        itemSelector: z.string().min(1),
        /** The link to the ad's own page, inside an item. */
        adLinkSelector: z.string().min(1),
        /** The link to the next listing page. */
        nextPageSelector: z.string().optional(),
        /** Stop after this many listing pages. */
        maxPages: z.number().int().positive().default(100),
        /**
         * The URL of listing page N, with `{page}` for N (relative to baseUrl or absolute), for
         * sites whose listing pages are numbered. Page 1 must be a start URL. With `pageCount`,
         * http mode requests the pages in parallel instead of one `nextPageSelector` at a time.
         */
        pageUrlTemplate: z.string().includes('{page}', { message: 'must contain {page}' }).optional(),
        /** Where a listing page says how many pages there are (its value, or its pattern's group, is the number). */
        pageCount: FieldSelectorSchema.optional(),
      })
      .strict()
      .refine((l) => (l.pageUrlTemplate === undefined) === (l.pageCount === undefined), {
        message: 'pageUrlTemplate and pageCount go together',
        path: ['pageCount'],
      }),
    /** Whether fields are read from the listing item or from a second request to the ad's page. */
    fieldsFrom: z.enum(['listing', 'detail']),
    /** A regular expression on the ad URL whose first group is the externalId. */
    externalIdPattern: z.string().refine((p) => {
      try {
        return new RegExp(p).source.includes('(');
      } catch {
        return false;
      }
    }, 'a valid regular expression with one capturing group'),
    /** Field selectors (relative to the item or the detail page, per fieldsFrom). */
    fields: z
      .object({
        title: FieldSelectorSchema,
        body: FieldSelectorSchema,
        location: FieldSelectorSchema.optional(),
        phoneField: FieldSelectorSchema.optional(),
        age: FieldSelectorSchema.optional(),
        images: FieldSelectorSchema.optional(),
        postedAt: FieldSelectorSchema.optional(),
      })
      .strict(),
    /** HTTP status that means the ad was removed. */
    removedStatus: z.number().int().default(404),
    /** An ad not seen in this many consecutive complete crawls is marked removed. */
    removedAfterMissedCrawls: z.number().int().min(1).max(30).default(2),
    /**
     * A crawl that saw fewer ads than this share of the source's live ads is not complete for
     * removal (a broken page, an empty answer, a blocked crawler): it marks nothing removed.
     */
    minSeenShareForRemovals: z.number().min(0).max(1).default(0.5),
    /** Crawl automatically every N minutes inside the server; omit for on-demand crawls only. */
    scheduleMinutes: z.number().int().min(5).optional(),
    politeness: z
      .object({
        /** Minimum delay between two requests to the host (kept by Fyren itself). */
        delayMs: z.number().int().min(0),
        /** Parallel requests to the host. */
        concurrency: z.number().int().min(1).max(8),
        /** User-Agent sent with every request. */
        userAgent: z.string().min(1),
        /** Retries for errors that can be retried (network errors, 429 and 5xx), with exponential backoff. */
        retries: z.number().int().min(0).max(10).default(3),
        /** First backoff delay; doubled on every retry. */
        backoffMs: z.number().int().min(0).default(1000),
        /** Honour robots.txt; set false only where the source config explicitly says so (with a reason). */
        respectRobotsTxt: z.boolean().default(true),
      })
      .strict(),
  })
  .strict()
  .refine((c) => c.listing.pageUrlTemplate === undefined || c.startUrls.includes(c.listing.pageUrlTemplate.replace('{page}', '1')), {
    message: 'page 1 of the template must be one of startUrls',
    path: ['listing', 'pageUrlTemplate'],
  });
export type SiteConfig = z.infer<typeof SiteConfigSchema>;

/** The politeness block, shared by ad sites and buyer-side sites. */
const PolitenessSchema = z
  .object({
    /** Minimum delay between two requests to the host (kept by Fyren itself). */
    delayMs: z.number().int().min(0),
    /** Parallel requests to the host (a buyer-side crawl reads listing pages one at a time). */
    concurrency: z.number().int().min(1).max(8),
    /** User-Agent sent with every request. */
    userAgent: z.string().min(1),
    /** Retries for errors that can be retried (network errors, 429 and 5xx), with exponential backoff. */
    retries: z.number().int().min(0).max(10).default(3),
    /** First backoff delay; doubled on every retry. */
    backoffMs: z.number().int().min(0).default(1000),
    /** Honour robots.txt; set false only where the source config explicitly says so (with a reason). */
    respectRobotsTxt: z.boolean().default(true),
  })
  .strict();

/**
 * A buyer-side site: where its member listing is and which fields carry each account's handle,
 * stated place, age band, member-since date and last-active date. Only the fields below are
 * read; the handle is turned into a keyed pseudonym at once and never stored.
 */
export const BuyerSiteConfigSchema = z
  .object({
    /** Site id, stored with each counted account: lower case, digits and "-". */
    source: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower case, digits and "-"'),
    /** Human name of the site. */
    name: z.string().min(1),
    /** buyer-forum or sugar-members. */
    kind: z.enum(BUYER_SITE_KINDS),
    /** A generated demo site: its accounts are demo data. */
    isDemo: z.boolean().default(false),
    /** Origin of the site (overridable at crawl time with --base-url); http or https. */
    baseUrl: OriginUrl,
    /** Hosts this source may reach on internal addresses (an administrator's allow-list). */
    allowedInternalHosts: AllowedInternalHosts,
    /** The first page of the member listing; relative to baseUrl or absolute. */
    startUrls: z.array(z.string().min(1)).min(1),
    members: z
      .object({
        /** One element per account on a member-listing page. */
        itemSelector: z.string().min(1),
        /** The link to the next listing page. */
        nextPageSelector: z.string().optional(),
        /** Stop after this many listing pages. */
        maxPages: z.number().int().positive().default(500),
        fields: z
          .object({
            /** The account's handle (username): only used to make the keyed pseudonym, never stored. */
            handle: FieldSelectorSchema,
            /** The stated place as free text: a town, a kommun or a län (resolved with the gazetteer). */
            place: FieldSelectorSchema.optional(),
            /** A separate län field, for sites that state the län apart from the town. */
            placeLan: FieldSelectorSchema.optional(),
            /** Age or age band ("45", "45–54", "45-54 år"); stored as a ten-year band. */
            ageBand: FieldSelectorSchema.optional(),
            /** Member-since date (ISO date or date-time). */
            memberSince: FieldSelectorSchema.optional(),
            /** Last-active date (ISO date or date-time); the week it falls in counts as an active week. */
            lastActive: FieldSelectorSchema,
          })
          .strict(),
      })
      .strict(),
    /** Crawl automatically every N minutes inside the server; omit for on-demand crawls only. */
    scheduleMinutes: z.number().int().min(5).optional(),
    politeness: PolitenessSchema,
  })
  .strict();
export type BuyerSiteConfig = z.infer<typeof BuyerSiteConfigSchema>;

/** Whether a parsed YAML document declares a buyer-side kind. */
export function isBuyerSiteDocument(doc: unknown): boolean {
  return (
    typeof doc === 'object' && doc !== null && (BUYER_SITE_KINDS as readonly string[]).includes(String((doc as { kind?: unknown }).kind))
  );
}
