/** `fyren report`: the kartläggning report of an area and period as a PDF for politicians. */
import { writeFile } from 'node:fs/promises';
import { REPORT_SECTIONS } from '../../adapters/report/full-report';
import { renderReportPdf } from '../../adapters/report/kartlaggning-report';
import { gatherDemandReport } from '../../app/demand/demand-statistics';
import { checkPeriod, dashboardFor } from '../../app/statistics/dashboard';
import { DomainError } from '../../core/shared/errors';
import { areaRef, resolveArea } from '../../core/stats/area';
import { withCliStores } from '../compose';
import { statisticsSettings } from '../statistics-settings';
import type { CliCommand } from './command';
import { parseCommandArgs } from './args';
import { UsageError } from './command';

export const reportCommand: CliCommand = {
  path: ['report'],
  summary: 'Write the kartläggning report of an area and period as a PDF',
  usage: `fyren report <area> --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.pdf [--compare AREA]... [--lang sv|en] [--json]

Writes a PDF report for politicians: a plain-language summary, key figures, weekly trends, the
map with flows between kommuner, indicator shares, a comparison with the same period last year
(and with other areas), the demand side (buyer-side accounts, probes and events with their
displacement, in Swedish), the method and a note on small counts. Every figure is published with
small-count suppression: counts below FYREN_SMALL_COUNT_THRESHOLD (default 5) show as "<5".
  <area>           a kommun code or name (2480, Umeå), a län code or name (24, "Västerbottens län")
                   or a police region ("polisregion Nord", Nord). A plain "Stockholm" is the kommun.
  --from DATE      first day of the period (inclusive)
  --to DATE        last day of the period (inclusive)
  --out FILE       where to write the PDF
  --compare AREA   another area to show side by side (repeatable)
  --lang sv|en     language of the report (default sv)
  --json           print {"out","pages","bytes","area","from","to"} as JSON on stdout`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      compare: { type: 'string', multiple: true },
      lang: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length === 0) throw new UsageError('say which area: a kommun, a län or a police region');
    if (positionals.length > 1) throw new UsageError(`one area only; got "${positionals.join('", "')}" (quote names with spaces)`);
    if (!values.from || !values.to) throw new UsageError('--from and --to are required (YYYY-MM-DD)');
    if (!values.out) throw new UsageError('--out FILE.pdf is required');
    const lang = values.lang ?? 'sv';
    if (lang !== 'sv' && lang !== 'en') throw new UsageError(`--lang ${lang}: use sv or en`);
    const check = <T>(fn: () => T): T => {
      try {
        return fn();
      } catch (err) {
        if (err instanceof DomainError) throw new UsageError(err.message);
        throw err;
      }
    };
    const area = check(() => resolveArea(positionals[0]!));
    check(() => checkPeriod(values.from!, values.to!));
    for (const c of values.compare ?? []) check(() => resolveArea(c));
    return withCliStores(io.env, async (stores) => {
      const settings = await statisticsSettings(stores.config);
      const { dashboard, method } = await dashboardFor(
        { uow: stores.uow },
        { area: areaRef(area), from: values.from!, to: values.to!, compare: values.compare ?? [] },
        settings,
      );
      // The demand section (buyer-side counts, probes, events) of the same area and period.
      const demand = await gatherDemandReport(
        stores,
        { actor: null, requestId: `cli-report-${Date.now()}`, isConsoleOperator: true },
        { area: `${area.kind}:${area.id}`, from: values.from!, to: values.to! },
        { threshold: settings.threshold },
      );
      const pdf = await renderReportPdf({ dashboard, method, lang, generatedAt: new Date(), extras: { demand } }, REPORT_SECTIONS);
      await writeFile(values.out!, pdf);
      const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
      if (values.json)
        io.stdout.write(
          `${JSON.stringify({ out: values.out, pages, bytes: pdf.length, area: area.id, from: values.from, to: values.to })}\n`,
        );
      io.stderr.write(`report for ${area.name} ${values.from}–${values.to} written to ${values.out} (${pages} pages)\n`);
      return 0;
    });
  },
};
