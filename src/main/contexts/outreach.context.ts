import { DrizzleOutreachRepository } from '../../adapters/db/outreach.repository';
import { outreachRoutes, outreachTemplateRoutes, statisticsRoutes } from '../../adapters/http/outreach.routes';
import { outreachPurger } from '../../app/outreach/retention';
import { defineContext } from './context';

/** Uppsök (outreach): the queue, contacts, referrals, templates, SMS, the team's statistics. */
export const outreachContext = defineContext({
  name: 'outreach',
  repositories: (db) => ({ outreach: new DrizzleOutreachRepository(db) }),
  routes: (deps, opts) => [
    { path: '/api/outreach', routes: outreachRoutes(deps) },
    { path: '/api/outreach-templates', routes: outreachTemplateRoutes(deps) },
    { path: '/api/statistics', routes: statisticsRoutes(deps, { threshold: opts.statistics?.threshold }) },
  ],
  retention: [outreachPurger],
});
