/**
 * Outreach statistics: contacts, answered, accepted help and referrals per period and kommun.
 * The outreach team sees its own organisation's counts as they are; anything shown outside the
 * team (Statistik, the dashboard) suppresses small counts (src/core/stats/suppress.ts).
 */
import type { CountDto, StatsDto, StatsQueryInput, StatsRowDto } from '../../contracts/outreach';
import { DomainError } from '../../core/shared/errors';
import { suppressCount } from '../../core/stats/suppress';
import { authorize } from '../identity/authorize';
import type { OutreachStatsRow } from './ports';
import type { AppDeps, RequestContext } from '../shared/ports';
import { areaOf, kommunDto, requireInArea } from './area';

const FIELDS = ['contacts', 'answered', 'acceptedHelp', 'referrals'] as const;

function range(q: StatsQueryInput): { from: Date; to: Date } {
  const from = new Date(`${q.from}T00:00:00Z`);
  const to = new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to <= from) {
    throw new DomainError('VALIDATION_FAILED', '"to" must be a real date on or after "from"', { path: ['to'] });
  }
  return { from, to };
}

function build(q: StatsQueryInput, rows: OutreachStatsRow[], isSuppressed: boolean, threshold?: number): StatsDto {
  const count = (n: number): CountDto => {
    if (!isSuppressed) return { value: n, display: String(n) };
    const c = suppressCount(n, threshold === undefined ? {} : { threshold });
    return { value: c.value, display: c.display };
  };
  const totals = { contacts: 0, answered: 0, acceptedHelp: 0, referrals: 0 };
  const out: StatsRowDto[] = rows.map((row) => {
    for (const f of FIELDS) totals[f] += row[f];
    return {
      period: row.period,
      kommun: kommunDto(row.kommun),
      contacts: count(row.contacts),
      answered: count(row.answered),
      acceptedHelp: count(row.acceptedHelp),
      referrals: count(row.referrals),
    };
  });
  return {
    from: q.from,
    to: q.to,
    period: q.period,
    isSuppressed,
    rows: out,
    totals: {
      contacts: count(totals.contacts),
      answered: count(totals.answered),
      acceptedHelp: count(totals.acceptedHelp),
      referrals: count(totals.referrals),
    },
  };
}

/** The outreach team's own figures (its organisation, its area), unsuppressed. */
export async function teamOutreachStats(deps: AppDeps, ctx: RequestContext, q: StatsQueryInput): Promise<StatsDto> {
  await authorize(deps, ctx, 'list', { kind: 'outreach' });
  const { from, to } = range(q);
  return deps.uow.transaction(async (r) => {
    const area = await areaOf(r, ctx);
    if (q.kommun) requireInArea(area, q.kommun, 'kommun');
    const rows = await r.outreach.stats({
      organisationId: area.organisation.id,
      kommuner: q.kommun ? [q.kommun] : null,
      from,
      to,
      period: q.period,
    });
    await r.audit.append(
      ctx,
      { action: 'outreach.stats', outcome: 'success', resourceKind: 'outreach', details: { scope: 'team', ...q } },
      deps.clock.now(),
    );
    return build(q, rows, false);
  });
}

/** Figures for Statistik and the dashboard: every organisation, small counts suppressed. */
/** `opts.threshold`: the installation's small-count threshold (FYREN_SMALL_COUNT_THRESHOLD, default 5). */
export async function publishedOutreachStats(
  deps: AppDeps,
  ctx: RequestContext,
  q: StatsQueryInput,
  opts: { threshold?: number } = {},
): Promise<StatsDto> {
  await authorize(deps, ctx, 'list', { kind: 'outreach_stats' });
  const { from, to } = range(q);
  return deps.uow.transaction(async (r) => {
    const rows = await r.outreach.stats({ organisationId: null, kommuner: q.kommun ? [q.kommun] : null, from, to, period: q.period });
    await r.audit.append(
      ctx,
      { action: 'outreach.stats', outcome: 'success', resourceKind: 'outreach_stats', details: { scope: 'published', ...q } },
      deps.clock.now(),
    );
    return build(q, rows, true, opts.threshold);
  });
}
