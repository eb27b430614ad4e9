import { DEMO_WITH_LIVE_SMS, loadDemoMarket, resetDemoData, storeDemoImages } from '../../app/demo/load-demo-market';
import { hasLiveSmsGateway } from '../sms';
import { renderSyntheticImage } from '../../adapters/images/synthetic-images';
import { loadDemoDemand } from '../../app/demand/load-demo-demand';
import { pseudonymiserFor, withCliStores } from '../compose';
import type { CliCommand } from './command';
import { noPositionals, parseCommandArgs } from './args';
import { UsageError } from './command';

export const demoResetCommand: CliCommand = {
  path: ['demo', 'reset'],
  summary: 'Remove all demo data from the database (it is not loaded again)',
  usage: `fyren demo reset

Deletes every demo ad and demo source from the configured database (FYREN_DATA or
DATABASE_URL), writes an audit event, and records that the demo was removed so that a
restart does not load it again. Real data is never touched.`,
  async run(args, io) {
    noPositionals(parseCommandArgs(args, {}).positionals);
    return withCliStores(io.env, async (stores) => {
      const res = await resetDemoData(stores, { actor: null, requestId: 'cli-demo-reset' });
      io.stdout.write(`${JSON.stringify(res)}\n`);
      return 0;
    });
  },
};

export const demoLoadCommand: CliCommand = {
  path: ['demo', 'load'],
  summary: 'Load the demo market into the database now (marked DEMO)',
  usage: `fyren demo load [--seed N] [--persons N] [--days N]

Generates a demo market ending today and imports it, flagged as demo data, with its
pictures (synthetic shapes, never people) in the evidence store, and the buyer side:
26 weeks of pseudonymised buyer-side accounts, demo events and probes.
Defaults: --seed 2017 --persons 80 --days 21.
Refused (exit 2) when a live SMS gateway is configured (FYREN_SMS_PROVIDER=46elks): the demo's
phone numbers are random and may be real people's.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      seed: { type: 'string' },
      persons: { type: 'string' },
      days: { type: 'string' },
    });
    noPositionals(positionals);
    const opts: Record<string, number> = {};
    for (const [key, text] of Object.entries(values)) {
      const value = Number(text);
      if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${key} needs a positive whole number (got "${text}")`);
      opts[key] = value;
    }
    return withCliStores(io.env, async (stores) => {
      if (hasLiveSmsGateway(stores.config)) {
        io.stderr.write(`fyren demo load: refused: ${DEMO_WITH_LIVE_SMS}.\n`);
        return 2;
      }
      const { images = [], ...res } = await loadDemoMarket(stores, { ...opts, isFirstStartOnly: false, hasLiveSmsGateway: false });
      const pictures = await storeDemoImages(stores, images, renderSyntheticImage);
      const demand = await loadDemoDemand({ ...stores, pseudonymiser: pseudonymiserFor(stores.config) }, { seed: opts.seed ?? 2017 });
      io.stdout.write(`${JSON.stringify({ ...res, pictures: pictures.stored, pictureProblems: pictures.problems.length, demand })}\n`);
      return 0;
    });
  },
};
