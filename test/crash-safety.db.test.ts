/**
 * SIGKILL during an import and during a crawl (real processes, PostgreSQL): nothing
 * committed is lost or duplicated, and a restart finishes the work. The crawl goes to the
 * demo sites on 127.0.0.1.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDemoMarket } from '../src/adapters/demo-sites/demo-market';
import { serveDemoSites } from '../src/adapters/demo-sites/demo-sites';
import { simulateMarket } from '../src/core/market/simulate-market';
import { startFyren as fyren } from './support/cli';
import { createTestDatabase, type TestDatabase } from './support/databases';

const dbs: TestDatabase[] = [];
afterAll(async () => {
  for (const t of dbs) await t.drop().catch(() => undefined);
});

async function count(t: TestDatabase, q: ReturnType<typeof sql>): Promise<number> {
  const res = (await t.database.db.execute(q)) as unknown as { rows: { n: number }[] };
  return Number(res.rows[0]?.n ?? 0);
}

async function until(check: () => Promise<boolean>, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('crash safety', () => {
  it('an import killed with SIGKILL loses and duplicates nothing, and a rerun completes it', async () => {
    const t = await createTestDatabase('postgres');
    dbs.push(t);
    const lines: string[] = [];
    const keys = new Set<string>();
    const obs = new Set<string>();
    for (const item of simulateMarket({ seed: 21, persons: 400, days: 20, startDate: '2026-01-05' })) {
      if (item.kind !== 'observation') continue;
      lines.push(JSON.stringify(item.record));
      keys.add(`${item.record.source}:${item.record.externalId}`);
      obs.add(`${item.record.source}:${item.record.externalId}@${item.record.observedAt}`);
    }
    const file = join(mkdtempSync(join(tmpdir(), 'fyren-crash-')), 'ads.jsonl');
    writeFileSync(file, lines.join('\n'));

    const first = fyren(['import', file, '--no-images'], t.env);
    await until(async () => (await count(t, sql`select count(*)::int as n from ad_observation`)) >= 500, 120_000, 'the first batch').catch(
      (e: Error) => {
        throw new Error(`${e.message}; child stderr: ${first.stderr()}`);
      },
    );
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const committed = await count(t, sql`select count(*)::int as n from ad_observation`);
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(obs.size);

    const second = await fyren(['import', file, '--no-images'], t.env).done;
    expect(second.code).toBe(0);
    expect(await count(t, sql`select count(*)::int as n from ad_observation`)).toBe(obs.size);
    expect(await count(t, sql`select count(*)::int as n from ad`)).toBe(keys.size);
    expect(JSON.parse(second.out)).toMatchObject({ records: lines.length, badLines: 0 });
  }, 240_000);

  it('a crawl killed with SIGKILL is interrupted, and a restart completes it with the right ads', async () => {
    const t = await createTestDatabase('postgres');
    dbs.push(t);
    const market = buildDemoMarket({ seed: 4, persons: 40, days: 2, startDate: '2026-02-02' });
    const sites = await serveDemoSites({ market });
    try {
      const live = new Set(market.events.filter((e) => e.day === 0 && e.source === 'demo-classifieds').map((e) => e.externalId));
      expect(live.size).toBeGreaterThan(4);
      const args = ['crawl', 'demo-classifieds', '--base-url', sites.urls['demo-classifieds']];
      const first = fyren(args, t.env);
      await until(async () => (await count(t, sql`select count(*)::int as n from ad`)) >= 1, 90_000, 'the first stored ads');
      first.child.kill('SIGKILL');
      await first.done;
      const partial = await count(t, sql`select count(*)::int as n from ad`);
      expect(partial).toBeLessThan(live.size);

      const second = await fyren(args, t.env).done;
      expect(second.code).toBe(0);
      expect(JSON.parse(second.out)).toMatchObject({ status: 'complete', errors: 0 });
      const res = (await t.database.db.execute(sql`select external_id from ad where source_id = 'demo-classifieds'`)) as unknown as {
        rows: { external_id: string }[];
      };
      expect(new Set(res.rows.map((r) => r.external_id))).toEqual(live);
      const runs = (await t.database.db.execute(sql`select status from crawl_run order by started_at`)) as unknown as {
        rows: { status: string }[];
      };
      expect(runs.rows.map((r) => r.status)).toEqual(['interrupted', 'complete']);
      expect(
        await count(
          t,
          sql`select count(*)::int as n from (select ad_id, observed_at from ad_observation group by 1, 2 having count(*) > 1) d`,
        ),
      ).toBe(0);
    } finally {
      await sites.close();
    }
  }, 240_000);
});
