/**
 * Crawls from the web API: the analyst lists sources, starts a crawl of a demo site on
 * 127.0.0.1, follows the run, and downloads an ad's evidence bundle as tar (with a
 * purpose); other roles are refused.
 */
import { CONTEXTS } from '../src/main/contexts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmin } from '../src/app/identity/bootstrap-admin';
import { createHttpApp } from '../src/adapters/http/app';
import { loadSiteRegistry } from '../src/adapters/crawl/site-registry';
import { FsEvidenceStore } from '../src/adapters/evidence/fs-evidence-store';
import { TarEvidenceExporter } from '../src/adapters/evidence/tar-exporter';
import { buildDemoMarket } from '../src/adapters/demo-sites/demo-market';
import { serveDemoSites, type ServedDemoSites } from '../src/adapters/demo-sites/demo-sites';
import { CrawlService } from '../src/main/crawl-service';
import { createTestDatabase, type TestDatabase } from './support/databases';
import { testDeps } from './support/deps';
import { adminContext, buildOrganisation, buildUser } from './support/factories';
import { Browser } from './support/http';

describe('crawl API', () => {
  let t: TestDatabase;
  let sites: ServedDemoSites;
  let service: CrawlService;
  let evidence: FsEvidenceStore;
  let analyst: Browser;
  let outreach: Browser;

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    const deps = testDeps(t.database);
    deps.clock.now = () => new Date();
    await bootstrapAdmin(deps, { password: 'Admin-Lösen-2026!', organisationName: 'Fyren administration' });
    sites = await serveDemoSites({ market: buildDemoMarket({ seed: 8, persons: 20, days: 2, startDate: '2026-02-02' }) });
    const root = mkdtempSync(join(tmpdir(), 'fyren-ev-'));
    evidence = new FsEvidenceStore(root, 'test');
    const logger = pino({ level: process.env.TEST_LOG ? 'error' : 'silent' });
    service = new CrawlService(deps, await loadSiteRegistry('sites'), evidence, logger);
    const app = createHttpApp(deps, {
      contexts: CONTEXTS,
      logger,
      ping: async () => undefined,
      clientKey: (c) => c.req.header('x-test-client') ?? 'x',
      isSecure: () => false,
      webDist: null,
      version: 'test',
      crawls: service,
      evidence: new TarEvidenceExporter(root, 'test'),
    });
    const admin = await adminContext(deps);
    const org = await buildOrganisation(deps, admin);
    const login = async (username: string, roles: ('kartlaggare' | 'uppsokare')[]) => {
      const { oneTimePassword } = await buildUser(deps, admin, { organisationId: org.id, username, roles });
      const b = new Browser(app, { 'x-test-client': username });
      await b.post('/api/auth/login', { username, password: oneTimePassword });
      await b.post('/api/auth/password', { currentPassword: oneTimePassword, newPassword: 'Ett långt nytt lösenord' });
      return b;
    };
    analyst = await login('analys', ['kartlaggare']);
    outreach = await login('uppsok', ['uppsokare']);
  });
  afterAll(async () => {
    await service?.stop();
    await evidence?.close();
    await sites?.close();
    await t?.drop();
  });

  it('lists sources, starts a crawl, follows it, and exports evidence as tar', async () => {
    const list = await analyst.get('/api/crawl/sources');
    expect(list.status).toBe(200);
    expect(list.json!.items.map((s: { id: string }) => s.id)).toEqual(['demo-classifieds', 'demo-portal', 'demo-sugar']);
    const start = await analyst.post('/api/crawl/sources/demo-portal/runs', { baseUrl: sites.urls['demo-portal'] });
    expect(start.status).toBe(202);
    const again = await analyst.post('/api/crawl/sources/demo-portal/runs', { baseUrl: sites.urls['demo-portal'] });
    expect(again.status).toBe(409);
    await service.settled('demo-portal');
    const runs = await analyst.get('/api/crawl/runs?source=demo-portal');
    expect(runs.json!.items[0]).toMatchObject({ status: 'complete', trigger: 'web', errors: 0 });
    expect(runs.json!.items[0].ads).toBeGreaterThan(0);

    const ads = await analyst.request('GET', '/api/ads?limit=1', undefined, { 'x-fyren-purpose': 'bevisexport test' });
    const adId = ads.json!.items[0].id as string;
    expect((await analyst.get(`/api/ads/${adId}/evidence`)).json!.error.code).toBe('PURPOSE_REQUIRED');
    const tar = await analyst.request('GET', `/api/ads/${adId}/evidence`, undefined, { 'x-fyren-purpose': 'bevisexport test' });
    expect(tar.status).toBe(200);
    expect(tar.headers.get('content-type')).toBe('application/x-tar');
  });

  it('the downloaded tar unpacks to a bundle that fyren evidence verify accepts', async () => {
    const ads = await analyst.request('GET', '/api/ads?limit=1', undefined, { 'x-fyren-purpose': 'bevisexport test' });
    const adId = ads.json!.items[0].id as string;
    const app = (analyst as unknown as { app: { request: (u: string, i: RequestInit) => Promise<Response> } }).app;
    const cookie = [...analyst.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await app.request(`http://localhost/api/ads/${adId}/evidence`, { headers: { cookie, 'x-fyren-purpose': 'test' } });
    const dir = mkdtempSync(join(tmpdir(), 'fyren-tar-'));
    writeFileSync(join(dir, 'b.tar'), Buffer.from(await res.arrayBuffer()));
    execFileSync('tar', ['-xf', 'b.tar'], { cwd: dir });
    const bundle = execFileSync('sh', ['-c', 'ls -d fyren-evidence-*'], { cwd: dir, encoding: 'utf8' }).trim();
    const out = execFileSync(process.execPath, ['bin/fyren.cjs', 'evidence', 'verify', join(dir, bundle)], { encoding: 'utf8' });
    expect(out).toMatch(/intact/);
  });

  it('refuses roles without the right', async () => {
    expect((await outreach.get('/api/crawl/sources')).status).toBe(403);
    expect((await outreach.post('/api/crawl/sources/demo-portal/runs', {})).status).toBe(403);
    expect((await analyst.post('/api/crawl/sources/no-such-site/runs', {})).status).toBe(404);
    expect(
      (await analyst.post('/api/crawl/sources/demo-portal/runs', { baseUrl: 'file:///etc/passwd' })).json!.error.issues[0].path,
    ).toEqual(['baseUrl']);
  });
});
