/** Contracts for profiles, networks, explanations and corrections (Kartläggning). */
import { z } from 'zod';

/** "source:externalId" of an ad. */
const AdRef = z
  .string()
  .trim()
  .min(3)
  .max(300)
  .regex(/^[^:\s]+:.+$/, 'an ad reference "source:externalId"');
const Reason = z.string().trim().min(3, 'say why (at least 3 characters)').max(1000);
const Level = z.enum(['profile', 'network']);

/** POST /api/links/corrections: an analyst's correction. Kept with author and reason, survives every rebuild. */
export const CorrectionCreateSchema = z.discriminatedUnion('type', [
  /** These two ads are the same person (profile) or the same operation (network). */
  z.object({ type: z.literal('confirm'), level: Level, a: AdRef, b: AdRef, reason: Reason }).strict(),
  /** Merge the profiles (or networks) of these two ads. */
  z.object({ type: z.literal('merge'), level: Level, a: AdRef, b: AdRef, reason: Reason }).strict(),
  /** These two ads are not the same person (profile) or not the same operation (network). */
  z.object({ type: z.literal('cut'), level: Level, a: AdRef, b: AdRef, reason: Reason }).strict(),
  /** Split: `move` are a different person (or operation) from `keep`. */
  z
    .object({
      type: z.literal('split'),
      level: Level,
      keep: z.array(AdRef).min(1).max(500),
      move: z.array(AdRef).min(1).max(500),
      reason: Reason,
    })
    .strict(),
  /** Extraction read a value the ad does not have (a price read as a number, a wrong handle). */
  z
    .object({
      type: z.literal('wrong_extraction'),
      ad: AdRef,
      kind: z.enum(['phone', 'email', 'handle', 'image']),
      value: z.string().trim().min(1).max(300),
      reason: Reason,
    })
    .strict(),
]);
export type CorrectionCreateInput = z.infer<typeof CorrectionCreateSchema>;

/** GET /api/links/explain: the chain of evidence between two ads. */
export const ExplainQuerySchema = z.object({ a: AdRef, b: AdRef, level: Level.default('network') }).strict();
export type ExplainQueryInput = z.infer<typeof ExplainQuerySchema>;

/** GET /api/profiles: profiles to look at, highest score first. */
export const ProfileListQuerySchema = z
  .object({
    kommun: z
      .string()
      .regex(/^\d{4}$/, 'a four-digit SCB kommun code')
      .optional(),
    minScore: z.coerce.number().min(0).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ProfileListQueryInput = z.infer<typeof ProfileListQuerySchema>;

/** One evidence edge as shown: the two ads, the kind, the shared value and how much it counts. */
export interface EdgeDto {
  a: string;
  b: string;
  kind: string;
  level: 'profile' | 'network';
  value: string;
  strength: number;
  similarity: number | null;
  /** A correction kept this edge from joining its two sides. */
  isRefused: boolean;
}

export interface RiskContributionDto {
  code: string;
  weight: number;
  evidence: { ad: string; text: string }[];
}

export interface ProfileSummaryDto {
  id: string;
  networkId: string;
  adCount: number;
  names: string[];
  phones: string[];
  municipalities: { code: string; name: string }[];
  firstSeen: string;
  lastSeen: string;
  isTouring: boolean;
  score: number;
  /** Generated demo data: the app shows a DEMO label. */
  isDemo: boolean;
}

export interface ProfileDto extends ProfileSummaryDto {
  weightsVersion: string;
  contributions: RiskContributionDto[];
  timeline: { municipality: { code: string; name: string }; from: string; to: string; ads: string[] }[];
  ads: {
    id: string;
    ref: string;
    title: string | null;
    municipality: { code: string; name: string } | null;
    phones: string[];
    firstSeenAt: string;
    lastSeenAt: string;
    images: string[];
    isDemo: boolean;
  }[];
  edges: EdgeDto[];
  corrections: CorrectionDto[];
}

export interface NetworkDto {
  id: string;
  /** Generated demo data: the app shows a DEMO label. */
  isDemo: boolean;
  profileCount: number;
  adCount: number;
  municipalities: { code: string; name: string }[];
  firstSeen: string;
  lastSeen: string;
  score: number;
  weightsVersion: string;
  contributions: RiskContributionDto[];
  /** The network's profiles seen in the organisation's area (all of them when the request looked outside it). */
  profiles: ProfileSummaryDto[];
  /** How many of the network's profiles lie outside the area and are not shown. */
  profilesOutsideArea: number;
  /** ad ref → profile id, for drawing the graph. */
  adProfiles: Record<string, string>;
  edges: EdgeDto[];
}

export interface CorrectionDto {
  id: string;
  type: string;
  level: string | null;
  ads: string[];
  value: string | null;
  reason: string;
  author: string;
  createdAt: string;
}

export interface ExplainDto {
  a: string;
  b: string;
  level: 'profile' | 'network';
  /** Empty when a equals b; null when the ads are not joined at this level. */
  steps: { from: string; to: string; edge: EdgeDto }[] | null;
}
