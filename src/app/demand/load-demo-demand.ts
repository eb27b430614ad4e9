/**
 * The buyer side of the demo (issue #9): a generated buyer market whose weekly member listings
 * are stored as a weekly crawl would store them (through the same pseudonymising path), plus
 * demo events and probes, so Statistik → Efterfrågan shows data on a first start. All of it is
 * flagged demo data; `fyren demo reset` removes it.
 */
import { addWeeks, weekOf } from '../../core/demand/buyer-account';
import { Rng } from '../../core/market/prng';
import {
  accountOnDay,
  DEFAULT_BUYER_OPERATION,
  DEMO_BUYER_SOURCES,
  simulateBuyers,
  type BuyerMarket,
} from '../../core/market/simulate-buyers';
import { dayDate } from '../../core/market/simulate-market';
import type { BuyerSighting, Pseudonymiser } from './ports';
import type { AppDeps } from '../shared/ports';
import { recordBuyerSightings } from './record-buyer-sightings';

export interface DemoDemandOptions {
  seed?: number;
  accounts?: number;
  weeks?: number;
}

/** The sightings of one demo site on `day`, as its member listing shows them. */
export function demoSightings(market: BuyerMarket, source: string, day: number): BuyerSighting[] {
  const out: BuyerSighting[] = [];
  for (const a of market.accounts)
    for (const site of a.sites) {
      if (site.source !== source) continue;
      const shown = accountOnDay(a, site, market.config.startDate, day);
      if (shown)
        out.push({
          handle: shown.handle,
          place: shown.placeText || null,
          placeLan: null,
          age: shown.ageText,
          memberSince: shown.memberSince,
          lastActive: shown.lastActive,
        });
    }
  return out;
}

export async function loadDemoDemand(
  deps: Pick<AppDeps, 'uow' | 'clock'> & { pseudonymiser: Pseudonymiser },
  opts: DemoDemandOptions = {},
): Promise<{ accounts: number; events: number; probes: number }> {
  const weeks = opts.weeks ?? 26;
  const now = deps.clock.now();
  const startDate = addWeeks(weekOf(now), -(weeks - 1));
  const operation = { ...DEFAULT_BUYER_OPERATION, week: Math.max(2, weeks - 9) };
  const market = simulateBuyers({ seed: opts.seed ?? 2017, accounts: opts.accounts ?? 900, weeks, startDate, operation });
  let accounts = 0;
  // One crawl at the end of every week (Sunday evening), none in the future.
  for (let w = 0; w < weeks; w++) {
    const day = w * 7 + 6;
    const at = new Date(`${dayDate(startDate, day)}T21:00:00Z`);
    const observedAt = at.getTime() > now.getTime() ? now : at;
    const today = Math.floor((observedAt.getTime() - Date.parse(`${startDate}T00:00:00Z`)) / 86_400_000);
    for (const source of DEMO_BUYER_SOURCES) {
      const c = await recordBuyerSightings(deps, { source, isDemo: true }, observedAt, demoSightings(market, source, Math.min(day, today)));
      accounts += c.newAccounts;
    }
  }
  const opDate = dayDate(startDate, operation.week * 7 + 1);
  const events = [
    {
      kind: 'medborgarlofte',
      title: 'Medborgarlöfte mot sexköp undertecknat',
      areaLevel: 'kommun',
      areaCode: '2480',
      date: dayDate(startDate, 10),
    },
    { kind: 'campaign', title: 'Kampanj: Köp inte sex', areaLevel: 'lan', areaCode: '24', date: dayDate(startDate, 40) },
    { kind: 'operation', title: operation.title, areaLevel: 'kommun', areaCode: operation.kommunCode, date: opDate },
    {
      kind: 'media',
      title: 'Lokaltidningen granskar sexköp',
      areaLevel: 'kommun',
      areaCode: '2480',
      date: dayDate(startDate, operation.week * 7 + 16),
    },
  ] as const;
  const rng = new Rng(`fyren-demo-probes/${opts.seed ?? 2017}`);
  const probeRows = [];
  for (let w = 1; w < weeks; w += 3) {
    for (const [code, before, after] of [
      ['2480', 4, 1.5],
      ['0180', 6, 9],
    ] as const) {
      const rate = w >= operation.week ? after : before;
      const first = Math.max(0, Math.round(rate + rng.int(-1, 1)));
      probeRows.push({
        startedAt: new Date(`${dayDate(startDate, w * 7 + 4)}T19:00:00Z`),
        site: code === '2480' ? 'Kontaktforumet (DEMO)' : 'Sockerdejt (DEMO)',
        areaLevel: 'kommun' as const,
        areaCode: code,
        profileDescription: 'Ung kvinna, 19 år, ny i stan (beskriven i ord, ingen bild)',
        windowMinutes: 180,
        repliesFirstHour: first,
        repliesTotal: first + rng.int(1, 6),
        isDemo: true,
        createdBy: null,
      });
    }
  }
  const withinPeriod = probeRows.filter((p) => p.startedAt.getTime() <= now.getTime());
  await deps.uow.transaction(async (r) => {
    for (const e of events) await r.demand.insertEvent({ ...e, isDemo: true, createdBy: null });
    await r.demand.insertProbes(withinPeriod);
  });
  return { accounts, events: events.length, probes: withinPeriod.length };
}
