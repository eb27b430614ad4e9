import type { WebModule } from '../shell/web-module';
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
export const statistikModule: WebModule = {
  key: 'statistik',
  navLabel: 'stats.nav',
  className: 'statistik-section',
  pages: [
    { path: '', element: <DashboardPage />, nav: 'stats.overview' },
    { path: 'efterfragan', element: <DemandPage />, nav: 'statistik.demand' },
    { path: 'kartlaggningar', element: <MappingsPage />, nav: 'stats.mappings' },
  ],
};
