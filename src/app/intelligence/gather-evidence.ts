/**
 * Gathers what an evidence bundle of one ad needs (its captures and images), for a user
 * with the right and a stated purpose; audited as evidence.export.
 */
import { DomainError } from '../../core/shared/errors';
import { requirePurpose } from '../../core/shared/purpose';
import { authorize } from '../identity/authorize';
import type { CaptureRow } from './ports';
import type { AppDeps, RequestContext } from '../shared/ports';

export interface EvidenceSet {
  ad: { id: string; sourceId: string; externalId: string; url: string | null };
  captures: CaptureRow[];
  images: { sha256: string; url: string }[];
}

export async function gatherEvidence(deps: AppDeps, ctx: RequestContext, adId: string): Promise<EvidenceSet> {
  await authorize(deps, ctx, 'read', { kind: 'evidence' });
  return collectEvidence(deps, ctx, { id: adId });
}

/**
 * The part shared with the operator's CLI (which runs without a signed-in user): a purpose
 * is required, the ad must have captures, and the export is audited with the purpose.
 */
export async function collectEvidence(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  ctx: RequestContext,
  ref: { id: string } | { sourceId: string; externalId: string },
): Promise<EvidenceSet> {
  requirePurpose(ctx.purpose, 'state the purpose of this export');
  const now = deps.clock.now();
  const label = 'id' in ref ? ref.id : `${ref.sourceId}:${ref.externalId}`;
  return deps.uow.transaction(async (r) => {
    const ad = await r.evidence.findAd(ref);
    if (!ad) throw new DomainError('NOT_FOUND', `no ad ${label}`);
    const captures = await r.evidence.capturesOfAd(ad.id);
    if (!captures.length)
      throw new DomainError('NOT_FOUND', `ad ${label} has no stored captures (imported from a file, or purged by retention)`);
    const images = await r.evidence.imagesOfAd(ad.id);
    await r.audit.append(
      ctx,
      {
        action: 'evidence.export',
        outcome: 'success',
        resourceKind: 'ad',
        resourceId: ad.id,
        details: { captures: captures.length, images: images.length },
      },
      now,
    );
    return { ad, captures, images };
  });
}
