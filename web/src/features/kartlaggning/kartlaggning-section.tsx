import type { WebModule } from '../shell/web-module';
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
export const kartlaggningModule: WebModule = {
  key: 'kartlaggning',
  navLabel: 'kartlaggning.nav',
  className: 'kartlaggning',
  pages: [
    { path: '', element: <AdsPage />, nav: 'kartlaggning.ads' },
    { path: 'profiler', element: <ProfilesPage />, nav: 'kartlaggning.profiles' },
    { path: 'profiler/:id', element: <ProfilePage /> },
    { path: 'natverk/:id', element: <NetworkPage /> },
    { path: 'kallor', element: <SourcesPage />, nav: 'kartlaggning.sources' },
  ],
};
