/**
 * Uppsök: the team's own figures per period and kommun (contacts, answers, accepted support,
 * referrals). The same figures outside the team (Statistik, the dashboard) hide counts below 5.
 */
import { useState, type FormEvent } from 'react';
import { outreachApi } from '../../api/endpoints';
import { useI18n } from '../../i18n/i18n';
import { LoadError, SelectField, TextField } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { formatDay } from '../kartlaggning/link-names';
import { PageHeading } from '../shell/page-heading';

const day = (d: Date) => d.toISOString().slice(0, 10);

export function StatsPage() {
  const { t, locale } = useI18n();
  const today = new Date();
  const [form, setForm] = useState({
    from: day(new Date(today.getTime() - 90 * 86_400_000)),
    to: day(today),
    period: 'month' as 'month' | 'week',
  });
  const [query, setQuery] = useState(form);
  const stats = useLoad(() => outreachApi.stats(query), JSON.stringify(query));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQuery({ ...form });
  }
  const s = stats.data;
  return (
    <div>
      <PageHeading title={`${t('uppsok.statsTitle')} – ${t('module.uppsok')}`}>{t('uppsok.statsTitle')}</PageHeading>
      <p className="lead">{t('uppsok.statsLead')}</p>
      <form className="form form--inline" noValidate onSubmit={onSubmit} aria-label={t('uppsok.statsTitle')}>
        <TextField
          id="statsFrom"
          type="date"
          label={t('uppsok.from')}
          value={form.from}
          onChange={(e) => setForm({ ...form, from: e.target.value })}
        />
        <TextField
          id="statsTo"
          type="date"
          label={t('uppsok.to')}
          value={form.to}
          onChange={(e) => setForm({ ...form, to: e.target.value })}
        />
        <SelectField
          id="statsPeriod"
          label={t('uppsok.period')}
          value={form.period}
          onChange={(e) => setForm({ ...form, period: e.target.value as 'month' | 'week' })}
        >
          <option value="month">{t('uppsok.period.month')}</option>
          <option value="week">{t('uppsok.period.week')}</option>
        </SelectField>
        <div className="button-row">
          <button type="submit" className="button">
            {t('uppsok.show')}
          </button>
        </div>
      </form>
      {stats.error ? <LoadError error={stats.error} onRetry={stats.reload} /> : null}
      {stats.isLoading && !s ? <p>{t('app.loading')}</p> : null}
      {s ? (
        s.rows.length ? (
          <div className="table-wrap">
            <table className="table table--compact">
              <caption>{t('uppsok.statsCaption', { from: formatDay(s.from, locale), to: formatDay(s.to, locale) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('uppsok.colPeriod')}</th>
                  <th scope="col">{t('uppsok.colKommun')}</th>
                  <th scope="col" className="num">
                    {t('uppsok.colContacts')}
                  </th>
                  <th scope="col" className="num">
                    {t('uppsok.colAnswered')}
                  </th>
                  <th scope="col" className="num">
                    {t('uppsok.colAccepted')}
                  </th>
                  <th scope="col" className="num">
                    {t('uppsok.colReferrals')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.rows.map((r) => (
                  <tr key={`${r.period}-${r.kommun.code}`}>
                    <th scope="row">{formatDay(r.period, locale)}</th>
                    <td>{r.kommun.name}</td>
                    <td className="num">{r.contacts.display}</td>
                    <td className="num">{r.answered.display}</td>
                    <td className="num">{r.acceptedHelp.display}</td>
                    <td className="num">{r.referrals.display}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    {t('uppsok.total')}
                  </th>
                  <td className="num">{s.totals.contacts.display}</td>
                  <td className="num">{s.totals.answered.display}</td>
                  <td className="num">{s.totals.acceptedHelp.display}</td>
                  <td className="num">{s.totals.referrals.display}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        ) : (
          <p>{t('uppsok.statsEmpty')}</p>
        )
      ) : null}
    </div>
  );
}
