/**
 * `fyren demo generate` writes a synthetic market; `fyren demo sites` serves it as three
 * demo websites on 127.0.0.1. Registered by the lead in src/main/commands/index.ts.
 */
import { DEFAULT_BUYER_OPERATION, simulateBuyers } from '../../core/market/simulate-buyers';
import { resolve } from 'node:path';
import { z } from 'zod';
import { renderSyntheticImage } from '../../adapters/images/synthetic-images';
import { buildDemoMarket, type DemoMarket, loadDemoMarket } from '../../adapters/demo-sites/demo-market';
import { serveDemoSites } from '../../adapters/demo-sites/demo-sites';
import { generateMarket } from '../../app/demo/generate-market';
import { DEFAULT_START_DATE } from '../../core/market/simulate-market';
import { noPositionals, parseCommandArgs, type ArgOptions } from './args';
import { type CliCommand, type CliIo, UsageError } from './command';

const intArg = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/** Arguments of `fyren demo generate`. */
export const DemoGenerateArgsSchema = z
  .object({
    seed: intArg(0, 2 ** 31 - 1, 1),
    persons: intArg(1, 5_000_000, 200),
    days: intArg(1, 3650, 28),
    out: z.string().min(1),
    start: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .default(DEFAULT_START_DATE),
    images: z.boolean().default(true),
    quiet: z.boolean().default(false),
  })
  .strict();

/** Arguments of `fyren demo sites`. */
export const DemoSitesArgsSchema = z
  .object({
    market: z.string().min(1).optional(),
    seed: intArg(0, 2 ** 31 - 1, 1),
    persons: intArg(1, 100_000, 200),
    days: intArg(1, 3650, 28),
    start: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .default(DEFAULT_START_DATE),
    host: z.string().default('127.0.0.1'),
    port: intArg(0, 65_533, 4101),
    'advance-every': z.coerce.number().positive().optional(),
  })
  .strict();

const text = { type: 'string' } as const;
const flag = { type: 'boolean' } as const;
const GENERATE_OPTIONS = { seed: text, persons: text, days: text, out: text, start: text, images: flag, quiet: flag } as const;
const SITES_OPTIONS = {
  market: text,
  seed: text,
  persons: text,
  days: text,
  start: text,
  host: text,
  port: text,
  'advance-every': text,
} as const;

/** Reads the arguments with the CLI's parser, then checks and converts them with the schema. */
export function demoArgs<T extends z.ZodType>(schema: T, options: ArgOptions, args: readonly string[]): z.infer<T> {
  const { values, positionals } = parseCommandArgs(args, options);
  noPositionals(positionals);
  const result = schema.safeParse(values);
  if (!result.success) throw new UsageError(result.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  return result.data;
}

function say(io: CliIo, text: string): void {
  io.stderr.write(text + '\n');
}

/** `fyren demo generate`. */
export const demoGenerateCommand: CliCommand = {
  path: ['demo', 'generate'],
  summary: 'Write a deterministic synthetic ad market with ground truth (fictional data)',
  usage: `fyren demo generate --out DIR [--seed N] [--persons N] [--days N] [--start YYYY-MM-DD] [--no-images] [--quiet]

Writes ads.jsonl (AdRecords), truth.jsonl, persons.jsonl, operations.jsonl, events.jsonl,
manifest.json and images/ to DIR. The same arguments give the same bytes.
Defaults: --seed 1 --persons 200 --days 28 --start ${DEFAULT_START_DATE}. Turn images off for large runs.
Prints the manifest counts and file hashes as JSON on stdout.`,
  async run(args, io) {
    const a = demoArgs(DemoGenerateArgsSchema, GENERATE_OPTIONS, args);
    const outDir = resolve(a.out);
    const started = performance.now();
    const result = await generateMarket({
      config: { seed: a.seed, persons: a.persons, days: a.days, startDate: a.start },
      outDir,
      ...(a.images ? { renderImage: renderSyntheticImage } : {}),
      onDay: (day, counts) => {
        if (!a.quiet && (day % 7 === 6 || day === a.days - 1))
          say(io, `day ${day + 1}/${a.days}: ${counts.ads} ads, ${counts.observations} observations`);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    say(io, `wrote ${outDir} in ${seconds.toFixed(1)} s`);
    io.stdout.write(JSON.stringify({ outDir, ...result }, null, 2) + '\n');
    return 0;
  },
};

/** `fyren demo sites`. */
export const demoSitesCommand: CliCommand = {
  path: ['demo', 'sites'],
  summary: 'Serve the demo sites on 127.0.0.1 (portal, classifieds, sugar dating, buyer-side forum)',
  usage: `fyren demo sites [--market DIR | --seed N --persons N --days N] [--host 127.0.0.1] [--port 4101] [--advance-every SECONDS]

Serves the portal on PORT, the classifieds site on PORT+1 and the sugar-dating site on PORT+2
(--port 0 picks free ports), and the buyer side: a fictional contact forum's member list on
PORT+3 and "sugar daddy" members at /members on the sugar site (fictional accounts with a
dated operation in Umeå halfway through the period; crawl them with \`fyren demand crawl\`).
The simulated clock starts at day 0; advance it with POST /_demo/advance on any site, or
automatically with --advance-every. Stop with Ctrl-C.
Site configs for the crawler: sites/demo-*.site.yaml.`,
  async run(args, io) {
    const a = demoArgs(DemoSitesArgsSchema, SITES_OPTIONS, args);
    const market: DemoMarket = a.market
      ? await loadDemoMarket(resolve(a.market))
      : buildDemoMarket({ seed: a.seed, persons: a.persons, days: a.days, startDate: a.start });
    const weeks = Math.max(1, Math.ceil(market.config.days / 7));
    const buyers = simulateBuyers({
      seed: market.config.seed,
      accounts: 600,
      weeks,
      startDate: market.config.startDate,
      operation: { ...DEFAULT_BUYER_OPERATION, week: Math.floor(weeks / 2) },
    });
    const served = await serveDemoSites({ market, buyers, host: a.host, port: a.port });
    io.stdout.write(
      JSON.stringify({ urls: served.urls, forumUrl: served.forumUrl, day: served.clock.day, date: served.clock.date }) + '\n',
    );
    say(io, `demo sites (DEMO, fictional ads): ${[...Object.values(served.urls), served.forumUrl].join('  ')}  – Ctrl-C to stop`);
    const timer = a['advance-every']
      ? setInterval(() => {
          const day = served.advanceDay();
          say(io, `simulated day ${day} (${served.clock.date})`);
        }, a['advance-every'] * 1000)
      : undefined;
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    if (timer) clearInterval(timer);
    await served.close();
    return 0;
  },
};
