/**
 * The buyer side of the synthetic market (ADR 0006): accounts on a fictional sex-buying
 * contact forum and "sugar daddy" members of the fictional sugar-dating site, with the
 * ground truth Fyren's demand counts are tested against.
 *
 * Accounts state their place at different levels (a town, a kommun, only a län, or
 * nothing), some use the same handle on both sites, activity rises and falls over the
 * period, and a dated "operation" in one kommun is followed by fewer active accounts there
 * and more in a named bigger city (the displacement a coordinator asks about).
 *
 * Pure and deterministic: the same config gives the same market. Everything here is
 * fictional: handles and texts are generated, never taken from a real site.
 */
import { KOMMUNER, LAN, POSTORTER } from '../places/places.data';
import { AGE_BANDS, resolveStatedPlace, type AgeBand, type PlaceLevel } from '../demand/buyer-account';
import { drawHomeKommun } from './market-places';
import { Rng, WeightedTable } from './prng';
import { dayDate } from './simulate-market';

/** The two buyer-side demo sites. */
export const DEMO_BUYER_SOURCES = ['demo-forum', 'demo-sugar-members'] as const;
export type DemoBuyerSource = (typeof DEMO_BUYER_SOURCES)[number];

/** What a generated buyer side should look like. */
export interface BuyerMarketConfig {
  seed: number;
  /** Accounts before the displacement adds its own. */
  accounts: number;
  /** Simulated weeks. */
  weeks: number;
  /** The first simulated day, a Monday (YYYY-MM-DD). */
  startDate: string;
  /** The dated operation and where demand moves afterwards. */
  operation: BuyerOperation;
}

/** A dated event that pushes demand out of one kommun into a bigger city. */
export interface BuyerOperation {
  /** Kommun of the operation (SCB code). */
  kommunCode: string;
  /** The week (0-based) the operation starts. */
  week: number;
  /** The bigger city (kommun code) whose active accounts rise afterwards. */
  toKommunCode: string;
  /** Title for demo events. */
  title: string;
}

/** The default operation: Umeå pushes back, Stockholm takes the demand. */
export const DEFAULT_BUYER_OPERATION: BuyerOperation = {
  kommunCode: '2480',
  week: 9,
  toKommunCode: '0180',
  title: 'Insats mot sexköp i Umeå',
};

/** An account as one site shows it. */
export interface BuyerSiteAccount {
  source: DemoBuyerSource;
  /** The site's member id (in the member page URL). */
  memberId: string;
  /** The handle shown (the same text on both sites for a cross-site account). */
  handle: string;
  /** The place as written on the site ("" when not stated). */
  placeText: string;
  /** The age as written: a band on the forum, a number on the sugar site. */
  ageText: string;
  /** Free profile text (never to be stored by Fyren). */
  profileText: string;
}

/** One buyer behind one or two site accounts (truth). */
export interface BuyerAccount {
  /** "B00001". */
  accountId: string;
  sites: BuyerSiteAccount[];
  placeLevel: PlaceLevel;
  /** Kommun the account states (town or kommun level), else null. */
  kommunCode: string | null;
  /** Län the account states (every level but none). */
  lanCode: string | null;
  ageBand: AgeBand;
  /** Day (may be negative: before the period) the account was created. */
  memberSinceDay: number;
  /** Sorted days (0-based) with activity; the site shows the latest one up to "today" as last active. */
  activeDays: number[];
  /** Created by the displacement (moved to the city after the operation). */
  isDisplaced: boolean;
}

/** Distinct active accounts in one area and week (truth). */
export interface BuyerWeekTruth {
  /** Monday of the week. */
  week: string;
  level: 'kommun' | 'lan';
  code: string;
  /** Distinct accounts (a cross-site account once). */
  distinct: number;
}

/** The generated buyer side with its truth. */
export interface BuyerMarket {
  config: BuyerMarketConfig;
  accounts: BuyerAccount[];
  truth: {
    weekly: BuyerWeekTruth[];
    /** Accounts present on both sites. */
    duplicates: { accountId: string; memberIds: string[] }[];
  };
}

/** Where demand is drawn from: the big cities and Norrland's towns weigh most. */
const FOCUS: readonly [string, number][] = [
  ['0180', 30],
  ['1480', 16],
  ['1280', 12],
  ['0380', 6],
  ['2480', 14],
  ['2482', 5],
  ['2580', 5],
  ['2281', 4],
  ['2380', 3],
  ['2284', 3],
  ['2581', 2],
  ['2460', 1.5],
  ['2401', 1.5],
  ['2409', 1.5],
  ['2404', 1.2],
  ['2403', 1],
  ['0580', 4],
  ['1880', 4],
  ['1980', 4],
  ['0680', 3],
  ['2180', 3],
];
const focusTable = new WeightedTable(
  FOCUS.map(([c]) => c),
  FOCUS.map(([, w]) => w),
);
const LEVELS = new WeightedTable<PlaceLevel>(['town', 'kommun', 'lan', 'none'], [25, 45, 20, 10]);
const AGE_WEIGHTS = [6, 16, 22, 24, 20, 12];

const KOMMUN = new Map(KOMMUNER.map((k) => [k.code, k]));
const LAN_BY_CODE = new Map(LAN.map((l) => [l.code, l]));

/** Towns a site may show for a kommun: postal towns that resolve to it (and are not its own name). */
const townCache = new Map<string, string[]>();
function townsOf(kommunCode: string): string[] {
  let towns = townCache.get(kommunCode);
  if (!towns) {
    const short = KOMMUN.get(kommunCode)?.short;
    towns = POSTORTER.filter((p) => p.kommunCode === kommunCode && p.locality !== short)
      .map((p) => p.locality)
      .filter((t) => {
        const r = resolveStatedPlace(t);
        return r.level === 'town' && r.kommunCode === kommunCode;
      });
    townCache.set(kommunCode, towns);
  }
  return towns;
}

/** Whether the kommun's short name reads back as that kommun. */
function isKommunNameReadable(code: string): boolean {
  const r = resolveStatedPlace(KOMMUN.get(code)?.short);
  return r.level === 'kommun' && r.kommunCode === code;
}

const NAME_PARTS = ['nord', 'sol', 'berg', 'skog', 'sjo', 'fjall', 'hav', 'stad', 'mal', 'vind', 'ek', 'gran', 'alv', 'dal', 'ras'];
const NAME_TAILS = ['man', 'karl', 'gent', 'herre', 'pappa', 'vän', 'kille', 'gubbe', 'bror', 'farbror'];
const FORUM_TEXTS = [
  'Diskret man söker trevligt sällskap. Hör av dig.',
  'Ensam herre, gillar middagar och resor. Söker någon att träffa ibland.',
  'Reser mycket i jobbet, vill träffa någon när jag är i stan.',
  'Gift men saknar något. Diskretion ett måste.',
  'Generös och omtänksam, svarar på alla meddelanden.',
];
const SUGAR_TEXTS = [
  'Framgångsrik företagare som vill skämma bort rätt person.',
  'Erbjuder månatligt stöd till en ung student. Mentorskap och resor.',
  'Etablerad man söker ett ömsesidigt arrangemang. Generös.',
  'Vill hjälpa en tjej med hyran i utbyte mot sällskap.',
];

/** Generates the buyer side; deterministic for a config. */
export function simulateBuyers(config: BuyerMarketConfig): BuyerMarket {
  const root = new Rng(`fyren-buyers/${config.seed}`);
  const days = config.weeks * 7;
  const op = config.operation;
  const opDay = op.week * 7;
  const accounts: BuyerAccount[] = [];
  const usedHandles = new Set<string>();
  let forumSeq = 0;
  let sugarSeq = 0;

  const handleFor = (rng: Rng): string => {
    for (;;) {
      const h = `${rng.pick(NAME_PARTS)}${rng.pick(NAME_TAILS)}${rng.chance(0.7) ? `_${rng.int(50, 99)}` : String(rng.int(1, 999))}`;
      if (!usedHandles.has(h)) {
        usedHandles.add(h);
        return h;
      }
    }
  };

  const makeAccount = (i: number, isDisplaced: boolean): BuyerAccount => {
    const rng = root.fork(`account/${i}`);
    const kommunCode = isDisplaced ? op.toKommunCode : rng.chance(0.85) ? focusTable.draw(rng) : drawHomeKommun(rng);
    let level = LEVELS.draw(rng);
    if (isDisplaced && (level === 'lan' || level === 'none')) level = 'kommun';
    if (level === 'town' && townsOf(kommunCode).length === 0) level = 'kommun';
    if (level === 'kommun' && !isKommunNameReadable(kommunCode)) level = townsOf(kommunCode).length ? 'town' : 'lan';
    const kommun = KOMMUN.get(kommunCode)!;
    const lan = LAN_BY_CODE.get(kommun.countyCode)!;
    const placeText =
      level === 'town' ? rng.pick(townsOf(kommunCode)) : level === 'kommun' ? kommun.short : level === 'lan' ? lan.name : '';
    const ageBand = rng.weighted(AGE_BANDS, AGE_WEIGHTS);
    const bandIdx = AGE_BANDS.indexOf(ageBand);
    const age =
      bandIdx === AGE_BANDS.length - 1 ? rng.int(65, 74) : 18 + (bandIdx === 0 ? rng.int(0, 6) : 7 + (bandIdx - 1) * 10 + rng.int(0, 9));
    // Sites: 70 % forum only, 18 % sugar only, 12 % both (the same handle).
    const r = rng.next();
    const onForum = isDisplaced ? true : r < 0.82;
    const onSugar = isDisplaced ? rng.chance(0.3) : r >= 0.7;
    // A quarter join during the period; displaced accounts join just after the operation.
    const memberSinceDay = isDisplaced ? opDay + rng.int(0, 20) : rng.chance(0.25) ? rng.int(0, days - 14) : -rng.int(14, 1000);
    const handle = handleFor(rng);
    const sites: BuyerSiteAccount[] = [];
    if (onForum)
      sites.push({
        source: 'demo-forum',
        memberId: String(10_000 + ++forumSeq),
        handle,
        placeText,
        ageText: `${ageBand.replace('-', '–')} år`,
        profileText: `${rng.pick(FORUM_TEXTS)} (${handle})`,
      });
    if (onSugar)
      sites.push({
        source: 'demo-sugar-members',
        memberId: `m${(++sugarSeq).toString(36).padStart(4, '0')}`,
        handle,
        placeText,
        ageText: String(age),
        profileText: `${rng.pick(SUGAR_TEXTS)} Signatur ${handle}.`,
      });
    // Activity: a weekly chance per account, times a season that rises and falls, with the
    // operation cutting it in its kommun.
    const base = 0.15 + rng.next() * 0.6;
    const activeDays: number[] = [];
    for (let w = 0; w < config.weeks; w++) {
      const start = w * 7;
      if (start + 6 < memberSinceDay) continue;
      const season = 0.8 + 0.35 * Math.sin((Math.PI * w) / Math.max(1, config.weeks - 1));
      const cut = !isDisplaced && kommunCode === op.kommunCode && level !== 'lan' && level !== 'none' && w >= op.week ? 0.3 : 1;
      const p = isDisplaced ? 0.75 : Math.min(0.95, base * season * cut);
      if (!rng.chance(p)) continue;
      const first = Math.max(start, memberSinceDay);
      const n = rng.int(1, 3);
      for (let k = 0; k < n; k++) activeDays.push(first + rng.int(0, start + 6 - first));
    }
    activeDays.sort((a, b) => a - b);
    return {
      accountId: `B${String(i + 1).padStart(5, '0')}`,
      sites,
      placeLevel: level,
      kommunCode: level === 'town' || level === 'kommun' ? kommunCode : null,
      lanCode: level === 'none' ? null : lan.code,
      ageBand,
      memberSinceDay,
      activeDays: [...new Set(activeDays)],
      isDisplaced,
    };
  };

  for (let i = 0; i < config.accounts; i++) accounts.push(makeAccount(i, false));
  // The displacement: as many new city accounts as a third of the operation kommun's accounts.
  const opAccounts = accounts.filter((a) => a.kommunCode === op.kommunCode).length;
  const moved = Math.max(5, Math.round(opAccounts * 0.6));
  for (let j = 0; j < moved; j++) accounts.push(makeAccount(config.accounts + j, true));

  // Truth: distinct active accounts per kommun and län and week.
  const counts = new Map<string, number>();
  for (const a of accounts) {
    const weeks = new Set(a.activeDays.map((d) => Math.floor(d / 7)));
    for (const w of weeks) {
      const week = dayDate(config.startDate, w * 7);
      if (a.kommunCode) counts.set(`${week}|kommun|${a.kommunCode}`, (counts.get(`${week}|kommun|${a.kommunCode}`) ?? 0) + 1);
      if (a.lanCode) counts.set(`${week}|lan|${a.lanCode}`, (counts.get(`${week}|lan|${a.lanCode}`) ?? 0) + 1);
    }
  }
  const weekly: BuyerWeekTruth[] = [...counts.entries()]
    .map(([k, distinct]) => {
      const [week, level, code] = k.split('|') as [string, 'kommun' | 'lan', string];
      return { week, level, code, distinct };
    })
    .sort((a, b) => (a.week + a.level + a.code < b.week + b.level + b.code ? -1 : 1));
  const duplicates = accounts
    .filter((a) => a.sites.length > 1)
    .map((a) => ({ accountId: a.accountId, memberIds: a.sites.map((s) => `${s.source}/${s.memberId}`) }));
  return { config, accounts, truth: { weekly, duplicates } };
}

/** What one site shows of an account on `day`: null before it joined. */
export function accountOnDay(a: BuyerAccount, site: BuyerSiteAccount, startDate: string, day: number) {
  if (a.memberSinceDay > day) return null;
  let last: number | null = null;
  for (const d of a.activeDays) if (d <= day) last = d;
  return {
    ...site,
    memberSince: dayDate(startDate, a.memberSinceDay),
    lastActive: last === null ? null : dayDate(startDate, last),
  };
}
