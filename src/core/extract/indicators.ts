/**
 * Computes indicator hits from the ad text (lexical patterns) and from the other
 * extractions (rules). Each hit carries its evidence spans. Never proof.
 */
import type { Extracted, Evidence, FieldText, IndicatorHit, PhoneValue, PlaceValue, PriceValue, AgeValue, NationalityValue } from './types';
import { evidenceOf } from './types';
import {
  BucketIndex,
  leadingGroupOf,
  literalHeadsOf,
  matchBucketsAtWordStarts,
  PrefixKeys,
  prefixesOf,
  prefixSlotOf,
  servesSlot,
} from './word-starts';
import { INDICATORS, INDICATOR_BY_CODE, LOW_PRICE_SEK_PER_HOUR, SEK_PER_UNIT } from './indicators.lexicon';

/** What the rules read. */
export interface IndicatorInputs {
  fields: readonly FieldText[];
  region: string;
  phones: readonly Extracted<PhoneValue>[];
  ages: readonly Extracted<AgeValue>[];
  youthTerms: readonly Extracted<string>[];
  prices: readonly Extracted<PriceValue>[];
  places: readonly Extracted<PlaceValue>[];
  nationalities: readonly Extracted<NationalityValue>[];
}

const MAX_EVIDENCE = 5;

// Wording patterns whose first characters are known are grouped by their first two: one
// sticky expression per two-character key, one named group per pattern, tried only at word
// starts that one of its patterns can begin with. A pattern that is one group of alternatives
// (as w() writes them) brings into each key's group only the alternatives that can begin with
// that key: the others cannot match there, and irregexp would try each of them in turn.
// The patterns whose first characters are not known are read with their own global expression.
const GROUP_CODE = new Map<string, string>();
const OTHERS: Array<{ code: string; re: RegExp }> = [];
const BUCKETS = new BucketIndex();
{
  interface Alternative {
    source: string;
    prefixes: string[];
    slots: number[];
  }
  const entries: Array<{
    name: string;
    build: (alternatives: readonly Alternative[]) => string;
    heads: (alternatives: readonly Alternative[]) => string[] | null;
    alternatives: Alternative[];
  }> = [];
  const concatOrNull = (a: string[], b: string[] | null): string[] | null => (b === null ? null : [...a, ...b]);
  INDICATORS.forEach((def, d) => {
    def.patterns.forEach((re, p) => {
      const prefixes = prefixesOf(re.source);
      if (prefixes === null) {
        OTHERS.push({ code: def.code, re });
        return;
      }
      const name = `i${d}_${p}`;
      GROUP_CODE.set(name, def.code);
      const group = leadingGroupOf(re.source);
      const alternatives: Alternative[] = [];
      if (group === null) alternatives.push({ source: re.source, prefixes, slots: prefixes.map(prefixSlotOf) });
      for (const alt of group?.alternatives ?? []) {
        const altPrefixes = prefixesOf(alt + (group?.rest ?? ''));
        if (altPrefixes === null) throw new Error(`indicator pattern ${name}: no prefixes for alternative ${alt}`);
        alternatives.push({ source: alt, prefixes: altPrefixes, slots: altPrefixes.map(prefixSlotOf) });
      }
      const build = (alts: readonly Alternative[]): string =>
        group === null ? re.source : `${group.head}${group.open}${alts.map((a) => a.source).join('|')})${group.rest}`;
      entries.push({ name, build, heads: (alts) => literalHeadsOf(build(alts)), alternatives });
    });
  });
  const allSlots = new Set(entries.flatMap((e) => e.alternatives.flatMap((a) => a.slots)));
  for (const slot of allSlots) {
    const groups: string[] = [];
    const names: string[] = [];
    const groupAt: number[] = [];
    let nextGroup = 1;
    const keys = new PrefixKeys();
    let heads: string[] | null = [];
    for (const e of entries) {
      const alts = e.alternatives.filter((a) => a.slots.some((s) => servesSlot(s, slot)));
      if (alts.length === 0) continue;
      // A plain capturing group, not a named one: a match of an expression with named groups
      // builds a groups object of every name, and most matches here are of one entry.
      const source = e.build(alts);
      groups.push(`(${source})`);
      names.push(e.name);
      groupAt.push(nextGroup);
      nextGroup += 1 + capturingGroupsOf(source);
      for (const a of alts) a.prefixes.forEach((prefix, k) => servesSlot(a.slots[k] ?? -1, slot) && keys.add(prefix));
      heads = heads === null ? null : concatOrNull(heads, e.heads(alts));
    }
    keys.setHeads(heads);
    const re = new RegExp(groups.join('|'), 'iuy');
    if (capturingGroupsOf(re.source) !== nextGroup - 1) throw new Error('indicators: capturing groups miscounted');
    BUCKETS.set(slot, { re, keys, names, groupAt });
  }
}

/** How many capturing groups a pattern source has: the length of a match of it made optional, less one. */
function capturingGroupsOf(source: string): number {
  return (new RegExp(`(?:${source})|`, 'u').exec('')?.length ?? 1) - 1;
}

/** Adds one piece of evidence for a code: at most {@link MAX_EVIDENCE}, none overlapping another in the same field. */
function addEvidence(byCode: Map<string, Evidence[]>, code: string, ev: Evidence): void {
  const list = byCode.get(code) ?? [];
  if (list.length < MAX_EVIDENCE && !list.some((e) => e.field === ev.field && e.start < ev.end && ev.start < e.end)) list.push(ev);
  byCode.set(code, list);
}

/** Finds every indicator in the lexicon for one ad, in lexicon order. */
export function findIndicators(x: IndicatorInputs): IndicatorHit[] {
  const byCode = new Map<string, Evidence[]>();
  for (const f of x.fields) {
    if (f.field !== 'title' && f.field !== 'body') continue;
    for (const { code, re } of OTHERS) {
      re.lastIndex = 0;
      for (let m = re.exec(f.text); m !== null; m = re.exec(f.text))
        addEvidence(byCode, code, evidenceOf(f, m.index, m.index + m[0].length));
    }
    matchBucketsAtWordStarts(BUCKETS, f, (m, bucket) => {
      // The first entry whose group took part in the match.
      for (let k = 0; k < bucket.names.length; k++) {
        if (m[bucket.groupAt[k] ?? 0] !== undefined) {
          const code = GROUP_CODE.get(bucket.names[k] ?? '');
          if (code !== undefined) addEvidence(byCode, code, evidenceOf(f, m.index, m.index + m[0].length));
          break;
        }
      }
    });
  }
  for (const y of x.youthTerms) addEvidence(byCode, 'YOUTH_WORDING', y.evidence);
  for (const a of x.ages) if (a.value.isMinor) addEvidence(byCode, 'STATED_MINOR', a.evidence);
  for (const p of x.phones) {
    if (p.value.isObfuscated) addEvidence(byCode, 'OBSCURED_PHONE', p.evidence);
    if (p.value.country !== null && p.value.country !== x.region) addEvidence(byCode, 'FOREIGN_PHONE', p.evidence);
  }
  for (const n of x.nationalities) addEvidence(byCode, 'STATED_ETHNICITY', n.evidence);
  for (const p of x.prices) {
    // A price without a stated duration is taken as one hour (one meeting).
    const minutes = p.value.durationMinutes ?? 60;
    const rate = SEK_PER_UNIT[p.value.currency];
    if (rate === undefined || minutes < 15 || minutes > 180) continue;
    const perHour = (p.value.amount * rate * 60) / minutes;
    if (perHour < LOW_PRICE_SEK_PER_HOUR) addEvidence(byCode, 'LOW_PRICE', p.evidence);
  }
  const distinct = new Map<string, Evidence>();
  for (const pl of x.places) if (!distinct.has(pl.value.municipality.code)) distinct.set(pl.value.municipality.code, pl.evidence);
  if (distinct.size >= 3) for (const ev of distinct.values()) addEvidence(byCode, 'TOURING', ev);
  const out: IndicatorHit[] = [];
  for (const def of INDICATORS) {
    const ev = byCode.get(def.code);
    if (ev !== undefined && ev.length > 0)
      out.push({ code: def.code, weight: INDICATOR_BY_CODE.get(def.code)?.weight ?? def.weight, evidence: ev });
  }
  return out;
}
