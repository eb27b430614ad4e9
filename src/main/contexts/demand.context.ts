import { DrizzleDemandRepository } from '../../adapters/db/demand.repository';
import { demandRoutes } from '../../adapters/http/demand.routes';
import { demandPseudonymPurger } from '../../app/demand/retention';
import { defineContext } from './context';

/** The buyer side (efterfrågan), counted not registered: pseudonymised counts, events, probes. */
export const demandContext = defineContext({
  name: 'demand',
  repositories: (db) => ({ demand: new DrizzleDemandRepository(db) }),
  routes: (deps, opts) => [{ path: '/api/demand', routes: demandRoutes(deps, { threshold: opts.statistics?.threshold }) }],
  retention: [demandPseudonymPurger],
});
