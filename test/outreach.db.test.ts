/**
 * Uppsök on both engines, through the real import and linking: the queue of a municipality
 * (ordered, explained), a contact through to a referral (adult unit) and a report of concern
 * (children's unit), history that follows the person when linking gives her profile a new id
 * and she moves to another municipality (which sees only what the sharing rule allows),
 * follow-ups, statistics with suppression, and retention that keeps what led to a referral.
 */
import { RETENTION_PURGERS } from '../src/main/contexts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsEvidenceStore } from '../src/adapters/evidence/fs-evidence-store';
import { bootstrapAdmin } from '../src/app/identity/bootstrap-admin';
import { createUnit } from '../src/app/identity/manage-organisations';
import { importAdRecords } from '../src/app/intelligence/import-ad-records';
import { linkAllPending } from '../src/app/intelligence/link-ads';
import { completeFollowUp, listFollowUps } from '../src/app/outreach/follow-ups';
import { logContact } from '../src/app/outreach/log-contact';
import { getOutreachQueue } from '../src/app/outreach/outreach-queue';
import { publishedOutreachStats, teamOutreachStats } from '../src/app/outreach/outreach-stats';
import { getProfileOutreach } from '../src/app/outreach/profile-outreach';
import { runRetention } from '../src/app/retention/run-retention';
import type { RequestContext } from '../src/app/shared/ports';
import type { AdRecord } from '../src/contracts/ad-record';
import type { HistoryEntryDto } from '../src/contracts/outreach';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { adminContext, buildOrganisation, buildUser } from './support/factories';

const PURPOSE = 'Uppsök: v. 10 test';

const ad = (externalId: string, location: string, phone: string, body: string, observedAt = '2026-03-01T10:00:00Z'): AdRecord => ({
  source: 'test-portal',
  externalId,
  url: `https://example.test/${externalId}`,
  observedAt,
  title: `Annons ${externalId}`,
  body,
  location,
  phoneField: phone,
  images: [],
});

const rows = (r: unknown) => (r as { rows?: Record<string, unknown>[] }).rows ?? (r as Record<string, unknown>[]);

describe.each(ENGINES)('outreach on %s', (engine) => {
  let t: TestDatabase;
  let deps: ReturnType<typeof testDeps>;
  let ulla: RequestContext;
  let lars: RequestContext;
  const sys: RequestContext = { actor: null, requestId: 'outreach-test' };
  let youthProfile = '';
  let adultProfile = '';
  let contactWithNote = '';

  const ctxOf = async (userId: string, orgId: string, role: 'uppsokare' | 'socialsekreterare'): Promise<RequestContext> => ({
    requestId: `req-${userId}`,
    purpose: PURPOSE,
    actor: { userId, organisationId: orgId, roles: [role], username: userId, displayName: `Namn ${userId}` },
  });
  const profileOf = async (key: string) =>
    rows(await t.database.db.execute(sql`select profile_id from link_ad where ad_key = ${key}`))[0]?.profile_id as string;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    deps = testDeps(t.database);
    await bootstrapAdmin(deps, { password: 'Admin-Lösen-2026!', organisationName: 'Fyren administration' });
    const admin = await adminContext(deps);
    const umea = await buildOrganisation(deps, admin, {
      name: 'Umeå kommun, socialtjänsten',
      scope: { kommuner: ['2480'], lan: [], polisregioner: [] },
    });
    const lulea = await buildOrganisation(deps, admin, {
      name: 'Luleå kommun, socialtjänsten',
      scope: { kommuner: ['2580'], lan: [], polisregioner: [] },
    });
    await createUnit(deps, admin, umea.id, { name: 'Vuxenenheten' });
    await createUnit(deps, admin, umea.id, { name: 'Barn och unga' });
    const u1 = await buildUser(deps, admin, { organisationId: umea.id, roles: ['uppsokare'] });
    const u2 = await buildUser(deps, admin, { organisationId: lulea.id, roles: ['uppsokare'] });
    ulla = await ctxOf(u1.user.id, umea.id, 'uppsokare');
    lars = await ctxOf(u2.user.id, lulea.id, 'uppsokare');
    await importAdRecords(
      deps,
      sys,
      [
        ad('a1', 'Umeå', '070-111 00 01', 'Ung tjej, nyss fyllt 19. Ny i stan, bara några dagar. Ring mig.'),
        ad('a2', 'Umeå', '070-111 00 02', 'Mogen kvinna tar emot i lugn miljö. Välkommen.', '2026-02-01T10:00:00Z'),
        ad('b1', 'Luleå', '070-111 00 03', 'Trevlig kvinna i Luleå, hör av dig.'),
      ],
      { isDemo: false },
    );
    await linkAllPending(deps);
    youthProfile = await profileOf('test-portal:a1');
    adultProfile = await profileOf('test-portal:a2');
  }, 120_000);
  afterAll(async () => t?.drop());

  it('queues the profiles of its own area, youth first, and says why', async () => {
    expect(youthProfile).toMatch(/^pf-/);
    expect(youthProfile).not.toBe(adultProfile);
    const q = await getOutreachQueue(deps, ulla, { activeDays: 90, limit: 100 });
    expect(q.area.map((k) => k.code)).toEqual(['2480']);
    expect(q.items.map((i) => i.profileId)).toEqual([youthProfile, adultProfile]);
    const first = q.items[0]!;
    expect(first.hasYouthIndicators).toBe(true);
    expect(first.reasons.map((r) => r.code)).toContain('youth_wording');
    expect(first.reasons.map((r) => r.code)).toContain('new');
    expect(first.status).toBe('not_contacted');
    expect(first.kommun).toEqual({ code: '2480', name: 'Umeå' });
    // Luleå sees only its own.
    const other = await getOutreachQueue(deps, lars, { activeDays: 90, limit: 100 });
    expect(other.items.map((i) => i.profileId)).toEqual([await profileOf('test-portal:b1')]);
    // A purpose is required, and a kommun outside the area is refused naming the field.
    await expect(getOutreachQueue(deps, { ...ulla, purpose: null }, { activeDays: 90, limit: 10 })).rejects.toMatchObject({
      code: 'PURPOSE_REQUIRED',
    });
    await expect(getOutreachQueue(deps, ulla, { kommun: '2580', activeDays: 90, limit: 10 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { path: ['kommun'] },
    });
  });

  it('logs a contact through to a case intake at the adult unit, audited, and the profile leaves the queue', async () => {
    const tried = await logContact(deps, ulla, {
      profileId: adultProfile,
      kommun: '2480',
      channel: 'call',
      outcome: 'no_answer',
      followUpOn: '2026-03-03',
    });
    expect(tried.referral).toBeNull();
    let q = await getOutreachQueue(deps, ulla, { activeDays: 90, limit: 100 });
    expect(q.items.find((i) => i.profileId === adultProfile)?.status).toBe('tried');
    deps.clock.advance(3_600_000);

    const done = await logContact(deps, ulla, {
      profileId: adultProfile,
      kommun: '2480',
      channel: 'sms',
      language: 'sv',
      templateId: 'first-contact-sv',
      message: 'Hej! Jag heter Ulla …',
      contactPoint: '+46701110002',
      outcome: 'accepted_help',
      note: 'Vill träffas på onsdag; behöver hjälp med bostad',
      followUpOn: '2026-03-04',
    });
    contactWithNote = done.id;
    expect(done.referral).toMatchObject({
      kind: 'case_intake',
      unitKind: 'adult',
      unitName: 'Vuxenenheten',
      status: 'new',
      legalBasis: null,
    });
    q = await getOutreachQueue(deps, ulla, { activeDays: 90, limit: 100 });
    expect(q.items.map((i) => i.profileId)).toEqual([youthProfile]);

    const audit = rows(
      await t.database.db.execute(sql`select action, details from audit_event where action like 'outreach.%' order by seq`),
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['outreach.queue', 'outreach.contact.create', 'outreach.referral.create']),
    );
    // The note and message never go into the audit log.
    expect(JSON.stringify(audit)).not.toContain('bostad');
  });

  it('makes a report of concern to the children’s unit on signs of a minor', async () => {
    const r = await logContact(deps, ulla, { profileId: youthProfile, kommun: '2480', channel: 'site_chat', outcome: 'signs_of_minor' });
    expect(r.referral).toMatchObject({ kind: 'report_of_concern', unitKind: 'children', unitName: 'Barn och unga' });
    expect(r.referral?.legalBasis).toMatch(/Socialtjänstlagen/);
  });

  it('refuses a contact outside the area, in the future or for an unknown profile, naming the field', async () => {
    await expect(
      logContact(deps, ulla, { profileId: youthProfile, kommun: '2580', channel: 'sms', outcome: 'no_answer' }),
    ).rejects.toMatchObject({
      details: { path: ['kommun'] },
    });
    await expect(
      logContact(deps, ulla, {
        profileId: youthProfile,
        kommun: '2480',
        channel: 'sms',
        outcome: 'no_answer',
        contactAt: '2030-01-01T00:00:00Z',
      }),
    ).rejects.toMatchObject({ details: { path: ['contactAt'] } });
    await expect(
      logContact(deps, ulla, { profileId: 'pf-000000000000', kommun: '2480', channel: 'sms', outcome: 'no_answer' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      logContact(deps, lars, { profileId: youthProfile, kommun: '2480', channel: 'sms', outcome: 'no_answer' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('follows the person when linking gives her a new profile id and she moves to Luleå, sharing only that contact exists', async () => {
    // An earlier ad of hers (smaller key) with the same number, in Luleå: the profile's id changes.
    await importAdRecords(deps, sys, [ad('a0', 'Luleå', '070-111 00 02', 'Mogen kvinna nu i Luleå några dagar.', '2026-03-02T07:00:00Z')], {
      isDemo: false,
    });
    await linkAllPending(deps);
    const moved = await profileOf('test-portal:a0');
    expect(await profileOf('test-portal:a2')).toBe(moved);
    expect(moved).not.toBe(adultProfile);
    const old = rows(await t.database.db.execute(sql`select id from link_profile where id = ${adultProfile}`));
    expect(old).toEqual([]);

    // Umeå still sees its full history under the new id.
    const own = await getProfileOutreach(deps, ulla, moved);
    const ownEntries = own.history.filter((h): h is Extract<HistoryEntryDto, { isOwn: true }> => h.isOwn);
    expect(ownEntries.map((h) => h.outcome)).toEqual(['accepted_help', 'no_answer']);
    expect(ownEntries[0]!.note).toContain('bostad');
    expect(own.contactKommuner.map((k) => k.code)).toEqual(['2480']);

    // Luleå's queue has her, with only the day, the kommun and whom to call of Umeå's contacts.
    const q = await getOutreachQueue(deps, lars, { activeDays: 90, limit: 100 });
    const item = q.items.find((i) => i.profileId === moved);
    expect(item).toBeDefined();
    const umea = { id: ulla.actor!.organisationId, name: 'Umeå kommun, socialtjänsten' };
    expect(item!.earlierElsewhere).toEqual([
      { id: contactWithNote, kommun: { code: '2480', name: 'Umeå' }, day: '2026-03-02', organisation: umea },
      { id: expect.any(String), kommun: { code: '2480', name: 'Umeå' }, day: expect.any(String), organisation: umea },
    ]);
    const view = await getProfileOutreach(deps, lars, moved);
    expect(view.contactKommuner.map((k) => k.code)).toEqual(['2580']);
    expect(view.history.every((h) => !h.isOwn)).toBe(true);
    const text = JSON.stringify(view);
    for (const secret of ['bostad', 'Jag heter Ulla', 'case_intake', 'Vuxenenheten', 'Namn ', 'accepted_help', 'not_reached', 'category'])
      expect(text).not.toContain(secret);
  });

  it('lists follow-ups due within a week and marks one done', async () => {
    await expect(listFollowUps(deps, { ...ulla, purpose: null })).rejects.toMatchObject({ code: 'PURPOSE_REQUIRED' });
    const list = await listFollowUps(deps, ulla);
    expect(list.items.map((f) => f.followUpOn)).toEqual(['2026-03-03', '2026-03-04']);
    expect(list.items.every((f) => !f.isOverdue)).toBe(true);
    await completeFollowUp(deps, ulla, list.items[0]!.contactId);
    expect((await listFollowUps(deps, ulla)).items.map((f) => f.followUpOn)).toEqual(['2026-03-04']);
    await expect(completeFollowUp(deps, lars, list.items[1]!.contactId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('counts contacts, answers, accepted help and referrals; published figures suppress small counts', async () => {
    const team = await teamOutreachStats(deps, ulla, { from: '2026-03-01', to: '2026-03-31', period: 'month' });
    expect(team.isSuppressed).toBe(false);
    expect(team.totals).toEqual({
      contacts: { value: 3, display: '3' },
      answered: { value: 2, display: '2' },
      acceptedHelp: { value: 1, display: '1' },
      referrals: { value: 2, display: '2' },
    });
    expect(team.rows).toHaveLength(1);
    const lulea = await teamOutreachStats(deps, lars, { from: '2026-03-01', to: '2026-03-31', period: 'month' });
    expect(lulea.totals.contacts.value).toBe(0);
    const published = await publishedOutreachStats(
      deps,
      { ...ulla, actor: { ...ulla.actor!, roles: ['samordnare'] } },
      {
        from: '2026-03-01',
        to: '2026-03-31',
        period: 'month',
      },
    );
    expect(published.isSuppressed).toBe(true);
    expect(published.totals.contacts).toMatchObject({ value: null, display: '<5' });
  });

  it('shows another kommun a report of concern only as a contact and whom to call, never as an outcome', async () => {
    // Umeå sees signs of a minor on the person who now also advertises in Luleå (issue #16, item 5).
    const moved = await profileOf('test-portal:a0');
    await logContact(deps, ulla, { profileId: moved, kommun: '2480', channel: 'site_chat', outcome: 'signs_of_minor' });
    const q = await getOutreachQueue(deps, lars, { activeDays: 90, limit: 100 });
    const item = q.items.find((i) => i.profileId === moved);
    expect(item).toBeDefined();
    expect(item!.earlierElsewhere.length).toBeGreaterThan(0);
    for (const e of item!.earlierElsewhere) {
      expect(Object.keys(e).sort()).toEqual(['day', 'id', 'kommun', 'organisation']);
      expect(e.organisation.name).toBe('Umeå kommun, socialtjänsten');
    }
    const view = await getProfileOutreach(deps, lars, moved);
    expect(view.history.length).toBeGreaterThan(0);
    for (const h of view.history) expect(h.isOwn).toBe(false);
    const text = JSON.stringify({ item, history: view.history });
    for (const secret of ['signs_of_minor', 'report_of_concern', 'accepted_help', 'category', 'outcome', 'site_chat', 'children']) {
      expect(text).not.toContain(secret);
    }
  });

  it('deletes outreach records after the retention period, except those that led to a referral', async () => {
    const before = rows(await t.database.db.execute(sql`select outcome from outreach_contact order by outcome`)).map((r) => r.outcome);
    expect(before).toEqual(['accepted_help', 'no_answer', 'signs_of_minor', 'signs_of_minor']);
    deps.clock.advance(731 * 86_400_000);
    const runs = await runRetention(
      { ...deps, evidence: new FsEvidenceStore(mkdtempSync(join(tmpdir(), 'fyren-ev-')), 'test') },
      RETENTION_PURGERS,
    );
    expect(runs.find((r) => r.category === 'outreach')).toEqual({ category: 'outreach', purged: 1 });
    const after = rows(await t.database.db.execute(sql`select outcome from outreach_contact order by outcome`)).map((r) => r.outcome);
    expect(after).toEqual(['accepted_help', 'signs_of_minor', 'signs_of_minor']);
    const audit = rows(
      await t.database.db.execute(sql`select details from audit_event where action = 'retention.purge' and resource_kind = 'outreach'`),
    );
    expect(audit).toHaveLength(1);
  });

  it('deletes the outreach records of a source’s people (demo reset), referrals and all, and nothing else', async () => {
    expect(await deps.uow.transaction((r) => r.outreach.deleteForSources(['other-source']))).toEqual({ contacts: 0, messages: 0 });
    expect(await deps.uow.transaction((r) => r.outreach.deleteForSources(['test-portal']))).toEqual({ contacts: 3, messages: 0 });
    expect(rows(await t.database.db.execute(sql`select id from outreach_contact`))).toEqual([]);
    expect(rows(await t.database.db.execute(sql`select id from outreach_referral`))).toEqual([]);
  });
});
