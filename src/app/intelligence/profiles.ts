/**
 * Profiles and networks for Kartläggning: read a profile or a network with its evidence,
 * explain why two ads are joined, list profiles by score, and correct linking. Every read
 * of personal data carries a purpose and is audited with it; every correction is audited.
 */
import { requirePurpose } from '../../core/shared/purpose';
import type {
  CorrectionCreateInput,
  CorrectionDto,
  EdgeDto,
  ExplainDto,
  ExplainQueryInput,
  NetworkDto,
  ProfileDto,
  ProfileListQueryInput,
  ProfileSummaryDto,
  RiskContributionDto,
} from '../../contracts/links';
import { explainPath, type EvidenceEdge } from '../../core/link';
import { KOMMUNER } from '../../core/places/places.data';
import { DomainError } from '../../core/shared/errors';
import { authorize } from '../identity/authorize';
import type { LinkCorrectionRow, ProfileRow, StoredEdge } from './ports';
import type { AppDeps, Repositories, RequestContext } from '../shared/ports';
import { relinkAds } from './link-ads';

const kommunName = new Map(KOMMUNER.map((k) => [k.code, k.short]));
const kommun = (code: string) => ({ code, name: kommunName.get(code) ?? code });

function requireReadPurpose(ctx: RequestContext): void {
  requirePurpose(ctx.purpose, 'state the purpose of this read (x-fyren-purpose), e.g. "kartläggning v. 12" or a case reference');
}

const summary = (p: ProfileRow, demo: ReadonlySet<string>): ProfileSummaryDto => ({
  id: p.id,
  networkId: p.networkId,
  adCount: p.adCount,
  names: p.names,
  phones: p.phones,
  municipalities: p.municipalityCodes.map(kommun),
  firstSeen: p.firstSeen,
  lastSeen: p.lastSeen,
  isTouring: p.isTouring,
  score: p.score,
  isDemo: demo.has(p.id),
});

const edgeDto = (e: StoredEdge): EdgeDto => ({
  a: e.a,
  b: e.b,
  kind: e.kind,
  level: e.level === 'profile' ? 'profile' : 'network',
  value: e.value,
  strength: e.strength,
  similarity: e.similarity,
  isRefused: e.isRefused,
});

async function correctionDtos(r: Repositories, rows: LinkCorrectionRow[]): Promise<CorrectionDto[]> {
  const names = new Map<string, string>();
  for (const id of new Set(rows.map((c) => c.authorId))) names.set(id, (await r.users.get(id))?.displayName ?? 'okänd');
  return rows.map((c) => ({
    id: c.id,
    type: c.type,
    level: c.level,
    ads: [c.adA, c.adB, ...(c.keepAds ?? []), ...(c.moveAds ?? [])].filter((x): x is string => x !== null),
    value: c.signalValue,
    reason: c.reason,
    author: names.get(c.authorId) ?? 'okänd',
    createdAt: c.createdAt.toISOString(),
  }));
}

/** Profiles by score, for the analyst's overview. */
export async function listProfiles(deps: AppDeps, ctx: RequestContext, q: ProfileListQueryInput): Promise<{ items: ProfileSummaryDto[] }> {
  await authorize(deps, ctx, 'list', { kind: 'link' });
  requireReadPurpose(ctx);
  return deps.uow.transaction(async (r) => {
    const rows = await r.links.listProfiles({ municipalityCode: q.kommun, minScore: q.minScore, limit: q.limit });
    await r.audit.append(
      ctx,
      { action: 'profile.list', outcome: 'success', resourceKind: 'profile', details: { query: q, results: rows.length } },
      deps.clock.now(),
    );
    const demo = await r.links.demoProfiles(rows.map((p) => p.id));
    return { items: rows.map((p) => summary(p, demo)) };
  });
}

/** One profile with its ads, timeline, score and evidence. */
export async function getProfile(deps: AppDeps, ctx: RequestContext, id: string): Promise<ProfileDto> {
  await authorize(deps, ctx, 'read', { kind: 'link' });
  requireReadPurpose(ctx);
  return deps.uow.transaction(async (r) => {
    const p = await r.links.profile(id);
    if (!p) throw new DomainError('NOT_FOUND', `no profile ${id}`);
    const members = await r.links.adsOfProfile(id);
    const keys = new Set(members.map((m) => m.key));
    const ads = await r.links.adDetails(members.map((m) => m.adId));
    const edges = (await r.links.edgesOfNetwork(p.networkId)).filter((e) => keys.has(e.a) || keys.has(e.b));
    const corrections = await correctionDtos(r, await r.links.correctionsOfAds([...keys]));
    await r.audit.append(ctx, { action: 'profile.read', outcome: 'success', resourceKind: 'profile', resourceId: id }, deps.clock.now());
    return {
      ...summary(p, new Set(ads.some((a) => a.isDemo) ? [p.id] : [])),
      weightsVersion: p.weightsVersion,
      contributions: p.contributions as RiskContributionDto[],
      timeline: (p.timeline as { municipalityCode: string; from: string; to: string; ads: string[] }[]).map((t) => ({
        municipality: kommun(t.municipalityCode),
        from: t.from,
        to: t.to,
        ads: t.ads,
      })),
      ads: ads.map((a) => ({
        id: a.id,
        ref: a.key,
        title: a.title,
        municipality: a.municipalityCode ? kommun(a.municipalityCode) : null,
        phones: a.phones,
        firstSeenAt: a.firstSeenAt.toISOString(),
        lastSeenAt: a.lastSeenAt.toISOString(),
        images: a.images,
        isDemo: a.isDemo,
      })),
      edges: edges.map(edgeDto),
      corrections,
    };
  });
}

/** One network with its profiles and the evidence graph. */
export async function getNetwork(deps: AppDeps, ctx: RequestContext, id: string): Promise<NetworkDto> {
  await authorize(deps, ctx, 'read', { kind: 'link' });
  requireReadPurpose(ctx);
  return deps.uow.transaction(async (r) => {
    const n = await r.links.network(id);
    if (!n) throw new DomainError('NOT_FOUND', `no network ${id}`);
    const profiles = await r.links.profilesOfNetwork(id);
    const adProfiles: Record<string, string> = {};
    for (const p of profiles) for (const a of await r.links.adsOfProfile(p.id)) adProfiles[a.key] = p.id;
    const edges = await r.links.edgesOfNetwork(id);
    const demo = await r.links.demoProfiles(profiles.map((p) => p.id));
    await r.audit.append(ctx, { action: 'network.read', outcome: 'success', resourceKind: 'network', resourceId: id }, deps.clock.now());
    return {
      id: n.id,
      isDemo: demo.size > 0,
      profileCount: n.profileCount,
      adCount: n.adCount,
      municipalities: n.municipalityCodes.map(kommun),
      firstSeen: n.firstSeen,
      lastSeen: n.lastSeen,
      score: n.score,
      weightsVersion: n.weightsVersion,
      contributions: n.contributions as RiskContributionDto[],
      profiles: profiles.map((p) => summary(p, demo)),
      adProfiles,
      edges: edges.map(edgeDto),
    };
  });
}

/** The chain of evidence that joins two ads, or null when they are not joined at that level. */
export async function explainLink(deps: AppDeps, ctx: RequestContext, q: ExplainQueryInput): Promise<ExplainDto> {
  await authorize(deps, ctx, 'read', { kind: 'link' });
  requireReadPurpose(ctx);
  return deps.uow.transaction(async (r) => {
    const ids = await r.links.idsOfKeys([q.a, q.b]);
    for (const k of [q.a, q.b]) if (!ids.has(k)) throw new DomainError('NOT_FOUND', `no ad ${k}`);
    const na = await r.links.networksOfAds([ids.get(q.a) as string]);
    const nb = await r.links.networksOfAds([ids.get(q.b) as string]);
    let steps: ExplainDto['steps'] = null;
    if (na[0] !== undefined && na[0] === nb[0]) {
      const stored = (await r.links.edgesOfNetwork(na[0])).filter((e) => !e.isRefused);
      const edges: EvidenceEdge[] = stored.map((e) => ({
        a: e.a,
        b: e.b,
        kind: e.kind as EvidenceEdge['kind'],
        value: e.value,
        level: e.level === 'profile' ? 'profile' : 'network',
        strength: e.strength,
        ...(e.similarity !== null ? { similarity: e.similarity } : {}),
      }));
      const path = explainPath(edges, q.a, q.b, q.level);
      steps =
        path?.map((s) => ({
          from: s.from,
          to: s.to,
          edge: edgeDto({ ...s.edge, networkId: na[0] as string, similarity: s.edge.similarity ?? null, isRefused: false }),
        })) ?? null;
    }
    await r.audit.append(
      ctx,
      {
        action: 'link.explain',
        outcome: 'success',
        resourceKind: 'link',
        details: { a: q.a, b: q.b, level: q.level, joined: steps !== null },
      },
      deps.clock.now(),
    );
    return { a: q.a, b: q.b, level: q.level, steps };
  });
}

/**
 * Records an analyst's correction (with author and reason), re-links the ads it names and
 * their neighbourhood at once, and audits it. The correction survives every rebuild.
 */
export async function correctLinks(deps: AppDeps, ctx: RequestContext, input: CorrectionCreateInput): Promise<CorrectionDto> {
  await authorize(deps, ctx, 'create', { kind: 'link' });
  const actor = ctx.actor;
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'sign in first');
  const keys =
    input.type === 'split' ? [...input.keep, ...input.move] : input.type === 'wrong_extraction' ? [input.ad] : [input.a, input.b];
  if (input.type === 'split' && input.keep.some((k) => input.move.includes(k))) {
    throw new DomainError('VALIDATION_FAILED', 'an ad cannot be on both sides of a split', { path: ['move'] });
  }
  if ((input.type === 'confirm' || input.type === 'merge' || input.type === 'cut') && input.a === input.b) {
    throw new DomainError('VALIDATION_FAILED', 'name two different ads', { path: ['b'] });
  }
  const now = deps.clock.now();
  const row = await deps.uow.transaction(async (r) => {
    const ids = await r.links.idsOfKeys(keys);
    const missing = keys.filter((k) => !ids.has(k));
    if (missing.length > 0) throw new DomainError('NOT_FOUND', `no ad ${missing.slice(0, 3).join(', ')}`, { path: ['ads'] });
    const saved = await r.links.addCorrection({
      type: input.type,
      level: input.type === 'wrong_extraction' ? null : input.level,
      adA: input.type === 'split' ? null : input.type === 'wrong_extraction' ? input.ad : input.a,
      adB: input.type === 'confirm' || input.type === 'merge' || input.type === 'cut' ? input.b : null,
      keepAds: input.type === 'split' ? input.keep : null,
      moveAds: input.type === 'split' ? input.move : null,
      signalKind: input.type === 'wrong_extraction' ? input.kind : null,
      signalValue: input.type === 'wrong_extraction' ? input.value : null,
      reason: input.reason,
      authorId: actor.userId,
      createdAt: now,
    });
    await r.audit.append(
      ctx,
      {
        action: 'link.correct',
        outcome: 'success',
        resourceKind: 'link_correction',
        resourceId: saved.id,
        details: { type: input.type, ads: keys.length },
      },
      now,
    );
    return { saved, adIds: [...ids.values()], dto: (await correctionDtos(r, [saved]))[0] as CorrectionDto };
  });
  await relinkAds(deps, row.adIds);
  return row.dto;
}
