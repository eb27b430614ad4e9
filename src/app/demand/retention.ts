import { definePurger } from '../retention/purger';
import type { Repositories } from '../shared/ports';

/** Retention of the buyer side: the HMAC of a handle goes; the counts keep only a random key. */
export const demandPseudonymPurger = definePurger({
  category: 'demand_pseudonym',
  purge: async (r: Pick<Repositories, 'demand'>, before) => ({ purged: await r.demand.purgePseudonyms(before) }),
});
