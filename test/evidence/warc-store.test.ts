import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/adapters/evidence/blob-store';
import { CaptureReadError, FsWarcStore, scanWarcFile, type HttpCapture } from '../../src/adapters/evidence/warc-store';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'fyren-warc-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A captured page, built with overrides (test factory). */
function buildCapture(overrides: Partial<HttpCapture> = {}): HttpCapture {
  return {
    url: 'https://annonser.example/annons/123?ref=lista',
    method: 'GET',
    requestHeaders: { 'User-Agent': 'Fyren/0.1', Accept: 'text/html' },
    status: 200,
    responseHeaders: [
      ['Content-Type', 'text/html; charset=utf-8'],
      ['Content-Encoding', 'gzip'],
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
    ],
    body: Buffer.from('<html><body>Ny i stan, ring 070-123 45 67 — åäö</body></html>'),
    fetchedAt: new Date('2026-11-20T08:15:30.123Z'),
    ...overrides,
  };
}

describe('FsWarcStore', () => {
  it('writes a response and a concurrent request record, and reads the capture back by range', async () => {
    const store = new FsWarcStore(root, { fyrenVersion: '0.1.0', now: () => new Date('2026-11-20T08:00:00Z') });
    const capture = buildCapture();
    const ref = await store.append(capture);
    await store.close();

    expect(ref.warcFile).toBe('warc/2026/11/20/fyren-20261120T080000000Z-1.warc.gz');
    expect(ref).toMatchObject({ payloadSha256: sha256Hex(capture.body), fetchedAt: '2026-11-20T08:15:30.123Z', url: capture.url });
    expect(ref.recordId).toMatch(/^<urn:uuid:[0-9a-f-]{36}>$/);

    const back = await store.readCapture(ref);
    expect(back.body).toEqual(capture.body);
    expect(back).toMatchObject({
      url: capture.url,
      status: 200,
      fetchedAt: '2026-11-20T08:15:30.123Z',
      payloadSha256: ref.payloadSha256,
      recordId: ref.recordId,
    });
    // The decoded body's Content-Encoding is renamed; repeated headers survive in order.
    expect(back.headers).toEqual([
      ['Content-Type', 'text/html; charset=utf-8'],
      ['X-Archive-Orig-Content-Encoding', 'gzip'],
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
    ]);

    // The raw WARC text: WARC/1.1, hex sha256 digests, fetch time, concurrency link.
    const bytes = await readFile(join(root, ref.warcFile));
    const text = gunzipSync(bytes.subarray(ref.offset, ref.offset + ref.length)).toString('latin1');
    expect(text.startsWith('WARC/1.1\r\n')).toBe(true);
    expect(text).toContain(`WARC-Payload-Digest: sha256:${ref.payloadSha256}\r\n`);
    expect(text).toMatch(/WARC-Block-Digest: sha256:[0-9a-f]{64}\r\n/);
    expect(text).toContain('WARC-Date: 2026-11-20T08:15:30.123Z\r\n');
    expect(text).toContain('WARC-Type: request\r\n');
    expect(text).toContain(`WARC-Concurrent-To: ${ref.recordId}\r\n`);
    expect(text).toContain('GET /annons/123?ref=lista HTTP/1.1\r\n');

    const scan = await scanWarcFile(join(root, ref.warcFile));
    expect(scan.problems).toEqual([]);
    expect(scan.records.map((r) => r.type)).toEqual(['warcinfo', 'response', 'request']);
    expect(scan.records[1]).toMatchObject({ offset: ref.offset, isPayloadDigestValid: true, isBlockDigestValid: true });
    expect(scan.records[2]?.concurrentTo).toEqual([ref.recordId]);
  });

  it('serialises concurrent appends into one consistent file', async () => {
    const store = new FsWarcStore(root);
    const refs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.append(buildCapture({ body: Buffer.from(`sida ${i} `.repeat(50 + i)) }))),
    );
    await store.close();
    const sorted = [...refs].sort((a, b) => a.offset - b.offset);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]?.offset).toBe((sorted[i - 1]?.offset ?? 0) + (sorted[i - 1]?.length ?? 0));
    for (const [i, ref] of refs.entries()) expect((await store.readCapture(ref)).body.toString()).toBe(`sida ${i} `.repeat(50 + i));
  });

  it('rolls to a new file by size and by UTC day', async () => {
    let now = new Date('2026-11-20T23:59:00Z');
    const store = new FsWarcStore(root, { maxFileBytes: 3000, now: () => now });
    const big = (): HttpCapture => buildCapture({ body: randomBytes(3000) }); // incompressible: one capture per file;
    const a = await store.append(big());
    const b = await store.append(big());
    now = new Date('2026-11-21T00:00:01Z');
    const c = await store.append(buildCapture());
    await store.close();
    expect(a.warcFile).toBe('warc/2026/11/20/fyren-20261120T235900000Z-1.warc.gz');
    expect(b.warcFile).toBe('warc/2026/11/20/fyren-20261120T235900000Z-2.warc.gz');
    expect(c.warcFile).toBe('warc/2026/11/21/fyren-20261120T235900000Z-3.warc.gz');
    expect(await store.listFiles()).toEqual([a.warcFile, b.warcFile, c.warcFile]);
    for (const ref of [a, b, c]) expect((await store.readCapture(ref)).payloadSha256).toBe(ref.payloadSha256);
  });

  it('tolerates a truncated last member: earlier captures read, the tail is reported', async () => {
    const store = new FsWarcStore(root);
    const first = await store.append(buildCapture());
    const second = await store.append(buildCapture({ body: Buffer.from('andra sidan '.repeat(500)) }));
    await store.close();
    const path = join(root, second.warcFile);
    await truncate(path, (await stat(path)).size - 25);

    const scan = await scanWarcFile(path);
    expect(scan.records.map((r) => r.type)).toEqual(['warcinfo', 'response', 'request', 'response']);
    expect(scan.damagedAt).toBe(second.offset + scan.records[3]!.length);
    expect(scan.problems).toEqual([expect.stringMatching(/truncated gzip member at byte \d+/)]);

    expect((await store.readCapture(first)).payloadSha256).toBe(first.payloadSha256);
    await expect(store.readCapture(second)).rejects.toBeInstanceOf(CaptureReadError);
  });

  it('keeps a response without headers and a request without a body', async () => {
    const store = new FsWarcStore(root);
    const capture = buildCapture({ requestHeaders: {}, responseHeaders: {}, status: 204, body: Buffer.alloc(0) });
    const withBody = buildCapture({ responseHeaders: [], body: Buffer.from('HTTP/1.1 200 OK\r\nX: y\r\n\r\nnot headers') });
    const [a, b] = await store.appendMany([capture, withBody]);
    await store.close();
    expect(await store.readCapture(a!)).toMatchObject({ status: 204, headers: [], body: Buffer.alloc(0) });
    expect(await store.readCapture(b!)).toMatchObject({ status: 200, headers: [], body: withBody.body });
    expect((await scanWarcFile(join(root, a!.warcFile))).problems).toEqual([]);
  });

  it('fails a read whose stored bytes were altered', async () => {
    const store = new FsWarcStore(root);
    const ref = await store.append(buildCapture());
    await store.close();
    const path = join(root, ref.warcFile);
    const bytes = await readFile(path);
    bytes[ref.offset + 40] = (bytes[ref.offset + 40] ?? 0) ^ 0x01;
    await writeFile(path, bytes);
    await expect(store.readCapture(ref)).rejects.toBeInstanceOf(CaptureReadError);
  });

  it('starts a new file per store instance, never appending after another writer', async () => {
    const now = (): Date => new Date('2026-11-20T08:00:00Z');
    const first = new FsWarcStore(root, { now });
    const second = new FsWarcStore(root, { now });
    const a = await first.append(buildCapture());
    const b = await second.append(buildCapture());
    await Promise.all([first.close(), second.close()]);
    expect(a.warcFile).not.toBe(b.warcFile);
  });
});

describe('FsWarcStore.readCapture', () => {
  it('refuses a reference that points outside the store', async () => {
    const store = new FsWarcStore(root);
    const ref = await store.append(buildCapture());
    await expect(store.readCapture({ ...ref, warcFile: '../../etc/passwd' })).rejects.toThrow(/not a path inside the store/);
    await expect(store.readCapture({ ...ref, length: ref.length + 10_000 })).rejects.toBeInstanceOf(CaptureReadError);
    await store.close();
  });
});

describe('interoperability and crash safety', () => {
  it('is read by warcio’s own parser with the same offsets', async () => {
    const { WARCParser } = await import('warcio');
    const store = new FsWarcStore(root);
    const refs = await store.appendMany([
      buildCapture(),
      buildCapture({ url: 'https://annonser.example/annons/456', body: Buffer.from('två') }),
    ]);
    await store.close();
    const parser = new WARCParser([await readFile(join(root, refs[0]?.warcFile ?? ''))]);
    const seen: [string, number, string | null | undefined][] = [];
    for await (const record of parser) {
      await record.readFully(false);
      seen.push([record.warcType, parser.offset, record.warcPayloadDigest]);
    }
    expect(seen.filter(([t]) => t === 'response')).toEqual(refs.map((r) => ['response', r.offset, `sha256:${r.payloadSha256}`]));
    expect(seen.map(([t]) => t)).toEqual(['warcinfo', 'response', 'request', 'response', 'request']);
  });

  it('re-indexes a file into the same capture references', async () => {
    const store = new FsWarcStore(root);
    const refs = await store.appendMany([buildCapture(), buildCapture({ body: Buffer.from('två') })]);
    await store.close();
    expect(await store.indexFile(refs[0]?.warcFile ?? '')).toEqual({ refs, problems: [] });
  });

  it('leaves only whole records, plus at most a torn last member, when the writer is SIGKILLed', async () => {
    const { spawn } = await import('node:child_process');
    const script = `
      import { FsWarcStore } from ${JSON.stringify(join(process.cwd(), 'src/adapters/evidence/warc-store.ts'))};
      import { randomBytes } from 'node:crypto';
      const store = new FsWarcStore(${JSON.stringify(root)});
      process.stdout.write('ready\\n');
      for (let i = 0; ; i++) await store.append({ url: 'https://x.example/' + i, method: 'GET', requestHeaders: {}, status: 200,
        responseHeaders: {}, body: randomBytes(256 * 1024), fetchedAt: new Date() });
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const store = new FsWarcStore(root);
    const [file] = await store.listFiles();
    const { refs, problems } = await store.indexFile(file ?? '');
    expect(refs.length).toBeGreaterThan(0);
    // At most the member being written when the process died is torn.
    expect(problems.length, JSON.stringify(problems)).toBeLessThanOrEqual(1);
    for (const ref of refs.filter((r) => r.requestRecordId !== ''))
      expect((await store.readCapture(ref)).payloadSha256).toBe(ref.payloadSha256);
  }, 30_000);
});
