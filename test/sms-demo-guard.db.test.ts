/**
 * Issue #16, item 1: no message of any kind reaches a DEMO profile through a real SMS gateway.
 * These tests try to break the guard on every path that can send or bring demo data in: the
 * send use case (web send), the gateway itself (any caller, a retry), loading the demo market
 * (use case and `fyren demo load`), and starting the server with demo data or FYREN_DEMO on.
 * The "real" gateway is the 46elks adapter pointed at the local fake of the 46elks API, so the
 * test sees every message that would have gone out.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeElks, type FakeElksServer } from '../src/adapters/sms/fake-elks-server';
import { ElksSmsGateway } from '../src/adapters/sms/elks';
import { loadDemoMarket } from '../src/app/demo/load-demo-market';
import { bootstrapAdmin } from '../src/app/identity/bootstrap-admin';
import { importAdRecords } from '../src/app/intelligence/import-ad-records';
import { linkAllPending } from '../src/app/intelligence/link-ads';
import { demoSafeGateway, sendSms } from '../src/app/outreach/sms';
import type { AppDeps, RequestContext } from '../src/app/shared/ports';
import type { SmsGateway } from '../src/app/outreach/ports';
import type { AdRecord } from '../src/contracts/ad-record';
import { loadConfig } from '../src/main/config';
import { startServer } from '../src/main/server';
import { runFyren } from './support/cli';
import { createTestDatabase, ENGINES, rowsOf, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { adminContext, buildOrganisation, buildUser } from './support/factories';

const DEMO_PHONE = '+46701112233';
const REAL_PHONE = '+46702223344';
const ELKS_ENV = {
  FYREN_SMS_PROVIDER: '46elks',
  FYREN_46ELKS_USERNAME: 'elk-user',
  FYREN_46ELKS_PASSWORD: 'elk-pass',
  FYREN_46ELKS_FROM: 'Fyren',
  FYREN_SMS_WEBHOOK_SECRET: 'test-webhook-secret-0123456789',
  FYREN_PUBLIC_URL: 'https://fyren.example',
  FYREN_ADMIN_PASSWORD: 'Admin-Lösen-2026!',
  FYREN_LOG_LEVEL: 'silent',
  PORT: '0',
};

const ad = (source: string, externalId: string, phone: string): AdRecord => ({
  source,
  externalId,
  url: `https://example.test/${externalId}`,
  observedAt: '2026-03-01T10:00:00Z',
  title: `Annons ${externalId}`,
  body: 'Ny i stan, ring mig.',
  location: 'Umeå',
  phoneField: phone,
  images: [],
});

describe.each(ENGINES)('the demo SMS guard on %s', (engine) => {
  let t: TestDatabase;
  let deps: AppDeps & { clock: { now(): Date } };
  let fake: FakeElksServer;
  let live: SmsGateway;
  let ulla: RequestContext;
  const sys: RequestContext = { actor: null, requestId: 'guard-test' };
  let demoProfile = '';
  let realProfile = '';

  const profileOf = async (key: string) =>
    rowsOf<{ profile_id: string }>(await t.database.db.execute(sql`select profile_id from link_ad where ad_key = ${key}`))[0]!.profile_id;
  const count = async (q: ReturnType<typeof sql>) => rowsOf<{ n: number }>(await t.database.db.execute(q))[0]!.n;

  let env: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDatabase(engine, { onDisk: true });
    // The evidence folder and pseudonym secret of the server and CLI go to a temporary folder on both engines.
    env = { FYREN_DATA: mkdtempSync(join(tmpdir(), 'fyren-guard-')), ...t.env };
    deps = testDeps(t.database);
    await bootstrapAdmin(deps, { password: 'Admin-Lösen-2026!', organisationName: 'Fyren administration' });
    const admin = await adminContext(deps);
    const umea = await buildOrganisation(deps, admin, {
      name: 'Umeå socialtjänst',
      scope: { kommuner: ['2480'], lan: [], polisregioner: [] },
    });
    const u = await buildUser(deps, admin, { organisationId: umea.id, roles: ['uppsokare'] });
    ulla = {
      requestId: 'req-ulla',
      purpose: 'Uppsök: v. 10',
      actor: { userId: u.user.id, organisationId: umea.id, roles: ['uppsokare'], username: u.user.username, displayName: 'Ulla' },
    };
    await deps.uow.transaction((r) =>
      r.ads.upsertSources([
        { id: 'demo-portal', name: 'DEMO Eskortportal', kind: 'escort', defaultRegion: 'SE', baseUrl: null, isDemo: true },
      ]),
    );
    await importAdRecords(deps, sys, [ad('demo-portal', 'd1', '070-111 22 33')], { isDemo: true });
    await importAdRecords(deps, sys, [ad('test-portal', 'r1', '070-222 33 44')], { isDemo: false });
    await linkAllPending(deps);
    demoProfile = await profileOf('demo-portal:d1');
    realProfile = await profileOf('test-portal:r1');
    fake = await startFakeElks({ username: 'elk-user', password: 'elk-pass', delayMs: 10 });
    live = new ElksSmsGateway({ username: 'elk-user', password: 'elk-pass', from: 'Fyren', baseUrl: fake.url });
  }, 120_000);

  afterAll(async () => {
    await fake?.close();
    await t?.drop().catch(() => undefined);
  });

  const withGateway = (sms: SmsGateway) => ({ ...deps, outreach: { sms, supportContact: '+46766860000', sharing: 'contact' as const } });

  it('refuses to send to a demo profile through a real gateway, and stores and sends nothing', async () => {
    const before = fake.sent.length;
    const smsRows = await count(sql`select count(*)::int as n from sms_message`);
    await expect(sendSms(withGateway(live), ulla, demoProfile, { phone: DEMO_PHONE, message: 'Hej' })).rejects.toMatchObject({
      code: 'DEMO_SMS_REFUSED',
    });
    expect(fake.sent.length).toBe(before);
    expect(await count(sql`select count(*)::int as n from sms_message`)).toBe(smsRows);
  });

  it('guards the gateway itself: a direct send or a retry to a demo number never leaves', async () => {
    const guarded = demoSafeGateway(live, deps.uow);
    const before = fake.sent.length;
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(guarded.send({ to: DEMO_PHONE, message: `Försök ${attempt}` })).rejects.toMatchObject({ code: 'DEMO_SMS_REFUSED' });
    }
    expect(fake.sent.length).toBe(before);
    // Through the send use case with the guarded gateway too (a path that skipped the first check).
    await expect(sendSms(withGateway(guarded), ulla, demoProfile, { phone: DEMO_PHONE, message: 'Hej' })).rejects.toMatchObject({
      code: 'DEMO_SMS_REFUSED',
    });
    expect(fake.sent.length).toBe(before);
  });

  it('still sends to a real profile, and to a demo profile through the local fake (the demo)', async () => {
    const guarded = demoSafeGateway(live, deps.uow);
    const before = fake.sent.length;
    await sendSms(withGateway(guarded), ulla, realProfile, { phone: REAL_PHONE, message: 'Hej' });
    expect(fake.sent.slice(before).map((m) => m.to)).toEqual([REAL_PHONE]);
    const demoFake = new ElksSmsGateway({ username: 'elk-user', password: 'elk-pass', from: 'Fyren', baseUrl: fake.url, isLive: false });
    await sendSms(withGateway(demoSafeGateway(demoFake, deps.uow)), ulla, demoProfile, { phone: DEMO_PHONE, message: 'Hej' });
    expect(fake.sent.slice(before).map((m) => m.to)).toEqual([REAL_PHONE, DEMO_PHONE]);
  });

  it('never loads the demo market into an installation with a real gateway', async () => {
    const ads = await count(sql`select count(*)::int as n from ad`);
    await expect(loadDemoMarket(deps, { isFirstStartOnly: false, persons: 3, days: 2, hasLiveSmsGateway: true })).rejects.toMatchObject({
      code: 'DEMO_SMS_REFUSED',
    });
    expect(await count(sql`select count(*)::int as n from ad`)).toBe(ads);
  });

  describe('as processes on the installation’s configuration', () => {
    beforeAll(async () => {
      await t.database.close();
    });

    it('fyren demo load refuses with a real gateway configured, naming FYREN_SMS_PROVIDER', () => {
      const res = runFyren(['demo', 'load', '--persons', '3', '--days', '2'], { ...env, ...ELKS_ENV });
      expect(res.status, res.stderr).toBe(2);
      expect(res.stderr).toContain('FYREN_SMS_PROVIDER=46elks');
      expect(res.stdout).toBe('');
    });

    it('the server refuses to start with a real gateway while demo data is present', async () => {
      const config = loadConfig({ ...env, ...ELKS_ENV, FYREN_DEMO: '0' });
      const started = startServer(config);
      await expect(started).rejects.toThrow(/demo data/);
      await expect(started).rejects.toThrow('fyren demo reset');
      await expect(started).rejects.toThrow('FYREN_DEMO=0');
    }, 60_000);

    it('the server refuses FYREN_DEMO on (the default) with a real gateway, and starts once both are fixed', async () => {
      const reset = runFyren(['demo', 'reset'], { ...env, FYREN_LOG_LEVEL: 'silent' });
      expect(reset.status, reset.stderr).toBe(0);
      await expect(startServer(loadConfig({ ...env, ...ELKS_ENV }))).rejects.toThrow('FYREN_DEMO=0');
      const server = await startServer(loadConfig({ ...env, ...ELKS_ENV, FYREN_DEMO: '0' }));
      try {
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      } finally {
        await server.close();
      }
    }, 120_000);
  });
});
