/**
 * /api/outreach/*: Uppsök records (queue, a profile's outreach view, contacts, follow-ups,
 * referrals, SMS, the team's statistics). Only uppsökare and socialsekreterare; reads of personal
 * data need a purpose (x-fyren-purpose). /api/outreach-templates: message templates.
 * /api/statistics/outreach: published figures with small counts suppressed.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { completeFollowUp, listFollowUps, listReferrals } from '../../app/outreach/follow-ups';
import { logContact } from '../../app/outreach/log-contact';
import { getOutreachQueue } from '../../app/outreach/outreach-queue';
import { publishedOutreachStats, teamOutreachStats } from '../../app/outreach/outreach-stats';
import { getProfileOutreach } from '../../app/outreach/profile-outreach';
import { sendSms } from '../../app/outreach/sms';
import { listTemplates, updateTemplate } from '../../app/outreach/templates';
import type { AppDeps } from '../../app/shared/ports';
import { ContactCreateSchema, QueueQuerySchema, SmsSendSchema, StatsQuerySchema, TemplateUpdateSchema } from '../../contracts/outreach';
import { DomainError } from '../../core/shared/errors';
import type { HttpEnv } from './context';
import { validate } from './validate';

const ProfileParam = z.object({ id: z.string().regex(/^pf-[0-9a-f]{12}$/, 'a profile id "pf-…"') });
const ContactParam = z.object({ contactId: z.uuid('a contact id (uuid)') });
const TemplateParam = z.object({ id: z.string().regex(/^[a-z0-9-]{2,100}$/, 'a template id') });

export function outreachRoutes(deps: AppDeps) {
  return new Hono<HttpEnv>()
    .use('*', async (c, next) => {
      if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
      await next();
    })
    .get('/queue', validate('query', QueueQuerySchema), async (c) =>
      c.json(await getOutreachQueue(deps, c.get('ctx'), c.req.valid('query'))),
    )
    .get('/profiles/:id', validate('param', ProfileParam), async (c) =>
      c.json(await getProfileOutreach(deps, c.get('ctx'), c.req.valid('param').id)),
    )
    .post('/profiles/:id/sms', validate('param', ProfileParam), validate('json', SmsSendSchema), async (c) =>
      c.json(await sendSms(deps, c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
    )
    .post('/contacts', validate('json', ContactCreateSchema), async (c) =>
      c.json(await logContact(deps, c.get('ctx'), c.req.valid('json')), 201),
    )
    .get('/follow-ups', async (c) => c.json(await listFollowUps(deps, c.get('ctx'))))
    .post('/follow-ups/:contactId/done', validate('param', ContactParam), async (c) => {
      await completeFollowUp(deps, c.get('ctx'), c.req.valid('param').contactId);
      return c.body(null, 204);
    })
    .get('/referrals', async (c) => c.json(await listReferrals(deps, c.get('ctx'))))
    .get('/stats', validate('query', StatsQuerySchema), async (c) =>
      c.json(await teamOutreachStats(deps, c.get('ctx'), c.req.valid('query'))),
    );
}

export function outreachTemplateRoutes(deps: AppDeps) {
  return new Hono<HttpEnv>()
    .use('*', async (c, next) => {
      if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
      await next();
    })
    .get('/', async (c) => c.json(await listTemplates(deps, c.get('ctx'))))
    .put('/:id', validate('param', TemplateParam), validate('json', TemplateUpdateSchema), async (c) =>
      c.json(await updateTemplate(deps, c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
    );
}

export function statisticsRoutes(deps: AppDeps, opts: { threshold?: number } = {}) {
  return new Hono<HttpEnv>().get('/outreach', validate('query', StatsQuerySchema), async (c) => {
    if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
    return c.json(await publishedOutreachStats(deps, c.get('ctx'), c.req.valid('query'), opts));
  });
}
