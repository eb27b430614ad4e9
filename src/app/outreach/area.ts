/**
 * What the outreach use cases share: the signed-in worker's organisation and the kommuner of
 * its area, the purpose check, and kommun names.
 */
import type { KommunDto } from '../../contracts/outreach';
import { requirePurpose } from '../../core/shared/purpose';
import { scopeKommuner, type SharingMode } from '../../core/outreach/outreach';
import { KOMMUNER, LAN } from '../../core/places';
import { DomainError } from '../../core/shared/errors';
import type { OrganisationRow } from '../identity/ports';
import type { OutreachSettings } from './ports';
import type { AppDeps, Repositories, RequestContext } from '../shared/ports';

const kommunName = new Map(KOMMUNER.map((k) => [k.code, k.short]));
export const kommunDto = (code: string): KommunDto => ({ code, name: kommunName.get(code) ?? code });

export const DEFAULT_OUTREACH: OutreachSettings = { sms: null, supportContact: null, sharing: 'contact' };
export const outreachSettings = (deps: AppDeps): OutreachSettings => deps.outreach ?? DEFAULT_OUTREACH;
export const sharingMode = (deps: AppDeps): SharingMode => outreachSettings(deps).sharing;

/** Reads of outreach records are searches of personal data: they carry a purpose. */
export function requireOutreachPurpose(ctx: RequestContext): void {
  requirePurpose(ctx.purpose, 'state the purpose of this read (x-fyren-purpose), e.g. "Uppsök: v. 12 Umeå"');
}

export interface Area {
  organisation: OrganisationRow;
  kommuner: string[];
  userId: string;
}

/** The actor's organisation and the kommuner its scope covers. */
export async function areaOf(r: Repositories, ctx: RequestContext): Promise<Area> {
  if (!ctx.actor) throw new DomainError('UNAUTHENTICATED', 'sign in first');
  const organisation = await r.organisations.get(ctx.actor.organisationId);
  if (!organisation) throw new DomainError('NOT_FOUND', 'your organisation no longer exists');
  return { organisation, kommuner: scopeKommuner(organisation.scope, { kommuner: KOMMUNER, lan: LAN }), userId: ctx.actor.userId };
}

/** Throws when `kommun` is outside the area, naming the field. */
export function requireInArea(area: Area, kommun: string, path: string): void {
  if (!area.kommuner.includes(kommun)) {
    throw new DomainError('VALIDATION_FAILED', `kommun ${kommun} is outside your organisation's area`, { path: [path] });
  }
}

export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
