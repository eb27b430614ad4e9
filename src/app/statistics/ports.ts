/**
 * Ports of statistics (kartläggning): the aggregate tables, the dashboard's counts, frozen mappings.
 * Adapters implement them; the context's registration (src/main/contexts/) wires them.
 */
import type { DashboardArea, Period, RawFlow, RawIndicator, RawKommun, RawTotals, RawWeek } from '../../core/stats/dashboard';

/** Statistics (kartläggning): the aggregate tables, the dashboard's counts, frozen mappings. */
export interface StatsRepository {
  /** Rebuilds the aggregates from the ads, their sightings and linking. */
  refreshAll(): Promise<void>;
  /** Recomputes the aggregates of these ads and of every profile they belonged to or belong to now. */
  refreshAds(adIds: readonly string[]): Promise<void>;
  /** The aggregates' version: it changes in the same transaction as every refresh (dashboard cache). */
  version(): Promise<number>;
  /** The figures of an area (a kommun, län or police region as resolved by core/stats/area.ts), read from per-area aggregates. */
  totals(area: DashboardArea, period: Period): Promise<RawTotals>;
  weeks(area: DashboardArea, period: Period): Promise<RawWeek[]>;
  /** Per kommun of the area. */
  kommuner(area: DashboardArea, period: Period): Promise<RawKommun[]>;
  indicators(area: DashboardArea, period: Period): Promise<RawIndicator[]>;
  flows(kommunCodes: readonly string[], period: Period): Promise<RawFlow[]>;
  /**
   * Whether anything at all was collected during the period, anywhere in the installation (an ad
   * seen on some day of it). False before Fyren was running: figures of such a period show "–".
   */
  hasData(period: Period): Promise<boolean>;
  /** What the method description needs: sites with their days, and the versions in the data. */
  methodFacts(kommunCodes: readonly string[], period: Period): Promise<MethodFacts>;
  saveMapping(row: MappingRow): Promise<void>;
  listMappings(): Promise<MappingRow[]>;
  getMapping(id: string): Promise<MappingRow | null>;
}

export interface MethodFacts {
  sites: { id: string; name: string; kind: string; days: string[] }[];
  linkParams: string[];
  weights: string[];
  extraction: string[];
}

/** A frozen mapping as stored. */
export interface MappingRow {
  id: string;
  areaKind: string;
  areaId: string;
  areaName: string;
  periodFrom: string;
  periodTo: string;
  title: string;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
  method: Record<string, unknown>;
  figures: Record<string, unknown>;
  contentHash: string;
}

declare module '../shared/ports' {
  /** The repositories of this context, bound to one transaction. */
  interface Repositories {
    stats: StatsRepository;
  }
}
