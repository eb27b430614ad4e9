import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { Organisation, Role, User } from '../../../../src/contracts/identity';
import { adminApi } from '../../api/endpoints';
import { useI18n, useT } from '../../i18n/i18n';
import { ErrorSummary, LoadError, SelectField, TextField, errorMessage, type FieldErrors, type SummaryItem } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { PageHeading } from '../shell/page-heading';
import { ADMIN_PATHS } from './admin-section';
import { OneTimePasswordPanel } from './one-time-password';
import { RolesFieldset, roleLabelKey, userStatuses } from './roles';

const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;

type CreateField = 'newUsername' | 'newDisplayName' | 'newOrganisation' | 'roles';

/** Units of the chosen organisation, for the unit select. */
export function useUnits(organisationId: string) {
  return useLoad(() => (organisationId ? adminApi.units(organisationId) : Promise.resolve([])), `units:${organisationId}`);
}

function UserCreateForm({
  organisations,
  onCreated,
}: {
  organisations: Organisation[];
  onCreated: (user: User, oneTimePassword: string) => void;
}) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [organisationId, setOrganisationId] = useState(organisations[0]?.id ?? '');
  const [unitId, setUnitId] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [errors, setErrors] = useState<FieldErrors<CreateField>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const units = useUnits(organisationId);

  useEffect(() => {
    if (!organisationId && organisations[0]) setOrganisationId(organisations[0].id);
  }, [organisations, organisationId]);

  function validate(): FieldErrors<CreateField> {
    const next: FieldErrors<CreateField> = {};
    if (!USERNAME_PATTERN.test(username.trim())) next.newUsername = t('user.errUsername');
    if (!displayName.trim()) next.newDisplayName = t('user.errDisplayName');
    if (!organisationId) next.newOrganisation = t('user.errOrganisation');
    if (!roles.length) next.roles = t('user.errRoles');
    return next;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isBusy) return;
    const next = validate();
    setErrors(next);
    setFormError(null);
    if (Object.keys(next).length) return;
    setIsBusy(true);
    try {
      const result = await adminApi.createUser({
        username: username.trim(),
        displayName: displayName.trim(),
        organisationId,
        unitId: unitId || null,
        roles,
      });
      setUsername('');
      setDisplayName('');
      setUnitId('');
      setRoles([]);
      onCreated(result.user, result.oneTimePassword);
    } catch (error) {
      setFormError(errorMessage(t, error));
    } finally {
      setIsBusy(false);
    }
  }

  const summary: SummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...(['newUsername', 'newDisplayName', 'newOrganisation'] as const).flatMap((field) => {
      const message = errors[field];
      return message ? [{ fieldId: field, message }] : [];
    }),
    ...(errors.roles ? [{ fieldId: 'new-roles', message: errors.roles }] : []),
  ];

  return (
    <section aria-labelledby="user-create-title" className="panel">
      <h2 id="user-create-title">{t('user.createTitle')}</h2>
      <ErrorSummary items={summary} />
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <TextField
          id="newUsername"
          label={t('user.username')}
          hint={t('user.usernameHint')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          error={errors.newUsername}
          isRequired
        />
        <TextField
          id="newDisplayName"
          label={t('user.displayName')}
          autoComplete="off"
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          error={errors.newDisplayName}
          isRequired
        />
        <SelectField
          id="newOrganisation"
          label={t('user.organisation')}
          value={organisationId}
          onChange={(event) => {
            setOrganisationId(event.target.value);
            setUnitId('');
          }}
          error={errors.newOrganisation}
          isRequired
        >
          {organisations.map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {organisation.name}
            </option>
          ))}
        </SelectField>
        <SelectField id="newUnit" label={t('user.unit')} value={unitId} onChange={(event) => setUnitId(event.target.value)}>
          <option value="">{t('unit.none')}</option>
          {(units.data ?? []).map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.name}
            </option>
          ))}
        </SelectField>
        <RolesFieldset idPrefix="new" value={roles} onChange={setRoles} error={errors.roles} />
        <button type="submit" className="button" aria-disabled={isBusy}>
          {isBusy ? t('app.saving') : t('user.create')}
        </button>
      </form>
    </section>
  );
}

export function UsersPage() {
  const { t, formatDateTime } = useI18n();
  const users = useLoad(() => adminApi.users(), 'users');
  const organisations = useLoad(() => adminApi.organisations(), 'organisations');
  const [issued, setIssued] = useState<{ username: string; password: string } | null>(null);

  const orgName = (id: string) => organisations.data?.find((organisation) => organisation.id === id)?.name ?? id;

  return (
    <div>
      <PageHeading title={t('user.listTitle')} />
      {issued ? <OneTimePasswordPanel username={issued.username} password={issued.password} onDone={() => setIssued(null)} /> : null}
      {users.error ? <LoadError error={users.error} onRetry={users.reload} /> : null}
      {users.isLoading && !users.data ? <p role="status">{t('app.loading')}</p> : null}
      {users.data ? (
        users.data.length ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('user.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('user.displayName')}</th>
                  <th scope="col">{t('user.username')}</th>
                  <th scope="col">{t('user.organisation')}</th>
                  <th scope="col">{t('user.roles')}</th>
                  <th scope="col">{t('user.status')}</th>
                  <th scope="col">{t('user.lastLogin')}</th>
                  <th scope="col">{t('user.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((user) => (
                  <tr key={user.id}>
                    <th scope="row">{user.displayName}</th>
                    <td>{user.username}</td>
                    <td>{orgName(user.organisationId)}</td>
                    <td>{user.roles.map((role) => t(roleLabelKey(role))).join(', ')}</td>
                    <td>
                      <ul className="status-list">
                        {userStatuses(t, user).map((status) => (
                          <li key={status}>{status}</li>
                        ))}
                      </ul>
                    </td>
                    <td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('user.never')}</td>
                    <td>
                      <Link
                        to={`${ADMIN_PATHS.users}/${encodeURIComponent(user.id)}`}
                        aria-label={t('user.edit', { name: user.displayName })}
                      >
                        {t('user.editShort')}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('user.empty')}</p>
        )
      ) : null}
      {organisations.error ? <LoadError error={organisations.error} onRetry={organisations.reload} /> : null}
      {organisations.data ? (
        <UserCreateForm
          organisations={organisations.data}
          onCreated={(user, password) => {
            setIssued({ username: user.username, password });
            users.reload();
          }}
        />
      ) : null}
    </div>
  );
}
