/** `fyren demand crawl`, `fyren demand probes import` and `fyren report demand`: the demand side from the command line. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crawlBuyerSite } from '../../app/demand/crawl-buyer-site';
import { gatherDemandReport } from '../../app/demand/demand-statistics';
import { importDemandProbes } from '../../app/demand/manage-demand-records';
import type { RequestContext } from '../../app/shared/ports';
import { httpMemberCrawler } from '../../adapters/crawl/member-crawler';
import { SiteConfigError } from '../../adapters/crawl/site-config.loader';
import { resolveBuyerSiteConfig } from '../../adapters/crawl/site-registry';
import { renderDemandReport } from '../../adapters/report/demand-section';
import { AreaRefSchema } from '../../contracts/demand';
import { parseArea } from '../../core/demand/areas';
import { pseudonymiserFor, ROOT_DIR, withCliStores } from '../compose';
import { parseCommandArgs } from './args';
import type { CliCommand } from './command';
import { UsageError } from './command';

const operator = (name: string): RequestContext => ({ actor: null, requestId: `cli-${name}-${Date.now()}`, isConsoleOperator: true });

export const demandCrawlCommand: CliCommand = {
  path: ['demand', 'crawl'],
  summary: 'Count the accounts of a buyer-side site now (pseudonymised; no page is kept)',
  usage: `fyren demand crawl <source | file.site.yaml> [--base-url URL]

Reads the member listing of a buyer-side site (a site config of kind buyer-forum or
sugar-members), turns every handle into the installation's keyed pseudonym at once, and
stores only the pseudonym, the site, the stated place, the age band, the member-since date
and the week of the last-active date. No username, profile text, photo or page is kept.
Prints the counts as JSON. Exit 1 when the crawl was incomplete, 2 for a bad or
non-buyer-side site config (the file, key and reason are printed).
  --base-url URL   crawl this origin instead of the config's baseUrl (e.g. a local demo site)`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { 'base-url': { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError('give one buyer-side site');
    let config;
    try {
      config = await resolveBuyerSiteConfig(positionals[0]!, io.env.FYREN_SITES_DIR || join(ROOT_DIR, 'sites'));
    } catch (err) {
      if (!(err instanceof SiteConfigError)) throw err;
      io.stderr.write(`fyren demand crawl: ${err.message}\n`);
      return 2;
    }
    return withCliStores(io.env, async (stores) => {
      const res = await crawlBuyerSite(
        { ...stores, pseudonymiser: pseudonymiserFor(stores.config), memberCrawler: httpMemberCrawler },
        operator('demand-crawl'),
        config,
        values['base-url'] ? { baseUrl: values['base-url'] } : {},
      );
      io.stderr.write(`${res.source}: ${res.pages} pages · ${res.accounts} accounts · ${res.newAccounts} new · ${res.errors} errors\n`);
      io.stdout.write(`${JSON.stringify(res)}\n`);
      return res.isComplete ? 0 : 1;
    });
  },
};

export const demandProbesImportCommand: CliCommand = {
  path: ['demand', 'probes', 'import'],
  summary: 'Import demand probes from a CSV file (all lines or none)',
  usage: `fyren demand probes import <file.csv>

Imports demand probes (measurements made by hand; Fyren never posts profiles). Columns,
in any order, comma or semicolon separated (docs/formats.md "Demand probes"):
  started_at,site,area,profile,window_minutes,replies_first_hour,replies_total
  2026-03-02T20:00+01:00,Kontaktsajt X,kommun:2480,"Kvinna 19 år, ny i stan",180,4,9
Every bad line is printed with its line number, column and reason, and then nothing is
stored (exit 1).`,
  async run(args, io) {
    const { positionals } = parseCommandArgs(args, {});
    if (positionals.length !== 1) throw new UsageError('give one CSV file');
    let text: string;
    try {
      text = await readFile(positionals[0]!, 'utf8');
    } catch (err) {
      io.stderr.write(`${positionals[0]!}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(err)}\n`);
      return 1;
    }
    return withCliStores(io.env, async (stores) => {
      const res = await importDemandProbes(stores, operator('probes-import'), text);
      for (const p of res.problems) io.stderr.write(`${positionals[0]!}:${p.line}: ${p.column}: ${p.reason}\n`);
      io.stdout.write(`${JSON.stringify(res)}\n`);
      return res.problems.length ? 1 : 0;
    });
  },
};

export const reportDemandCommand: CliCommand = {
  path: ['report', 'demand'],
  summary: 'Write the demand section of the report as a PDF',
  usage: `fyren report demand [--area AREA] [--from DATE] [--to DATE] [--event ID] [--out FILE]

Writes the demand section of the report for politicians (plain Swedish, small counts
suppressed): demand, supply and probes on one time axis with the events marked, the last
weeks as a table, and the displacement around an event (default the latest operation).
  --area AREA    kommun:2480, lan:24, polisregion:Nord or land:SE (default land:SE)
  --from DATE    first week (default 26 weeks before --to)
  --to DATE      last week (default this week)
  --event ID     the event of the displacement table
  --out FILE     the PDF file (default fyren-efterfragan.pdf)`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      area: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      event: { type: 'string' },
      out: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`unknown argument "${positionals[0]!}"`);
    const area = values.area ?? 'land:SE';
    if (!AreaRefSchema.safeParse(area).success || !parseArea(area))
      throw new UsageError(`--area ${area}: an area like kommun:2480, lan:24, polisregion:Nord or land:SE`);
    for (const k of ['from', 'to'] as const)
      if (values[k] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values[k])) throw new UsageError(`--${k}: a date YYYY-MM-DD`);
    const out = values.out ?? 'fyren-efterfragan.pdf';
    return withCliStores(io.env, async (stores) => {
      const data = await gatherDemandReport(
        stores,
        operator('report-demand'),
        {
          area,
          ...(values.from ? { from: values.from } : {}),
          ...(values.to ? { to: values.to } : {}),
          ...(values.event ? { event: values.event } : {}),
        },
        { threshold: stores.config.FYREN_SMALL_COUNT_THRESHOLD },
      );
      const pdf = await renderDemandReport(data);
      await writeFile(out, pdf);
      io.stderr.write(`${out}: ${pdf.length} bytes\n`);
      return 0;
    });
  },
};
