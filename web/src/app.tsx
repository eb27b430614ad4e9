import { Navigate, Route, Routes } from 'react-router';
import type { Me } from '../../src/contracts/identity';
import { MODULES } from '../../src/core/shared/vocabulary';
import { ChangePasswordPage } from './features/auth/change-password-page';
import { EnrollTotpPage } from './features/auth/enroll-totp-page';
import { LoginPage } from './features/auth/login-page';
import { useSession } from './features/auth/session';
import { ModulePlaceholderPage } from './features/modules/module-placeholder-page';
import { Layout } from './features/shell/layout';
import { modulePath, orderedModules } from './features/shell/modules';
import { ForbiddenPage, NoModulesPage, NotFoundPage } from './features/shell/simple-pages';
import { ModuleSection } from './features/shell/web-module';
import { useT } from './i18n/i18n';
import { WEB_MODULES } from './modules';
import { LoadError } from './ui/form';

/** The routes of the modules, read from the registry (web/src/modules.ts). */
function ShellRoutes({ me }: { me: Me }) {
  const modules = orderedModules(me.modules);
  const first = modules[0];
  return (
    <Routes>
      <Route path="/" element={first ? <Navigate to={modulePath(first)} replace /> : <NoModulesPage />} />
      {modules.map((key) => {
        const module = WEB_MODULES[key];
        return module ? (
          <Route key={key} path={`${modulePath(key)}/*`} element={<ModuleSection module={module} />} />
        ) : (
          <Route key={key} path={modulePath(key)} element={<ModulePlaceholderPage module={key} />} />
        );
      })}
      {/* Known modules this user may not see: say so rather than "not found". */}
      {MODULES.filter((key) => !modules.includes(key)).map((key) => (
        <Route key={key} path={`${modulePath(key)}/*`} element={<ForbiddenPage />} />
      ))}
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

/** Chooses what to show from the session: login, a forced step, or the app shell. */
export function App() {
  const t = useT();
  const { session, refresh } = useSession();

  switch (session.status) {
    case 'loading':
      return (
        <Layout>
          <p role="status" className="loading">
            {t('app.loading')}
          </p>
        </Layout>
      );
    case 'unreachable':
      return (
        <Layout>
          <LoadError error={session.error} onRetry={() => void refresh()} />
        </Layout>
      );
    case 'anonymous':
      return (
        <Layout>
          <LoginPage notice={session.notice} />
        </Layout>
      );
    case 'authenticated': {
      const { me } = session;
      if (me.mustChangePassword)
        return (
          <Layout me={me}>
            <ChangePasswordPage />
          </Layout>
        );
      if (me.mustEnrollTotp)
        return (
          <Layout me={me}>
            <EnrollTotpPage />
          </Layout>
        );
      return (
        <Layout me={me} showNav>
          <ShellRoutes me={me} />
        </Layout>
      );
    }
  }
}
