/**
 * `fyren import`: AdRecords (JSONL) into the database through the same pipeline as a crawl
 * (extract → store idempotently → audit). Streams in constant memory, reports bad lines by
 * file and line number without stopping, and exits 1 at the end if any line was bad.
 */
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { SOURCE_KIND_OF_SITE } from '../../app/intelligence/crawl-source';
import { importAdRecordBatches, type ImportResult } from '../../app/intelligence/import-ad-records';
import { linkAllPending } from '../../app/intelligence/link-ads';
import { importCapturedPages, type CapturedPage } from '../../app/intelligence/import-captures';
import { storeAdImages } from '../../app/intelligence/store-ad-images';
import type { SourceRow } from '../../app/intelligence/ports';
import { PUBLIC_ONLY, publicNetworkError } from '../../adapters/crawl/address-guard';
import { httpGetFollowing } from '../../adapters/crawl/http-get';
import { decodePage, parseHtml, recordsFromPage } from '../../adapters/crawl/page-parser';
import { MAX_FILE_BYTES } from '../../adapters/crawl/site-crawler';
import { resolveSiteConfig } from '../../adapters/crawl/site-registry';
import { ExtractPool } from '../../adapters/workers/extract-pool';
import { scanWarcFile } from '../../adapters/evidence/warc-store';
import { AdRecordSchema, type AdRecord } from '../../contracts/ad-record';
import { ROOT_DIR, VERSION, withCliStores } from '../compose';
import { ProgressLine } from '../progress';
import { parseCommandArgs } from './args';
import { UsageError, type CliCommand, type CliIo } from './command';

const BATCH = 500;
/** From this much input on, extraction runs on a pool of worker threads (about 1,000 records). */
const POOL_FROM_BYTES = 1_000_000;
const isWarc = (p: string) => p.endsWith('.warc') || p.endsWith('.warc.gz');

/** An image path from a record, relative to its JSONL file; never outside that file's folder. */
function resolveImagePath(jsonlFile: string, path: string): string {
  const base = dirname(jsonlFile);
  const full = resolve(base, path);
  if (isAbsolute(path) || !full.startsWith(`${base}/`)) throw new Error(`image path "${path}" leaves the import folder`);
  return full;
}

/** Hosts that could not be reached during this import: not tried again (an offline import of many images stays fast). */
const unreachableHosts = new Set<string>();

/**
 * An image of an imported record, fetched from the web: public addresses only (address
 * guard), within the image size limit; connection errors are reported without the system's
 * reason (it would tell internal services apart).
 */
async function fetchImage(url: string): Promise<Buffer> {
  if (!/^https?:\/\//.test(url)) throw new Error('not an http(s) URL and no path given');
  const host = new URL(url).host;
  if (unreachableHosts.has(host)) throw new Error(`${host} could not be reached earlier in this import`);
  let res;
  try {
    res = await httpGetFollowing(new URL(url), () => ({ 'user-agent': `FyrenImport/${VERSION}`, accept: '*/*' }), 10_000, {
      policy: PUBLIC_ONLY,
      maxBytes: MAX_FILE_BYTES,
    });
  } catch (err) {
    if (!(err instanceof Error && ('isBlocked' in err || 'isTooLarge' in err))) unreachableHosts.add(host);
    throw new Error(publicNetworkError(err));
  }
  if (res.status < 200 || res.status >= 300) throw new Error(`answered ${res.status}`);
  return res.body;
}

function filesOf(target: string): string[] {
  const path = resolve(target);
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new UsageError(`no such file or folder: ${target}`);
  }
  if (st.isDirectory()) {
    const found = readdirSync(path)
      .filter((f) => f.endsWith('.jsonl') || isWarc(f))
      .sort()
      .map((f) => join(path, f));
    if (!found.length) throw new UsageError(`no .jsonl or .warc(.gz) files in ${target}`);
    return found;
  }
  if (!path.endsWith('.jsonl') && !isWarc(path))
    throw new UsageError(`${target}: import takes AdRecord JSONL (.jsonl) or WARC captures (.warc, .warc.gz)`);
  return [path];
}

export const importCommand: CliCommand = {
  path: ['import'],
  summary: 'Import AdRecords (JSONL) or WARC captures (with --site) idempotently',
  usage: `fyren import <file.jsonl | file.warc[.gz] | folder> [--demo] [--no-images] [--site S]

Reads AdRecords (docs/formats.md), one per line, runs extraction and stores ads, their
versions and observations in the configured database. Importing the same file twice adds
nothing. Bad lines are reported on stderr as FILE:LINE: reason, and the import goes on;
the exit status is 1 at the end if any line was bad.
  --demo        mark the imported ads as demo data (removed by \`fyren demo reset\`)
  --no-images   do not read or fetch images
  --site S      for WARC files: the site config (a source id from sites/ or a .site.yaml)
                whose selectors read the captured pages; every page is kept as evidence
Images are read from "path" (relative to the JSONL file) or fetched from "url", stored by
SHA-256 in the evidence folder (a stated sha256 is checked) and perceptually hashed.
Progress goes to stderr; a JSON summary to stdout.`,
  async run(args, io) {
    const { values, positionals: targets } = parseCommandArgs(args, {
      demo: { type: 'boolean', default: false },
      images: { type: 'boolean', default: true },
      site: { type: 'string' },
    });
    const isDemo = values.demo;
    const withImages = values.images;
    const siteArg = values.site;
    if (siteArg === '') throw new UsageError('--site needs a source id or a .site.yaml path');
    if (targets.length !== 1) throw new UsageError('give one file or folder to import');
    const files = filesOf(targets[0]!);
    if (files.some(isWarc)) {
      if (!siteArg) throw new UsageError('WARC captures need --site <source | file.site.yaml> to read their pages');
      return importWarcFiles(files, siteArg, io);
    }
    return withCliStores(io.env, async (deps) => {
      const ctx = { actor: null, requestId: `cli-import-${Date.now()}` };
      const total = {
        lines: 0,
        records: 0,
        badLines: 0,
        newAds: 0,
        newObservations: 0,
        changedAds: 0,
        imagesStored: 0,
        imageProblems: 0,
        sourcesCreated: [] as string[],
        /** Ads linked into profiles and networks after the import. */
        linkedAds: 0,
      };
      const known = new Map<string, SourceRow>((await deps.uow.transaction((r) => r.ads.listSources())).map((s) => [s.id, s]));
      const started = Date.now();
      const progress = new ProgressLine(io.stderr, 'import');
      const totalBytes = files.reduce((n, f) => n + statSync(f).size, 0);
      let bytesRead = 0;
      type Line = AdRecord & { file: string; lineNo: number };
      /** Valid records in batches; bad lines are reported and counted here. */
      async function* batches(): AsyncGenerator<Line[]> {
        let batch: Line[] = [];
        for (const file of files) {
          const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
          let lineNo = 0;
          for await (const line of lines) {
            lineNo += 1;
            bytesRead += Buffer.byteLength(line) + 1;
            if (!line.trim()) continue;
            total.lines += 1;
            let json: unknown;
            try {
              json = JSON.parse(line);
            } catch (err) {
              total.badLines += 1;
              io.stderr.write(`\n${file}:${lineNo}: not JSON (${(err as Error).message})\n`);
              continue;
            }
            const parsed = AdRecordSchema.safeParse(json);
            if (!parsed.success) {
              total.badLines += 1;
              const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ');
              io.stderr.write(`\n${file}:${lineNo}: not an AdRecord: ${why}\n`);
              continue;
            }
            batch.push({ ...parsed.data, file, lineNo });
            if (batch.length >= BATCH) {
              yield batch;
              batch = [];
            }
          }
        }
        if (batch.length) yield batch;
      }
      const stored = async (batch: Line[], res: ImportResult) => {
        if (withImages) {
          const imgs = await storeAdImages(
            deps,
            batch.flatMap((r) =>
              r.images.map((img) => ({
                sourceId: r.source,
                externalId: r.externalId,
                url: img.url,
                ...(img.sha256 ? { expectedSha256: img.sha256 } : {}),
                load: () => (img.path ? readFile(resolveImagePath(r.file, img.path)) : fetchImage(img.url)),
              })),
            ),
          );
          total.imagesStored += imgs.stored;
          total.imageProblems += imgs.problems.length;
          for (const p of imgs.problems) io.stderr.write(`\nimage ${p}\n`);
        }
        total.records += res.records;
        total.newAds += res.newAds;
        total.newObservations += res.newObservations;
        total.changedAds += res.changedAds;
        total.sourcesCreated.push(...res.sourcesCreated);
        const secs = (Date.now() - started) / 1000;
        progress.update(
          `${total.records} records (${Math.round(total.records / Math.max(secs, 0.001))}/s) · ${total.newAds} new ads · ${total.badLines} bad lines`,
          totalBytes ? bytesRead / totalBytes : null,
        );
      };
      // Extraction of the next batch runs on worker threads while this one is stored; a small
      // import is done before the workers would have started.
      const pool = totalBytes >= POOL_FROM_BYTES ? new ExtractPool() : null;
      try {
        await importAdRecordBatches(
          { ...deps, ...(pool ? { extractor: pool } : {}) },
          ctx,
          batches(),
          { isDemo, knownSources: known },
          stored,
        );
      } finally {
        await pool?.close();
      }
      total.linkedAds = await linkAllPending(deps);
      progress.done(
        `${total.records} records · ${total.newAds} new ads · ${total.newObservations} new observations · ${total.badLines} bad lines`,
      );
      io.stdout.write(`${JSON.stringify(total)}\n`);
      return total.badLines > 0 ? 1 : 0;
    });
  },
};

/** WARC captures: every response record is read with the site config and kept as evidence. */
async function importWarcFiles(files: string[], siteArg: string, io: CliIo): Promise<number> {
  const site = await resolveSiteConfig(siteArg, io.env.FYREN_SITES_DIR || join(ROOT_DIR, 'sites'));
  return withCliStores(io.env, async (deps) => {
    const source: SourceRow = {
      id: site.source,
      name: site.name,
      kind: SOURCE_KIND_OF_SITE[site.kind],
      defaultRegion: site.defaultRegion,
      baseUrl: site.baseUrl,
      isDemo: site.isDemo,
    };
    const total = { pages: 0, records: 0, newAds: 0, newObservations: 0, changedAds: 0, problems: 0 };
    const progress = new ProgressLine(io.stderr, 'import');
    for (const file of files) {
      const scan = await scanWarcFile(file);
      for (const p of scan.problems) {
        total.problems += 1;
        io.stderr.write(`\n${file}: ${p}\n`);
      }
      const pages: CapturedPage[] = [];
      for (const rec of scan.records) {
        if (rec.type !== 'response' || !rec.payload || !rec.targetUri) continue;
        if (!rec.isPayloadDigestValid) {
          total.problems += 1;
          io.stderr.write(`\n${file}: record at byte ${rec.offset} (${rec.targetUri}): payload digest does not match; skipped\n`);
          continue;
        }
        const fetchedAt = rec.date ? new Date(rec.date) : new Date(NaN);
        if (Number.isNaN(fetchedAt.getTime())) {
          total.problems += 1;
          io.stderr.write(`\n${file}: record at byte ${rec.offset}: no valid WARC-Date; skipped\n`);
          continue;
        }
        const contentType = rec.headers?.find(([k]) => k.toLowerCase() === 'content-type')?.[1];
        const records =
          rec.status === 200
            ? recordsFromPage(parseHtml(decodePage(rec.payload, contentType)), site, rec.targetUri, fetchedAt.toISOString())
            : [];
        pages.push({
          page: {
            url: rec.targetUri,
            method: 'GET',
            requestHeaders: {},
            status: rec.status ?? 0,
            responseHeaders: Object.fromEntries(rec.headers ?? []),
            body: rec.payload,
            fetchedAt,
          },
          records: records.filter((r) => AdRecordSchema.safeParse(r).success),
        });
        if (pages.length >= 100) await flushPages();
      }
      await flushPages();
      async function flushPages() {
        if (!pages.length) return;
        const res = await importCapturedPages(deps, { actor: null, requestId: `cli-import-warc-${Date.now()}` }, source, pages.splice(0));
        total.pages += res.pages;
        total.records += res.records;
        total.newAds += res.newAds;
        total.newObservations += res.newObservations;
        total.changedAds += res.changedAds;
        progress.update(`${total.pages} pages · ${total.records} records · ${total.newAds} new ads · ${total.problems} problems`);
      }
    }
    const linkedAds = await linkAllPending(deps);
    progress.done(`${total.pages} pages · ${total.records} records · ${total.newAds} new ads · ${total.problems} problems`);
    io.stdout.write(`${JSON.stringify({ ...total, linkedAds })}\n`);
    return total.problems > 0 ? 1 : 0;
  });
}
