import { NavLink, Route, Routes } from 'react-router';
import { useT } from '../../i18n/i18n';
import { NotFoundPage } from '../shell/simple-pages';
import { DemandPage } from './demand-page';

export const STATISTIK_PATHS = { demand: '/statistik' } as const;

/** Statistik: the demand side ("Efterfrågan"); the Kartläggning dashboard joins here later. */
export function StatistikSection() {
  const t = useT();
  return (
    <div className="statistik">
      <nav className="sub-nav" aria-label={t('statistik.nav')}>
        <ul>
          <li>
            <NavLink to={STATISTIK_PATHS.demand} end>
              {t('statistik.demand')}
            </NavLink>
          </li>
        </ul>
      </nav>
      <Routes>
        <Route index element={<DemandPage />} />
        <Route path="efterfragan" element={<DemandPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </div>
  );
}
