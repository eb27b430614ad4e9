/**
 * The session cache (issue #25), on both engines: a cached session is served without reading the
 * database (shown by changing the row behind the cache's back), and logout, a role change,
 * disabling the user, a password change and an organisation change each take effect at once.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideReset } from '../src/app/identity/account-resets';
import { bootstrapAdmin } from '../src/app/identity/bootstrap-admin';
import { changePassword } from '../src/app/identity/change-password';
import { logIn } from '../src/app/identity/log-in';
import { logOut } from '../src/app/identity/log-out';
import { updateOrganisation } from '../src/app/identity/manage-organisations';
import { updateUser } from '../src/app/identity/manage-users';
import { resolveSession } from '../src/app/identity/resolve-session';
import { SessionCache } from '../src/app/identity/session-cache';
import type { AppDeps, RequestContext } from '../src/app/shared/ports';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { adminContext, buildOrganisation, buildUser } from './support/factories';

describe.each(ENGINES)('session cache on %s', (engine) => {
  let t: TestDatabase;
  let deps: AppDeps;
  let admin: RequestContext;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    // A long time to live: only an invalidation explains a change seen within it.
    deps = { ...testDeps(t.database), sessionCache: new SessionCache(600_000) };
    await bootstrapAdmin(deps, { password: 'Admin-Lösen-2026!', organisationName: 'Fyren administration' });
    admin = await adminContext(deps);
    orgId = (await buildOrganisation(deps, admin)).id;
  });
  afterAll(async () => {
    await t.drop();
  });

  let n = 0;
  /** A new user signed in twice: two session tokens. */
  async function signedIn() {
    const { user, oneTimePassword } = await buildUser(deps, admin, { organisationId: orgId, roles: ['kartlaggare'] });
    const login = (i: number) =>
      logIn(deps, { actor: null, requestId: `l${++n}` }, { username: user.username, password: oneTimePassword! }, `ip-${n}-${i}`);
    const a = await login(1);
    const b = await login(2);
    const ctx: RequestContext = {
      requestId: `c${++n}`,
      actor: { userId: user.id, organisationId: orgId, roles: user.roles, username: user.username, displayName: user.displayName },
    };
    return { user, oneTimePassword: oneTimePassword!, tokens: [a.token, b.token] as const, ctx };
  }
  const resolve = (token: string) => resolveSession(deps, token, `r${++n}`);

  it('serves a cached session without reading the database', async () => {
    const { user, tokens } = await signedIn();
    expect((await resolve(tokens[0]))?.user.roles).toEqual(['kartlaggare']);
    // Behind the cache's back (no use case, so no invalidation): the cached copy still answers.
    await t.database.db.execute(sql`update app_user set display_name = 'Ändrad direkt' where id = ${user.id}::uuid`);
    expect((await resolve(tokens[0]))?.user.displayName).toBe(user.displayName);
    // Without a cache the database answers.
    expect((await resolveSession({ ...deps, sessionCache: undefined }, tokens[0], 'x'))?.user.displayName).toBe('Ändrad direkt');
  });

  it('ends a session at logout at once', async () => {
    const { tokens, ctx } = await signedIn();
    expect(await resolve(tokens[0])).not.toBeNull();
    await logOut(deps, ctx, tokens[0]);
    expect(await resolve(tokens[0])).toBeNull();
    expect(await resolve(tokens[1])).not.toBeNull();
  });

  it('applies a role change at once', async () => {
    const { user, tokens } = await signedIn();
    expect((await resolve(tokens[0]))?.user.roles).toEqual(['kartlaggare']);
    await updateUser(deps, admin, user.id, { roles: ['uppsokare'] });
    expect((await resolve(tokens[0]))?.user.roles).toEqual(['uppsokare']);
  });

  it('ends the sessions of a disabled user at once', async () => {
    const { user, tokens } = await signedIn();
    expect(await resolve(tokens[0])).not.toBeNull();
    expect(await resolve(tokens[1])).not.toBeNull();
    await updateUser(deps, admin, user.id, { isDisabled: true });
    expect(await resolve(tokens[0])).toBeNull();
    expect(await resolve(tokens[1])).toBeNull();
  });

  it('ends the other sessions at a password change and clears the forced change at once', async () => {
    const { oneTimePassword, tokens, ctx } = await signedIn();
    const current = await resolve(tokens[0]);
    expect(current?.user.mustChangePassword).toBe(true);
    expect(await resolve(tokens[1])).not.toBeNull();
    await changePassword(deps, ctx, { currentPassword: oneTimePassword, newPassword: 'ett nytt långt lösenord' }, current!.session.id);
    expect(await resolve(tokens[1])).toBeNull();
    expect((await resolve(tokens[0]))?.user.mustChangePassword).toBe(false);
  });

  it('ends the sessions at once when a second administrator approves a password reset (four eyes)', async () => {
    const { user, tokens } = await signedIn();
    const second = await buildUser(deps, admin, { organisationId: orgId, roles: ['administrator'] });
    const secondCtx: RequestContext = {
      requestId: `c${++n}`,
      actor: { userId: second.user.id, organisationId: orgId, roles: ['administrator'], username: second.user.username, displayName: '' },
    };
    const { pendingResets } = await updateUser(deps, admin, user.id, { resetPassword: true });
    expect(await resolve(tokens[0])).not.toBeNull();
    await decideReset(deps, secondCtx, pendingResets[0]!.id, 'approve');
    expect(await resolve(tokens[0])).toBeNull();
    expect(await resolve(tokens[1])).toBeNull();
  });

  it('ends the earlier session at once when the browser signs in again', async () => {
    const { user, oneTimePassword, tokens } = await signedIn();
    expect(await resolve(tokens[0])).not.toBeNull();
    const again = await logIn(
      deps,
      { actor: null, requestId: `l${++n}` },
      { username: user.username, password: oneTimePassword },
      `ip-${n}`,
      tokens[0],
    );
    expect(await resolve(tokens[0])).toBeNull();
    expect(await resolve(again.token)).not.toBeNull();
  });

  it('applies an organisation change (second factor required) at once', async () => {
    const { tokens } = await signedIn();
    expect((await resolve(tokens[0]))?.organisation.requireTotp).toBe(false);
    await updateOrganisation(deps, admin, orgId, { requireTotp: true });
    expect((await resolve(tokens[0]))?.organisation.requireTotp).toBe(true);
    await updateOrganisation(deps, admin, orgId, { requireTotp: false });
  });
});
