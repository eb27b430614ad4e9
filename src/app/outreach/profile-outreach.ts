/**
 * One profile as outreach sees it: who she may be (names, numbers, where and when), the score
 * with its contributions, the contact history the sharing rule allows, and the SMS conversation.
 */
import type { HistoryEntryDto, ProfileOutreachDto } from '../../contracts/outreach';
import { shareHistory } from '../../core/outreach/outreach';
import { DomainError } from '../../core/shared/errors';
import { authorize } from '../identity/authorize';
import type { AppDeps, RequestContext } from '../shared/ports';
import { areaOf, kommunDto, outreachSettings, requireOutreachPurpose, sharingMode } from './area';
import { contributionCodes, sharedContactDto, toHistoryEntry } from './outreach-queue';

export async function getProfileOutreach(deps: AppDeps, ctx: RequestContext, profileId: string): Promise<ProfileOutreachDto> {
  await authorize(deps, ctx, 'read', { kind: 'outreach' });
  requireOutreachPurpose(ctx);
  const settings = outreachSettings(deps);
  return deps.uow.transaction(async (r) => {
    const area = await areaOf(r, ctx);
    const p = await r.outreach.profile(profileId);
    const contacts = p ? await r.outreach.contactsOfProfiles([p.id]) : [];
    const own = contacts.filter((c) => c.organisationId === area.organisation.id);
    // Outside the area and never contacted by this organisation: not this organisation's to read.
    if (!p || (!p.municipalityCodes.some((k) => area.kommuner.includes(k)) && own.length === 0)) {
      throw new DomainError('NOT_FOUND', `no profile ${profileId} in your organisation's area`);
    }
    const history: HistoryEntryDto[] = shareHistory(contacts.map(toHistoryEntry), area.organisation.id, sharingMode(deps)).map((s) =>
      s.isOwn
        ? {
            isOwn: true,
            id: s.id,
            kommun: kommunDto(s.kommun),
            contactAt: s.contactAt.toISOString(),
            channel: s.channel,
            language: s.language,
            message: s.message,
            note: s.note,
            workerName: s.workerName,
            outcome: s.outcome,
            category: s.category,
            followUpOn: s.followUpOn,
            referral: s.referral,
          }
        : { isOwn: false, ...sharedContactDto(s) },
    );
    const phones = [...new Set([...p.phones, ...own.map((c) => c.contactPoint).filter((x): x is string => !!x && x.startsWith('+'))])];
    const conversation = await r.outreach.conversation(area.organisation.id, phones);
    await r.audit.append(
      ctx,
      {
        action: 'outreach.profile.read',
        outcome: 'success',
        resourceKind: 'profile',
        resourceId: p.id,
        details: { history: history.length },
      },
      deps.clock.now(),
    );
    return {
      profileId: p.id,
      names: p.names,
      phones: p.phones,
      municipalities: p.municipalityCodes.map(kommunDto),
      firstSeen: p.firstSeen,
      lastSeen: p.lastSeen,
      score: p.score,
      contributions: contributionCodes(p),
      timeline: (p.timeline as { municipalityCode: string; from: string; to: string }[]).map((t) => ({
        municipality: kommunDto(t.municipalityCode),
        from: t.from,
        to: t.to,
      })),
      languages: p.languages,
      minStatedAge: p.minStatedAge,
      isDemo: p.isDemo,
      history,
      conversation: conversation.map((m) => ({
        id: m.id,
        direction: m.direction,
        phone: m.phone,
        body: m.body,
        status: m.status,
        at: m.createdAt.toISOString(),
      })),
      contactKommuner: (p.municipalityCodes.some((k) => area.kommuner.includes(k))
        ? p.municipalityCodes.filter((k) => area.kommuner.includes(k))
        : area.kommuner
      ).map(kommunDto),
      canSendSms: settings.sms !== null,
      supportContact: settings.supportContact,
    };
  });
}
