/** argon2id password hashing (OWASP minimum: m=19 MiB, t=2, p=1). */
import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../../app/identity/ports';

export class Argon2Hasher implements PasswordHasher {
  hash(password: string): Promise<string> {
    return hash(password, { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  }
  verify(hashed: string, password: string): Promise<boolean> {
    return verify(hashed, password);
  }
}
