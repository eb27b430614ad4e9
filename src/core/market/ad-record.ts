/**
 * The AdRecord shape the market writes: one observation of one ad (docs/formats.md).
 *
 * TODO: switch to the type inferred from the zod schema in src/contracts/ad-record.ts
 * once it lands; the field names here match that contract exactly.
 */

/** One image of an ad. */
export interface AdRecordImage {
  /** Absolute URL of the image on the site. */
  url: string;
  /** File path relative to the JSONL file, when the image was saved. */
  path?: string;
  /** sha256 (hex) of the saved file. */
  sha256?: string;
}

/** One observation of one ad. */
export interface AdRecord {
  source: string;
  externalId: string;
  url: string;
  /** ISO timestamp of the observation. */
  observedAt: string;
  /** ISO timestamp the site shows as posted. */
  postedAt?: string;
  title: string;
  body: string;
  location?: string;
  phoneField?: string;
  age?: number;
  images: AdRecordImage[];
}
