/** Uppsök: follow-up reminders due in the coming week (and overdue ones), each with a "done" button. */
import { useState } from 'react';
import { Link } from 'react-router';
import { outreachApi } from '../../api/endpoints';
import { useI18n } from '../../i18n/i18n';
import { LoadError, Notice, errorMessage } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { formatDay } from '../kartlaggning/link-names';
import { PurposeGate } from '../kartlaggning/purpose';
import { PageHeading } from '../shell/page-heading';
import { channelName, outcomeName, outreachProfilePath } from './outreach-names';

function FollowUpList({ purpose }: { purpose: string }) {
  const { t, locale } = useI18n();
  const list = useLoad(() => outreachApi.followUps(purpose), `follow-ups|${purpose}`);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function done(contactId: string) {
    setFailure(null);
    try {
      await outreachApi.completeFollowUp(contactId);
      setStatus(t('uppsok.doneNotice'));
      list.reload();
    } catch (error) {
      setFailure(errorMessage(t, error));
    }
  }

  const items = list.data ?? [];
  return (
    <>
      {status ? <Notice kind="success">{status}</Notice> : null}
      {failure ? (
        <div role="alert" className="error-summary">
          <p>{failure}</p>
        </div>
      ) : null}
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.isLoading && !list.data ? <p>{t('app.loading')}</p> : null}
      {list.data && items.length === 0 ? <p>{t('uppsok.followUpsEmpty')}</p> : null}
      {items.length ? (
        <div className="table-wrap">
          <table className="table table--compact">
            <caption>{t('uppsok.followUpsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('uppsok.colDue')}</th>
                <th scope="col">{t('uppsok.colPerson')}</th>
                <th scope="col">{t('uppsok.colKommun')}</th>
                <th scope="col">{t('uppsok.colLast')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('uppsok.markDone')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((f) => (
                <tr key={f.contactId} data-testid="follow-up-row">
                  <th scope="row">
                    {formatDay(f.followUpOn, locale)}
                    {f.isOverdue ? <span className="tag"> {t('uppsok.overdue')}</span> : null}
                  </th>
                  <td>
                    <Link to={outreachProfilePath(f.profileId)}>{f.profileId}</Link>
                  </td>
                  <td>{f.kommun.name}</td>
                  <td>
                    {formatDay(f.contactAt.slice(0, 10), locale)}: {channelName(f.channel, t)}, {outcomeName(f.outcome, t)}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={t('uppsok.markDoneLabel', { day: formatDay(f.followUpOn, locale) })}
                      onClick={() => void done(f.contactId)}
                    >
                      {t('uppsok.markDone')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

export function FollowUpsPage() {
  const { t } = useI18n();
  return (
    <div>
      <PageHeading title={`${t('uppsok.followUpsTitle')} – ${t('module.uppsok')}`}>{t('uppsok.followUpsTitle')}</PageHeading>
      <p className="lead">{t('uppsok.followUpsLead')}</p>
      <PurposeGate idPrefix="uppsokFollowUps">{(purpose) => <FollowUpList purpose={purpose} />}</PurposeGate>
    </div>
  );
}
