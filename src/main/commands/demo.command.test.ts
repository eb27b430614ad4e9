import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError } from './command';
import { demoArgs, DemoGenerateArgsSchema, demoGenerateCommand, demoSitesCommand } from './demo.command';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  return { io: { stdin: new PassThrough(), stdout, stderr, env: {} }, out: () => out };
}

describe('demo commands', () => {
  it('parses flags in all forms and checks them with the schema', () => {
    const options = { seed: { type: 'string' }, out: { type: 'string' }, images: { type: 'boolean' }, quiet: { type: 'boolean' } } as const;
    expect(demoArgs(DemoGenerateArgsSchema, options, ['--seed', '3', '--out=x', '--no-images', '--quiet'])).toMatchObject({
      seed: 3,
      out: 'x',
      images: false,
      quiet: true,
      persons: 200,
    });
    expect(() => demoArgs(DemoGenerateArgsSchema, options, ['stray'])).toThrow(UsageError);
    expect(() => demoArgs(DemoGenerateArgsSchema, options, ['--seed', 'x', '--out', 'y'])).toThrow(/--seed/);
  });

  it('has the paths the CLI registers', () => {
    expect(demoGenerateCommand.path).toEqual(['demo', 'generate']);
    expect(demoSitesCommand.path).toEqual(['demo', 'sites']);
  });

  it('generates a market and prints counts and hashes as JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fyren-demo-cmd-'));
    try {
      const t = io();
      const code = await demoGenerateCommand.run(
        ['--seed', '4', '--persons', '30', '--days', '4', '--out', dir, '--no-images', '--quiet'],
        t.io,
      );
      expect(code).toBe(0);
      const result = JSON.parse(t.out()) as { counts: { persons: number }; files: Record<string, string> };
      expect(result.counts.persons).toBe(30);
      const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { files: Record<string, string> };
      expect(manifest.files['ads.jsonl']).toBe(result.files['ads.jsonl']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects bad arguments with a usage error', async () => {
    await expect(demoGenerateCommand.run(['--persons', 'many', '--out', 'x'], io().io)).rejects.toThrow(UsageError);
    await expect(demoGenerateCommand.run(['--seed', '1'], io().io)).rejects.toThrow(/--out/);
    await expect(demoGenerateCommand.run(['--out', 'x', '--colour', 'red'], io().io)).rejects.toThrow(UsageError);
    await expect(demoSitesCommand.run(['--port', '-3'], io().io)).rejects.toThrow(UsageError);
  });
});
