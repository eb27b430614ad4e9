import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { Role, User, UserUpdateInput } from '../../../../src/contracts/identity';
import { adminApi } from '../../api/endpoints';
import { useT } from '../../i18n/i18n';
import { CheckboxField, ErrorSummary, LoadError, Notice, SelectField, TextField, errorMessage, type SummaryItem } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { PageHeading } from '../shell/page-heading';
import { ADMIN_PATHS } from './admin-section';
import { OneTimePasswordPanel } from './one-time-password';
import { RolesFieldset, userStatuses } from './roles';
import { useUnits } from './users-page';

function UserEditForm({ user, onSaved }: { user: User; onSaved: (user: User, oneTimePassword?: string) => void }) {
  const t = useT();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [unitId, setUnitId] = useState(user.unitId ?? '');
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [isDisabled, setIsDisabled] = useState(user.isDisabled);
  const [nameError, setNameError] = useState<string | undefined>();
  const [rolesError, setRolesError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const units = useUnits(user.organisationId);

  useEffect(() => {
    setDisplayName(user.displayName);
    setUnitId(user.unitId ?? '');
    setRoles(user.roles);
    setIsDisabled(user.isDisabled);
  }, [user]);

  async function send(input: UserUpdateInput, successNotice: string) {
    if (isBusy) return;
    setIsBusy(true);
    setFormError(null);
    setNotice(null);
    try {
      const result = await adminApi.updateUser(user.id, input);
      setNotice(successNotice);
      onSaved(result.user, result.oneTimePassword);
    } catch (error) {
      setFormError(errorMessage(t, error));
    } finally {
      setIsBusy(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const nextNameError = displayName.trim() ? undefined : t('user.errDisplayName');
    const nextRolesError = roles.length ? undefined : t('user.errRoles');
    setNameError(nextNameError);
    setRolesError(nextRolesError);
    if (nextNameError || nextRolesError) return;
    void send({ displayName: displayName.trim(), unitId: unitId || null, roles, isDisabled }, t('user.savedNotice'));
  }

  const summary: SummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...(nameError ? [{ fieldId: 'editDisplayName', message: nameError }] : []),
    ...(rolesError ? [{ fieldId: 'edit-roles', message: rolesError }] : []),
  ];

  return (
    <>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <ErrorSummary items={summary} />
      <form className="form panel" noValidate onSubmit={onSubmit}>
        <TextField
          id="editDisplayName"
          label={t('user.displayName')}
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          error={nameError}
          isRequired
        />
        <SelectField id="editUnit" label={t('user.unit')} value={unitId} onChange={(event) => setUnitId(event.target.value)}>
          <option value="">{t('unit.none')}</option>
          {(units.data ?? []).map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.name}
            </option>
          ))}
        </SelectField>
        <RolesFieldset idPrefix="edit" value={roles} onChange={setRoles} error={rolesError} />
        <CheckboxField
          id="editDisabled"
          label={t('user.disabled')}
          hint={t('user.disabledHint')}
          checked={isDisabled}
          onChange={(event) => setIsDisabled(event.target.checked)}
        />
        <button type="submit" className="button" aria-disabled={isBusy}>
          {isBusy ? t('app.saving') : t('app.save')}
        </button>
      </form>
      <section aria-labelledby="user-actions-title" className="panel">
        <h2 id="user-actions-title">{t('user.otherActions')}</h2>
        <div className="button-row">
          {user.isLocked ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void send({ unlock: true }, t('user.unlockedNotice'))}
            >
              {t('user.unlock')}
            </button>
          ) : null}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              if (window.confirm(t('user.resetPasswordConfirm', { name: user.displayName }))) {
                void send({ resetPassword: true }, t('user.savedNotice'));
              }
            }}
          >
            {t('user.resetPassword')}
          </button>
          {user.hasTotp ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                if (window.confirm(t('user.resetTotpConfirm', { name: user.displayName }))) {
                  void send({ resetTotp: true }, t('user.resetTotpNotice'));
                }
              }}
            >
              {t('user.resetTotp')}
            </button>
          ) : null}
        </div>
      </section>
    </>
  );
}

/** Edit one user: roles, unit, disabled; unlock, reset password, reset TOTP. */
export function UserEditPage() {
  const t = useT();
  const { userId = '' } = useParams();
  const users = useLoad(() => adminApi.users(), 'users');
  const [saved, setSaved] = useState<User | null>(null);
  const [issued, setIssued] = useState<string | null>(null);

  const user = saved ?? users.data?.find((item) => item.id === userId);

  return (
    <div>
      <p className="back-link">
        <Link to={ADMIN_PATHS.users}>{t('user.back')}</Link>
      </p>
      {users.error ? <LoadError error={users.error} onRetry={users.reload} /> : null}
      {users.data && !user ? <PageHeading title={t('user.notFound')} /> : null}
      {!users.data && !users.error ? <p role="status">{t('app.loading')}</p> : null}
      {user ? (
        <>
          <PageHeading title={t('user.editTitle', { name: user.displayName })} />
          <p>
            {user.username} · {userStatuses(t, user).join(', ')}
          </p>
          {issued ? <OneTimePasswordPanel username={user.username} password={issued} onDone={() => setIssued(null)} /> : null}
          <UserEditForm
            user={user}
            onSaved={(next, oneTimePassword) => {
              setSaved(next);
              if (oneTimePassword) setIssued(oneTimePassword);
            }}
          />
        </>
      ) : null}
    </div>
  );
}
