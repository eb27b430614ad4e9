import { useState, type FormEvent } from 'react';
import type { AuditEvent } from '../../../../src/contracts/identity';
import { adminApi, type AuditFilter } from '../../api/endpoints';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { ErrorSummary, LoadError, SelectField, TextField, type FieldErrors, type SummaryItem } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { PageHeading } from '../shell/page-heading';

type Outcome = AuditEvent['outcome'];
const OUTCOMES = ['success', 'failure', 'denied'] as const satisfies readonly Outcome[];
const PAGE_SIZE = 50;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function outcomeKey(outcome: Outcome): MessageKey {
  return `outcome.${outcome}`;
}

interface FilterForm {
  action: string;
  outcome: '' | Outcome;
  from: string;
  to: string;
}

const EMPTY: FilterForm = { action: '', outcome: '', from: '', to: '' };

function toFilter(form: FilterForm, before: number | undefined): AuditFilter {
  return {
    action: form.action.trim() || undefined,
    outcome: form.outcome || undefined,
    from: form.from || undefined,
    to: form.to || undefined,
    before,
    limit: PAGE_SIZE,
  };
}

/** The audit log, newest first, with filters and paging backwards ("Äldre"). */
export function AuditPage() {
  const { t, formatDateTime } = useI18n();
  const [draft, setDraft] = useState<FilterForm>(EMPTY);
  const [applied, setApplied] = useState<FilterForm>(EMPTY);
  const [before, setBefore] = useState<number | undefined>(undefined);
  const [errors, setErrors] = useState<FieldErrors<'auditFrom' | 'auditTo'>>({});
  const filter = toFilter(applied, before);
  const events = useLoad(() => adminApi.audit(filter), JSON.stringify(filter));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: FieldErrors<'auditFrom' | 'auditTo'> = {};
    if (draft.from && !DATE_PATTERN.test(draft.from)) next.auditFrom = t('audit.errDate');
    if (draft.to && !DATE_PATTERN.test(draft.to)) next.auditTo = t('audit.errDate');
    setErrors(next);
    if (Object.keys(next).length) return;
    setApplied(draft);
    setBefore(undefined);
  }

  const summary: SummaryItem[] = (['auditFrom', 'auditTo'] as const).flatMap((field) => {
    const message = errors[field];
    return message ? [{ fieldId: field, message }] : [];
  });

  const set = <K extends keyof FilterForm>(key: K, value: FilterForm[K]) => setDraft((prev) => ({ ...prev, [key]: value }));

  return (
    <div>
      <PageHeading title={t('audit.title')} />
      <section aria-labelledby="audit-filter-title" className="panel">
        <h2 id="audit-filter-title">{t('audit.filters')}</h2>
        <ErrorSummary items={summary} />
        <form className="form form--inline" noValidate onSubmit={onSubmit}>
          <TextField
            id="auditAction"
            label={t('audit.action')}
            hint={t('audit.actionHint')}
            value={draft.action}
            onChange={(event) => set('action', event.target.value)}
          />
          <SelectField
            id="auditOutcome"
            label={t('audit.outcome')}
            value={draft.outcome}
            onChange={(event) => set('outcome', event.target.value as FilterForm['outcome'])}
          >
            <option value="">{t('audit.outcomeAll')}</option>
            {OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(outcomeKey(outcome))}
              </option>
            ))}
          </SelectField>
          <TextField
            id="auditFrom"
            type="date"
            label={t('audit.from')}
            value={draft.from}
            onChange={(event) => set('from', event.target.value)}
            error={errors.auditFrom}
          />
          <TextField
            id="auditTo"
            type="date"
            label={t('audit.to')}
            value={draft.to}
            onChange={(event) => set('to', event.target.value)}
            error={errors.auditTo}
          />
          <div className="button-row">
            <button type="submit" className="button">
              {t('audit.search')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setDraft(EMPTY);
                setApplied(EMPTY);
                setBefore(undefined);
                setErrors({});
              }}
            >
              {t('audit.clear')}
            </button>
          </div>
        </form>
      </section>
      {events.error ? <LoadError error={events.error} onRetry={events.reload} /> : null}
      <div aria-live="polite" aria-busy={events.isLoading}>
        {events.isLoading ? <p>{t('app.loading')}</p> : null}
        {events.data && !events.isLoading ? <p>{t('audit.count', { count: events.data.items.length })}</p> : null}
      </div>
      {events.data ? (
        events.data.items.length ? (
          <div className="table-wrap">
            <table className="table table--compact">
              <caption>{t('audit.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.at')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.outcome')}</th>
                  <th scope="col">{t('audit.resource')}</th>
                  <th scope="col">{t('audit.purpose')}</th>
                  <th scope="col">{t('audit.requestId')}</th>
                </tr>
              </thead>
              <tbody>
                {events.data.items.map((event) => (
                  <tr key={event.seq}>
                    <td>{formatDateTime(event.at)}</td>
                    <td>{event.actorName ?? event.actorId ?? t('audit.system')}</td>
                    <td>
                      <code>{event.action}</code>
                    </td>
                    <td>
                      <span className={`outcome outcome--${event.outcome}`}>{t(outcomeKey(event.outcome))}</span>
                    </td>
                    <td>{[event.resourceKind, event.resourceId].filter(Boolean).join(' ') || '–'}</td>
                    <td>{event.purpose ?? '–'}</td>
                    <td>
                      <code className="small">{event.requestId ?? '–'}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('audit.empty')}</p>
        )
      ) : null}
      <div className="button-row">
        {before !== undefined ? (
          <button type="button" className="button button--secondary" onClick={() => setBefore(undefined)}>
            {t('audit.newest')}
          </button>
        ) : null}
        {typeof events.data?.nextBefore === 'number' ? (
          <button type="button" className="button button--secondary" onClick={() => setBefore(events.data?.nextBefore ?? undefined)}>
            {t('audit.older')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
