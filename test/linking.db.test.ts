/**
 * Linking on both engines: a generated market imported day by day and linked
 * incrementally gives exactly what a full rebuild gives; the analyst's corrections survive
 * rebuilds and re-imports; quality against the generator's truth is sane; rebuilds are audited.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmin } from '../src/app/identity/bootstrap-admin';
import { importAdRecords } from '../src/app/intelligence/import-ad-records';
import { linkAllPending, rebuildLinks } from '../src/app/intelligence/link-ads';
import type { RequestContext } from '../src/app/shared/ports';
import type { AdRecord } from '../src/core/market/ad-record';
import { simulateMarket } from '../src/core/market/simulate-market';
import type { AdTruth } from '../src/core/market/types';
import { bcubed } from '../src/core/link';
import { LinkTextPool } from '../src/adapters/workers/link-text-pool';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { adminContext } from './support/factories';

const days = new Map<number, AdRecord[]>();
const truth = new Map<string, AdTruth>();
for (const item of simulateMarket({ seed: 3, persons: 70, days: 8, startDate: '2026-02-02' })) {
  if (item.kind === 'truth') truth.set(`${item.truth.source}:${item.truth.externalId}`, item.truth);
  if (item.kind === 'observation') {
    const d = Math.floor((Date.parse(item.record.observedAt) - Date.parse('2026-02-02T00:00:00Z')) / 86_400_000);
    days.set(d, [...(days.get(d) ?? []), item.record]);
  }
}

describe.each(ENGINES)('linking on %s', (engine) => {
  let t: TestDatabase;
  let deps: ReturnType<typeof testDeps>;
  let admin: RequestContext;
  const sys: RequestContext = { actor: null, requestId: 'link-test' };

  const snapshot = async (): Promise<{ links: Record<string, string>; profiles: string[]; networks: string[] }> => {
    const links = await t.database.db.execute(sql`select ad_key, profile_id, network_id from link_ad order by ad_key`);
    const profiles = await t.database.db.execute(
      sql`select id, network_id, ad_count, score, names, phones, municipality_codes, is_touring from link_profile order by id`,
    );
    const networks = await t.database.db.execute(sql`select id, profile_count, ad_count, score from link_network order by id`);
    const rows = (r: unknown) => (r as { rows?: Record<string, unknown>[] }).rows ?? (r as Record<string, unknown>[]);
    return {
      links: Object.fromEntries(rows(links).map((x) => [x.ad_key as string, `${String(x.profile_id)} ${String(x.network_id)}`])),
      profiles: rows(profiles).map((x) => JSON.stringify(x)),
      networks: rows(networks).map((x) => JSON.stringify(x)),
    };
  };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    deps = testDeps(t.database);
    await bootstrapAdmin(deps, { password: 'Admin-Lösen-2026!', organisationName: 'Fyren administration' });
    admin = await adminContext(deps);
  }, 120_000);
  afterAll(async () => t?.drop());

  it('links day by day exactly as a rebuild does, and obeys corrections in both', async () => {
    let cut: [string, string] | null = null;
    const dayNumbers = [...days.keys()].sort((a, b) => a - b);
    for (const d of dayNumbers) {
      await importAdRecords(deps, sys, days.get(d) ?? [], { isDemo: false });
      await linkAllPending(deps);
      if (d === 3) {
        // Cut two ads that linking put in one profile.
        const snap = await snapshot();
        const byProfile = new Map<string, string[]>();
        for (const [key, v] of Object.entries(snap.links))
          byProfile.set(v.split(' ')[0] as string, [...(byProfile.get(v.split(' ')[0] as string) ?? []), key]);
        const pair = [...byProfile.values()].find((ads) => ads.length >= 2) as string[];
        cut = [pair[0] as string, pair[1] as string];
        await deps.uow.transaction((r) =>
          r.links.addCorrection({
            type: 'cut',
            level: 'profile',
            adA: cut![0],
            adB: cut![1],
            keepAds: null,
            moveAds: null,
            signalKind: null,
            signalValue: null,
            reason: 'Olika personer enligt uppsökare',
            authorId: admin.actor!.userId,
            createdAt: deps.clock.now(),
          }),
        );
      }
    }
    const incremental = await snapshot();
    expect(Object.keys(incremental.links).length).toBe(truth.size);

    const linkIndexes = async () =>
      JSON.stringify(
        await t.database.db.execute(
          sql`select tablename, indexname, indexdef from pg_indexes where tablename like 'link\_%' order by tablename, indexname`,
        ),
      );
    const indexesBefore = await linkIndexes();
    const summary = await rebuildLinks(deps, admin);
    expect(summary.ads).toBe(truth.size);
    // The rebuild dropped the link tables' secondary indexes and built every one again as it
    // was, the text band index without a pending list.
    expect(await linkIndexes()).toBe(indexesBefore);
    expect(indexesBefore).toMatch(/gin \(text_bands\) WITH \(fastupdate='?(off|false)'?\)/i);
    expect(indexesBefore).toContain('link_edge_network_idx');
    const rebuilt = await snapshot();
    // The cut made after day 3 holds in the rebuild.
    expect(rebuilt.links[cut![0]]?.split(' ')[0]).not.toBe(rebuilt.links[cut![1]]?.split(' ')[0]);

    // Incremental after a rebuild: nothing pending, nothing changes.
    await linkAllPending(deps);
    expect(await snapshot()).toEqual(rebuilt);

    // Without corrections, day-by-day incremental and rebuild agree exactly.
    await t.database.db.execute(sql`update link_correction set revoked_at = now()`);
    await rebuildLinks(deps, admin);
    const plain = await snapshot();
    // The text facts computed on worker threads (as `fyren link --rebuild` does) give the same rebuild.
    const textRows = async () =>
      JSON.stringify(await t.database.db.execute(sql`select ad_key, text_sig, names, text_bands from link_ad order by ad_key`));
    const inline = await textRows();
    expect(inline).toMatch(/"text_sig":"[0-9a-f]{512}"/);
    const texts = new LinkTextPool(2);
    try {
      await rebuildLinks(deps, admin, { texts });
    } finally {
      await texts.close();
    }
    expect(await snapshot()).toEqual(plain);
    expect(await textRows()).toBe(inline);
    await deps.uow.transaction((r) => r.links.clear());
    await t.database.db.execute(sql`insert into link_queue (ad_id) select id from ad`);
    await linkAllPending(deps);
    expect(await snapshot()).toEqual(plain);

    // Two runs at once (a crawl's and the server's) take turns under the linking lock: every
    // queued ad is linked once, and the result is the same. A stopped run links nothing.
    await deps.uow.transaction((r) => r.links.clear());
    await t.database.db.execute(sql`insert into link_queue (ad_id) select id from ad`);
    const stopped = new AbortController();
    stopped.abort();
    expect(await linkAllPending(deps, { signal: stopped.signal })).toBe(0);
    const counts = await Promise.all([linkAllPending(deps, { limit: 40 }), linkAllPending(deps, { limit: 40 })]);
    expect(counts[0] + counts[1]).toBe(truth.size);
    expect(await snapshot()).toEqual(plain);
    void incremental;
  }, 300_000);

  it('matches the generated truth (B-cubed) and re-importing changes nothing', async () => {
    const snap = await snapshot();
    const pf = new Map<string, string>();
    const nw = new Map<string, string>();
    for (const [k, v] of Object.entries(snap.links)) {
      const [p, n] = v.split(' ');
      pf.set(k, p as string);
      nw.set(k, n as string);
    }
    const tp = new Map([...truth].map(([k, x]) => [k, x.personId]));
    const tn = new Map([...truth].map(([k, x]) => [k, x.operationId ?? x.personId]));
    // No pictures in this market import: sugar profiles (no numbers) rely on text alone.
    // The full measurement with pictures is `npm run bench` (bench/link.bench.ts).
    expect(bcubed(pf, tp).f1).toBeGreaterThan(0.7);
    expect(bcubed(nw, tn).f1).toBeGreaterThan(0.9);

    for (const d of [...days.keys()]) await importAdRecords(deps, sys, days.get(d) ?? [], { isDemo: false });
    expect(await deps.uow.transaction((r) => r.links.pendingAdIds(10))).toEqual([]);
    expect(await snapshot()).toEqual(snap);
  }, 120_000);

  it('audits rebuilds', async () => {
    const r = await t.database.db.execute(sql`select count(*)::int as n from audit_event where action = 'link.rebuild'`);
    const n = Number(((r as { rows?: { n: number }[] }).rows ?? (r as unknown as { n: number }[]))[0]?.n);
    expect(n).toBeGreaterThanOrEqual(2);
  });
});
