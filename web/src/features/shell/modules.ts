import type { ModuleKey } from '../../../../src/contracts/identity';
import type { MessageKey } from '../../i18n/i18n';

/** Navigation order of the modules; the same as MODULES in the contract. */
export const MODULE_ORDER = [
  'kartlaggning',
  'uppsok',
  'insatser',
  'arenden',
  'samverkan',
  'statistik',
  'administration',
] as const satisfies readonly ModuleKey[];

export function modulePath(module: ModuleKey): string {
  return `/${module}`;
}

export function moduleLabelKey(module: ModuleKey): MessageKey {
  return `module.${module}`;
}

/** The modules the server allows, in navigation order, whatever order they came in. */
export function orderedModules(allowed: readonly ModuleKey[]): ModuleKey[] {
  return MODULE_ORDER.filter((module) => allowed.includes(module));
}
