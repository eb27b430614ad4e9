/**
 * The correction form of a profile: confirm that two ads are the same person, cut two ads
 * apart, split selected ads off into a profile of their own, or mark a value that extraction
 * read wrongly. A reason is always required; the correction is kept with its author and
 * survives every rebuild of the linking.
 */
import { useState, type FormEvent } from 'react';
import type { CorrectionCreateInput, CorrectionDto, EdgeDto } from '../../../../src/contracts/links';
import { isApiError } from '../../api/client';
import { linksApi } from '../../api/endpoints';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { ErrorSummary, FieldError, SelectField, TextAreaField, errorMessage, type SummaryItem } from '../../ui/form';
import { edgeKindName } from './link-names';

const TYPES = ['confirm', 'cut', 'split', 'wrong_extraction'] as const;
type CorrectionType = (typeof TYPES)[number];
const SIGNAL_KINDS = ['phone', 'email', 'handle', 'image'] as const;
type SignalKind = (typeof SIGNAL_KINDS)[number];

const IDS = {
  type: 'corrType',
  level: 'corrLevel',
  a: 'corrA',
  b: 'corrB',
  move: 'corrMove',
  ad: 'corrAd',
  value: 'corrValue',
  reason: 'corrReason',
} as const;
type Field = keyof typeof IDS;
type Errors = Partial<Record<Field, string>>;

const LABELS: Record<Field, MessageKey> = {
  type: 'correct.type',
  level: 'correct.level',
  a: 'correct.a',
  b: 'correct.b',
  move: 'correct.move',
  ad: 'correct.ad',
  value: 'correct.value',
  reason: 'correct.reason',
};

export interface CorrectionAd {
  ref: string;
  label: string;
  phones: string[];
}

/** The values an ad carries that linking used: its phones and the values of its edges. */
function valuesOf(ad: CorrectionAd | undefined, edges: EdgeDto[]): { kind: SignalKind; value: string }[] {
  if (!ad) return [];
  const seen = new Map<string, { kind: SignalKind; value: string }>();
  for (const phone of ad.phones) seen.set(`phone\u0000${phone}`, { kind: 'phone', value: phone });
  for (const e of edges) {
    if ((e.a === ad.ref || e.b === ad.ref) && (SIGNAL_KINDS as readonly string[]).includes(e.kind)) {
      seen.set(`${e.kind}\u0000${e.value}`, { kind: e.kind as SignalKind, value: e.value });
    }
  }
  return [...seen.values()];
}

export function CorrectionForm({
  ads,
  edges,
  purpose,
  onSaved,
}: {
  ads: CorrectionAd[];
  edges: EdgeDto[];
  purpose: string;
  onSaved: (correction: CorrectionDto) => void;
}) {
  const { t } = useI18n();
  const [type, setType] = useState<'' | CorrectionType>('');
  const [level, setLevel] = useState<'profile' | 'network'>('profile');
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [move, setMove] = useState<string[]>([]);
  const [ad, setAd] = useState('');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const values = valuesOf(
    ads.find((x) => x.ref === ad),
    edges,
  );

  function validate(): Errors {
    const next: Errors = {};
    if (!type) next.type = t('correct.errType');
    if (type === 'confirm' || type === 'cut') {
      if (!a) next.a = t('correct.errAd');
      if (!b) next.b = t('correct.errAd');
      else if (a && a === b) next.b = t('correct.errSame');
    }
    if (type === 'split') {
      if (move.length === 0) next.move = t('correct.errMoveNone');
      else if (move.length >= ads.length) next.move = t('correct.errMoveAll');
    }
    if (type === 'wrong_extraction') {
      if (!ad) next.ad = t('correct.errAd');
      if (!value) next.value = t('correct.errValue');
    }
    if (reason.trim().length < 3) next.reason = t('correct.errReason');
    return next;
  }

  function input(): CorrectionCreateInput | null {
    const why = reason.trim();
    switch (type) {
      case 'confirm':
      case 'cut':
        return { type, level, a, b, reason: why };
      case 'split':
        return { type, level, keep: ads.map((x) => x.ref).filter((r) => !move.includes(r)), move, reason: why };
      case 'wrong_extraction': {
        const [kind, ...rest] = value.split('\u0000');
        return { type, ad, kind: kind as SignalKind, value: rest.join('\u0000'), reason: why };
      }
      case '':
        return null;
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = validate();
    setErrors(next);
    setGeneral(null);
    const body = input();
    if (Object.keys(next).length || !body || isSaving) return;
    setIsSaving(true);
    try {
      const saved = await linksApi.correct(body, purpose);
      setReason('');
      setMove([]);
      setA('');
      setB('');
      setValue('');
      onSaved(saved);
    } catch (error) {
      if (isApiError(error, 'VALIDATION_FAILED') && error.issues.length) {
        const fields: Errors = {};
        const other: string[] = [];
        for (const issue of error.issues) {
          const name = issue.path[0];
          const field = name === 'keep' ? 'move' : name === 'kind' ? 'value' : name;
          if (typeof field === 'string' && field in IDS) fields[field as Field] = issue.message;
          else other.push(issue.message);
        }
        setErrors(fields);
        setGeneral(other.length ? other.join('; ') : null);
      } else if (isApiError(error, 'NOT_FOUND')) setGeneral(t('correct.errNotFound'));
      else if (isApiError(error) && error.status === 403) setGeneral(t('correct.errForbidden'));
      else setGeneral(errorMessage(t, error));
    } finally {
      setIsSaving(false);
    }
  }

  const summary: SummaryItem[] = [
    ...(Object.keys(IDS) as Field[]).flatMap((name) => {
      const message = errors[name];
      if (!message) return [];
      const fieldId = name === 'type' ? `${IDS.type}-${TYPES[0]}` : name === 'move' ? `${IDS.move}-0` : IDS[name];
      return [{ fieldId, message: t('ads.errField', { field: t(LABELS[name]), message }) }];
    }),
    ...(general ? [{ message: general }] : []),
  ];

  const adOptions = ads.map((x) => (
    <option key={x.ref} value={x.ref}>
      {x.label}
    </option>
  ));

  return (
    <form className="form correction-form" noValidate onSubmit={(event) => void onSubmit(event)} aria-labelledby="correct-title">
      <ErrorSummary items={summary} />
      <fieldset className="fieldset" aria-describedby={errors.type ? `${IDS.type}-error` : undefined}>
        <legend>{t('correct.type')}</legend>
        <FieldError id={`${IDS.type}-error`} message={errors.type} />
        {TYPES.map((x) => (
          <div className="radio" key={x}>
            <input
              type="radio"
              id={`${IDS.type}-${x}`}
              name={IDS.type}
              value={x}
              checked={type === x}
              aria-describedby={`${IDS.type}-${x}-hint`}
              onChange={() => setType(x)}
            />
            <label htmlFor={`${IDS.type}-${x}`}>{t(`correct.type.${x}`)}</label>
            <p id={`${IDS.type}-${x}-hint`} className="hint">
              {t(`correct.typeHint.${x}`)}
            </p>
          </div>
        ))}
      </fieldset>

      {type && type !== 'wrong_extraction' ? (
        <SelectField
          id={IDS.level}
          label={t('correct.level')}
          value={level}
          onChange={(event) => setLevel(event.target.value as 'profile' | 'network')}
        >
          <option value="profile">{t('correct.levelProfile')}</option>
          <option value="network">{t('correct.levelNetwork')}</option>
        </SelectField>
      ) : null}

      {type === 'confirm' || type === 'cut' ? (
        <div className="form form--inline">
          <SelectField
            id={IDS.a}
            label={t('correct.a')}
            isRequired
            value={a}
            error={errors.a}
            onChange={(event) => setA(event.target.value)}
          >
            <option value="">{t('correct.chooseAd')}</option>
            {adOptions}
          </SelectField>
          <SelectField
            id={IDS.b}
            label={t('correct.b')}
            isRequired
            value={b}
            error={errors.b}
            onChange={(event) => setB(event.target.value)}
          >
            <option value="">{t('correct.chooseAd')}</option>
            {adOptions}
          </SelectField>
        </div>
      ) : null}

      {type === 'split' ? (
        <fieldset className="fieldset" aria-describedby={errors.move ? `${IDS.move}-error` : `${IDS.move}-hint`}>
          <legend>{t('correct.move')}</legend>
          <p id={`${IDS.move}-hint`} className="hint">
            {t('correct.moveHint')}
          </p>
          <FieldError id={`${IDS.move}-error`} message={errors.move} />
          {ads.map((x, i) => (
            <div className="checkbox" key={x.ref}>
              <input
                type="checkbox"
                id={`${IDS.move}-${i}`}
                checked={move.includes(x.ref)}
                onChange={(event) => setMove((prev) => (event.target.checked ? [...prev, x.ref] : prev.filter((r) => r !== x.ref)))}
              />
              <label htmlFor={`${IDS.move}-${i}`}>{x.label}</label>
            </div>
          ))}
        </fieldset>
      ) : null}

      {type === 'wrong_extraction' ? (
        <div className="form form--inline">
          <SelectField
            id={IDS.ad}
            label={t('correct.ad')}
            isRequired
            value={ad}
            error={errors.ad}
            onChange={(event) => {
              setAd(event.target.value);
              setValue('');
            }}
          >
            <option value="">{t('correct.chooseAd')}</option>
            {adOptions}
          </SelectField>
          <SelectField
            id={IDS.value}
            label={t('correct.value')}
            hint={t('correct.valueHint')}
            isRequired
            value={value}
            error={errors.value}
            onChange={(event) => setValue(event.target.value)}
          >
            <option value="">{ad ? (values.length ? t('correct.chooseValue') : t('correct.noValues')) : t('correct.chooseAdFirst')}</option>
            {values.map((v) => (
              <option key={`${v.kind}\u0000${v.value}`} value={`${v.kind}\u0000${v.value}`}>
                {`${edgeKindName(v.kind, t)}: ${v.value}`}
              </option>
            ))}
          </SelectField>
        </div>
      ) : null}

      <TextAreaField
        id={IDS.reason}
        label={t('correct.reason')}
        hint={t('correct.reasonHint')}
        isRequired
        rows={3}
        maxLength={1000}
        value={reason}
        error={errors.reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <div className="button-row">
        <button type="submit" className="button" aria-disabled={isSaving || undefined}>
          {isSaving ? t('app.saving') : t('correct.submit')}
        </button>
      </div>
    </form>
  );
}
