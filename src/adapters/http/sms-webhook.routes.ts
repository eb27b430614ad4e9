/**
 * The SMS gateway's webhooks, outside /api (no session, no CSRF): 46elks POSTs incoming SMS and
 * delivery reports form-encoded. Authenticated by a shared secret in the URL
 * (/hooks/sms/46elks/<secret>/inbound and /delivery), compared in constant time; validated
 * with zod. Answers 204 so that 46elks does not retry.
 */
import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { receiveSms, smsDelivered } from '../../app/outreach/sms';
import type { AppDeps } from '../../app/shared/ports';
import type { HttpEnv } from './context';
import { errorResponse } from './errors';
import { zodIssues } from './validate';

const Phone = z.string().regex(/^\+\d{7,15}$/, 'an E.164 number');
const InboundSchema = z.object({
  id: z.string().min(1).max(100),
  from: Phone,
  to: z.string().min(1).max(30),
  message: z.string().max(5000),
  created: z.string().max(40).optional(),
});
const DeliverySchema = z.object({
  id: z.string().min(1).max(100),
  status: z.enum(['sent', 'delivered', 'failed']),
  delivered: z.string().optional(),
});

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** 46elks writes "2026-03-02 08:00:00.123" (UTC) or ISO 8601. */
function parseCreated(raw: string | undefined): Date | null {
  if (!raw) return null;
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw.replace(' ', 'T')}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function smsWebhookRoutes(deps: AppDeps, opts: { secret: string; gateway: string }) {
  return new Hono<HttpEnv>()
    .use('/:secret/*', async (c, next) => {
      if (!sameSecret(c.req.param('secret'), opts.secret)) return errorResponse(c, 404, 'NOT_FOUND', 'no such webhook');
      await next();
      return undefined;
    })
    .post('/:secret/inbound', async (c) => {
      const parsed = InboundSchema.safeParse(Object.fromEntries(new URLSearchParams(await c.req.text())));
      if (!parsed.success) {
        const issues = zodIssues(parsed.error);
        return errorResponse(c, 400, 'VALIDATION_FAILED', `invalid body: ${issues.map((i) => i.path.join('.')).join(', ')}`, issues);
      }
      const m = parsed.data;
      await receiveSms(deps, {
        gateway: opts.gateway,
        id: m.id,
        from: m.from,
        to: m.to,
        message: m.message,
        created: parseCreated(m.created),
      });
      return c.body(null, 204);
    })
    .post('/:secret/delivery', async (c) => {
      const parsed = DeliverySchema.safeParse(Object.fromEntries(new URLSearchParams(await c.req.text())));
      if (!parsed.success) {
        const issues = zodIssues(parsed.error);
        return errorResponse(c, 400, 'VALIDATION_FAILED', `invalid body: ${issues.map((i) => i.path.join('.')).join(', ')}`, issues);
      }
      await smsDelivered(deps, opts.gateway, parsed.data.id, parsed.data.status);
      return c.body(null, 204);
    });
}
