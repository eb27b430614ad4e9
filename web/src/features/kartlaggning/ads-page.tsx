/**
 * Kartläggning: ad search ("Annonser"). Every search states its purpose (a kind from a list and
 * a free-text reference); the server logs it in the audit log. No request goes out without one.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isPurposeStated } from '../../../../src/core/shared/purpose';
import type { AdImageMatchDto, AdListItemDto } from '../../../../src/contracts/ads';
import { isApiError } from '../../api/client';
import { adsApi, placesApi, type AdSearchFilter } from '../../api/endpoints';
import { useI18n, type MessageKey, type Translate } from '../../i18n/i18n';
import { ErrorSummary, LoadError, Notice, SelectField, TextField, errorMessage, type SummaryItem } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { DemoBadge } from '../shell/demo-badge';
import { useSession } from '../auth/session';
import { PageHeading } from '../shell/page-heading';
import { indicatorOptions } from './link-names';
import { PURPOSE_KINDS, purposeKey, purposeText, useSessionPurpose, type PurposeKind } from './purpose';

export { PURPOSE_KINDS };

/** At most this many ads per search; when a search hits it, the page says so. */
export const AD_LIMIT = 100;
/** The largest picture the image search takes (the server's limit). */
export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

interface SearchForm {
  purposeKind: '' | PurposeKind;
  purposeRef: string;
  q: string;
  phone: string;
  kommun: string;
  lan: string;
  from: string;
  to: string;
  indicator: string;
}

const EMPTY: SearchForm = { purposeKind: '', purposeRef: '', q: '', phone: '', kommun: '', lan: '', from: '', to: '', indicator: '' };

/** Field ids; the API's issue paths map onto them. */
const FIELD_IDS = {
  purposeKind: 'adsPurposeKind',
  purposeRef: 'adsPurposeRef',
  q: 'adsQ',
  phone: 'adsPhone',
  kommun: 'adsKommun',
  lan: 'adsLan',
  from: 'adsFrom',
  to: 'adsTo',
  indicator: 'adsIndicator',
  image: 'adsImage',
} as const satisfies Record<keyof SearchForm | 'image', string>;
type FieldName = keyof typeof FIELD_IDS;

const FIELD_LABELS: Record<FieldName, MessageKey> = {
  purposeKind: 'ads.purposeKind',
  purposeRef: 'ads.purposeRef',
  q: 'ads.q',
  phone: 'ads.phone',
  kommun: 'ads.kommun',
  lan: 'ads.lan',
  from: 'ads.from',
  to: 'ads.to',
  indicator: 'ads.indicator',
  image: 'ads.image',
};

type Errors = Partial<Record<FieldName, string>>;

type Results =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; items: (AdListItemDto & Partial<Pick<AdImageMatchDto, 'distance'>>)[]; byImage: boolean }
  | { status: 'failed'; error: unknown };

/** Saves a blob under `filename` through a temporary object URL. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Give the browser a moment to start the download before the URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

function exportError(t: Translate, error: unknown, title: string): string {
  if (isApiError(error, 'PURPOSE_REQUIRED')) return t('ads.errExportPurpose');
  if (isApiError(error) && error.status === 404) return t('ads.errExportNotFound', { title });
  if (isApiError(error) && error.status === 403) return t('ads.errExportForbidden');
  return t('ads.errExport', { title, message: errorMessage(t, error) });
}

function validatePurpose(t: Translate, form: SearchForm): Errors {
  const errors: Errors = {};
  if (!form.purposeKind) errors.purposeKind = t('ads.errPurposeKind');
  if (!isPurposeStated(form.purposeRef)) errors.purposeRef = t('ads.errPurposeRef');
  return errors;
}

function validate(t: Translate, form: SearchForm): Errors {
  const errors: Errors = validatePurpose(t, form);
  if (form.from && !DATE_PATTERN.test(form.from)) errors.from = t('ads.errDate');
  if (form.to && !DATE_PATTERN.test(form.to)) errors.to = t('ads.errDate');
  if (!errors.from && !errors.to && form.from && form.to && form.from > form.to) errors.to = t('ads.errPeriod');
  return errors;
}

function toFilter(form: SearchForm): AdSearchFilter {
  return {
    q: form.q.trim() || undefined,
    phone: form.phone.trim() || undefined,
    kommun: form.kommun || undefined,
    lan: form.lan || undefined,
    from: form.from || undefined,
    to: form.to || undefined,
    indicator: form.indicator || undefined,
    limit: AD_LIMIT,
  };
}

function isFieldName(value: unknown): value is FieldName {
  return typeof value === 'string' && value in FIELD_IDS;
}

/** Turns an API error into messages per field where the API names one. */
function apiErrors(t: Translate, error: unknown): { fields: Errors; general: string | null } {
  if (isApiError(error, 'PURPOSE_REQUIRED')) return { fields: { purposeRef: t('ads.errPurposeServer') }, general: null };
  if (isApiError(error, 'VALIDATION_FAILED') && error.issues.length) {
    const fields: Errors = {};
    const other: string[] = [];
    for (const issue of error.issues) {
      const name = issue.path[0];
      if (isFieldName(name)) {
        fields[name] =
          name === 'phone'
            ? t('ads.errPhone')
            : name === 'image'
              ? t('ads.errImageServer')
              : t('ads.errInvalid', { message: issue.message });
      } else {
        other.push(`${issue.path.join('.')}: ${issue.message}`);
      }
    }
    return { fields, general: other.length ? other.join('; ') : null };
  }
  if (isApiError(error, 'PAYLOAD_TOO_LARGE')) return { fields: { image: t('ads.errImageSize') }, general: null };
  if (isApiError(error) && error.status === 403) return { fields: {}, general: t('ads.errForbidden') };
  return { fields: {}, general: errorMessage(t, error) };
}

export function AdsPage() {
  const { t, locale, formatDateTime } = useI18n();
  const { session } = useSession();
  // The server decides (me.capabilities, from the policy); the export checks the same again.
  const canExport = session.status === 'authenticated' && session.me.capabilities.exportEvidence;
  /** The purpose of the search whose results are shown; exports use the same. */
  const shownPurpose = useRef<string | null>(null);
  const [exportingId, setExportingId] = useState<string | null>(null);
  const [exportNotice, setExportNotice] = useState<string | null>(null);
  const places = useLoad(() => placesApi.list(), 'places');
  const sessionPurpose = useSessionPurpose();
  // The purpose given earlier in this session fills the purpose fields.
  const [form, setForm] = useState<SearchForm>(() => ({
    ...EMPTY,
    purposeKind: sessionPurpose.kind ?? '',
    purposeRef: sessionPurpose.reference,
  }));
  const [picture, setPicture] = useState<File | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [results, setResults] = useState<Results>({ status: 'idle' });
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const searchId = useRef(0);

  // Focus moves to the results heading once a search has answered.
  useEffect(() => {
    if (results.status === 'done') resultsHeading.current?.focus();
  }, [results]);

  const collator = new Intl.Collator(locale === 'sv' ? 'sv-SE' : 'en-GB');
  const indicators = indicatorOptions(locale);
  const lanList = [...(places.data?.lan ?? [])].sort((a, b) => collator.compare(a.name, b.name));
  const kommunList = [...(places.data?.kommuner ?? [])]
    .filter((kommun) => !form.lan || kommun.countyCode === form.lan)
    .sort((a, b) => collator.compare(a.name, b.name));

  const set = <K extends keyof SearchForm>(key: K, value: SearchForm[K]) => setForm((prev) => ({ ...prev, [key]: value }));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = validate(t, form);
    setErrors(next);
    setGeneralError(null);
    setExportNotice(null);
    if (Object.keys(next).length || !form.purposeKind) return;

    await runSearch(form.purposeKind, false, (purpose) => adsApi.search(toFilter(form), purpose));
  }

  /** Runs one search with the purpose of the form, keeping only the newest answer. */
  async function runSearch(
    kind: PurposeKind,
    byImage: boolean,
    search: (purpose: string) => Promise<(AdListItemDto & Partial<Pick<AdImageMatchDto, 'distance'>>)[]>,
  ) {
    const purpose = purposeText(t, kind, form.purposeRef);
    const id = ++searchId.current;
    setResults({ status: 'loading' });
    try {
      const items = await search(purpose);
      if (id === searchId.current) {
        shownPurpose.current = purpose;
        sessionPurpose.save(kind, form.purposeRef);
        setResults({ status: 'done', items, byImage });
      }
    } catch (error) {
      if (id !== searchId.current) return;
      const mapped = apiErrors(t, error);
      setErrors(mapped.fields);
      setGeneralError(mapped.general);
      setResults({ status: 'failed', error });
    }
  }

  async function onImageSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = validatePurpose(t, form);
    if (!picture) next.image = t('ads.errImageMissing');
    else if (picture.size > IMAGE_MAX_BYTES) next.image = t('ads.errImageSize');
    else if (picture.type && !picture.type.startsWith('image/')) next.image = t('ads.errImageType');
    setErrors(next);
    setGeneralError(null);
    setExportNotice(null);
    if (Object.keys(next).length || !form.purposeKind || !picture) return;
    await runSearch(form.purposeKind, true, (purpose) => adsApi.searchByImage(picture, purpose).then((r) => r.items));
  }

  async function onExport(ad: AdListItemDto) {
    const purpose = shownPurpose.current;
    const title = ad.title ?? t('ads.noTitle');
    if (exportingId) return;
    setGeneralError(null);
    setExportNotice(null);
    if (!purpose) {
      setGeneralError(t('ads.errExportPurpose'));
      return;
    }
    setExportingId(ad.id);
    try {
      const file = await adsApi.evidence(ad.id, purpose);
      const filename = file.filename ?? `fyren-evidence-${ad.id}.tar`;
      saveBlob(file.blob, filename);
      setExportNotice(t('ads.exportDone', { title, filename }));
    } catch (error) {
      setGeneralError(exportError(t, error, title));
    } finally {
      setExportingId(null);
    }
  }

  const summary: SummaryItem[] = [
    ...(Object.keys(FIELD_IDS) as FieldName[]).flatMap((name) => {
      const message = errors[name];
      return message ? [{ fieldId: FIELD_IDS[name], message: t('ads.errField', { field: t(FIELD_LABELS[name]), message }) }] : [];
    }),
    ...(generalError ? [{ message: generalError }] : []),
  ];

  const items = results.status === 'done' ? results.items : [];
  const byImage = results.status === 'done' && results.byImage;
  const hasDemo = items.some((item) => item.isDemo);

  return (
    <div>
      <PageHeading title={`${t('ads.title')} – ${t('module.kartlaggning')}`}>{t('ads.title')}</PageHeading>
      <p className="lead">{t('ads.lead')}</p>

      <ErrorSummary items={summary} />
      <form className="form ads-form" noValidate onSubmit={(event) => void onSubmit(event)} aria-label={t('ads.title')}>
        <fieldset className="fieldset">
          <legend>{t('ads.purposeLegend')}</legend>
          <p id="ads-purpose-intro" className="hint">
            {t('ads.purposeIntro')}
          </p>
          <div className="form form--inline">
            <SelectField
              id={FIELD_IDS.purposeKind}
              label={t('ads.purposeKind')}
              isRequired
              value={form.purposeKind}
              error={errors.purposeKind}
              onChange={(event) => set('purposeKind', event.target.value as SearchForm['purposeKind'])}
            >
              <option value="">{t('ads.purposeChoose')}</option>
              {PURPOSE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(purposeKey(kind))}
                </option>
              ))}
            </SelectField>
            <TextField
              id={FIELD_IDS.purposeRef}
              label={t('ads.purposeRef')}
              hint={t('ads.purposeRefHint')}
              isRequired
              maxLength={200}
              autoComplete="off"
              value={form.purposeRef}
              error={errors.purposeRef}
              onChange={(event) => set('purposeRef', event.target.value)}
            />
          </div>
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t('ads.filtersLegend')}</legend>
          <p className="hint">{t('ads.filtersHint')}</p>
          <div className="form form--inline">
            <TextField
              id={FIELD_IDS.q}
              type="search"
              label={t('ads.q')}
              hint={t('ads.qHint')}
              maxLength={200}
              value={form.q}
              error={errors.q}
              onChange={(event) => set('q', event.target.value)}
            />
            <TextField
              id={FIELD_IDS.phone}
              type="tel"
              label={t('ads.phone')}
              hint={t('ads.phoneHint')}
              maxLength={60}
              autoComplete="off"
              value={form.phone}
              error={errors.phone}
              onChange={(event) => set('phone', event.target.value)}
            />
            <SelectField
              id={FIELD_IDS.lan}
              label={t('ads.lan')}
              value={form.lan}
              error={errors.lan}
              onChange={(event) => {
                const lan = event.target.value;
                setForm((prev) => {
                  const kommun = places.data?.kommuner.find((k) => k.code === prev.kommun);
                  return { ...prev, lan, kommun: lan && kommun && kommun.countyCode !== lan ? '' : prev.kommun };
                });
              }}
            >
              <option value="">{t('ads.all')}</option>
              {lanList.map((lan) => (
                <option key={lan.code} value={lan.code}>
                  {lan.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              id={FIELD_IDS.kommun}
              label={t('ads.kommun')}
              value={form.kommun}
              error={errors.kommun}
              onChange={(event) => set('kommun', event.target.value)}
            >
              <option value="">{t('ads.all')}</option>
              {kommunList.map((kommun) => (
                <option key={kommun.code} value={kommun.code}>
                  {kommun.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              id={FIELD_IDS.indicator}
              label={t('ads.indicator')}
              hint={t('ads.indicatorHint')}
              value={form.indicator}
              error={errors.indicator}
              onChange={(event) => set('indicator', event.target.value)}
            >
              <option value="">{t('ads.all')}</option>
              {indicators.map((indicator) => (
                <option key={indicator.code} value={indicator.code}>
                  {indicator.name}
                </option>
              ))}
            </SelectField>
          </div>
          <fieldset className="fieldset ads-period">
            <legend>{t('ads.period')}</legend>
            <div className="form form--inline">
              <TextField
                id={FIELD_IDS.from}
                type="date"
                label={t('ads.from')}
                value={form.from}
                error={errors.from}
                onChange={(event) => set('from', event.target.value)}
              />
              <TextField
                id={FIELD_IDS.to}
                type="date"
                label={t('ads.to')}
                value={form.to}
                error={errors.to}
                onChange={(event) => set('to', event.target.value)}
              />
            </div>
          </fieldset>
          {places.isLoading ? <p className="hint">{t('ads.placesLoading')}</p> : null}
        </fieldset>

        <div className="button-row">
          <button type="submit" className="button" aria-describedby="ads-purpose-intro" disabled={results.status === 'loading'}>
            {results.status === 'loading' ? t('ads.searching') : t('ads.submit')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setForm((prev) => ({ ...EMPTY, purposeKind: prev.purposeKind, purposeRef: prev.purposeRef }));
              setErrors({});
              setGeneralError(null);
            }}
          >
            {t('ads.clear')}
          </button>
        </div>
      </form>

      <form className="form ads-image-form" noValidate onSubmit={(event) => void onImageSubmit(event)} aria-labelledby="ads-image-legend">
        <fieldset className="fieldset">
          <legend id="ads-image-legend">{t('ads.imageLegend')}</legend>
          <p id="ads-image-help" className="hint">
            {t('ads.imageHelp')}
          </p>
          <TextField
            id={FIELD_IDS.image}
            type="file"
            className="input input--file"
            accept="image/jpeg,image/png,image/webp,image/gif,image/avif,image/tiff"
            label={t('ads.image')}
            hint={t('ads.imageHint')}
            error={errors.image}
            onChange={(event) => setPicture(event.target.files?.[0] ?? null)}
          />
        </fieldset>
        <div className="button-row">
          <button
            type="submit"
            className="button"
            aria-describedby="ads-purpose-intro ads-image-help"
            disabled={results.status === 'loading'}
          >
            {t('ads.imageSubmit')}
          </button>
        </div>
      </form>

      {places.error ? <LoadError error={places.error} onRetry={places.reload} /> : null}

      <div aria-live="polite" aria-busy={results.status === 'loading'}>
        {results.status === 'loading' ? <p>{t('ads.searching')}</p> : null}
      </div>

      {results.status === 'done' ? (
        <section aria-labelledby="ads-results-title" className="ads-results">
          <h2 id="ads-results-title" ref={resultsHeading} tabIndex={-1}>
            {t('ads.resultsTitle')}
          </h2>
          <p>{t('ads.resultsCount', { count: items.length })}</p>
          {byImage ? <p className="hint">{t('ads.imageResultsNote')}</p> : null}
          {exportNotice ? <Notice kind="success">{exportNotice}</Notice> : null}
          {items.length >= AD_LIMIT ? <p>{t('ads.resultsLimit', { count: AD_LIMIT })}</p> : null}
          {hasDemo ? (
            <Notice>
              <DemoBadge /> {t('ads.demoNotice')}
            </Notice>
          ) : null}
          {items.length ? (
            <div className="table-wrap">
              <table className="table table--compact">
                <caption>{byImage ? t('ads.captionImage', { count: items.length }) : t('ads.caption', { count: items.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('ads.colSource')}</th>
                    <th scope="col">{t('ads.colTitle')}</th>
                    <th scope="col">{t('ads.colPlace')}</th>
                    <th scope="col">{t('ads.colPhone')}</th>
                    <th scope="col">{t('ads.colFirstSeen')}</th>
                    <th scope="col">{t('ads.colLastSeen')}</th>
                    {byImage ? <th scope="col">{t('ads.colDistance')}</th> : null}
                    {canExport ? <th scope="col">{t('ads.colEvidence')}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {items.map((ad) => (
                    <tr key={ad.id} data-testid="ad-row">
                      <td>
                        <span className="ads-source">{ad.source}</span>
                        {ad.isDemo ? (
                          <>
                            {' '}
                            <DemoBadge />
                          </>
                        ) : null}
                      </td>
                      <th scope="row">{ad.title ?? t('ads.noTitle')}</th>
                      <td>
                        {ad.municipality ? ad.municipality.name : t('ads.noPlace')}
                        {ad.location && ad.location.toLocaleLowerCase() !== ad.municipality?.name.toLocaleLowerCase() ? (
                          <span className="hint ads-location">{ad.location}</span>
                        ) : null}
                      </td>
                      <td>
                        {ad.phones.length ? (
                          <ul className="plain-list ads-phones">
                            {ad.phones.map((phone) => (
                              <li key={phone}>{phone}</li>
                            ))}
                          </ul>
                        ) : (
                          t('ads.noPhone')
                        )}
                      </td>
                      <td>{formatDateTime(ad.firstSeenAt)}</td>
                      <td>{formatDateTime(ad.lastSeenAt)}</td>
                      {byImage ? <td>{t('ads.distance', { bits: ad.distance ?? 0 })}</td> : null}
                      {canExport ? (
                        <td>
                          <button
                            type="button"
                            className="button button--secondary ads-export"
                            aria-disabled={exportingId === ad.id || undefined}
                            // The visible words first, then the title: each row's button has its own name.
                            aria-label={`${exportingId === ad.id ? t('ads.exporting') : t('ads.export')}${t('ads.exportFor', { title: ad.title ?? t('ads.noTitle') })}`}
                            onClick={() => void onExport(ad)}
                          >
                            {exportingId === ad.id ? t('ads.exporting') : t('ads.export')}
                          </button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="ads-empty">{t('ads.empty')}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
