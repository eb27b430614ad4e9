/**
 * The outreach message templates in the languages of the market, with what each must say. Users the
 * server allows to edit them (administrators, socialsekreterare) get an editor per template; a text
 * that lacks a content point is refused by the server, which names what is missing.
 */
import { useState, type FormEvent } from 'react';
import type { TemplateDto } from '../../../../src/contracts/outreach';
import { outreachApi } from '../../api/endpoints';
import { useI18n } from '../../i18n/i18n';
import { CheckboxField, LoadError, Notice, TextAreaField, TextField, errorMessage } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { PageHeading } from '../shell/page-heading';
import { pointName } from './outreach-names';

function TemplateEditor({ tpl, onSaved }: { tpl: TemplateDto; onSaved: () => void }) {
  const { t } = useI18n();
  const [body, setBody] = useState(tpl.body);
  const [free, setFree] = useState(tpl.markers.freeAndVoluntary);
  const [crime, setCrime] = useState(tpl.markers.notACrime);
  const [isActive, setIsActive] = useState(tpl.isActive);
  const [needsReview, setNeedsReview] = useState(tpl.needsNativeReview);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const id = (x: string) => `tpl-${tpl.id}-${x}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    setSaved(false);
    try {
      await outreachApi.updateTemplate(tpl.id, {
        body,
        markers: { freeAndVoluntary: free, notACrime: crime },
        isActive,
        needsNativeReview: needsReview,
      });
      setSaved(true);
      onSaved();
    } catch (error) {
      setFailure(errorMessage(t, error));
    }
  }

  return (
    <details>
      <summary>{t('uppsok.templateEdit', { name: tpl.name })}</summary>
      {failure ? (
        <div role="alert" className="error-summary">
          <p>
            <span className="error-prefix">{t('app.errorPrefix')}</span> {failure}
          </p>
        </div>
      ) : null}
      {saved ? <Notice kind="success">{t('uppsok.templateSaved')}</Notice> : null}
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextAreaField
          id={id('body')}
          label={t('uppsok.templateBody')}
          hint={t('uppsok.templateBodyHint')}
          lang={tpl.language}
          rows={6}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
        <TextField
          id={id('free')}
          label={t('uppsok.templateFree')}
          lang={tpl.language}
          value={free}
          onChange={(e) => setFree(e.target.value)}
        />
        <TextField
          id={id('crime')}
          label={t('uppsok.templateCrime')}
          lang={tpl.language}
          value={crime}
          onChange={(e) => setCrime(e.target.value)}
        />
        <CheckboxField
          id={id('active')}
          label={t('uppsok.templateActive')}
          checked={isActive}
          onChange={(e) => setIsActive(e.target.checked)}
        />
        <CheckboxField
          id={id('review')}
          label={t('uppsok.templateNeedsReview')}
          checked={needsReview}
          onChange={(e) => setNeedsReview(e.target.checked)}
        />
        <div className="button-row">
          <button type="submit" className="button">
            {t('app.save')}
          </button>
        </div>
      </form>
    </details>
  );
}

/** The templates with their texts; an editor per template when the server allows it. */
export function TemplateList() {
  const { t } = useI18n();
  const list = useLoad(() => outreachApi.templatesWithRights(), 'templates');
  return (
    <>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.isLoading && !list.data ? <p>{t('app.loading')}</p> : null}
      {(list.data?.items ?? []).map((tpl) => (
        <section key={tpl.id} aria-labelledby={`tpl-${tpl.id}`} className="card" data-testid="template">
          <h2 id={`tpl-${tpl.id}`}>
            {tpl.name}
            {tpl.needsNativeReview ? <span className="tag"> {t('uppsok.templateReview')}</span> : null}
            {!tpl.isActive ? <span className="tag"> {t('uppsok.templateInactive')}</span> : null}
          </h2>
          <p lang={tpl.language}>{tpl.body}</p>
          {tpl.missing.length ? (
            <p role="note" className="error-summary">
              {t('uppsok.templateMissing', { points: tpl.missing.map((p) => pointName(p, t)).join(', ') })}
            </p>
          ) : null}
          {list.data?.canEdit ? <TemplateEditor tpl={tpl} onSaved={list.reload} /> : null}
        </section>
      ))}
    </>
  );
}

export function TemplatesPage() {
  const { t } = useI18n();
  return (
    <div>
      <PageHeading title={`${t('uppsok.templatesTitle')} – ${t('module.uppsok')}`}>{t('uppsok.templatesTitle')}</PageHeading>
      <p className="lead">{t('uppsok.templatesLead')}</p>
      <TemplateList />
    </div>
  );
}

/** Administration → Meddelandemallar: the same list and editors (templates hold no personal data). */
export function AdminTemplatesPage() {
  const { t } = useI18n();
  return (
    <div>
      <PageHeading title={`${t('uppsok.templatesTitle')} – ${t('module.administration')}`}>{t('uppsok.templatesTitle')}</PageHeading>
      <p className="lead">{t('uppsok.templatesLead')}</p>
      <TemplateList />
    </div>
  );
}
