/**
 * Areas demand is counted in: a kommun, a län, a police region or the whole country, named
 * "kommun:2480", "lan:24", "polisregion:Nord", "land:SE". Names for texts, which areas contain
 * which, and the neighbouring kommuner (from the boundaries, src/core/geo/kommun-adjacency.data.ts).
 */
import { KOMMUNER, LAN, POLICE_REGIONS, type PoliceRegion } from '../places';
import { KOMMUN_NEIGHBOURS } from '../geo/kommun-adjacency.data';
import type { AreaLevel } from '../../contracts/demand';

export interface Area {
  level: AreaLevel;
  code: string;
}

const KOMMUN = new Map(KOMMUNER.map((k) => [k.code, k]));
const LAN_BY_CODE = new Map(LAN.map((l) => [l.code, l]));

/** Parses "kommun:2480" etc.; null for an unknown code. */
export function parseArea(ref: string): Area | null {
  const [level, code] = ref.split(':') as [string, string | undefined];
  if (code === undefined) return null;
  switch (level) {
    case 'kommun':
      return KOMMUN.has(code) ? { level, code } : null;
    case 'lan':
      return LAN_BY_CODE.has(code) ? { level, code } : null;
    case 'polisregion': {
      const region = POLICE_REGIONS.find((r) => r.toLowerCase() === code.toLowerCase());
      return region ? { level, code: region } : null;
    }
    case 'land':
      return code === 'SE' ? { level, code } : null;
    default:
      return null;
  }
}

/** "kommun:2480". */
export function areaRef(a: Area): string {
  return `${a.level}:${a.code}`;
}

/** A name for texts: "Umeå", "Västerbottens län", "polisregion Nord", "hela landet" (Swedish) or the English form. */
export function areaName(a: Area, locale: 'sv' | 'en' = 'sv'): string {
  switch (a.level) {
    case 'kommun':
      return KOMMUN.get(a.code)?.short ?? a.code;
    case 'lan':
      return LAN_BY_CODE.get(a.code)?.name ?? a.code;
    case 'polisregion':
      return locale === 'sv' ? `polisregion ${a.code}` : `police region ${a.code}`;
    case 'land':
      return locale === 'sv' ? 'hela landet' : 'all of Sweden';
  }
}

/** The län codes of a police region. */
export function lanCodesOfRegion(region: string): string[] {
  return LAN.filter((l) => l.policeRegion === region).map((l) => l.code);
}

/** The areas that contain `a`, nearest first (a kommun: its län, its region, the country). */
export function ancestors(a: Area): Area[] {
  const out: Area[] = [];
  let lanCode: string | undefined;
  if (a.level === 'kommun') lanCode = KOMMUN.get(a.code)?.countyCode;
  if (a.level === 'lan') lanCode = a.code;
  if (lanCode && a.level === 'kommun') out.push({ level: 'lan', code: lanCode });
  const region: PoliceRegion | undefined = lanCode ? LAN_BY_CODE.get(lanCode)?.policeRegion : undefined;
  if (region) out.push({ level: 'polisregion', code: region });
  if (a.level !== 'land') out.push({ level: 'land', code: 'SE' });
  return out;
}

/** Whether `inner` lies in `outer` (or is it). */
export function isWithin(inner: Area, outer: Area): boolean {
  if (inner.level === outer.level && inner.code === outer.code) return true;
  return ancestors(inner).some((x) => x.level === outer.level && x.code === outer.code);
}

/** The kommuner sharing a border with a kommun. */
export function neighbouringKommuner(code: string): readonly string[] {
  return KOMMUN_NEIGHBOURS[code] ?? [];
}

/** The default comparison areas of the displacement view: the three big cities. */
export const BIG_CITIES: readonly Area[] = [
  { level: 'kommun', code: '0180' },
  { level: 'kommun', code: '1480' },
  { level: 'kommun', code: '1280' },
];
