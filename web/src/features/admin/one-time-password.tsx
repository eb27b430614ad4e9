import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/i18n';

/** Shows a one-time password once, with a clear note. Focus moves here so it is not missed. */
export function OneTimePasswordPanel({ username, password, onDone }: { username: string; password: string; onDone: () => void }) {
  const t = useT();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [password]);
  return (
    <section ref={ref} tabIndex={-1} className="otp-panel" aria-labelledby="otp-title" role="region">
      <h2 id="otp-title">{t('user.otpTitle', { username })}</h2>
      <p className="otp-panel__value">
        <code data-testid="one-time-password">{password}</code>
      </p>
      <p>
        <strong>{t('user.otpNote')}</strong>
      </p>
      <button type="button" className="button button--secondary" onClick={onDone}>
        {t('user.otpDone')}
      </button>
    </section>
  );
}
