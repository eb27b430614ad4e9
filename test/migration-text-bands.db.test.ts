/**
 * Migration 0015 on both engines: an installation linked before it kept the text band keys as
 * link_signal rows. They move into link_ad.text_bands (numbers, GIN index), nothing stays
 * behind, and a new near-duplicate ad still finds the old one through them.
 */
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditRepository } from '../src/app/audit/ports';
import type { AuditRecord } from '../src/core/audit/chain';
import { importAdRecords } from '../src/app/intelligence/import-ad-records';
import type { AppDeps } from '../src/app/shared/ports';
import { linkAllPending } from '../src/app/intelligence/link-ads';
import { lshBandNumbers, lshBands, minhashSignature, signatureToHex } from '../src/core/link';
import { createTestDatabase, ENGINES, rowsOf, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { migrateBefore } from './support/migrations';

const BODY = 'Hej! Ny i stan och söt, jag tar emot i lugn och diskret miljö nära centrum. Ring mig på 070-123 45 67 så ses vi snart.';
describe.each(ENGINES)('migration 0015 (text bands) on %s', (engine) => {
  let t: TestDatabase;
  afterAll(async () => t?.drop());

  it('moves the stored band keys into link_ad and links a new near-duplicate through them', async () => {
    t = await createTestDatabase(engine, { isMigrated: false });
    const db = t.database.db;
    await migrateBefore(t.database, '0015_link_text_bands');
    const deps = testDeps(t.database);
    // Today's code writes audit rows with columns a database before 0015 lacks (content_hash,
    // migration 0019), so the old ad is stored without its audit event.
    const beforeDeps: AppDeps = {
      ...deps,
      uow: {
        transaction: (fn) =>
          deps.uow.transaction((r) =>
            fn({ ...r, audit: Object.assign(Object.create(r.audit) as AuditRepository, { append: async () => ({}) as AuditRecord }) }),
          ),
      },
    };
    const ctx = { actor: null, requestId: 'migration-test' };
    await db.execute(sql`insert into source (id, name, kind) values ('old-portal', 'Old', 'escort')`);
    await importAdRecords(
      beforeDeps,
      ctx,
      [
        {
          source: 'old-portal',
          externalId: 'a',
          url: 'https://o.invalid/a',
          observedAt: '2026-03-01T10:00:00Z',
          title: 'Anna',
          body: BODY,
        },
      ],
      { isDemo: false },
    );
    // Linked the way the code before 0015 stored it: 16 'text' rows in link_signal.
    const sig = minhashSignature(`Anna\n${BODY}`) as Uint32Array;
    const [a] = rowsOf<{ id: string; content_hash: string }>(
      await db.execute(sql`select id, content_hash from ad where external_id = 'a'`),
    );
    await db.execute(sql`
      insert into link_ad (ad_id, ad_key, profile_id, network_id, names, content_hash, image_count, text_sig, params_version, linked_at)
      values (${a!.id}, 'old-portal:a', 'pf-old', 'nw-old', '{anna}', ${a!.content_hash}, 0, ${signatureToHex(sig)}, 'link-2026.1', now())`);
    for (const value of [...lshBands(sig), '+46701234567'])
      await db.execute(
        sql`insert into link_signal (kind, value, ad_id) values (${value.startsWith('+') ? 'phone' : 'text'}, ${value}, ${a!.id})`,
      );
    await db.execute(sql`delete from link_queue`);

    await t.database.migrate();

    const [moved] = rowsOf<{ bands: (string | number)[] }>(
      await db.execute(sql`select text_bands as bands from link_ad where ad_key = 'old-portal:a'`),
    );
    expect(moved!.bands.map(Number).sort((x, y) => x - y)).toEqual(lshBandNumbers(sig).sort((x, y) => x - y));
    const left = rowsOf<{ kind: string }>(await db.execute(sql`select kind from link_signal order by kind`));
    expect(left.map((r) => r.kind)).toEqual(['phone']);

    // Same text, another number: only the text ties them, found through the migrated keys.
    await importAdRecords(
      deps,
      ctx,
      [
        {
          source: 'old-portal',
          externalId: 'b',
          url: 'https://o.invalid/b',
          observedAt: '2026-03-20T10:00:00Z',
          title: 'Anna',
          body: BODY.replace('070-123 45 67', '073-987 65 43'),
        },
      ],
      { isDemo: false },
    );
    expect(await linkAllPending(deps)).toBe(1);
    const links = rowsOf<{ ad_key: string; network_id: string }>(
      await db.execute(sql`select ad_key, network_id from link_ad order by ad_key`),
    );
    expect(links.map((l) => l.ad_key)).toEqual(['old-portal:a', 'old-portal:b']);
    expect(links[0]!.network_id).toBe(links[1]!.network_id);
    const edges = rowsOf<{ kind: string }>(await db.execute(sql`select kind from link_edge`));
    expect(edges.map((e) => e.kind)).toContain('text');
  });
});
