/**
 * The content hash of a frozen mapping. Apart from method.ts because it needs node:crypto, and
 * method.ts (the method texts) is also read by the web app.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json';
import type { Period } from './dashboard';
import type { MappingMethod } from './method';

/** The content hash of a frozen mapping: SHA-256 over area, period, method and figures. */
export function mappingContentHash(content: { area: unknown; period: Period; method: MappingMethod; figures: unknown }): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
