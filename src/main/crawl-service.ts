/**
 * Crawls inside the server process: on demand (web app) and on each source's schedule
 * (`scheduleMinutes` in its site config). One crawl per source at a time, enforced in the
 * database so several server processes can share the work.
 */
import type { Logger } from 'pino';
import { crawlSource } from '../app/intelligence/crawl-source';
import { crawlBuyerSite } from '../app/demand/crawl-buyer-site';
import type { Pseudonymiser } from '../app/demand/ports';
import type { AppDeps, RequestContext } from '../app/shared/ports';
import { httpMemberCrawler } from '../adapters/crawl/member-crawler';
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
    /** For scheduled buyer-side crawls (kinds buyer-forum and sugar-members); without it they are not scheduled. */
    private readonly pseudonymiser: Pseudonymiser | null = null,
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
    this.scheduleBuyerSites();
  }

  /** Starts one buyer-side crawl in the background (pseudonymised counts only; no page is kept). */
  startBuyerCrawl(sourceId: string): void {
    const config = this.registry.buyerConfigs.get(sourceId);
    if (!config || !this.pseudonymiser || this.running.has(sourceId)) return;
    const deps = { ...this.deps, pseudonymiser: this.pseudonymiser, memberCrawler: httpMemberCrawler };
    const job = crawlBuyerSite(deps, { actor: null, requestId: `schedule-${sourceId}-${Date.now()}` }, config)
      .then((r) =>
        this.logger.info({ source: sourceId, pages: r.pages, accounts: r.accounts, errors: r.errors }, 'buyer-side crawl finished'),
      )
      .catch(() => this.logger.warn({ source: sourceId }, 'buyer-side crawl not completed'))
      .finally(() => this.running.delete(sourceId));
    this.running.set(sourceId, job);
  }

  /** Starts the schedules of buyer-side sites that have one. */
  private scheduleBuyerSites(): void {
    if (!this.pseudonymiser) return;
    for (const c of this.registry.buyerConfigs.values()) {
      if (!c.scheduleMinutes) continue;
      const timer = setInterval(() => this.startBuyerCrawl(c.source), c.scheduleMinutes * 60_000);
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
