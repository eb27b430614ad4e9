import { describe, expect, it } from 'vitest';
import { findPrices } from './prices';

const body = (text: string) => ({ field: 'body' as const, text });

describe('findPrices', () => {
  it('reads a price and the duration next to it', () => {
    const [p, ...rest] = findPrices(body('30 min 800 kr, 1 timme 1500:-'));
    expect(rest).toHaveLength(1);
    expect(p?.value).toEqual({ amount: 800, currency: 'SEK', durationMinutes: 30 });
    expect(rest[0]?.value).toEqual({ amount: 1500, currency: 'SEK', durationMinutes: 60 });
  });

  it('finds nothing in a text without a currency, durations or not', () => {
    expect(findPrices(body('Ring mig, 30 min eller 1 timme, 070-123 45 67'))).toEqual([]);
  });

  it('reads currencies written with letters that case-fold to them (ſ for s, the Kelvin sign for k)', () => {
    // The expressions match these under the `iu` flags; the quick test before them must let them through.
    expect(findPrices(body('1 timme 150 ſek')).map((p) => p.value.amount)).toEqual([150]);
    expect(findPrices(body('1 timme 900 \u212Ar')).map((p) => p.value.amount)).toEqual([900]);
    expect(findPrices(body('EUR 200 per hour')).map((p) => [p.value.amount, p.value.currency])).toEqual([[200, 'EUR']]);
  });
});
