import { definePurger } from '../retention/purger';
import type { Repositories } from '../shared/ports';

/** Retention of identity data: sessions that ended or expired before the period. */
export const sessionPurger = definePurger({
  category: 'session',
  purge: async (r: Pick<Repositories, 'sessions'>, before, now) => ({ purged: await r.sessions.purgeEndedBefore(before, now) }),
});
