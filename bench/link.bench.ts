/**
 * Linking quality and incremental speed (issue #6), on the generated market with its truth.
 *
 * Quality: B-cubed precision, recall and F1 at profile (person) and network (operation)
 * level, side by side with the phone-only baseline, and ROC AUC of the scores (organised
 * ads against independent ones). The market's pictures are rendered and perceptually
 * hashed for real, grouped at the link threshold the way image storage groups them; the
 * pair measurements that the threshold was chosen from are printed too.
 *
 * Speed: a new ad imported into PostgreSQL and linked on its own, per ad (mean and p95).
 */
import { perceptualHash } from '../src/adapters/evidence/image-hash';
import { renderSyntheticImage } from '../src/adapters/images/synthetic-images';
import { unitOfWorkFor } from '../src/main/contexts';
import { importAdRecords } from '../src/app/intelligence/import-ad-records';
import { linkAllPending, linkPendingAds } from '../src/app/intelligence/link-ads';
import { adContentHash } from '../src/core/ads/content-hash';
import { extractAd } from '../src/core/extract';
import {
  bcubed,
  findNames,
  IMAGE_REUSE_MAX_DISTANCE,
  linkAds,
  linkByPhoneOnly,
  minhashSignature,
  rocAuc,
  summariseClusters,
  type AdFacts,
  type BCubed,
  type LinkAd,
} from '../src/core/link';
import type { AdRecord } from '../src/core/market/ad-record';
import { simulateMarket } from '../src/core/market/simulate-market';
import type { AdTruth } from '../src/core/market/types';
import { createTestDatabase } from '../test/support/databases';
import type { BenchFigure } from './run';

const DAY = 86_400_000;

/** Two 32-bit halves of a 64-bit pHash, for a fast popcount. */
function halves(hex: string): [number, number] {
  return [parseInt(hex.slice(0, 8), 16) >>> 0, parseInt(hex.slice(8), 16) >>> 0];
}
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
const distance = (a: [number, number], b: [number, number]) => popcount((a[0] ^ b[0]) >>> 0) + popcount((a[1] ^ b[1]) >>> 0);

interface Market {
  ads: LinkAd[];
  facts: Map<string, AdFacts>;
  truth: Map<string, AdTruth>;
  imageIds: string[];
}

/** The market as linking sees it after import: one LinkAd per ad, names and text from its newest version. */
function buildMarket(seed: number, persons: number, days: number, imageGroup: (imageId: string) => string | null): Market {
  const truth = new Map<string, AdTruth>();
  const ads = new Map<string, LinkAd & { body: string }>();
  const facts = new Map<string, AdFacts>();
  const firstByHash = new Map<string, string>();
  const imageIds: string[] = [];
  const seenImage = new Set<string>();
  for (const item of simulateMarket({ seed, persons, days, startDate: '2026-01-05' })) {
    if (item.kind === 'truth') truth.set(`${item.truth.source}:${item.truth.externalId}`, item.truth);
    if (item.kind !== 'observation') continue;
    const r: AdRecord = item.record;
    const key = `${r.source}:${r.externalId}`;
    const day = Math.floor(Date.parse(r.observedAt) / DAY);
    const prev = ads.get(key);
    if (prev && prev.body === r.body) {
      prev.lastDay = day;
      (facts.get(key) as AdFacts).lastDay = day;
      continue;
    }
    const ex = extractAd({ title: r.title, body: r.body, location: r.location, phoneField: r.phoneField, age: r.age });
    const hash = adContentHash({
      title: r.title,
      body: r.body,
      location: r.location ?? null,
      phoneField: r.phoneField ?? null,
      statedAge: r.age ?? null,
    });
    const hashKey = `${r.source}\u0000${hash}`;
    const repostOf = prev ? prev.repostOf : (firstByHash.get(hashKey) ?? null);
    if (!firstByHash.has(hashKey)) firstByHash.set(hashKey, key);
    const ids = (r.images ?? []).map((im) => (im.url.split('/').pop() as string).replace(/\.jpg$/, ''));
    for (const id of ids) {
      if (!seenImage.has(id)) {
        seenImage.add(id);
        imageIds.push(id);
      }
    }
    const municipalityCode = ex.municipality?.value.municipality.code ?? null;
    const ad: LinkAd & { body: string } = {
      key,
      source: r.source,
      firstDay: prev?.firstDay ?? day,
      lastDay: day,
      municipalityCode,
      names: findNames(r.title, r.body)
        .slice(0, 1)
        .map((h) => h.name),
      phones: [...new Set(ex.phones.map((p) => p.value.e164))],
      emails: ex.emails.map((e) => e.value),
      handles: ex.handles.map((h) => `${h.value.platform}:${h.value.handle}`),
      images: ids.map((id) => imageGroup(id) ?? `img:${id}`),
      text: minhashSignature(`${r.title}\n${r.body}`),
      repostOf: repostOf === key ? null : repostOf,
      body: r.body,
    };
    ads.set(key, ad);
    facts.set(key, {
      key,
      municipalityCode,
      firstDay: ad.firstDay,
      lastDay: day,
      names: ad.names,
      phones: ad.phones,
      indicators: ex.indicators.map((i) => ({ code: i.code, text: i.evidence[0]?.text ?? '' })),
    });
  }
  return { ads: [...ads.values()], facts, truth, imageIds };
}

const f3 = (x: number) => Math.round(x * 1000) / 1000;

async function quality(): Promise<BenchFigure[]> {
  const seed = 11;
  const persons = Number(process.env.BENCH_LINK_PERSONS ?? 500);
  const days = 20;
  // First pass: which pictures the market shows, in order of first appearance.
  const { imageIds } = buildMarket(seed, persons, days, () => null);
  const hashes = new Map<string, [number, number]>();
  for (const id of imageIds) {
    const h = await perceptualHash(await renderSyntheticImage(id));
    hashes.set(id, halves(h.phash));
  }
  // Threshold measurement: every pair of pictures, same base photo or not.
  const list = imageIds.map((id) => ({ photo: id.split('.')[0] as string, h: hashes.get(id) as [number, number] }));
  const same = new Array<number>(65).fill(0);
  const diff = new Array<number>(65).fill(0);
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i] as (typeof list)[number];
      const b = list[j] as (typeof list)[number];
      const d = distance(a.h, b.h);
      if (a.photo === b.photo) same[d] = (same[d] ?? 0) + 1;
      else diff[d] = (diff[d] ?? 0) + 1;
    }
  }
  const totalSame = same.reduce((s, x) => s + x, 0);
  const thresholdFigures: BenchFigure[] = [];
  for (const t of [4, 6, 8, 10, 12]) {
    const tp = same.slice(0, t + 1).reduce((s, x) => s + x, 0);
    const fp = diff.slice(0, t + 1).reduce((s, x) => s + x, 0);
    thresholdFigures.push({
      name: `image pairs at Hamming <= ${String(t).padStart(2)}${t === IMAGE_REUSE_MAX_DISTANCE ? ' (chosen)' : ''}: recall / false pairs`,
      value: f3(tp / Math.max(1, totalSame)),
      unit: `recall, ${fp} false of ${(list.length * (list.length - 1)) / 2 - totalSame} pairs`,
    });
  }
  // Image groups as storage assigns them: the earliest stored picture within the threshold.
  const group = new Map<string, string>();
  const stored: { id: string; h: [number, number] }[] = [];
  for (const id of imageIds) {
    const h = hashes.get(id) as [number, number];
    const near = stored.find((s) => distance(s.h, h) <= IMAGE_REUSE_MAX_DISTANCE);
    group.set(id, near ? (group.get(near.id) as string) : id);
    stored.push({ id, h });
  }
  const m = buildMarket(seed, persons, days, (id) => group.get(id) ?? null);
  const started = performance.now();
  const result = linkAds(m.ads, []);
  const linkMs = performance.now() - started;
  const truthPerson = new Map([...m.truth].map(([k, t]) => [k, t.personId]));
  const truthOp = new Map([...m.truth].map(([k, t]) => [k, t.operationId ?? t.personId]));
  const base = linkByPhoneOnly(m.ads);
  const { profiles, networks } = summariseClusters(result, m.facts);
  const pScore = new Map(profiles.map((p) => [p.id, p.risk.score]));
  const nScore = new Map(networks.map((n) => [n.id, n.risk.score]));
  const organised = (k: string) => m.truth.get(k)?.isOrganised === true;
  const aucNetwork = rocAuc([...result.networkOf].map(([k, n]) => ({ score: nScore.get(n) ?? 0, isPositive: organised(k) })));
  const aucProfile = rocAuc([...result.profileOf].map(([k, p]) => ({ score: pScore.get(p) ?? 0, isPositive: organised(k) })));
  const row = (label: string, b: BCubed, target?: number): BenchFigure[] => [
    {
      name: `${label} F1`,
      value: f3(b.f1),
      unit: `(P ${f3(b.precision)} R ${f3(b.recall)})`,
      ...(target !== undefined ? { target: `>= ${target}`, isMet: b.f1 >= target } : {}),
    },
  ];
  return [
    {
      name: `linking quality market: ${persons} persons, ${days} days, ${m.ads.length} ads, ${imageIds.length} pictures`,
      value: Math.round(linkMs),
      unit: 'ms to link in memory',
    },
    ...thresholdFigures,
    ...row('B-cubed network (operation) level', bcubed(result.networkOf, truthOp), 0.95),
    ...row('  phone-only baseline, network level', bcubed(base, truthOp)),
    ...row('B-cubed profile (person) level', bcubed(result.profileOf, truthPerson), 0.85),
    ...row('  phone-only baseline, profile level', bcubed(base, truthPerson)),
    {
      name: 'ROC AUC organised vs independent, network score',
      value: f3(aucNetwork),
      unit: '',
      target: '>= 0.9',
      isMet: aucNetwork >= 0.9,
    },
    { name: 'ROC AUC organised vs independent, profile score', value: f3(aucProfile), unit: '' },
  ];
}

/** A new ad imported into PostgreSQL and linked on its own, against a market already linked. */
async function incremental(): Promise<BenchFigure[]> {
  const t = await createTestDatabase('postgres');
  try {
    const deps = { uow: unitOfWorkFor(t.database.db), clock: { now: () => new Date() } };
    const ctx = { actor: null, requestId: 'bench-link' };
    const days = 12;
    const byDay = new Map<number, AdRecord[]>();
    for (const item of simulateMarket({ seed: 5, persons: 1_500, days, startDate: '2026-01-05' })) {
      if (item.kind !== 'observation') continue;
      const d = Math.floor((Date.parse(item.record.observedAt) - Date.parse('2026-01-05T00:00:00Z')) / DAY);
      byDay.set(d, [...(byDay.get(d) ?? []), item.record]);
    }
    const known = new Set<string>();
    for (let d = 0; d < days - 1; d++) {
      const recs = byDay.get(d) ?? [];
      for (let i = 0; i < recs.length; i += 500) await importAdRecords(deps, ctx, recs.slice(i, i + 500), { isDemo: false });
      for (const r of recs) known.add(`${r.source}:${r.externalId}`);
    }
    await linkAllPending(deps);
    const ads = await deps.uow.transaction((r) => r.ads.count());
    const allFresh = (byDay.get(days - 1) ?? []).filter((r) => !known.has(`${r.source}:${r.externalId}`));
    const fresh = allFresh.slice(0, 40);
    const batch = allFresh.slice(40);
    const times: number[] = [];
    for (const r of fresh) {
      await importAdRecords(deps, ctx, [r], { isDemo: false });
      const started = performance.now();
      const res = await linkPendingAds(deps);
      times.push(performance.now() - started);
      if (res.pending !== 1) throw new Error(`expected one pending ad, found ${res.pending}`);
    }
    // A crawl's worth of new ads at once, linked together (the way imports and crawls link).
    await importAdRecords(deps, ctx, batch, { isDemo: false });
    const batchStarted = performance.now();
    const linked = await linkAllPending(deps);
    const batchMs = performance.now() - batchStarted;
    times.sort((a, b) => a - b);
    const mean = times.reduce((s, x) => s + x, 0) / Math.max(1, times.length);
    const p95 = times[Math.floor(times.length * 0.95)] ?? 0;
    return [
      {
        name: `one new ad imported and linked alone, PostgreSQL (${ads} ads linked), mean of ${times.length}`,
        value: Math.round(mean * 10) / 10,
        unit: 'ms',
      },
      { name: '  p95', value: Math.round(p95 * 10) / 10, unit: 'ms/ad' },
      {
        name: `incremental linking of ${linked} new ads in one run (a crawl's batch)`,
        value: Math.round((batchMs / Math.max(1, linked)) * 10) / 10,
        unit: 'ms/ad',
        target: '< 10',
        isMet: batchMs / Math.max(1, linked) < 10,
      },
    ];
  } finally {
    await t.drop();
  }
}

export default async function bench(): Promise<BenchFigure[]> {
  const parts = (process.env.BENCH_LINK_PARTS ?? 'quality,incremental').split(',');
  return [...(parts.includes('quality') ? await quality() : []), ...(parts.includes('incremental') ? await incremental() : [])];
}
