import { MODULES, type ModuleKey } from '../../../../src/core/shared/vocabulary';
import type { MessageKey } from '../../i18n/i18n';

export function modulePath(module: ModuleKey): string {
  return `/${module}`;
}

export function moduleLabelKey(module: ModuleKey): MessageKey {
  return `module.${module}`;
}

/** The modules the server allows, in navigation order, whatever order they came in. */
export function orderedModules(allowed: readonly ModuleKey[]): ModuleKey[] {
  return MODULES.filter((module) => allowed.includes(module));
}
