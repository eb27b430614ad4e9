/**
 * `fyren serve` (and `npm start`): opens the database, migrates, creates the first
 * administrator, serves the API and the web app, runs the retention job daily, and shuts
 * down gracefully on SIGTERM/SIGINT.
 */
import { CONTEXTS, RETENTION_PURGERS } from './contexts';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { join } from 'node:path';
import pino from 'pino';
import { loadDemoMarket, storeDemoImages } from '../app/demo/load-demo-market';
import { bootstrapAdmin } from '../app/identity/bootstrap-admin';
import { linkAllPending } from '../app/intelligence/link-ads';
import { runRetention } from '../app/retention/run-retention';
import { chainAuditLog } from '../app/audit/chain-audit-log';
import { createHttpApp } from '../adapters/http/app';
import { buildDeps, openConfiguredDatabase, pseudonymiserFor, ROOT_DIR, VERSION } from './compose';
import { loadDemoDemand } from '../app/demand/load-demo-demand';
import { ConfigError, evidenceDir, type Config } from './config';
import { CrawlService } from './crawl-service';
import { loadSiteRegistry } from '../adapters/crawl/site-registry';
import { FsEvidenceStore } from '../adapters/evidence/fs-evidence-store';
import { TarEvidenceExporter } from '../adapters/evidence/tar-exporter';
import { sharpImageHasher } from '../adapters/evidence/image-hash';
import { renderSyntheticImage } from '../adapters/images/synthetic-images';
import { loggableError } from '../core/shared/loggable-error';
import { hasLiveSmsGateway, setupSms } from './sms';
import { countDemoData, demoSafeGateway } from '../app/outreach/sms';
import { statisticsSettings } from './statistics-settings';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

/**
 * Why the server must not start with a live SMS gateway (46elks), or null: the demo's phone
 * numbers are random and may be real people's, so demo data and a gateway that sends real SMS
 * never run together (issue #16). Names both ways out.
 */
async function liveSmsRefusal(deps: Parameters<typeof countDemoData>[0], config: Config): Promise<string | null> {
  const demo = await countDemoData(deps);
  const problems: string[] = [];
  if (demo.ads > 0 || demo.demand) {
    problems.push(`  - the database holds demo data (${demo.ads} demo ads${demo.demand ? ', the demo buyer side' : ''})`);
  }
  if (config.FYREN_DEMO) problems.push('  - FYREN_DEMO is on (the default), so the demo would be loaded into an empty database');
  if (!problems.length) return null;
  return (
    `FYREN_SMS_PROVIDER=46elks sends real SMS, and the demo's phone numbers are random and may be real people's:\n` +
    `${problems.join('\n')}\n` +
    'Run `fyren demo reset` to remove the demo data, and set FYREN_DEMO=0 so that it is never loaded; then start again.'
  );
}

export async function startServer(config: Config, out: NodeJS.WritableStream = process.stderr): Promise<RunningServer> {
  const logger = pino({ level: config.FYREN_LOG_LEVEL, base: { service: 'fyren' } });
  const database = await openConfiguredDatabase(config);
  const deps = buildDeps(database, config);
  const sms = await setupSms(config);
  if (hasLiveSmsGateway(config)) {
    const refusal = await liveSmsRefusal(deps, config);
    if (refusal) {
      await sms.close();
      await database.close();
      throw new ConfigError(refusal);
    }
  }
  deps.outreach = {
    sms: sms.gateway && demoSafeGateway(sms.gateway, deps.uow),
    supportContact: sms.supportContact,
    sharing: config.FYREN_OUTREACH_SHARING,
  };
  const evidence = new FsEvidenceStore(evidenceDir(config), VERSION);
  const boot = await bootstrapAdmin(deps, {
    password: config.FYREN_ADMIN_PASSWORD ?? null,
    organisationName: config.FYREN_ORG_NAME,
    organisationKind: config.FYREN_ORG_KIND,
  });
  if (boot.isCreated) {
    logger.info({ engine: database.engine }, 'first start: administrator account created');
    if (boot.oneTimePassword) {
      // Printed once, straight to the terminal and not to the log.
      out.write(
        `\n  Fyren: first start. Sign in as "${boot.username}" with this one-time password\n` +
          `  (you will be asked to choose a new one):\n\n      ${boot.oneTimePassword}\n\n`,
      );
    }
  }

  const demoImagesAbort = new AbortController();
  let demoImages: Promise<void> = Promise.resolve();
  if (config.FYREN_DEMO) {
    const started = performance.now();
    const demo = await loadDemoMarket(deps, { isFirstStartOnly: true, hasLiveSmsGateway: hasLiveSmsGateway(config) });
    if (demo.isLoaded) {
      logger.info(
        { ads: demo.ads, observations: demo.observations, ms: Math.round(performance.now() - started) },
        'demo market loaded (FYREN_DEMO=0 turns this off; `fyren demo reset` removes it)',
      );
      const demand = await loadDemoDemand({ ...deps, pseudonymiser: pseudonymiserFor(config) });
      logger.info({ accounts: demand.accounts, events: demand.events, probes: demand.probes }, 'demo buyer side loaded');
      // The demo ads' pictures (synthetic shapes, never people) are stored in the background.
      const pictures = demo.images ?? [];
      demoImages = storeDemoImages({ ...deps, evidence }, pictures, renderSyntheticImage, { signal: demoImagesAbort.signal }).then(
        (r) =>
          logger.info(
            { pictures: pictures.length, stored: r.stored, problems: r.problems.length, isComplete: r.isComplete },
            r.isComplete ? 'demo pictures stored and linked' : 'demo pictures stopped at shutdown',
          ),
        (err: unknown) => logger.error({ err: loggableError(err) }, 'storing demo pictures failed'),
      );
    } else logger.info({ reason: demo.reason }, 'demo market not loaded');
  }

  const clientKey = (c: Context) => {
    if (config.FYREN_TRUST_PROXY) {
      // The right-most entry is the one our proxy added; entries to its left are client-controlled.
      const fwd = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
      if (fwd) return fwd;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'local';
    }
  };
  const isSecure = (c: Context) =>
    new URL(c.req.url).protocol === 'https:' || (config.FYREN_TRUST_PROXY && c.req.header('x-forwarded-proto') === 'https');

  const registry = await loadSiteRegistry(config.FYREN_SITES_DIR ?? join(ROOT_DIR, 'sites'));
  for (const e of registry.errors) logger.warn({ problem: e }, 'site config refused');
  const crawls = new CrawlService(deps, registry, evidence, logger, pseudonymiserFor(config));
  crawls.schedule();

  const app = createHttpApp(deps, {
    contexts: CONTEXTS,
    crawls,
    evidence: new TarEvidenceExporter(evidenceDir(config), VERSION),
    images: { reader: evidence, hasher: sharpImageHasher },
    logger,
    ping: () => database.ping(),
    clientKey,
    isSecure,
    webDist: join(ROOT_DIR, 'web/dist'),
    version: VERSION,
    smsWebhook: sms.webhook,
    statistics: await statisticsSettings(config),
    // PGlite answers one query at a time: its requests queue in the limiter, not in the engine.
    admission: {
      concurrent: database.engine === 'postgres' ? Math.max(1, config.FYREN_DB_POOL_SIZE - 2) : 4,
      queue: config.FYREN_MAX_QUEUED_REQUESTS,
      maxWaitMs: config.FYREN_MAX_QUEUE_WAIT_MS,
      retryAfterSeconds: 2,
    },
    statementTimeoutMs: database.engine === 'postgres' ? config.FYREN_STATEMENT_TIMEOUT_MS : 0,
  });

  // The audit sequencer (ADR 0012): links the events requests wrote into the hash chain, every second.
  let isChaining = false;
  const chainTimer = setInterval(() => {
    if (isChaining) return;
    isChaining = true;
    chainAuditLog(deps.uow)
      .then(
        (run) => {
          if (run.refused.length > 0)
            logger.error({ seqs: run.refused }, 'audit events whose content changed before chaining were not chained');
        },
        (err: unknown) => logger.error({ err: loggableError(err) }, 'audit chaining failed'),
      )
      .finally(() => {
        isChaining = false;
      });
  }, 1_000);
  chainTimer.unref();

  const runRetentionSafely = () =>
    runRetention({ ...deps, evidence }, RETENTION_PURGERS).then(
      (runs) => logger.info({ runs }, 'retention run'),
      (err: unknown) => logger.error({ err: loggableError(err) }, 'retention run failed'),
    );
  void runRetentionSafely();
  // Ads left in the link queue (an upgrade's backfill, an import stopped half-way) are linked
  // in the background, a round at a time, until the queue is empty or the server stops.
  const pendingLinksAbort = new AbortController();
  const pendingLinks = linkAllPending(deps, { signal: pendingLinksAbort.signal }).then(
    (n) => {
      if (n > 0) logger.info({ ads: n }, 'queued ads linked');
    },
    (err: unknown) => logger.error({ err: loggableError(err) }, 'linking queued ads failed'),
  );
  const retentionTimer = setInterval(() => void runRetentionSafely(), DAY_MS);
  retentionTimer.unref();

  const server = await new Promise<ReturnType<typeof serve>>((resolveServer) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolveServer(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  sms.setServerUrl(`http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`);
  logger.info({ url, engine: database.engine, version: VERSION, sms: sms.gateway?.name ?? 'none' }, 'Fyren is listening');

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(retentionTimer);
      clearInterval(chainTimer);
      demoImagesAbort.abort();
      pendingLinksAbort.abort();
      await demoImages;
      await pendingLinks;
      await crawls.stop();
      await sms.close();
      await evidence.close();
      const drained = new Promise<void>((res) => server.close(() => res()));
      // In-flight requests get 10 s to finish; then remaining connections are cut.
      const force = setTimeout(() => {
        if ('closeAllConnections' in server) server.closeAllConnections();
      }, 10_000);
      force.unref();
      await drained;
      clearTimeout(force);
      // The events of the last requests are chained before the database closes.
      await chainAuditLog(deps.uow).catch((err: unknown) => logger.error({ err: loggableError(err) }, 'audit chaining failed'));
      await database.close();
      logger.info('stopped');
    })());
  return { url, port, close };
}
