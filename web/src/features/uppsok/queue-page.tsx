/**
 * Uppsök: the queue of people behind ads in the organisation's area not yet reached, most
 * important first, each with the reasons for its place in words and the factors behind them.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { outreachApi } from '../../api/endpoints';
import { useI18n } from '../../i18n/i18n';
import { LoadError, Notice, SelectField } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { PurposeGate } from '../kartlaggning/purpose';
import { formatDay, indicatorName } from '../kartlaggning/link-names';
import { DemoBadge } from '../shell/demo-badge';
import { PageHeading } from '../shell/page-heading';
import { outreachProfilePath, reasonText } from './outreach-names';

function Queue({ purpose }: { purpose: string }) {
  const { t, locale } = useI18n();
  const [kommun, setKommun] = useState('');
  const [shown, setShown] = useState('');
  const queue = useLoad(() => outreachApi.queue({ kommun: shown || undefined }, purpose), `${shown}|${purpose}`);
  const data = queue.data;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (kommun === shown) queue.reload();
    else setShown(kommun);
  }

  return (
    <>
      {data && data.area.length === 0 ? <Notice>{t('uppsok.noArea')}</Notice> : null}
      {data && data.area.length > 0 ? (
        <>
          <p>{t('uppsok.area', { kommuner: data.area.map((k) => k.name).join(', ') })}</p>
          {data.area.length > 1 ? (
            <form className="form form--inline" noValidate onSubmit={onSubmit} aria-label={t('uppsok.kommunFilter')}>
              <SelectField id="uppsokKommun" label={t('uppsok.kommunFilter')} value={kommun} onChange={(e) => setKommun(e.target.value)}>
                <option value="">{t('uppsok.allKommuner')}</option>
                {data.area.map((k) => (
                  <option key={k.code} value={k.code}>
                    {k.name}
                  </option>
                ))}
              </SelectField>
              <div className="button-row">
                <button type="submit" className="button">
                  {t('uppsok.show')}
                </button>
              </div>
            </form>
          ) : null}
        </>
      ) : null}
      <div aria-live="polite" aria-busy={queue.isLoading}>
        {queue.isLoading ? <p>{t('app.loading')}</p> : null}
      </div>
      {queue.error ? <LoadError error={queue.error} onRetry={queue.reload} /> : null}
      {data && data.area.length > 0 ? (
        data.items.length ? (
          <div className="table-wrap">
            <table className="table table--compact">
              <caption>{t('uppsok.queueCaption', { count: data.items.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('uppsok.colPerson')}</th>
                  <th scope="col">{t('uppsok.colKommun')}</th>
                  <th scope="col">{t('uppsok.colWhy')}</th>
                  <th scope="col">{t('uppsok.colFactors')}</th>
                  <th scope="col">{t('uppsok.colStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <tr key={item.profileId} data-testid="queue-row">
                    <th scope="row">
                      <Link to={outreachProfilePath(item.profileId)}>
                        {item.names.length ? item.names.join(', ') : t('uppsok.noName', { id: item.profileId })}
                      </Link>
                      {item.isDemo ? (
                        <>
                          {' '}
                          <DemoBadge />
                        </>
                      ) : null}
                    </th>
                    <td>{item.kommun.name}</td>
                    <td>
                      <ul className="plain-list">
                        {item.reasons.map((r) => (
                          <li key={r.code}>{reasonText(r, t, locale)}</li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <p>
                        {t('uppsok.factorScore', { score: new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB').format(item.score) })}
                        {', '}
                        {t('uppsok.factorDays', { days: item.daysSinceFirstSeen })}
                      </p>
                      {item.contributions.length ? (
                        <p className="hint">{item.contributions.map((c) => indicatorName(c.code, locale, t)).join(' · ')}</p>
                      ) : null}
                    </td>
                    <td>
                      {t(`uppsok.status.${item.status}`)}
                      {item.earlierElsewhere.length ? (
                        <>
                          <p className="hint">{t('uppsok.earlier')}:</p>
                          <ul className="plain-list hint">
                            {item.earlierElsewhere.map((e) => (
                              <li key={e.id}>
                                {t('uppsok.earlierItem', {
                                  day: formatDay(e.day, locale),
                                  kommun: e.kommun.name,
                                  organisation: e.organisation.name,
                                })}
                              </li>
                            ))}
                          </ul>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('uppsok.queueEmpty')}</p>
        )
      ) : null}
    </>
  );
}

export function QueuePage() {
  const { t } = useI18n();
  return (
    <div>
      <PageHeading title={`${t('uppsok.queueTitle')} – ${t('module.uppsok')}`}>{t('uppsok.queueTitle')}</PageHeading>
      <p className="lead">{t('uppsok.queueLead')}</p>
      <p className="hint">{t('uppsok.queueOrder')}</p>
      <PurposeGate idPrefix="uppsok">{(purpose) => <Queue purpose={purpose} />}</PurposeGate>
    </div>
  );
}
