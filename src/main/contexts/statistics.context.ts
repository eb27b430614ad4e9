import { DrizzleStatsRepository } from '../../adapters/db/stats.repository';
import { statisticsRoutes } from '../../adapters/http/statistics.routes';
import { defineContext } from './context';

/** Statistik: the kartläggning dashboard, its tables and report, frozen mappings. */
export const statisticsContext = defineContext({
  name: 'statistics',
  repositories: (db) => ({ stats: new DrizzleStatsRepository(db) }),
  routes: (deps, opts) => [{ path: '/api/statistics', routes: statisticsRoutes(deps, opts.statistics) }],
});
