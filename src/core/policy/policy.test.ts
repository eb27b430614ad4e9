import { describe, expect, it } from 'vitest';
import { MODULES, ROLES, type ModuleKey, type Role } from '../../contracts/identity';
import { ACTIONS, can, RESOURCE_KINDS, visibleModules, type Action, type Resource, type ResourceKind } from './policy';

/**
 * The full matrix: every role × every action × every resource kind that exists. The
 * expected grants are written out by hand; anything not listed must be denied.
 */
const ALL: Role[] = [...ROLES];
const NON_ADMIN: Role[] = ALL.filter((r) => r !== 'administrator');

const resources: Record<ResourceKind, Resource[]> = {
  module: MODULES.map((module) => ({ kind: 'module', module })),
  organisation: [{ kind: 'organisation' }],
  unit: [{ kind: 'unit' }],
  user: [{ kind: 'user' }, { kind: 'user', userId: 'u1' }],
  audit_log: [{ kind: 'audit_log' }],
  places: [{ kind: 'places' }],
  own_account: [{ kind: 'own_account' }],
  ad: [{ kind: 'ad' }],
  demo_data: [{ kind: 'demo_data' }],
  crawl: [{ kind: 'crawl' }],
  evidence: [{ kind: 'evidence' }],
  link: [{ kind: 'link' }],
  outreach: [{ kind: 'outreach' }],
  outreach_template: [{ kind: 'outreach_template' }],
  outreach_stats: [{ kind: 'outreach_stats' }],
  statistics: [{ kind: 'statistics' }],
  demand: [{ kind: 'demand' }],
};

const moduleGrants: Record<ModuleKey, Role[]> = {
  kartlaggning: ['kartlaggare', 'polis', 'samordnare'],
  uppsok: ['uppsokare', 'socialsekreterare'],
  insatser: ['polis', 'socialsekreterare', 'uppsokare', 'samordnare'],
  arenden: ['socialsekreterare'],
  samverkan: ['kartlaggare', 'uppsokare', 'socialsekreterare', 'polis', 'samordnare'],
  statistik: NON_ADMIN,
  administration: ['administrator'],
};

function expected(role: Role, action: Action, resource: Resource): boolean {
  switch (resource.kind) {
    case 'module':
      return action === 'view' && moduleGrants[resource.module].includes(role);
    case 'organisation':
    case 'unit':
    case 'user':
      return role === 'administrator' && ['list', 'read', 'create', 'update'].includes(action);
    case 'audit_log':
      return role === 'administrator' && ['list', 'read', 'verify'].includes(action);
    case 'places':
      return ['list', 'read'].includes(action);
    case 'own_account':
      return ['read', 'update'].includes(action);
    case 'ad':
      return ['kartlaggare', 'polis', 'samordnare'].includes(role) && ['list', 'read'].includes(action);
    case 'demo_data':
      return role === 'administrator' && action === 'update';
    case 'crawl':
      return action === 'create'
        ? role === 'kartlaggare'
        : ['kartlaggare', 'polis', 'samordnare'].includes(role) && ['list', 'read'].includes(action);
    case 'evidence':
      return ['kartlaggare', 'polis'].includes(role) && action === 'read';
    case 'link':
      return action === 'create'
        ? ['kartlaggare', 'polis'].includes(role)
        : ['kartlaggare', 'polis', 'samordnare'].includes(role) && ['list', 'read'].includes(action);
    case 'outreach':
      return ['uppsokare', 'socialsekreterare'].includes(role) && ['list', 'read', 'create', 'update'].includes(action);
    case 'outreach_template':
      return action === 'update'
        ? ['administrator', 'socialsekreterare'].includes(role)
        : ['uppsokare', 'socialsekreterare', 'administrator'].includes(role) && ['list', 'read'].includes(action);
    case 'outreach_stats':
      return NON_ADMIN.includes(role) && ['list', 'read'].includes(action);
    case 'statistics':
    case 'demand':
      // Demand figures: every role with Statistik reads them; analysts and coordinators enter events and probes.
      return action === 'create'
        ? ['kartlaggare', 'samordnare'].includes(role)
        : NON_ADMIN.includes(role) && ['list', 'read'].includes(action);
  }
}

describe('can(): role × action × resource matrix', () => {
  const cases: [Role, Action, Resource][] = [];
  for (const role of ALL)
    for (const action of ACTIONS) for (const list of Object.values(resources)) for (const res of list) cases.push([role, action, res]);

  it('covers every combination of role, action and resource kind, and every module', () => {
    const combinations = new Set(cases.map(([role, action, resource]) => `${role} ${action} ${resource.kind}`));
    expect(combinations.size).toBe(ROLES.length * ACTIONS.length * RESOURCE_KINDS.length);
    const modules = new Set(cases.flatMap(([, , resource]) => (resource.kind === 'module' ? [resource.module] : [])));
    expect([...modules].sort()).toEqual([...MODULES].sort());
  });

  it.each(cases)('%s %s %j', (role, action, resource) => {
    expect(can({ userId: 'u1', organisationId: 'o1', roles: [role] }, action, resource)).toBe(expected(role, action, resource));
  });

  it('grants the union of several roles, and nothing to an actor without roles', () => {
    const both = { userId: 'u', organisationId: 'o', roles: ['polis', 'socialsekreterare'] as Role[] };
    expect(can(both, 'view', { kind: 'module', module: 'arenden' })).toBe(true);
    expect(can(both, 'view', { kind: 'module', module: 'kartlaggning' })).toBe(true);
    const none = { userId: 'u', organisationId: 'o', roles: [] as Role[] };
    for (const m of MODULES) expect(can(none, 'view', { kind: 'module', module: m })).toBe(false);
  });

  it('keeps the administrator out of every operational module (separation of duties)', () => {
    const admin = { userId: 'u', organisationId: 'o', roles: ['administrator'] as Role[] };
    expect(visibleModules(admin, MODULES)).toEqual(['administration']);
  });

  it('keeps police roles out of social-services modules (uppsök, ärenden)', () => {
    const police = { userId: 'u', organisationId: 'o', roles: ['polis'] as Role[] };
    expect(visibleModules(police, MODULES)).not.toContain('uppsok');
    expect(visibleModules(police, MODULES)).not.toContain('arenden');
  });
});
