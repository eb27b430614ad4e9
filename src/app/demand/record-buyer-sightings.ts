/**
 * Stores what a buyer-side listing showed, the privacy-preserving way (issue #9, docs/privacy.md):
 * each handle becomes the installation's keyed pseudonym at once, and only the pseudonym, the
 * site, the resolved place, the age band, the member-since date and the active week are kept.
 * No username, profile text or page.
 */
import { parseAgeBand, parseSiteDate, resolveStatedPlace, weekOf } from '../../core/demand/buyer-account';
import type { BuyerSighting, DemandAccountInput, Pseudonymiser } from './ports';
import type { AppDeps } from '../shared/ports';

/** Sightings stored per transaction. */
export const SIGHTING_BATCH = 500;

/** One sighting as stored. A last-active date later than the observation (clock skew) counts as the observation's week. */
export function toAccountInput(
  s: BuyerSighting,
  site: { source: string; isDemo: boolean },
  observedAt: Date,
  pseudonymiser: Pseudonymiser,
): DemandAccountInput | null {
  const handle = s.handle.trim();
  if (!handle) return null;
  const place = resolveStatedPlace(s.place, s.placeLan);
  const memberSince = parseSiteDate(s.memberSince);
  let active = parseSiteDate(s.lastActive);
  if (active && active.getTime() > observedAt.getTime()) active = observedAt;
  return {
    pseudonym: pseudonymiser.pseudonym(handle),
    source: site.source,
    isDemo: site.isDemo,
    placeLevel: place.level,
    kommunCode: place.kommunCode,
    lanCode: place.lanCode,
    policeRegion: place.policeRegion,
    ageBand: parseAgeBand(s.age),
    memberSince: memberSince ? memberSince.toISOString().slice(0, 10) : null,
    activeWeek: active ? weekOf(active) : null,
  };
}

export interface SightingCounts {
  accounts: number;
  newAccounts: number;
  newActiveWeeks: number;
  /** Sightings without a handle (not counted). */
  skipped: number;
}

/** Stores sightings of one site seen at `observedAt`, in batches. */
export async function recordBuyerSightings(
  deps: Pick<AppDeps, 'uow'> & { pseudonymiser: Pseudonymiser },
  site: { source: string; isDemo: boolean },
  observedAt: Date,
  sightings: readonly BuyerSighting[],
): Promise<SightingCounts> {
  const counts: SightingCounts = { accounts: 0, newAccounts: 0, newActiveWeeks: 0, skipped: 0 };
  for (let i = 0; i < sightings.length; i += SIGHTING_BATCH) {
    const rows: DemandAccountInput[] = [];
    for (const s of sightings.slice(i, i + SIGHTING_BATCH)) {
      const row = toAccountInput(s, site, observedAt, deps.pseudonymiser);
      if (row) rows.push(row);
      else counts.skipped += 1;
    }
    const r = await deps.uow.transaction((repos) => repos.demand.applySightings(rows, observedAt));
    counts.accounts += rows.length;
    counts.newAccounts += r.newAccounts;
    counts.newActiveWeeks += r.newActiveWeeks;
  }
  return counts;
}
