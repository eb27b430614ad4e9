/**
 * Demand statistics (Statistik → Efterfrågan): the weekly trend of an area with supply, probes
 * and events on one time axis; distinct buyers per area in a week; and the displacement view
 * around an event. Every count is suppressed below the threshold before it leaves this file.
 * These are statistics: reading them is not audited as a read of personal data, and no
 * pseudonym is ever read here.
 */
import type {
  AreaLevel,
  DemandAreasDto,
  DemandAreasQuery,
  DemandEventDto,
  DemandProbeDto,
  DemandTrendDto,
  DemandTrendQuery,
  DemandWeekDto,
  DisplacementDto,
  DisplacementQuery,
  DisplacementRowDto,
} from '../../contracts/demand';
import { areaName, BIG_CITIES, isWithin, neighbouringKommuner, parseArea, type Area } from '../../core/demand/areas';
import { addWeeks, weekOf } from '../../core/demand/buyer-account';
import {
  areaChange,
  displacementWeeks,
  protectNeighbours,
  summariseDisplacement,
  type AreaChange,
  type SummaryRow,
} from '../../core/demand/displacement';
import { DomainError } from '../../core/shared/errors';
import { DEFAULT_SUPPRESSION_THRESHOLD, suppressCount } from '../../core/stats/suppress';
import { KOMMUNER, LAN, POLICE_REGIONS } from '../../core/places';
import { authorize } from '../identity/authorize';
import { can } from '../../core/policy/policy';
import type { DemandEventRow, DemandProbeRow } from './ports';
import type { AppDeps, RequestContext } from '../shared/ports';

/** Options of the published figures: the small-count threshold (FYREN_SMALL_COUNT_THRESHOLD, default 5). */
export interface PublishOptions {
  threshold?: number;
}
/** The longest trend one request may ask for. */
export const MAX_TREND_WEEKS = 156;

type Deps = Pick<AppDeps, 'uow' | 'clock'>;

function areaOf(ref: string): Area {
  const a = parseArea(ref);
  if (!a) throw new DomainError('VALIDATION_FAILED', `unknown area ${ref}`, { path: ['area'] });
  return a;
}

export function presentEvent(e: DemandEventRow): DemandEventDto {
  return { ...e, areaName: areaName({ level: e.areaLevel, code: e.areaCode }) };
}

export function presentProbe(p: DemandProbeRow): DemandProbeDto {
  return { ...p, startedAt: p.startedAt.toISOString(), areaName: areaName({ level: p.areaLevel, code: p.areaCode }) };
}

/**
 * Asks the policy about demand figures. The console operator (`fyren report demand`,
 * `fyren demand probes import`) is trusted like every CLI command.
 */
export async function authorizeDemand(deps: Deps, ctx: RequestContext, action: 'read' | 'list' | 'create'): Promise<void> {
  if (ctx.actor === null && ctx.isConsoleOperator === true) return;
  await authorize(deps, ctx, action, { kind: 'demand' });
}

/** A figure that cannot be counted yet (the week is not over). */
const NOT_YET = { value: null, display: '–', isSuppressed: false } as const;

const publisher = (threshold: number) => (n: number) => suppressCount(n, { threshold });

/** Whether an event or probe area relates to the viewed area (inside it, or containing it). */
const relates = (a: Area, viewed: Area) => isWithin(a, viewed) || isWithin(viewed, a);

/** The weekly trend of an area. */
export async function getDemandTrend(
  deps: Deps,
  ctx: RequestContext,
  query: DemandTrendQuery,
  opts: PublishOptions = {},
): Promise<DemandTrendDto> {
  const threshold = opts.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  const publish = publisher(threshold);
  await authorizeDemand(deps, ctx, 'read');
  const area = areaOf(query.area);
  const toWeek = weekOf(query.to ?? deps.clock.now().toISOString().slice(0, 10));
  const fromWeek = weekOf(query.from ?? addWeeks(toWeek, -25));
  if (fromWeek > toWeek) throw new DomainError('VALIDATION_FAILED', 'from is after to', { path: ['from'] });
  const weeks: string[] = [];
  for (let w = fromWeek; w <= toWeek; w = addWeeks(w, 1)) weeks.push(w);
  if (weeks.length > MAX_TREND_WEEKS)
    throw new DomainError('VALIDATION_FAILED', `too long a period: at most ${MAX_TREND_WEEKS} weeks`, { path: ['from'] });
  const endDate = addWeeks(toWeek, 1);
  const data = await deps.uow.transaction(async (r) => ({
    demand: await r.demand.weekly(area, fromWeek, toWeek),
    supply: await r.demand.supplyWeekly(area, fromWeek, toWeek),
    events: await r.demand.listEvents(fromWeek, endDate),
    probes: await r.demand.listProbes(new Date(`${fromWeek}T00:00:00Z`), new Date(`${endDate}T00:00:00Z`)),
    levels: await r.demand.placeLevelCounts(area, fromWeek, toWeek),
    hasDemo: await r.demand.hasDemo(),
  }));
  const demandOf = new Map(data.demand.map((d) => [d.week, d]));
  const supplyOf = new Map(data.supply.map((s) => [s.week, s.profiles]));
  const probes = data.probes.filter((p) => relates({ level: p.areaLevel, code: p.areaCode }, area));
  const probesOf = new Map<string, DemandProbeRow[]>();
  for (const p of probes) {
    const w = weekOf(p.startedAt);
    probesOf.set(w, [...(probesOf.get(w) ?? []), p]);
  }
  // The week that holds today is not over: a buyer not seen yet this week has not stopped.
  const today = deps.clock.now().toISOString().slice(0, 10);
  const out: DemandWeekDto[] = weeks.map((week) => {
    const d = demandOf.get(week);
    const ps = probesOf.get(week) ?? [];
    const isIncomplete = addWeeks(week, 1) > today;
    return {
      week,
      isIncomplete,
      active: publish(d?.active ?? 0),
      distinct: publish(d?.distinct ?? 0),
      new: publish(d?.new ?? 0),
      gone: isIncomplete ? NOT_YET : publish(d?.gone ?? 0),
      profiles: publish(supplyOf.get(week) ?? 0),
      repliesPerHour: ps.length ? Math.round((ps.reduce((s, p) => s + p.repliesFirstHour, 0) / ps.length) * 10) / 10 : null,
      probes: ps.length,
    };
  });
  return {
    area: { level: area.level, code: area.code, name: areaName(area) },
    weeks: out,
    events: data.events.filter((e) => relates({ level: e.areaLevel, code: e.areaCode }, area)).map(presentEvent),
    probes: probes.map(presentProbe),
    lanOnlyNote: { lanOnlyAccounts: publish(data.levels.lanOnly), noPlaceAccounts: publish(data.levels.none) },
    threshold: threshold,
    hasDemo: data.hasDemo,
    canEnter: ctx.actor ? can(ctx.actor, 'create', { kind: 'demand' }) : ctx.isConsoleOperator === true,
  };
}

const NAME_OF: Record<'kommun' | 'lan' | 'polisregion', (code: string) => string> = {
  kommun: (c) => KOMMUNER.find((k) => k.code === c)?.short ?? c,
  lan: (c) => LAN.find((l) => l.code === c)?.name ?? c,
  polisregion: (c) => ((POLICE_REGIONS as readonly string[]).includes(c) ? c : c),
};

/** Distinct buyers per area at one level in one week (default the last whole week). */
export async function getDemandAreas(
  deps: Deps,
  ctx: RequestContext,
  query: DemandAreasQuery,
  opts: PublishOptions = {},
): Promise<DemandAreasDto> {
  const threshold = opts.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  const publish = publisher(threshold);
  await authorizeDemand(deps, ctx, 'read');
  const week = weekOf(query.week ?? addWeeks(weekOf(deps.clock.now()), -1));
  const rows = await deps.uow.transaction((r) => r.demand.distinctByArea(query.level, week, week));
  return {
    level: query.level,
    week,
    areas: rows
      .map((r) => ({ code: r.code, name: NAME_OF[query.level](r.code), distinct: publish(r.distinct) }))
      .sort((a, b) => (b.distinct.value ?? 0) - (a.distinct.value ?? 0) || a.name.localeCompare(b.name, 'sv')),
    threshold: threshold,
  };
}

/** The displacement view around one event. */
export async function getDisplacement(
  deps: Deps,
  ctx: RequestContext,
  query: DisplacementQuery,
  opts: PublishOptions = {},
): Promise<DisplacementDto> {
  const threshold = opts.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  await authorizeDemand(deps, ctx, 'read');
  const event = await deps.uow.transaction((r) => r.demand.getEvent(query.event));
  if (!event) throw new DomainError('NOT_FOUND', 'no such event');
  const compare: Area[] = query.compare
    ? query.compare
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map(areaOf)
    : [...BIG_CITIES];
  const eventArea: Area = { level: event.areaLevel, code: event.areaCode };
  const windows = displacementWeeks(event.date, query.weeks);
  const from = windows.before[0]!;
  const to = windows.after[windows.after.length - 1]!;
  const neighbours = event.areaLevel === 'kommun' ? neighbouringKommuner(event.areaCode) : [];
  const seen = new Set([`${eventArea.level}:${eventArea.code}`]);
  const compareAreas = compare.filter((a) => {
    const k = `${a.level}:${a.code}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const series = await deps.uow.transaction(async (r) => {
    // One query at a time: a transaction has one connection.
    const get = async (a: Area) => new Map((await r.demand.weekly(a, from, to)).map((w) => [w.week, w.distinct]));
    const event = await get(eventArea);
    const near: Map<string, number>[] = [];
    for (const c of neighbours) near.push(await get({ level: 'kommun', code: c }));
    const others: Map<string, number>[] = [];
    for (const a of compareAreas) others.push(await get(a));
    return { event, neighbours: near, compare: others };
  });
  const rows: (DisplacementRowDto & { nameEn: string })[] = [];
  const summary: SummaryRow[] = [];
  const add = (
    role: DisplacementRowDto['role'],
    level: AreaLevel,
    code: string,
    counts: Map<string, number> | AreaChange,
    nameSv: string,
    nameEn: string,
  ) => {
    const change = counts instanceof Map ? areaChange(counts, windows, threshold) : counts;
    rows.push({ role, level, code, name: nameSv, nameEn, before: change.before, after: change.after, changePercent: change.changePercent });
    summary.push({ role, nameSv, nameEn, change });
  };
  add('event', eventArea.level, eventArea.code, series.event, areaName(eventArea), areaName(eventArea, 'en'));
  if (neighbours.length) {
    const sum = new Map<string, number>();
    for (const m of series.neighbours) for (const [w, n] of m) sum.set(w, (sum.get(w) ?? 0) + n);
    // The neighbours together and one by one: protected as a total and its parts.
    const protectedChanges = protectNeighbours(
      areaChange(sum, windows, threshold),
      series.neighbours.map((m) => areaChange(m, windows, threshold)),
      threshold,
    );
    add(
      'neighbours',
      'kommun',
      neighbours.join(','),
      protectedChanges.group,
      'grannkommunerna tillsammans',
      'the neighbouring kommuner together',
    );
    neighbours.forEach((c, i) =>
      add(
        'neighbour',
        'kommun',
        c,
        protectedChanges.parts[i]!,
        areaName({ level: 'kommun', code: c }),
        areaName({ level: 'kommun', code: c }, 'en'),
      ),
    );
  }
  compareAreas.forEach((a, i) => add('compare', a.level, a.code, series.compare[i]!, areaName(a), areaName(a, 'en')));
  const text = summariseDisplacement({ title: event.title, date: event.date }, query.weeks, summary);
  return {
    event: presentEvent(event),
    weeks: query.weeks,
    beforeWeeks: { from: windows.before[0]!, to: windows.before[windows.before.length - 1]! },
    afterWeeks: { from: windows.after[0]!, to: windows.after[windows.after.length - 1]! },
    rows: rows.map(({ nameEn: _nameEn, ...row }) => row),
    summarySv: text.sv,
    summaryEn: text.en,
    threshold: threshold,
  };
}

/** The figures of the report's demand section: the trend and, around the chosen (or latest) operation, the displacement. */
export async function gatherDemandReport(
  deps: Deps,
  ctx: RequestContext,
  query: { area: string; from?: string; to?: string; event?: string; compare?: string; weeks?: number },
  opts: PublishOptions = {},
): Promise<{ trend: DemandTrendDto; displacement: DisplacementDto | null; generatedAt: Date }> {
  const trend = await getDemandTrend(
    deps,
    ctx,
    {
      area: query.area,
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
    },
    opts,
  );
  const eventId = query.event ?? [...trend.events].reverse().find((e) => e.kind === 'operation')?.id;
  const displacement = eventId
    ? await getDisplacement(
        deps,
        ctx,
        { event: eventId, weeks: query.weeks ?? 6, ...(query.compare ? { compare: query.compare } : {}) },
        opts,
      )
    : null;
  return { trend, displacement, generatedAt: deps.clock.now() };
}
