import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { encodesPhone } from '../../../test/support/decode-phones';
import { generatePhone, PHONE_STYLES, type PhoneCountry, writePhone } from './phones';
import { Rng } from './prng';

describe('phones', () => {
  const rng = new Rng('phones-test');
  const countries: PhoneCountry[] = ['SE', 'RO', 'GB', 'PL'];

  it.each(countries)('generates valid E.164 mobile numbers for %s', (country) => {
    for (let i = 0; i < 200; i++) {
      const e164 = generatePhone(rng, country);
      expect(e164).toMatch(/^\+[1-9]\d{7,14}$/);
      expect(isValidPhoneNumber(e164), e164).toBe(true);
    }
  });

  it.each(PHONE_STYLES)('style %s decodes back to the number', (style) => {
    for (const country of countries) {
      for (let i = 0; i < 20; i++) {
        const e164 = generatePhone(rng, country);
        const written = writePhone(rng, e164, style);
        expect(encodesPhone(`Ring ${written}\nPris 1500 kr`, e164), `${style}: ${written}`).toBe(true);
      }
    }
  });

  it('writes each style differently from plain digits', () => {
    const e164 = '+46701234567';
    const r = new Rng('x');
    expect(writePhone(r, e164, 'keycap')).toContain('\u20E3');
    expect(writePhone(r, e164, 'fullwidth')).toBe('０７０１２３４５６７');
    expect(writePhone(r, e164, 'words-sv')).toBe('noll sju noll ett två tre fyra fem sex sju');
    expect(writePhone(r, e164, 'intl-00')).toBe('0046701234567');
    expect(writePhone(r, e164, 'intl-paren-zero')).toBe('+46 (0)70-123 4567');
    expect(writePhone(r, e164, 'split-line')).toContain('\n');
  });
});
