import { useState, type FormEvent } from 'react';
import type { Organisation, OrganisationKind, Scope } from '../../../../src/contracts/identity';
import type { Places } from '../../api/endpoints';
import { useT, type MessageKey } from '../../i18n/i18n';
import { CheckboxField, ErrorSummary, SelectField, TextField, errorMessage, type SummaryItem } from '../../ui/form';

export const ORGANISATION_KINDS = [
  'socialtjanst',
  'centrum_mot_vald',
  'polisregion',
  'lansstyrelse',
  'ideell',
] as const satisfies readonly OrganisationKind[];

export function kindLabelKey(kind: OrganisationKind): MessageKey {
  return `kind.${kind}`;
}

type PoliceRegion = Scope['polisregioner'][number];

export interface OrganisationValues {
  name: string;
  kind: OrganisationKind;
  requireTotp: boolean;
  scope: Scope;
}

function selectedValues(select: HTMLSelectElement): string[] {
  return Array.from(select.selectedOptions, (option) => option.value);
}

/** Says in words which options are chosen: selection in a list box is otherwise shown by colour only. */
function SelectedSummary({ id, labels }: { id: string; labels: string[] }) {
  const t = useT();
  return (
    <p id={id} className="hint selected-summary">
      {labels.length ? t('org.selected', { list: labels.join(', ') }) : t('org.selectedNone')}
    </p>
  );
}

/**
 * Name, kind (only when creating: it cannot change), TOTP requirement and geographic scope.
 * `idPrefix` keeps ids unique if two forms share a page.
 */
export function OrganisationForm({
  idPrefix,
  title,
  submitLabel,
  places,
  initial,
  onSubmit,
}: {
  idPrefix: string;
  title: string;
  submitLabel: string;
  places: Places | undefined;
  initial?: Organisation;
  /** Resolves when saved; a rejection is shown in the form. */
  onSubmit: (values: OrganisationValues) => Promise<void>;
}) {
  const t = useT();
  const isEdit = initial !== undefined;
  const [name, setName] = useState(initial?.name ?? '');
  const [kind, setKind] = useState<OrganisationKind>(initial?.kind ?? 'socialtjanst');
  const [requireTotp, setRequireTotp] = useState(initial?.requireTotp ?? false);
  const [kommuner, setKommuner] = useState<string[]>(initial?.scope.kommuner ?? []);
  const [lan, setLan] = useState<string[]>(initial?.scope.lan ?? []);
  const [polisregioner, setPolisregioner] = useState<string[]>(initial?.scope.polisregioner ?? []);
  const [nameError, setNameError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const id = (suffix: string) => `${idPrefix}${suffix}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isBusy) return;
    setFormError(null);
    const trimmed = name.trim();
    if (trimmed.length < 2 || trimmed.length > 200) {
      setNameError(t('org.errNameLength'));
      return;
    }
    setNameError(undefined);
    setIsBusy(true);
    try {
      await onSubmit({
        name: trimmed,
        kind,
        requireTotp,
        scope: { kommuner, lan, polisregioner: polisregioner as PoliceRegion[] },
      });
      if (!isEdit) {
        setName('');
        setRequireTotp(false);
        setKommuner([]);
        setLan([]);
        setPolisregioner([]);
      }
    } catch (error) {
      setFormError(errorMessage(t, error));
    } finally {
      setIsBusy(false);
    }
  }

  const summary: SummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...(nameError ? [{ fieldId: id('Name'), message: nameError }] : []),
  ];

  const kommunOptions = places ? [...places.kommuner].sort((a, b) => a.name.localeCompare(b.name, 'sv')) : [];
  const lanOptions = places ? [...places.lan].sort((a, b) => a.name.localeCompare(b.name, 'sv')) : [];
  const scopeHintId = id('-scope-hint');
  const labelsOf = (chosen: string[], options: { value: string; label: string }[]) =>
    options.filter((option) => chosen.includes(option.value)).map((option) => option.label);
  const kommunItems = kommunOptions.map((k) => ({ value: k.code, label: `${k.name} (${k.code})` }));
  const lanItems = lanOptions.map((l) => ({ value: l.code, label: `${l.name} (${l.code})` }));
  const regionItems = (places?.polisregioner ?? []).map((r) => ({ value: r, label: r }));
  const mark = (isChosen: boolean) => (isChosen ? '✓ ' : '');

  return (
    <section aria-labelledby={id('-title')} className="panel">
      <h2 id={id('-title')}>{title}</h2>
      <ErrorSummary items={summary} />
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          id={id('Name')}
          label={t('org.name')}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={nameError}
          isRequired
        />
        {isEdit ? (
          <p>
            <strong>{t('org.kind')}:</strong> {t(kindLabelKey(kind))}
          </p>
        ) : (
          <SelectField
            id={id('Kind')}
            label={t('org.kind')}
            value={kind}
            onChange={(event) => setKind(event.target.value as OrganisationKind)}
          >
            {ORGANISATION_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(kindLabelKey(option))}
              </option>
            ))}
          </SelectField>
        )}
        <CheckboxField
          id={id('RequireTotp')}
          label={t('org.requireTotp')}
          hint={t('org.requireTotpHint')}
          checked={requireTotp}
          onChange={(event) => setRequireTotp(event.target.checked)}
        />
        <fieldset className="fieldset">
          <legend>{t('org.scope')}</legend>
          <p className="hint" id={scopeHintId}>
            {t('org.scopeHint')}
          </p>
          {!places ? <p role="status">{t('org.placesLoading')}</p> : null}
          <div className="scope-grid">
            <div className="scope-column">
              <SelectField
                id={id('Kommuner')}
                label={t('org.kommuner')}
                multiple
                size={8}
                value={kommuner}
                aria-describedby={`${scopeHintId} ${id('Kommuner-selected')}`}
                onChange={(event) => setKommuner(selectedValues(event.target))}
              >
                {kommunItems.map((item) => (
                  <option key={item.value} value={item.value}>
                    {mark(kommuner.includes(item.value))}
                    {item.label}
                  </option>
                ))}
              </SelectField>
              <SelectedSummary id={id('Kommuner-selected')} labels={labelsOf(kommuner, kommunItems)} />
            </div>
            <div className="scope-column">
              <SelectField
                id={id('Lan')}
                label={t('org.lan')}
                multiple
                size={8}
                value={lan}
                aria-describedby={`${scopeHintId} ${id('Lan-selected')}`}
                onChange={(event) => setLan(selectedValues(event.target))}
              >
                {lanItems.map((item) => (
                  <option key={item.value} value={item.value}>
                    {mark(lan.includes(item.value))}
                    {item.label}
                  </option>
                ))}
              </SelectField>
              <SelectedSummary id={id('Lan-selected')} labels={labelsOf(lan, lanItems)} />
            </div>
            <div className="scope-column">
              <SelectField
                id={id('Polisregioner')}
                label={t('org.polisregioner')}
                multiple
                size={8}
                value={polisregioner}
                aria-describedby={`${scopeHintId} ${id('Polisregioner-selected')}`}
                onChange={(event) => setPolisregioner(selectedValues(event.target))}
              >
                {regionItems.map((item) => (
                  <option key={item.value} value={item.value}>
                    {mark(polisregioner.includes(item.value))}
                    {item.label}
                  </option>
                ))}
              </SelectField>
              <SelectedSummary id={id('Polisregioner-selected')} labels={labelsOf(polisregioner, regionItems)} />
            </div>
          </div>
        </fieldset>
        <button type="submit" className="button" aria-disabled={isBusy}>
          {isBusy ? t('app.saving') : submitLabel}
        </button>
      </form>
    </section>
  );
}
