/**
 * Uppsök over HTTP. Access: police, kartläggare, samordnare and the administrator get 403 on
 * every outreach route, and an uppsökare of another municipality cannot see this one's records.
 * SMS: against the local fake 46elks server, a worker sends a message, the delivery report
 * updates it and the reply arrives through the authenticated webhook into the conversation.
 */
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ElksSmsGateway } from '../src/adapters/sms/elks';
import { DEFAULT_FAKE_REPLY, startFakeElks, type FakeElksServer } from '../src/adapters/sms/fake-elks-server';
import { bootstrapAdmin } from '../src/app/identity/bootstrap-admin';
import { importAdRecords } from '../src/app/intelligence/import-ad-records';
import { linkAllPending } from '../src/app/intelligence/link-ads';
import type { Role } from '../src/contracts/identity';
import type { ProfileOutreachDto, QueueDto } from '../src/contracts/outreach';
import { createTestDatabase, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { adminContext, buildOrganisation, buildUser } from './support/factories';
import { Browser, buildApp } from './support/http';

const PURPOSE = { 'x-fyren-purpose': encodeURIComponent('Uppsök: v. 10 Umeå') };
const SECRET = 'test-webhook-secret-0123456789';
const NEW_PASSWORD = 'Ett långt nytt lösenord';

describe('outreach over HTTP', () => {
  let t: TestDatabase;
  let deps: ReturnType<typeof testDeps>;
  let built: ReturnType<typeof buildApp>;
  let fake: FakeElksServer;
  let server: ReturnType<typeof serve>;
  let baseUrl = '';
  const as: Record<string, Browser> = {};
  let profileId = '';
  let contactId = '';

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    deps = testDeps(t.database);
    await bootstrapAdmin(deps, { password: 'Admin-Lösen-2026!', organisationName: 'Fyren administration' });
    const admin = await adminContext(deps);
    const umea = await buildOrganisation(deps, admin, {
      name: 'Umeå socialtjänst',
      scope: { kommuner: ['2480'], lan: [], polisregioner: [] },
    });
    const lulea = await buildOrganisation(deps, admin, {
      name: 'Luleå socialtjänst',
      scope: { kommuner: ['2580'], lan: [], polisregioner: [] },
    });
    const police = await buildOrganisation(deps, admin, {
      name: 'Polisregion Nord',
      kind: 'polisregion',
      scope: { kommuner: [], lan: [], polisregioner: ['Nord'] },
    });

    fake = await startFakeElks({
      username: 'elk-user',
      password: 'elk-pass',
      replyUrl: () => `${baseUrl}/hooks/sms/46elks/${SECRET}/inbound`,
      delayMs: 50,
    });
    deps.outreach = {
      sms: new ElksSmsGateway({
        username: 'elk-user',
        password: 'elk-pass',
        from: '+46766860000',
        baseUrl: fake.url,
        deliveryUrl: () => `${baseUrl}/hooks/sms/46elks/${SECRET}/delivery`,
      }),
      supportContact: '+46766860000',
      sharing: 'contact',
    };
    built = buildApp(deps, undefined, { smsWebhook: { secret: SECRET, gateway: '46elks' } });
    server = await new Promise((resolve) => {
      const s = serve({ fetch: built.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const users: [string, string, Role][] = [
      ['ulla', umea.id, 'uppsokare'],
      ['sara', umea.id, 'socialsekreterare'],
      ['lars', lulea.id, 'uppsokare'],
      ['pelle', police.id, 'polis'],
      ['karin', umea.id, 'kartlaggare'],
      ['sam', umea.id, 'samordnare'],
    ];
    for (const [username, organisationId, role] of users) {
      const created = await buildUser(deps, admin, { username, organisationId, roles: [role] });
      const b = new Browser(built.app, { 'x-test-client': username });
      await b.post('/api/auth/login', { username, password: created.oneTimePassword });
      await b.post('/api/auth/password', { currentPassword: created.oneTimePassword, newPassword: NEW_PASSWORD });
      as[username] = b;
    }
    const adminBrowser = new Browser(built.app, { 'x-test-client': 'admin' });
    await adminBrowser.post('/api/auth/login', { username: 'admin', password: 'Admin-Lösen-2026!' });
    as.admin = adminBrowser;

    await importAdRecords(
      deps,
      { actor: null, requestId: 'http-test' },
      [
        {
          source: 'test-portal',
          externalId: 'u1',
          url: 'https://example.test/u1',
          observedAt: '2026-03-01T10:00:00Z',
          title: 'Ny i Umeå',
          body: 'Ny i stan, ring mig.',
          location: 'Umeå',
          phoneField: '070-222 33 44',
        },
      ],
      { isDemo: false },
    );
    await linkAllPending(deps);
    const r = await t.database.db.execute(sql`select profile_id from link_ad where ad_key = 'test-portal:u1'`);
    profileId = ((r as { rows?: { profile_id: string }[] }).rows ?? (r as unknown as { profile_id: string }[]))[0]!.profile_id;
  }, 120_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await fake?.close();
    await t?.drop();
  });

  const get = (who: string, path: string) => as[who]!.request('GET', path, undefined, PURPOSE);
  const post = (who: string, path: string, body?: unknown) => as[who]!.request('POST', path, body, PURPOSE);

  it('lets the uppsökare log a contact through to a referral', async () => {
    const queue = await get('ulla', '/api/outreach/queue');
    expect(queue.status).toBe(200);
    expect((queue.json as QueueDto).items.map((i) => i.profileId)).toEqual([profileId]);
    const created = await post('ulla', '/api/outreach/contacts', {
      profileId,
      kommun: '2480',
      channel: 'call',
      outcome: 'accepted_help',
      note: 'Vill ha stödsamtal',
      followUpOn: '2026-03-05',
    });
    expect(created.status).toBe(201);
    contactId = created.json!.id as string;
    expect(created.json!.referral).toMatchObject({ kind: 'case_intake', unitKind: 'adult' });
    expect((await get('sara', '/api/outreach/referrals')).json!.items).toHaveLength(1);
    const bad = await post('ulla', '/api/outreach/contacts', { profileId, kommun: '2480', channel: 'fax', outcome: 'suspect' });
    expect(bad.status).toBe(400);
    expect((bad.json!.error.issues as { path: string[] }[]).map((i) => i.path.join('.')).sort()).toEqual(['channel', 'outcome']);
  });

  const routes: [string, string, unknown?][] = [
    ['GET', '/api/outreach/queue'],
    ['GET', '/api/outreach/profiles/pf-000000000000'],
    ['POST', '/api/outreach/profiles/pf-000000000000/sms', { phone: '+46702223344', message: 'Hej' }],
    ['POST', '/api/outreach/contacts', { profileId: 'pf-000000000000', kommun: '2480', channel: 'sms', outcome: 'no_answer' }],
    ['GET', '/api/outreach/follow-ups'],
    ['POST', '/api/outreach/follow-ups/00000000-0000-4000-8000-000000000000/done'],
    ['GET', '/api/outreach/referrals'],
    ['GET', '/api/outreach/stats?from=2026-03-01&to=2026-03-31'],
  ];

  it.each(['pelle', 'karin', 'sam', 'admin'])('refuses %s on every outreach route with 403', async (who) => {
    for (const [method, path, body] of routes) {
      const res = await as[who]!.request(method, path, body, PURPOSE);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json!.error.code).toBe('FORBIDDEN');
    }
    // …and the refusals are audited.
    const denied = await t.database.db.execute(
      sql`select count(*)::int as n from audit_event where outcome = 'denied' and resource_kind = 'outreach'`,
    );
    expect(((denied as { rows?: { n: number }[] }).rows ?? (denied as unknown as { n: number }[]))[0]!.n).toBeGreaterThan(0);
  });

  it('keeps Umeå’s records from an uppsökare of Luleå', async () => {
    expect((await get('lars', `/api/outreach/profiles/${profileId}`)).status).toBe(404);
    expect(((await get('lars', '/api/outreach/queue')).json as QueueDto).items).toEqual([]);
    expect((await get('lars', '/api/outreach/follow-ups')).json!.items).toEqual([]);
    expect((await get('lars', '/api/outreach/referrals')).json!.items).toEqual([]);
    expect((await as.lars!.post(`/api/outreach/follow-ups/${contactId}/done`)).status).toBe(404);
    const stats = await get('lars', '/api/outreach/stats?from=2026-03-01&to=2026-03-31');
    expect(stats.json!.totals.contacts.value).toBe(0);
    const sms = await post('lars', `/api/outreach/profiles/${profileId}/sms`, { phone: '+46702223344', message: 'Hej' });
    expect(sms.status).toBe(404);
    expect(fake.sent).toHaveLength(0);
  });

  it('asks for a purpose before reading, and shows published figures suppressed to other roles', async () => {
    expect((await as.ulla!.get('/api/outreach/queue')).json!.error.code).toBe('PURPOSE_REQUIRED');
    const published = await get('pelle', '/api/statistics/outreach?from=2026-03-01&to=2026-03-31');
    expect(published.status).toBe(200);
    expect(published.json!.totals.contacts).toEqual({ value: null, display: '<5' });
    expect((await get('admin', '/api/statistics/outreach?from=2026-03-01&to=2026-03-31')).status).toBe(403);
  });

  it('lists templates in 11 languages and refuses an edit that drops a content point', async () => {
    const list = await as.ulla!.get('/api/outreach-templates');
    expect(list.status).toBe(200);
    expect(list.json!.items).toHaveLength(11);
    expect(list.json!.canEdit).toBe(false);
    expect((await as.sara!.get('/api/outreach-templates')).json!.canEdit).toBe(true);
    expect((list.json!.items as { missing: string[] }[]).every((x) => x.missing.length === 0)).toBe(true);
    const sv = (list.json!.items as { id: string; body: string; markers: object }[]).find((x) => x.id === 'first-contact-sv')!;
    expect(
      (
        await as.ulla!.request('PUT', '/api/outreach-templates/first-contact-sv', {
          body: sv.body,
          markers: sv.markers,
          isActive: true,
          needsNativeReview: false,
        })
      ).status,
    ).toBe(403);
    const dropped = await as.sara!.request('PUT', '/api/outreach-templates/first-contact-sv', {
      body: sv.body.replace('Att sälja sex är inte ett brott i Sverige. ', ''),
      markers: sv.markers,
      isActive: true,
      needsNativeReview: false,
    });
    expect(dropped.status).toBe(400);
    expect(dropped.json!.error.message).toContain('not_a_crime');
    const ok = await as.admin!.request('PUT', '/api/outreach-templates/first-contact-sv', {
      body: `${sv.body} Du kan vara anonym.`,
      markers: sv.markers,
      isActive: true,
      needsNativeReview: false,
    });
    expect(ok.status).toBe(200);
    expect(ok.json!.body).toContain('anonym');
  });

  it('sends an SMS through the fake 46elks, records the delivery and puts the reply in the conversation', async () => {
    const sent = await post('ulla', `/api/outreach/profiles/${profileId}/sms`, { phone: '+46702223344', message: 'Hej! Jag heter Ulla.' });
    expect(sent.status).toBe(201);
    expect(fake.sent).toEqual([expect.objectContaining({ to: '+46702223344', from: '+46766860000', message: 'Hej! Jag heter Ulla.' })]);
    expect(fake.sent[0]!.whendelivered).toBe(`${baseUrl}/hooks/sms/46elks/${SECRET}/delivery`);
    await fake.settle();
    const view = (await get('ulla', `/api/outreach/profiles/${profileId}`)).json as ProfileOutreachDto;
    expect(view.canSendSms).toBe(true);
    expect(view.conversation.map((m) => [m.direction, m.body, m.status])).toEqual([
      ['out', 'Hej! Jag heter Ulla.', 'delivered'],
      ['in', DEFAULT_FAKE_REPLY, 'received'],
    ]);
    // A number that is not the profile's is refused, naming the field.
    const wrong = await post('ulla', `/api/outreach/profiles/${profileId}/sms`, { phone: '+46709999999', message: 'Hej' });
    expect(wrong.json!.error.issues[0].path).toEqual(['phone']);
  });

  it('authenticates and validates the webhook, and stores a repeated call once', async () => {
    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    const msg = { id: 'sdup1', from: '+46702223344', to: '+46766860000', message: 'Ett till svar', created: '2026-03-02 09:00:00.000' };
    expect((await fetch(`${baseUrl}/hooks/sms/46elks/wrong-secret-0123456789abcdef/inbound`, form(msg))).status).toBe(404);
    const bad = await fetch(`${baseUrl}/hooks/sms/46elks/${SECRET}/inbound`, form({ ...msg, from: 'not a number' }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { issues: { path: string[] }[] } }).error.issues[0]!.path).toEqual(['from']);
    expect((await fetch(`${baseUrl}/hooks/sms/46elks/${SECRET}/inbound`, form(msg))).status).toBe(204);
    expect((await fetch(`${baseUrl}/hooks/sms/46elks/${SECRET}/inbound`, form(msg))).status).toBe(204);
    const view = (await get('ulla', `/api/outreach/profiles/${profileId}`)).json as ProfileOutreachDto;
    expect(view.conversation.filter((m) => m.body === 'Ett till svar')).toHaveLength(1);
  });

  it('refuses the web send to a DEMO profile through the real gateway (409), and nothing leaves', async () => {
    await deps.uow.transaction((r) =>
      r.ads.upsertSources([
        { id: 'demo-portal', name: 'DEMO Eskortportal', kind: 'escort', defaultRegion: 'SE', baseUrl: null, isDemo: true },
      ]),
    );
    await importAdRecords(
      deps,
      { actor: null, requestId: 'http-test' },
      [
        {
          source: 'demo-portal',
          externalId: 'd1',
          url: 'http://127.0.0.1:4101/ad/d1',
          observedAt: '2026-03-01T10:00:00Z',
          title: 'Ny i Umeå',
          body: 'Ny i stan, ring mig.',
          location: 'Umeå',
          phoneField: '070-555 66 77',
        },
      ],
      { isDemo: true },
    );
    await linkAllPending(deps);
    const r = await t.database.db.execute(sql`select profile_id from link_ad where ad_key = 'demo-portal:d1'`);
    const demoProfile = ((r as { rows?: { profile_id: string }[] }).rows ?? (r as unknown as { profile_id: string }[]))[0]!.profile_id;
    const before = fake.sent.length;
    const res = await post('ulla', `/api/outreach/profiles/${demoProfile}/sms`, { phone: '+46705556677', message: 'Hej' });
    expect(res.status).toBe(409);
    expect(res.json!.error.code).toBe('DEMO_SMS_REFUSED');
    expect(res.json!.error.message).toContain('fyren demo reset');
    expect(fake.sent.length).toBe(before);
  });

  it('never sends a message with an unfilled placeholder, and names it', async () => {
    const before = fake.sent.length;
    const res = await post('ulla', `/api/outreach/profiles/${profileId}/sms`, {
      phone: '+46702223344',
      message: 'Hej! Jag heter Ulla och arbetar på Umeå kommun. Ring eller sms:a {telefon}.',
    });
    expect(res.status).toBe(400);
    expect(res.json!.error.code).toBe('VALIDATION_FAILED');
    expect(res.json!.error.issues).toEqual([{ path: ['message'], message: expect.stringContaining('{telefon}') }]);
    expect(fake.sent.length).toBe(before);
  });
});
