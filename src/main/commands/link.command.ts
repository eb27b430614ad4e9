/** `fyren link` and `fyren export`: linking runs and JSONL exports of ads, profiles and networks. */
import { once } from 'node:events';
import { isPurposeStated } from '../../core/shared/purpose';
import { createWriteStream } from 'node:fs';
import { exportLinks, type ExportKind } from '../../app/intelligence/export-links';
import { linkAllPending, rebuildLinks } from '../../app/intelligence/link-ads';
import { LinkTextPool } from '../../adapters/workers/link-text-pool';
import { withCliStores } from '../compose';
import { parseCommandArgs } from './args';
import type { CliCommand } from './command';
import { UsageError } from './command';

export const linkCommand: CliCommand = {
  path: ['link'],
  summary: 'Link ads into profiles and networks: the pending ads, or a full rebuild',
  usage: `fyren link [--rebuild] [--json]

Links the ads whose linking is missing or out of date (new, edited, new images, seen again)
into profiles (a person or contact point) and networks (an operation), with evidence edges
and the explained risk score. Imports and crawls do this by themselves; run it after
changing linking parameters or risk weights.
  --rebuild  rebuild all linking from the stored ads and the analysts' corrections
             (the result is the same as the incremental path gives)
  --json     print the result as JSON on stdout`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { rebuild: { type: 'boolean' }, json: { type: 'boolean' } });
    if (positionals.length > 0) throw new UsageError(`unknown argument "${positionals[0]}"`);
    return withCliStores(io.env, async ({ uow, clock }) => {
      const deps = { uow, clock };
      const started = Date.now();
      let result: object;
      if (values.rebuild) {
        // The ads' text facts on worker threads while this thread reads and links.
        const texts = new LinkTextPool();
        try {
          result = await rebuildLinks(deps, { actor: null, requestId: `cli-link-${started}` }, { texts });
        } finally {
          await texts.close();
        }
      } else result = { linkedAds: await linkAllPending(deps), ms: Date.now() - started };
      if (values.json) io.stdout.write(`${JSON.stringify(result)}\n`);
      else io.stdout.write(`${formatLinkResult(result)}\n`);
      return 0;
    });
  },
};

/** A link run's result as one line; the rebuild's phases (name → ms) as text. */
export function formatLinkResult(result: object): string {
  return Object.entries(result)
    .map(([k, v]) =>
      v !== null && typeof v === 'object'
        ? `${k}: ${Object.entries(v as Record<string, unknown>)
            .map(([name, ms]) => `${name} ${String(ms)} ms`)
            .join(', ')}`
        : `${k} ${String(v)}`,
    )
    .join(' · ');
}

export const exportCommand: CliCommand = {
  path: ['export'],
  summary: 'Export ads, profiles or networks with their links as JSONL',
  usage: `fyren export <ads|profiles|networks> --purpose TEXT [--format jsonl] [--out FILE]

Writes one JSON object per line (see docs/formats.md):
  ads       {"ad":"<source>:<externalId>","profile":"pf-…","network":"nw-…","municipality":"2480"|null,"phones":["+46…"],"score":42.5}
  profiles  {"profile":"pf-…","network":"nw-…","ads":3,"names":[…],"phones":[…],"municipalities":[…],"firstSeen":"…","lastSeen":"…","touring":false,"score":…,"weights":"…","indicators":[…]}
  networks  {"network":"nw-…","profiles":2,"ads":7,"municipalities":[…],"firstSeen":"…","lastSeen":"…","score":…,"weights":"…","indicators":[…]}
The export holds personal data: it needs a purpose (a case or operation reference), which the
audit log records.
  --purpose TEXT  why the export is made (required)
  --format jsonl  the only format (default)
  --out FILE      write to FILE instead of standard output`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      purpose: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    });
    const kind = positionals[0];
    if (kind !== 'ads' && kind !== 'profiles' && kind !== 'networks') throw new UsageError('say what to export: ads, profiles or networks');
    if (positionals.length > 1) throw new UsageError(`unknown argument "${positionals[1]}"`);
    if ((values.format ?? 'jsonl') !== 'jsonl') throw new UsageError(`--format ${String(values.format)}: only jsonl is supported`);
    const purpose = typeof values.purpose === 'string' ? values.purpose.trim() : '';
    if (!isPurposeStated(purpose)) throw new UsageError('--purpose is required: why is this export made (a case or operation reference)?');
    const out: NodeJS.WritableStream = typeof values.out === 'string' ? createWriteStream(values.out) : io.stdout;
    return withCliStores(io.env, async ({ uow, clock }) => {
      let n = 0;
      for await (const line of exportLinks(
        { uow, clock },
        { actor: null, requestId: `cli-export-${Date.now()}`, purpose },
        kind as ExportKind,
      )) {
        if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
        n += 1;
      }
      if (out !== io.stdout) await new Promise<void>((r) => out.end(r));
      io.stderr.write(`${n} ${kind} exported\n`);
      return 0;
    });
  },
};
