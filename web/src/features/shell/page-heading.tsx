import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

let hasShownFirstPage = false;

/** For tests: makes the next heading behave like the first page of a visit again. */
export function resetPageHeadingFocus(): void {
  hasShownFirstPage = false;
}

/**
 * The h1 of a page. Sets document.title, and after a navigation inside the app moves focus
 * to the heading so keyboard and screen-reader users start at the new content.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const { t } = useI18n();
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} – ${t('app.titleSuffix')}`;
  }, [title, t]);

  useEffect(() => {
    if (hasShownFirstPage) ref.current?.focus();
    hasShownFirstPage = true;
  }, []);

  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children ?? title}
    </h1>
  );
}
