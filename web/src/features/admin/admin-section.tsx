import { Navigate } from 'react-router';
import type { WebModule } from '../shell/web-module';
import { AdminTemplatesPage } from '../uppsok/templates-page';
import { AuditPage } from './audit-page';
import { OrganisationUnitsPage } from './organisation-units-page';
import { OrganisationsPage } from './organisations-page';
import { UserEditPage } from './user-edit-page';
import { UsersPage } from './users-page';

export const ADMIN_PATHS = {
  organisations: '/administration/organisationer',
  users: '/administration/anvandare',
  audit: '/administration/granskningslogg',
  templates: '/administration/meddelandemallar',
} as const;

/** Administration: organisations and units, users, the audit log, and the outreach message templates. */
export const administrationModule: WebModule = {
  key: 'administration',
  navLabel: 'admin.nav',
  className: 'admin',
  pages: [
    { path: '', element: <Navigate to={ADMIN_PATHS.organisations} replace /> },
    { path: 'organisationer', element: <OrganisationsPage />, nav: 'admin.organisations' },
    { path: 'organisationer/:organisationId', element: <OrganisationUnitsPage /> },
    { path: 'anvandare', element: <UsersPage />, nav: 'admin.users' },
    { path: 'anvandare/:userId', element: <UserEditPage /> },
    { path: 'granskningslogg', element: <AuditPage />, nav: 'admin.audit' },
    { path: 'meddelandemallar', element: <AdminTemplatesPage />, nav: 'admin.templates' },
  ],
};
