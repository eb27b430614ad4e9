/**
 * What the CLI prints (issue #24, Should fix): `fyren sites test` on a bad config names every
 * key with its reason, and `fyren link --rebuild` prints its phases as text, not
 * `[object Object]`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/main/cli';
import { formatLinkResult } from '../src/main/commands/link.command';

function io() {
  const out = new PassThrough();
  const err = new PassThrough();
  const text = { out: '', err: '' };
  out.on('data', (b: Buffer) => (text.out += b.toString()));
  err.on('data', (b: Buffer) => (text.err += b.toString()));
  return { io: { stdin: new PassThrough(), stdout: out, stderr: err, env: { ...process.env } }, text };
}

describe('CLI output', () => {
  it('fyren sites test on a bad config prints the file, every key and its reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fyren-sites-'));
    const file = join(dir, 'bad.site.yaml');
    writeFileSync(file, 'source: bad\nname: Dålig\nkind: classifieds\nbaseUrl: file:///etc\nstartUrls: [/l]\n');
    const { io: cliIo, text } = io();
    const code = await runCli(['sites', 'test', file], cliIo);
    expect(code).toBe(1);
    expect(text.err).toContain(`${file}: invalid site config`);
    expect(text.err).toMatch(/ {2}baseUrl: an http\(s\) URL/);
    expect(text.err).toMatch(/ {2}listing: /);
    expect(text.err).toMatch(/ {2}politeness: /);
  });

  it('fyren link prints a rebuild result with its phases as text', () => {
    const line = formatLinkResult({ ads: 3, profiles: 2, ms: 40, phases: { read: 10, link: 25, write: 5 } });
    expect(line).toBe('ads 3 · profiles 2 · ms 40 · phases: read 10 ms, link 25 ms, write 5 ms');
    expect(line).not.toContain('[object Object]');
  });
});
