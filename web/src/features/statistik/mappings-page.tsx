/**
 * Statistik → Kartläggningar: frozen mappings (dated snapshots with method and content hash),
 * each with its PDF and a check that it still reproduces; and a comparison of two mappings.
 */
import { useState, type FormEvent } from 'react';
import { statLabel } from '../../../../src/core/stats/tables';
import { statisticsApi } from '../../api/endpoints';
import { useI18n } from '../../i18n/i18n';
import { errorMessage, LoadError, Notice, SelectField } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { PageHeading } from '../shell/page-heading';

type FigureKey = Parameters<typeof statLabel>[0];

export function MappingsPage() {
  const { t, locale, formatDateTime } = useI18n();
  const lang = locale === 'sv' ? 'sv' : 'en';
  const list = useLoad(() => statisticsApi.mappings(), 'mappings');
  const [checks, setChecks] = useState<Record<string, string>>({});
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [comparison, setComparison] = useState<Awaited<ReturnType<typeof statisticsApi.compare>> | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function check(id: string) {
    try {
      const r = await statisticsApi.reproduce(id);
      setChecks((c) => ({ ...c, [id]: r.isReproduced ? t('stats.reproduced') : t('stats.notReproduced') }));
    } catch (e) {
      setChecks((c) => ({ ...c, [id]: errorMessage(t, e) }));
    }
  }

  async function onCompare(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!a || !b) return;
    setError(null);
    try {
      setComparison(await statisticsApi.compare(a, b));
    } catch (e) {
      setError(errorMessage(t, e));
    }
  }

  const items = list.data ?? [];
  return (
    <section className="statistik">
      <PageHeading title={t('stats.mappingsTitle')} />
      <p className="lead">{t('stats.mappingsLead')}</p>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.data && items.length === 0 ? <Notice>{t('stats.mappingsEmpty')}</Notice> : null}
      {items.length > 0 ? (
        <table className="table">
          <caption>{t('stats.mappingsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stats.colTitle')}</th>
              <th scope="col">{t('stats.colArea')}</th>
              <th scope="col">{t('stats.colPeriod')}</th>
              <th scope="col">{t('stats.colCreated')}</th>
              <th scope="col">{t('stats.colHash')}</th>
              <th scope="col">{t('stats.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.title}</th>
                <td>{m.area.name}</td>
                <td>
                  {m.period.from} – {m.period.to}
                </td>
                <td>{formatDateTime(m.createdAt)}</td>
                <td>
                  <code>{m.contentHash.slice(0, 16)}</code>
                </td>
                <td>
                  <a href={statisticsApi.mappingReportUrl(m.id)} download aria-label={`${t('stats.pdf')}: ${m.title}`}>
                    {t('stats.pdf')}
                  </a>{' '}
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => void check(m.id)}
                    aria-label={`${t('stats.check')}: ${m.title}`}
                  >
                    {t('stats.check')}
                  </button>
                  <span role="status">{checks[m.id] ?? ''}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {items.length > 1 ? (
        <form className="form form--inline" onSubmit={(e) => void onCompare(e)} aria-label={t('stats.compareTitle')}>
          <SelectField id="mappingA" label={t('stats.compareA')} value={a} onChange={(e) => setA(e.target.value)}>
            <option value="">–</option>
            {items.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title}
              </option>
            ))}
          </SelectField>
          <SelectField id="mappingB" label={t('stats.compareB')} value={b} onChange={(e) => setB(e.target.value)}>
            <option value="">–</option>
            {items.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title}
              </option>
            ))}
          </SelectField>
          <div className="button-row">
            <button type="submit" className="button">
              {t('stats.compareShow')}
            </button>
          </div>
        </form>
      ) : null}
      {error ? (
        <p className="error-summary" role="alert">
          {error}
        </p>
      ) : null}
      {comparison ? (
        <table className="table">
          <caption>{t('stats.compareTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stats.colFigure')}</th>
              <th scope="col">{comparison.a.title}</th>
              <th scope="col">{comparison.b.title}</th>
              <th scope="col">{t('stats.colChange')}</th>
            </tr>
          </thead>
          <tbody>
            {comparison.rows.map((r) => (
              <tr key={r.figure}>
                <th scope="row">{statLabel(r.figure as FigureKey, lang)}</th>
                <td>{r.a}</td>
                <td>{r.b}</td>
                <td>{r.change === null ? '–' : r.change > 0 ? `+${r.change}` : String(r.change)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
