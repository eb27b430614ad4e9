import { describe, expect, it } from 'vitest';
import { extractPhones } from './phones';
import type { FieldText } from './types';

const body = (text: string): FieldText[] => [{ field: 'body', text }];
const e164 = (text: string, region: Parameters<typeof extractPhones>[1] = 'SE'): string[] =>
  extractPhones(body(text), region).map((p) => p.value.e164);

describe('extractPhones', () => {
  it.each([
    ['070-123 45 67', '+46701234567'],
    ['07O-12three 45six7', '+46701234567'],
    ['noll sju noll ett två tre fyra fem sex sju', '+46701234567'],
    ['+46 (0)70 123 45 67', '+46701234567'],
    ['0046 70 123 45 67', '+46701234567'],
    ['46 70 123 45 67', '+46701234567'],
    ['0️⃣7️⃣0️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣', '+46701234567'],
    ['０７０１２３４５６７', '+46701234567'],
    ['070*123*45*67', '+46701234567'],
    ['070/123/45/67', '+46701234567'],
    ['ring 070-12 (bara sms) 34 567', '+46701234567'],
    ['+48 512 345 678', '+48512345678'],
  ])('reads %s', (text, expected) => {
    expect(e164(text)).toEqual([expected]);
  });

  it.each([
    '1500kr',
    '2000:-',
    'tel efter 18.00',
    '90-60-90',
    '170 cm 55 kg',
    'rum 214',
    'annons nr 4471128',
    '24/7',
    '903 26 Umeå',
    '2024-03-12',
    'kl 18-22',
    'Öppet 09.00-17.00',
    'Storgatan 12',
    '500 1000 1500 2000',
    'Tre tjejer, fem rum, sex timmar',
  ])('does not read %s as a phone number', (text) => {
    expect(e164(text)).toEqual([]);
  });

  it('gives evidence that points at the text it was read from', () => {
    const text = 'Hej! Ring 07O-12three 45six7 nu';
    const [p] = extractPhones(body(text), 'SE');
    expect(p?.evidence).toEqual({ field: 'body', start: 10, end: 28, text: '07O-12three 45six7' });
    expect(text.slice(p?.evidence.start, p?.evidence.end)).toBe(p?.evidence.text);
    expect(p?.value.isObfuscated).toBe(true);
  });

  it('marks plain numbers as not obfuscated and obfuscated ones as such', () => {
    expect(extractPhones(body('070-123 45 67'), 'SE')[0]?.value.isObfuscated).toBe(false);
    expect(extractPhones(body('0 7 0 1 2 3 4 5 6 7'), 'SE')[0]?.value.isObfuscated).toBe(true);
    expect(extractPhones(body('070 12 (sms) 34 567'), 'SE')[0]?.value.isSplit).toBe(true);
  });

  it('uses the region for national numbers', () => {
    expect(e164('412 34 567', 'NO')).toEqual(['+4741234567']);
    expect(e164('412 34 567', 'SE')).toEqual([]);
  });

  it('reads the phone field as a strong source, even without a trunk 0', () => {
    const found = extractPhones([{ field: 'phoneField', text: '701234567' }], 'SE');
    expect(found.map((p) => [p.value.e164, p.confidence])).toEqual([['+46701234567', 0.99]]);
  });

  it('de-duplicates a number written twice and keeps that it was also hidden', () => {
    const found = extractPhones(
      [
        { field: 'phoneField', text: '0701234567' },
        { field: 'body', text: 'noll sju noll ett två tre fyra fem sex sju' },
      ],
      'SE',
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.value.isObfuscated).toBe(true);
    expect(found[0]?.evidence.field).toBe('phoneField');
  });

  it('is pure: the same input gives the same output', () => {
    const t = 'Ring 070-123 45 67 eller +40 712 345 678';
    expect(extractPhones(body(t), 'SE')).toEqual(extractPhones(body(t), 'SE'));
  });
});

describe('extractPhones: the families of issue #17', () => {
  it.each([
    ['073 ... 123 ... 4567', '+46731234567'],
    ['076 - - - 712 - - - 40 - - - 58', '+46767124058'],
    ['070 -/- 991 -/- 20 -/- 34', '+46709912034'],
    ['📞 079…412…88…10', '+46794128810'],
    ['070 = 617 = 28 = 14', '+46706172814'],
    ['0722 904 501 500kr 15min', '+46722904501'],
    ['Ring 070 444 1234 500 kr', '+46704441234'],
    ['0 7 0 1 2 3 4 5 6 7 900 kr', '+46701234567'],
    ['+46(0)70-812 30 45 900kr', '+46708123045'],
  ])('reads %s', (text, expected) => {
    expect(e164(text)).toEqual([expected]);
  });

  it('reads no number in opening hours written as four digits', () => {
    expect(e164('Öppettider 0900-1700 måndag till fredag')).toEqual([]);
  });

  it.each([
    ['Call Me 2135550199 $200', '+12135550199'],
    ['310-782-4419 $150/hh $250/h', '+13107824419'],
    ['Text ☎️ ➐⓪➋ ➑➌➒ ➋➋⓪➊', '+17028392201'],
  ])('reads %s with region US', (text, expected) => {
    expect(e164(text, 'US')).toEqual([expected]);
  });
});
