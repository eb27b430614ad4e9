/**
 * `fyren export ads|profiles|networks`: one JSON line per ad, profile or network, streamed
 * in pages. An export of personal data carries a purpose and is audited with it.
 */
import { DomainError } from '../../core/shared/errors';
import { requirePurpose } from '../../core/shared/purpose';
import type { AppDeps, RequestContext } from '../shared/ports';

export type ExportKind = 'ads' | 'profiles' | 'networks';

const PAGE = 5000;

/** Yields export lines (JSON objects) of one kind, after auditing the export. */
export async function* exportLinks(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  ctx: RequestContext,
  kind: ExportKind,
): AsyncGenerator<Record<string, unknown>> {
  requirePurpose(ctx.purpose, 'state the purpose of this export (--purpose), e.g. a case or operation reference');
  await deps.uow.transaction((r) =>
    r.audit.append(ctx, { action: 'link.export', outcome: 'success', resourceKind: kind }, deps.clock.now()),
  );
  let after: string | null = null;
  for (;;) {
    if (kind === 'ads') {
      const rows = await deps.uow.transaction((r) => r.links.exportAds(after, PAGE));
      for (const x of rows)
        yield { ad: x.key, profile: x.profileId, network: x.networkId, municipality: x.municipalityCode, phones: x.phones, score: x.score };
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]?.key ?? null;
    } else if (kind === 'profiles') {
      const rows = await deps.uow.transaction((r) => r.links.exportProfiles(after, PAGE));
      for (const p of rows) {
        yield {
          profile: p.id,
          network: p.networkId,
          ads: p.adCount,
          names: p.names,
          phones: p.phones,
          municipalities: p.municipalityCodes,
          firstSeen: p.firstSeen,
          lastSeen: p.lastSeen,
          touring: p.isTouring,
          score: p.score,
          weights: p.weightsVersion,
          indicators: (p.contributions as { code: string }[]).map((c) => c.code),
        };
      }
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]?.id ?? null;
    } else {
      const rows = await deps.uow.transaction((r) => r.links.exportNetworks(after, PAGE));
      for (const n of rows) {
        yield {
          network: n.id,
          profiles: n.profileCount,
          ads: n.adCount,
          municipalities: n.municipalityCodes,
          firstSeen: n.firstSeen,
          lastSeen: n.lastSeen,
          score: n.score,
          weights: n.weightsVersion,
          indicators: (n.contributions as { code: string }[]).map((c) => c.code),
        };
      }
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]?.id ?? null;
    }
  }
}
