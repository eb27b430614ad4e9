/**
 * `fyren import` as a real process on both engines: bad lines are named by file and line
 * and skipped, good lines are stored, and a second import adds nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { hammingDistance } from '../src/core/images/phash';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases';

function fyren(args: string[], env: Record<string, string>) {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.FYREN_DATA;
  return spawnSync(process.execPath, ['bin/fyren.mjs', ...args], { env: { ...base, ...env }, encoding: 'utf8', timeout: 120_000 });
}

const line = (id: string, observedAt: string, body: string) =>
  JSON.stringify({ source: 'test-site', externalId: id, url: `https://t.invalid/${id}`, observedAt, title: 'Hej', body, location: 'Luleå', images: [] });

describe.each(ENGINES)('fyren import on %s', (engine) => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const t of dbs) await t.drop().catch(() => undefined);
  });

  it('reports bad lines with their numbers, keeps going, and is idempotent', async () => {
    const t = await createTestDatabase(engine, { onDisk: true });
    dbs.push(t);
    if (engine === 'pglite') await t.database.close(); // one process per PGlite folder
    const dir = mkdtempSync(join(tmpdir(), 'fyren-import-'));
    const file = join(dir, 'ads.jsonl');
    writeFileSync(
      file,
      [
        line('1', '2026-03-01T08:00:00Z', 'Ring 070-123 45 67'),
        '{"source": "test-site",',
        line('2', '2026-03-01T08:00:00Z', 'Ring 072-555 66 77'),
        JSON.stringify({ source: 'Test Site', externalId: '3' }),
        '',
        line('1', '2026-03-02T08:00:00Z', 'Ring 070-123 45 67 idag'),
      ].join('\n'),
    );
    const first = fyren(['import', file], t.env);
    expect(first.stderr).toContain(`${file}:2: not JSON`);
    expect(first.stderr).toMatch(new RegExp(`${file}:4: not an AdRecord: source: lower case, digits and "-"; url: `));
    expect(first.status).toBe(1);
    expect(JSON.parse(first.stdout)).toMatchObject({ lines: 5, records: 3, badLines: 2, newAds: 2, newObservations: 3, changedAds: 0 });
    const second = fyren(['import', file], t.env);
    expect(JSON.parse(second.stdout)).toMatchObject({ records: 3, newAds: 0, newObservations: 0 });
    const missing = fyren(['import', join(dir, 'nope.jsonl')], t.env);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no such file or folder/);
    if (engine === 'pglite') t.database = await (await import('../src/adapters/db/client')).openDatabase({ engine: 'pglite', dataDir: `${t.env.FYREN_DATA}/pglite` });
  });
});

describe('fyren import with images', () => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const t of dbs) await t.drop().catch(() => undefined);
  });

  it('stores the images beside the file by SHA-256 with perceptual hashes; variants of one photo are near', async () => {
    const t = await createTestDatabase('postgres');
    dbs.push(t);
    const dir = mkdtempSync(join(tmpdir(), 'fyren-imgmarket-'));
    const gen = fyren(['demo', 'generate', '--seed', '3', '--persons', '8', '--days', '2', '--out', dir], {});
    expect(gen.status).toBe(0);
    const evidenceDir = mkdtempSync(join(tmpdir(), 'fyren-imgev-'));
    const env = { ...t.env, FYREN_EVIDENCE_DIR: evidenceDir };
    const first = fyren(['import', join(dir, 'ads.jsonl')], env);
    expect(first.status).toBe(0);
    const summary = JSON.parse(first.stdout) as { imagesStored: number; imageProblems: number };
    expect(summary.imageProblems).toBe(0);
    expect(summary.imagesStored).toBeGreaterThan(5);
    const again = JSON.parse(fyren(['import', join(dir, 'ads.jsonl')], env).stdout) as { imagesStored: number };
    expect(again.imagesStored).toBe(0);
    const rows = (await t.database.db.execute(
      sql`select i.phash, ai.url from image i join ad_image ai on ai.sha256 = i.sha256`,
    )) as unknown as { rows: { phash: string; url: string }[] };
    // Group by the generator's base photo (the file name before the variant suffix).
    const byPhoto = new Map<string, string[]>();
    for (const r of rows.rows) {
      const photo = /(ph-P\d+-\d+)\./.exec(r.url)?.[1];
      if (photo) byPhoto.set(photo, [...(byPhoto.get(photo) ?? []), r.phash]);
    }
    const pairs = [...byPhoto.values()].filter((h) => new Set(h).size > 1);
    expect(pairs.length).toBeGreaterThan(0);
    for (const hashes of pairs) {
      const [a, b] = [...new Set(hashes)];
      expect(hammingDistance(a!, b!)).toBeLessThanOrEqual(12);
    }
  });
});
