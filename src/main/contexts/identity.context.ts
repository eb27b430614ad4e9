import {
  DrizzleOrganisationRepository,
  DrizzleSessionRepository,
  DrizzleUnitRepository,
  DrizzleUserRepository,
} from '../../adapters/db/identity.repository';
import { adminRoutes } from '../../adapters/http/admin.routes';
import { authRoutes } from '../../adapters/http/auth.routes';
import { sessionPurger } from '../../app/identity/retention';
import { defineContext } from './context';

/** Identity & access: organisations, units, users, sessions; sign-in and administration. */
export const identityContext = defineContext({
  name: 'identity',
  repositories: (db) => ({
    organisations: new DrizzleOrganisationRepository(db),
    units: new DrizzleUnitRepository(db),
    users: new DrizzleUserRepository(db),
    sessions: new DrizzleSessionRepository(db),
  }),
  routes: (deps, opts) => [
    { path: '/api/auth', routes: authRoutes(deps, opts) },
    { path: '/api/admin', routes: adminRoutes(deps) },
  ],
  retention: [sessionPurger],
});
