/**
 * The demand commands as real processes on both engines: `fyren demand crawl` counts a demo
 * buyer-side site (and refuses an ad site), `fyren demand probes import` takes a CSV whole or not
 * at all, and `fyren report demand` writes a PDF with the demand section. The secret file is
 * created in FYREN_DATA with mode 0600.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDemoMarket } from '../src/adapters/demo-sites/demo-market';
import { serveDemoSites } from '../src/adapters/demo-sites/demo-sites';
import { DEFAULT_BUYER_OPERATION, simulateBuyers } from '../src/core/market/simulate-buyers';
import { spawn } from 'node:child_process';
import { cliEnv, runFyren } from './support/cli';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases';

const START = '2026-01-05';

/** Runs the CLI without blocking this process (the demo sites it crawls are served from here). */
function runAsync(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/fyren.cjs', ...args], { env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
const buyers = simulateBuyers({ seed: 4, accounts: 120, weeks: 4, startDate: START, operation: { ...DEFAULT_BUYER_OPERATION, week: 2 } });

describe.each(ENGINES)('demand commands on %s', (engine) => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const t of dbs) await t.drop().catch(() => undefined);
  });

  it('crawls a buyer-side site, imports probes all-or-nothing, and writes the report PDF', async () => {
    const t = await createTestDatabase(engine, { onDisk: true });
    dbs.push(t);
    if (engine === 'pglite') await t.database.close(); // one process per PGlite folder
    const data = mkdtempSync(join(tmpdir(), 'fyren-demand-cli-'));
    const env = { ...t.env, FYREN_DATA: t.env.FYREN_DATA ?? data };
    const sites = await serveDemoSites({ market: buildDemoMarket({ seed: 2, persons: 6, days: 28, startDate: START }), buyers });
    try {
      sites.clock.day = 27;
      const refused = runFyren(['demand', 'crawl', 'demo-portal'], env);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('not a buyer-side site');
      const crawl = await runAsync(['demand', 'crawl', 'demo-forum', '--base-url', sites.forumUrl!], env);
      expect(crawl.stderr).not.toContain('Error');
      expect(crawl.status).toBe(0);
      const res = JSON.parse(crawl.stdout) as { accounts: number; newAccounts: number; isComplete: boolean };
      expect(res.accounts).toBe(
        buyers.accounts.filter((a) => a.sites.some((s) => s.source === 'demo-forum') && a.memberSinceDay <= 27).length,
      );
      expect(res.newAccounts).toBe(res.accounts);
      const secret = join(env.FYREN_DATA, 'pseudonym.secret');
      expect(existsSync(secret)).toBe(true);
      expect(statSync(secret).mode & 0o777).toBe(0o600);
      expect(crawl.stdout + crawl.stderr).not.toContain(buyers.accounts[0]!.sites[0]!.handle);
    } finally {
      await sites.close();
    }
    const dir = mkdtempSync(join(tmpdir(), 'fyren-probes-'));
    const header = 'started_at,site,area,profile,window_minutes,replies_first_hour,replies_total';
    writeFileSync(
      join(dir, 'bad.csv'),
      `${header}\n2026-01-20T20:00+01:00,Sajt,kommun:2480,Kvinna 19 år,180,4,9\n2026-01-21T20:00,Sajt,kommun:2480,Kvinna,180,4,9\n`,
    );
    const bad = runFyren(['demand', 'probes', 'import', join(dir, 'bad.csv')], env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('bad.csv:3: started_at: a date and time with an offset');
    writeFileSync(join(dir, 'good.csv'), `${header}\n2026-01-20T20:00+01:00,Sajt,kommun:2480,Kvinna 19 år,180,4,9\n`);
    const good = runFyren(['demand', 'probes', 'import', join(dir, 'good.csv')], env);
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout)).toEqual({ imported: 1, problems: [] });

    const pdf = join(dir, 'efterfragan.pdf');
    const report = runFyren(['report', 'demand', '--area', 'kommun:2480', '--from', START, '--to', '2026-02-01', '--out', pdf], env);
    expect(report.status).toBe(0);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Efterfrågan – köpsidan i Umeå');
    expect(text).toContain('Kvinna 19 år');
    expect(runFyren(['report', 'demand', '--area', 'kommun:99'], env).status).toBe(2);
  });
});
