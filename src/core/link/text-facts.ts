/**
 * What linking reads from an ad's text: its MinHash signature and the name it presents.
 * The costly part of preparing an ad, so a rebuild can compute it on another thread.
 */
import { minhashSignature } from './minhash';
import { findNames } from './names';

export interface TextFacts {
  /** MinHash signature of title and body, or null when the text is too short to compare. */
  text: Uint32Array | null;
  /** The first name the ad presents (at most one). */
  names: string[];
}

export function textFacts(title: string | null, body: string | null): TextFacts {
  return {
    text: minhashSignature(`${title ?? ''}\n${body ?? ''}`),
    // One name per ad: the first it presents. A second woman's name ("Anna & Bella") is not who the number belongs to.
    names: findNames(title, body)
      .slice(0, 1)
      .map((h) => h.name),
  };
}
