/**
 * Logs one contact attempt. Accepted help opens a case intake at the adult unit; signs of a
 * minor make a report of concern (orosanmälan) to the children's unit. The contact keeps the
 * keys of the profile's ads, so its history follows the person through re-linking.
 */
import type { ContactCreatedDto, ContactCreateInput, ReferralDto } from '../../contracts/outreach';
import { referralFor, REPORT_OF_CONCERN_BASIS } from '../../core/outreach/outreach';
import { DomainError } from '../../core/shared/errors';
import { authorize } from '../identity/authorize';
import type { OutreachReferralRow } from './ports';
import type { AppDeps, Repositories, RequestContext } from '../shared/ports';
import { areaOf, isoDay, kommunDto, requireInArea } from './area';

/** Unit names that receive each kind of referral (matched case-insensitively in the organisation's units). */
const UNIT_NAMES = { adult: ['vuxen'], children: ['barn', 'ungdom', 'unga'] } as const;

export async function referralDto(r: Repositories, row: OutreachReferralRow): Promise<ReferralDto> {
  const unit = row.unitId ? await r.units.get(row.unitId) : null;
  return {
    id: row.id,
    kind: row.kind as ReferralDto['kind'],
    unitKind: row.unitKind as ReferralDto['unitKind'],
    unitName: unit?.name ?? null,
    status: row.status,
    legalBasis: row.legalBasis,
    kommun: kommunDto(row.kommun),
    createdAt: row.createdAt.toISOString(),
  };
}

export async function logContact(deps: AppDeps, ctx: RequestContext, input: ContactCreateInput): Promise<ContactCreatedDto> {
  await authorize(deps, ctx, 'create', { kind: 'outreach' });
  const now = deps.clock.now();
  const contactAt = input.contactAt ? new Date(input.contactAt) : now;
  if (contactAt.getTime() > now.getTime() + 5 * 60_000) {
    throw new DomainError('VALIDATION_FAILED', 'the contact cannot be in the future', { path: ['contactAt'] });
  }
  if (input.followUpOn && input.followUpOn < isoDay(contactAt)) {
    throw new DomainError('VALIDATION_FAILED', 'a follow-up cannot be before the contact', { path: ['followUpOn'] });
  }
  return deps.uow.transaction(async (r) => {
    const area = await areaOf(r, ctx);
    requireInArea(area, input.kommun, 'kommun');
    const profile = await r.outreach.profile(input.profileId);
    if (!profile)
      throw new DomainError('NOT_FOUND', `no profile ${input.profileId}; it may have been re-linked, reload the queue`, {
        path: ['profileId'],
      });
    if (input.templateId && !(await r.outreach.template(input.templateId))) {
      throw new DomainError('VALIDATION_FAILED', `no template ${input.templateId}`, { path: ['templateId'] });
    }
    const adKeys = await r.outreach.adKeysOfProfile(profile.id);
    const id = await r.outreach.insertContact({
      organisationId: area.organisation.id,
      kommun: input.kommun,
      profileId: profile.id,
      adKeys,
      channel: input.channel,
      language: input.language ?? null,
      templateId: input.templateId ?? null,
      message: input.message || null,
      contactPoint: input.contactPoint || null,
      contactAt,
      workerId: area.userId,
      outcome: input.outcome,
      note: input.note || null,
      followUpOn: input.followUpOn ?? null,
      createdAt: now,
    });
    await r.audit.append(
      ctx,
      {
        action: 'outreach.contact.create',
        outcome: 'success',
        resourceKind: 'outreach_contact',
        resourceId: id,
        details: { profileId: profile.id, kommun: input.kommun, channel: input.channel, outcome: input.outcome },
      },
      now,
    );
    const leadsTo = referralFor(input.outcome);
    let referral: ReferralDto | null = null;
    if (leadsTo) {
      const row = await r.outreach.insertReferral({
        contactId: id,
        organisationId: area.organisation.id,
        kommun: input.kommun,
        kind: leadsTo.kind,
        unitKind: leadsTo.unit,
        unitId: await r.outreach.findUnit(area.organisation.id, [...UNIT_NAMES[leadsTo.unit]]),
        legalBasis: leadsTo.kind === 'report_of_concern' ? REPORT_OF_CONCERN_BASIS : null,
        createdBy: area.userId,
        createdAt: now,
      });
      await r.audit.append(
        ctx,
        {
          action: 'outreach.referral.create',
          outcome: 'success',
          resourceKind: 'outreach_referral',
          resourceId: row.id,
          details: { contactId: id, kind: row.kind, unitKind: row.unitKind },
        },
        now,
      );
      referral = await referralDto(r, row);
    }
    return { id, referral };
  });
}
