/** /api/crawl: the installation's sources, starting a crawl, and crawl runs (polled for the live view). */
import { Hono } from 'hono';
import { z } from 'zod';
import { authorizeCrawlStart, listCrawlRuns } from '../../app/intelligence/crawl-status';
import type { AppDeps, RequestContext } from '../../app/shared/ports';
import { DomainError } from '../../core/shared/errors';
import type { HttpEnv } from './context';
import { validate } from './validate';

export interface SourceView {
  id: string;
  name: string;
  kind: string;
  isDemo: boolean;
  baseUrl: string;
  scheduleMinutes: number | null;
}

/** Crawls run inside the server process; the composition root implements this. */
export interface CrawlControl {
  sources(): SourceView[];
  /** Site config files that were refused (file, key, reason). */
  configErrors(): string[];
  /** Starts a crawl in the background; throws NOT_FOUND or CONFLICT (already running). */
  start(sourceId: string, ctx: RequestContext, baseUrl?: string): Promise<void>;
}

const StartSchema = z
  .object({
    /** Crawl another origin than the config's (e.g. demo sites on other ports); http(s) only. */
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .strict();
const RunsQuery = z
  .object({
    source: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
const SourceParam = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a source id') });

export function crawlRoutes(deps: AppDeps, control: CrawlControl) {
  const need = (c: { get(k: 'active'): unknown }) => {
    if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
  };
  return new Hono<HttpEnv>()
    .get('/sources', async (c) => {
      need(c);
      const runs = await listCrawlRuns(deps, c.get('ctx'), null, 200);
      return c.json({
        items: control.sources().map((s) => ({ ...s, lastRun: runs.find((r) => r.sourceId === s.id) ?? null })),
        configErrors: control.configErrors(),
      });
    })
    .post('/sources/:id/runs', validate('param', SourceParam), validate('json', StartSchema), async (c) => {
      need(c);
      await authorizeCrawlStart(deps, c.get('ctx'));
      await control.start(c.req.valid('param').id, c.get('ctx'), c.req.valid('json').baseUrl);
      return c.json({ status: 'started' }, 202);
    })
    .get('/runs', validate('query', RunsQuery), async (c) => {
      need(c);
      const q = c.req.valid('query');
      return c.json({ items: await listCrawlRuns(deps, c.get('ctx'), q.source ?? null, q.limit) });
    });
}
