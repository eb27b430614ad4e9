import { NavLink, Route, Routes } from 'react-router';
import { useT } from '../../i18n/i18n';
import { NotFoundPage } from '../shell/simple-pages';
import { AdsPage } from './ads-page';
import { NetworkPage } from './network-page';
import { ProfilePage } from './profile-page';
import { ProfilesPage } from './profiles-page';
import { SourcesPage } from './sources-page';

export const KARTLAGGNING_PATHS = {
  ads: '/kartlaggning',
  profiles: '/kartlaggning/profiler',
  sources: '/kartlaggning/kallor',
} as const;

/** Kartläggning: ad search ("Annonser"), profiles and networks ("Profiler"), and sources with their crawls ("Källor"). */
export function KartlaggningSection() {
  const t = useT();
  return (
    <div className="kartlaggning">
      <nav className="sub-nav" aria-label={t('kartlaggning.nav')}>
        <ul>
          <li>
            <NavLink to={KARTLAGGNING_PATHS.ads} end>
              {t('kartlaggning.ads')}
            </NavLink>
          </li>
          <li>
            <NavLink to={KARTLAGGNING_PATHS.profiles}>{t('kartlaggning.profiles')}</NavLink>
          </li>
          <li>
            <NavLink to={KARTLAGGNING_PATHS.sources}>{t('kartlaggning.sources')}</NavLink>
          </li>
        </ul>
      </nav>
      <Routes>
        <Route index element={<AdsPage />} />
        <Route path="profiler" element={<ProfilesPage />} />
        <Route path="profiler/:id" element={<ProfilePage />} />
        <Route path="natverk/:id" element={<NetworkPage />} />
        <Route path="kallor" element={<SourcesPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </div>
  );
}
