/**
 * The content hash of an ad's observable content. Two observations with the same hash show
 * the same ad text; a new hash is an edit. Whitespace differences are not edits.
 */
import { createHash } from 'node:crypto';

export interface AdContent {
  title: string | null;
  body: string | null;
  location: string | null;
  phoneField: string | null;
  statedAge: number | null;
}

const norm = (s: string | null) => (s === null ? null : s.normalize('NFC').replace(/\s+/g, ' ').trim());

export function adContentHash(c: AdContent): string {
  const canonical = JSON.stringify([norm(c.title), norm(c.body), norm(c.location), norm(c.phoneField), c.statedAge]);
  return createHash('sha256').update(canonical).digest('hex');
}
