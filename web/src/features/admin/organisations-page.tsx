import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { Organisation, OrganisationKind, Scope } from '../../../../src/contracts/identity';
import { adminApi, placesApi, type Places } from '../../api/endpoints';
import { useT, type MessageKey } from '../../i18n/i18n';
import { CheckboxField, ErrorSummary, LoadError, Notice, SelectField, TextField, errorMessage, type SummaryItem } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { PageHeading } from '../shell/page-heading';
import { useI18n } from '../../i18n/i18n';

export const ORGANISATION_KINDS = [
  'socialtjanst',
  'centrum_mot_vald',
  'polisregion',
  'lansstyrelse',
  'ideell',
] as const satisfies readonly OrganisationKind[];

export function kindLabelKey(kind: OrganisationKind): MessageKey {
  return `kind.${kind}`;
}

type PoliceRegion = Scope['polisregioner'][number];

function selectedValues(select: HTMLSelectElement): string[] {
  return Array.from(select.selectedOptions, (option) => option.value);
}

function OrganisationCreateForm({ places, onCreated }: { places: Places | undefined; onCreated: (o: Organisation) => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganisationKind>('socialtjanst');
  const [requireTotp, setRequireTotp] = useState(false);
  const [kommuner, setKommuner] = useState<string[]>([]);
  const [lan, setLan] = useState<string[]>([]);
  const [polisregioner, setPolisregioner] = useState<string[]>([]);
  const [nameError, setNameError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isBusy) return;
    setFormError(null);
    const trimmed = name.trim();
    if (trimmed.length < 2 || trimmed.length > 200) {
      setNameError(t('org.errNameLength'));
      return;
    }
    setNameError(undefined);
    setIsBusy(true);
    try {
      const organisation = await adminApi.createOrganisation({
        name: trimmed,
        kind,
        requireTotp,
        scope: { kommuner, lan, polisregioner: polisregioner as PoliceRegion[] },
      });
      setName('');
      setRequireTotp(false);
      setKommuner([]);
      setLan([]);
      setPolisregioner([]);
      onCreated(organisation);
    } catch (error) {
      setFormError(errorMessage(t, error));
    } finally {
      setIsBusy(false);
    }
  }

  const summary: SummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...(nameError ? [{ fieldId: 'orgName', message: nameError }] : []),
  ];

  const kommunOptions = places ? [...places.kommuner].sort((a, b) => a.name.localeCompare(b.name, 'sv')) : [];
  const lanOptions = places ? [...places.lan].sort((a, b) => a.name.localeCompare(b.name, 'sv')) : [];

  return (
    <section aria-labelledby="org-create-title" className="panel">
      <h2 id="org-create-title">{t('org.createTitle')}</h2>
      <ErrorSummary items={summary} />
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <TextField
          id="orgName"
          label={t('org.name')}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={nameError}
          isRequired
        />
        <SelectField id="orgKind" label={t('org.kind')} value={kind} onChange={(event) => setKind(event.target.value as OrganisationKind)}>
          {ORGANISATION_KINDS.map((option) => (
            <option key={option} value={option}>
              {t(kindLabelKey(option))}
            </option>
          ))}
        </SelectField>
        <CheckboxField
          id="orgRequireTotp"
          label={t('org.requireTotp')}
          hint={t('org.requireTotpHint')}
          checked={requireTotp}
          onChange={(event) => setRequireTotp(event.target.checked)}
        />
        <fieldset className="fieldset">
          <legend>{t('org.scope')}</legend>
          <p className="hint" id="org-scope-hint">
            {t('org.scopeHint')}
          </p>
          {!places ? <p role="status">{t('org.placesLoading')}</p> : null}
          <div className="scope-grid">
            <SelectField
              id="orgKommuner"
              label={t('org.kommuner')}
              multiple
              size={8}
              value={kommuner}
              aria-describedby="org-scope-hint"
              onChange={(event) => setKommuner(selectedValues(event.target))}
            >
              {kommunOptions.map((kommun) => (
                <option key={kommun.code} value={kommun.code}>
                  {kommun.name} ({kommun.code})
                </option>
              ))}
            </SelectField>
            <SelectField
              id="orgLan"
              label={t('org.lan')}
              multiple
              size={8}
              value={lan}
              aria-describedby="org-scope-hint"
              onChange={(event) => setLan(selectedValues(event.target))}
            >
              {lanOptions.map((item) => (
                <option key={item.code} value={item.code}>
                  {item.name} ({item.code})
                </option>
              ))}
            </SelectField>
            <SelectField
              id="orgPolisregioner"
              label={t('org.polisregioner')}
              multiple
              size={8}
              value={polisregioner}
              aria-describedby="org-scope-hint"
              onChange={(event) => setPolisregioner(selectedValues(event.target))}
            >
              {(places?.polisregioner ?? []).map((region) => (
                <option key={region} value={region}>
                  {region}
                </option>
              ))}
            </SelectField>
          </div>
        </fieldset>
        <button type="submit" className="button" aria-disabled={isBusy}>
          {isBusy ? t('app.saving') : t('org.create')}
        </button>
      </form>
    </section>
  );
}

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
      <OrganisationCreateForm
        places={places.data}
        onCreated={(organisation) => {
          setCreated(organisation.name);
          organisations.reload();
        }}
      />
    </div>
  );
}
