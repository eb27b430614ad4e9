import { definePurger } from '../retention/purger';
import type { Repositories } from '../shared/ports';

/** Retention of outreach: contact attempts and SMS older than the period; those that led to a referral follow the case rules (kept). */
export const outreachPurger = definePurger({
  category: 'outreach',
  purge: async (r: Pick<Repositories, 'outreach'>, before) => {
    const gone = await r.outreach.purgeBefore(before);
    return { purged: gone.contacts, details: { messages: gone.messages } };
  },
});
