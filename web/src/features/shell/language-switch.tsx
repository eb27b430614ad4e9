import type { Locale } from '../../../../src/contracts/identity';
import { useI18n } from '../../i18n/i18n';

/** One button that switches to the other language; its label is written in that language. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const other: Locale = locale === 'sv' ? 'en' : 'sv';
  return (
    <button
      type="button"
      className="button button--header"
      lang={other}
      onClick={() => setLocale(other)}
      aria-describedby="language-switch-desc"
    >
      {t('lang.switchTo')}
      <span id="language-switch-desc" className="visually-hidden" lang={locale}>
        {t('lang.switchLabel')}
      </span>
    </button>
  );
}
