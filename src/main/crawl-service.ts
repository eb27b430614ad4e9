/**
 * Crawls inside the server process: on demand (web app) and on each source's schedule
 * (`scheduleMinutes` in its site config). One crawl per source at a time, enforced in the
 * database so several server processes can share the work.
 */
import type { Logger } from 'pino';
import { crawlSource } from '../app/intelligence/crawl-source';
import type { AppDeps, RequestContext } from '../app/ports';
import { cheerioSiteCrawler } from '../adapters/crawl/site-crawler';
import type { SiteRegistry } from '../adapters/crawl/site-registry';
import type { FsEvidenceStore } from '../adapters/evidence/fs-evidence-store';
import type { CrawlControl, SourceView } from '../adapters/http/crawl.routes';
import { thisProcessRunner } from '../adapters/security/process-runner';
import { DomainError } from '../core/shared/errors';

export class CrawlService implements CrawlControl {
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly deps: AppDeps,
    private readonly registry: SiteRegistry,
    private readonly evidence: FsEvidenceStore,
    private readonly logger: Logger,
  ) {}

  sources(): SourceView[] {
    return [...this.registry.configs.values()].map((c) => ({
      id: c.source,
      name: c.name,
      kind: c.kind,
      isDemo: c.isDemo,
      baseUrl: c.baseUrl,
      scheduleMinutes: c.scheduleMinutes ?? null,
    }));
  }

  configErrors(): string[] {
    return this.registry.errors;
  }

  async start(sourceId: string, ctx: RequestContext, baseUrl?: string, trigger: 'web' | 'schedule' = 'web'): Promise<void> {
    const config = this.registry.configs.get(sourceId);
    if (!config) throw new DomainError('NOT_FOUND', `no site config for source ${sourceId}`);
    if (this.running.has(sourceId)) throw new DomainError('CONFLICT', `a crawl of ${sourceId} is already running`);
    const deps = { ...this.deps, crawler: cheerioSiteCrawler, runner: thisProcessRunner, evidence: this.evidence };
    const job = crawlSource(deps, ctx, config, { trigger, ...(baseUrl ? { baseUrl } : {}) })
      .then((run) =>
        this.logger.info({ source: sourceId, status: run.status, pages: run.pages, ads: run.ads, errors: run.errors }, 'crawl finished'),
      )
      .catch((err: unknown) =>
        this.logger.warn({ source: sourceId, err: err instanceof DomainError ? err.code : 'crawl failed' }, 'crawl not completed'),
      )
      .finally(() => this.running.delete(sourceId));
    this.running.set(sourceId, job);
  }

  /** Starts the schedules of sources that have one. */
  schedule(): void {
    for (const c of this.registry.configs.values()) {
      if (!c.scheduleMinutes) continue;
      const tick = () =>
        this.start(c.source, { actor: null, requestId: `schedule-${c.source}-${Date.now()}` }, undefined, 'schedule').catch(
          () => undefined,
        );
      const timer = setInterval(tick, c.scheduleMinutes * 60_000);
      timer.unref();
      this.timers.push(timer);
    }
  }

  /**
   * Stops the schedules and gives running crawls up to `graceMs` to end; a crawl still running
   * then is interrupted by the next start (its committed work is kept).
   */
  async stop(graceMs = 10_000): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    const grace = new Promise((r) => setTimeout(r, graceMs).unref());
    await Promise.race([Promise.allSettled([...this.running.values()]), grace]);
  }

  /** Resolves when the crawl of `sourceId` (if any) has ended. */
  async settled(sourceId: string): Promise<void> {
    await this.running.get(sourceId);
  }
}
