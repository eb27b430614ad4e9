/**
 * /api/demand: the demand side as statistics (Statistik → Efterfrågan). Reads are open to every
 * role with Statistik; events and probes are entered by analysts and coordinators. No route
 * returns a pseudonym, a handle or a profile text of a buyer-side account.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import {
  AreaRefSchema,
  DemandAreasQuerySchema,
  DemandEventCreateSchema,
  DemandProbeCreateSchema,
  DemandTrendQuerySchema,
  DisplacementQuerySchema,
} from '../../contracts/demand';
import {
  gatherDemandReport,
  getDemandAreas,
  getDemandTrend,
  getDisplacement,
  type PublishOptions,
} from '../../app/demand/demand-statistics';
import { createDemandEvent, createDemandProbe, importDemandProbes, listDemandEvents } from '../../app/demand/manage-demand-records';
import type { AppDeps } from '../../app/shared/ports';
import { DomainError } from '../../core/shared/errors';
import { renderDemandReport } from '../report/demand-section';
import type { HttpEnv } from './context';
import { errorResponse } from './errors';
import { validate } from './validate';

/** Largest probe CSV accepted. */
export const PROBE_CSV_MAX_BYTES = 1024 * 1024;

const EventsQuery = z.object({ from: z.iso.date().default('2000-01-01'), to: z.iso.date().default('2100-01-01') }).strict();
const ReportQuery = z
  .object({
    area: AreaRefSchema.default('land:SE'),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    /** The event of the displacement table (default the latest operation in the period). */
    event: z.uuid().optional(),
    compare: z.string().trim().max(400).optional(),
  })
  .strict();

/** `threshold`: the installation's small-count threshold (FYREN_SMALL_COUNT_THRESHOLD, default 5). */
export function demandRoutes(deps: AppDeps, opts: PublishOptions = {}) {
  const need = (c: { get(k: 'active'): unknown }) => {
    if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
  };
  return new Hono<HttpEnv>()
    .get('/trend', validate('query', DemandTrendQuerySchema), async (c) => {
      need(c);
      return c.json(await getDemandTrend(deps, c.get('ctx'), c.req.valid('query'), opts));
    })
    .get('/areas', validate('query', DemandAreasQuerySchema), async (c) => {
      need(c);
      return c.json(await getDemandAreas(deps, c.get('ctx'), c.req.valid('query'), opts));
    })
    .get('/displacement', validate('query', DisplacementQuerySchema), async (c) => {
      need(c);
      return c.json(await getDisplacement(deps, c.get('ctx'), c.req.valid('query'), opts));
    })
    .get('/events', validate('query', EventsQuery), async (c) => {
      need(c);
      return c.json({ items: await listDemandEvents(deps, c.get('ctx'), c.req.valid('query')) });
    })
    .post('/events', validate('json', DemandEventCreateSchema), async (c) => {
      need(c);
      return c.json(await createDemandEvent(deps, c.get('ctx'), c.req.valid('json')), 201);
    })
    .post('/probes', validate('json', DemandProbeCreateSchema), async (c) => {
      need(c);
      return c.json(await createDemandProbe(deps, c.get('ctx'), c.req.valid('json')), 201);
    })
    .post(
      '/probes/import',
      bodyLimit({
        maxSize: PROBE_CSV_MAX_BYTES,
        onError: (c) =>
          errorResponse(c, 413, 'PAYLOAD_TOO_LARGE', `the CSV file is larger than ${PROBE_CSV_MAX_BYTES / 1024} KB`, [
            { path: ['file'], message: `at most ${PROBE_CSV_MAX_BYTES} bytes` },
          ]),
      }),
      async (c) => {
        need(c);
        const result = await importDemandProbes(deps, c.get('ctx'), await c.req.text());
        return c.json(result, result.problems.length ? 422 : 201);
      },
    )
    .get('/report.pdf', validate('query', ReportQuery), async (c) => {
      need(c);
      const data = await gatherDemandReport(deps, c.get('ctx'), c.req.valid('query'), opts);
      const pdf = await renderDemandReport(data);
      return c.body(new Uint8Array(pdf), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="fyren-efterfragan-${data.trend.area.level}-${data.trend.area.code}.pdf"`,
      });
    });
}
