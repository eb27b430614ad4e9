/**
 * Dated events and demand probes: simple records an analyst or coordinator enters (operations
 * get their own module later). A probe is a measurement made by hand; Fyren never posts a
 * profile itself. Every change is audited in the same transaction.
 */
import type { DemandEventCreateInput, DemandEventDto, DemandProbeCreateInput, ProbeImportResultDto } from '../../contracts/demand';
import { parseArea } from '../../core/demand/areas';
import { parseProbeCsv } from './probe-csv';
import { DomainError } from '../../core/shared/errors';
import type { DemandProbeRow } from './ports';
import type { AppDeps, RequestContext } from '../shared/ports';
import { authorizeDemand, presentEvent, presentProbe } from './demand-statistics';

type Deps = Pick<AppDeps, 'uow' | 'clock'>;

function area(ref: string, path: string) {
  const a = parseArea(ref);
  if (!a) throw new DomainError('VALIDATION_FAILED', `unknown area ${ref}`, { path: [path] });
  return a;
}

export async function createDemandEvent(
  deps: Deps,
  ctx: RequestContext,
  input: DemandEventCreateInput,
  opts: { isDemo?: boolean } = {},
): Promise<DemandEventDto> {
  await authorizeDemand(deps, ctx, 'create');
  const a = area(input.area, 'area');
  const now = deps.clock.now();
  const row = await deps.uow.transaction(async (r) => {
    const e = await r.demand.insertEvent({
      kind: input.kind,
      title: input.title,
      areaLevel: a.level,
      areaCode: a.code,
      date: input.date,
      isDemo: opts.isDemo ?? false,
      createdBy: ctx.actor?.userId ?? null,
    });
    await r.audit.append(
      ctx,
      {
        action: 'demand_event.create',
        outcome: 'success',
        resourceKind: 'demand_event',
        resourceId: e.id,
        details: { kind: e.kind, area: input.area },
      },
      now,
    );
    return e;
  });
  return presentEvent(row);
}

export async function listDemandEvents(deps: Deps, ctx: RequestContext, range: { from: string; to: string }): Promise<DemandEventDto[]> {
  await authorizeDemand(deps, ctx, 'list');
  const rows = await deps.uow.transaction((r) => r.demand.listEvents(range.from, range.to));
  return rows.map(presentEvent);
}

function probeRow(
  p: DemandProbeCreateInput,
  createdBy: string | null,
  isDemo: boolean,
): Omit<DemandProbeRow, 'id'> & { createdBy: string | null } {
  const a = area(p.area, 'area');
  const startedAt = new Date(p.startedAt);
  startedAt.setUTCMinutes(0, 0, 0); // a probe is recorded by date and hour
  return {
    startedAt,
    site: p.site,
    areaLevel: a.level,
    areaCode: a.code,
    profileDescription: p.profileDescription,
    windowMinutes: p.windowMinutes,
    repliesFirstHour: p.repliesFirstHour,
    repliesTotal: p.repliesTotal,
    isDemo,
    createdBy,
  };
}

export async function createDemandProbe(deps: Deps, ctx: RequestContext, input: DemandProbeCreateInput, opts: { isDemo?: boolean } = {}) {
  await authorizeDemand(deps, ctx, 'create');
  const row = probeRow(input, ctx.actor?.userId ?? null, opts.isDemo ?? false);
  await deps.uow.transaction(async (r) => {
    await r.demand.insertProbes([row]);
    await r.audit.append(
      ctx,
      { action: 'demand_probe.create', outcome: 'success', resourceKind: 'demand_probe', details: { probes: 1 } },
      deps.clock.now(),
    );
  });
  return presentProbe({ ...row, id: '' });
}

/** Imports probes from CSV: all lines or none; every bad line is named with its column and reason. */
export async function importDemandProbes(deps: Deps, ctx: RequestContext, csv: string): Promise<ProbeImportResultDto> {
  await authorizeDemand(deps, ctx, 'create');
  const parsed = parseProbeCsv(csv);
  const problems = [...parsed.problems];
  const rows: ReturnType<typeof probeRow>[] = [];
  parsed.probes.forEach((p) => {
    try {
      rows.push(probeRow(p, ctx.actor?.userId ?? null, false));
    } catch (err) {
      problems.push({ line: 0, column: 'area', reason: err instanceof Error ? err.message : String(err) });
    }
  });
  if (problems.length || rows.length === 0)
    return { imported: 0, problems: problems.length ? problems : [{ line: 1, column: '(file)', reason: 'no probes in the file' }] };
  const imported = await deps.uow.transaction(async (r) => {
    const n = await r.demand.insertProbes(rows);
    await r.audit.append(
      ctx,
      { action: 'demand_probe.import', outcome: 'success', resourceKind: 'demand_probe', details: { probes: n } },
      deps.clock.now(),
    );
    return n;
  });
  return { imported, problems: [] };
}
