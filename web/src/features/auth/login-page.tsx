import { useRef, useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client';
import { authApi } from '../../api/endpoints';
import { useT, type MessageKey } from '../../i18n/i18n';
import { ErrorSummary, Notice, TextField, errorMessage, type FieldErrors, type SummaryItem } from '../../ui/form';
import { PageHeading } from '../shell/page-heading';
import { useSession, type LoginNotice } from './session';

type LoginField = 'username' | 'password' | 'totp';

const NOTICE_KEYS: Record<LoginNotice, MessageKey> = {
  idle: 'login.noticeIdle',
  loggedOut: 'login.noticeLoggedOut',
  sessionEnded: 'login.noticeSessionEnded',
};

const SERVER_ERROR_KEYS: Partial<Record<string, MessageKey>> = {
  INVALID_CREDENTIALS: 'login.errInvalidCredentials',
  INVALID_TOTP: 'login.errInvalidTotp',
  ACCOUNT_LOCKED: 'login.errLocked',
  RATE_LIMITED: 'login.errRateLimited',
};

export function LoginPage({ notice }: { notice: LoginNotice | null }) {
  const t = useT();
  const { signedIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [isTotpNeeded, setIsTotpNeeded] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<LoginField>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const totpRef = useRef<HTMLInputElement>(null);

  function validate(): FieldErrors<LoginField> {
    const errors: FieldErrors<LoginField> = {};
    if (!username.trim()) errors.username = t('login.errUsernameRequired');
    if (!password) errors.password = t('login.errPasswordRequired');
    if (isTotpNeeded && !/^\d{6}$/.test(totp.trim())) errors.totp = t('login.errTotpFormat');
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
      const me = await authApi.login({
        username: username.trim(),
        password,
        ...(isTotpNeeded ? { totp: totp.trim() } : {}),
      });
      signedIn(me);
    } catch (error) {
      if (isApiError(error, 'TOTP_REQUIRED')) {
        setIsTotpNeeded(true);
        // Wait for the field to render, then put the cursor in it.
        window.setTimeout(() => totpRef.current?.focus(), 0);
      } else if (isApiError(error, 'INVALID_TOTP')) {
        setIsTotpNeeded(true);
        setTotp('');
        setFieldErrors({ totp: t('login.errInvalidTotp') });
      } else {
        const key = isApiError(error) ? SERVER_ERROR_KEYS[error.code] : undefined;
        setFormError(key ? t(key) : errorMessage(t, error));
        if (isApiError(error, 'INVALID_CREDENTIALS')) setPassword('');
      }
    } finally {
      setIsBusy(false);
    }
  }

  const summary: SummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...(['username', 'password', 'totp'] as const).flatMap((field) => {
      const message = fieldErrors[field];
      return message ? [{ fieldId: field, message }] : [];
    }),
  ];

  return (
    <div className="narrow">
      <PageHeading title={t('login.title')} />
      {notice ? <Notice>{t(NOTICE_KEYS[notice])}</Notice> : null}
      <p>{t('login.intro')}</p>
      <ErrorSummary items={summary} />
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <TextField
          id="username"
          label={t('login.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          error={fieldErrors.username}
          isRequired
        />
        <TextField
          id="password"
          type="password"
          label={t('login.password')}
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldErrors.password}
          isRequired
        />
        {isTotpNeeded ? (
          <>
            <Notice>{t('login.totpNeeded')}</Notice>
            <TextField
              ref={totpRef}
              id="totp"
              label={t('login.totp')}
              hint={t('login.totpHint')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              className="input input--short"
              value={totp}
              onChange={(event) => setTotp(event.target.value.replace(/\s/g, ''))}
              error={fieldErrors.totp}
              isRequired
            />
          </>
        ) : null}
        <button type="submit" className="button" aria-disabled={isBusy}>
          {isBusy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </div>
  );
}
