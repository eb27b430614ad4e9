import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobIntegrityError, FsBlobStore, InvalidBlobAddressError, sha256Hex } from '../../src/adapters/evidence/blob-store';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'fyren-blobs-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(join(e.parentPath, e.name));
  return out;
}

describe('FsBlobStore', () => {
  it('stores content-addressed at sha256/ab/cd/<sha256>, idempotently', async () => {
    const store = new FsBlobStore(root);
    const bytes = Buffer.from('en bild');
    const sha = sha256Hex(bytes);
    expect(await store.put(bytes)).toEqual({ sha256: sha, size: bytes.length, isNew: true });
    expect(await store.put(bytes)).toEqual({ sha256: sha, size: bytes.length, isNew: false });
    expect(await readFile(join(root, 'sha256', sha.slice(0, 2), sha.slice(2, 4), sha))).toEqual(bytes);
    expect(await store.has(sha)).toBe(true);
    expect(await store.has(sha.toUpperCase())).toBe(true);
    expect(await store.get(sha)).toEqual(bytes);
    expect(await allFiles(root)).toHaveLength(1);
    expect(await store.delete(sha)).toBe(true);
    expect(await store.delete(sha)).toBe(false);
    expect(await store.has(sha)).toBe(false);
    expect(await store.get(sha)).toBeNull();
  });

  it('stores the empty blob', async () => {
    const store = new FsBlobStore(root);
    const { sha256 } = await store.put(Buffer.alloc(0));
    expect(await store.get(sha256)).toEqual(Buffer.alloc(0));
  });

  it('throws BlobIntegrityError when stored bytes were altered', async () => {
    const store = new FsBlobStore(root);
    const { sha256 } = await store.put(Buffer.from('original'));
    await writeFile(store.pathOf(sha256), 'tampered');
    const error: unknown = await store.get(sha256).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlobIntegrityError);
    expect(error).toMatchObject({
      code: 'BLOB_INTEGRITY_FAILED',
      expectedSha256: sha256,
      actualSha256: sha256Hex(Buffer.from('tampered')),
    });
  });

  it('rejects malformed addresses (no path traversal)', async () => {
    const store = new FsBlobStore(root);
    await expect(store.get('../../etc/passwd')).rejects.toBeInstanceOf(InvalidBlobAddressError);
    await expect(store.has('abc')).rejects.toBeInstanceOf(InvalidBlobAddressError);
  });

  it('handles concurrent puts of the same bytes', async () => {
    const store = new FsBlobStore(root);
    const bytes = Buffer.alloc(100_000, 7);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.put(bytes)));
    expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
    expect(await store.get(results[0]?.sha256 ?? '')).toEqual(bytes);
    expect((await allFiles(root)).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('never leaves a partial blob under its final name when the writer is SIGKILLed', async () => {
    // A child process writes 8 MB blobs in a loop; it is killed mid-way. Every file under a
    // final name must hash to that name; only temp files may be partial.
    const script = `
      import { FsBlobStore } from ${JSON.stringify(join(process.cwd(), 'src/adapters/evidence/blob-store.ts'))};
      import { randomBytes } from 'node:crypto';
      const store = new FsBlobStore(${JSON.stringify(root)});
      process.stdout.write('ready\\n');
      for (;;) await store.put(randomBytes(8 * 1024 * 1024));
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((r) => setTimeout(r, 400));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const files = await allFiles(root);
    const finals = files.filter((f) => !f.includes('.tmp-'));
    expect(finals.length).toBeGreaterThan(0);
    for (const f of finals) expect(sha256Hex(await readFile(f))).toBe(f.split('/').at(-1));
  }, 30_000);
});
