/**
 * Ad search by indicator and by picture, and the picture bytes route, through app.request():
 * a resized copy of an ad's picture finds the ad and an unrelated picture does not; purpose,
 * role, size and format are checked with errors that name the field; pictures of purged ads
 * are not served; every search and read is audited with its purpose. On PGlite and PostgreSQL,
 * since the Hamming distance is computed in SQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharpImageHasher } from '../src/adapters/evidence/image-hash';
import { FsEvidenceStore } from '../src/adapters/evidence/fs-evidence-store';
import { renderSyntheticImage } from '../src/adapters/images/synthetic-images';
import { bootstrapAdmin } from '../src/app/identity/bootstrap-admin';
import { importAdRecords } from '../src/app/intelligence/import-ad-records';
import { storeAdImages } from '../src/app/intelligence/store-ad-images';
import type { AppDeps } from '../src/app/shared/ports';
import { IMAGE_SEARCH_MAX_BYTES } from '../src/contracts/ads';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { Browser, buildApp } from './support/http';

const ADMIN_PW = 'Admin-Lösen-2026!';
const PURPOSE = { 'x-fyren-purpose': encodeURIComponent('Kartläggning: bildsök v. 12') };

const record = (externalId: string, title: string, body: string, observedAt = '2026-03-01T10:00:00Z') => ({
  source: 'sajt',
  externalId,
  url: `https://sajt.example/ad/${externalId}`,
  observedAt,
  title,
  body,
  location: 'Umeå',
});

describe.each(ENGINES)('ad search by indicator and picture; picture bytes on %s', (engine) => {
  let t: TestDatabase;
  let deps: AppDeps;
  let built: ReturnType<typeof buildApp>;
  let admin: Browser;
  let analyst: Browser;
  let outreach: Browser;
  let store: FsEvidenceStore;
  let evidenceDir: string;
  const sha: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    deps = testDeps(t.database);
    evidenceDir = mkdtempSync(join(tmpdir(), 'fyren-images-http-'));
    store = new FsEvidenceStore(evidenceDir, 'test');
    await bootstrapAdmin(deps, { password: ADMIN_PW, organisationName: 'Fyren administration' });
    built = buildApp(deps, undefined, { images: { reader: store, hasher: sharpImageHasher } });
    admin = new Browser(built.app);
    expect((await admin.post('/api/auth/login', { username: 'admin', password: ADMIN_PW })).status).toBe(200);
    const orgs = (await admin.get('/api/admin/organisations')).json!.items as { id: string }[];
    const mk = async (username: string, roles: string[]) => {
      const created = await admin.post('/api/admin/users', { username, displayName: username, organisationId: orgs[0]!.id, roles });
      const b = new Browser(built.app, { 'x-test-client': username });
      await b.post('/api/auth/login', { username, password: created.json!.oneTimePassword });
      await b.post('/api/auth/password', { currentPassword: created.json!.oneTimePassword, newPassword: 'Ett långt nytt lösenord' });
      return b;
    };
    analyst = await mk('karin.k', ['kartlaggare']);
    outreach = await mk('uppsok.u', ['uppsokare']);

    const sys = { actor: null, requestId: 'seed' };
    await importAdRecords(
      deps,
      sys,
      [
        record('1', 'Ny i stan', 'Hej! Ny i stan och bara här några dagar. Ring 070-111 22 33.'),
        record('2', 'Massage', 'Avslappnande massage i lugn miljö. Ring 070-444 55 66.'),
        record('3', 'Gammal annons', 'Ny i stan, sms 070-777 88 99.', '2020-01-01T10:00:00Z'),
      ],
      { isDemo: false },
    );
    const pictures: [string, string][] = [
      ['1', 'ph-P000001-1.o'],
      ['2', 'ph-P000002-1.o'],
      ['3', 'ph-P000003-2.o'],
    ];
    const stored = await storeAdImages(
      { ...deps, evidence: store },
      pictures.map(([externalId, id]) => ({
        sourceId: 'sajt',
        externalId,
        url: `https://sajt.example/img/${id}.jpg`,
        load: () => renderSyntheticImage(id),
      })),
    );
    expect(stored).toMatchObject({ stored: 3, problems: [] });
    for (const [externalId, id] of pictures) sha[externalId] = (await store.storeImage(await renderSyntheticImage(id))).sha256;
    // Ad 3 was last seen long ago: retention removes its personal details.
    const purged = await deps.uow.transaction((r) => r.ads.purgeLastSeenBefore(new Date('2021-01-01T00:00:00Z'), new Date()));
    expect(purged).toHaveLength(1);
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
    if (evidenceDir) rmSync(evidenceDir, { recursive: true, force: true });
  });

  const byImage = (b: Browser, body: Uint8Array | FormData, headers: Record<string, string> = {}, query = '') =>
    b.request('POST', `/api/ads/by-image${query}`, body, { 'content-type': 'image/jpeg', ...PURPOSE, ...headers });

  it('filters ads by indicator code, and names the field for an unknown code', async () => {
    const hit = await analyst.request('GET', '/api/ads?indicator=NEW_IN_TOWN', undefined, PURPOSE);
    expect(hit.status).toBe(200);
    expect((hit.json!.items as { ref: string }[]).map((i) => i.ref)).toEqual(['sajt:1']);
    const none = await analyst.request('GET', '/api/ads?indicator=THIRD_PERSON', undefined, PURPOSE);
    expect(none.json!.items).toEqual([]);
    // Without the filter both live ads come back: the filter did the narrowing.
    const all = await analyst.request('GET', '/api/ads', undefined, PURPOSE);
    expect((all.json!.items as { ref: string }[]).map((i) => i.ref).sort()).toEqual(['sajt:1', 'sajt:2']);
    const bad = await analyst.request('GET', '/api/ads?indicator=SUSPICIOUS', undefined, PURPOSE);
    expect(bad.status).toBe(400);
    expect(bad.json!.error.issues[0].path).toEqual(['indicator']);
    expect(bad.json!.error.issues[0].message).toContain('NEW_IN_TOWN');
  });

  it('finds the ad that shows a resized copy of a picture, and not with an unrelated picture', async () => {
    const resized = await renderSyntheticImage('ph-P000001-1.r');
    const found = await byImage(analyst, resized);
    expect(found.status).toBe(200);
    expect(found.json!.maxDistance).toBe(6);
    expect(found.json!.phash).toMatch(/^[0-9a-f]{16}$/);
    const items = found.json!.items as { ref: string; distance: number; imageSha256: string }[];
    expect(items.map((i) => i.ref)).toEqual(['sajt:1']);
    expect(items[0]!.distance).toBeLessThanOrEqual(6);
    expect(items[0]!.imageSha256).toBe(sha['1']);

    const unrelated = await byImage(analyst, await renderSyntheticImage('ph-P000042-1.o'));
    expect(unrelated.status).toBe(200);
    expect(unrelated.json!.items).toEqual([]);

    // The purged ad's picture is not found either, though its bytes match exactly.
    const purged = await byImage(analyst, await renderSyntheticImage('ph-P000003-2.o'));
    expect(purged.json!.items).toEqual([]);

    // Multipart with the field "image" works the same.
    const form = new FormData();
    form.set('image', new Blob([new Uint8Array(resized)], { type: 'image/jpeg' }), 'bild.jpg');
    const multi = await analyst.request('POST', '/api/ads/by-image', form, PURPOSE);
    expect(multi.status).toBe(200);
    expect((multi.json!.items as { ref: string }[]).map((i) => i.ref)).toEqual(['sajt:1']);

    const audit = await admin.get('/api/admin/audit?action=ad.search_image');
    expect(audit.json!.items).toHaveLength(4);
    expect(audit.json!.items[0].purpose).toBe('Kartläggning: bildsök v. 12');
    expect(audit.json!.items[3].details).toMatchObject({ results: 1, maxDistance: 6 });
  });

  it('image search: purpose, role, format and size are checked, with the field named', async () => {
    const picture = await renderSyntheticImage('ph-P000001-1.o');
    const noPurpose = await analyst.request('POST', '/api/ads/by-image', picture, { 'content-type': 'image/jpeg' });
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.json!.error.code).toBe('PURPOSE_REQUIRED');
    expect((await byImage(outreach, picture)).status).toBe(403);

    const notPicture = await byImage(analyst, new TextEncoder().encode('inte en bild'));
    expect(notPicture.status).toBe(400);
    expect(notPicture.json!.error).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: ['image'] }] });
    expect(notPicture.json!.error.message).toContain('not a picture');

    const empty = await byImage(analyst, new Uint8Array());
    expect(empty.status).toBe(400);
    expect(empty.json!.error.issues[0].path).toEqual(['image']);

    const huge = await byImage(analyst, new Uint8Array(IMAGE_SEARCH_MAX_BYTES + 100 * 1024));
    expect(huge.status).toBe(413);
    expect(huge.json!.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', issues: [{ path: ['image'] }] });

    const wrongField = new FormData();
    wrongField.set('file', new Blob([new Uint8Array(picture)]), 'bild.jpg');
    const noField = await analyst.request('POST', '/api/ads/by-image', wrongField, PURPOSE);
    expect(noField.status).toBe(400);
    expect(noField.json!.error.message).toContain('"image"');

    const badLimit = await byImage(analyst, picture, {}, '?limit=0');
    expect(badLimit.status).toBe(400);
    expect(badLimit.json!.error.issues[0].path).toEqual(['limit']);
  });

  it('serves the bytes of an ad picture to a reader of ads with a purpose, audited', async () => {
    const ok = await analyst.request('GET', `/api/images/${sha['1']}`, undefined, PURPOSE);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(ok.bytes.equals(await renderSyntheticImage('ph-P000001-1.o'))).toBe(true);
    const audit = await admin.get('/api/admin/audit?action=image.read');
    expect(audit.json!.items[0]).toMatchObject({ resourceId: sha['1'], purpose: 'Kartläggning: bildsök v. 12' });
  });

  it('picture bytes: purpose and role required; unknown, purged and malformed addresses are refused', async () => {
    const noPurpose = await analyst.get(`/api/images/${sha['1']}`);
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.json!.error.code).toBe('PURPOSE_REQUIRED');
    const denied = await outreach.request('GET', `/api/images/${sha['1']}`, undefined, PURPOSE);
    expect(denied.status).toBe(403);
    expect(denied.bytes.includes(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    expect((await new Browser(built.app).get(`/api/images/${sha['1']}`)).status).toBe(401);

    const unknown = await analyst.request('GET', `/api/images/${'0'.repeat(64)}`, undefined, PURPOSE);
    expect(unknown.status).toBe(404);
    expect(unknown.json!.error.code).toBe('NOT_FOUND');
    // Stored, but only on an ad whose personal details retention removed.
    expect(await store.readImage(sha['3']!)).not.toBeNull();
    const purged = await analyst.request('GET', `/api/images/${sha['3']}`, undefined, PURPOSE);
    expect(purged.status).toBe(404);
    const malformed = await analyst.request('GET', '/api/images/not-a-hash', undefined, PURPOSE);
    expect(malformed.status).toBe(400);
    expect(malformed.json!.error.issues[0].path).toEqual(['sha256']);
  });
});
