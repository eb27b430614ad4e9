import { simulateMarket } from '../../src/core/market/simulate-market';
import { extractAd } from '../../src/core/extract';
import { findNames } from '../../src/core/link/names';
import { minhashSignature } from '../../src/core/link/minhash';
import { linkAds } from '../../src/core/link/link-ads';
import { bcubed } from '../../src/core/link/evaluate';
import { summariseClusters, type AdFacts } from '../../src/core/link/summarise';
import { rocAuc } from '../../src/core/link/evaluate';
import type { LinkAd } from '../../src/core/link/types';
import type { AdTruth } from '../../src/core/market/types';

const persons = Number(process.argv[2] ?? 600), days = Number(process.argv[3] ?? 20), seed = Number(process.argv[4] ?? 11);
const ads = new Map<string, LinkAd>();
const truth = new Map<string, AdTruth>();
const facts = new Map<string, AdFacts>();
const day0 = Date.parse('2026-01-05T00:00:00Z') / 86400000;
let t0 = Date.now();
for (const item of simulateMarket({ seed, persons, days, startDate: '2026-01-05' })) {
  if (item.kind === 'truth') truth.set(`${item.truth.source}:${item.truth.externalId}`, item.truth);
  if (item.kind !== 'observation') continue;
  const r = item.record;
  const key = `${r.source}:${r.externalId}`;
  const day = Math.floor(Date.parse(r.observedAt) / 86400000);
  const prev = ads.get(key);
  if (prev && prev.text && (prev as any)._body === r.body) { prev.lastDay = day; continue; }
  const ex = extractAd({ title: r.title, body: r.body, location: r.location, phoneField: r.phoneField, age: r.age });
  const names = findNames(r.title, r.body).map((n) => n.name);
  const t = truth.get(key)!;
  const la: LinkAd & { _body?: string } = {
    key, source: r.source, municipalityCode: ex.municipality?.value.municipality.code ?? null, firstDay: prev?.firstDay ?? day, lastDay: day,
    names: [...new Set([...(prev?.names ?? []), ...names.slice(0, 1)])],
    phones: ex.phones.map((p) => p.value.e164), emails: ex.emails.map((e) => e.value), handles: ex.handles.map((h) => `${h.value.platform}:${h.value.handle}`),
    images: (r.images ?? []).map((im) => { const id = im.url.split('/').pop()!.replace('.jpg', ''); const [ph, v] = id.split('.'); return v === 'c' ? id : ph!; }),
    text: minhashSignature(`${r.title}\n${r.body}`),
    repostOf: t.repostOf ? `${r.source}:${t.repostOf}` : null,
  };
  la._body = r.body;
  facts.set(key, { key, municipalityCode: la.municipalityCode, firstDay: la.firstDay, lastDay: day, names: la.names, phones: la.phones, indicators: ex.indicators.map((i) => ({ code: i.code, text: i.evidence[0]?.text ?? '' })) });
  ads.set(key, la);
}
const list = [...ads.values()];
console.log('ads', list.length, 'prep ms', Date.now() - t0);
t0 = Date.now();
const res = linkAds(list, []);
console.log('link ms', Date.now() - t0, 'edges', res.edges.length);
const tp = new Map<string, string>(), tn = new Map<string, string>();
for (const [k, t] of truth) { if (!ads.has(k)) continue; tp.set(k, t.personId); tn.set(k, t.operationId ?? t.personId); }
const f = (b: any) => `P ${b.precision.toFixed(3)} R ${b.recall.toFixed(3)} F1 ${b.f1.toFixed(3)}`;
console.log('profile', f(bcubed(res.profileOf, tp)));
console.log('network', f(bcubed(res.networkOf, tn)));
for (const [k, f] of facts) f.lastDay = ads.get(k)!.lastDay;
const sum = summariseClusters(res, facts);
const nscore = new Map(sum.networks.map((n) => [n.id, n.risk.score]));
const pscore = new Map(sum.profiles.map((p) => [p.id, p.risk.score]));
console.log('AUC ads by network score', rocAuc([...res.networkOf].map(([k, n]) => ({ score: nscore.get(n)!, isPositive: truth.get(k)!.isOrganised }))).toFixed(3),
 'by profile score', rocAuc([...res.profileOf].map(([k, n]) => ({ score: pscore.get(n)!, isPositive: truth.get(k)!.isOrganised }))).toFixed(3));
// phone-only baseline
const base = linkAds(list.map((a) => ({ ...a, emails: [], handles: [], images: [], text: null, repostOf: null, names: [] })), []);
console.log('baseline profile', f(bcubed(base.profileOf, tp)), 'network', f(bcubed(base.networkOf, tn)));
const cls: Record<string, number> = {};
for (const s of res.signals) cls[`${s.kind}/${s.signalClass}`] = (cls[`${s.kind}/${s.signalClass}`] ?? 0) + 1;
console.log(cls);
// diagnostics: profile errors by person kind
const byKind: Record<string, [number, number]> = {};
const pb = new Map<string, Set<string>>();
for (const [k, p] of res.profileOf) { const s = pb.get(p) ?? new Set(); s.add(truth.get(k)!.personId); pb.set(p, s); }
let impure = 0; for (const s of pb.values()) if (s.size > 1) impure++;
const pp = new Map<string, Set<string>>();
for (const [k, p] of res.profileOf) { const tpid = truth.get(k)!.personId; const s = pp.get(tpid) ?? new Set(); s.add(p); pp.set(tpid, s); }
let split = 0; for (const s of pp.values()) if (s.size > 1) split++;
console.log('impure profiles', impure, 'of', pb.size, 'split persons', split, 'of', pp.size);
const bad: Record<string, number> = {}, good: Record<string, number> = {};
for (const e of res.edges) {
  const A = truth.get(e.a)!, B = truth.get(e.b)!;
  const same = e.level === 'profile' ? A.personId === B.personId : (A.operationId ?? A.personId) === (B.operationId ?? B.personId);
  const k = `${e.kind}/${e.level}`;
  if (same) good[k] = (good[k] ?? 0) + 1; else bad[k] = (bad[k] ?? 0) + 1;
}
console.log('good', good); console.log('bad', bad);
let shown = 0;
for (const e of res.edges) { const A = truth.get(e.a)!, B = truth.get(e.b)!; if (e.level==='profile' && A.personId !== B.personId && shown < 14) { shown++; console.log(e.kind, e.value, A.personId, B.personId, ads.get(e.a)!.names, ads.get(e.b)!.names, e.similarity, A.source, B.source, ads.get(e.a)!.firstDay, ads.get(e.a)!.lastDay, ads.get(e.b)!.firstDay, ads.get(e.b)!.lastDay); } }
const hist: Record<string, number[]> = {};
for (const e of res.edges) { if (e.kind !== 'text' || e.level !== 'profile') continue; const A = truth.get(e.a)!, B = truth.get(e.b)!; const same = A.personId === B.personId; const k = same ? 'good' : 'bad'; (hist[k] ??= new Array(11).fill(0))[Math.floor(e.similarity! * 10)]++; }
console.log('text/network sim hist', hist);
let sh = 0; for (const e of res.edges) { if (e.kind !== 'text' || e.level !== 'network') continue; const A = truth.get(e.a)!, B = truth.get(e.b)!; if ((A.operationId ?? A.personId) !== (B.operationId ?? B.personId) && sh++ < 2) console.log(e.similarity, A.operationId, B.operationId, JSON.stringify((ads.get(e.a) as any)._body), JSON.stringify((ads.get(e.b) as any)._body)); }
