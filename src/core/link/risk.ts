/**
 * Movement and the explained risk score of profiles and networks.
 *
 * The score is never a black box: it is 1 − Π(1 − wᵢ) over the indicators present (each
 * counted once, at its weight), and the result lists every contributing indicator with
 * its evidence. Weights are configuration with a version (RISK_WEIGHTS); a score records
 * the version it was made with. Indicators are signals for a human to weigh, never proof.
 */

/** Indicator weights, versioned. Ad-level codes come from extraction (docs/indicators.md). */
export interface RiskWeights {
  version: string;
  weights: Record<string, number>;
  /** Touring: at least `kommuner` different kommuner within `days` days. */
  touring: { kommuner: number; days: number };
}

/**
 * Default weights. The four indicators research found predictive (obscured phone, stated
 * ethnicity, trust wording, youth wording) weigh most, with the profile-level signs that
 * only linking can see (several names on one number, touring, shared templates and photos).
 */
export const RISK_WEIGHTS: RiskWeights = {
  version: 'risk-2026.1',
  weights: {
    OBSCURED_PHONE: 0.2,
    STATED_ETHNICITY: 0.15,
    TRUST_WORDING: 0.12,
    YOUTH_WORDING: 0.2,
    STATED_MINOR: 0.5,
    NEW_IN_TOWN: 0.1,
    TOURING: 0.25,
    THIRD_PERSON: 0.2,
    ALWAYS_AVAILABLE: 0.08,
    HOTEL_INCALL: 0.08,
    MULTIPLE_WOMEN: 0.15,
    LOW_PRICE: 0.08,
    FOREIGN_PHONE: 0.12,
    BUYER_RESTRICTIONS: 0.05,
    LIMITED_LANGUAGE: 0.12,
    SHARED_PHONE: 0.3,
    TEMPLATE_TEXT: 0.2,
    STOCK_PHOTO: 0.15,
    NETWORK: 0.2,
  },
  touring: { kommuner: 3, days: 14 },
};

/** One piece of evidence for an indicator: which ad, and what it shows. */
export interface RiskEvidence {
  ad: string;
  /** The text span, value or description that shows it. */
  text: string;
}

/** An indicator that contributes to a score. */
export interface RiskContribution {
  code: string;
  weight: number;
  evidence: RiskEvidence[];
}

/** A score with everything that made it. */
export interface RiskScore {
  /** 0–100. */
  score: number;
  weightsVersion: string;
  contributions: RiskContribution[];
}

/** Where and when one ad advertised. */
export interface AdStay {
  ad: string;
  municipalityCode: string | null;
  firstDay: number;
  lastDay: number;
}

/** One stay in a kommun on a profile's timeline. */
export interface TimelineStop {
  municipalityCode: string;
  firstDay: number;
  lastDay: number;
  ads: string[];
}

/** A profile's timeline: its ads' kommuner in time order, consecutive stays merged. */
export function timelineOf(stays: readonly AdStay[]): TimelineStop[] {
  const known = stays.filter((s): s is AdStay & { municipalityCode: string } => s.municipalityCode !== null);
  known.sort((a, b) => a.firstDay - b.firstDay || a.lastDay - b.lastDay || (a.ad < b.ad ? -1 : 1));
  const out: TimelineStop[] = [];
  for (const s of known) {
    const last = out[out.length - 1];
    if (last && last.municipalityCode === s.municipalityCode) {
      last.lastDay = Math.max(last.lastDay, s.lastDay);
      last.ads.push(s.ad);
    } else out.push({ municipalityCode: s.municipalityCode, firstDay: s.firstDay, lastDay: s.lastDay, ads: [s.ad] });
  }
  return out;
}

/** Touring: the first window of `days` days with at least `kommuner` kommuner, or null. */
export function findTouring(timeline: readonly TimelineStop[], rule: RiskWeights['touring']): TimelineStop[] | null {
  for (let i = 0; i < timeline.length; i++) {
    const start = timeline[i] as TimelineStop;
    const codes = new Set<string>();
    const stops: TimelineStop[] = [];
    for (let j = i; j < timeline.length; j++) {
      const s = timeline[j] as TimelineStop;
      if (s.firstDay - start.firstDay >= rule.days) break;
      codes.add(s.municipalityCode);
      stops.push(s);
      if (codes.size >= rule.kommuner) return stops;
    }
  }
  return null;
}

/** A move between two kommuner on a profile's timeline. */
export interface Flow {
  from: string;
  to: string;
  /** Day of arrival in `to`. */
  day: number;
}

/** The moves between consecutive stops of a timeline. */
export function flowsOf(timeline: readonly TimelineStop[]): Flow[] {
  const out: Flow[] = [];
  for (let i = 1; i < timeline.length; i++) {
    const a = timeline[i - 1] as TimelineStop;
    const b = timeline[i] as TimelineStop;
    out.push({ from: a.municipalityCode, to: b.municipalityCode, day: b.firstDay });
  }
  return out;
}

/** Scores a set of indicator observations: each code counts once, with its distinct evidence (at most 20 pieces). */
export function scoreIndicators(
  observed: readonly { code: string; evidence: RiskEvidence }[],
  weights: RiskWeights = RISK_WEIGHTS,
): RiskScore {
  const byCode = new Map<string, RiskEvidence[]>();
  for (const o of observed) {
    if (!(o.code in weights.weights)) continue;
    const list = byCode.get(o.code) ?? [];
    // The same span of the same ad once (an ad may show an indicator's wording twice).
    if (list.length < 20 && !list.some((e) => e.ad === o.evidence.ad && e.text === o.evidence.text)) list.push(o.evidence);
    byCode.set(o.code, list);
  }
  let keep = 1;
  const contributions: RiskContribution[] = [];
  for (const [code, evidence] of byCode) {
    const weight = weights.weights[code] ?? 0;
    keep *= 1 - weight;
    contributions.push({ code, weight, evidence });
  }
  contributions.sort((a, b) => b.weight - a.weight || (a.code < b.code ? -1 : 1));
  return { score: Math.round((1 - keep) * 1000) / 10, weightsVersion: weights.version, contributions };
}
