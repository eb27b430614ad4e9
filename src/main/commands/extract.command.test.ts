import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { extractCommand } from './extract.command';

async function runExtract(input: string, args: string[] = []): Promise<{ code: number; out: string[]; err: string }> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  stdin.end(input);
  const code = await extractCommand.run(args, { stdin, stdout, stderr, env: {} });
  return { code, out: out.split('\n').filter((l) => l.length > 0), err };
}

const ad = {
  source: 'demo-portal',
  externalId: '100002',
  url: 'https://portal.demo.fyren.invalid/annons/100002',
  observedAt: '2026-01-05T07:00:00Z',
  title: 'Lisa 23 – ny i Umeå',
  body: 'Ring 07O-12three 45six7. 1h 1500kr. Rumänsk tjej, 24/7, hotell.',
  location: 'Ersboda',
  age: 23,
  images: [],
};

describe('fyren extract', () => {
  it('writes one line per input line, in order, keeping the id', async () => {
    const input = [
      JSON.stringify(ad),
      JSON.stringify({ id: 'x1', text: 'sms 0046 73 111 22 33' }),
      JSON.stringify({ id: 7, text: 'Ring 412 34 567', region: 'NO' }),
    ].join('\n');
    const r = await runExtract(`${input}\n`);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const lines = r.out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['demo-portal:100002', 'x1', '7']);
    expect(lines[0]?.phones).toEqual(['+46701234567']);
    expect(lines[0]?.municipality).toEqual({ code: '2480', name: 'Umeå' });
    expect((lines[0]?.indicators as Array<{ code: string }>).map((i) => i.code)).toContain('OBSCURED_PHONE');
    expect(lines[1]?.phones).toEqual(['+46731112233']);
    expect(lines[2]?.phones).toEqual(['+4741234567']);
  });

  it('reports an invalid line with its number, goes on, and exits non-zero', async () => {
    const input = ['{"id":"a","text":"070-123 45 67"}', 'not json', '{"source":"x"}', '{"id":"b","text":"0731112233"}'].join('\n');
    const r = await runExtract(input);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/line 2: not valid JSON/);
    expect(r.err).toMatch(/line 3: /);
    expect(r.out).toHaveLength(4);
    expect(JSON.parse(r.out[3] ?? '{}')).toMatchObject({ id: 'b', phones: ['+46731112233'] });
    expect(JSON.parse(r.out[1] ?? '{}')).toMatchObject({ line: 2 });
  });

  it('uses --region for lines without their own', async () => {
    const r = await runExtract('{"id":"n","text":"Ring 412 34 567"}\n', ['--region', 'NO']);
    expect(JSON.parse(r.out[0] ?? '{}')).toMatchObject({ phones: ['+4741234567'] });
  });

  it('rejects an unknown region', async () => {
    await expect(runExtract('', ['--region', 'XX'])).rejects.toThrow(/region/);
  });
});

describe('ExtractionCache', () => {
  it('gives the same extraction as extractAd and stays bounded', async () => {
    const { ExtractionCache } = await import('./extract.command');
    const { extractAd } = await import('../../core/extract');
    const cache = new ExtractionCache(2);
    const input = { body: 'Ring 070-123 45 67, ny i Umeå' };
    expect(cache.get(input, 'SE')).toEqual(extractAd(input, { region: 'SE' }));
    expect(cache.get(input, 'SE')).toBe(cache.get(input, 'SE'));
    cache.get({ body: 'a' }, 'SE');
    cache.get({ body: 'b' }, 'SE');
    expect(cache.get({ body: 'b' }, 'NO')).toEqual(extractAd({ body: 'b' }, { region: 'NO' }));
  });
});
