import { useT } from '../../i18n/i18n';
import { PageHeading } from './page-heading';

export function NotFoundPage() {
  const t = useT();
  return (
    <section>
      <PageHeading title={t('app.notFoundTitle')} />
      <p>{t('app.notFoundText')}</p>
    </section>
  );
}

export function ForbiddenPage() {
  const t = useT();
  return (
    <section>
      <PageHeading title={t('app.forbiddenTitle')} />
      <p>{t('app.forbidden')}</p>
    </section>
  );
}

export function NoModulesPage() {
  const t = useT();
  return (
    <section>
      <PageHeading title={t('app.startTitle')} />
      <p>{t('app.noModules')}</p>
    </section>
  );
}
