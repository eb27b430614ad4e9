import { useT } from '../../i18n/i18n';

/** A visible marker for demo data. Text, not colour alone, says what it is. */
export function DemoBadge() {
  const t = useT();
  return (
    <span className="demo-badge" title={t('app.demoLabel')}>
      <span aria-hidden="true">{t('app.demo')}</span>
      <span className="visually-hidden">{t('app.demoLabel')}</span>
    </span>
  );
}
