/**
 * TOTP second factor (RFC 6238, HMAC-SHA1, 30 s steps, 6 digits), the algorithm every
 * authenticator app supports. Pure: the time is passed in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { base32Decode, base32Encode } from '../shared/base32';

export { base32Decode, base32Encode };

/** The HOTP code (RFC 4226) for a counter. */
export function hotp(secret: Uint8Array, counter: number, digits = 6): string {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(buf).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return bin.toString().padStart(digits, '0');
}

/** The TOTP code at `nowMs`. */
export function totp(secretBase32: string, nowMs: number, stepSeconds = 30): string {
  return hotp(base32Decode(secretBase32), Math.floor(nowMs / 1000 / stepSeconds));
}

/**
 * Checks a code with ±1 step of clock drift. Returns the matched time step, so the caller
 * can refuse a step that was already used (replay protection), or null.
 */
export function verifyTotp(secretBase32: string, code: string, nowMs: number, stepSeconds = 30): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const secret = base32Decode(secretBase32);
  const step = Math.floor(nowMs / 1000 / stepSeconds);
  for (const s of [step, step - 1, step + 1]) {
    const expected = Buffer.from(hotp(secret, s));
    if (timingSafeEqual(expected, Buffer.from(code))) return s;
  }
  return null;
}

/** The otpauth:// URI that authenticator apps read. */
export function otpauthUri(secretBase32: string, account: string, issuer = 'Fyren'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${secretBase32}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}
