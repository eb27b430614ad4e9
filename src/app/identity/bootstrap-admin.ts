import type { OrganisationKind } from '../../contracts/identity';
import type { AppDeps, RequestContext } from '../shared/ports';

export interface BootstrapResult {
  isCreated: boolean;
  username: string;
  /** Set when no password was configured: shown once on the terminal. */
  oneTimePassword: string | null;
}

/**
 * On first start (no users), creates the first organisation and the administrator.
 * With a configured password the administrator may sign in with it directly; otherwise a
 * one-time password is generated and the first sign-in forces a change.
 */
export async function bootstrapAdmin(
  deps: AppDeps,
  opts: { password: string | null; organisationName: string; organisationKind?: OrganisationKind },
): Promise<BootstrapResult> {
  const oneTimePassword = opts.password ? null : deps.random.token(15);
  const passwordHash = await deps.hasher.hash(opts.password ?? oneTimePassword!);
  const ctx: RequestContext = { actor: null, requestId: 'bootstrap' };
  return deps.uow.transaction(async (r) => {
    if ((await r.users.count()) > 0) return { isCreated: false, username: 'admin', oneTimePassword: null };
    const org = await r.organisations.insert({
      name: opts.organisationName,
      kind: opts.organisationKind ?? 'socialtjanst',
      requireTotp: false,
      scope: { kommuner: [], lan: [], polisregioner: [] },
    });
    const user = await r.users.insert({
      username: 'admin',
      displayName: 'Administratör',
      organisationId: org.id,
      unitId: null,
      roles: ['administrator'],
      passwordHash,
      mustChangePassword: opts.password === null,
    });
    await r.audit.append(
      ctx,
      { action: 'system.bootstrap', outcome: 'success', resourceKind: 'user', resourceId: user.id, details: { organisationId: org.id } },
      deps.clock.now(),
    );
    return { isCreated: true, username: user.username, oneTimePassword };
  });
}
