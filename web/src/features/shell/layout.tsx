import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { Me } from '../../../../src/contracts/identity';
import { useT } from '../../i18n/i18n';
import { useSession } from '../auth/session';
import { LanguageSwitch } from './language-switch';
import { ModuleNav } from './module-nav';

/**
 * Page frame: skip link, header (product, user, language, logout), module navigation and main.
 * Without `me` (login) the user part is left out; with `showNav` false (forced steps) the navigation is.
 */
export function Layout({ me, showNav = false, children }: { me?: Me; showNav?: boolean; children: ReactNode }) {
  const t = useT();
  const { logout } = useSession();
  const navigate = useNavigate();
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        {t('app.skipLink')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <span className="site-header__brand">
            <span className="brand-mark" aria-hidden="true" />
            {t('app.name')}
          </span>
          <div className="site-header__tools">
            {me ? (
              <p className="site-header__user">{t('shell.user', { name: me.displayName, organisation: me.organisation.name })}</p>
            ) : null}
            <LanguageSwitch />
            {me ? (
              <button type="button" className="button button--header" onClick={() => void logout('loggedOut').then(() => navigate('/'))}>
                {t('shell.logout')}
              </button>
            ) : null}
          </div>
        </div>
        {me && showNav ? <ModuleNav modules={me.modules} /> : null}
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        {children}
      </main>
    </div>
  );
}
