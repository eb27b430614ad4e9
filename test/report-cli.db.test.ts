/**
 * `fyren report` as a real process on both engines: it writes a PDF whose pages render to PNG
 * with pdftoppm (and are not blank) and whose text (pdftotext) holds the Swedish summary, the
 * method and the suppression note with å, ä and ö intact; bad areas and dates are clear errors.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { runFyren as fyren } from './support/cli';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases';

/** Share of pixels that are not near-white in a PNG. */
async function inkShare(png: string): Promise<number> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let ink = 0;
  for (let i = 0; i < data.length; i += info.channels) if (data[i]! < 200) ink += 1;
  return ink / (info.width * info.height);
}

describe.each(ENGINES)('fyren report on %s', (engine) => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const t of dbs) await t.drop().catch(() => undefined);
  });

  it('writes a PDF report that renders and reads in Swedish, and refuses bad input clearly', async () => {
    const t = await createTestDatabase(engine, { onDisk: true });
    dbs.push(t);
    if (engine === 'pglite') await t.database.close(); // one process per PGlite folder
    const dir = mkdtempSync(join(tmpdir(), 'fyren-report-'));
    const gen = fyren(
      ['demo', 'generate', '--seed', '5', '--persons', '80', '--days', '21', '--start', '2026-03-02', '--no-images', '--out', dir],
      {},
    );
    expect(gen.status).toBe(0);
    expect(fyren(['import', join(dir, 'ads.jsonl')], t.env).status).toBe(0);

    const unknown = fyren(['report', 'Atlantis', '--from', '2026-03-02', '--to', '2026-03-22', '--out', join(dir, 'x.pdf')], t.env);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown area "Atlantis"/);
    const badDate = fyren(['report', 'Umeå', '--from', '2026-03-32', '--to', '2026-03-22', '--out', join(dir, 'x.pdf')], t.env);
    expect(badDate.status).toBe(2);
    expect(badDate.stderr).toMatch(/from: "2026-03-32" is not a date/);
    const reversed = fyren(['report', 'Umeå', '--from', '2026-03-22', '--to', '2026-03-02', '--out', join(dir, 'x.pdf')], t.env);
    expect(reversed.stderr).toMatch(/to \(2026-03-02\) is before from/);

    const out = join(dir, 'rapport.pdf');
    const made = fyren(
      ['report', 'polisregion Stockholm', '--from', '2026-03-02', '--to', '2026-03-22', '--compare', 'Nord', '--out', out, '--json'],
      t.env,
    );
    expect(made.stderr).toMatch(/written to/);
    expect(made.status).toBe(0);
    const summary = JSON.parse(made.stdout) as { pages: number; bytes: number; area: string };
    expect(summary.area).toBe('Stockholm');
    expect(summary.pages).toBeGreaterThanOrEqual(6);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');

    const text = spawnSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).stdout;
    for (const words of [
      'Kartläggning av sex mot ersättning',
      'polisregion Stockholm',
      'Sammanfattning',
      'Nyckeltal',
      'Utveckling vecka för vecka',
      'Karta',
      'Tecken på utnyttjande',
      'Samma period förra året',
      'Metod',
      'Små tal',
      'polisregion Nord',
      // The demand section (issue #9) of the same area.
      'Efterfrågan – köpsidan i polisregion Stockholm',
    ])
      expect(text).toContain(words);
    expect(text).toMatch(/aktiva annonser om sex mot ersättning/);
    expect(text).not.toContain('?'.repeat(3));

    const pngDir = mkdtempSync(join(tmpdir(), 'fyren-report-png-'));
    const rendered = spawnSync('pdftoppm', ['-png', '-r', '40', out, join(pngDir, 'p')], { encoding: 'utf8' });
    expect(rendered.status).toBe(0);
    const pngs = readdirSync(pngDir)
      .filter((f) => f.endsWith('.png'))
      .sort();
    expect(pngs).toHaveLength(summary.pages);
    for (const p of pngs) expect(await inkShare(join(pngDir, p))).toBeGreaterThan(0.002);
    // The map page carries the drawn map: far more ink than a page of text.
    const shares = await Promise.all(pngs.map((p) => inkShare(join(pngDir, p))));
    expect(Math.max(...shares)).toBeGreaterThan(0.08);
  }, 300_000);
});
