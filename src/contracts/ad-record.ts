/**
 * AdRecord: one observation of one ad, one JSON object per line (JSONL). Crawlers, importers
 * and the demo-market generator write it; `fyren extract` and the importer read it.
 * See docs/formats.md. Field names are a stable contract.
 */
import { z } from 'zod';

/** An image of the ad. */
export const AdImageSchema = z.object({
  /** Where the image was found (absolute URL). */
  url: z.string().min(1),
  /** The image file, relative to the JSONL file, when it was saved. */
  path: z.string().min(1).optional(),
  /** SHA-256 of the image bytes, lower-case hex, when known. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/u)
    .optional(),
});
export type AdImage = z.infer<typeof AdImageSchema>;

/** One observation of one ad. */
export const AdRecordSchema = z.object({
  /** The site the ad was read from, as named in its site config ("demo-portal"): lower case, digits and "-". */
  source: z.string().regex(/^[a-z0-9][a-z0-9-]*$/u, 'lower case, digits and "-"'),
  /** The ad's id on that site. Together with `source` it identifies the ad. */
  externalId: z.string().min(1),
  /** The ad's URL. */
  url: z.string().min(1),
  /** When this observation was made: ISO 8601, UTC ("2026-11-23T10:15:00Z"); an offset is accepted. */
  observedAt: z.iso.datetime({ offset: true }),
  /** When the site says the ad was posted, if it says so (ISO 8601). */
  postedAt: z.iso.datetime({ offset: true }).optional(),
  /** The ad's title as shown. May be empty. */
  title: z.string(),
  /** The ad's text as shown, without markup. */
  body: z.string(),
  /** The site's location field ("Umeå", "Västerbotten, Umeå"), if it has one. */
  location: z.string().optional(),
  /** The site's phone field, if it has one: a strong source for the phone number. */
  phoneField: z.string().optional(),
  /** The site's structured age field, in years. */
  age: z.number().int().min(0).max(130).optional(),
  /** Images of the ad, in the order shown. */
  images: z.array(AdImageSchema),
});
export type AdRecord = z.infer<typeof AdRecordSchema>;
