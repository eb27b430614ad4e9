/** Uppsök: the message templates in the languages of the market, with what each must say. */
import { outreachApi } from '../../api/endpoints';
import { useI18n } from '../../i18n/i18n';
import { LoadError } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { PageHeading } from '../shell/page-heading';
import { pointName } from './outreach-names';

export function TemplatesPage() {
  const { t } = useI18n();
  const list = useLoad(() => outreachApi.templates(), 'templates');
  return (
    <div>
      <PageHeading title={`${t('uppsok.templatesTitle')} – ${t('module.uppsok')}`}>{t('uppsok.templatesTitle')}</PageHeading>
      <p className="lead">{t('uppsok.templatesLead')}</p>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.isLoading && !list.data ? <p>{t('app.loading')}</p> : null}
      {(list.data ?? []).map((tpl) => (
        <section key={tpl.id} aria-labelledby={`tpl-${tpl.id}`} className="card" data-testid="template">
          <h2 id={`tpl-${tpl.id}`}>
            {tpl.name}
            {tpl.needsNativeReview ? <span className="tag"> {t('uppsok.templateReview')}</span> : null}
          </h2>
          <p lang={tpl.language}>{tpl.body}</p>
          {tpl.missing.length ? (
            <p role="note" className="error-summary">
              {t('uppsok.templateMissing', { points: tpl.missing.map((p) => pointName(p, t)).join(', ') })}
            </p>
          ) : null}
        </section>
      ))}
    </div>
  );
}
