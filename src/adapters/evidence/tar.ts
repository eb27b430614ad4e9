/** A minimal POSIX ustar writer for downloading an evidence bundle as one file. */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Splits a path into ustar's prefix (≤ 155 bytes) and name (≤ 100 bytes) at a slash. */
function splitPath(path: string): { prefix: string; name: string } {
  if (Buffer.byteLength(path) <= 100) return { prefix: '', name: path };
  for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { prefix, name };
  }
  throw new Error(`path too long for tar: ${path}`);
}

function header(path: string, size: number, mtime: Date): Buffer {
  const h = Buffer.alloc(512);
  const { prefix, name } = splitPath(path);
  h.write(name, 0, 100, 'utf8');
  h.write(prefix, 345, 155, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write(
    `${Math.floor(mtime.getTime() / 1000)
      .toString(8)
      .padStart(11, '0')}\0`,
    136,
  );
  h.write('        ', 148);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else out.push(p);
  }
  return out.sort();
}

/** Packs every file under `dir` into a tar archive whose paths start with `prefix/`. */
export async function tarDirectory(dir: string, prefix: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const f of await files(dir)) {
    const body = await readFile(f);
    const { mtime } = await stat(f);
    parts.push(header(`${prefix}/${relative(dir, f)}`, body.length, mtime), body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}
