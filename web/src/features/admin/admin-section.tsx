import { NavLink, Navigate, Route, Routes } from 'react-router';
import { useT } from '../../i18n/i18n';
import { NotFoundPage } from '../shell/simple-pages';
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
export function AdminSection() {
  const t = useT();
  return (
    <div className="admin">
      <nav className="sub-nav" aria-label={t('admin.nav')}>
        <ul>
          <li>
            <NavLink to={ADMIN_PATHS.organisations}>{t('admin.organisations')}</NavLink>
          </li>
          <li>
            <NavLink to={ADMIN_PATHS.users}>{t('admin.users')}</NavLink>
          </li>
          <li>
            <NavLink to={ADMIN_PATHS.audit}>{t('admin.audit')}</NavLink>
          </li>
          <li>
            <NavLink to={ADMIN_PATHS.templates}>{t('admin.templates')}</NavLink>
          </li>
        </ul>
      </nav>
      <Routes>
        <Route index element={<Navigate to={ADMIN_PATHS.organisations} replace />} />
        <Route path="organisationer" element={<OrganisationsPage />} />
        <Route path="organisationer/:organisationId" element={<OrganisationUnitsPage />} />
        <Route path="anvandare" element={<UsersPage />} />
        <Route path="anvandare/:userId" element={<UserEditPage />} />
        <Route path="granskningslogg" element={<AuditPage />} />
        <Route path="meddelandemallar" element={<AdminTemplatesPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </div>
  );
}
