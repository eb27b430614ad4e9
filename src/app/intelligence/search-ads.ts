/**
 * Ad search for Kartläggning: full text with Swedish stemming, phone in any written form,
 * kommun, län, period and indicator. Every search carries a purpose and is audited with it.
 */
import type { AdListItemDto, AdSearchQueryInput } from '../../contracts/ads';
import { requirePurpose } from '../../core/shared/purpose';
import { extractPhones } from '../../core/extract';
import { KOMMUNER } from '../../core/places/places.data';
import { DomainError } from '../../core/shared/errors';
import { authorize } from '../identity/authorize';
import type { AdListItem } from './ports';
import type { AppDeps, RequestContext } from '../shared/ports';

const kommunName = new Map(KOMMUNER.map((k) => [k.code, k.short]));

export async function searchAds(deps: AppDeps, ctx: RequestContext, q: AdSearchQueryInput): Promise<{ items: AdListItemDto[] }> {
  await authorize(deps, ctx, 'list', { kind: 'ad' });
  requireSearchPurpose(ctx);
  let phone: string | undefined;
  if (q.phone) {
    const found = extractPhones([{ field: 'phoneField', text: q.phone }], 'SE')[0];
    if (!found) throw new DomainError('VALIDATION_FAILED', `"${q.phone}" is not a valid phone number`, { path: ['phone'] });
    phone = found.value.e164;
  }
  const now = deps.clock.now();
  return deps.uow.transaction(async (r) => {
    const rows = await r.ads.search({
      text: q.q || undefined,
      phone,
      municipalityCode: q.kommun,
      countyCode: q.lan,
      seenFrom: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
      seenTo: q.to ? new Date(`${q.to}T23:59:59.999Z`) : undefined,
      indicatorCode: q.indicator,
      limit: q.limit,
    });
    await r.audit.append(
      ctx,
      { action: 'ad.search', outcome: 'success', resourceKind: 'ad', details: { query: { ...q, phone }, results: rows.length } },
      now,
    );
    return { items: rows.map(adListItemDto) };
  });
}

/** One ad as a result list shows it. */
export function adListItemDto(a: AdListItem): AdListItemDto {
  return {
    id: a.id,
    ref: `${a.sourceId}:${a.externalId}`,
    source: a.sourceId,
    title: a.title,
    location: a.location,
    municipality: a.municipalityCode ? { code: a.municipalityCode, name: kommunName.get(a.municipalityCode) ?? a.municipalityCode } : null,
    phones: a.phones,
    firstSeenAt: a.firstSeenAt.toISOString(),
    lastSeenAt: a.lastSeenAt.toISOString(),
    isDemo: a.isDemo,
  };
}

/** Throws PURPOSE_REQUIRED unless the request states a purpose. */
export function requireSearchPurpose(ctx: RequestContext, what: 'search' | 'read' = 'search'): void {
  requirePurpose(ctx.purpose, `state the purpose of this ${what} (x-fyren-purpose), e.g. "kartläggning v. 12" or a case reference`);
}
