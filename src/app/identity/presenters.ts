/** Maps stored rows to the API contracts. Secrets never leave through here. */
import type { Me, Organisation, User } from '../../contracts/identity';
import { MODULES } from '../../contracts/identity';
import { can, visibleModules } from '../../core/policy/policy';
import type { AuthSettings, OrganisationRow, UnitRow, UserRow } from './ports';

export function presentUser(u: UserRow, now: Date): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    organisationId: u.organisationId,
    unitId: u.unitId,
    roles: u.roles,
    isDisabled: u.isDisabled,
    isLocked: u.lockedUntil !== null && u.lockedUntil > now,
    hasTotp: u.totpSecret !== null,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

export function presentOrganisation(o: OrganisationRow): Organisation {
  return { id: o.id, name: o.name, kind: o.kind, requireTotp: o.requireTotp, scope: o.scope, createdAt: o.createdAt.toISOString() };
}

export function presentMe(u: UserRow, org: OrganisationRow, unit: UnitRow | null, auth: AuthSettings): Me {
  const actor = { userId: u.id, organisationId: u.organisationId, roles: u.roles };
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    organisation: { id: org.id, name: org.name, kind: org.kind },
    unit: unit ? { id: unit.id, name: unit.name } : null,
    roles: u.roles,
    modules: visibleModules(actor, MODULES),
    capabilities: {
      exportEvidence: can(actor, 'read', { kind: 'evidence' }),
      correctLinks: can(actor, 'create', { kind: 'link' }),
      startCrawls: can(actor, 'create', { kind: 'crawl' }),
    },
    mustChangePassword: u.mustChangePassword,
    mustEnrollTotp: org.requireTotp && u.totpSecret === null,
    hasTotp: u.totpSecret !== null,
    idleTimeoutSeconds: auth.idleTimeoutSeconds,
  };
}
