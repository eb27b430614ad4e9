/**
 * Contracts of the demand side (Statistik → Efterfrågan): buyer-side accounts counted per area
 * and week, demand probes, dated events, and the displacement view. Every figure here is a
 * statistic: small counts arrive already suppressed (value null, display "<5"), and no
 * pseudonym, handle or profile text is ever part of a response.
 */
import { z } from 'zod';

/** Area levels demand is counted at. `land` is the whole country. */
export const AREA_LEVELS = ['kommun', 'lan', 'polisregion', 'land'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** An area as a query names it: "kommun:2480", "lan:24", "polisregion:Nord", "land:SE". */
export const AreaRefSchema = z
  .string()
  .trim()
  .regex(
    /^(kommun:\d{4}|lan:\d{2}|polisregion:[A-Za-zÅÄÖåäö]+|land:SE)$/u,
    'an area like kommun:2480, lan:24, polisregion:Nord or land:SE',
  );

/** The kinds of dated event analysts enter. */
export const DEMAND_EVENT_KINDS = ['operation', 'medborgarlofte', 'campaign', 'media'] as const;
export type DemandEventKind = (typeof DEMAND_EVENT_KINDS)[number];

/** A count as published: the number, or null with "<5" when it is small. */
export const PublishedCountSchema = z.object({
  value: z.number().nullable(),
  display: z.string(),
  isSuppressed: z.boolean(),
});
export type PublishedCountDto = z.infer<typeof PublishedCountSchema>;

/** GET /api/demand/trend query. */
export const DemandTrendQuerySchema = z
  .object({
    /** The area (default the whole country). */
    area: AreaRefSchema.default('land:SE'),
    /** First week (any date in it, YYYY-MM-DD); default 26 weeks before `to`. */
    from: z.iso.date().optional(),
    /** Last week (any date in it); default the current week. */
    to: z.iso.date().optional(),
  })
  .strict();
export type DemandTrendQuery = z.infer<typeof DemandTrendQuerySchema>;

/** One week of demand and supply in an area. */
export interface DemandWeekDto {
  /** Monday of the ISO week. */
  week: string;
  /** Account-weeks: accounts active on any site, an account on two sites twice. */
  active: PublishedCountDto;
  /** Distinct buyers active (an account on two sites once). */
  distinct: PublishedCountDto;
  /** Buyers active for the first time. */
  new: PublishedCountDto;
  /** Buyers active the week before and not this week; "–" (null) while the week is not over. */
  gone: PublishedCountDto;
  /**
   * The week has not ended yet (it holds today): its counts are so far, not a fall, and are marked
   * as incomplete in charts and tables; `gone` is not counted for it.
   */
  isIncomplete: boolean;
  /** Supply: ads (profiles) of the area seen in the week. */
  profiles: PublishedCountDto;
  /** Mean replies in the first hour of the week's probes in the area, or null without probes. */
  repliesPerHour: number | null;
  /** Number of probes in the week. */
  probes: number;
}

export interface DemandEventDto {
  id: string;
  kind: DemandEventKind;
  title: string;
  areaLevel: AreaLevel;
  areaCode: string;
  /** Human area name ("Umeå", "Västerbottens län"). */
  areaName: string;
  date: string;
  isDemo: boolean;
}

export interface DemandProbeDto {
  id: string;
  startedAt: string;
  site: string;
  areaLevel: AreaLevel;
  areaCode: string;
  areaName: string;
  profileDescription: string;
  windowMinutes: number;
  repliesFirstHour: number;
  repliesTotal: number;
  isDemo: boolean;
}

/** GET /api/demand/trend response. */
export interface DemandTrendDto {
  area: { level: AreaLevel; code: string; name: string };
  weeks: DemandWeekDto[];
  /** Events in the area and the areas containing it, in the period. */
  events: DemandEventDto[];
  probes: DemandProbeDto[];
  /** Accounts in the area's counts whose stated place is only a län (not in any kommun). */
  lanOnlyNote: { lanOnlyAccounts: PublishedCountDto; noPlaceAccounts: PublishedCountDto };
  threshold: number;
  /** Whether demo data is part of the figures. */
  hasDemo: boolean;
  /** Whether the signed-in user may enter events and probes (decided by the policy). */
  canEnter: boolean;
}

/** GET /api/demand/areas query: distinct buyers per area in a week. */
export const DemandAreasQuerySchema = z
  .object({
    level: z.enum(['kommun', 'lan', 'polisregion']).default('kommun'),
    week: z.iso.date().optional(),
  })
  .strict();
export type DemandAreasQuery = z.infer<typeof DemandAreasQuerySchema>;

export interface DemandAreasDto {
  level: 'kommun' | 'lan' | 'polisregion';
  week: string;
  areas: { code: string; name: string; distinct: PublishedCountDto }[];
  threshold: number;
}

/** POST /api/demand/events body. */
export const DemandEventCreateSchema = z
  .object({
    /** operation, medborgarlofte, campaign or media. */
    kind: z.enum(DEMAND_EVENT_KINDS),
    /** Short title, e.g. "Polisinsats mot sexköp". No names of people. */
    title: z.string().trim().min(3).max(200),
    /** The area it concerns. */
    area: AreaRefSchema,
    /** The date it happened (YYYY-MM-DD). */
    date: z.iso.date(),
  })
  .strict();
export type DemandEventCreateInput = z.infer<typeof DemandEventCreateSchema>;

/** POST /api/demand/probes body. */
export const DemandProbeCreateSchema = z
  .object({
    /** Date and hour the profile went up (ISO date-time, minutes ignored). */
    startedAt: z.iso.datetime({ offset: true }),
    /** Name of the site. */
    site: z.string().trim().min(2).max(120),
    area: AreaRefSchema,
    /** The profile in words, e.g. "kvinna 19 år, ny i stan". No photos, no names. */
    profileDescription: z.string().trim().min(3).max(500),
    /** How long the probe ran, in minutes (at least 60). */
    windowMinutes: z
      .number()
      .int()
      .min(60)
      .max(60 * 24 * 14),
    /** Replies in the first hour. */
    repliesFirstHour: z.number().int().min(0).max(100_000),
    /** Replies in the whole window. */
    repliesTotal: z.number().int().min(0).max(100_000),
  })
  .strict()
  .refine((p) => p.repliesTotal >= p.repliesFirstHour, {
    message: 'cannot be fewer than the replies in the first hour',
    path: ['repliesTotal'],
  });
export type DemandProbeCreateInput = z.infer<typeof DemandProbeCreateSchema>;

/** GET /api/demand/displacement query. */
export const DisplacementQuerySchema = z
  .object({
    /** The event the change is read around. */
    event: z.uuid(),
    /** Weeks before and after the event (the event's week is left out). */
    weeks: z.coerce.number().int().min(2).max(26).default(6),
    /** Areas to compare with, comma-separated (default the three big cities). */
    compare: z.string().trim().max(400).optional(),
  })
  .strict();
export type DisplacementQuery = z.infer<typeof DisplacementQuerySchema>;

/** One area's change in the displacement view. */
export interface DisplacementRowDto {
  role: 'event' | 'neighbour' | 'neighbours' | 'compare';
  level: AreaLevel;
  code: string;
  name: string;
  /** Mean distinct buyers a week before the event. */
  before: PublishedCountDto;
  after: PublishedCountDto;
  /** Change in per cent, or null when either side is suppressed or zero. */
  changePercent: number | null;
}

export interface DisplacementDto {
  event: DemandEventDto;
  weeks: number;
  beforeWeeks: { from: string; to: string };
  afterWeeks: { from: string; to: string };
  rows: DisplacementRowDto[];
  /** Plain-Swedish summary sentence. */
  summarySv: string;
  summaryEn: string;
  threshold: number;
}

/** Result of POST /api/demand/probes/import (CSV). */
export interface ProbeImportResultDto {
  imported: number;
  /** Lines refused, with the line number and the reason; nothing is stored when any line is bad. */
  problems: { line: number; column: string; reason: string }[];
}
