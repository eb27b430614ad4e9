/** Contracts for statistics (kartläggning): the dashboard query, CSV tables, reports and frozen mappings. */
import { z } from 'zod';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
/** A kommun code or name, a län code or name, or "polisregion <name>". */
const Area = z.string().trim().min(2, 'an area: a kommun, a län or a police region').max(100);

/** GET /api/statistics/dashboard (and its CSV and PDF): the area and period. */
export const DashboardQuerySchema = z
  .object({
    /** The area: "2480", "Umeå", "24", "Västerbottens län", "polisregion Nord". */
    area: Area,
    /** First day of the period (inclusive). */
    from: Day,
    /** Last day of the period (inclusive). */
    to: Day,
    /** Other areas to compare with, comma-separated ("2482,polisregion Nord"). */
    compare: z.string().max(500).optional(),
    /** Language of texts in a PDF or CSV (default sv). */
    lang: z.enum(['sv', 'en']).optional(),
  })
  .strict();
export type DashboardQueryInput = z.infer<typeof DashboardQuerySchema>;

/** The tables that can be downloaded as CSV. */
export const TableKeySchema = z.enum(['nyckeltal', 'veckor', 'kommuner', 'indikatorer', 'floden', 'jamforelse']);

/** POST /api/statistics/mappings: freeze the dashboard of an area and period as a kartläggning. */
export const MappingCreateSchema = z
  .object({
    area: Area,
    from: Day,
    to: Day,
    /** A title for the mapping; default "Kartläggning <area> <from>–<to>". */
    title: z.string().trim().max(200).optional(),
  })
  .strict();
export type MappingCreateInput = z.infer<typeof MappingCreateSchema>;

/** GET /api/statistics/mappings/compare: two mappings to compare. */
export const MappingCompareQuerySchema = z.object({ a: z.uuid(), b: z.uuid() }).strict();

export const MappingIdSchema = z.object({ id: z.uuid() });
