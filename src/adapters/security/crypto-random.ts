import { randomBytes } from 'node:crypto';
import type { RandomSource } from '../../app/identity/ports';
import { base32Encode } from '../../core/auth/totp';

export class CryptoRandom implements RandomSource {
  token(bytes: number): string {
    return randomBytes(bytes).toString('base64url');
  }
  totpSecret(): string {
    return base32Encode(randomBytes(20));
  }
}
