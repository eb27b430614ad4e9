/** Small accessible form parts: every input has a label, hints and errors are tied with aria-describedby. */
import {
  useEffect,
  useRef,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { isApiError } from '../api/client';
import { useT, type Translate } from '../i18n/i18n';

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
  return list.length ? list.join(' ') : undefined;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  const t = useT();
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <span className="error-prefix">{t('app.errorPrefix')}</span> {message}
    </p>
  );
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  isRequired?: boolean;
}

export function TextField({
  id,
  label,
  hint,
  error,
  isRequired,
  className,
  ref,
  ...input
}: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & { ref?: Ref<HTMLInputElement> }) {
  const t = useT();
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {isRequired ? <span className="required"> {t('app.required')}</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
      <input
        ref={ref}
        id={id}
        name={id}
        className={className ?? 'input'}
        aria-invalid={error ? true : undefined}
        aria-required={isRequired ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        {...input}
      />
    </div>
  );
}

export function SelectField({
  id,
  label,
  hint,
  error,
  isRequired,
  children,
  ...select
}: FieldProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { children: ReactNode }) {
  const t = useT();
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {isRequired ? <span className="required"> {t('app.required')}</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
      <select
        id={id}
        name={id}
        className="select"
        aria-invalid={error ? true : undefined}
        aria-required={isRequired ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        {...select}
      >
        {children}
      </select>
    </div>
  );
}

export function TextAreaField({
  id,
  label,
  hint,
  error,
  isRequired,
  ...textarea
}: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  const t = useT();
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {isRequired ? <span className="required"> {t('app.required')}</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
      <textarea
        id={id}
        name={id}
        className="input textarea"
        aria-invalid={error ? true : undefined}
        aria-required={isRequired ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        {...textarea}
      />
    </div>
  );
}

export function CheckboxField({
  id,
  label,
  hint,
  ...input
}: { id: string; label: string; hint?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'>) {
  return (
    <div className="checkbox">
      <input id={id} name={id} type="checkbox" aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export interface SummaryItem {
  /** The id of the field to focus, if the problem belongs to one. */
  fieldId?: string;
  message: string;
}

/**
 * Lists the problems of a form at its top. role="alert" makes screen readers announce it
 * when it appears; each item links to its field.
 */
export function ErrorSummary({ items }: { items: SummaryItem[] }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const text = items.map((item) => item.message).join('|');
  useEffect(() => {
    if (text) ref.current?.focus();
  }, [text]);
  return (
    <div ref={ref} role="alert" tabIndex={-1} className={items.length ? 'error-summary' : 'visually-hidden'}>
      {items.length ? (
        <>
          <h2 className="error-summary__title">{t('app.errorSummary')}</h2>
          <ul>
            {items.map((item) => (
              <li key={`${item.fieldId ?? ''}:${item.message}`}>
                {item.fieldId ? (
                  <a
                    href={`#${item.fieldId}`}
                    onClick={(event) => {
                      event.preventDefault();
                      document.getElementById(item.fieldId ?? '')?.focus();
                    }}
                  >
                    {item.message}
                  </a>
                ) : (
                  item.message
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** A polite status message (success and information). Text, not only colour, carries the meaning. */
export function Notice({ children, kind = 'info' }: { children: ReactNode; kind?: 'info' | 'success' }) {
  return (
    <div role="status" className={`notice notice--${kind}`}>
      {children}
    </div>
  );
}

/** Turns any thrown error into a sentence for the user. */
export function errorMessage(t: Translate, error: unknown): string {
  if (!isApiError(error)) return t('app.errorGeneric', { requestId: '–' });
  if (error.code === 'NETWORK_ERROR') return t('app.errorNetwork');
  if (error.code === 'OVERLOADED' || error.status === 503) return t('app.errorBusy');
  if (error.code === 'FORBIDDEN' || error.status === 403) return t('app.forbidden');
  if (error.code === 'VALIDATION_FAILED' && error.issues.length) {
    return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  }
  return t('app.errorGeneric', { requestId: error.requestId ?? '–' });
}

/** A load error with a retry button. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <div role="alert" className="error-summary">
      <p>
        <span className="error-prefix">{t('app.errorPrefix')}</span> {errorMessage(t, error)}
      </p>
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('app.retry')}
        </button>
      ) : null}
    </div>
  );
}
