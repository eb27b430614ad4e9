/**
 * `fyren import` links as it goes, and `fyren link` and `fyren export ads|profiles|networks`
 * work as real processes on both engines; exports need a purpose and match docs/formats.md.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFyren as fyren } from './support/cli';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases';

describe.each(ENGINES)('fyren link and export on %s', (engine) => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const t of dbs) await t.drop().catch(() => undefined);
  });

  it('imports, links, rebuilds to the same result and exports JSONL', async () => {
    const t = await createTestDatabase(engine, { onDisk: true });
    dbs.push(t);
    if (engine === 'pglite') await t.database.close(); // one process per PGlite folder
    const dir = mkdtempSync(join(tmpdir(), 'fyren-linkcli-'));
    expect(fyren(['demo', 'generate', '--seed', '4', '--persons', '30', '--days', '4', '--no-images', '--out', dir], {}).status).toBe(0);
    const imported = fyren(['import', join(dir, 'ads.jsonl')], t.env);
    expect(imported.status).toBe(0);
    const summary = JSON.parse(imported.stdout) as { newAds: number; linkedAds: number };
    expect(summary.linkedAds).toBe(summary.newAds);

    const noPurpose = fyren(['export', 'ads'], t.env);
    expect(noPurpose.status).toBe(2);
    expect(noPurpose.stderr).toMatch(/--purpose is required/);

    const before = fyren(['export', 'ads', '--purpose', 'Kartläggning v. 12'], t.env);
    expect(before.status).toBe(0);
    const lines = before.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(summary.newAds);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(['ad', 'profile', 'network', 'municipality', 'phones', 'score']);
      expect(l.ad).toMatch(/^demo-[a-z]+:.+$/);
      expect(l.profile).toMatch(/^pf-[0-9a-f]{12}$/);
      expect(l.network).toMatch(/^nw-[0-9a-f]{12}$/);
      expect(typeof l.score).toBe('number');
    }

    const rebuilt = fyren(['link', '--rebuild', '--json'], t.env);
    expect(rebuilt.status).toBe(0);
    expect(JSON.parse(rebuilt.stdout)).toMatchObject({ ads: summary.newAds });
    const after = fyren(['export', 'ads', '--purpose', 'Kartläggning v. 12'], t.env);
    expect(after.stdout).toBe(before.stdout);

    const profiles = fyren(['export', 'profiles', '--purpose', 'Kartläggning v. 12'], t.env).stdout.trim().split('\n');
    const networks = fyren(['export', 'networks', '--purpose', 'Kartläggning v. 12'], t.env).stdout.trim().split('\n');
    const profileIds = new Set(lines.map((l) => l.profile));
    expect(profiles).toHaveLength(profileIds.size);
    expect(networks.length).toBeLessThanOrEqual(profiles.length);
    expect(JSON.parse(profiles[0] as string)).toMatchObject({
      profile: expect.stringMatching(/^pf-/),
      network: expect.stringMatching(/^nw-/),
    });
    expect(fyren(['export', 'cats', '--purpose', 'x y z'], t.env).status).toBe(2);
  }, 240_000);
});
