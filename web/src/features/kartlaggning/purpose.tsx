/**
 * The purpose of reading personal data in Kartläggning. It is asked once per session (per
 * browser tab and user), kept in sessionStorage, and sent with every read; the server logs it
 * in the audit log. The kinds are the same as on the Annonser page.
 */
import { useState, useSyncExternalStore, type FormEvent, type ReactNode } from 'react';
import { useI18n, type MessageKey, type Translate } from '../../i18n/i18n';
import { ErrorSummary, SelectField, TextField, type SummaryItem } from '../../ui/form';
import { useSession } from '../auth/session';
import { PURPOSE_STORAGE_KEY } from '../auth/session-purpose-storage';

export const PURPOSE_KINDS = ['kartlaggning', 'uppsok', 'insats', 'arende', 'utbildning'] as const;
export type PurposeKind = (typeof PURPOSE_KINDS)[number];

export function purposeKey(kind: PurposeKind): MessageKey {
  return `ads.purpose.${kind}`;
}

/** The purpose as sent in x-fyren-purpose: "Kartläggning: v. 12 Umeå". */
export function purposeText(t: Translate, kind: PurposeKind, reference: string): string {
  return `${t(purposeKey(kind))}: ${reference.trim()}`;
}

export { PURPOSE_STORAGE_KEY };

interface StoredPurpose {
  userId: string;
  kind: PurposeKind;
  reference: string;
}

const listeners = new Set<() => void>();

function readRaw(): string | null {
  try {
    return window.sessionStorage.getItem(PURPOSE_STORAGE_KEY);
  } catch {
    return null;
  }
}

function parse(raw: string | null, userId: string | null): StoredPurpose | null {
  if (!raw || !userId) return null;
  try {
    const value = JSON.parse(raw) as Partial<StoredPurpose>;
    if (value.userId !== userId || typeof value.reference !== 'string' || value.reference.trim().length < 2) return null;
    if (!PURPOSE_KINDS.includes(value.kind as PurposeKind)) return null;
    return { userId, kind: value.kind as PurposeKind, reference: value.reference };
  } catch {
    return null;
  }
}

function write(value: StoredPurpose | null): void {
  try {
    if (value) window.sessionStorage.setItem(PURPOSE_STORAGE_KEY, JSON.stringify(value));
    else window.sessionStorage.removeItem(PURPOSE_STORAGE_KEY);
  } catch {
    // Storage blocked: the purpose is then asked again on the next page.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface SessionPurpose {
  /** The text sent to the server, or null when none is given yet. */
  purpose: string | null;
  kind: PurposeKind | null;
  reference: string;
  save: (kind: PurposeKind, reference: string) => void;
  clear: () => void;
}

/** The purpose the signed-in user gave in this tab; another user in the same tab starts without one. */
export function useSessionPurpose(): SessionPurpose {
  const { t } = useI18n();
  const { session } = useSession();
  const userId = session.status === 'authenticated' ? session.me.id : null;
  const raw = useSyncExternalStore(subscribe, readRaw, () => null);
  const stored = parse(raw, userId);
  return {
    purpose: stored ? purposeText(t, stored.kind, stored.reference) : null,
    kind: stored?.kind ?? null,
    reference: stored?.reference ?? '',
    save: (kind, reference) => {
      if (userId) write({ userId, kind, reference: reference.trim() });
    },
    clear: () => write(null),
  };
}

type PurposeErrors = Partial<Record<'kind' | 'reference', string>>;

/** Asks for the purpose (kind and reference) and keeps it for the session. */
export function PurposeForm({ idPrefix, onSaved }: { idPrefix: string; onSaved?: () => void }) {
  const { t } = useI18n();
  const { save } = useSessionPurpose();
  const [kind, setKind] = useState<'' | PurposeKind>('');
  const [reference, setReference] = useState('');
  const [errors, setErrors] = useState<PurposeErrors>({});
  const ids = { kind: `${idPrefix}PurposeKind`, reference: `${idPrefix}PurposeRef`, intro: `${idPrefix}-purpose-intro` };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: PurposeErrors = {};
    if (!kind) next.kind = t('ads.errPurposeKind');
    if (reference.trim().length < 2) next.reference = t('ads.errPurposeRef');
    setErrors(next);
    if (next.kind || next.reference || !kind) return;
    save(kind, reference);
    onSaved?.();
  }

  const summary: SummaryItem[] = [
    ...(errors.kind ? [{ fieldId: ids.kind, message: t('ads.errField', { field: t('ads.purposeKind'), message: errors.kind }) }] : []),
    ...(errors.reference
      ? [{ fieldId: ids.reference, message: t('ads.errField', { field: t('ads.purposeRef'), message: errors.reference }) }]
      : []),
  ];

  return (
    <>
      <ErrorSummary items={summary} />
      <form className="form" noValidate onSubmit={onSubmit} aria-labelledby={`${idPrefix}-purpose-legend`}>
        <fieldset className="fieldset">
          <legend id={`${idPrefix}-purpose-legend`}>{t('purpose.legend')}</legend>
          <p id={ids.intro} className="hint">
            {t('purpose.intro')}
          </p>
          <div className="form form--inline">
            <SelectField
              id={ids.kind}
              label={t('ads.purposeKind')}
              isRequired
              value={kind}
              error={errors.kind}
              onChange={(event) => setKind(event.target.value as '' | PurposeKind)}
            >
              <option value="">{t('ads.purposeChoose')}</option>
              {PURPOSE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(purposeKey(k))}
                </option>
              ))}
            </SelectField>
            <TextField
              id={ids.reference}
              label={t('ads.purposeRef')}
              hint={t('ads.purposeRefHint')}
              isRequired
              maxLength={200}
              autoComplete="off"
              value={reference}
              error={errors.reference}
              onChange={(event) => setReference(event.target.value)}
            />
          </div>
        </fieldset>
        <div className="button-row">
          <button type="submit" className="button" aria-describedby={ids.intro}>
            {t('purpose.submit')}
          </button>
        </div>
      </form>
    </>
  );
}

/**
 * Shows `children(purpose)` once a purpose is given for the session, with a line that names it
 * and lets the user change it; until then, the purpose form.
 */
export function PurposeGate({ idPrefix, children }: { idPrefix: string; children: (purpose: string) => ReactNode }) {
  const { t } = useI18n();
  const { purpose, clear } = useSessionPurpose();
  if (!purpose) return <PurposeForm idPrefix={idPrefix} />;
  return (
    <>
      <p className="purpose-bar">
        <span>
          {t('purpose.current')} <strong>{purpose}</strong>
        </span>{' '}
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => {
            clear();
            // The form replaces the content: its first field gets focus.
            setTimeout(() => document.getElementById(`${idPrefix}PurposeKind`)?.focus(), 0);
          }}
        >
          {t('purpose.change')}
        </button>
      </p>
      {children(purpose)}
    </>
  );
}
