import { useState } from 'react';
import { Link } from 'react-router';
import { adminApi, placesApi } from '../../api/endpoints';
import { useI18n } from '../../i18n/i18n';
import { LoadError, Notice } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { PageHeading } from '../shell/page-heading';
import { OrganisationForm, kindLabelKey } from './organisation-form';

export function OrganisationsPage() {
  const { t, formatDateTime } = useI18n();
  const organisations = useLoad(() => adminApi.organisations(), 'organisations');
  const places = useLoad(() => placesApi.list(), 'places');
  const [created, setCreated] = useState<string | null>(null);

  return (
    <div>
      <PageHeading title={t('org.listTitle')} />
      {created ? <Notice kind="success">{t('org.createdNotice', { name: created })}</Notice> : null}
      {organisations.error ? <LoadError error={organisations.error} onRetry={organisations.reload} /> : null}
      {organisations.isLoading && !organisations.data ? <p role="status">{t('app.loading')}</p> : null}
      {organisations.data ? (
        organisations.data.length ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('org.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('org.name')}</th>
                  <th scope="col">{t('org.kind')}</th>
                  <th scope="col">{t('org.requireTotp')}</th>
                  <th scope="col">{t('org.scope')}</th>
                  <th scope="col">{t('org.created')}</th>
                  <th scope="col">{t('org.units')}</th>
                </tr>
              </thead>
              <tbody>
                {organisations.data.map((organisation) => (
                  <tr key={organisation.id}>
                    <th scope="row">{organisation.name}</th>
                    <td>{t(kindLabelKey(organisation.kind))}</td>
                    <td>{organisation.requireTotp ? t('app.yes') : t('app.no')}</td>
                    <td>
                      {t('org.scopeSummary', {
                        kommuner: organisation.scope.kommuner.length,
                        lan: organisation.scope.lan.length,
                        polisregioner: organisation.scope.polisregioner.length,
                      })}
                    </td>
                    <td>{formatDateTime(organisation.createdAt)}</td>
                    <td>
                      <Link to={`/administration/organisationer/${encodeURIComponent(organisation.id)}`}>
                        {t('org.showUnits', { name: organisation.name })}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('org.empty')}</p>
        )
      ) : null}
      {places.error ? <LoadError error={places.error} onRetry={places.reload} /> : null}
      <OrganisationForm
        idPrefix="org"
        title={t('org.createTitle')}
        submitLabel={t('org.create')}
        places={places.data}
        onSubmit={async (values) => {
          const organisation = await adminApi.createOrganisation(values);
          setCreated(organisation.name);
          organisations.reload();
        }}
      />
    </div>
  );
}
