/**
 * Kartläggning: one network. Profiles tied by shared numbers, pictures or texts, which can be a
 * sign that someone else organises the ads and that the people in them risk exploitation. A
 * graph of the evidence (with a table of every edge as its alternative), the profiles, the
 * explained score, and an "explain" tool that shows the chain of evidence between two ads.
 */
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { ExplainDto, NetworkDto } from '../../../../src/contracts/links';
import { isApiError } from '../../api/client';
import { linksApi } from '../../api/endpoints';
import { useI18n } from '../../i18n/i18n';
import { ErrorSummary, LoadError, Notice, SelectField, errorMessage, type SummaryItem } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { DemoBadge } from '../shell/demo-badge';
import { PageHeading } from '../shell/page-heading';
import { EdgeTable, RiskContributions } from './link-parts';
import { edgeKindName, formatDay, percent } from './link-names';
import { NetworkGraph } from './network-graph';
import { layoutNetwork } from './network-layout';
import { profilePath } from './profiles-page';
import { PurposeGate } from './purpose';

/** Larger networks are shown as tables only: a graph of more dots than this is unreadable. */
export const GRAPH_MAX_ADS = 400;

const edgeKey = (e: { a: string; b: string; kind: string; value: string; level: string }) =>
  `${e.a < e.b ? e.a : e.b}|${e.a < e.b ? e.b : e.a}|${e.kind}|${e.value}|${e.level}`;

function ExplainTool({
  network,
  purpose,
  onPath,
  profileNumber,
}: {
  network: NetworkDto;
  purpose: string;
  onPath: (keys: Set<string>) => void;
  profileNumber: (profileId: string) => number;
}) {
  const { t, locale } = useI18n();
  const keys = useMemo(() => Object.keys(network.adProfiles).sort(), [network.adProfiles]);
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [level, setLevel] = useState<'profile' | 'network'>('network');
  const [errors, setErrors] = useState<{ a?: string; b?: string }>({});
  const [result, setResult] = useState<ExplainDto | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: { a?: string; b?: string } = {};
    if (!a) next.a = t('correct.errAd');
    if (!b) next.b = t('correct.errAd');
    setErrors(next);
    setFailure(null);
    if (next.a || next.b) return;
    setIsLoading(true);
    try {
      const answer = await linksApi.explain(a, b, level, purpose);
      setResult(answer);
      onPath(new Set((answer.steps ?? []).map((s) => edgeKey(s.edge))));
      setTimeout(() => resultRef.current?.focus(), 0);
    } catch (error) {
      setResult(null);
      onPath(new Set());
      setFailure(isApiError(error, 'NOT_FOUND') ? t('explain.notFound') : errorMessage(t, error));
    } finally {
      setIsLoading(false);
    }
  }

  const summary: SummaryItem[] = [
    ...(errors.a ? [{ fieldId: 'explainA', message: t('ads.errField', { field: t('explain.a'), message: errors.a }) }] : []),
    ...(errors.b ? [{ fieldId: 'explainB', message: t('ads.errField', { field: t('explain.b'), message: errors.b }) }] : []),
    ...(failure ? [{ message: failure }] : []),
  ];
  const option = (key: string) => (
    <option key={key} value={key}>
      {t('explain.adOption', { ad: key, number: profileNumber(network.adProfiles[key] ?? '') })}
    </option>
  );

  return (
    <section aria-labelledby="explain-title">
      <h2 id="explain-title">{t('explain.title')}</h2>
      <p className="hint">{t('explain.lead')}</p>
      <ErrorSummary items={summary} />
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)} aria-labelledby="explain-title">
        <div className="form form--inline">
          <SelectField
            id="explainA"
            label={t('explain.a')}
            isRequired
            value={a}
            error={errors.a}
            onChange={(event) => setA(event.target.value)}
          >
            <option value="">{t('correct.chooseAd')}</option>
            {keys.map(option)}
          </SelectField>
          <SelectField
            id="explainB"
            label={t('explain.b')}
            isRequired
            value={b}
            error={errors.b}
            onChange={(event) => setB(event.target.value)}
          >
            <option value="">{t('correct.chooseAd')}</option>
            {keys.map(option)}
          </SelectField>
          <SelectField
            id="explainLevel"
            label={t('correct.level')}
            value={level}
            onChange={(event) => setLevel(event.target.value as 'profile' | 'network')}
          >
            <option value="network">{t('correct.levelNetwork')}</option>
            <option value="profile">{t('correct.levelProfile')}</option>
          </SelectField>
        </div>
        <div className="button-row">
          <button type="submit" className="button" aria-disabled={isLoading || undefined}>
            {isLoading ? t('app.loading') : t('explain.submit')}
          </button>
        </div>
      </form>
      <div ref={resultRef} tabIndex={-1} aria-live="polite" className="explain-result" data-testid="explain-result">
        {result ? (
          result.steps === null ? (
            <p>{t(result.level === 'profile' ? 'explain.notJoinedProfile' : 'explain.notJoinedNetwork')}</p>
          ) : result.steps.length === 0 ? (
            <p>{t('explain.same')}</p>
          ) : (
            <>
              <p>{t('explain.chain', { count: result.steps.length })}</p>
              <ol className="explain-steps">
                {result.steps.map((s, i) => (
                  <li key={i}>
                    {t('explain.step', {
                      from: s.from,
                      to: s.to,
                      kind: edgeKindName(s.edge.kind, t),
                      value: s.edge.value,
                      strength: percent(s.edge.strength, locale),
                    })}
                  </li>
                ))}
              </ol>
            </>
          )
        ) : null}
      </div>
    </section>
  );
}

function NetworkView({ id, purpose }: { id: string; purpose: string }) {
  const { t, locale } = useI18n();
  const network = useLoad(() => linksApi.network(id, purpose), `${id}|${purpose}`);
  const [selected, setSelected] = useState<number | null>(null);
  const [path, setPath] = useState<Set<string>>(new Set());
  const detailsRef = useRef<HTMLDivElement>(null);
  const n = network.data;
  const layout = useMemo(() => (n ? layoutNetwork(n.adProfiles) : null), [n]);
  const numbers = useMemo(() => new Map((layout?.profiles ?? []).map((p) => [p.id, p.index + 1])), [layout]);
  const profileNumber = (profileId: string) => numbers.get(profileId) ?? 0;
  const highlighted = useMemo(() => new Set((n?.edges ?? []).flatMap((e, i) => (path.has(edgeKey(e)) ? [i] : []))), [n, path]);

  if (network.error) {
    if (isApiError(network.error, 'NOT_FOUND')) {
      return (
        <div role="alert" className="error-summary">
          <p>{t('network.notFound')}</p>
          <p>
            <Link to="/kartlaggning/profiler">{t('profile.backToList')}</Link>
          </p>
        </div>
      );
    }
    return <LoadError error={network.error} onRetry={network.reload} />;
  }
  if (!n || !layout) return <p role="status">{t('app.loading')}</p>;

  const chosen = selected !== null ? n.edges[selected] : undefined;
  const adWithProfile = (key: string) => t('explain.adOption', { ad: key, number: profileNumber(n.adProfiles[key] ?? '') });
  const select = (index: number) => {
    setSelected(index);
    setTimeout(() => detailsRef.current?.focus(), 0);
  };

  return (
    <>
      {n.isDemo ? (
        <Notice>
          <DemoBadge /> {t('network.demoNotice')}
        </Notice>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t('network.profiles')}</dt>
          <dd>{n.profileCount}</dd>
        </div>
        <div>
          <dt>{t('profiles.colAds')}</dt>
          <dd>{n.adCount}</dd>
        </div>
        <div>
          <dt>{t('profile.kommuner')}</dt>
          <dd>{n.municipalities.map((m) => m.name).join(', ') || t('ads.noPlace')}</dd>
        </div>
        <div>
          <dt>{t('profile.seen')}</dt>
          <dd>{t('profile.period', { from: formatDay(n.firstSeen, locale), to: formatDay(n.lastSeen, locale) })}</dd>
        </div>
      </dl>

      <section aria-labelledby="network-graph-title">
        <h2 id="network-graph-title">{t('graph.heading')}</h2>
        <p className="hint">{t('graph.hint')}</p>
        {n.adCount > GRAPH_MAX_ADS ? (
          <p>{t('graph.tooLarge', { count: GRAPH_MAX_ADS })}</p>
        ) : (
          <NetworkGraph
            layout={layout}
            edges={n.edges}
            selected={selected}
            onSelect={select}
            highlighted={highlighted}
            profileNumber={profileNumber}
          />
        )}
        <div ref={detailsRef} tabIndex={-1} className="edge-details" aria-live="polite" data-testid="edge-details">
          {chosen ? (
            <>
              <h3>{t('graph.chosen')}</h3>
              <dl className="facts facts--compact">
                <div>
                  <dt>{t('edges.colKind')}</dt>
                  <dd>{edgeKindName(chosen.kind, t)}</dd>
                </div>
                <div>
                  <dt>{t('edges.colValue')}</dt>
                  <dd className="edge-value">{chosen.value}</dd>
                </div>
                <div>
                  <dt>{t('edges.colAds')}</dt>
                  <dd>{t('edges.pair', { a: adWithProfile(chosen.a), b: adWithProfile(chosen.b) })}</dd>
                </div>
                <div>
                  <dt>{t('edges.colLevel')}</dt>
                  <dd>{chosen.level === 'profile' ? t('edges.levelProfile') : t('edges.levelNetwork')}</dd>
                </div>
                <div>
                  <dt>{t('edges.colStrength')}</dt>
                  <dd>
                    {percent(chosen.strength, locale)}
                    {chosen.similarity !== null ? ` (${t('edges.similarity', { value: percent(chosen.similarity, locale) })})` : ''}
                  </dd>
                </div>
                <div>
                  <dt>{t('edges.colStatus')}</dt>
                  <dd>{chosen.isRefused ? <strong className="edge-refused">{t('edges.refusedLong')}</strong> : t('edges.counts')}</dd>
                </div>
              </dl>
            </>
          ) : (
            <p className="hint">{t('graph.noneChosen')}</p>
          )}
        </div>
      </section>

      <section aria-labelledby="network-edges-title">
        <h2 id="network-edges-title">{t('network.edgesTitle')}</h2>
        <EdgeTable
          edges={n.edges}
          caption={t('network.edgesCaption', { count: n.edges.length })}
          adLabel={adWithProfile}
          selected={selected}
          onSelect={select}
        />
      </section>

      <section aria-labelledby="network-profiles-title">
        <h2 id="network-profiles-title">{t('network.profilesTitle')}</h2>
        <div className="table-wrap">
          <table className="table table--compact">
            <caption>{t('network.profilesCaption', { count: n.profiles.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('network.colNumber')}</th>
                <th scope="col">{t('profiles.colNames')}</th>
                <th scope="col" className="num">
                  {t('profiles.colAds')}
                </th>
                <th scope="col">{t('profiles.colKommuner')}</th>
                <th scope="col" className="num">
                  {t('profiles.colScore')}
                </th>
              </tr>
            </thead>
            <tbody>
              {[...n.profiles]
                .sort((a, b) => profileNumber(a.id) - profileNumber(b.id))
                .map((p) => (
                  <tr key={p.id}>
                    <td>{t('graph.profileLabel', { number: profileNumber(p.id) })}</td>
                    <th scope="row">
                      <Link to={profilePath(p.id)}>{p.names.length ? p.names.join(', ') : t('profiles.noName', { id: p.id })}</Link>
                    </th>
                    <td className="num">{p.adCount}</td>
                    <td>{p.municipalities.map((m) => m.name).join(', ') || t('ads.noPlace')}</td>
                    <td className="num">{new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB').format(p.score)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </section>

      <RiskContributions
        score={n.score}
        weightsVersion={n.weightsVersion}
        contributions={n.contributions}
        kommuner={n.municipalities}
        headingId="network-risk-title"
      />

      <ExplainTool network={n} purpose={purpose} onPath={setPath} profileNumber={profileNumber} />
    </>
  );
}

export function NetworkPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  return (
    <div>
      <p className="back-link">
        <Link to="/kartlaggning/profiler">{t('profile.backToList')}</Link>
      </p>
      <PageHeading title={`${t('network.title')} – ${t('module.kartlaggning')}`}>{t('network.title')}</PageHeading>
      <p className="lead">{t('network.lead')}</p>
      <PurposeGate idPrefix="network">{(purpose) => <NetworkView id={id} purpose={purpose} />}</PurposeGate>
    </div>
  );
}
