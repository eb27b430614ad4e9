/**
 * The installation's secret for buyer-side pseudonyms (HMAC-SHA-256 of handles, issue #9).
 * From FYREN_PSEUDONYM_SECRET when set (at least 32 characters); otherwise generated on first
 * start (32 random bytes) and kept in <FYREN_DATA>/pseudonym.secret with mode 0600. It is kept
 * outside the database on purpose: a database dump alone cannot recompute pseudonyms from a
 * list of usernames. Never logged. Losing it only means new pseudonyms (counts go on; the
 * same buyer is counted as a new account once).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Pseudonymiser } from '../../app/demand/ports';
import { pseudonymOf } from '../../core/demand/buyer-account';

export const PSEUDONYM_SECRET_FILE = 'pseudonym.secret';

/** Reads the secret file, creating it when missing; returns the secret text. */
export function loadOrCreatePseudonymSecret(file: string): string {
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8').trim();
    if (text.length < 32) throw new Error(`${file}: the pseudonym secret is shorter than 32 characters`);
    return text;
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}

/** The HMAC pseudonymiser over a secret. */
export class HmacPseudonymiser implements Pseudonymiser {
  readonly #secret: string;
  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the pseudonym secret must be at least 32 characters');
    this.#secret = secret;
  }
  pseudonym(handle: string): string {
    return pseudonymOf(this.#secret, handle);
  }
  /** Never shows the secret (e.g. in a logged object). */
  toJSON(): string {
    return '[HmacPseudonymiser]';
  }
}
