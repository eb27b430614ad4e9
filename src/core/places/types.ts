import { POLICE_REGIONS, type PoliceRegion } from '../shared/vocabulary';

export { POLICE_REGIONS };
export type { PoliceRegion };

/** A kommun with its four-digit SCB code (a string, "0180"). */
export interface Kommun {
  /** SCB code, four digits; the first two are the län code. */
  code: string;
  /** Official name, "Umeå kommun". */
  name: string;
  /** Short name, "Umeå". */
  short: string;
  /** Two-digit län code. */
  countyCode: string;
  /** A point inside the kommun [lon, lat] (WGS 84), for symbols and flow lines. */
  point: readonly [number, number] | null;
}

/** A län (county) with its two-digit SCB code and police region. */
export interface Lan {
  code: string;
  name: string;
  short: string;
  policeRegion: PoliceRegion;
}

/** A postal town and one kommun it lies in. */
export interface Postort {
  locality: string;
  kommunCode: string;
  /** How many of the town's postal codes lie in this kommun (prefer the largest). */
  postalCodes: number;
}
