/** `fyren crawl` and `fyren sites test`: crawling from the command line. */
import { join } from 'node:path';
import { crawlSource } from '../../app/intelligence/crawl-source';
import type { CrawlCounts } from '../../app/intelligence/ports';
import { decodePage, externalIdOf, parseFields, parseHtml, readField } from '../../adapters/crawl/page-parser';
import { resolveSiteConfig } from '../../adapters/crawl/site-registry';
import { cheerioSiteCrawler, networkPolicyOf } from '../../adapters/crawl/site-crawler';
import { publicNetworkError } from '../../adapters/crawl/address-guard';
import { httpGetFollowing } from '../../adapters/crawl/http-get';
import { thisProcessRunner } from '../../adapters/security/process-runner';
import type { SiteConfig } from '../../contracts/site-config';
import { ROOT_DIR, withCliStores } from '../compose';
import { ProgressLine } from '../progress';
import { parseCommandArgs } from './args';
import { UsageError, type CliCommand } from './command';

/** A source id ("demo-portal") or a path to a *.site.yaml. */
const resolveConfig = (arg: string, env: NodeJS.ProcessEnv): Promise<SiteConfig> =>
  resolveSiteConfig(arg, env.FYREN_SITES_DIR || join(ROOT_DIR, 'sites'));

export const crawlCommand: CliCommand = {
  path: ['crawl'],
  summary: 'Crawl a source now (a source id from sites/ or a .site.yaml path)',
  usage: `fyren crawl <source | file.site.yaml> [--base-url URL]

Crawls the site per its config, stores every observation (new ads, edits, sightings)
in the configured database, and after a complete crawl marks ads removed that were not
seen in the configured number of complete crawls. Only one crawl of a source runs at a
time. Progress goes to stderr, the run's summary as JSON to stdout. Exit 1 when the
crawl was incomplete (errors) — then nothing is marked removed.
  --base-url URL   crawl this origin instead of the config's baseUrl (e.g. a local demo site)`,
  async run(args, io) {
    const { positionals: positional, values } = parseCommandArgs(args, { 'base-url': { type: 'string' } });
    if (positional.length !== 1) throw new UsageError('give one source');
    const config = await resolveConfig(positional[0]!, io.env);
    const progress = new ProgressLine(io.stderr, `crawl ${config.source}`);
    const describe = (c: CrawlCounts) =>
      `${c.pages} pages · ${c.ads} ads · ${c.newAds} new · ${c.changedAds} changed · ${c.removedAds} removed · ${c.errors} errors`;
    return withCliStores(io.env, async (stores) => {
      const deps = { ...stores, crawler: cheerioSiteCrawler, runner: thisProcessRunner };
      const run = await crawlSource(deps, { actor: null, requestId: `cli-crawl-${Date.now()}` }, config, {
        ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}),
        trigger: 'cli',
        onProgress: (c) => progress.update(describe(c)),
      });
      progress.done(`${run.status}: ${describe(run)}`);
      io.stdout.write(`${JSON.stringify(run)}\n`);
      return run.status === 'complete' ? 0 : 1;
    });
  },
};

export const sitesTestCommand: CliCommand = {
  path: ['sites', 'test'],
  summary: 'Try a site config: fetch one listing and one ad and print the fields read',
  usage: `fyren sites test <file.site.yaml | source> [--url LISTING_URL] [--base-url URL]

Validates the config (naming the file, the key and the reason of any error), fetches one
listing page and the first ad, and prints what the selectors read, so a new site can be
added without touching code. Stores nothing.`,
  async run(args, io) {
    const { positionals: positional, values } = parseCommandArgs(args, { url: { type: 'string' }, 'base-url': { type: 'string' } });
    if (positional.length !== 1) throw new UsageError('give one site config');
    const config = await resolveConfig(positional[0]!, io.env);
    const base = values['base-url'] ?? config.baseUrl;
    const listingUrl = new URL(values.url ?? config.startUrls[0]!, base).toString();
    // Through the address guard, as a crawl of the source would go (public addresses, loopback for demo sites, the allow-list).
    const get = async (url: string) => {
      const res = await httpGetFollowing(
        new URL(url),
        () => ({ 'user-agent': config.politeness.userAgent, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' }),
        20_000,
        { policy: networkPolicyOf(config) },
      ).catch((err: unknown) => {
        throw new Error(`${url}: ${publicNetworkError(err)}`);
      });
      if (res.status < 200 || res.status >= 300) throw new Error(`${url} answered ${res.status}`);
      return parseHtml(decodePage(res.body, res.headers['content-type']));
    };
    const $ = await get(listingUrl);
    const items = $(config.listing.itemSelector).toArray();
    io.stdout.write(`listing ${listingUrl}: ${items.length} items (${config.listing.itemSelector})\n`);
    if (!items.length) return 1;
    const first = $(items[0]!);
    const href = first.find(config.listing.adLinkSelector).attr('href');
    if (!href) {
      io.stdout.write(`no ad link (${config.listing.adLinkSelector}) in the first item\n`);
      return 1;
    }
    const adUrl = new URL(href, listingUrl).toString();
    const externalId = externalIdOf(config, adUrl);
    const next = config.listing.nextPageSelector ? $(config.listing.nextPageSelector).attr('href') : undefined;
    io.stdout.write(
      `next page: ${next ? new URL(next, listingUrl).toString() : '(none)'}\nad ${adUrl}: externalId ${externalId ?? '(pattern did not match!)'}\n`,
    );
    if (config.listing.pageCount) {
      const count = readField($, $.root(), config.listing.pageCount)[0];
      io.stdout.write(`listing pages (pageCount): ${count ?? '(not found: pages will be followed by their next link)'}\n`);
    }
    const fields =
      config.fieldsFrom === 'listing'
        ? parseFields($, first, config, adUrl)
        : await get(adUrl).then((d) => parseFields(d, d.root(), config, adUrl));
    io.stdout.write(`${JSON.stringify(fields, null, 2)}\n`);
    return externalId && fields.body ? 0 : 1;
  },
};
