/**
 * The one access policy. `can(actor, action, resource)` decides every access in Fyren;
 * routes and use cases ask it and never test roles themselves.
 *
 * Principles encoded here:
 * - The installation administrator manages accounts and reads the audit log, but sees no
 *   case, outreach or intelligence data (separation of duties).
 * - Social-services data (outreach, cases) and police data are different legal regimes:
 *   outreach records are for uppsökare and socialsekreterare only; cases will follow, tested
 *   in the same matrix.
 */
import type { ModuleKey, Role } from '../../contracts/identity';

export interface Actor {
  userId: string;
  organisationId: string;
  roles: readonly Role[];
}

export const ACTIONS = ['view', 'list', 'read', 'create', 'update', 'verify'] as const;
export type Action = (typeof ACTIONS)[number];

export type Resource =
  | { kind: 'module'; module: ModuleKey }
  | { kind: 'organisation' }
  | { kind: 'unit' }
  | { kind: 'user'; userId?: string }
  | { kind: 'audit_log' }
  | { kind: 'places' }
  | { kind: 'own_account' }
  /** Ads and their extracted details: public-source intelligence, joint data. */
  | { kind: 'ad' }
  /** Demo data administration (load, reset). */
  | { kind: 'demo_data' }
  /** Sources and their crawls: analysts run them; police and coordinators follow them. */
  | { kind: 'crawl' }
  /** Evidence bundles of ads (export for a court or an investigation). */
  | { kind: 'evidence' }
  /** Profiles, networks, their evidence and the analysts' corrections (create = correct or rebuild). */
  | { kind: 'link' }
  /**
   * Outreach records (Uppsök): the queue, contact attempts, referrals, SMS conversations and
   * follow-ups. Social-services data (OSL 26 kap.): only uppsökare and socialsekreterare, and
   * only of their own organisation (the use cases filter by organisation and its scope).
   */
  | { kind: 'outreach' }
  /** Outreach message templates: not personal data. Workers read them; administrators and socialsekreterare edit them. */
  | { kind: 'outreach_template' }
  /** Outreach statistics with small counts suppressed (aggregates, for the dashboard and Statistik). */
  | { kind: 'outreach_stats' }
  /** Published statistics (dashboard, reports, CSV; small counts suppressed) and frozen mappings (create = freeze one). */
  | { kind: 'statistics' }
  /**
   * Demand statistics (buyer-side accounts counted per area and week, probes, events): figures
   * every role with Statistik may read; analysts and coordinators enter events and probes
   * (create). Buyer-side crawls are `crawl` create. No action shows a pseudonym.
   */
  | { kind: 'demand' };

export type ResourceKind = Resource['kind'];

/** Every resource kind, for the policy's matrix test (the compiler keeps the list complete). */
export const RESOURCE_KINDS = Object.keys({
  module: true,
  organisation: true,
  unit: true,
  user: true,
  audit_log: true,
  places: true,
  own_account: true,
  ad: true,
  demo_data: true,
  crawl: true,
  evidence: true,
  link: true,
  outreach: true,
  outreach_template: true,
  outreach_stats: true,
  statistics: true,
  demand: true,
} satisfies Record<ResourceKind, true>) as ResourceKind[];

/** Which roles see which module in the app shell. */
export const MODULE_ROLES: Readonly<Record<ModuleKey, readonly Role[]>> = {
  kartlaggning: ['kartlaggare', 'polis', 'samordnare'],
  uppsok: ['uppsokare', 'socialsekreterare'],
  insatser: ['polis', 'socialsekreterare', 'uppsokare', 'samordnare'],
  arenden: ['socialsekreterare'],
  samverkan: ['kartlaggare', 'uppsokare', 'socialsekreterare', 'polis', 'samordnare'],
  statistik: ['kartlaggare', 'uppsokare', 'socialsekreterare', 'polis', 'samordnare', 'lasare'],
  administration: ['administrator'],
};

const hasRole = (actor: Actor, roles: readonly Role[]): boolean => actor.roles.some((r) => roles.includes(r));

/** Decides whether `actor` may perform `action` on `resource`. Pure and total. */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
  switch (resource.kind) {
    case 'module':
      return action === 'view' && hasRole(actor, MODULE_ROLES[resource.module]);
    case 'organisation':
    case 'unit':
      return hasRole(actor, ['administrator']) && ['list', 'read', 'create', 'update'].includes(action);
    case 'user':
      return hasRole(actor, ['administrator']) && ['list', 'read', 'create', 'update'].includes(action);
    case 'audit_log':
      return hasRole(actor, ['administrator']) && ['list', 'read', 'verify'].includes(action);
    case 'places':
      // Public reference data (SCB codes); any signed-in user may read it.
      return action === 'list' || action === 'read';
    case 'ad':
      // Searching and reading ads is mapping work; every search carries a purpose (enforced in the use case).
      return hasRole(actor, ['kartlaggare', 'polis', 'samordnare']) && ['list', 'read'].includes(action);
    case 'crawl':
      if (action === 'create') return hasRole(actor, ['kartlaggare']);
      return hasRole(actor, ['kartlaggare', 'polis', 'samordnare']) && ['list', 'read'].includes(action);
    case 'evidence':
      return hasRole(actor, ['kartlaggare', 'polis']) && action === 'read';
    case 'link':
      if (action === 'create') return hasRole(actor, ['kartlaggare', 'polis']);
      return hasRole(actor, ['kartlaggare', 'polis', 'samordnare']) && ['list', 'read'].includes(action);
    case 'outreach':
      // Never police, analysts, coordinators, readers or the administrator: social-services secrecy.
      return hasRole(actor, ['uppsokare', 'socialsekreterare']) && ['list', 'read', 'create', 'update'].includes(action);
    case 'outreach_template':
      if (action === 'update') return hasRole(actor, ['administrator', 'socialsekreterare']);
      return hasRole(actor, ['uppsokare', 'socialsekreterare', 'administrator']) && ['list', 'read'].includes(action);
    case 'outreach_stats':
      return hasRole(actor, MODULE_ROLES.statistik) && ['list', 'read'].includes(action);
    case 'statistics':
    // Published figures are suppressed and name no one: every role with the Statistik module reads them.
    case 'demand':
      if (action === 'create') return hasRole(actor, ['kartlaggare', 'samordnare']);
      return hasRole(actor, MODULE_ROLES.statistik) && ['list', 'read'].includes(action);
    case 'demo_data':
      return hasRole(actor, ['administrator']) && ['update'].includes(action);
    case 'own_account':
      // Everyone may read and change their own password and second factor.
      return action === 'read' || action === 'update';
    default: {
      const unreachable: never = resource;
      return unreachable;
    }
  }
}

/** The modules `actor` may see, in navigation order. */
export function visibleModules(actor: Actor, modules: readonly ModuleKey[]): ModuleKey[] {
  return modules.filter((module) => can(actor, 'view', { kind: 'module', module }));
}
