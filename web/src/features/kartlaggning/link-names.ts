/**
 * Readable names for indicator codes (from the indicator lexicon, in Swedish and English),
 * the profile-level signs that only linking sees, evidence edge kinds and correction types.
 */
import type { Locale } from '../../../../src/contracts/identity';
import { INDICATORS, INDICATOR_BY_CODE } from '../../../../src/core/extract/indicators.lexicon';
import type { MessageKey, Translate } from '../../i18n/i18n';

/** Signs in a risk score that are not in the ad lexicon: linking finds them across ads. */
const LINK_SIGNS: Readonly<Record<string, MessageKey>> = {
  SHARED_PHONE: 'risk.code.SHARED_PHONE',
  TEMPLATE_TEXT: 'risk.code.TEMPLATE_TEXT',
  STOCK_PHOTO: 'risk.code.STOCK_PHOTO',
  NETWORK: 'risk.code.NETWORK',
};

/** The readable name of an indicator code; the code itself when it is unknown. */
export function indicatorName(code: string, locale: Locale, t: Translate): string {
  const definition = INDICATOR_BY_CODE.get(code);
  if (definition) return definition.description[locale];
  const key = LINK_SIGNS[code];
  return key ? t(key) : code;
}

/** The lexicon's indicators as select options, sorted by name in the user's language. */
export function indicatorOptions(locale: Locale): { code: string; name: string }[] {
  const collator = new Intl.Collator(locale === 'sv' ? 'sv-SE' : 'en-GB');
  return INDICATORS.map((d) => ({ code: d.code, name: d.description[locale] })).sort((a, b) => collator.compare(a.name, b.name));
}

export const EDGE_KINDS = ['phone', 'email', 'handle', 'image', 'text', 'repost', 'confirmed'] as const;
export type EdgeKindName = (typeof EDGE_KINDS)[number];

export function edgeKindName(kind: string, t: Translate): string {
  return (EDGE_KINDS as readonly string[]).includes(kind) ? t(`link.kind.${kind as EdgeKindName}`) : kind;
}

const CORRECTION_TYPES = ['confirm', 'merge', 'cut', 'split', 'wrong_extraction'] as const;

export function correctionTypeName(type: string, t: Translate): string {
  return (CORRECTION_TYPES as readonly string[]).includes(type) ? t(`link.correction.${type as (typeof CORRECTION_TYPES)[number]}`) : type;
}

/** A strength or weight 0–1 as a whole percentage ("80 %"). */
export function percent(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** A day ("2026-03-02") as a date in the user's language, without a time. */
export function formatDay(day: string, locale: Locale): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}
