/**
 * /api/statistics: the kartläggning dashboard (JSON), its tables as CSV for Excel, the PDF
 * report, and frozen mappings (create, list, read, reproduce, compare, report). Every figure is
 * published with small-count suppression; nothing here names a person or an ad.
 */
import { Hono, type Context } from 'hono';
import {
  compareMappings,
  DEFAULT_STATISTICS_SETTINGS,
  freezeMapping,
  getDashboard,
  getMapping,
  listMappings,
  reproduceMapping,
  type StatisticsSettings,
} from '../../app/statistics/dashboard';
import type { AppDeps } from '../../app/shared/ports';
import { DomainError } from '../../core/shared/errors';
import { dashboardTables, toCsv } from '../../core/stats/tables';
import {
  DashboardQuerySchema,
  MappingCompareQuerySchema,
  MappingCreateSchema,
  MappingIdSchema,
  TableKeySchema,
} from '../../contracts/statistics';
import { z } from 'zod';
import { gatherDemandReport } from '../../app/demand/demand-statistics';
import { REPORT_SECTIONS } from '../report/full-report';
import { renderReportPdf } from '../report/kartlaggning-report';
import type { HttpEnv } from './context';
import { validate } from './validate';

const signedIn = (c: Context<HttpEnv>) => {
  if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
};

const splitCompare = (s: string | undefined): string[] =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);

/** A file name without characters that need quoting: "kartlaggning-2480-2026-01-01-2026-03-31". */
const fileName = (area: string, from: string, to: string): string =>
  `kartlaggning-${area
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase()}-${from}-${to}`;

const pdfResponse = (pdf: Buffer, name: string) =>
  new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${name}.pdf"`,
      'cache-control': 'no-store',
    },
  });

export function statisticsRoutes(deps: AppDeps, settings: StatisticsSettings = DEFAULT_STATISTICS_SETTINGS) {
  return new Hono<HttpEnv>()
    .get('/dashboard', validate('query', DashboardQuerySchema), async (c) => {
      signedIn(c);
      const q = c.req.valid('query');
      return c.json(
        await getDashboard(deps, c.get('ctx'), { area: q.area, from: q.from, to: q.to, compare: splitCompare(q.compare) }, settings),
      );
    })
    .get('/dashboard/:table{[a-z]+\\.csv}', validate('query', DashboardQuerySchema), async (c) => {
      signedIn(c);
      const key = TableKeySchema.safeParse(c.req.param('table').replace(/\.csv$/, ''));
      if (!key.success)
        throw new DomainError('NOT_FOUND', `no table ${c.req.param('table')}; tables: ${TableKeySchema.options.join(', ')}`);
      const q = c.req.valid('query');
      const { dashboard } = await getDashboard(
        deps,
        c.get('ctx'),
        { area: q.area, from: q.from, to: q.to, compare: splitCompare(q.compare) },
        settings,
      );
      const table = dashboardTables(dashboard, q.lang ?? 'sv').find((t) => t.key === key.data)!;
      return new Response(toCsv(table), {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${fileName(dashboard.area.id, q.from, q.to)}-${key.data}.csv"`,
          'cache-control': 'no-store',
        },
      });
    })
    .get('/report.pdf', validate('query', DashboardQuerySchema), async (c) => {
      signedIn(c);
      const q = c.req.valid('query');
      const { dashboard, method } = await getDashboard(
        deps,
        c.get('ctx'),
        { area: q.area, from: q.from, to: q.to, compare: splitCompare(q.compare) },
        settings,
      );
      const demand = await gatherDemandReport(
        deps,
        c.get('ctx'),
        { area: `${dashboard.area.kind}:${dashboard.area.id}`, from: q.from, to: q.to },
        { threshold: settings.threshold },
      );
      const pdf = await renderReportPdf(
        { dashboard, method, lang: q.lang ?? 'sv', generatedAt: deps.clock.now(), extras: { demand } },
        REPORT_SECTIONS,
      );
      return pdfResponse(pdf, fileName(dashboard.area.id, q.from, q.to));
    })
    .get('/mappings', async (c) => {
      signedIn(c);
      return c.json(await listMappings(deps, c.get('ctx')));
    })
    .post('/mappings', validate('json', MappingCreateSchema), async (c) => {
      signedIn(c);
      return c.json(await freezeMapping(deps, c.get('ctx'), c.req.valid('json'), settings), 201);
    })
    .get('/mappings/compare', validate('query', MappingCompareQuerySchema), async (c) => {
      signedIn(c);
      const q = c.req.valid('query');
      return c.json(await compareMappings(deps, c.get('ctx'), q.a, q.b));
    })
    .get('/mappings/:id', validate('param', MappingIdSchema), async (c) => {
      signedIn(c);
      return c.json(await getMapping(deps, c.get('ctx'), c.req.valid('param').id));
    })
    .get('/mappings/:id/reproduce', validate('param', MappingIdSchema), async (c) => {
      signedIn(c);
      return c.json(await reproduceMapping(deps, c.get('ctx'), c.req.valid('param').id, settings));
    })
    .get(
      '/mappings/:id/report.pdf',
      validate('param', MappingIdSchema),
      validate('query', z.object({ lang: z.enum(['sv', 'en']).optional() }).strict()),
      async (c) => {
        signedIn(c);
        const m = await getMapping(deps, c.get('ctx'), c.req.valid('param').id);
        const pdf = await renderReportPdf({
          dashboard: m.figures,
          method: m.method,
          lang: c.req.valid('query').lang ?? 'sv',
          generatedAt: deps.clock.now(),
          mapping: { id: m.id, title: m.title, contentHash: m.contentHash, createdAt: m.createdAt },
        });
        return pdfResponse(pdf, fileName(m.area.id, m.period.from, m.period.to));
      },
    );
}
