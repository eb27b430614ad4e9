/**
 * The outreach queue: profiles in the organisation's area that it has not yet reached, ordered
 * by signs of a minor, youth wording, newness and risk, each with its reasons. A profile that
 * moves into the area from another municipality's shows what the sharing rule allows of the
 * earlier contacts there.
 */
import type { QueueDto, QueueItemDto, QueueQueryInput, SharedContactDto } from '../../contracts/outreach';
import {
  NOT_REACHED,
  rankQueue,
  shareHistory,
  type Channel,
  type HistoryEntry,
  type Outcome,
  type QueueCandidate,
  type SharedEntry,
} from '../../core/outreach/outreach';
import { authorize } from '../identity/authorize';
import type { OutreachContactRow, OutreachProfileRow } from './ports';
import type { AppDeps, RequestContext } from '../shared/ports';
import { areaOf, isoDay, kommunDto, requireInArea, requireOutreachPurpose, sharingMode } from './area';

/** At most this many profiles of the area are ranked per request. */
const CANDIDATE_LIMIT = 2000;

export function toHistoryEntry(c: OutreachContactRow): HistoryEntry {
  return {
    id: c.id,
    organisationId: c.organisationId,
    organisationName: c.organisationName,
    kommun: c.kommun,
    contactAt: c.contactAt,
    channel: c.channel as Channel,
    outcome: c.outcome as Outcome,
    language: c.language,
    message: c.message,
    note: c.note,
    workerName: c.workerName,
    followUpOn: c.followUpOn,
    referral: c.referral
      ? { kind: c.referral.kind as 'case_intake' | 'report_of_concern', unit: c.referral.unitKind as 'adult' | 'children' }
      : null,
  };
}

/** Another organisation's contact as the DTO shows it: that it exists, and whom to call. */
export const sharedContactDto = (s: Extract<SharedEntry, { isOwn: false }>): SharedContactDto => ({
  id: s.id,
  kommun: kommunDto(s.kommun),
  day: s.day,
  organisation: { id: s.organisationId, name: s.organisationName },
});

export const contributionCodes = (p: OutreachProfileRow): { code: string; weight: number }[] =>
  (p.contributions as { code?: unknown; weight?: unknown }[])
    .filter((c) => typeof c.code === 'string')
    .map((c) => ({ code: c.code as string, weight: Number(c.weight ?? 0) }));

/** The kommun of the profile's latest stay inside the area. */
function latestKommunIn(p: OutreachProfileRow, area: readonly string[]): string {
  const stops = (p.timeline as { municipalityCode?: string; to?: string }[]).filter(
    (t) => typeof t.municipalityCode === 'string' && area.includes(t.municipalityCode),
  );
  stops.sort((a, b) => String(b.to ?? '').localeCompare(String(a.to ?? '')));
  return stops[0]?.municipalityCode ?? p.municipalityCodes.find((c) => area.includes(c)) ?? p.municipalityCodes[0] ?? '';
}

export async function getOutreachQueue(deps: AppDeps, ctx: RequestContext, q: QueueQueryInput): Promise<QueueDto> {
  await authorize(deps, ctx, 'list', { kind: 'outreach' });
  requireOutreachPurpose(ctx);
  const now = deps.clock.now();
  return deps.uow.transaction(async (r) => {
    const area = await areaOf(r, ctx);
    if (q.kommun) requireInArea(area, q.kommun, 'kommun');
    const wanted = q.kommun ? [q.kommun] : area.kommuner;
    const since = isoDay(new Date(now.getTime() - q.activeDays * 86_400_000));
    const profiles = await r.outreach.profilesInArea(wanted, since, CANDIDATE_LIMIT);
    const contacts = await r.outreach.contactsOfProfiles(profiles.map((p) => p.id));
    const byProfile = new Map<string, OutreachContactRow[]>();
    for (const c of contacts) byProfile.set(c.currentProfileId, [...(byProfile.get(c.currentProfileId) ?? []), c]);

    const candidates: QueueCandidate[] = [];
    const byId = new Map(profiles.map((p) => [p.id, p]));
    for (const p of profiles) {
      const own = (byProfile.get(p.id) ?? []).filter((c) => c.organisationId === area.organisation.id);
      if (own.some((c) => !NOT_REACHED.includes(c.outcome as Outcome))) continue;
      candidates.push({
        profileId: p.id,
        score: p.score,
        contributionCodes: contributionCodes(p).map((c) => c.code),
        firstSeen: p.firstSeen,
        lastSeen: p.lastSeen,
        languages: p.languages,
        minStatedAge: p.minStatedAge,
        triedCount: own.length,
      });
    }
    const ranked = rankQueue(candidates, now).slice(0, q.limit);
    const items: QueueItemDto[] = ranked.map((c) => {
      const p = byId.get(c.profileId) as OutreachProfileRow;
      const shared = shareHistory((byProfile.get(c.profileId) ?? []).map(toHistoryEntry), area.organisation.id, sharingMode(deps));
      const earlierElsewhere: SharedContactDto[] = shared.flatMap((s) => (s.isOwn ? [] : [sharedContactDto(s)]));
      return {
        profileId: p.id,
        names: p.names,
        municipalities: p.municipalityCodes.map(kommunDto),
        kommun: kommunDto(latestKommunIn(p, wanted)),
        adCount: p.adCount,
        firstSeen: p.firstSeen,
        lastSeen: p.lastSeen,
        daysSinceFirstSeen: c.daysSinceFirstSeen,
        score: p.score,
        contributions: contributionCodes(p),
        languages: p.languages,
        hasYouthIndicators: c.hasYouthIndicators,
        priority: c.priority,
        reasons: c.reasons,
        status: c.triedCount > 0 ? 'tried' : 'not_contacted',
        earlierElsewhere,
        isDemo: p.isDemo,
      };
    });
    await r.audit.append(
      ctx,
      {
        action: 'outreach.queue',
        outcome: 'success',
        resourceKind: 'outreach',
        details: { kommuner: wanted.length, kommun: q.kommun ?? null, results: items.length },
      },
      now,
    );
    return { area: area.kommuner.map(kommunDto), items };
  });
}
