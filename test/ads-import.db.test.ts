/**
 * The ad pipeline on both engines: import is idempotent, edits become versions, sightings
 * become observations, extraction fills phones and kommun; search finds by Swedish stem,
 * phone in any written form and kommun, with a purpose that is audited; demo data loads
 * and resets.
 */
import { RETENTION_PURGERS } from '../src/main/contexts';
import { sql } from 'drizzle-orm';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsEvidenceStore } from '../src/adapters/evidence/fs-evidence-store';
import { loadDemoMarket, resetDemoData, storeDemoImages } from '../src/app/demo/load-demo-market';
import { renderSyntheticImage } from '../src/adapters/images/synthetic-images';
import { bootstrapAdmin } from '../src/app/identity/bootstrap-admin';
import { importAdRecords, type AdRecordLike } from '../src/app/intelligence/import-ad-records';
import { searchAds } from '../src/app/intelligence/search-ads';
import { runRetention } from '../src/app/retention/run-retention';
import { listAuditEvents } from '../src/app/audit/list-audit-events';
import type { RequestContext } from '../src/app/shared/ports';
import { DomainError } from '../src/core/shared/errors';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { adminContext, buildOrganisation, buildUser } from './support/factories';

const rec = (over: Partial<AdRecordLike> = {}): AdRecordLike => ({
  source: 'test-portal',
  externalId: 'a1',
  url: 'https://portal.test.invalid/annons/a1',
  observedAt: '2026-03-01T10:00:00Z',
  title: 'Ny i stan – Lina',
  body: 'Hej! Jag heter Lina, 24 år. Ring 070-123 45 67. Finns i Ersboda, Umeå.',
  location: 'Umeå',
  ...over,
});

describe.each(ENGINES)('ad import and search on %s', (engine) => {
  let t: TestDatabase;
  let deps: ReturnType<typeof testDeps>;
  let analyst: RequestContext;
  const sys: RequestContext = { actor: null, requestId: 'import-test' };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    deps = testDeps(t.database);
    await bootstrapAdmin(deps, { password: 'Admin-Lösen-2026!', organisationName: 'Fyren administration' });
    const admin = await adminContext(deps);
    const org = await buildOrganisation(deps, admin);
    const { user } = await buildUser(deps, admin, { organisationId: org.id, roles: ['kartlaggare'], username: 'analytiker' });
    analyst = {
      requestId: 's',
      purpose: 'Kartläggning v. 10',
      actor: { userId: user.id, organisationId: org.id, roles: ['kartlaggare'], username: 'analytiker', displayName: 'A' },
    };
  });
  afterAll(async () => t?.drop());

  it('imports, extracts, and is idempotent', async () => {
    const batch = [rec(), rec({ externalId: 'a2', url: 'u2', body: 'Massage i Luleå, ring +46 70 222 33 44', location: 'Luleå' })];
    const first = await importAdRecords(deps, sys, batch, { isDemo: false });
    expect(first).toMatchObject({ records: 2, newAds: 2, newObservations: 2, changedAds: 0, sourcesCreated: ['test-portal'] });
    const again = await importAdRecords(deps, sys, batch, { isDemo: false });
    expect(again).toMatchObject({ newAds: 0, newObservations: 0, changedAds: 0, sourcesCreated: [] });
    expect(await deps.uow.transaction((r) => r.ads.count())).toBe(2);
    const [hit] = (await searchAds(deps, analyst, { phone: '0701234567', limit: 10 })).items;
    expect(hit).toMatchObject({
      ref: 'test-portal:a1',
      municipality: { code: '2480', name: 'Umeå' },
      phones: ['+46701234567'],
      isDemo: false,
    });
  });

  it('records a new sighting, and an edit as a new version with the newest text current', async () => {
    const seen = await importAdRecords(deps, sys, [rec({ observedAt: '2026-03-02T10:00:00Z' })], { isDemo: false });
    expect(seen).toMatchObject({ newAds: 0, newObservations: 1, changedAds: 0 });
    const edited = await importAdRecords(
      deps,
      sys,
      [rec({ observedAt: '2026-03-03T10:00:00Z', body: 'Nu i Skellefteå! Ring 070-123 45 67', location: 'Skellefteå' })],
      { isDemo: false },
    );
    expect(edited).toMatchObject({ newAds: 0, newObservations: 1, changedAds: 1 });
    // An older observation arriving late does not overwrite the current text.
    await importAdRecords(deps, sys, [rec({ observedAt: '2026-02-28T10:00:00Z', body: 'Gammal text i Umeå' })], { isDemo: false });
    const [a1] = (await searchAds(deps, analyst, { phone: '+46 70 123 45 67', limit: 10 })).items;
    expect(a1!.municipality?.code).toBe('2482');
    expect(a1!.firstSeenAt).toBe('2026-02-28T10:00:00.000Z');
    expect(a1!.lastSeenAt).toBe('2026-03-03T10:00:00.000Z');
  });

  it('searches with Swedish stemming, by län and period, and audits the purpose', async () => {
    expect((await searchAds(deps, analyst, { q: 'massagen', limit: 10 })).items.map((a) => a.ref)).toEqual(['test-portal:a2']);
    expect((await searchAds(deps, analyst, { lan: '25', limit: 10 })).items.map((a) => a.ref)).toEqual(['test-portal:a2']);
    expect((await searchAds(deps, analyst, { from: '2026-03-03', limit: 10 })).items.map((a) => a.ref)).toEqual(['test-portal:a1']);
    const admin = await adminContext(deps);
    const events = (await listAuditEvents(deps, admin, { action: 'ad.search', limit: 50 })).items;
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.every((e) => e.purpose === 'Kartläggning v. 10')).toBe(true);
  });

  it('refuses a search without purpose, a bad phone, and roles without access', async () => {
    const err = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
      );
    expect(await err(searchAds(deps, { ...analyst, purpose: null }, { limit: 5 }))).toBe('PURPOSE_REQUIRED');
    expect(await err(searchAds(deps, analyst, { phone: '123', limit: 5 }))).toBe('VALIDATION_FAILED');
    const outreach = { ...analyst, actor: { ...analyst.actor!, roles: ['uppsokare' as const] } };
    expect(await err(searchAds(deps, outreach, { limit: 5 }))).toBe('FORBIDDEN');
  });

  it('retention removes personal details of ads not seen for 365 days, except held ones', async () => {
    await importAdRecords(
      deps,
      sys,
      [rec({ externalId: 'old1', observedAt: '2025-01-10T10:00:00Z', body: 'Gammal annons, ring 073-111 22 33' })],
      { isDemo: false },
    );
    await importAdRecords(
      deps,
      sys,
      [rec({ externalId: 'old2', observedAt: '2025-01-10T10:00:00Z', body: 'Gammal annons två, ring 073-444 55 66' })],
      { isDemo: false },
    );
    const [held] = (await searchAds(deps, analyst, { phone: '073-444 55 66', limit: 5 })).items;
    await deps.uow.transaction((r) => r.ads.hold(held!.id, 'insats 2025-03', null, deps.clock.now()));
    // The test clock stands at 2026-03-02: old1 was last seen more than 365 days ago.
    const runs = await runRetention(
      { ...deps, evidence: new FsEvidenceStore(mkdtempSync(join(tmpdir(), 'fyren-ev-')), 'test') },
      RETENTION_PURGERS,
    );
    expect(runs.find((r) => r.category === 'ad')?.purged).toBe(1);
    expect((await searchAds(deps, analyst, { phone: '073-111 22 33', limit: 5 })).items).toEqual([]);
    expect((await searchAds(deps, analyst, { phone: '073-444 55 66', limit: 5 })).items).toHaveLength(1);
    const left = await t.database.db.execute<{ body: string | null; first_seen_at: unknown; versions: number }>(
      sql`select body, first_seen_at, (select count(*)::int from ad_version v where v.ad_id = ad.id) as versions from ad join ad_sighting s on s.ad_id = ad.id where external_id = 'old1'`,
    );
    const row = (left as unknown as { rows: { body: string | null; first_seen_at: unknown; versions: number }[] }).rows[0]!;
    expect(row.body).toBeNull();
    expect(row.first_seen_at).not.toBeNull();
    expect(row.versions).toBe(0);
    const admin = await adminContext(deps);
    const purge = (await listAuditEvents(deps, admin, { action: 'retention.purge', limit: 10 })).items.find((e) => e.resourceKind === 'ad');
    expect(purge?.details).toMatchObject({ purged: 1 });

    // Re-importing the old observation does not bring the purged details back…
    const again = await importAdRecords(
      deps,
      sys,
      [rec({ externalId: 'old1', observedAt: '2025-01-10T10:00:00Z', body: 'Gammal annons, ring 073-111 22 33' })],
      { isDemo: false },
    );
    expect(again.changedAds).toBe(0);
    const readOld1 = async () =>
      (
        (await t.database.db.execute(
          sql`select body, purged_at, (select count(*)::int from ad_version v where v.ad_id = ad.id) as versions from ad where external_id = 'old1'`,
        )) as unknown as {
          rows: { body: string | null; purged_at: unknown; versions: number }[];
        }
      ).rows[0]!;
    expect(await readOld1()).toMatchObject({ body: null, versions: 0 });
    // …but a new sighting is fresh data with its own retention period.
    await importAdRecords(
      deps,
      sys,
      [rec({ externalId: 'old1', observedAt: '2026-03-01T10:00:00Z', body: 'Tillbaka, ring 073-111 22 33' })],
      { isDemo: false },
    );
    expect(await readOld1()).toMatchObject({ body: 'Tillbaka, ring 073-111 22 33', purged_at: null, versions: 1 });
    expect((await searchAds(deps, analyst, { phone: '073-111 22 33', limit: 5 })).items).toHaveLength(1);
  });

  it('loads the demo market once, flagged DEMO, and resets it without touching real ads', async () => {
    const skipped = await loadDemoMarket(deps, { isFirstStartOnly: true, persons: 12, days: 5, hasLiveSmsGateway: false });
    expect(skipped).toMatchObject({ isLoaded: false, reason: 'the database already has ads' });
    const loaded = await loadDemoMarket(deps, { isFirstStartOnly: false, persons: 12, days: 5, hasLiveSmsGateway: false });
    expect(loaded.isLoaded).toBe(true);
    expect(loaded.ads).toBeGreaterThan(5);
    const demoAds = await deps.uow.transaction((r) => r.ads.count({ isDemo: true }));
    expect(demoAds).toBe(loaded.ads);
    const listed = (await searchAds(deps, analyst, { limit: 200 })).items;
    expect(listed.filter((a) => a.isDemo).every((a) => a.source.startsWith('demo-'))).toBe(true);
    // The demo ads' pictures: rendered, stored, linked to their ads, and removed with the demo.
    const evidence = new FsEvidenceStore(mkdtempSync(join(tmpdir(), 'fyren-ev-')), 'test');
    const some = (loaded.images ?? []).slice(0, 12);
    expect(some.length).toBe(12);
    expect(some[0]!.imageId).toMatch(/^(ph|st)-[\w-]+\.\w+$/);
    const pictures = await storeDemoImages({ ...deps, evidence }, some, renderSyntheticImage, { batchSize: 5 });
    expect(pictures).toMatchObject({ problems: [], isComplete: true });
    expect(pictures.stored).toBeGreaterThan(0);
    const first = await deps.uow.transaction(async (r) => {
      const found = await r.evidence.findAd({ sourceId: some[0]!.sourceId, externalId: some[0]!.externalId });
      return r.evidence.imagesOfAd(found!.id);
    });
    expect(first.map((i) => i.url)).toContain(some[0]!.url);
    expect(await evidence.readImage(first[0]!.sha256)).not.toBeNull();
    const aborted = new AbortController();
    aborted.abort();
    expect(await storeDemoImages({ ...deps, evidence }, some, renderSyntheticImage, { signal: aborted.signal })).toEqual({
      stored: 0,
      problems: [],
      isComplete: false,
    });
    const { adsRemoved } = await resetDemoData({ ...deps, evidence }, sys);
    expect(await evidence.readImage(first[0]!.sha256)).toBeNull();
    expect(adsRemoved).toBe(demoAds);
    expect(await deps.uow.transaction((r) => r.ads.count({ isDemo: true }))).toBe(0);
    expect(await deps.uow.transaction((r) => r.ads.count({ isDemo: false }))).toBe(4);
    expect((await deps.uow.transaction((r) => r.ads.listSources())).map((s) => s.id)).toEqual(['test-portal']);
    const notAgain = await loadDemoMarket(deps, { isFirstStartOnly: true, hasLiveSmsGateway: false });
    expect(notAgain.isLoaded).toBe(false);
    expect(notAgain.reason).toMatch(/^demo data was removed/);
  });
});
