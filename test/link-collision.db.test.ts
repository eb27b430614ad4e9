/**
 * Issue #16, item 4, on both engines: an ad whose content is replaced (another person under the
 * same id: other name, other phone, other pictures) links on what it shows now. Its old pictures
 * no longer glue the old person's network to the new person's; incremental linking and a rebuild
 * agree.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleEvidenceRepository } from '../src/adapters/db/evidence.repository';
import { importAdRecords } from '../src/app/intelligence/import-ad-records';
import { linkAllPending, rebuildLinks } from '../src/app/intelligence/link-ads';
import type { RequestContext } from '../src/app/shared/ports';
import { createTestDatabase, ENGINES, rowsOf, type TestDatabase } from './support/databases';
import { TestClock, testDeps } from './support/deps';

const sys: RequestContext = { actor: null, requestId: 'link-collision' };

const ad = (externalId: string, observedAt: string, name: string, phone: string, town: string) => ({
  source: 'collide-portal',
  externalId,
  url: `https://collide.test.invalid/${externalId}`,
  observedAt,
  title: `${name} i ${town}`,
  body: `Hej, jag heter ${name} och finns i ${town}. Ring ${phone}. Annons ${externalId} med egen text om ${name.toLowerCase()}.`,
  location: town,
});

describe.each(ENGINES)('an ad whose content is replaced, on %s', (engine) => {
  let t: TestDatabase;
  const clock = new TestClock(new Date('2026-03-01T10:00:00Z'));
  const deps = () => testDeps(t.database, clock);

  beforeAll(async () => {
    t = await createTestDatabase(engine);
  }, 120_000);
  afterAll(async () => t?.drop());

  const picture = async (externalId: string, sha256: string) => {
    const evidence = new DrizzleEvidenceRepository(t.database.db);
    await evidence.saveImage({ sha256, phash: null, size: 1, width: 1, height: 1 }, clock.now());
    await evidence.linkImage({
      sourceId: 'collide-portal',
      externalId,
      sha256,
      url: `https://collide.test.invalid/${externalId}/${sha256}.jpg`,
      at: clock.now(),
    });
  };
  const links = async () =>
    Object.fromEntries(
      rowsOf<{ ad_key: string; profile_id: string; network_id: string }>(
        await t.database.db.execute(sql`select ad_key, profile_id, network_id from link_ad order by ad_key`),
      ).map((r) => [r.ad_key, { profile: r.profile_id, network: r.network_id }]),
    );

  it('links on what the ad shows now, and a rebuild agrees', async () => {
    // Day 1: Anna (two ads, one number, one picture) and Bella (two ads, another number).
    await importAdRecords(
      deps(),
      sys,
      [
        ad('1', '2026-03-01T10:00:00Z', 'Anna', '070-111 11 11', 'Umeå'),
        ad('2', '2026-03-01T10:00:00Z', 'Anna', '070-111 11 11', 'Umeå'),
        ad('3', '2026-03-01T10:00:00Z', 'Bella', '070-222 22 22', 'Skellefteå'),
        ad('4', '2026-03-01T10:00:00Z', 'Bella', '070-222 22 22', 'Skellefteå'),
      ],
      { isDemo: false },
    );
    clock.advance(5 * 60_000);
    await picture('1', 'anna-picture');
    await picture('2', 'anna-picture');
    await picture('3', 'bella-picture');
    await linkAllPending(deps());
    const before = await links();
    expect(before['collide-portal:1']!.network).toBe(before['collide-portal:2']!.network);
    expect(before['collide-portal:1']!.network).not.toBe(before['collide-portal:3']!.network);

    // Day 3: the site reuses id 1 for Bella (an id collision): her name, her number, a new picture.
    clock.advance(2 * 86_400_000);
    await importAdRecords(deps(), sys, [ad('1', '2026-03-03T10:00:00Z', 'Bella', '070-222 22 22', 'Skellefteå')], { isDemo: false });
    clock.advance(5 * 60_000);
    await picture('1', 'bella-new-picture');
    await linkAllPending(deps());
    const after = await links();
    // Ad 1 is Bella's now: with her by her number, and no longer tied to Anna by Anna's old picture.
    expect(after['collide-portal:1']!.profile).toBe(after['collide-portal:3']!.profile);
    expect(after['collide-portal:2']!.network).not.toBe(after['collide-portal:3']!.network);
    expect(after['collide-portal:2']!.network).not.toBe(after['collide-portal:1']!.network);

    await rebuildLinks(deps(), sys);
    expect(await links()).toEqual(after);
  });

  it('an edit of the text alone keeps the ad tied by its pictures', async () => {
    clock.advance(86_400_000);
    // Ad 2 changes its wording but shows the same picture: no new picture, so all of its pictures count.
    await importAdRecords(
      deps(),
      sys,
      [{ ...ad('2', '2026-03-04T10:00:00Z', 'Anna', '070-111 11 11', 'Umeå'), body: 'Anna i Umeå, ny text. Ring 070-111 11 11.' }],
      { isDemo: false },
    );
    const extra = ad('5', '2026-03-04T10:00:00Z', 'Anna', '070-999 99 99', 'Umeå');
    await importAdRecords(deps(), sys, [extra], { isDemo: false });
    clock.advance(5 * 60_000);
    await picture('5', 'anna-picture');
    await linkAllPending(deps());
    const now = await links();
    expect(now['collide-portal:5']!.profile).toBe(now['collide-portal:2']!.profile);
    await rebuildLinks(deps(), sys);
    expect(await links()).toEqual(now);
  });
});
