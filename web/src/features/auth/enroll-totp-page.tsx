import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client';
import { authApi } from '../../api/endpoints';
import { useT } from '../../i18n/i18n';
import { ErrorSummary, LoadError, TextField, errorMessage, type SummaryItem } from '../../ui/form';
import { PageHeading } from '../shell/page-heading';
import { useSession } from './session';

/** Groups a base32 secret in fours so it is easier to type. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** Forced when me.mustEnrollTotp: shows the secret as text (no QR code) and confirms with a code. */
export function EnrollTotpPage() {
  const t = useT();
  const { refresh } = useSession();
  const [setup, setSetup] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const hasRequested = useRef(false);

  async function load() {
    setLoadError(null);
    try {
      setSetup(await authApi.totpSetup());
    } catch (error) {
      setLoadError(error);
    }
  }

  useEffect(() => {
    // Each setup call makes a new secret; ask once even when effects run twice.
    if (hasRequested.current) return;
    hasRequested.current = true;
    void load();
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isBusy) return;
    setFormError(null);
    const trimmed = code.trim();
    if (!/^\d{6}$/.test(trimmed)) {
      setCodeError(t('totp.errCodeFormat'));
      return;
    }
    setCodeError(undefined);
    setIsBusy(true);
    try {
      await authApi.totpEnable(trimmed);
      await refresh();
    } catch (error) {
      if (isApiError(error, 'INVALID_TOTP')) {
        setCode('');
        setCodeError(t('totp.errInvalid'));
      } else setFormError(errorMessage(t, error));
    } finally {
      setIsBusy(false);
    }
  }

  const summary: SummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...(codeError ? [{ fieldId: 'totpCode', message: codeError }] : []),
  ];

  return (
    <div className="narrow">
      <PageHeading title={t('totp.title')} />
      <p>{t('totp.intro')}</p>
      {loadError ? <LoadError error={loadError} onRetry={() => void load()} /> : null}
      {!setup && !loadError ? <p role="status">{t('totp.loadingSecret')}</p> : null}
      {setup ? (
        <>
          <ol className="steps">
            <li>{t('totp.step1')}</li>
            <li>
              {t('totp.step2')}
              <dl className="secret">
                <dt>{t('totp.secret')}</dt>
                <dd>
                  <code className="secret__value" data-testid="totp-secret">
                    {groupSecret(setup.secret)}
                  </code>
                </dd>
                <dt>{t('totp.uri')}</dt>
                <dd>
                  <code className="secret__uri" data-testid="totp-uri">
                    {setup.otpauthUri}
                  </code>
                </dd>
              </dl>
            </li>
            <li>{t('totp.step3')}</li>
          </ol>
          <ErrorSummary items={summary} />
          <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
            <TextField
              id="totpCode"
              label={t('totp.code')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              className="input input--short"
              value={code}
              onChange={(event) => setCode(event.target.value.replace(/\s/g, ''))}
              error={codeError}
              isRequired
            />
            <button type="submit" className="button" aria-disabled={isBusy}>
              {isBusy ? t('app.saving') : t('totp.submit')}
            </button>
          </form>
        </>
      ) : null}
    </div>
  );
}
