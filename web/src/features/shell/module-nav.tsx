import { NavLink } from 'react-router';
import type { ModuleKey } from '../../../../src/contracts/identity';
import { useT } from '../../i18n/i18n';
import { moduleLabelKey, modulePath, orderedModules } from './modules';

/** The main navigation: only the modules the server computed for this user. */
export function ModuleNav({ modules }: { modules: readonly ModuleKey[] }) {
  const t = useT();
  const visible = orderedModules(modules);
  if (!visible.length) return null;
  return (
    <nav className="module-nav" aria-label={t('shell.nav')}>
      <ul>
        {visible.map((module) => (
          <li key={module}>
            <NavLink to={modulePath(module)} className="module-nav__link">
              {t(moduleLabelKey(module))}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
