/** Contracts for ad search (Kartläggning). */
import { z } from 'zod';
import { AREA_HEADER, INDICATOR_CODES, PURPOSE_HEADER } from '../core/shared/vocabulary';

export { AREA_HEADER, INDICATOR_CODES, PURPOSE_HEADER };

/** GET /api/ads query. At least one filter or none (newest ads). */
export const AdSearchQuerySchema = z
  .object({
    /** Full text, Swedish stemming ("bilar" finds "bil"). */
    q: z.string().trim().max(200).optional(),
    /** A phone number in any written form ("070-123 45 67", "+46701234567"). */
    phone: z.string().trim().max(60).optional(),
    /** Four-digit SCB kommun code. */
    kommun: z
      .string()
      .regex(/^\d{4}$/, 'a four-digit SCB kommun code')
      .optional(),
    /** Two-digit SCB län code. */
    lan: z
      .string()
      .regex(/^\d{2}$/, 'a two-digit SCB län code')
      .optional(),
    /** An indicator code from the lexicon (src/core/extract/indicators.lexicon.ts), e.g. "NEW_IN_TOWN". */
    indicator: z.enum(INDICATOR_CODES, { message: `an indicator code (${INDICATOR_CODES.join(', ')})` }).optional(),
    /** Seen on or after this date (YYYY-MM-DD). */
    from: z.iso.date().optional(),
    /** Seen on or before this date (YYYY-MM-DD). */
    to: z.iso.date().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type AdSearchQueryInput = z.infer<typeof AdSearchQuerySchema>;

/** One ad in a result list. */
export const AdListItemSchema = z.object({
  id: z.string(),
  /** "<source>:<externalId>" */
  ref: z.string(),
  source: z.string(),
  title: z.string().nullable(),
  location: z.string().nullable(),
  /** Best kommun from extraction, or null. */
  municipality: z.object({ code: z.string(), name: z.string() }).nullable(),
  phones: z.array(z.string()),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  /** Generated demo data: the app shows a DEMO label. */
  isDemo: z.boolean(),
});
export type AdListItemDto = z.infer<typeof AdListItemSchema>;

/** POST /api/ads/by-image: the largest picture accepted, in bytes. */
export const IMAGE_SEARCH_MAX_BYTES = 10 * 1024 * 1024;

/** POST /api/ads/by-image query (the picture is the body: raw bytes, or multipart field "image"). */
export const ImageSearchQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ImageSearchQueryInput = z.infer<typeof ImageSearchQuerySchema>;

/** One ad that shows a picture like the uploaded one (image reuse by perceptual hash; never faces). */
export const AdImageMatchSchema = AdListItemSchema.extend({
  /** Hamming distance (of 64 bits) between the uploaded picture and the ad's closest picture. */
  distance: z.number().int(),
  /** SHA-256 of that picture of the ad. */
  imageSha256: z.string(),
});
export type AdImageMatchDto = z.infer<typeof AdImageMatchSchema>;

/** POST /api/ads/by-image answer. */
export interface ImageSearchResultDto {
  /** Perceptual hash of the uploaded picture (16 hex digits). */
  phash: string;
  /** Largest distance that counted as the same picture. */
  maxDistance: number;
  items: AdImageMatchDto[];
}
