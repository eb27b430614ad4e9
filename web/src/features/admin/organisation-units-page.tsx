import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { adminApi, placesApi } from '../../api/endpoints';
import { useT } from '../../i18n/i18n';
import { ErrorSummary, LoadError, Notice, TextField, errorMessage, type SummaryItem } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { PageHeading } from '../shell/page-heading';
import { ADMIN_PATHS } from './admin-section';
import { OrganisationForm } from './organisation-form';

/** One organisation: its units (list and create) and its settings (name, TOTP requirement, scope). */
export function OrganisationUnitsPage() {
  const t = useT();
  const { organisationId = '' } = useParams();
  const organisations = useLoad(() => adminApi.organisations(), 'organisations');
  const units = useLoad(() => adminApi.units(organisationId), `units:${organisationId}`);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const places = useLoad(() => placesApi.list(), 'places');
  const [savedNotice, setSavedNotice] = useState<string | null>(null);

  const organisation = organisations.data?.find((item) => item.id === organisationId);
  const orgName = organisation?.name ?? '';

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isBusy) return;
    setFormError(null);
    const trimmed = name.trim();
    if (trimmed.length < 2 || trimmed.length > 200) {
      setNameError(t('unit.errNameLength'));
      return;
    }
    setNameError(undefined);
    setIsBusy(true);
    try {
      const unit = await adminApi.createUnit(organisationId, { name: trimmed });
      setName('');
      setCreated(unit.name);
      units.reload();
    } catch (error) {
      setFormError(errorMessage(t, error));
    } finally {
      setIsBusy(false);
    }
  }

  if (organisations.data && !organisation) {
    return (
      <div>
        <PageHeading title={t('org.notFound')} />
        <p>
          <Link to={ADMIN_PATHS.organisations}>{t('org.back')}</Link>
        </p>
      </div>
    );
  }

  const summary: SummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...(nameError ? [{ fieldId: 'unitName', message: nameError }] : []),
  ];

  return (
    <div>
      <p className="back-link">
        <Link to={ADMIN_PATHS.organisations}>{t('org.back')}</Link>
      </p>
      <PageHeading title={organisation ? t('unit.title', { name: orgName }) : t('app.loading')} />
      {organisations.error ? <LoadError error={organisations.error} onRetry={organisations.reload} /> : null}
      {units.error ? <LoadError error={units.error} onRetry={units.reload} /> : null}
      {created ? <Notice kind="success">{t('unit.createdNotice', { name: created })}</Notice> : null}
      {units.data ? (
        units.data.length ? (
          <ul className="plain-list">
            {units.data.map((unit) => (
              <li key={unit.id}>{unit.name}</li>
            ))}
          </ul>
        ) : (
          <p>{t('unit.empty')}</p>
        )
      ) : null}
      <section aria-labelledby="unit-create-title" className="panel">
        <h2 id="unit-create-title">{t('unit.createTitle')}</h2>
        <ErrorSummary items={summary} />
        <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
          <TextField
            id="unitName"
            label={t('unit.name')}
            value={name}
            onChange={(event) => setName(event.target.value)}
            error={nameError}
            isRequired
          />
          <button type="submit" className="button" aria-disabled={isBusy}>
            {isBusy ? t('app.saving') : t('unit.create')}
          </button>
        </form>
      </section>
      {savedNotice ? <Notice kind="success">{savedNotice}</Notice> : null}
      {places.error ? <LoadError error={places.error} onRetry={places.reload} /> : null}
      {organisation ? (
        <OrganisationForm
          key={organisation.id}
          idPrefix="editOrg"
          title={t('org.editTitle')}
          submitLabel={t('org.saveChanges')}
          places={places.data}
          initial={organisation}
          onSubmit={async ({ name: newName, requireTotp, scope }) => {
            setSavedNotice(null);
            const saved = await adminApi.updateOrganisation(organisation.id, { name: newName, requireTotp, scope });
            setSavedNotice(t('org.savedNotice', { name: saved.name }));
            organisations.reload();
          }}
        />
      ) : null}
    </div>
  );
}
