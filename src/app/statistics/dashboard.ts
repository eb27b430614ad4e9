/**
 * Statistics use cases (kartläggning): the dashboard of an area and period, frozen mappings
 * (dated, reproducible snapshots with their method and a content hash) and their comparison.
 * Everything returned here is published: small counts are suppressed (core/stats/suppress.ts).
 * Ad-level views stay in Kartläggning behind access control; nothing here names a person.
 */
import { randomUUID } from 'node:crypto';
import { areaRef, resolveArea } from '../../core/stats/area';
import {
  isIsoDate,
  periodDays,
  publishDashboard,
  samePeriodLastYear,
  type DashboardArea,
  type Period,
  type PublishedDashboard,
  type RawDashboard,
} from '../../core/stats/dashboard';
import { mappingContentHash } from '../../core/stats/content-hash';
import { DASHBOARD_DEFINITIONS_VERSION, type MappingMethod } from '../../core/stats/method';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '../../core/stats/suppress';
import { can } from '../../core/policy/policy';
import { DomainError } from '../../core/shared/errors';
import type { DashboardCache } from './dashboard-cache';
import { authorize } from '../identity/authorize';
import type { AppDeps, Repositories, RequestContext } from '../shared/ports';
import type { MappingRow } from './ports';

/** Installation settings the statistics use cases need. */
export interface StatisticsSettings {
  /** Counts below this are published as "<threshold" (FYREN_SMALL_COUNT_THRESHOLD, default 5). */
  threshold: number;
  /** Site config version per source id (a short hash of the validated config). */
  siteVersions: ReadonlyMap<string, string>;
}

export const DEFAULT_STATISTICS_SETTINGS: StatisticsSettings = { threshold: DEFAULT_SUPPRESSION_THRESHOLD, siteVersions: new Map() };

export interface DashboardQuery {
  /** Kommun code or name, län code or name, or police region. */
  area: string;
  from: string;
  to: string;
  /** Other areas to show side by side. */
  compare?: readonly string[];
}

/** The longest period the dashboard answers (ten years). */
const MAX_DAYS = 3660;

/** Checks a period; throws VALIDATION_FAILED naming the bad field. */
export function checkPeriod(from: string, to: string): Period {
  if (!isIsoDate(from)) throw new DomainError('VALIDATION_FAILED', `from: "${from}" is not a date YYYY-MM-DD`, { field: 'from' });
  if (!isIsoDate(to)) throw new DomainError('VALIDATION_FAILED', `to: "${to}" is not a date YYYY-MM-DD`, { field: 'to' });
  if (to < from) throw new DomainError('VALIDATION_FAILED', `to (${to}) is before from (${from})`, { field: 'to' });
  if (periodDays({ from, to }) > MAX_DAYS)
    throw new DomainError('VALIDATION_FAILED', 'the period is longer than ten years', { field: 'to' });
  return { from, to };
}

/** Counts everything the dashboard shows, unsuppressed (internal; never returned to a client as is). */
export async function countDashboard(
  r: Repositories,
  area: DashboardArea,
  period: Period,
  compare: readonly DashboardArea[] = [],
  asOf?: string,
): Promise<RawDashboard> {
  const lastYear = samePeriodLastYear(period);
  // One query at a time: a transaction has one connection.
  const comparisons: RawDashboard['comparisons'] = [];
  for (const a of compare) comparisons.push({ area: a, totals: await r.stats.totals(a, period) });
  return {
    area,
    period,
    totals: await r.stats.totals(area, period),
    weeks: await r.stats.weeks(area, period),
    kommuner: await r.stats.kommuner(area, period),
    indicators: await r.stats.indicators(area, period),
    flows: await r.stats.flows(area.kommunCodes, period),
    lastYear: { period: lastYear, totals: await r.stats.totals(area, lastYear), hasData: await r.stats.hasData(lastYear) },
    comparisons,
    ...(asOf ? { asOf } : {}),
  };
}

/** The method of the figures of an area and period. */
export async function methodOf(r: Repositories, area: DashboardArea, period: Period, settings: StatisticsSettings): Promise<MappingMethod> {
  const facts = await r.stats.methodFacts(area.kommunCodes, period);
  return {
    definitionsVersion: DASHBOARD_DEFINITIONS_VERSION,
    sites: facts.sites.map((s) => ({ ...s, configVersion: settings.siteVersions.get(s.id) ?? null })),
    deduplication: { linkParams: facts.linkParams, weights: facts.weights, extraction: facts.extraction },
    threshold: settings.threshold,
  };
}

export interface DashboardResult {
  dashboard: PublishedDashboard;
  method: MappingMethod;
  /** Whether the actor may freeze this as a mapping (the policy decides; the web app shows the button). */
  canFreeze: boolean;
}

/** The published dashboard of an area and period, with its method. Visible to every role with Statistik. */
export async function getDashboard(
  deps: AppDeps,
  ctx: RequestContext,
  query: DashboardQuery,
  settings: StatisticsSettings = DEFAULT_STATISTICS_SETTINGS,
): Promise<DashboardResult> {
  await authorize(deps, ctx, 'read', { kind: 'statistics' });
  const result = await dashboardFor(deps, query, settings);
  return { ...result, canFreeze: ctx.actor !== null && can(ctx.actor, 'create', { kind: 'statistics' }) };
}

/**
 * The published dashboard without an access check: for the operator's `fyren report` (like
 * `fyren evidence export`, the command line is the installation's operator) and after authorize().
 */
export async function dashboardFor(
  deps: Pick<AppDeps, 'uow'> & Partial<Pick<AppDeps, 'clock' | 'dashboardCache'>>,
  query: DashboardQuery,
  settings: StatisticsSettings = DEFAULT_STATISTICS_SETTINGS,
): Promise<DashboardResult> {
  const period = checkPeriod(query.from, query.to);
  const area = resolveArea(query.area);
  const compare = (query.compare ?? []).filter((c) => c.trim() !== '').map(resolveArea);
  const cache = deps.dashboardCache as DashboardCache<DashboardResult> | undefined;
  const today = deps.clock?.now().toISOString().slice(0, 10);
  // Today is part of the key: the week that has just started is marked as incomplete.
  const key = JSON.stringify([area.kind, area.id, period.from, period.to, compare.map((a) => [a.kind, a.id]), settings.threshold, today]);
  return deps.uow.transaction(async (r) => {
    // Read before the figures: figures newer than their version only cause one more computation.
    const version = cache ? await r.stats.version() : 0;
    const hit = cache?.get(key, version);
    if (hit) return hit;
    const raw = await countDashboard(r, area, period, compare, today);
    const result = {
      dashboard: publishDashboard(raw, settings.threshold),
      method: await methodOf(r, area, period, settings),
      canFreeze: false,
    };
    cache?.set(key, version, result);
    return result;
  });
}

/** A frozen mapping as the API returns it. */
export interface Mapping {
  id: string;
  title: string;
  area: { kind: string; id: string; name: string };
  period: Period;
  createdAt: string;
  createdByName: string | null;
  method: MappingMethod;
  figures: PublishedDashboard;
  contentHash: string;
}

function present(row: MappingRow): Mapping {
  return {
    id: row.id,
    title: row.title,
    area: { kind: row.areaKind, id: row.areaId, name: row.areaName },
    period: { from: row.periodFrom, to: row.periodTo },
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdByName,
    method: row.method as unknown as MappingMethod,
    figures: row.figures as unknown as PublishedDashboard,
    contentHash: row.contentHash,
  };
}

/** The content of a mapping that its hash covers. */
function hashOf(area: DashboardArea, period: Period, method: MappingMethod, figures: PublishedDashboard): string {
  return mappingContentHash({ area: { kind: area.kind, id: area.id, name: area.name }, period, method, figures });
}

/**
 * Freezes the dashboard of an area and period as a kartläggning: dated, with its method and a
 * content hash. Audited as kartlaggning.create.
 */
export async function freezeMapping(
  deps: AppDeps,
  ctx: RequestContext,
  input: { area: string; from: string; to: string; title?: string },
  settings: StatisticsSettings = DEFAULT_STATISTICS_SETTINGS,
): Promise<Mapping> {
  await authorize(deps, ctx, 'create', { kind: 'statistics' });
  const period = checkPeriod(input.from, input.to);
  const area = resolveArea(input.area);
  const now = deps.clock.now();
  return deps.uow.transaction(async (r) => {
    const figures = publishDashboard(await countDashboard(r, area, period, [], now.toISOString().slice(0, 10)), settings.threshold);
    const method = await methodOf(r, area, period, settings);
    const row: MappingRow = {
      id: randomUUID(),
      areaKind: area.kind,
      areaId: area.id,
      areaName: area.name,
      periodFrom: period.from,
      periodTo: period.to,
      title: input.title?.trim() || `Kartläggning ${area.name} ${period.from}–${period.to}`,
      createdBy: ctx.actor?.userId ?? null,
      createdByName: ctx.actor?.displayName ?? null,
      createdAt: now,
      method: method as unknown as Record<string, unknown>,
      figures: figures as unknown as Record<string, unknown>,
      contentHash: hashOf(area, period, method, figures),
    };
    await r.stats.saveMapping(row);
    await r.audit.append(
      ctx,
      {
        action: 'kartlaggning.create',
        outcome: 'success',
        resourceKind: 'kartlaggning',
        resourceId: row.id,
        details: { area: area.id, from: period.from, to: period.to, hash: row.contentHash },
      },
      now,
    );
    return present(row);
  });
}

export async function listMappings(deps: AppDeps, ctx: RequestContext): Promise<Omit<Mapping, 'figures' | 'method'>[]> {
  await authorize(deps, ctx, 'list', { kind: 'statistics' });
  const rows = await deps.uow.transaction((r) => r.stats.listMappings());
  return rows.map((row) => {
    const { figures: _f, method: _m, ...rest } = present(row);
    return rest;
  });
}

export async function getMapping(deps: AppDeps, ctx: RequestContext, id: string): Promise<Mapping> {
  await authorize(deps, ctx, 'read', { kind: 'statistics' });
  const row = await deps.uow.transaction((r) => r.stats.getMapping(id));
  if (!row) throw new DomainError('NOT_FOUND', `no kartläggning ${id}`, { id });
  return present(row);
}

/**
 * Recomputes a mapping from the data now and says whether it gives the same figures and hash.
 * The same data gives the same figures; new or removed ads in the period change them.
 */
export async function reproduceMapping(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  settings: StatisticsSettings = DEFAULT_STATISTICS_SETTINGS,
): Promise<{ isReproduced: boolean; storedHash: string; recomputedHash: string }> {
  const m = await getMapping(deps, ctx, id);
  const area = resolveArea(areaRef({ kind: m.area.kind as DashboardArea['kind'], id: m.area.id }));
  return deps.uow.transaction(async (r) => {
    const asOf = deps.clock.now().toISOString().slice(0, 10);
    const figures = publishDashboard(await countDashboard(r, area, m.period, [], asOf), m.method.threshold);
    const method = await methodOf(r, area, m.period, { ...settings, threshold: m.method.threshold });
    const recomputedHash = hashOf(area, m.period, method, figures);
    return { isReproduced: recomputedHash === m.contentHash, storedHash: m.contentHash, recomputedHash };
  });
}

/** One row of a comparison of two mappings. */
export interface MappingComparisonRow {
  figure: string;
  a: string;
  b: string;
  /** b − a when both are published numbers, else null. */
  change: number | null;
}

/** Compares the key figures of two mappings (any areas and periods). */
export async function compareMappings(
  deps: AppDeps,
  ctx: RequestContext,
  aId: string,
  bId: string,
): Promise<{ a: Omit<Mapping, 'figures' | 'method'>; b: Omit<Mapping, 'figures' | 'method'>; rows: MappingComparisonRow[] }> {
  const a = await getMapping(deps, ctx, aId);
  const b = await getMapping(deps, ctx, bId);
  const keys = ['ads', 'profiles', 'newProfiles', 'inresta', 'lokal', 'inrestaShare', 'sugarAds', 'networks'] as const;
  const rows = keys.map((k) => {
    const x = a.figures.totals[k];
    const y = b.figures.totals[k];
    const change =
      x.value !== null && y.value !== null
        ? k === 'inrestaShare'
          ? Math.round((y.value - x.value) * 100) / 100
          : y.value - x.value
        : null;
    return { figure: k, a: x.display, b: y.display, change };
  });
  const strip = ({ figures: _f, method: _m, ...rest }: Mapping) => rest;
  return { a: strip(a), b: strip(b), rows };
}
