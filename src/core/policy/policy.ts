/**
 * The one access policy. `can(actor, action, resource)` decides every access in Fyren;
 * routes and use cases ask it and never test roles themselves.
 *
 * Principles encoded here:
 * - Administrators manage accounts of their own organisation only; the system administrator
 *   manages the installation (every organisation, its area, every account). Neither sees any
 *   case, outreach or intelligence data (separation of duties), and the audit log shows them who
 *   did what to which kind of record; its full detail is for the auditor (granskare), with a purpose.
 * - An organisation's area bounds what its users see of ads, profiles, networks and evidence:
 *   a record is visible when one of its kommuner is in the area. Seeing outside the area takes an
 *   explicit request with a purpose (`ActorArea.isWidened`), audited with the read.
 * - Social-services data (outreach, cases) and police data are different legal regimes:
 *   outreach records are for uppsökare and socialsekreterare only; cases will follow, tested
 *   in the same matrix.
 */
import type { ModuleKey, Role } from '../shared/vocabulary';

/**
 * The area an actor sees by default: the kommuner of the organisation's scope. `isWidened` is set
 * only when the actor asked, with a purpose, to see outside it for this request.
 */
export interface ActorArea {
  kommuner: readonly string[];
  isWidened: boolean;
  /** The area covers every kommun (a national unit): it also sees ads whose place is unknown. */
  isNational?: boolean;
}

export interface Actor {
  userId: string;
  organisationId: string;
  roles: readonly Role[];
  /** The organisation's area; needed for area-bound records (none: such records are refused). */
  area?: ActorArea;
}

/** Records that carry a place: the kommuner they were seen in (an ad has one or none; a profile many). */
type Placed = {
  /** When given, the record is visible only if one of these kommuner is in the actor's area (or the area is widened). */
  kommuner?: readonly string[];
};

export const ACTIONS = ['view', 'list', 'read', 'create', 'update', 'verify'] as const;
export type Action = (typeof ACTIONS)[number];

export type Resource =
  | { kind: 'module'; module: ModuleKey }
  /** An organisation (`organisationId` absent: the list of all, or a new one). */
  | { kind: 'organisation'; organisationId?: string }
  /** Units of an organisation. */
  | { kind: 'unit'; organisationId?: string }
  /**
   * Staff accounts; `organisationId` is the account's organisation (absent: every organisation);
   * `grantsRoles` the roles a create or update gives.
   */
  | { kind: 'user'; userId?: string; organisationId?: string; grantsRoles?: readonly Role[] }
  /** The audit log as administrators see it: who did what to which kind of record, no details. */
  | { kind: 'audit_log' }
  /** The audit log's full detail (searched numbers, case references, outcomes): the auditor, with a purpose. */
  | { kind: 'audit_detail' }
  | { kind: 'places' }
  | { kind: 'own_account' }
  /** Ads and their extracted details: public-source intelligence, joint data. */
  | ({ kind: 'ad' } & Placed)
  /** Demo data administration (load, reset). */
  | { kind: 'demo_data' }
  /** Sources and their crawls: analysts run them; police and coordinators follow them. */
  | { kind: 'crawl' }
  /** Evidence bundles of ads (export for a court or an investigation). */
  | ({ kind: 'evidence' } & Placed)
  /** Profiles, networks, their evidence and the analysts' corrections (create = correct or rebuild). */
  | ({ kind: 'link' } & Placed)
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
  audit_detail: true,
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
  administration: ['administrator', 'systemadministrator', 'granskare'],
};

/**
 * Roles that read operational data (intelligence, outreach, cases, police work). None of them may
 * be combined with an administrative role on one account: an administrator could otherwise give
 * themselves access, or reach data through an account they manage.
 */
export const OPERATIONAL_ROLES: readonly Role[] = ['kartlaggare', 'uppsokare', 'socialsekreterare', 'polis', 'samordnare'];
/** Roles that manage accounts or read the audit log. */
export const ADMINISTRATIVE_ROLES: readonly Role[] = ['administrator', 'systemadministrator', 'granskare'];

/** The role combination problem of `roles`, or null when they may be held together. */
export function roleConflict(roles: readonly Role[]): string | null {
  const admin = roles.filter((r) => ADMINISTRATIVE_ROLES.includes(r));
  const operational = roles.filter((r) => OPERATIONAL_ROLES.includes(r));
  return admin.length > 0 && operational.length > 0
    ? `${admin.join(', ')} cannot be combined with a role that reads operational data (${operational.join(', ')})`
    : null;
}

/** Whether a record seen in `kommuner` is inside the actor's area (or the actor widened it for this request). */
export function isInArea(actor: Actor, kommuner: readonly string[]): boolean {
  if (!actor.area) return false;
  return actor.area.isWidened || actor.area.isNational === true || kommuner.some((k) => actor.area!.kommuner.includes(k));
}

/**
 * The kommuner a query must be limited to for `actor`: the area, or null when the actor widened
 * it for this request. An actor without an area gets an empty list (sees nothing).
 */
export function areaFilter(actor: Actor): readonly string[] | null {
  if (!actor.area) return [];
  return actor.area.isWidened || actor.area.isNational === true ? null : actor.area.kommuner;
}

const isSameOrganisation = (actor: Actor, organisationId: string | undefined): boolean =>
  organisationId !== undefined && organisationId === actor.organisationId;

const hasRole = (actor: Actor, roles: readonly Role[]): boolean => actor.roles.some((r) => roles.includes(r));

/** A placed record (ad, profile, network, evidence) is visible inside the area; without places, the role decides. */
const isPlacedVisible = (actor: Actor, resource: Placed): boolean => resource.kommuner === undefined || isInArea(actor, resource.kommuner);

/** Decides whether `actor` may perform `action` on `resource`. Pure and total. */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
  switch (resource.kind) {
    case 'module':
      return action === 'view' && hasRole(actor, MODULE_ROLES[resource.module]);
    case 'organisation':
      // The system administrator creates organisations and sets their areas; an administrator reads their own.
      if (hasRole(actor, ['systemadministrator'])) return ['list', 'read', 'create', 'update'].includes(action);
      return hasRole(actor, ['administrator']) && isSameOrganisation(actor, resource.organisationId) && ['read', 'list'].includes(action);
    case 'unit':
    case 'user':
      // Administrators manage their own organisation only; the system administrator every organisation.
      if (!['list', 'read', 'create', 'update'].includes(action)) return false;
      if (hasRole(actor, ['systemadministrator'])) return true;
      // Installation roles are given by the system administrator only.
      if (resource.kind === 'user' && resource.grantsRoles?.some((r) => r === 'systemadministrator' || r === 'granskare')) return false;
      return hasRole(actor, ['administrator']) && isSameOrganisation(actor, resource.organisationId);
    case 'audit_log':
      return hasRole(actor, ['administrator', 'systemadministrator', 'granskare']) && ['list', 'read', 'verify'].includes(action);
    case 'audit_detail':
      return hasRole(actor, ['granskare']) && ['list', 'read'].includes(action);
    case 'places':
      // Public reference data (SCB codes); any signed-in user may read it.
      return action === 'list' || action === 'read';
    case 'ad':
      // Searching and reading ads is mapping work; every search carries a purpose (enforced in the use case).
      return (
        hasRole(actor, ['kartlaggare', 'polis', 'samordnare']) && ['list', 'read'].includes(action) && isPlacedVisible(actor, resource)
      );
    case 'crawl':
      if (action === 'create') return hasRole(actor, ['kartlaggare']);
      return hasRole(actor, ['kartlaggare', 'polis', 'samordnare']) && ['list', 'read'].includes(action);
    case 'evidence':
      return hasRole(actor, ['kartlaggare', 'polis']) && action === 'read' && isPlacedVisible(actor, resource);
    case 'link':
      if (action === 'create') return hasRole(actor, ['kartlaggare', 'polis']) && isPlacedVisible(actor, resource);
      return (
        hasRole(actor, ['kartlaggare', 'polis', 'samordnare']) && ['list', 'read'].includes(action) && isPlacedVisible(actor, resource)
      );
    case 'outreach':
      // Never police, analysts, coordinators, readers or the administrator: social-services secrecy.
      return hasRole(actor, ['uppsokare', 'socialsekreterare']) && ['list', 'read', 'create', 'update'].includes(action);
    case 'outreach_template':
      if (action === 'update') return hasRole(actor, ['administrator', 'systemadministrator', 'socialsekreterare']);
      return (
        hasRole(actor, ['uppsokare', 'socialsekreterare', 'administrator', 'systemadministrator']) && ['list', 'read'].includes(action)
      );
    case 'outreach_stats':
      return hasRole(actor, MODULE_ROLES.statistik) && ['list', 'read'].includes(action);
    case 'statistics':
    // Published figures are suppressed and name no one: every role with the Statistik module reads them.
    case 'demand':
      if (action === 'create') return hasRole(actor, ['kartlaggare', 'samordnare']);
      return hasRole(actor, MODULE_ROLES.statistik) && ['list', 'read'].includes(action);
    case 'demo_data':
      return hasRole(actor, ['systemadministrator']) && ['update'].includes(action);
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
