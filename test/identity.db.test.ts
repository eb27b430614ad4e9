/**
 * Identity use cases and repositories on both engines: PGlite and the PostgreSQL server.
 */
import { RETENTION_PURGERS } from '../src/main/contexts';
import { sql } from 'drizzle-orm';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsEvidenceStore } from '../src/adapters/evidence/fs-evidence-store';
import { listAuditEvents } from '../src/app/audit/list-audit-events';
import { verifyAuditLog } from '../src/app/audit/verify-audit-log';
import { bootstrapAdmin } from '../src/app/identity/bootstrap-admin';
import { changePassword } from '../src/app/identity/change-password';
import { confirmTotpEnrolment, startTotpEnrolment } from '../src/app/identity/enrol-totp';
import { logIn } from '../src/app/identity/log-in';
import { createUnit, listOrganisations } from '../src/app/identity/manage-organisations';
import { listUsers, updateUser } from '../src/app/identity/manage-users';
import { resolveSession } from '../src/app/identity/resolve-session';
import { sessionIdFromToken } from '../src/app/identity/session-token';
import { runRetention } from '../src/app/retention/run-retention';
import { MemoryLoginThrottle } from '../src/adapters/security/memory-throttle';
import type { RequestContext } from '../src/app/shared/ports';
import { totp } from '../src/core/auth/totp';
import { DomainError } from '../src/core/shared/errors';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { adminContext, buildOrganisation, buildUser } from './support/factories';

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
  );

describe.each(ENGINES)('identity on %s', (engine) => {
  let t: TestDatabase;
  let deps: ReturnType<typeof testDeps>;
  let admin: RequestContext;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    deps = testDeps(t.database);
    const boot = await bootstrapAdmin(deps, { password: 'Admin-Lösen-2026!', organisationName: 'Fyren administration' });
    expect(boot).toMatchObject({ isCreated: true, username: 'admin', oneTimePassword: null });
    admin = await adminContext(deps);
  });
  afterAll(async () => t?.drop());

  it('bootstraps only once', async () => {
    const again = await bootstrapAdmin(deps, { password: null, organisationName: 'x' });
    expect(again.isCreated).toBe(false);
    expect(await listOrganisations(deps, admin)).toHaveLength(1);
  });

  it('creates a user with a one-time password that must be changed', async () => {
    const org = await buildOrganisation(deps, admin, { name: 'Umeå kommun, socialtjänsten' });
    const unit = await createUnit(deps, admin, org.id, { name: 'Vuxenenheten' });
    const { user, oneTimePassword } = await buildUser(deps, admin, {
      organisationId: org.id,
      unitId: unit.id,
      roles: ['socialsekreterare'],
      username: 'sara',
    });
    expect(user).toMatchObject({ username: 'sara', mustChangePassword: true, roles: ['socialsekreterare'], unitId: unit.id });
    const login = await logIn(deps, { actor: null, requestId: 'r1' }, { username: 'SARA', password: oneTimePassword }, 'ip1');
    expect(login.user.mustChangePassword).toBe(true);
    const active = await resolveSession(deps, login.token, 'r2');
    expect(active?.user.id).toBe(user.id);
    const ctx: RequestContext = {
      requestId: 'r3',
      actor: { userId: user.id, organisationId: org.id, roles: user.roles, username: 'sara', displayName: 'x' },
    };
    expect(
      await code(
        changePassword(deps, ctx, { currentPassword: 'wrong-password-123', newPassword: 'ett nytt långt lösenord' }, active!.session.id),
      ),
    ).toBe('INVALID_CREDENTIALS');
    await changePassword(deps, ctx, { currentPassword: oneTimePassword, newPassword: 'ett nytt långt lösenord' }, active!.session.id);
    const relog = await logIn(deps, { actor: null, requestId: 'r4' }, { username: 'sara', password: 'ett nytt långt lösenord' }, 'ip1');
    expect(relog.user.mustChangePassword).toBe(false);
    expect(await code(createUnit(deps, admin, org.id, { name: 'Vuxenenheten' }))).toBe('CONFLICT');
  });

  it('refuses duplicate user names and users in unknown organisations', async () => {
    const org = await buildOrganisation(deps, admin);
    await buildUser(deps, admin, { organisationId: org.id, username: 'dup.user' });
    expect(await code(buildUser(deps, admin, { organisationId: org.id, username: 'dup.user' }))).toBe('CONFLICT');
    expect(await code(buildUser(deps, admin, { organisationId: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
  });

  it('locks an account after repeated failures and an administrator unlocks it', async () => {
    const org = await buildOrganisation(deps, admin);
    const { user, oneTimePassword } = await buildUser(deps, admin, { organisationId: org.id, username: 'lars' });
    for (let i = 0; i < 5; i++) {
      expect(
        await code(logIn(deps, { actor: null, requestId: `f${i}` }, { username: 'lars', password: 'fel-lösenord' }, `ip-lock-${i}`)),
      ).toBe('INVALID_CREDENTIALS');
    }
    expect(await code(logIn(deps, { actor: null, requestId: 'f6' }, { username: 'lars', password: oneTimePassword }, 'ip-lock-x'))).toBe(
      'ACCOUNT_LOCKED',
    );
    const listed = (await listUsers(deps, admin)).find((u) => u.id === user.id);
    expect(listed?.isLocked).toBe(true);
    await updateUser(deps, admin, user.id, { unlock: true });
    expect(await code(logIn(deps, { actor: null, requestId: 'f7' }, { username: 'lars', password: oneTimePassword }, 'ip-lock-y'))).toBe(
      'resolved',
    );
  });

  it('rate-limits login attempts per client address', async () => {
    const results: string[] = [];
    for (let i = 0; i < 12; i++)
      results.push(await code(logIn(deps, { actor: null, requestId: 'rl' }, { username: `nobody${i}`, password: 'x' }, 'ip-flood')));
    expect(results.slice(0, 10).every((r) => r === 'INVALID_CREDENTIALS')).toBe(true);
    expect(results.slice(10)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
  });

  it('requires TOTP once enrolled, and refuses a replayed code', async () => {
    const org = await buildOrganisation(deps, admin, { requireTotp: true });
    const { user, oneTimePassword } = await buildUser(deps, admin, { organisationId: org.id, username: 'tove' });
    const ctx: RequestContext = {
      requestId: 't',
      actor: { userId: user.id, organisationId: org.id, roles: user.roles, username: 'tove', displayName: 'x' },
    };
    const { secret, otpauthUri } = await startTotpEnrolment(deps, ctx);
    expect(otpauthUri).toContain(secret);
    expect(await code(confirmTotpEnrolment(deps, ctx, '000000'))).toBe('INVALID_TOTP');
    deps.clock.advance(60_000);
    await confirmTotpEnrolment(deps, ctx, totp(secret, deps.clock.now().getTime()));
    deps.clock.advance(60_000);
    const anon = { actor: null, requestId: 't2' };
    expect(await code(logIn(deps, anon, { username: 'tove', password: oneTimePassword }, 'ip-t'))).toBe('TOTP_REQUIRED');
    const good = totp(secret, deps.clock.now().getTime());
    expect(await code(logIn(deps, anon, { username: 'tove', password: oneTimePassword, totp: good }, 'ip-t'))).toBe('resolved');
    expect(await code(logIn(deps, anon, { username: 'tove', password: oneTimePassword, totp: good }, 'ip-t'))).toBe('INVALID_TOTP');
    // With a factor in place, a session alone cannot replace it.
    expect(await code(startTotpEnrolment(deps, ctx))).toBe('CONFLICT');
    // Wrong second factors count towards the lock like wrong passwords.
    for (let i = 0; i < 4; i++) await code(logIn(deps, anon, { username: 'tove', password: oneTimePassword, totp: '000000' }, `ip-t${i}`));
    expect(
      await code(
        logIn(
          deps,
          anon,
          { username: 'tove', password: oneTimePassword, totp: totp(secret, deps.clock.now().getTime() + 30_000) },
          'ip-tz',
        ),
      ),
    ).toBe('ACCOUNT_LOCKED');
  });

  it('ends sessions after the idle timeout, and the retention rule purges them', async () => {
    const org = await buildOrganisation(deps, admin);
    const { oneTimePassword } = await buildUser(deps, admin, { organisationId: org.id, username: 'ida' });
    const { token } = await logIn(deps, { actor: null, requestId: 'i' }, { username: 'ida', password: oneTimePassword }, 'ip-i');
    deps.clock.advance(29 * 60_000);
    expect(await resolveSession(deps, token, 'i2')).not.toBeNull();
    deps.clock.advance(31 * 60_000);
    expect(await resolveSession(deps, token, 'i3')).toBeNull();
    const id = sessionIdFromToken(token);
    expect(await deps.uow.transaction((r) => r.sessions.get(id))).not.toBeNull();
    deps.clock.advance(31 * 86_400_000);
    const runs = await runRetention(
      { ...deps, evidence: new FsEvidenceStore(mkdtempSync(join(tmpdir(), 'fyren-ev-')), 'test') },
      RETENTION_PURGERS,
    );
    expect(runs.find((r) => r.category === 'session')?.purged).toBeGreaterThanOrEqual(1);
    expect(await deps.uow.transaction((r) => r.sessions.get(id))).toBeNull();
  });

  it('audits denials, and every change is chained in the audit log', async () => {
    const org = await buildOrganisation(deps, admin);
    const { user } = await buildUser(deps, admin, { organisationId: org.id, username: 'polis1', roles: ['polis'] });
    const police: RequestContext = {
      requestId: 'p',
      actor: { userId: user.id, organisationId: org.id, roles: ['polis'], username: 'polis1', displayName: 'x' },
    };
    expect(await code(listUsers(deps, police))).toBe('FORBIDDEN');
    const { items } = await listAuditEvents(deps, admin, { limit: 500 });
    expect(items.some((e) => e.action === 'user.list' && e.outcome === 'denied' && e.actorId === user.id)).toBe(true);
    expect(items.some((e) => e.action === 'auth.login' && e.outcome === 'failure')).toBe(true);
    expect(items.some((e) => e.action === 'user.create' && e.resourceId === user.id)).toBe(true);
    const result = await verifyAuditLog(deps.uow, 7);
    expect(result).toMatchObject({ isIntact: true, problems: [] });
    expect(result.events).toBeGreaterThan(20);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit log at the database level', async () => {
    const refused = async (q: ReturnType<typeof sql>) => {
      const e = await t.database.db.execute(q).then(
        () => null,
        (err: unknown) => err as Error & { cause?: Error },
      );
      return `${e?.message ?? ''} ${e?.cause?.message ?? ''}`;
    };
    expect(await refused(sql`update audit_event set action = 'x' where seq = 1`)).toMatch(/append-only \(UPDATE refused\)/);
    expect(await refused(sql`delete from audit_event where seq = 1`)).toMatch(/append-only \(DELETE refused\)/);
    expect(await refused(sql`truncate audit_event`)).toMatch(/append-only \(TRUNCATE refused\)/);
    expect((await verifyAuditLog(deps.uow)).isIntact).toBe(true);
  });

  it('locks under parallel wrong passwords, and does not count successes against an address', async () => {
    const org = await buildOrganisation(deps, admin);
    const { oneTimePassword } = await buildUser(deps, admin, { organisationId: org.id, username: 'parallell' });
    const parallelDeps = { ...deps, throttle: new MemoryLoginThrottle(1000) }; // only the database lock is under test here
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        code(logIn(parallelDeps, { actor: null, requestId: 'pp' }, { username: 'parallell', password: 'fel' }, `ip-par-${i}`)),
      ),
    );
    expect(
      await code(logIn(parallelDeps, { actor: null, requestId: 'pp' }, { username: 'parallell', password: oneTimePassword }, 'ip-par-x')),
    ).toBe('ACCOUNT_LOCKED');
    const results: string[] = [];
    for (let i = 0; i < 12; i++)
      results.push(
        await code(logIn(deps, { actor: null, requestId: 'office' }, { username: 'admin', password: 'Admin-Lösen-2026!' }, 'ip-office')),
      );
    expect(results.every((r) => r === 'resolved')).toBe(true);
  });

  it('refuses changes to your own roles, and audits role changes with before and after', async () => {
    const adminId = admin.actor!.userId;
    expect(await code(updateUser(deps, admin, adminId, { roles: ['administrator', 'kartlaggare'] }))).toBe('CONFLICT');
    expect(await code(updateUser(deps, admin, adminId, { isDisabled: true }))).toBe('CONFLICT');
    const org = await buildOrganisation(deps, admin);
    const { user } = await buildUser(deps, admin, { organisationId: org.id, roles: ['lasare'] });
    await updateUser(deps, admin, user.id, { roles: ['polis'] });
    const { items } = await listAuditEvents(deps, admin, { action: 'user.update', limit: 5 });
    expect(items[0]!.details).toMatchObject({ rolesBefore: ['lasare'], rolesAfter: ['polis'] });
  });

  it('a wrong current password in a password change counts towards the lock', async () => {
    const org = await buildOrganisation(deps, admin);
    const { user, oneTimePassword } = await buildUser(deps, admin, { organisationId: org.id, username: 'guess' });
    const ctx: RequestContext = {
      requestId: 'g',
      actor: { userId: user.id, organisationId: org.id, roles: user.roles, username: 'guess', displayName: 'g' },
    };
    for (let i = 0; i < 5; i++)
      await code(changePassword(deps, ctx, { currentPassword: `gissning-${i}-lång`, newPassword: 'ett nytt långt lösenord' }, 'sess'));
    expect(await code(logIn(deps, { actor: null, requestId: 'g2' }, { username: 'guess', password: oneTimePassword }, 'ip-guess'))).toBe(
      'ACCOUNT_LOCKED',
    );
  });

  it('keeps the chain verifiable with awkward details, control characters and writes during verification', async () => {
    const ctx: RequestContext = { ...admin, purpose: 'syfte\u0000med NUL' };
    await deps.uow.transaction((r) =>
      r.audit.append(
        ctx,
        {
          action: 'test.awkward',
          outcome: 'success',
          details: { when: new Date('2026-01-01T00:00:00Z'), list: [undefined, 1], text: 'a\u0000b', å: 'ä' },
        },
        deps.clock.now(),
      ),
    );
    const [ev] = (await listAuditEvents(deps, admin, { action: 'test.awkward', limit: 1 })).items;
    expect(ev!.purpose).toBe('syfte med NUL');
    expect(ev!.details).toEqual({ when: '2026-01-01T00:00:00.000Z', list: [null, 1], text: 'a b', å: 'ä' });
    const writes = Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        deps.uow.transaction((r) => r.audit.append(admin, { action: 'test.busy', outcome: 'success', details: { i } }, deps.clock.now())),
      ),
    );
    const [result] = await Promise.all([verifyAuditLog(deps.uow, 3), writes]);
    expect(result.problems).toEqual([]);
    expect((await verifyAuditLog(deps.uow)).isIntact).toBe(true);
  });
});
