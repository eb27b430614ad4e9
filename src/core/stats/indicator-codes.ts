/**
 * The indicator codes the statistics count, in a fixed order: bit i of a profile's indicator
 * mask (stat_profile.indicator_mask) is code i. Append new codes at the end; never reorder.
 */
import { INDICATORS } from '../extract/indicators.lexicon';
import { RISK_WEIGHTS } from '../link/risk';

export const STAT_INDICATOR_CODES: readonly string[] = [
  ...new Set([
    ...INDICATORS.map((i) => i.code),
    ...Object.keys(RISK_WEIGHTS.weights),
    'SHARED_PHONE',
    'TEMPLATE_TEXT',
    'STOCK_PHOTO',
    'NETWORK',
    'TOURING',
  ]),
];

if (STAT_INDICATOR_CODES.length > 62) throw new Error('indicator mask holds at most 62 codes');
