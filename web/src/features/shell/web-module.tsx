import type { ReactNode } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import type { ModuleKey } from '../../../../src/core/shared/vocabulary';
import { useT, type MessageKey } from '../../i18n/i18n';
import { modulePath } from './modules';
import { NotFoundPage } from './simple-pages';

/** One page of a module: its path below the module's path, what it shows, and its sub-navigation link if it has one. */
export interface WebPage {
  /** Below the module's path: '' is the module's own page; 'profiler/:id' a page with a parameter. */
  path: string;
  element: ReactNode;
  /** The label of the page's link in the module's sub-navigation; no link when absent. */
  nav?: MessageKey;
}

/**
 * A module of the web app: what `app.tsx` mounts at `/<module>/*` and what the sub-navigation
 * shows. A new module writes one of these in its feature folder and adds it to
 * `web/src/modules.ts`; the shell, the routes and the forbidden pages follow from the registry.
 */
export interface WebModule {
  key: ModuleKey;
  /** The accessible name of the module's sub-navigation. */
  navLabel: MessageKey;
  /** The class of the module's wrapper element. */
  className: string;
  pages: readonly WebPage[];
}

/** The sub-navigation and the routes of one module. */
export function ModuleSection({ module }: { module: WebModule }) {
  const t = useT();
  const base = modulePath(module.key);
  const linked = module.pages.filter((page): page is WebPage & { nav: MessageKey } => page.nav !== undefined);
  return (
    <div className={module.className}>
      <nav className="sub-nav" aria-label={t(module.navLabel)}>
        <ul>
          {linked.map((page) => (
            <li key={page.path}>
              <NavLink to={page.path === '' ? base : `${base}/${page.path}`} end={page.path === ''}>
                {t(page.nav)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        {module.pages.map((page) =>
          page.path === '' ? (
            <Route key="" index element={page.element} />
          ) : (
            <Route key={page.path} path={page.path} element={page.element} />
          ),
        )}
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </div>
  );
}
