/** Contracts for ad search (Kartläggning). */
import { z } from 'zod';

/** The header that carries the purpose of a search or read of personal data. */
export const PURPOSE_HEADER = 'x-fyren-purpose';

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
