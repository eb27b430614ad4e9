import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsWarcStore } from '../../src/adapters/evidence/warc-store';

const capture = (n: number) => ({
  url: `http://127.0.0.1/ad/${n}`,
  method: 'GET',
  requestHeaders: { 'user-agent': 'test' },
  status: 200,
  responseHeaders: { 'content-type': 'text/html' },
  body: Buffer.from(`<h1>Annons ${n}</h1>`),
  fetchedAt: new Date('2026-03-02T10:00:00Z'),
});

describe('FsWarcStore when its open file is removed (retention in another process)', () => {
  it('rolls to a new file instead of writing to the removed one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fyren-warc-rm-'));
    const store = new FsWarcStore(root, { now: () => new Date('2026-03-02T10:00:00Z') });
    const [first] = await store.appendMany([capture(1)]);
    rmSync(join(root, first!.warcFile));
    const [second] = await store.appendMany([capture(2)]);
    expect(second!.warcFile).not.toBe(first!.warcFile);
    expect((await store.readCapture(second!)).body.toString()).toBe('<h1>Annons 2</h1>');
    await store.close();
  });
});
