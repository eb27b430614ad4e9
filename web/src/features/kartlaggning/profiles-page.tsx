/**
 * Kartläggning: profiles ("Profiler"), highest risk score first, optionally in one kommun. A
 * profile gathers the ads that most likely show one person or contact point, so that support
 * can reach her; the score sums up signs to weigh, never proof.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { linksApi, placesApi } from '../../api/endpoints';
import { useI18n } from '../../i18n/i18n';
import { LoadError, Notice, SelectField } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { DemoBadge } from '../shell/demo-badge';
import { PageHeading } from '../shell/page-heading';
import { formatDay } from './link-names';
import { PurposeGate } from './purpose';

/** At most this many profiles per list; the page says so when the list is full. */
export const PROFILE_LIMIT = 100;

export const profilePath = (id: string) => `/kartlaggning/profiler/${encodeURIComponent(id)}`;
export const networkPath = (id: string) => `/kartlaggning/natverk/${encodeURIComponent(id)}`;

function ProfileList({ purpose }: { purpose: string }) {
  const { t, locale } = useI18n();
  const places = useLoad(() => placesApi.list(), 'places');
  const [kommun, setKommun] = useState('');
  const [shown, setShown] = useState('');
  const list = useLoad(() => linksApi.profiles({ kommun: shown || undefined, limit: PROFILE_LIMIT }, purpose), `${shown}|${purpose}`);
  const heading = useRef<HTMLHeadingElement>(null);
  const hasAsked = useRef(false);

  // After the user filters, focus moves to the result heading.
  useEffect(() => {
    if (hasAsked.current && !list.isLoading && list.data) heading.current?.focus();
  }, [list.isLoading, list.data]);

  const collator = new Intl.Collator(locale === 'sv' ? 'sv-SE' : 'en-GB');
  const kommuner = [...(places.data?.kommuner ?? [])].sort((a, b) => collator.compare(a.name, b.name));
  const items = list.data ?? [];
  const hasDemo = items.some((p) => p.isDemo);
  const kommunName = kommuner.find((k) => k.code === shown)?.name;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    hasAsked.current = true;
    if (kommun === shown) list.reload();
    else setShown(kommun);
  }

  return (
    <>
      <form className="form form--inline profiles-filter" noValidate onSubmit={onSubmit} aria-label={t('profiles.filter')}>
        <SelectField id="profilesKommun" label={t('ads.kommun')} value={kommun} onChange={(event) => setKommun(event.target.value)}>
          <option value="">{t('ads.all')}</option>
          {kommuner.map((k) => (
            <option key={k.code} value={k.code}>
              {k.name}
            </option>
          ))}
        </SelectField>
        <div className="button-row">
          <button type="submit" className="button">
            {t('profiles.show')}
          </button>
        </div>
      </form>
      {places.error ? <LoadError error={places.error} onRetry={places.reload} /> : null}

      <div aria-live="polite" aria-busy={list.isLoading}>
        {list.isLoading ? <p>{t('app.loading')}</p> : null}
      </div>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}

      {list.data ? (
        <section aria-labelledby="profiles-results-title">
          <h2 id="profiles-results-title" ref={heading} tabIndex={-1}>
            {kommunName ? t('profiles.resultsIn', { kommun: kommunName }) : t('profiles.results')}
          </h2>
          {hasDemo ? (
            <Notice>
              <DemoBadge /> {t('profiles.demoNotice')}
            </Notice>
          ) : null}
          {items.length >= PROFILE_LIMIT ? <p>{t('profiles.limit', { count: PROFILE_LIMIT })}</p> : null}
          {items.length ? (
            <div className="table-wrap">
              <table className="table table--compact">
                <caption>{t('profiles.caption', { count: items.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('profiles.colNames')}</th>
                    <th scope="col">{t('profiles.colKommuner')}</th>
                    <th scope="col" className="num">
                      {t('profiles.colAds')}
                    </th>
                    <th scope="col">{t('profiles.colFirstSeen')}</th>
                    <th scope="col">{t('profiles.colLastSeen')}</th>
                    <th scope="col">{t('profiles.colTouring')}</th>
                    <th scope="col" className="num">
                      {t('profiles.colScore')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((p) => (
                    <tr key={p.id} data-testid="profile-row">
                      <th scope="row">
                        <Link to={profilePath(p.id)}>{p.names.length ? p.names.join(', ') : t('profiles.noName', { id: p.id })}</Link>
                        {p.isDemo ? (
                          <>
                            {' '}
                            <DemoBadge />
                          </>
                        ) : null}
                      </th>
                      <td>{p.municipalities.map((m) => m.name).join(', ') || t('ads.noPlace')}</td>
                      <td className="num">{p.adCount}</td>
                      <td>{formatDay(p.firstSeen, locale)}</td>
                      <td>{formatDay(p.lastSeen, locale)}</td>
                      <td>{p.isTouring ? t('app.yes') : t('app.no')}</td>
                      <td className="num">{new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB').format(p.score)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t('profiles.empty')}</p>
          )}
        </section>
      ) : null}
    </>
  );
}

export function ProfilesPage() {
  const { t } = useI18n();
  return (
    <div>
      <PageHeading title={`${t('profiles.title')} – ${t('module.kartlaggning')}`}>{t('profiles.title')}</PageHeading>
      <p className="lead">{t('profiles.lead')}</p>
      <p className="hint">{t('profiles.scoreHint')}</p>
      <PurposeGate idPrefix="profiles">{(purpose) => <ProfileList purpose={purpose} />}</PurposeGate>
    </div>
  );
}
