/** Test factories: build records with sensible defaults and overrides (Outline's buildUser style). */
import { createOrganisation } from '../../src/app/identity/manage-organisations';
import { createUser } from '../../src/app/identity/manage-users';
import type { AppDeps, RequestContext } from '../../src/app/shared/ports';
import type { OrganisationCreateInput, Role, UserCreateInput } from '../../src/contracts/identity';

let n = 0;

/** The bootstrap administrator as a request context (after bootstrapAdmin ran). */
export async function adminContext(deps: AppDeps): Promise<RequestContext> {
  const admin = await deps.uow.transaction((r) => r.users.findByUsername('admin'));
  if (!admin) throw new Error('bootstrapAdmin has not run');
  return {
    requestId: `test-${++n}`,
    actor: {
      userId: admin.id,
      organisationId: admin.organisationId,
      roles: admin.roles,
      username: admin.username,
      displayName: admin.displayName,
    },
  };
}

export async function buildOrganisation(deps: AppDeps, ctx: RequestContext, overrides: Partial<OrganisationCreateInput> = {}) {
  return createOrganisation(deps, ctx, {
    name: `Testkommun ${++n}`,
    kind: 'socialtjanst',
    requireTotp: false,
    scope: { kommuner: ['2480'], lan: [], polisregioner: [] },
    ...overrides,
  });
}

export async function buildUser(
  deps: AppDeps,
  ctx: RequestContext,
  overrides: Partial<UserCreateInput> & { organisationId: string; roles?: Role[] },
) {
  return createUser(deps, ctx, {
    username: `user${++n}`,
    displayName: `Test Person ${n}`,
    unitId: null,
    roles: ['kartlaggare'],
    ...overrides,
  });
}
