import { describe, expect, it } from 'vitest';
import { MODULES, ROLES, type ModuleKey, type Role } from '../../contracts/identity';
import {
  ACTIONS,
  areaFilter,
  can,
  RESOURCE_KINDS,
  roleConflict,
  visibleModules,
  type Action,
  type Actor,
  type Resource,
  type ResourceKind,
} from './policy';

/**
 * The full matrix: every role × every action × every resource kind that exists. The
 * expected grants are written out by hand; anything not listed must be denied.
 */
const ALL: Role[] = [...ROLES];
const ADMINISTRATIVE: Role[] = ['administrator', 'systemadministrator', 'granskare'];
const NON_ADMIN: Role[] = ALL.filter((r) => !ADMINISTRATIVE.includes(r));
/** The actor's organisation is o1; its area is Umeå (2480). 0180 (Stockholm) lies outside. */
const OWN = 'o1';
const IN_AREA = ['2480'];
const OUTSIDE = ['0180'];

const resources: Record<ResourceKind, Resource[]> = {
  module: MODULES.map((module) => ({ kind: 'module', module })),
  organisation: [{ kind: 'organisation' }, { kind: 'organisation', organisationId: OWN }, { kind: 'organisation', organisationId: 'o2' }],
  unit: [{ kind: 'unit' }, { kind: 'unit', organisationId: OWN }, { kind: 'unit', organisationId: 'o2' }],
  user: [
    { kind: 'user' },
    { kind: 'user', userId: 'u1' },
    { kind: 'user', userId: 'u2', organisationId: OWN },
    { kind: 'user', userId: 'u3', organisationId: 'o2' },
    { kind: 'user', organisationId: OWN, grantsRoles: ['kartlaggare'] },
    { kind: 'user', organisationId: OWN, grantsRoles: ['systemadministrator'] },
    { kind: 'user', organisationId: OWN, grantsRoles: ['granskare'] },
  ],
  audit_log: [{ kind: 'audit_log' }],
  audit_detail: [{ kind: 'audit_detail' }],
  places: [{ kind: 'places' }],
  own_account: [{ kind: 'own_account' }],
  ad: [{ kind: 'ad' }, { kind: 'ad', kommuner: IN_AREA }, { kind: 'ad', kommuner: OUTSIDE }, { kind: 'ad', kommuner: [] }],
  demo_data: [{ kind: 'demo_data' }],
  crawl: [{ kind: 'crawl' }],
  evidence: [{ kind: 'evidence' }, { kind: 'evidence', kommuner: IN_AREA }, { kind: 'evidence', kommuner: OUTSIDE }],
  link: [
    { kind: 'link' },
    { kind: 'link', kommuner: [...OUTSIDE, ...IN_AREA] },
    { kind: 'link', kommuner: OUTSIDE },
    { kind: 'link', kommuner: [] },
  ],
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
  administration: ADMINISTRATIVE,
};

/** A placed record is visible when the request widened the area, or one of its kommuner is in it. */
const inArea = (resource: { kommuner?: readonly string[] }, isWidened: boolean): boolean =>
  resource.kommuner === undefined || isWidened || resource.kommuner.some((k) => IN_AREA.includes(k));

function expected(role: Role, action: Action, resource: Resource, isWidened: boolean): boolean {
  const manages = ['list', 'read', 'create', 'update'].includes(action);
  switch (resource.kind) {
    case 'module':
      return action === 'view' && moduleGrants[resource.module].includes(role);
    case 'organisation':
      if (role === 'systemadministrator') return manages;
      return role === 'administrator' && resource.organisationId === OWN && ['list', 'read'].includes(action);
    case 'unit':
      if (role === 'systemadministrator') return manages;
      return role === 'administrator' && resource.organisationId === OWN && manages;
    case 'user': {
      if (role === 'systemadministrator') return manages;
      const grantsInstallationRole = (resource.grantsRoles ?? []).some((r) => r === 'systemadministrator' || r === 'granskare');
      return role === 'administrator' && resource.organisationId === OWN && !grantsInstallationRole && manages;
    }
    case 'audit_log':
      return ADMINISTRATIVE.includes(role) && ['list', 'read', 'verify'].includes(action);
    case 'audit_detail':
      return role === 'granskare' && ['list', 'read'].includes(action);
    case 'places':
      return ['list', 'read'].includes(action);
    case 'own_account':
      return ['read', 'update'].includes(action);
    case 'ad':
      return ['kartlaggare', 'polis', 'samordnare'].includes(role) && ['list', 'read'].includes(action) && inArea(resource, isWidened);
    case 'demo_data':
      return role === 'systemadministrator' && action === 'update';
    case 'crawl':
      return action === 'create'
        ? role === 'kartlaggare'
        : ['kartlaggare', 'polis', 'samordnare'].includes(role) && ['list', 'read'].includes(action);
    case 'evidence':
      return ['kartlaggare', 'polis'].includes(role) && action === 'read' && inArea(resource, isWidened);
    case 'link':
      return (
        (action === 'create'
          ? ['kartlaggare', 'polis'].includes(role)
          : ['kartlaggare', 'polis', 'samordnare'].includes(role) && ['list', 'read'].includes(action)) && inArea(resource, isWidened)
      );
    case 'outreach':
      return ['uppsokare', 'socialsekreterare'].includes(role) && ['list', 'read', 'create', 'update'].includes(action);
    case 'outreach_template':
      return action === 'update'
        ? ['administrator', 'systemadministrator', 'socialsekreterare'].includes(role)
        : ['uppsokare', 'socialsekreterare', 'administrator', 'systemadministrator'].includes(role) && ['list', 'read'].includes(action);
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

describe('can(): role × action × resource matrix (× area widened or not)', () => {
  const cases: [Role, Action, Resource, boolean][] = [];
  for (const isWidened of [false, true])
    for (const role of ALL)
      for (const action of ACTIONS)
        for (const list of Object.values(resources)) for (const res of list) cases.push([role, action, res, isWidened]);

  it('covers every combination of role, action and resource kind, and every module, with the area widened or not', () => {
    expect(cases.length).toBe(2 * ROLES.length * ACTIONS.length * Object.values(resources).flat().length);
    const combinations = new Set(cases.map(([role, action, resource]) => `${role} ${action} ${resource.kind}`));
    expect(combinations.size).toBe(ROLES.length * ACTIONS.length * RESOURCE_KINDS.length);
    const modules = new Set(cases.flatMap(([, , resource]) => (resource.kind === 'module' ? [resource.module] : [])));
    expect([...modules].sort()).toEqual([...MODULES].sort());
  });

  it.each(cases)('%s %s %j widened=%s', (role, action, resource, isWidened) => {
    const actor: Actor = { userId: 'u1', organisationId: OWN, roles: [role], area: { kommuner: IN_AREA, isWidened } };
    expect(can(actor, action, resource)).toBe(expected(role, action, resource, isWidened));
  });

  it('refuses every placed record to an actor without an area, and limits queries to the area', () => {
    const noArea: Actor = { userId: 'u', organisationId: OWN, roles: ['kartlaggare'] };
    expect(can(noArea, 'read', { kind: 'ad', kommuner: IN_AREA })).toBe(false);
    expect(areaFilter(noArea)).toEqual([]);
    expect(areaFilter({ ...noArea, area: { kommuner: IN_AREA, isWidened: false } })).toEqual(IN_AREA);
    expect(areaFilter({ ...noArea, area: { kommuner: IN_AREA, isWidened: true } })).toBeNull();
    // A national area (every kommun) also sees ads whose place is unknown.
    const national: Actor = { ...noArea, area: { kommuner: IN_AREA, isWidened: false, isNational: true } };
    expect(areaFilter(national)).toBeNull();
    expect(can(national, 'read', { kind: 'ad', kommuner: [] })).toBe(true);
  });

  it('never lets an administrative role sit with a role that reads operational data', () => {
    for (const admin of ADMINISTRATIVE)
      for (const op of ['kartlaggare', 'uppsokare', 'socialsekreterare', 'polis', 'samordnare'] as Role[]) {
        expect(roleConflict([admin, op])).toMatch(new RegExp(`${admin}.*${op}`));
      }
    expect(roleConflict(['administrator', 'lasare'])).toBeNull();
    expect(roleConflict(['kartlaggare', 'polis'])).toBeNull();
  });

  it('grants the union of several roles, and nothing to an actor without roles', () => {
    const both = { userId: 'u', organisationId: 'o', roles: ['polis', 'socialsekreterare'] as Role[] };
    expect(can(both, 'view', { kind: 'module', module: 'arenden' })).toBe(true);
    expect(can(both, 'view', { kind: 'module', module: 'kartlaggning' })).toBe(true);
    const none = { userId: 'u', organisationId: 'o', roles: [] as Role[] };
    for (const m of MODULES) expect(can(none, 'view', { kind: 'module', module: m })).toBe(false);
  });

  it('keeps the administrators and the auditor out of every operational module (separation of duties)', () => {
    for (const role of ADMINISTRATIVE) {
      const admin = { userId: 'u', organisationId: 'o', roles: [role] };
      expect(visibleModules(admin, MODULES)).toEqual(['administration']);
    }
  });

  it('keeps police roles out of social-services modules (uppsök, ärenden)', () => {
    const police = { userId: 'u', organisationId: 'o', roles: ['polis'] as Role[] };
    expect(visibleModules(police, MODULES)).not.toContain('uppsok');
    expect(visibleModules(police, MODULES)).not.toContain('arenden');
  });
});
