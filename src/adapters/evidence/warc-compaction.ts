/**
 * Retention inside WARC files: a file whose captures were partly purged is rewritten with
 * only the records still kept (the warcinfo record first), under a new name. The caller
 * updates the database to the new offsets, then deletes the old file, so a crash at any
 * point leaves either the old or the new file referenced, never a half-written one.
 */
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsyncDir } from './blob-store';
import { readRange, scanWarcFile } from './warc-store';

export interface KeptCapture {
  id: string;
  offset: number;
  length: number;
}

export async function rewriteWarcFile(
  root: string,
  warcFile: string,
  keep: readonly KeptCapture[],
  now: Date,
): Promise<{ newFile: string | null; moved: KeptCapture[] }> {
  if (!keep.length) return { newFile: null, moved: [] };
  const path = join(root, warcFile);
  const parts: Buffer[] = [];
  let offset = 0;
  const scan = await scanWarcFile(path);
  const info = scan.records.find((r) => r.offset === 0 && r.type === 'warcinfo');
  if (info) {
    parts.push(await readRange(path, 0, info.length));
    offset = info.length;
  }
  const moved: KeptCapture[] = [];
  for (const k of [...keep].sort((a, b) => a.offset - b.offset)) {
    const bytes = await readRange(path, k.offset, k.length);
    parts.push(bytes);
    moved.push({ id: k.id, offset, length: k.length });
    offset += k.length;
  }
  const stem = basename(warcFile).replace(/(-c\d+)?\.warc\.gz$/, '');
  const newName = join(dirname(warcFile), `${stem}-c${now.getTime()}.warc.gz`);
  const tmp = join(root, `${newName}.tmp`);
  await writeFile(tmp, Buffer.concat(parts));
  const fh = await open(tmp, 'r+');
  await fh.sync();
  await fh.close();
  await rename(tmp, join(root, newName));
  await fsyncDir(dirname(join(root, newName)));
  return { newFile: newName, moved };
}

export async function deleteWarcFile(root: string, warcFile: string): Promise<void> {
  await rm(join(root, warcFile), { force: true });
}
