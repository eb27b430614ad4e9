import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUri, totp, verifyTotp } from './totp';

// RFC 6238 appendix B test vectors (SHA-1, secret "12345678901234567890"), last six digits.
const SECRET = base32Encode(Buffer.from('12345678901234567890'));
const VECTORS: [number, string][] = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('at %i s gives %s', (seconds, code) => {
    expect(totp(SECRET, seconds * 1000)).toBe(code);
  });
  it('matches RFC 4226 HOTP vectors', () => {
    expect(hotp(Buffer.from('12345678901234567890'), 0)).toBe('755224');
    expect(hotp(Buffer.from('12345678901234567890'), 9)).toBe('520489');
  });
  it('base32 round-trips', () => {
    const bytes = Uint8Array.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 7]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(() => base32Decode('ABC1')).toThrow(/invalid base32 character "1"/);
  });
  it('accepts ±1 step of drift and refuses others', () => {
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(verifyTotp(SECRET, totp(SECRET, now), now)).toBe(step);
    expect(verifyTotp(SECRET, totp(SECRET, now - 30_000), now)).toBe(step - 1);
    expect(verifyTotp(SECRET, totp(SECRET, now + 30_000), now)).toBe(step + 1);
    expect(verifyTotp(SECRET, totp(SECRET, now - 90_000), now)).toBeNull();
    expect(verifyTotp(SECRET, '12345', now)).toBeNull();
    expect(verifyTotp(SECRET, 'abcdef', now)).toBeNull();
  });
  it('builds an otpauth URI', () => {
    expect(otpauthUri('ABC', 'anna')).toBe('otpauth://totp/Fyren%3Aanna?secret=ABC&issuer=Fyren&algorithm=SHA1&digits=6&period=30');
  });
});
