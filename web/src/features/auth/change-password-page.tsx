import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client';
import { authApi } from '../../api/endpoints';
import { useT } from '../../i18n/i18n';
import { ErrorSummary, TextField, errorMessage, type FieldErrors, type SummaryItem } from '../../ui/form';
import { PageHeading } from '../shell/page-heading';
import { useSession } from './session';

type PasswordField = 'currentPassword' | 'newPassword' | 'confirmPassword';
const FIELDS: readonly PasswordField[] = ['currentPassword', 'newPassword', 'confirmPassword'];
const MIN_LENGTH = 12;

/** Forced when me.mustChangePassword: the user replaces a one-time or initial password. */
export function ChangePasswordPage() {
  const t = useT();
  const { refresh } = useSession();
  const [values, setValues] = useState<Record<PasswordField, string>>({
    currentPassword: '',
    newPassword: '',
    confirmPassword: '',
  });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<PasswordField>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const set = (field: PasswordField) => (value: string) => setValues((prev) => ({ ...prev, [field]: value }));

  function validate(): FieldErrors<PasswordField> {
    const errors: FieldErrors<PasswordField> = {};
    if (!values.currentPassword) errors.currentPassword = t('password.errCurrentRequired');
    if (values.newPassword.length < MIN_LENGTH) errors.newPassword = t('password.errTooShort');
    else if (values.newPassword === values.currentPassword) errors.newPassword = t('password.errSameAsCurrent');
    if (values.confirmPassword !== values.newPassword) errors.confirmPassword = t('password.errMismatch');
    return errors;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isBusy) return;
    const errors = validate();
    setFieldErrors(errors);
    setFormError(null);
    if (Object.keys(errors).length) return;
    setIsBusy(true);
    try {
      await authApi.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      await refresh();
    } catch (error) {
      if (isApiError(error, 'INVALID_CREDENTIALS')) {
        setFieldErrors({ currentPassword: t('password.errWrongCurrent') });
      } else if (isApiError(error, 'VALIDATION_FAILED')) {
        const message = error.issues.map((issue) => issue.message).join('; ') || error.message;
        setFieldErrors({ newPassword: t('password.errRejected', { message }) });
      } else {
        setFormError(errorMessage(t, error));
      }
    } finally {
      setIsBusy(false);
    }
  }

  const summary: SummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...FIELDS.flatMap((field) => {
      const message = fieldErrors[field];
      return message ? [{ fieldId: field, message }] : [];
    }),
  ];

  return (
    <div className="narrow">
      <PageHeading title={t('password.title')} />
      <p>{t('password.intro')}</p>
      <ErrorSummary items={summary} />
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <TextField
          id="currentPassword"
          type="password"
          label={t('password.current')}
          autoComplete="current-password"
          value={values.currentPassword}
          onChange={(event) => set('currentPassword')(event.target.value)}
          error={fieldErrors.currentPassword}
          isRequired
        />
        <TextField
          id="newPassword"
          type="password"
          label={t('password.new')}
          hint={t('password.newHint')}
          autoComplete="new-password"
          value={values.newPassword}
          onChange={(event) => set('newPassword')(event.target.value)}
          error={fieldErrors.newPassword}
          isRequired
        />
        <TextField
          id="confirmPassword"
          type="password"
          label={t('password.confirm')}
          autoComplete="new-password"
          value={values.confirmPassword}
          onChange={(event) => set('confirmPassword')(event.target.value)}
          error={fieldErrors.confirmPassword}
          isRequired
        />
        <button type="submit" className="button" aria-disabled={isBusy}>
          {isBusy ? t('app.saving') : t('password.submit')}
        </button>
      </form>
    </div>
  );
}
