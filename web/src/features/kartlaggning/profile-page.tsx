/**
 * Kartläggning: one profile. Its ads (photos blurred until asked for), the timeline and a map
 * of its kommuner, the risk score with every sign that makes it and the evidence for each, the
 * evidence that links its ads, the corrections made, and a form to correct the linking.
 */
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { Link, useParams } from 'react-router';
import type { CorrectionDto, ProfileDto } from '../../../../src/contracts/links';
import { isApiError } from '../../api/client';
import { linksApi } from '../../api/endpoints';
import { SwedenMap } from '../../components/SwedenMap';
import { useI18n } from '../../i18n/i18n';
import { LoadError, Notice } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { useSession } from '../auth/session';
import { DemoBadge } from '../shell/demo-badge';
import { PageHeading } from '../shell/page-heading';
import { BlurredPhoto } from './blurred-photo';
import { CorrectionForm } from './correction-form';
import { CorrectionTable, EdgeSummary, EdgeTable, RiskContributions } from './link-parts';
import { formatDay } from './link-names';
import { networkPath } from './profiles-page';
import { PurposeGate } from './purpose';

/** Ads shown before "show all" (each ad's photos are read, and logged, when it is shown). */
export const ADS_SHOWN = 10;

/** The table of every pair of ads starts open when it is this short. */
const EDGES_OPEN = 10;

/** The map focus for a set of kommuner: their län (the first two digits) when they share one, else all of Sweden. */
export function mapFocus(codes: readonly string[]): string | null {
  const counties = new Set(codes.map((c) => c.slice(0, 2)));
  return counties.size === 1 ? ([...counties][0] ?? null) : null;
}

function ProfileView({ id, purpose }: { id: string; purpose: string }) {
  const { t, locale, formatDateTime } = useI18n();
  const { session } = useSession();
  const canCorrect = session.status === 'authenticated' && session.me.capabilities.correctLinks;
  const [generation, setGeneration] = useState(0);
  const profile = useLoad(() => linksApi.profile(id, purpose), `${id}|${purpose}|${generation}`);
  const [saved, setSaved] = useState<CorrectionDto | null>(null);
  const savedNotice = useRef<HTMLDivElement>(null);

  // After a correction the profile is read again; the notice then gets focus.
  useEffect(() => {
    if (saved && !profile.isLoading) savedNotice.current?.focus();
  }, [saved, profile.isLoading]);

  if (profile.error && !profile.data) {
    if (isApiError(profile.error, 'NOT_FOUND')) {
      return (
        <div role="alert" className="error-summary">
          <p>{saved ? t('profile.goneAfterCorrection') : t('profile.notFound')}</p>
          <p>
            <Link to="/kartlaggning/profiler">{t('profile.backToList')}</Link>
          </p>
        </div>
      );
    }
    return <LoadError error={profile.error} onRetry={profile.reload} />;
  }
  if (!profile.data) return <p role="status">{t('app.loading')}</p>;
  return (
    <ProfileContent
      p={profile.data}
      purpose={purpose}
      canCorrect={canCorrect}
      saved={saved}
      savedNotice={savedNotice}
      formatDateTime={formatDateTime}
      locale={locale}
      onSaved={(c) => {
        setSaved(c);
        setGeneration((n) => n + 1);
      }}
    />
  );
}

function ProfileContent({
  p,
  purpose,
  canCorrect,
  saved,
  savedNotice,
  formatDateTime,
  locale,
  onSaved,
}: {
  p: ProfileDto;
  purpose: string;
  canCorrect: boolean;
  saved: CorrectionDto | null;
  savedNotice: RefObject<HTMLDivElement | null>;
  formatDateTime: (iso: string) => string;
  locale: 'sv' | 'en';
  onSaved: (c: CorrectionDto) => void;
}) {
  const { t } = useI18n();
  const [showAllAds, setShowAllAds] = useState(false);
  const titles = useMemo(() => new Map(p.ads.map((a) => [a.ref, a.title ?? t('ads.noTitle')])), [p.ads, t]);
  const adLabel = (key: string) => (titles.has(key) ? `${titles.get(key)} (${key})` : key);
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const stop of p.timeline) m.set(stop.municipality.code, (m.get(stop.municipality.code) ?? 0) + stop.ads.length);
    return m;
  }, [p.timeline]);
  const flows = useMemo(
    () =>
      p.timeline.slice(1).flatMap((stop, i) => {
        const from = p.timeline[i]?.municipality.code;
        return from && from !== stop.municipality.code ? [{ from, to: stop.municipality.code, count: 1 }] : [];
      }),
    [p.timeline],
  );
  const names = p.names.length ? p.names.join(', ') : t('profiles.noName', { id: p.id });

  return (
    <>
      <h2 className="visually-hidden">{t('profile.summary')}</h2>
      {p.isDemo ? (
        <Notice>
          <DemoBadge /> {t('profile.demoNotice')}
        </Notice>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t('profile.names')}</dt>
          <dd>{names}</dd>
        </div>
        <div>
          <dt>{t('profile.kommuner')}</dt>
          <dd>{p.municipalities.map((m) => m.name).join(', ') || t('ads.noPlace')}</dd>
        </div>
        <div>
          <dt>{t('profiles.colAds')}</dt>
          <dd>{p.adCount}</dd>
        </div>
        <div>
          <dt>{t('profile.seen')}</dt>
          <dd>{t('profile.period', { from: formatDay(p.firstSeen, locale), to: formatDay(p.lastSeen, locale) })}</dd>
        </div>
        <div>
          <dt>{t('profiles.colTouring')}</dt>
          <dd>{p.isTouring ? t('profile.touringYes') : t('app.no')}</dd>
        </div>
        <div>
          <dt>{t('profile.phones')}</dt>
          <dd>{p.phones.join(', ') || t('ads.noPhone')}</dd>
        </div>
      </dl>
      <p>
        <Link to={networkPath(p.networkId)}>{t('profile.toNetwork')}</Link>
      </p>

      <RiskContributions
        score={p.score}
        weightsVersion={p.weightsVersion}
        contributions={p.contributions}
        adLabel={adLabel}
        kommuner={p.municipalities}
        headingId="profile-risk-title"
      />

      <section aria-labelledby="profile-ads-title">
        <h2 id="profile-ads-title">{t('profile.adsTitle', { count: p.ads.length })}</h2>
        <p className="hint">{t('profile.photosHint')}</p>
        <ul className="profile-ads">
          {(showAllAds ? p.ads : p.ads.slice(0, ADS_SHOWN)).map((ad) => {
            const title = ad.title ?? t('ads.noTitle');
            return (
              <li key={ad.ref} className="profile-ad" data-testid="profile-ad">
                <h3 className="profile-ad__title">
                  {title}
                  {ad.isDemo ? (
                    <>
                      {' '}
                      <DemoBadge />
                    </>
                  ) : null}
                </h3>
                <dl className="facts facts--compact">
                  <div>
                    <dt>{t('profile.adRef')}</dt>
                    <dd>{ad.ref}</dd>
                  </div>
                  <div>
                    <dt>{t('ads.kommun')}</dt>
                    <dd>{ad.municipality?.name ?? t('ads.noPlace')}</dd>
                  </div>
                  <div>
                    <dt>{t('profile.seen')}</dt>
                    <dd>{t('profile.period', { from: formatDateTime(ad.firstSeenAt), to: formatDateTime(ad.lastSeenAt) })}</dd>
                  </div>
                  <div>
                    <dt>{t('profile.phones')}</dt>
                    <dd>{ad.phones.join(', ') || t('ads.noPhone')}</dd>
                  </div>
                </dl>
                {ad.images.length ? (
                  <div className="photos" role="group" aria-label={t('profile.photosOf', { title })}>
                    {ad.images.map((sha, i) => (
                      <BlurredPhoto key={sha} sha256={sha} purpose={purpose} number={i + 1} total={ad.images.length} adTitle={title} />
                    ))}
                  </div>
                ) : (
                  <p className="hint">{t('profile.noPhotos')}</p>
                )}
              </li>
            );
          })}
        </ul>
        {p.ads.length > ADS_SHOWN ? (
          <button type="button" className="button button--secondary" aria-expanded={showAllAds} onClick={() => setShowAllAds((v) => !v)}>
            {showAllAds ? t('profile.showFewerAds', { count: ADS_SHOWN }) : t('profile.showAllAds', { count: p.ads.length })}
          </button>
        ) : null}
      </section>

      <section aria-labelledby="profile-timeline-title">
        <h2 id="profile-timeline-title">{t('profile.timelineTitle')}</h2>
        {p.timeline.length ? (
          <>
            <ol className="timeline">
              {p.timeline.map((stop, i) => (
                <li key={`${stop.municipality.code}-${stop.from}-${i}`}>
                  <strong>{stop.municipality.name}</strong>{' '}
                  {t('profile.timelineStop', {
                    from: formatDay(stop.from, locale),
                    to: formatDay(stop.to, locale),
                    count: stop.ads.length,
                  })}
                </li>
              ))}
            </ol>
            <SwedenMap
              values={counts}
              mode="symbols"
              flows={flows}
              focus={mapFocus([...counts.keys()])}
              title={t('profile.mapTitle')}
              valueLabel={t('profile.mapValue')}
            />
          </>
        ) : (
          <p>{t('profile.noTimeline')}</p>
        )}
      </section>

      <section aria-labelledby="profile-edges-title">
        <h2 id="profile-edges-title">{t('profile.edgesTitle')}</h2>
        <p className="hint">{t('profile.edgesHint')}</p>
        <EdgeSummary edges={p.edges} caption={t('profile.edgesSummaryCaption', { count: p.edges.length })} />
        {p.edges.length ? (
          <details className="edge-pairs" open={p.edges.length <= EDGES_OPEN}>
            <summary>{t('profile.edgesAll', { count: p.edges.length })}</summary>
            <EdgeTable edges={p.edges} caption={t('profile.edgesCaption', { count: p.edges.length })} adLabel={adLabel} />
          </details>
        ) : null}
      </section>

      <section aria-labelledby="profile-corrections-title">
        <h2 id="profile-corrections-title">{t('corrections.title')}</h2>
        {saved ? (
          <div ref={savedNotice} tabIndex={-1}>
            <Notice kind="success">{t('correct.saved')}</Notice>
          </div>
        ) : null}
        <CorrectionTable corrections={p.corrections} headingId="profile-corrections-title" />
      </section>

      {canCorrect ? (
        <section aria-labelledby="correct-title">
          <h2 id="correct-title">{t('correct.title')}</h2>
          <p className="hint">{t('correct.lead')}</p>
          <CorrectionForm
            ads={p.ads.map((a) => ({ ref: a.ref, label: `${a.title ?? t('ads.noTitle')} (${a.ref})`, phones: a.phones }))}
            edges={p.edges}
            purpose={purpose}
            onSaved={onSaved}
          />
        </section>
      ) : null}
    </>
  );
}

export function ProfilePage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  return (
    <div>
      <p className="back-link">
        <Link to="/kartlaggning/profiler">{t('profile.backToList')}</Link>
      </p>
      <PageHeading title={`${t('profile.title')} – ${t('module.kartlaggning')}`}>{t('profile.title')}</PageHeading>
      <p className="lead">{t('profile.lead')}</p>
      <PurposeGate idPrefix="profile">{(purpose) => <ProfileView id={id} purpose={purpose} />}</PurposeGate>
    </div>
  );
}
