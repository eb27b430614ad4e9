import { NavLink, Route, Routes } from 'react-router';
import { useT } from '../../i18n/i18n';
import { NotFoundPage } from '../shell/simple-pages';
import { DashboardPage } from './dashboard-page';
import { DemandPage } from './demand-page';
import { MappingsPage } from './mappings-page';

export const STATISTIK_PATHS = {
  overview: '/statistik',
  demand: '/statistik/efterfragan',
  mappings: '/statistik/kartlaggningar',
} as const;

/**
 * Statistik: the kartläggning dashboard ("Översikt"), the demand side ("Efterfrågan") and frozen
 * mappings ("Kartläggningar"). Every role with the module sees them: the figures are published
 * with small counts suppressed. Ad-level views stay in Kartläggning behind access control.
 */
export function StatistikSection() {
  const t = useT();
  return (
    <div className="statistik-section">
      <nav className="sub-nav" aria-label={t('stats.nav')}>
        <ul>
          <li>
            <NavLink to={STATISTIK_PATHS.overview} end>
              {t('stats.overview')}
            </NavLink>
          </li>
          <li>
            <NavLink to={STATISTIK_PATHS.demand}>{t('statistik.demand')}</NavLink>
          </li>
          <li>
            <NavLink to={STATISTIK_PATHS.mappings}>{t('stats.mappings')}</NavLink>
          </li>
        </ul>
      </nav>
      <Routes>
        <Route index element={<DashboardPage />} />
        <Route path="efterfragan" element={<DemandPage />} />
        <Route path="kartlaggningar" element={<MappingsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </div>
  );
}
