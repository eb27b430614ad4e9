/**
 * Places as the synthetic market uses them: where people live, the touring routes of
 * operations, and the many ways ads write a place name (abbreviations, missing
 * diacritics, districts and villages, English names).
 */
import { KOMMUNER, POSTORTER } from '../places/places.data';
import type { Kommun } from '../places/types';
import { type Rng, WeightedTable } from './prng';

const KOMMUN_BY_CODE = new Map<string, Kommun>(KOMMUNER.map((k) => [k.code, k]));

/** The kommun with this SCB code; throws for an unknown code (a bug in the tables below). */
export function kommunByCode(code: string): Kommun {
  const k = KOMMUN_BY_CODE.get(code);
  if (!k) throw new Error(`Unknown kommun code ${code}`);
  return k;
}

/** Touring routes between towns, as kommun codes in travel order. */
export const TOURING_ROUTES: readonly { name: string; kommunCodes: readonly string[] }[] = [
  // Sundsvall → Härnösand → Örnsköldsvik → Umeå → Skellefteå → Piteå → Luleå
  { name: 'norrlandskusten', kommunCodes: ['2281', '2280', '2284', '2480', '2482', '2581', '2580'] },
  // Luleå → Boden → Gällivare → Kiruna
  { name: 'malmbanan', kommunCodes: ['2580', '2582', '2523', '2584'] },
  // Gävle → Sundsvall → Östersund → Falun → Mora
  { name: 'mellannorrland', kommunCodes: ['2180', '2281', '2380', '2080', '2062'] },
  // Stockholm → Uppsala → Västerås → Örebro → Eskilstuna → Södertälje
  { name: 'malardalen', kommunCodes: ['0180', '0380', '1980', '1880', '0484', '0181'] },
  // Göteborg → Borås → Jönköping → Linköping → Norrköping
  { name: 'vast-ost', kommunCodes: ['1480', '1490', '0680', '0580', '0581'] },
  // Malmö → Lund → Helsingborg → Halmstad → Varberg → Göteborg
  { name: 'vastkusten', kommunCodes: ['1280', '1281', '1283', '1380', '1383', '1480'] },
  // Malmö → Kristianstad → Karlskrona → Kalmar → Växjö
  { name: 'sydost', kommunCodes: ['1280', '1290', '1080', '0880', '0780'] },
  // Karlstad → Örebro → Nora → Västerås → Uppsala → Sigtuna (Arlanda)
  { name: 'bergslagen', kommunCodes: ['1780', '1880', '1884', '1980', '0380', '0191'] },
];

/** Towns that sugar-dating profiles favour (university towns and the big three). */
export const SUGAR_KOMMUNER: readonly string[] = ['0180', '1480', '1280', '0380', '1281', '2480', '0580', '1880', '2580'];

/** Abbreviations and other names people use. */
const ALIASES: Record<string, readonly string[]> = {
  '0180': ['Sthlm', 'STHLM', 'Sthlm city', 'Stockholm C', 'Stockholm city'],
  '1480': ['Gbg', 'GBG', 'Gothenburg', 'Göteborg city', 'Gøteborg'],
  '1280': ['Mlm', 'Malmo', 'Malmö C'],
  '2284': ['Övik', 'Ovik', 'Ö-vik'],
  '1283': ['Hbg', 'H-borg'],
  '0581': ['Nkpg', 'Norrkoping'],
  '0580': ['Lkpg', 'Linkoping'],
  '0680': ['Jkpg', 'Jonkoping'],
  '2480': ['Umea', 'UMEÅ', 'Umeå city'],
  '2580': ['Lulea', 'LULEÅ'],
  '2482': ['Skelleftea', 'Skeå'],
  '2581': ['Pitea'],
  '2280': ['Harnosand', 'Hsand'],
  '1980': ['Vasteras', 'Vås'],
  '1880': ['Orebro', 'Örebro city'],
  '0380': ['Upsala', 'Uppsala C'],
  '2380': ['Ostersund', 'Östis'],
  '2180': ['Gavle'],
  '0780': ['Vaxjo'],
};

/** Districts, suburbs and places that are not postal towns. */
const DISTRICTS: Record<string, readonly string[]> = {
  '2480': ['Ersboda', 'Holmsund', 'Teg', 'Ålidhem', 'Obbola'],
  '1480': ['Hisingen', 'Frölunda', 'Angered', 'Majorna', 'Lindholmen'],
  '0180': ['Södermalm', 'Kungsholmen', 'Vasastan', 'Östermalm', 'Bromma', 'Farsta'],
  '0191': ['Arlanda', 'Märsta'],
  '1280': ['Möllan', 'Limhamn', 'Rosengård', 'Västra hamnen'],
  '2580': ['Gammelstad', 'Bergnäset', 'Storheden'],
  '2281': ['Birsta', 'Skönsberg'],
  '2482': ['Morö backe', 'Anderstorp'],
  '0380': ['Flogsta', 'Gottsunda'],
};

/** Postal towns (villages) per kommun, from POSTORTER, excluding the kommun's own name. */
const VILLAGES = new Map<string, string[]>();
for (const p of POSTORTER) {
  if (p.postalCodes < 2) continue;
  const k = KOMMUN_BY_CODE.get(p.kommunCode);
  if (!k || k.short === p.locality) continue;
  const list = VILLAGES.get(p.kommunCode) ?? [];
  list.push(p.locality);
  VILLAGES.set(p.kommunCode, list);
}

/** Removes Swedish diacritics: "Örnsköldsvik" → "Ornskoldsvik". */
export function stripDiacritics(text: string): string {
  return text.replace(/[åäÅÄöÖéÉüÜ]/g, (c) => ({ å: 'a', ä: 'a', Å: 'A', Ä: 'A', ö: 'o', Ö: 'O', é: 'e', É: 'E', ü: 'u', Ü: 'U' })[c] ?? c);
}

/** How a place was written in an ad. */
export interface WrittenPlace {
  /** The text as it appears in the ad. */
  text: string;
  /** What kind of spelling was used. */
  style: 'official' | 'lowercase' | 'no-diacritics' | 'alias' | 'district' | 'village';
}

/**
 * Writes the name of a kommun the way an ad would. Visitors (touring people) name the
 * town or a district near their hotel, not a village. Districts and villages are used for
 * the biggest towns and for some small ones, so that the place extractor has to map
 * "Holmsund" or "Hisingen" to its kommun.
 */
export function writePlace(rng: Rng, kommunCode: string, isVisitor = false): WrittenPlace {
  const k = kommunByCode(kommunCode);
  const r = rng.next();
  const aliases = ALIASES[kommunCode];
  const districts = DISTRICTS[kommunCode];
  const villages = VILLAGES.get(kommunCode);
  if (r < 0.45) return { text: k.short, style: 'official' };
  if (r < 0.52) return { text: k.short.toLowerCase(), style: 'lowercase' };
  if (r < 0.62 && stripDiacritics(k.short) !== k.short) return { text: stripDiacritics(k.short), style: 'no-diacritics' };
  if (r < 0.8 && aliases) return { text: rng.pick(aliases), style: 'alias' };
  if (r < 0.92 && districts) return { text: rng.pick(districts), style: 'district' };
  if (!isVisitor && villages && villages.length > 0) return { text: rng.pick(villages), style: 'village' };
  return { text: k.short, style: 'official' };
}

/** Kommuner whose names are also words or names (Nora, Vara, Mark, Boden, Mora): over-represented on purpose. */
export const AMBIGUOUS_KOMMUNER: ReadonlySet<string> = new Set(['1884', '1470', '1463', '2582', '2062']);

let homeTable: WeightedTable<string> | undefined;

/**
 * Draws a home kommun, weighted by the number of postal codes (a population proxy from
 * POSTORTER), so that most sellers live in the big towns and every kommun can occur.
 */
export function drawHomeKommun(rng: Rng): string {
  if (!homeTable) {
    const weights = new Map<string, number>();
    for (const p of POSTORTER) weights.set(p.kommunCode, (weights.get(p.kommunCode) ?? 0) + p.postalCodes);
    const codes = KOMMUNER.map((k) => k.code);
    // The exponent concentrates the market in the towns, as real mappings find.
    homeTable = new WeightedTable(
      codes,
      codes.map((c) => Math.pow(weights.get(c) ?? 1, 1.25) * (AMBIGUOUS_KOMMUNER.has(c) ? 6 : 1)),
    );
  }
  return homeTable.draw(rng);
}
