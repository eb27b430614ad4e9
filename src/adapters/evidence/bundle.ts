/**
 * Evidence bundles: everything kept about one ad, in a folder that can be handed over and
 * checked independently (`fyren evidence export <ad>` / `fyren evidence verify <bundle>`).
 *
 * ```
 * <bundle>/
 *   captures.warc.gz   the WARC records of every capture (response + request), byte-for-byte
 *                      copies of the source members, concatenated (a valid WARC file)
 *   images/<sha256>.<ext>
 *   manifest.json      format, Fyren version, export time, the ad, captures, images, and the
 *                      SHA-256 and size of every other file
 *   manifest.sha256    `<sha256 of manifest.json>  manifest.json` (the `sha256sum -c` format)
 * ```
 * Any altered, missing or added byte makes {@link verifyBundle} fail and name the file. The
 * bundle is assembled in a temporary sibling folder and renamed into place, so a crash never
 * leaves a half bundle under the requested name. Integrity, not authenticity: whoever can
 * rewrite manifest.json can also rewrite manifest.sha256; keep or send that hash separately
 * (or sign it) when that matters.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { z } from 'zod';
import { fsyncDir, sha256Hex, type BlobStore } from './blob-store';
import { parseCaptureBytes, readRange, scanWarcBytes, type CaptureRef } from './warc-store';

/** The format tag written to, and required in, every manifest. */
export const BUNDLE_FORMAT = 'fyren-evidence-bundle/1';

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');
/** A path inside the bundle: relative, `/`-separated, no `..` or empty segments. */
const BundlePathSchema = z
  .string()
  .min(1)
  .refine(
    (p) => !p.startsWith('/') && !p.includes('\\') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..'),
    'a relative path inside the bundle',
  );

/** Identifies the ad a bundle is about. */
export const AdRefSchema = z.object({
  /** Fyren's id of the ad. */
  id: z.string().min(1),
  /** Source (site) key, as in AdRecord.source. */
  source: z.string().optional(),
  /** The site's own id of the ad, as in AdRecord.externalId. */
  externalId: z.string().optional(),
  /** The ad's URL. */
  url: z.string().optional(),
});
export type AdRef = z.infer<typeof AdRefSchema>;

/** manifest.json of a bundle, format `fyren-evidence-bundle/1`. */
export const BundleManifestSchema = z.object({
  /** Always `fyren-evidence-bundle/1`. */
  format: z.literal(BUNDLE_FORMAT),
  /** Version of Fyren that wrote the bundle. */
  fyrenVersion: z.string().min(1),
  /** When the bundle was written (ISO 8601 UTC). */
  exportedAt: z.iso.datetime(),
  /** The ad the evidence is about. */
  ad: AdRefSchema,
  /** One entry per capture, in bundle order. */
  captures: z.array(
    z.object({
      /** `WARC-Record-ID` of the response record. */
      recordId: z.string().min(1),
      /** Target URL of the capture. */
      url: z.string(),
      /** Fetch time, also the records' `WARC-Date`. */
      fetchedAt: z.iso.datetime(),
      /** SHA-256 (hex) of the response body; equals the record's `WARC-Payload-Digest`. */
      payloadSha256: Sha256Schema,
      /** Byte offset of the capture's response member in captures.warc.gz. */
      offsetInBundle: z.number().int().nonnegative(),
      /** Byte length of the capture (response and request members). */
      length: z.number().int().positive(),
    }),
  ),
  /** The ad's images; several URLs may share one file. */
  images: z.array(
    z.object({
      /** SHA-256 (hex) of the image bytes. */
      sha256: Sha256Schema,
      /** Where the image was downloaded from. */
      url: z.string(),
      /** Its file in the bundle, `images/<sha256>.<ext>`. */
      file: BundlePathSchema,
    }),
  ),
  /** Every file of the bundle except manifest.json and manifest.sha256. */
  files: z.array(
    z.object({
      /** Path relative to the bundle folder, `/`-separated. */
      path: BundlePathSchema,
      /** SHA-256 (hex) of the file. */
      sha256: Sha256Schema,
      /** Size in bytes. */
      size: z.number().int().nonnegative(),
    }),
  ),
});
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

/** What {@link exportBundle} needs. */
export interface ExportBundleInput {
  /** Folder to create; must not exist yet. */
  outDir: string;
  /** The ad. */
  adRef: AdRef;
  /** Its captures, as stored by the WARC store. */
  captures: readonly CaptureRef[];
  /** Its images, stored in `blobs`. */
  images: readonly { sha256: string; url: string }[];
  /** Root of the WARC store the captures point into. */
  warcRoot: string;
  /** Where the image bytes are. */
  blobs: BlobStore;
  /** Written to the manifest. */
  fyrenVersion: string;
  /** Written to the manifest. */
  exportedAt: Date;
}

/** The result of {@link verifyBundle}. */
export interface BundleVerification {
  isValid: boolean;
  /** One line per problem, each starting with the bundle-relative file it concerns. */
  problems: string[];
}

/** The bundle cannot be written: missing or damaged evidence, or the folder exists. */
export class BundleExportError extends Error {
  override name = 'BundleExportError';
  readonly code = 'EVIDENCE_EXPORT_FAILED';
  readonly isRetryable = false;
}

const WARC_NAME = 'captures.warc.gz';
const MANIFEST_NAME = 'manifest.json';
const MANIFEST_HASH_NAME = 'manifest.sha256';

/**
 * Writes an evidence bundle for one ad. Every capture is re-read and its payload digest
 * checked before it is copied; every image is verified by the blob store. Damaged or missing
 * evidence aborts the export rather than producing a bundle that would not verify.
 *
 * @throws BundleExportError when `outDir` exists, a capture or image is missing or damaged.
 */
export async function exportBundle(input: ExportBundleInput): Promise<{ manifestPath: string }> {
  const { outDir } = input;
  if (await exists(outDir)) throw new BundleExportError(`${outDir} already exists`);
  await mkdir(dirname(outDir), { recursive: true });
  const work = `${outDir}.partial-${randomBytes(6).toString('hex')}`;
  await mkdir(join(work, 'images'), { recursive: true });
  try {
    const captures: BundleManifest['captures'] = [];
    const warcHash = createHash('sha256');
    let warcSize = 0;
    const warcOut = await open(join(work, WARC_NAME), 'wx');
    try {
      const seen = new Set<string>();
      for (const ref of input.captures) {
        if (seen.has(ref.recordId)) continue;
        seen.add(ref.recordId);
        const bytes = await readRange(join(input.warcRoot, ...ref.warcFile.split('/')), ref.offset, ref.length).catch((e: unknown) => {
          throw new BundleExportError(`capture ${ref.recordId} in ${ref.warcFile}: ${e instanceof Error ? e.message : String(e)}`, {
            cause: e,
          });
        });
        const stored = await parseCaptureBytes(bytes, ref.recordId).catch((e: unknown) => {
          throw new BundleExportError(
            `capture ${ref.recordId} in ${ref.warcFile} is damaged: ${e instanceof Error ? e.message : String(e)}`,
            { cause: e },
          );
        });
        if (stored.payloadSha256 !== ref.payloadSha256) {
          throw new BundleExportError(
            `capture ${ref.recordId}: stored payload hashes to ${stored.payloadSha256}, the reference says ${ref.payloadSha256}`,
          );
        }
        await writeAllAppend(warcOut, bytes);
        warcHash.update(bytes);
        captures.push({
          recordId: ref.recordId,
          url: stored.url,
          fetchedAt: normaliseIso(stored.fetchedAt),
          payloadSha256: ref.payloadSha256,
          offsetInBundle: warcSize,
          length: bytes.length,
        });
        warcSize += bytes.length;
      }
      await warcOut.sync();
    } finally {
      await warcOut.close();
    }
    const files: BundleManifest['files'] = [{ path: WARC_NAME, sha256: warcHash.digest('hex'), size: warcSize }];

    const images: BundleManifest['images'] = [];
    const written = new Map<string, string>();
    for (const image of input.images) {
      const sha = image.sha256.toLowerCase();
      let file = written.get(sha);
      if (file === undefined) {
        const bytes = await input.blobs.get(sha).catch((e: unknown) => {
          throw new BundleExportError(`image ${sha} (${image.url}) is damaged: ${e instanceof Error ? e.message : String(e)}`, {
            cause: e,
          });
        });
        if (!bytes) throw new BundleExportError(`image ${sha} (${image.url}) is not in the blob store`);
        file = `images/${sha}.${imageExtension(bytes)}`;
        await writeDurably(join(work, ...file.split('/')), bytes);
        written.set(sha, file);
        files.push({ path: file, sha256: sha256Hex(bytes), size: bytes.length });
      }
      images.push({ sha256: sha, url: image.url, file });
    }
    files.sort((a, b) => a.path.localeCompare(b.path));

    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      fyrenVersion: input.fyrenVersion,
      exportedAt: input.exportedAt.toISOString(),
      ad: input.adRef,
      captures,
      images,
      files,
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    await writeDurably(join(work, MANIFEST_NAME), manifestBytes);
    await writeDurably(join(work, MANIFEST_HASH_NAME), Buffer.from(`${sha256Hex(manifestBytes)}  ${MANIFEST_NAME}\n`, 'utf8'));
    await fsyncDir(join(work, 'images'));
    await fsyncDir(work);
    await rename(work, outDir);
    await fsyncDir(dirname(outDir));
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw error;
  }
  return { manifestPath: join(outDir, MANIFEST_NAME) };
}

/**
 * Checks a bundle: manifest.sha256 against manifest.json, the manifest's shape, the hash and
 * size of every listed file, that no file is missing or unlisted, every WARC record's block
 * and payload digests, and every capture and image against the manifest. Never throws for a
 * damaged bundle: each problem names the file it concerns.
 */
export async function verifyBundle(dir: string): Promise<BundleVerification> {
  const problems: string[] = [];
  const result = (): BundleVerification => ({ isValid: problems.length === 0, problems });

  const manifestBytes = await readFile(join(dir, MANIFEST_NAME)).catch(() => null);
  const hashText = await readFile(join(dir, MANIFEST_HASH_NAME), 'utf8').catch(() => null);
  if (!manifestBytes) problems.push(`${MANIFEST_NAME}: missing or unreadable`);
  if (hashText === null) problems.push(`${MANIFEST_HASH_NAME}: missing or unreadable`);
  else {
    const match = /^([0-9a-f]{64}) {2}manifest\.json\n?$/.exec(hashText);
    if (!match) problems.push(`${MANIFEST_HASH_NAME}: not in the form "<sha256>  manifest.json"`);
    else if (manifestBytes && match[1] !== sha256Hex(manifestBytes)) {
      problems.push(
        `${MANIFEST_NAME}: its SHA-256 ${sha256Hex(manifestBytes)} does not match ${MANIFEST_HASH_NAME} (${match[1]}); one of the two was altered`,
      );
    }
  }
  if (!manifestBytes) return result();

  let parsed: unknown;
  try {
    parsed = JSON.parse(manifestBytes.toString('utf8'));
  } catch (error) {
    problems.push(`${MANIFEST_NAME}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    return result();
  }
  const checked = BundleManifestSchema.safeParse(parsed);
  if (!checked.success) {
    for (const issue of checked.error.issues) problems.push(`${MANIFEST_NAME}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return result();
  }
  const manifest = checked.data;

  // Every listed file: present, same size, same hash. Every present file: listed.
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  const contents = new Map<string, Buffer>();
  for (const file of manifest.files) {
    const bytes = await readFile(join(dir, ...file.path.split('/'))).catch(() => null);
    if (!bytes) {
      problems.push(`${file.path}: missing`);
      continue;
    }
    contents.set(file.path, bytes);
    const sha = sha256Hex(bytes);
    if (bytes.length !== file.size || sha !== file.sha256) {
      problems.push(
        `${file.path}: altered (size ${bytes.length}, SHA-256 ${sha}; the manifest says size ${file.size}, SHA-256 ${file.sha256})`,
      );
    }
  }
  for (const path of await listFiles(dir)) {
    if (path !== MANIFEST_NAME && path !== MANIFEST_HASH_NAME && !listed.has(path)) problems.push(`${path}: not listed in the manifest`);
  }

  // The WARC file: every record's digests, and every capture where the manifest says.
  const warc = contents.get(WARC_NAME);
  if (!listed.has(WARC_NAME)) problems.push(`${WARC_NAME}: not listed in the manifest`);
  if (warc) {
    const scan = await scanWarcBytes(warc);
    for (const p of scan.problems) problems.push(`${WARC_NAME}: ${p}`);
    const byOffset = new Map(scan.records.map((r) => [r.offset, r]));
    for (const capture of manifest.captures) {
      const where = `${WARC_NAME}: capture ${capture.recordId} at byte ${capture.offsetInBundle}`;
      const record = byOffset.get(capture.offsetInBundle);
      if (!record || record.type !== 'response' || record.recordId !== capture.recordId || !record.payload) {
        problems.push(`${where}: no such response record`);
        continue;
      }
      const payloadSha = sha256Hex(record.payload);
      if (payloadSha !== capture.payloadSha256)
        problems.push(`${where}: payload hashes to ${payloadSha}, the manifest says ${capture.payloadSha256}`);
      if (record.payloadDigest !== `sha256:${capture.payloadSha256}`)
        problems.push(`${where}: WARC-Payload-Digest ${String(record.payloadDigest)} differs from the manifest`);
      if (record.targetUri !== capture.url)
        problems.push(`${where}: URL ${String(record.targetUri)} differs from the manifest (${capture.url})`);
      if (record.date === undefined || normaliseIso(record.date) !== capture.fetchedAt)
        problems.push(`${where}: WARC-Date ${String(record.date)} differs from the manifest (${capture.fetchedAt})`);
      const end = capture.offsetInBundle + capture.length;
      const inRange = scan.records.filter((r) => r.offset >= capture.offsetInBundle && r.offset < end);
      const covered = inRange.reduce((sum, r) => sum + r.length, 0);
      if (covered !== capture.length) problems.push(`${where}: its ${capture.length} bytes do not end on a record boundary`);
      else if (!inRange.some((r) => r.type === 'request' && r.concurrentTo?.includes(capture.recordId)))
        problems.push(`${where}: its request record is missing`);
    }
  }

  // Images: the file named for each image holds bytes with that hash.
  for (const image of manifest.images) {
    if (!listed.has(image.file)) {
      problems.push(`${image.file}: image ${image.sha256} is not listed among the files`);
      continue;
    }
    const bytes = contents.get(image.file);
    if (bytes && sha256Hex(bytes) !== image.sha256)
      problems.push(`${image.file}: its bytes do not hash to the image's SHA-256 ${image.sha256}`);
  }
  return result();
}

/** A file extension from the first bytes of an image (`bin` when unknown). */
export function imageExtension(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 64));
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg';
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.subarray(0, 4).toString('latin1') === 'GIF8') return 'gif';
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (b.subarray(4, 8).toString('latin1') === 'ftyp') {
    const brand = b.subarray(8, 12).toString('latin1');
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (brand.startsWith('hei') || brand.startsWith('mif')) return 'heic';
  }
  if (b.subarray(0, 2).toString('latin1') === 'BM') return 'bmp';
  const head = b.toString('utf8').trimStart();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'svg';
  return 'bin';
}

/** Collapses equivalent ISO 8601 spellings to `toISOString()` form, so dates compare exactly. */
function normaliseIso(value: string): string {
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : new Date(t).toISOString();
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function writeDurably(path: string, bytes: Buffer): Promise<void> {
  await writeFile(path, bytes, { flag: 'wx' });
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeAllAppend(handle: Awaited<ReturnType<typeof open>>, bytes: Buffer): Promise<void> {
  let done = 0;
  while (done < bytes.length) done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => !e.isDirectory()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}
