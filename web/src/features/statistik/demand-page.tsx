/**
 * Statistik → Efterfrågan: the buyer side of the market as statistics. Demand (distinct buyer
 * accounts), supply (ads) and probes on one time axis with the events marked; the weekly
 * figures as a table (the accessible form of the chart); the displacement around an event; and,
 * for those the policy allows, forms to enter events and probes. Every count arrives suppressed
 * from the server ("<5"); no pseudonym or username exists in any response.
 */
import { useState, type FormEvent } from 'react';
import { demandApi, placesApi, type Places } from '../../api/endpoints';
import type { DemandEventDto, DemandEventKind, DemandTrendDto } from '../../../../src/contracts/demand';
import { renderTrendFigure, TREND_TEXTS_EN, TREND_TEXTS_SV } from '../../../../src/core/demand/trend-figure';
import { useI18n, type Translate } from '../../i18n/i18n';
import { ErrorSummary, LoadError, Notice, SelectField, TextAreaField, TextField, errorMessage, type SummaryItem } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { DemoBadge } from '../shell/demo-badge';
import { PageHeading } from '../shell/page-heading';

const EVENT_KINDS: readonly DemandEventKind[] = ['operation', 'medborgarlofte', 'campaign', 'media'];

function AreaOptions({ places, t, locale }: { places: Places | undefined; t: Translate; locale: string }) {
  const collator = new Intl.Collator(locale === 'sv' ? 'sv-SE' : 'en-GB');
  const kommuner = [...(places?.kommuner ?? [])].sort((a, b) => collator.compare(a.name, b.name));
  const lan = [...(places?.lan ?? [])].sort((a, b) => collator.compare(a.name, b.name));
  return (
    <>
      <option value="land:SE">{t('demand.areaLand')}</option>
      <optgroup label={t('demand.areaRegions')}>
        {(places?.polisregioner ?? []).map((r) => (
          <option key={r} value={`polisregion:${r}`}>
            {r}
          </option>
        ))}
      </optgroup>
      <optgroup label={t('demand.areaLan')}>
        {lan.map((l) => (
          <option key={l.code} value={`lan:${l.code}`}>
            {l.name}
          </option>
        ))}
      </optgroup>
      <optgroup label={t('demand.areaKommuner')}>
        {kommuner.map((k) => (
          <option key={k.code} value={`kommun:${k.code}`}>
            {k.name}
          </option>
        ))}
      </optgroup>
    </>
  );
}

function WeekTable({ trend }: { trend: DemandTrendDto }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table demand-table">
        <caption>{t('demand.tableCaption', { area: trend.area.name, threshold: trend.threshold })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('demand.colWeek')}</th>
            <th scope="col">{t('demand.colDistinct')}</th>
            <th scope="col">{t('demand.colActive')}</th>
            <th scope="col">{t('demand.colNew')}</th>
            <th scope="col">{t('demand.colGone')}</th>
            <th scope="col">{t('demand.colProfiles')}</th>
            <th scope="col">{t('demand.colReplies')}</th>
          </tr>
        </thead>
        <tbody>
          {[...trend.weeks].reverse().map((w) => (
            <tr key={w.week} className={w.isIncomplete ? 'demand-table__incomplete' : undefined}>
              <th scope="row">
                {w.week}
                {w.isIncomplete ? ` (${t('demand.incompleteWeek')})` : ''}
              </th>
              <td>{w.distinct.display}</td>
              <td>{w.active.display}</td>
              <td>{w.new.display}</td>
              <td>{w.gone.display}</td>
              <td>{w.profiles.display}</td>
              <td>{w.repliesPerHour === null ? '–' : w.repliesPerHour}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Displacement({ event }: { event: DemandEventDto }) {
  const { t, locale } = useI18n();
  const [compareInput, setCompareInput] = useState('');
  const [compare, setCompare] = useState('');
  const view = useLoad(() => demandApi.displacement(event.id, 6, compare || undefined), `${event.id}|${compare}`);
  const summaryId = `displacement-summary-${event.id}`;
  return (
    <section className="demand-displacement" aria-labelledby="displacement-title">
      <h2 id="displacement-title">{t('demand.displacement', { title: event.title })}</h2>
      <form
        className="form form--inline"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setCompare(compareInput.trim());
        }}
      >
        <TextField
          id="displacementCompare"
          label={t('demand.compare')}
          hint={t('demand.compareHint')}
          value={compareInput}
          onChange={(e) => setCompareInput(e.target.value)}
        />
        <button type="submit" className="button">
          {t('demand.show')}
        </button>
      </form>
      {view.error ? <LoadError error={view.error} onRetry={view.reload} /> : null}
      {view.data ? (
        <>
          <p id={summaryId} className="demand-summary">
            {locale === 'sv' ? view.data.summarySv : view.data.summaryEn}
          </p>
          <div className="table-wrap">
            <table className="table" aria-describedby={summaryId}>
              <caption>{t('demand.displacementCaption', { weeks: view.data.weeks })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('demand.colArea')}</th>
                  <th scope="col">{t('demand.colBefore')}</th>
                  <th scope="col">{t('demand.colAfter')}</th>
                  <th scope="col">{t('demand.colChange')}</th>
                </tr>
              </thead>
              <tbody>
                {view.data.rows.map((r) => (
                  <tr key={`${r.role}:${r.code}`} className={`displacement-row displacement-row--${r.role}`}>
                    <th scope="row">
                      {r.role === 'neighbours' ? t('demand.role.neighbours') : r.name}{' '}
                      {r.role !== 'neighbours' ? <span className="hint">({t(`demand.role.${r.role}`)})</span> : null}
                    </th>
                    <td>{r.before.display}</td>
                    <td>{r.after.display}</td>
                    <td>{r.changePercent === null ? '–' : `${r.changePercent > 0 ? '+' : ''}${r.changePercent} %`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

function EventForm({ area, onSaved }: { area: string; onSaved: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<DemandEventKind>('operation');
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const [saved, setSaved] = useState(false);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const problems: SummaryItem[] = [];
    if (title.trim().length < 3) problems.push({ fieldId: 'eventTitle', message: `${t('demand.eventTitle')}: 3–200` });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) problems.push({ fieldId: 'eventDate', message: `${t('demand.eventDate')}: ÅÅÅÅ-MM-DD` });
    setErrors(problems);
    if (problems.length) return;
    try {
      await demandApi.createEvent({ kind, title: title.trim(), area, date });
      setTitle('');
      setSaved(true);
      onSaved();
    } catch (err) {
      setErrors([{ message: errorMessage(t, err) }]);
    }
  }
  return (
    <form className="form demand-form" noValidate onSubmit={(e) => void onSubmit(e)} aria-labelledby="event-form-title">
      <h2 id="event-form-title">{t('demand.addEvent')}</h2>
      <ErrorSummary items={errors} />
      {saved ? <Notice kind="success">{t('demand.eventSaved')}</Notice> : null}
      <SelectField id="eventKind" label={t('demand.eventKind')} value={kind} onChange={(e) => setKind(e.target.value as DemandEventKind)}>
        {EVENT_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`demand.eventKind.${k}`)}
          </option>
        ))}
      </SelectField>
      <TextField id="eventTitle" label={t('demand.eventTitle')} isRequired value={title} onChange={(e) => setTitle(e.target.value)} />
      <TextField
        id="eventDate"
        label={t('demand.eventDate')}
        type="date"
        isRequired
        value={date}
        onChange={(e) => setDate(e.target.value)}
      />
      <button type="submit" className="button">
        {t('app.save')}
      </button>
    </form>
  );
}

function ProbeForm({ area, onSaved }: { area: string; onSaved: () => void }) {
  const { t } = useI18n();
  const [f, setF] = useState({ startedAt: '', site: '', profile: '', window: '180', first: '', total: '' });
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const [saved, setSaved] = useState(false);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const started = new Date(f.startedAt);
    const n = (s: string) => (/^\d+$/.test(s) ? Number(s) : Number.NaN);
    const problems: SummaryItem[] = [];
    if (Number.isNaN(started.getTime())) problems.push({ fieldId: 'probeStarted', message: t('demand.probeStarted') });
    if (f.site.trim().length < 2) problems.push({ fieldId: 'probeSite', message: t('demand.probeSite') });
    if (f.profile.trim().length < 3) problems.push({ fieldId: 'probeProfile', message: t('demand.probeProfile') });
    if (!(n(f.window) >= 60)) problems.push({ fieldId: 'probeWindow', message: `${t('demand.probeWindow')} ≥ 60` });
    if (Number.isNaN(n(f.first))) problems.push({ fieldId: 'probeFirst', message: t('demand.probeFirst') });
    if (Number.isNaN(n(f.total)) || n(f.total) < n(f.first)) problems.push({ fieldId: 'probeTotal', message: t('demand.probeTotal') });
    setErrors(problems);
    if (problems.length) return;
    try {
      await demandApi.createProbe({
        startedAt: started.toISOString(),
        site: f.site.trim(),
        area,
        profileDescription: f.profile.trim(),
        windowMinutes: n(f.window),
        repliesFirstHour: n(f.first),
        repliesTotal: n(f.total),
      });
      setSaved(true);
      onSaved();
    } catch (err) {
      setErrors([{ message: errorMessage(t, err) }]);
    }
  }
  return (
    <form className="form demand-form" noValidate onSubmit={(e) => void onSubmit(e)} aria-labelledby="probe-form-title">
      <h2 id="probe-form-title">{t('demand.addProbe')}</h2>
      <ErrorSummary items={errors} />
      {saved ? <Notice kind="success">{t('demand.probeSaved')}</Notice> : null}
      <TextField
        id="probeStarted"
        type="datetime-local"
        label={t('demand.probeStarted')}
        isRequired
        value={f.startedAt}
        onChange={set('startedAt')}
      />
      <TextField id="probeSite" label={t('demand.probeSite')} isRequired value={f.site} onChange={set('site')} />
      <TextAreaField
        id="probeProfile"
        label={t('demand.probeProfile')}
        hint={t('demand.probeProfileHint')}
        isRequired
        value={f.profile}
        onChange={set('profile')}
      />
      <TextField
        id="probeWindow"
        inputMode="numeric"
        label={t('demand.probeWindow')}
        isRequired
        value={f.window}
        onChange={set('window')}
      />
      <TextField id="probeFirst" inputMode="numeric" label={t('demand.probeFirst')} isRequired value={f.first} onChange={set('first')} />
      <TextField id="probeTotal" inputMode="numeric" label={t('demand.probeTotal')} isRequired value={f.total} onChange={set('total')} />
      <button type="submit" className="button">
        {t('app.save')}
      </button>
    </form>
  );
}

export function DemandPage() {
  const { t, locale } = useI18n();
  const places = useLoad(() => placesApi.list(), 'places');
  const [areaInput, setAreaInput] = useState('land:SE');
  const [area, setArea] = useState('land:SE');
  const trend = useLoad(() => demandApi.trend(area), area);
  const [event, setEvent] = useState<DemandEventDto | null>(null);
  const data = trend.data;
  const svg = data ? renderTrendFigure(data, locale === 'sv' ? TREND_TEXTS_SV : TREND_TEXTS_EN) : '';
  return (
    <section className="demand-page">
      <PageHeading title={t('demand.title')} />
      <p className="lead">{t('demand.lead')}</p>
      <form
        className="form form--inline"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setEvent(null);
          setArea(areaInput);
        }}
      >
        <SelectField id="demandArea" label={t('demand.area')} value={areaInput} onChange={(e) => setAreaInput(e.target.value)}>
          <AreaOptions places={places.data} t={t} locale={locale} />
        </SelectField>
        <button type="submit" className="button">
          {t('demand.show')}
        </button>
      </form>
      {trend.error ? <LoadError error={trend.error} onRetry={trend.reload} /> : null}
      {trend.isLoading && !data ? <p role="status">{t('app.loading')}</p> : null}
      {data ? (
        <>
          <h2>
            {data.area.name} {data.hasDemo ? <DemoBadge /> : null}
          </h2>
          <p>
            <a href={demandApi.reportUrl(area)} download>
              {t('demand.pdf')}
            </a>
          </p>
          <figure className="demand-figure">
            <div className="demand-chart" dangerouslySetInnerHTML={{ __html: svg }} />
            <figcaption>{t('demand.figureCaption', { area: data.area.name })}</figcaption>
          </figure>
          <p className="demand-note">
            {data.area.level === 'kommun'
              ? t('demand.lanOnlyKommun')
              : t('demand.lanOnly', { lanOnly: data.lanOnlyNote.lanOnlyAccounts.display, none: data.lanOnlyNote.noPlaceAccounts.display })}
          </p>
          <WeekTable trend={data} />
          <h2>{t('demand.events')}</h2>
          {data.events.length === 0 ? (
            <p>{t('demand.noEvents')}</p>
          ) : (
            <ol className="demand-events">
              {data.events.map((e) => (
                <li key={e.id}>
                  <strong>{t(`demand.eventKind.${e.kind}`)}</strong>: {e.title} ({e.areaName}, {e.date}) {e.isDemo ? <DemoBadge /> : null}{' '}
                  <button type="button" className="button button--secondary" onClick={() => setEvent(e)}>
                    {t('demand.showDisplacement', { title: e.title })}
                  </button>
                </li>
              ))}
            </ol>
          )}
          {event ? <Displacement key={event.id} event={event} /> : null}
          <h2>{t('demand.probes')}</h2>
          {data.probes.length === 0 ? (
            <p>{t('demand.noProbes')}</p>
          ) : (
            <ul className="demand-probes">
              {data.probes.slice(0, 12).map((p) => (
                <li key={p.id}>
                  {t('demand.probeLine', {
                    date: p.startedAt.slice(0, 13).replace('T', ' '),
                    site: p.site,
                    area: p.areaName,
                    profile: p.profileDescription,
                    first: p.repliesFirstHour,
                    total: p.repliesTotal,
                  })}
                </li>
              ))}
            </ul>
          )}
          <p className="hint">{t('demand.privacy')}</p>
          {data.canEnter && data.area.level !== 'land' ? (
            <div className="demand-forms">
              <EventForm area={area} onSaved={trend.reload} />
              <ProbeForm area={area} onSaved={trend.reload} />
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
