/**
 * `fyren import`: AdRecords (JSONL) into the database through the same pipeline as a crawl
 * (extract → store idempotently → audit). Streams in constant memory, reports bad lines by
 * file and line number without stopping, and exits 1 at the end if any line was bad.
 */
import { createReadStream, statSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { importAdRecords } from '../../app/intelligence/import-ad-records';
import { storeAdImages } from '../../app/intelligence/store-ad-images';
import { FsEvidenceStore } from '../../adapters/evidence/fs-evidence-store';
import type { AdRecord } from '../../contracts/ad-record';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute } from 'node:path';
import type { SourceRow } from '../../app/ports';
import { DrizzleUnitOfWork } from '../../adapters/db/unit-of-work';
import { AdRecordSchema } from '../../contracts/ad-record';
import { openConfiguredDatabase, VERSION } from '../compose';
import { evidenceDir, loadConfig } from '../config';
import type { CliCommand } from './command';
import { UsageError } from './command';
import { ProgressLine } from '../progress';

const BATCH = 500;

/** An image path from a record, relative to its JSONL file; never outside that file's folder. */
function resolveImagePath(jsonlFile: string, path: string): string {
  const base = dirname(jsonlFile);
  const full = resolve(base, path);
  if (isAbsolute(path) || !full.startsWith(`${base}/`)) throw new Error(`image path "${path}" leaves the import folder`);
  return full;
}

async function fetchImage(url: string): Promise<Buffer> {
  if (!/^https?:\/\//.test(url)) throw new Error('not an http(s) URL and no path given');
  const res = await fetch(url, { headers: { 'user-agent': `FyrenImport/${VERSION}` }, signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`answered ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
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
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
      .map((f) => join(path, f));
    if (!found.length) throw new UsageError(`no .jsonl files in ${target}`);
    return found;
  }
  if (!path.endsWith('.jsonl')) {
    throw new UsageError(`${target}: only AdRecord JSONL (.jsonl) can be imported yet; WARC import comes with the crawler's site configs`);
  }
  return [path];
}

export const importCommand: CliCommand = {
  path: ['import'],
  summary: 'Import AdRecords (JSONL file or folder of .jsonl) idempotently',
  usage: `fyren import <file.jsonl | folder> [--demo]

Reads AdRecords (docs/formats.md), one per line, runs extraction and stores ads, their
versions and observations in the configured database. Importing the same file twice adds
nothing. Bad lines are reported on stderr as FILE:LINE: reason, and the import goes on;
the exit status is 1 at the end if any line was bad.
  --demo        mark the imported ads as demo data (removed by \`fyren demo reset\`)
  --no-images   do not read or fetch images
Images are read from "path" (relative to the JSONL file) or fetched from "url", stored by
SHA-256 in the evidence folder (a stated sha256 is checked) and perceptually hashed.
Progress goes to stderr; a JSON summary to stdout.`,
  async run(args, io) {
    const isDemo = args.includes('--demo');
    const withImages = !args.includes('--no-images');
    const targets = args.filter((a) => a !== '--demo' && a !== '--no-images');
    const unknown = targets.find((a) => a.startsWith('-'));
    if (unknown) throw new UsageError(`unknown option "${unknown}"`);
    if (targets.length !== 1) throw new UsageError('give one file or folder to import');
    const files = filesOf(targets[0]!);
    const config = loadConfig(io.env);
    const database = await openConfiguredDatabase(config);
    const evidence = new FsEvidenceStore(evidenceDir(config), VERSION);
    const deps = { uow: new DrizzleUnitOfWork(database.db), clock: { now: () => new Date() }, evidence };
    const ctx = { actor: null, requestId: `cli-import-${Date.now()}` };
    const total = { lines: 0, records: 0, badLines: 0, newAds: 0, newObservations: 0, changedAds: 0, imagesStored: 0, imageProblems: 0, sourcesCreated: [] as string[] };
    const known = new Map<string, SourceRow>((await deps.uow.transaction((r) => r.ads.listSources())).map((s) => [s.id, s]));
    const started = Date.now();
    const progress = new ProgressLine(io.stderr, 'import');
    const totalBytes = files.reduce((n, f) => n + statSync(f).size, 0);
    let bytesRead = 0;
    let batch: (AdRecord & { file: string; lineNo: number })[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const res = await importAdRecords(deps, ctx, batch, { isDemo, knownSources: known });
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
      batch = [];
      const secs = (Date.now() - started) / 1000;
      progress.update(`${total.records} records (${Math.round(total.records / Math.max(secs, 0.001))}/s) · ${total.newAds} new ads · ${total.badLines} bad lines`, totalBytes ? bytesRead / totalBytes : null);
    };
    try {
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
          if (batch.length >= BATCH) await flush();
        }
      }
      await flush();
      progress.done(`${total.records} records · ${total.newAds} new ads · ${total.newObservations} new observations · ${total.badLines} bad lines`);
      io.stdout.write(`${JSON.stringify(total)}\n`);
      return total.badLines > 0 ? 1 : 0;
    } finally {
      await evidence.close();
      await database.close();
    }
  },
};
