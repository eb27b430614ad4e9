/**
 * Prices: amount, currency (kr, SEK, :-, €, NOK, DKK, $) and the duration they are for
 * (30 min, 1 h, timme, natt), read from the text just before or after the amount.
 */
import type { Extracted, FieldText, PriceValue } from './types';
import { evidenceOf } from './types';
import { matchAtWordStarts, prefixKeysOf } from './word-starts';

const AMOUNT = String.raw`(\d{1,3}(?:[ .\u00a0]\d{3})+|\d+)(?:[.,](\d{1,2}))?`;
const CURRENCY_AFTER = String.raw`[ \u00a0]?(kr\b|kr\.|kronor|sek\b|:-|:--|,-|€|eur\b|euro[s]?\b|nok\b|dkk\b|\$|usd\b|spänn)`;
const PRICE_AFTER = new RegExp(`(?<![\\d.])${AMOUNT}${CURRENCY_AFTER}`, 'giu');
const PRICE_BEFORE = new RegExp(String.raw`(?<!\p{L})(€|\$|sek|eur|usd)[ \u00a0]?${AMOUNT}(?![\d])`, 'giu');

const DURATION =
  /(?<![\p{L}\d])(?:(\d+(?:[.,]\d+)?|en|ett|halv|one|half|an)\s?(min\b|minuter|mins?\b|h\b|tim\b|timme|timmar|timmen|hours?\b|hrs?\b|hr\b|t\b)|(halvtimme|halvtimma|heltimme|hel natt|hela natten|natt|overnight|night|all night|dygn)|(snabbis|quickie))(?!\p{L})/iuy;

const DURATION_KEYS = prefixKeysOf(DURATION.source);

const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
/** m, h or t in either case: every unit after a quantity ("min", "h", "tim", "hours", "t") begins with one. */
const isUnitStart = (c: number): boolean => c === 109 || c === 77 || c === 104 || c === 72 || c === 116 || c === 84;

/**
 * A necessary condition of a {@link DURATION} at word start `i`: one that begins with a
 * number ("30 min", "1,5h") has the first letter of its unit right after the number or one
 * character later (the number ends after its digits, or after its decimals). Most numbers in
 * an ad (prices, phones, ages) fail here, before the expression. Words go to the expression.
 */
function mayBeDurationAt(text: string, i: number): boolean {
  if (!isDigitCode(text.charCodeAt(i))) return true;
  let e = i + 1;
  while (isDigitCode(text.charCodeAt(e))) e++;
  if (isUnitStart(text.charCodeAt(e)) || isUnitStart(text.charCodeAt(e + 1))) return true;
  const sep = text.charCodeAt(e);
  if ((sep === 46 || sep === 44) && isDigitCode(text.charCodeAt(e + 1))) {
    e += 2;
    while (isDigitCode(text.charCodeAt(e))) e++;
    return isUnitStart(text.charCodeAt(e)) || isUnitStart(text.charCodeAt(e + 1));
  }
  return false;
}

function currencyOf(raw: string): string {
  const c = raw.toLowerCase();
  if (c === '€' || c.startsWith('eur')) return 'EUR';
  if (c === '$' || c === 'usd') return 'USD';
  if (c === 'nok') return 'NOK';
  if (c === 'dkk') return 'DKK';
  return 'SEK';
}

function minutesOf(m: RegExpExecArray): number | null {
  if (m[4] !== undefined) return 15;
  const word = m[3]?.toLowerCase();
  if (word !== undefined) {
    if (word.startsWith('halv')) return 30;
    if (word.startsWith('heltim')) return 60;
    if (word === 'dygn') return 1440;
    return 720;
  }
  const q = (m[1] ?? '').toLowerCase().replace(',', '.');
  const qty = q === 'en' || q === 'ett' || q === 'one' || q === 'an' ? 1 : q === 'halv' || q === 'half' ? 0.5 : Number(q);
  const unit = (m[2] ?? '').toLowerCase();
  if (!Number.isFinite(qty) || qty <= 0) return null;
  return unit.startsWith('min') ? Math.round(qty) : Math.round(qty * 60);
}

/**
 * Every currency either price expression needs, lower case. (Under the `iu` flags only "ſ"
 * folds to an ASCII letter that toLowerCase does not give, "s": a text with it is read.)
 */
const CURRENCY_WORDS = ['kr', 'sek', ':-', ',-', '€', 'eur', 'nok', 'dkk', '$', 'usd', 'spänn', '\u017f'];

function mayHaveCurrency(text: string): boolean {
  const lower = text.toLowerCase();
  for (const w of CURRENCY_WORDS) if (lower.includes(w)) return true;
  return false;
}

/** Finds prices with their currency and, when stated nearby, their duration. */
export function findPrices(f: FieldText): Extracted<PriceValue>[] {
  const text = f.text;
  // A text without a currency has no price, and durations are read only for prices.
  if (!mayHaveCurrency(text)) return [];
  const hits: Array<{ amount: number; currency: string; start: number; end: number }> = [];
  for (const [re, amountGroup, currencyGroup] of [
    [PRICE_AFTER, 1, 3],
    [PRICE_BEFORE, 2, 1],
  ] as const) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const whole = (m[amountGroup] ?? '').replace(/[ .\u00a0]/gu, '');
      const amount = Number(whole);
      if (!Number.isFinite(amount) || amount <= 0) continue;
      hits.push({ amount, currency: currencyOf(m[currencyGroup] ?? ''), start: m.index, end: m.index + m[0].length });
    }
  }
  if (hits.length === 0) return [];
  hits.sort((a, b) => a.start - b.start);
  const durations: Array<{ minutes: number; start: number; end: number }> = [];
  matchAtWordStarts(
    DURATION,
    f,
    (m) => {
      const minutes = minutesOf(m);
      if (minutes !== null) durations.push({ minutes, start: m.index, end: m.index + m[0].length });
    },
    DURATION_KEYS,
    mayBeDurationAt,
  );
  return hits.map((h, k) => {
    const prevEnd = hits[k - 1]?.end ?? 0;
    const nextStart = hits[k + 1]?.start ?? text.length;
    // Prefer a duration just before the price ("1h 1500kr"), then one just after ("1500kr/h").
    let best: { minutes: number; start: number; end: number } | undefined;
    for (const d of durations) {
      if (d.end <= h.start && d.start >= prevEnd && h.start - d.end <= 24) best = d;
    }
    if (best === undefined) {
      best = durations.find((d) => d.start >= h.end && d.end <= nextStart && d.start - h.end <= 12);
    }
    const start = best !== undefined && best.start < h.start ? best.start : h.start;
    const end = best !== undefined && best.end > h.end ? best.end : h.end;
    return {
      value: { amount: h.amount, currency: h.currency, durationMinutes: best?.minutes ?? null },
      confidence: best === undefined ? 0.8 : 0.9,
      evidence: evidenceOf(f, start, end),
    };
  });
}
