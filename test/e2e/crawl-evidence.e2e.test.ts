/**
 * Källor och insamling in Chromium: a kartläggare starts a crawl of the demo portal (served in this
 * test process on a free port, given as the base URL), follows the live view until it is done,
 * then searches ads with a purpose and exports the evidence bundle of the first row as a tar file.
 * The server runs without the generated demo market (FYREN_DEMO=0), so every ad comes from the crawl.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoMarket } from '../../src/adapters/demo-sites/demo-market';
import { serveDemoSites, type ServedDemoSites } from '../../src/adapters/demo-sites/demo-sites';
import {
  ADMIN_PASSWORD,
  NEW_PASSWORD,
  SHOTS,
  checkPage as checkPageWith,
  startE2e,
  violationSummary,
  type E2eEnv,
  type ViolationsByPage,
  createUserAsAdmin,
  signIn,
  signOut,
} from './support';

const PORTAL_NAME = 'Annonsportalen (DEMO)';

let env: E2eEnv | undefined;
let sites: ServedDemoSites | undefined;
const violationsByPage: ViolationsByPage = new Map();
const checkPage = (page: Page, name: string) => checkPageWith(page, name, violationsByPage);

describe('Kartläggning: crawl from the web and export evidence in Chromium', () => {
  beforeAll(async () => {
    // A small market keeps the crawl short (the portal's politeness delay is 250 ms per request).
    sites = await serveDemoSites({ market: buildDemoMarket({ seed: 8, persons: 20, days: 2, startDate: '2026-02-02' }) });
    env = await startE2e({ env: { FYREN_DEMO: '0' } });
  });

  afterAll(async () => {
    await env?.stop();
    await sites?.close();
  });

  it('a kartläggare crawls the demo portal, sees it complete, and downloads an evidence bundle', async () => {
    if (!env || !sites) throw new Error('no server');
    const { baseUrl, context } = env;
    const portalUrl = sites.urls['demo-portal'];
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    const login = (username: string, password: string) => signIn(page, username, password);

    try {
      await page.goto(`${baseUrl}/`);
      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();

      // 1. The administrator creates a kartläggare.
      await login('admin', ADMIN_PASSWORD);
      const oneTimePassword = await createUserAsAdmin(page, {
        username: 'kalle.kartlaggare',
        name: 'Kalle Kartläggare',
        role: 'Kartläggare',
      });
      await signOut(page);

      // 2. The kartläggare signs in and changes the password.
      await login('kalle.kartlaggare', oneTimePassword);
      await page.getByRole('heading', { level: 1, name: 'Byt lösenord' }).waitFor();
      await page.getByLabel(/^Nuvarande lösenord/).fill(oneTimePassword);
      await page.getByLabel(/^Nytt lösenord/).fill(NEW_PASSWORD);
      await page.getByLabel(/^Upprepa/).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Byt lösenord' }).click();

      // 3. Kartläggning → Källor.
      await page.getByRole('navigation', { name: 'Moduler' }).getByRole('link', { name: 'Kartläggning' }).click();
      await page.getByRole('heading', { level: 1, name: 'Annonser' }).waitFor();
      const subNav = page.getByRole('navigation', { name: 'Kartläggning' });
      await subNav.getByRole('link', { name: 'Källor' }).click();
      await page.getByRole('heading', { level: 1, name: 'Källor och insamling' }).waitFor();
      expect(await page.title()).toBe('Källor och insamling – Kartläggning – Fyren');
      expect(await subNav.getByRole('link', { name: 'Källor' }).getAttribute('aria-current')).toBe('page');
      const portal = page.getByRole('region', { name: PORTAL_NAME });
      await portal.waitFor();
      await portal.getByText('DEMO', { exact: true }).waitFor();
      await checkPage(page, '30-sources');

      // 4. Start a crawl of the demo portal on the port this test serves it on, and follow it.
      await portal.getByLabel(/^Annan adress \(bas-URL\)/).fill(portalUrl);
      await portal.getByRole('button', { name: `Starta insamling: ${PORTAL_NAME}` }).click();
      const live = portal.getByTestId('crawl-live-demo-portal');
      await live.waitFor({ timeout: 30_000 });
      await expect
        .poll(async () => (await live.getByTestId('crawl-status').textContent())?.trim(), { timeout: 150_000, interval: 500 })
        .toMatch(/^(Klar|Ofullständig|Misslyckades|Avbruten)$/);
      expect((await live.getByTestId('crawl-status').textContent())?.trim()).toBe('Klar');
      const adCount = Number((await live.getByTestId('crawl-ads').textContent())?.trim());
      expect(adCount).toBeGreaterThan(0);
      expect(await portal.locator('[aria-live="polite"]').textContent()).toContain('är avslutad: Klar');
      expect(await portal.getByRole('progressbar').count()).toBe(0);
      await checkPage(page, '31-sources-crawl-complete');

      // 5. Annonser: search with a purpose, export the first row's evidence.
      await subNav.getByRole('link', { name: 'Annonser' }).click();
      await page.getByRole('heading', { level: 1, name: 'Annonser' }).waitFor();
      await page.getByLabel(/^Typ av syfte/).selectOption('arende');
      await page.getByLabel(/^Referens/).fill('Ä-2026-e2e bevis');
      await page.getByRole('button', { name: 'Sök', exact: true }).click();
      const results = page.getByRole('region', { name: 'Sökresultat' });
      await results.getByRole('table').waitFor();
      const firstRow = results.locator('tbody tr').first();
      const exportButton = firstRow.getByRole('button', { name: /^Exportera bevis: / });
      const title = ((await firstRow.locator('th').textContent()) ?? '').trim();
      expect(await exportButton.getAttribute('aria-label')).toBe(`Exportera bevis: ${title}`);

      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), exportButton.click()]);
      expect(download.suggestedFilename()).toMatch(/^fyren-evidence-demo-portal-.+\.tar$/);
      const path = await download.path();
      expect(statSync(path).size).toBeGreaterThan(1000);
      await results.getByText(/har laddats ner som fyren-evidence-/).waitFor();
      await checkPage(page, '32-ads-evidence-exported');
    } catch (error) {
      await page.screenshot({ path: join(SHOTS, 'failure-crawl-evidence.png'), fullPage: true }).catch(() => undefined);
      console.error(`server log (tail):\n${env.serverLog().slice(-4000)}`);
      throw error;
    }

    expect(pageErrors).toEqual([]);
    expect(violationSummary(violationsByPage)).toEqual({});
  });
});
