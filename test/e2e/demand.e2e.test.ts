/**
 * Statistik → Efterfrågan in Chromium against a server with the demo market and its buyer side
 * (FYREN_DEMO=1). A samordnare opens the demand page for Umeå: the trend figure shows the demo
 * operation as an event marker, the weekly table says "<5" where counts are small, the
 * displacement view shows a fall in Umeå and a rise in Stockholm, and the page passes axe.
 * Needs web/dist (see admin-flow).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  NEW_PASSWORD,
  SHOTS,
  checkPage as checkPageWith,
  createUserAsAdmin,
  signIn,
  signOut,
  startE2e,
  violationSummary,
  type E2eEnv,
  type ViolationsByPage,
} from './support';

let env: E2eEnv | undefined;
const violationsByPage: ViolationsByPage = new Map();
const checkPage = (page: Page, name: string) => checkPageWith(page, name, violationsByPage);

describe('Statistik: the demand trend in Chromium with demo data', () => {
  beforeAll(async () => {
    env = await startE2e({ env: { FYREN_DEMO: '1' }, readyTimeoutMs: 120_000 });
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('shows the demand trend of Umeå with the operation marked, and the displacement to Stockholm', async () => {
    if (!env) throw new Error('no server');
    const { baseUrl, context } = env;
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await page.goto(`${baseUrl}/`);
      await signIn(page, 'admin', ADMIN_PASSWORD);
      const oneTimePassword = await createUserAsAdmin(page, { username: 'sara.samordnare', name: 'Sara Samordnare', role: 'Samordnare' });
      await signOut(page);
      await signIn(page, 'sara.samordnare', oneTimePassword);
      await page.getByRole('heading', { level: 1, name: 'Byt lösenord' }).waitFor();
      await page.getByLabel(/^Nuvarande lösenord/).fill(oneTimePassword);
      await page.getByLabel(/^Nytt lösenord/).fill(NEW_PASSWORD);
      await page.getByLabel(/^Upprepa/).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Byt lösenord' }).click();

      await page.getByRole('navigation', { name: 'Moduler' }).getByRole('link', { name: 'Statistik' }).click();
      await page.getByRole('link', { name: 'Efterfrågan', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Efterfrågan' }).waitFor();
      // The whole country first, then Umeå.
      await page.getByRole('table', { name: /Veckotal för hela landet/ }).waitFor();
      await page.getByRole('option', { name: 'Umeå', exact: true }).waitFor({ state: 'attached' });
      await page.getByLabel('Område').selectOption('kommun:2480');
      await page.getByRole('button', { name: 'Visa', exact: true }).click();
      await page.getByRole('table', { name: /Veckotal för Umeå/ }).waitFor();

      const chart = page.locator('.demand-chart svg[role="img"]');
      expect(await chart.locator('title').textContent()).toBe('Efterfrågan och utbud i Umeå');
      const markers = chart.locator('.event-marker');
      expect(await markers.count()).toBeGreaterThanOrEqual(3);
      // The legend names the operation next to its number.
      expect(await chart.textContent()).toContain('Insats mot sexköp i Umeå');
      // The marker lies inside the plotted time axis.
      const box = await chart.boundingBox();
      const marker = await markers.last().locator('line').boundingBox();
      expect(box && marker && marker.x > box.x && marker.x < box.x + box.width).toBe(true);
      await page.getByRole('listitem').filter({ hasText: 'Insats mot sexköp i Umeå' }).waitFor();
      await checkPage(page, '40-demand-umea');

      await page.getByRole('button', { name: 'Visa förflyttning efter Insats mot sexköp i Umeå' }).click();
      const summary = page.locator('.demand-summary');
      await summary.waitFor();
      expect(await summary.textContent()).toMatch(/I Umeå minskade med \d+ %/);
      expect(await summary.textContent()).toMatch(/I Stockholm ökade med \d+ %/);
      await checkPage(page, '41-demand-displacement');
    } catch (error) {
      await page.screenshot({ path: join(SHOTS, 'failure-demand.png'), fullPage: true }).catch(() => undefined);
      console.error(`server log (tail):\n${env.serverLog().slice(-4000)}`);
      throw error;
    }
    expect(pageErrors).toEqual([]);
    expect(violationSummary(violationsByPage)).toEqual({});
  });
});
