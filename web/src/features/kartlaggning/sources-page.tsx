/**
 * Kartläggning: "Källor och insamling". Lists the installation's sources with their latest crawl,
 * lets a kartläggare start a crawl (optionally against another base URL, e.g. local demo sites),
 * and follows a running crawl by polling GET /api/crawl/runs once a second.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client';
import { crawlApi, type CrawlRun, type CrawlRunStatus, type CrawlSource } from '../../api/endpoints';
import { useI18n, type MessageKey, type Translate } from '../../i18n/i18n';
import { ErrorSummary, LoadError, Notice, TextField, errorMessage, type SummaryItem } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { useSession } from '../auth/session';
import { DemoBadge } from '../shell/demo-badge';
import { PageHeading } from '../shell/page-heading';

/** How often a running crawl is polled. */
export const POLL_MS = 1000;
/** Polls without seeing the started run before the page gives up following it. */
const MAX_WAIT_TICKS = 30;

const SOURCE_KINDS = ['escort-portal', 'classifieds', 'sugar-dating', 'other'] as const;
type SourceKind = (typeof SOURCE_KINDS)[number];

function isSourceKind(kind: string): kind is SourceKind {
  return (SOURCE_KINDS as readonly string[]).includes(kind);
}

export function kindText(t: Translate, kind: string): string {
  return isSourceKind(kind) ? t(`sources.kind.${kind}`) : kind;
}

export function statusKey(status: CrawlRunStatus): MessageKey {
  return `sources.status.${status}`;
}

export function scheduleText(t: Translate, minutes: number | null): string {
  if (!minutes) return t('sources.scheduleNone');
  if (minutes % 1440 === 0) return minutes === 1440 ? t('sources.scheduleDaily') : t('sources.scheduleDays', { count: minutes / 1440 });
  if (minutes % 60 === 0) return minutes === 60 ? t('sources.scheduleHourly') : t('sources.scheduleHours', { count: minutes / 60 });
  return t('sources.scheduleMinutes', { count: minutes });
}

function countParams(run: CrawlRun) {
  return {
    pages: run.pages,
    ads: run.ads,
    newAds: run.newAds,
    changedAds: run.changedAds,
    removedAds: run.removedAds,
    errors: run.errors,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Which run to follow: the first one newer than `baselineId`, or any that is running. */
interface Follow {
  baselineId: string | null;
}

function LiveRun({
  source,
  run,
  isFollowing,
  pollError,
}: {
  source: CrawlSource;
  run: CrawlRun | null;
  isFollowing: boolean;
  pollError: string | null;
}) {
  const { t, formatDateTime } = useI18n();
  const titleId = `crawl-live-${source.id}-title`;
  return (
    <section className="crawl-live" aria-labelledby={titleId}>
      <h3 id={titleId}>{isFollowing ? t('sources.liveTitle') : t('sources.liveTitleDone')}</h3>
      {isFollowing ? <progress className="crawl-live__progress" aria-label={t('sources.progressLabel', { name: source.name })} /> : null}
      {run ? (
        <dl className="crawl-counts" data-testid={`crawl-live-${source.id}`}>
          <div>
            <dt>{t('sources.status')}</dt>
            <dd data-testid="crawl-status">{t(statusKey(run.status))}</dd>
          </div>
          <div>
            <dt>{t('sources.pages')}</dt>
            <dd>{run.pages}</dd>
          </div>
          <div>
            <dt>{t('sources.ads')}</dt>
            <dd data-testid="crawl-ads">{run.ads}</dd>
          </div>
          <div>
            <dt>{t('sources.newAds')}</dt>
            <dd>{run.newAds}</dd>
          </div>
          <div>
            <dt>{t('sources.changedAds')}</dt>
            <dd>{run.changedAds}</dd>
          </div>
          <div>
            <dt>{t('sources.removedAds')}</dt>
            <dd>{run.removedAds}</dd>
          </div>
          <div>
            <dt>{t('sources.errors')}</dt>
            <dd>{run.errors}</dd>
          </div>
          <div>
            <dt>{t('sources.startedAt')}</dt>
            <dd>{formatDateTime(run.startedAt)}</dd>
          </div>
          {run.finishedAt ? (
            <div>
              <dt>{t('sources.finishedAt')}</dt>
              <dd>{formatDateTime(run.finishedAt)}</dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <p>{t('sources.liveWaiting')}</p>
      )}
      {run?.errorSample.length ? (
        <>
          <h4>{t('sources.errorSample')}</h4>
          <ul className="crawl-error-sample">
            {run.errorSample.map((sample, i) => (
              <li key={`${i}:${sample}`}>{sample}</li>
            ))}
          </ul>
        </>
      ) : null}
      {pollError ? (
        <p className="field-error">
          <span className="error-prefix">{t('app.errorPrefix')}</span> {pollError}
        </p>
      ) : null}
    </section>
  );
}

function SourceCard({
  source,
  canStart,
  pollMs,
  onRunEnded,
}: {
  source: CrawlSource;
  canStart: boolean;
  pollMs: number;
  onRunEnded: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  const [baseUrl, setBaseUrl] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isStarting, setIsStarting] = useState(false);
  // A run that was already going when the page opened is followed right away.
  const [follow, setFollow] = useState<Follow | null>(source.lastRun?.status === 'running' ? { baselineId: null } : null);
  const [run, setRun] = useState<CrawlRun | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const onRunEndedRef = useRef(onRunEnded);
  onRunEndedRef.current = onRunEnded;

  useEffect(() => {
    if (!follow) return;
    let isCancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let waited = 0;
    const tick = async () => {
      try {
        const [latest] = await crawlApi.runs(source.id, 1);
        if (isCancelled) return;
        setPollError(null);
        if (latest && (latest.id !== follow.baselineId || latest.status === 'running')) {
          setRun(latest);
          if (latest.status !== 'running') {
            setFollow(null);
            onRunEndedRef.current();
            return;
          }
        } else if (++waited >= MAX_WAIT_TICKS) {
          setFollow(null);
          setPollError(t('sources.errNoRun'));
          return;
        }
      } catch {
        if (isCancelled) return;
        setPollError(t('sources.errPoll'));
      }
      timer = setTimeout(() => void tick(), pollMs);
    };
    void tick();
    return () => {
      isCancelled = true;
      clearTimeout(timer);
    };
    // `t` only words the messages; a language switch need not restart the polling.
  }, [follow, source.id, pollMs]);

  const fieldId = `crawl-baseurl-${source.id}`;

  async function onStart(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isStarting) return;
    const trimmed = baseUrl.trim();
    setGeneralError(null);
    setNotice(null);
    if (trimmed && !isHttpUrl(trimmed)) {
      setFieldError(t('sources.errBaseUrl'));
      return;
    }
    setFieldError(undefined);
    const baselineId = run?.id ?? source.lastRun?.id ?? null;
    setIsStarting(true);
    try {
      await crawlApi.start(source.id, trimmed || undefined);
      setRun(null);
      setPollError(null);
      setFollow({ baselineId });
    } catch (error) {
      if (isApiError(error, 'CONFLICT') || (isApiError(error) && error.status === 409)) {
        setNotice(t('sources.conflict', { name: source.name }));
        setPollError(null);
        setFollow({ baselineId: null });
      } else if (isApiError(error, 'VALIDATION_FAILED') && error.issues.some((issue) => issue.path[0] === 'baseUrl')) {
        setFieldError(t('sources.errBaseUrl'));
      } else if (isApiError(error) && error.status === 403) {
        setGeneralError(t('sources.errStartForbidden'));
      } else if (isApiError(error) && error.status === 404) {
        setGeneralError(t('sources.errStartNotFound', { name: source.name }));
      } else {
        setGeneralError(errorMessage(t, error));
      }
    } finally {
      setIsStarting(false);
    }
  }

  const summary: SummaryItem[] = [
    ...(fieldError ? [{ fieldId, message: `${t('sources.baseUrl')}: ${fieldError}` }] : []),
    ...(generalError ? [{ message: generalError }] : []),
  ];
  const titleId = `source-${source.id}-title`;
  const lastRun = source.lastRun;
  const announcement = run
    ? run.status === 'running'
      ? t('sources.announceRunning', { name: source.name })
      : t('sources.announceDone', { name: source.name, status: t(statusKey(run.status)), ...countParams(run) })
    : follow
      ? t('sources.announceRunning', { name: source.name })
      : '';

  return (
    <section className="panel source-card" aria-labelledby={titleId} data-testid={`source-${source.id}`}>
      <h2 id={titleId} className="source-card__title">
        {source.name}
      </h2>
      {source.isDemo ? (
        <p>
          <DemoBadge />
        </p>
      ) : null}
      <dl className="source-facts">
        <div>
          <dt>{t('sources.kind')}</dt>
          <dd>{kindText(t, source.kind)}</dd>
        </div>
        <div>
          <dt>{t('sources.address')}</dt>
          <dd className="source-facts__url">{source.baseUrl}</dd>
        </div>
        <div>
          <dt>{t('sources.schedule')}</dt>
          <dd>{scheduleText(t, source.scheduleMinutes)}</dd>
        </div>
        <div>
          <dt>{t('sources.lastRun')}</dt>
          <dd>
            {lastRun
              ? t('sources.lastRunSummary', {
                  status: t(statusKey(lastRun.status)),
                  time: formatDateTime(lastRun.finishedAt ?? lastRun.startedAt),
                  ...countParams(lastRun),
                })
              : t('sources.lastRunNone')}
          </dd>
        </div>
      </dl>

      {canStart ? (
        <>
          <ErrorSummary items={summary} />
          <form className="form" noValidate onSubmit={(event) => void onStart(event)}>
            <fieldset className="fieldset">
              <legend>
                {t('sources.startLegend')}
                <span className="visually-hidden">{t('sources.startFor', { name: source.name })}</span>
              </legend>
              <TextField
                id={fieldId}
                type="url"
                inputMode="url"
                autoComplete="off"
                spellCheck={false}
                label={t('sources.baseUrl')}
                hint={`${t('sources.baseUrlHint', { baseUrl: source.baseUrl })}${source.isDemo ? ` ${t('sources.baseUrlDemoHint')}` : ''}`}
                maxLength={500}
                value={baseUrl}
                error={fieldError}
                onChange={(event) => setBaseUrl(event.target.value)}
              />
              <div className="button-row">
                <button
                  type="submit"
                  className="button"
                  aria-disabled={isStarting || undefined}
                  aria-label={`${isStarting ? t('sources.starting') : t('sources.start')}${t('sources.startFor', { name: source.name })}`}
                >
                  {isStarting ? t('sources.starting') : t('sources.start')}
                </button>
              </div>
            </fieldset>
          </form>
        </>
      ) : null}

      {notice ? <Notice>{notice}</Notice> : null}
      <p className="crawl-live__summary" aria-live="polite">
        {announcement}
      </p>
      {follow || run ? <LiveRun source={source} run={run} isFollowing={follow !== null} pollError={pollError} /> : null}
      {!follow && !run && pollError ? (
        <p className="field-error">
          <span className="error-prefix">{t('app.errorPrefix')}</span> {pollError}
        </p>
      ) : null}
    </section>
  );
}

export function SourcesPage({ pollMs = POLL_MS }: { pollMs?: number }) {
  const { t } = useI18n();
  const { session } = useSession();
  const canStart = session.status === 'authenticated' && session.me.capabilities.startCrawls;
  const sources = useLoad(() => crawlApi.sources(), 'crawl-sources');
  const items = sources.data?.items ?? [];
  const configErrors = sources.data?.configErrors ?? [];

  return (
    <div>
      <PageHeading title={`${t('sources.title')} – ${t('module.kartlaggning')}`}>{t('sources.title')}</PageHeading>
      <p className="lead">{t('sources.lead')}</p>

      {sources.error ? <LoadError error={sources.error} onRetry={sources.reload} /> : null}
      {sources.isLoading && !sources.data ? <p className="loading">{t('sources.loading')}</p> : null}

      {configErrors.length ? (
        <section role="status" aria-labelledby="sources-config-errors-title" className="notice notice--warning">
          <h2 id="sources-config-errors-title">{t('sources.configErrorsTitle')}</h2>
          <p>{t('sources.configErrorsLead')}</p>
          <ul>
            {configErrors.map((problem) => (
              <li key={problem}>
                <span className="error-prefix">{t('app.errorPrefix')}</span> {problem}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {sources.data && !items.length ? <p>{t('sources.none')}</p> : null}
      {items.map((source) => (
        <SourceCard key={source.id} source={source} canStart={canStart} pollMs={pollMs} onRunEnded={sources.reload} />
      ))}
    </div>
  );
}
