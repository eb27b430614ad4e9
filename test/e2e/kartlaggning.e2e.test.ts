/**
 * Kartläggning in Chromium against a server with the generated demo market (FYREN_DEMO=1).
 * An administrator creates a kartläggare, who signs in, gives a purpose and searches ads: the
 * demo rows carry a visible DEMO label, a kommun filter narrows the list, and the administrator
 * then finds the search and its purpose in the audit log. Needs web/dist (see admin-flow).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const PURPOSE_REF = `v. 12 Umeå e2e ${Date.now()}`;
/** Column index of "Ort/kommun" in the results table (Källa, Rubrik, Ort/kommun, …). */
const PLACE_COLUMN = 2;

let env: E2eEnv | undefined;
const violationsByPage: ViolationsByPage = new Map();
const checkPage = (page: Page, name: string) => checkPageWith(page, name, violationsByPage);

describe('Kartläggning: ad search in Chromium with demo data', () => {
  beforeAll(async () => {
    // The demo market is loaded into the empty database at first start; that takes a while.
    env = await startE2e({ env: { FYREN_DEMO: '1' }, readyTimeoutMs: 90_000 });
  });

  afterAll(async () => {
    await env?.stop();
  });

  it('a kartläggare searches with a purpose, sees DEMO rows, filters on Umeå; the audit log shows the purpose', async () => {
    if (!env) throw new Error('no server');
    const { baseUrl, context } = env;
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    const login = (username: string, password: string) => signIn(page, username, password);
    const logout = () => signOut(page);

    try {
      await page.goto(`${baseUrl}/`);
      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();

      // 1. The administrator creates a kartläggare in the first organisation.
      await login('admin', ADMIN_PASSWORD);
      const oneTimePassword = await createUserAsAdmin(page, {
        username: 'karin.kartlaggare',
        name: 'Karin Kartläggare',
        role: 'Kartläggare',
      });
      await logout();

      // 2. The kartläggare signs in and changes the password.
      await login('karin.kartlaggare', oneTimePassword);
      await page.getByRole('heading', { level: 1, name: 'Byt lösenord' }).waitFor();
      await page.getByLabel(/^Nuvarande lösenord/).fill(oneTimePassword);
      await page.getByLabel(/^Nytt lösenord/).fill(NEW_PASSWORD);
      await page.getByLabel(/^Upprepa/).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Byt lösenord' }).click();

      // 3. Kartläggning: the ad search page.
      const nav = page.getByRole('navigation', { name: 'Moduler' });
      await nav.getByRole('link', { name: 'Kartläggning' }).click();
      await page.getByRole('heading', { level: 1, name: 'Annonser' }).waitFor();
      expect(await page.title()).toBe('Annonser – Kartläggning – Fyren');
      await page.getByRole('option', { name: 'Umeå', exact: true }).waitFor({ state: 'attached' });

      // No purpose, no search: the form says what is missing.
      await page.getByRole('button', { name: 'Sök', exact: true }).click();
      await page
        .getByRole('alert')
        .getByText(/Referens: Ange en referens för syftet/)
        .waitFor();
      expect(await page.getByLabel(/^Referens/).getAttribute('aria-invalid')).toBe('true');
      await checkPage(page, '20-ads-purpose-missing');

      // 4. A purpose, no filters: the newest ads, demo rows with a visible DEMO label.
      await page.getByLabel(/^Typ av syfte/).selectOption('kartlaggning');
      await page.getByLabel(/^Referens/).fill(PURPOSE_REF);
      await page.getByRole('button', { name: 'Sök', exact: true }).click();
      const results = page.getByRole('region', { name: 'Sökresultat' });
      await results.getByRole('table').waitFor();
      const rows = results.locator('tbody tr');
      expect(await rows.count()).toBeGreaterThan(0);
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Sökresultat');
      await rows.first().getByText('DEMO', { exact: true }).waitFor({ state: 'visible' });
      await results.getByText(/Resultaten innehåller genererade demodata/).waitFor();
      await checkPage(page, '21-ads-results');

      // 5. Kommun Umeå (2480): every row is in Umeå, or nothing matched.
      await page.getByLabel(/^Kommun/).selectOption('2480');
      await page.getByRole('button', { name: 'Sök', exact: true }).click();
      await page
        .locator('caption')
        .or(results.getByText('Inga annonser matchar sökningen.', { exact: false }))
        .first()
        .waitFor();
      // Wait for the answer to the second search, not the first one's table.
      await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
      const places = await results
        .locator('tbody tr')
        .evaluateAll((trs, column) => trs.map((tr) => (tr.children[column] as HTMLElement | undefined)?.innerText ?? ''), PLACE_COLUMN);
      if (places.length) {
        for (const place of places) expect(place).toContain('Umeå');
      } else {
        await results.getByText('Inga annonser matchar sökningen.', { exact: false }).waitFor();
      }
      await checkPage(page, '22-ads-umea');
      await logout();

      // 6. The administrator finds the search with its purpose in the audit log.
      await login('admin', ADMIN_PASSWORD);
      await page.getByRole('navigation', { name: 'Moduler' }).getByRole('link', { name: 'Administration' }).click();
      await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Granskningslogg' }).click();
      await page.getByRole('heading', { level: 1, name: 'Granskningslogg' }).waitFor();
      await page.getByLabel(/^Händelse/).fill('ad.search');
      await page.getByRole('button', { name: 'Filtrera' }).click();
      const auditRow = page.getByRole('row').filter({ hasText: `Kartläggning: ${PURPOSE_REF}` });
      await auditRow.first().waitFor();
      expect(await auditRow.count()).toBe(2);
      expect(await auditRow.first().textContent()).toContain('ad.search');
      await checkPage(page, '23-audit-ad-search');
    } catch (error) {
      await page.screenshot({ path: join(SHOTS, 'failure-kartlaggning.png'), fullPage: true }).catch(() => undefined);
      console.error(`server log (tail):\n${env.serverLog().slice(-4000)}`);
      throw error;
    }

    expect(pageErrors).toEqual([]);
    expect(violationSummary(violationsByPage)).toEqual({});
  });
});
