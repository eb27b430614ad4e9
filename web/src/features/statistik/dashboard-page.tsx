/**
 * Statistik → Översikt: the kartläggning dashboard of a kommun, län or police region for a
 * period. Key figures with the same period last year, weekly trends, the map with flows, the
 * tables with CSV links, the PDF report, and "freeze as a mapping". Every figure comes from the
 * server already suppressed ("<5"); nothing here names a person or an ad.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { PublishedDashboard } from '../../../../src/core/stats/dashboard';
import { methodText } from '../../../../src/core/stats/method';
import { dashboardTables, statLabel, TOTAL_KEYS } from '../../../../src/core/stats/tables';
import { placesApi, statisticsApi, type DashboardParams } from '../../api/endpoints';
import { SwedenMap } from '../../components/SwedenMap';
import { useI18n } from '../../i18n/i18n';
import { errorMessage, LoadError, Notice, SelectField, TextField } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { PageHeading } from '../shell/page-heading';
import { TrendChart } from './trend-chart';

const DAY_MS = 86_400_000;
const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const today = () => new Date().toISOString().slice(0, 10);
const daysBefore = (s: string, n: number) => new Date(Date.parse(`${s}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);

/** The period shown when none is chosen: the last twelve weeks. */
export function defaultPeriod(now = today()): { from: string; to: string } {
  return { from: daysBefore(now, 83), to: now };
}

function AreaOptions() {
  const { t, locale } = useI18n();
  const places = useLoad(() => placesApi.list(), 'places');
  const collator = new Intl.Collator(locale === 'sv' ? 'sv-SE' : 'en-GB');
  const kommuner = [...(places.data?.kommuner ?? [])].sort((a, b) => collator.compare(a.name, b.name));
  return (
    <>
      <optgroup label={t('stats.groupKommuner')}>
        {kommuner.map((k) => (
          <option key={k.code} value={k.code}>
            {k.name}
          </option>
        ))}
      </optgroup>
      <optgroup label={t('stats.groupLan')}>
        {(places.data?.lan ?? []).map((l) => (
          <option key={l.code} value={l.code}>
            {l.name}
          </option>
        ))}
      </optgroup>
      <optgroup label={t('stats.groupRegioner')}>
        {(places.data?.polisregioner ?? []).map((r) => (
          <option key={r} value={`polisregion ${r}`}>
            {locale === 'sv' ? `polisregion ${r}` : `police region ${r}`}
          </option>
        ))}
      </optgroup>
    </>
  );
}

function Results({ params }: { params: DashboardParams }) {
  const { t, locale } = useI18n();
  const lang = locale === 'sv' ? 'sv' : 'en';
  const key = `${params.area}|${params.from}|${params.to}|${params.compare ?? ''}`;
  const loaded = useLoad(() => statisticsApi.dashboard(params), key);
  const heading = useRef<HTMLHeadingElement>(null);
  const [frozen, setFrozen] = useState<string | null>(null);
  const [freezeError, setFreezeError] = useState<string | null>(null);
  useEffect(() => {
    if (loaded.data) heading.current?.focus();
    setFrozen(null);
    setFreezeError(null);
  }, [loaded.data]);

  if (loaded.isLoading && !loaded.data)
    return (
      <p role="status" aria-live="polite">
        {t('app.loading')}
      </p>
    );
  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return null;
  const d: PublishedDashboard = loaded.data.dashboard;
  const tables = dashboardTables(d, lang);
  const weeks = d.weeks.map((w) => w.week);
  const values = new Map<string, number | null>(d.kommuner.map((k) => [k.code, k.profiles.value]));
  const suppressedTexts = new Map(d.kommuner.filter((k) => k.profiles.isSuppressed).map((k) => [k.code, k.profiles.display]));
  const hasData = d.totals.ads.value !== null || d.totals.ads.display !== '0';

  async function freeze() {
    setFreezeError(null);
    try {
      const m = await statisticsApi.freeze({ area: params.area, from: params.from, to: params.to });
      setFrozen(m.contentHash);
    } catch (error) {
      setFreezeError(errorMessage(t, error));
    }
  }

  return (
    <section aria-labelledby="stats-result-title" className="stats-results">
      <h2 id="stats-result-title" ref={heading} tabIndex={-1}>
        {t('stats.resultTitle', { area: d.area.name, from: d.period.from, to: d.period.to })}
      </h2>
      <p className="lead">{t('stats.lead', { threshold: d.threshold })}</p>
      <div className="button-row">
        <a className="button" href={statisticsApi.reportUrl(params)} download>
          {t('stats.report')}
        </a>
        {loaded.data.canFreeze ? (
          <button type="button" className="button button--secondary" onClick={() => void freeze()}>
            {t('stats.freeze')}
          </button>
        ) : null}
      </div>
      {frozen ? <Notice kind="success">{t('stats.frozen', { hash: frozen.slice(0, 16) })}</Notice> : null}
      {freezeError ? (
        <p className="error-summary" role="alert">
          {freezeError}
        </p>
      ) : null}
      {!hasData ? <Notice>{t('stats.noData')}</Notice> : null}

      <h3>{t('stats.keyFigures')}</h3>
      <dl className="key-figures">
        {TOTAL_KEYS.map((k) => (
          <div key={k} className="key-figure">
            <dt>{statLabel(k, lang)}</dt>
            <dd>
              <span className="key-figure__value">{d.totals[k].display}</span>
              <span className="key-figure__before">{t('stats.lastYear', { value: d.lastYear.totals[k].display })}</span>
            </dd>
          </div>
        ))}
      </dl>

      <h3>{t('stats.trends')}</h3>
      <div className="trend-charts">
        <TrendChart
          title={t('stats.trendAds')}
          weeks={weeks}
          incomplete={d.weeks.map((w) => w.isIncomplete === true)}
          incompleteLabel={t('stats.incompleteWeek')}
          description={t('stats.chartSuppressed', { threshold: d.threshold })}
          series={[
            { label: statLabel('ads', lang), color: '#08519c', points: d.weeks.map((w) => w.ads.value) },
            { label: statLabel('profiles', lang), color: '#a63603', points: d.weeks.map((w) => w.profiles.value) },
          ]}
        />
        <TrendChart
          title={t('stats.trendProfiles')}
          weeks={weeks}
          incomplete={d.weeks.map((w) => w.isIncomplete === true)}
          incompleteLabel={t('stats.incompleteWeek')}
          description={t('stats.chartSuppressed', { threshold: d.threshold })}
          series={[
            { label: statLabel('newProfiles', lang), color: '#006d2c', points: d.weeks.map((w) => w.newProfiles.value) },
            { label: statLabel('inresta', lang), color: '#54278f', points: d.weeks.map((w) => w.inresta.value) },
          ]}
        />
      </div>
      <p className="hint">{t('stats.chartSuppressed', { threshold: d.threshold })}</p>

      <h3>{t('stats.map')}</h3>
      <SwedenMap
        values={values}
        mode={d.area.kind === 'kommun' ? 'symbols' : 'choropleth'}
        flows={d.flows.map((f) => ({ from: f.from, to: f.to, count: f.profiles.value ?? 0 }))}
        focus={d.area.id}
        valueLabel={t('stats.mapLabel')}
        suppressionThreshold={d.threshold}
        suppressedTexts={suppressedTexts}
      />

      <h3>{t('stats.tables')}</h3>
      <p className="hint">{t('stats.withheldNote', { threshold: d.threshold })}</p>
      {tables.map((table) => (
        <div key={table.key} className="stats-table">
          <table className="table">
            <caption>{table.title}</caption>
            <thead>
              <tr>
                {table.header.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) =>
                    j === 0 ? (
                      <th key={j} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={j}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <a href={statisticsApi.csvUrl(table.key, params)} download>
            {t('stats.csvOf', { table: table.title })}
          </a>
        </div>
      ))}

      <h3>{t('stats.method')}</h3>
      {methodText(loaded.data.method, lang).map((p) => (
        <p key={p}>{p}</p>
      ))}
    </section>
  );
}

export function DashboardPage() {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const fallback = defaultPeriod();
  const shown: DashboardParams | null = search.get('area')
    ? {
        area: search.get('area')!,
        from: search.get('from') ?? fallback.from,
        to: search.get('to') ?? fallback.to,
        compare: search.get('compare') ?? undefined,
      }
    : null;
  const [area, setArea] = useState(shown?.area ?? '');
  const [from, setFrom] = useState(shown?.from ?? fallback.from);
  const [to, setTo] = useState(shown?.to ?? fallback.to);
  const [compare, setCompare] = useState(shown?.compare ?? '');
  const [dateError, setDateError] = useState<string | undefined>();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isDate(from) || !isDate(to) || to < from) {
      setDateError(t('stats.dateError'));
      return;
    }
    setDateError(undefined);
    if (!area) return;
    setSearch({ area, from, to, ...(compare ? { compare } : {}) });
  }

  return (
    <section className="statistik">
      <PageHeading title={t('stats.title')} />
      <form className="form form--inline stats-form" noValidate onSubmit={onSubmit} aria-label={t('stats.form')}>
        <SelectField id="statsArea" label={t('stats.area')} value={area} isRequired onChange={(e) => setArea(e.target.value)}>
          <option value="">–</option>
          <AreaOptions />
        </SelectField>
        <TextField
          id="statsFrom"
          label={t('stats.from')}
          type="date"
          value={from}
          error={dateError}
          onChange={(e) => setFrom(e.target.value)}
        />
        <TextField id="statsTo" label={t('stats.to')} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        <SelectField id="statsCompare" label={t('stats.compare')} value={compare} onChange={(e) => setCompare(e.target.value)}>
          <option value="">{t('stats.compareNone')}</option>
          <AreaOptions />
        </SelectField>
        <div className="button-row">
          <button type="submit" className="button">
            {t('stats.show')}
          </button>
        </div>
      </form>
      {shown ? <Results params={shown} /> : null}
    </section>
  );
}
