/** Follow-up reminders of the organisation's contact attempts, and marking one done. */
import type { Channel, FollowUpDto, Outcome, ReferralDto } from '../../contracts/outreach';
import { DomainError } from '../../core/shared/errors';
import { authorize } from '../identity/authorize';
import type { AppDeps, RequestContext } from '../shared/ports';
import { areaOf, isoDay, kommunDto, requireOutreachPurpose } from './area';
import { referralDto } from './log-contact';

/** Reminders due within this many days are listed. */
export const FOLLOW_UP_HORIZON_DAYS = 7;

export async function listFollowUps(deps: AppDeps, ctx: RequestContext): Promise<{ items: FollowUpDto[] }> {
  await authorize(deps, ctx, 'list', { kind: 'outreach' });
  requireOutreachPurpose(ctx);
  const now = deps.clock.now();
  const today = isoDay(now);
  return deps.uow.transaction(async (r) => {
    const area = await areaOf(r, ctx);
    const rows = await r.outreach.followUps(area.organisation.id, isoDay(new Date(now.getTime() + FOLLOW_UP_HORIZON_DAYS * 86_400_000)));
    await r.audit.append(
      ctx,
      { action: 'outreach.followup.list', outcome: 'success', resourceKind: 'outreach', details: { results: rows.length } },
      now,
    );
    return {
      items: rows.map((c) => ({
        contactId: c.id,
        profileId: c.profileId,
        kommun: kommunDto(c.kommun),
        followUpOn: c.followUpOn as string,
        isOverdue: (c.followUpOn as string) < today,
        channel: c.channel as Channel,
        outcome: c.outcome as Outcome,
        contactAt: c.contactAt.toISOString(),
        workerName: c.workerName,
      })),
    };
  });
}

export async function completeFollowUp(deps: AppDeps, ctx: RequestContext, contactId: string): Promise<void> {
  await authorize(deps, ctx, 'update', { kind: 'outreach' });
  const now = deps.clock.now();
  await deps.uow.transaction(async (r) => {
    const area = await areaOf(r, ctx);
    if (!(await r.outreach.completeFollowUp(contactId, area.organisation.id, now))) {
      throw new DomainError('NOT_FOUND', `no open follow-up for contact ${contactId}`);
    }
    await r.audit.append(
      ctx,
      { action: 'outreach.followup.done', outcome: 'success', resourceKind: 'outreach_contact', resourceId: contactId },
      now,
    );
  });
}

/** The organisation's referrals from outreach, newest first. */
export async function listReferrals(deps: AppDeps, ctx: RequestContext): Promise<{ items: ReferralDto[] }> {
  await authorize(deps, ctx, 'list', { kind: 'outreach' });
  requireOutreachPurpose(ctx);
  return deps.uow.transaction(async (r) => {
    const area = await areaOf(r, ctx);
    const rows = await r.outreach.referrals(area.organisation.id, 200);
    await r.audit.append(
      ctx,
      { action: 'outreach.referral.list', outcome: 'success', resourceKind: 'outreach', details: { results: rows.length } },
      deps.clock.now(),
    );
    const items: ReferralDto[] = [];
    for (const row of rows) items.push(await referralDto(r, row));
    return { items };
  });
}
