/**
 * Profiles and networks in Chromium against a server with the generated demo market
 * (FYREN_DEMO=1, with its synthetic pictures stored in the background). A kartläggare gives a
 * purpose once, searches ads by an indicator, opens a profile (score contributions with their
 * evidence, a photo blurred until clicked), opens its network graph and shows an edge's
 * evidence, then cuts two ads apart with a reason and sees the correction listed. Every page
 * is checked with axe and kept as a screenshot in test-results/e2e/. Needs web/dist.
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

const PURPOSE_REF = `profiler e2e ${Date.now()}`;
const CUT_REASON = 'Olika språk och ålder i annonserna';

let env: E2eEnv | undefined;
const violationsByPage: ViolationsByPage = new Map();
const checkPage = (page: Page, name: string) => checkPageWith(page, name, violationsByPage);

/** Waits until the server has stored and linked the demo pictures (it logs a line when done). */
async function demoPicturesStored(e: E2eEnv, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (e.serverLog().includes('demo pictures stored and linked')) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('the demo pictures were not stored in time');
}

describe('Kartläggning: profiles and networks in Chromium with demo data', () => {
  beforeAll(async () => {
    env = await startE2e({ env: { FYREN_DEMO: '1' }, readyTimeoutMs: 120_000 });
  });

  afterAll(async () => {
    await env?.stop();
  });

  it('searches by indicator, opens a profile and its network, and cuts two ads apart with a reason', async () => {
    if (!env) throw new Error('no server');
    const { baseUrl, context } = env;
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    try {
      await page.goto(`${baseUrl}/`);
      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();

      // 1. An administrator creates a kartläggare, who signs in and chooses a password.
      await signIn(page, 'admin', ADMIN_PASSWORD);
      const oneTimePassword = await createUserAsAdmin(page, { username: 'pia.profil', name: 'Pia Profil', role: 'Kartläggare' });
      await signOut(page);
      await signIn(page, 'pia.profil', oneTimePassword);
      await page.getByRole('heading', { level: 1, name: 'Byt lösenord' }).waitFor();
      await page.getByLabel(/^Nuvarande lösenord/).fill(oneTimePassword);
      await page.getByLabel(/^Nytt lösenord/).fill(NEW_PASSWORD);
      await page.getByLabel(/^Upprepa/).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Byt lösenord' }).click();

      // 2. Annonser: a purpose and an indicator chosen by its readable name.
      await page.getByRole('navigation', { name: 'Moduler' }).getByRole('link', { name: 'Kartläggning' }).click();
      await page.getByRole('heading', { level: 1, name: 'Annonser' }).waitFor();
      await page.getByLabel(/^Typ av syfte/).selectOption('kartlaggning');
      await page.getByLabel(/^Referens/).fill(PURPOSE_REF);
      await page.getByLabel(/^Tecken att väga in/).selectOption({ label: 'Ny i stan, nyss anländ eller bara här några dagar' });
      await page.getByRole('button', { name: 'Sök', exact: true }).click();
      const results = page.getByRole('region', { name: 'Sökresultat' });
      await results.getByRole('table').waitFor();
      expect(await results.locator('tbody tr').count()).toBeGreaterThan(0);
      await results.locator('tbody tr').first().getByText('DEMO', { exact: true }).waitFor();
      await checkPage(page, '30-ads-indicator');

      // The demo pictures are stored in the background after the first start.
      await demoPicturesStored(env, 170_000);

      // 3. Profiler: the purpose of this session is used at once.
      await page.getByRole('navigation', { name: 'Kartläggning' }).getByRole('link', { name: 'Profiler' }).click();
      await page.getByRole('heading', { level: 1, name: 'Profiler' }).waitFor();
      await page.getByText(`Kartläggning: ${PURPOSE_REF}`).waitFor();
      const profiles = page.getByRole('table', { name: /^Profiler: \d+ st, högst poäng först/ });
      await profiles.waitFor();
      await checkPage(page, '31-profiles');

      // 4. The highest-scoring profile with several ads.
      const rows = profiles.locator('tbody tr');
      const adCounts = await rows.evaluateAll((trs) => trs.map((tr) => Number((tr.children[2] as HTMLElement).innerText)));
      const pick = adCounts.findIndex((n) => n >= 2);
      expect(pick).toBeGreaterThanOrEqual(0);
      await rows.nth(pick).getByRole('link').click();
      await page.getByRole('heading', { level: 1, name: 'Profil' }).waitFor();
      const risk = page.getByRole('region', { name: /^Risk för utnyttjande: [\d,]+ av 100$/ });
      await risk.waitFor();
      await risk.getByText('Tecken att väga in, aldrig bevis.').waitFor();
      const contribution = risk.getByTestId('risk-contribution').first();
      await contribution.waitFor();
      expect(await contribution.locator('h3').innerText()).not.toMatch(/^[A-Z_]+$/);
      expect(await contribution.locator('.risk__evidence li').count()).toBeGreaterThan(0);

      // A photo: blurred, then shown by its own button.
      const photo = page.locator('figure.photo').first();
      await photo.waitFor();
      const img = photo.locator('img');
      await img.waitFor();
      expect(await photo.getAttribute('data-blurred')).toBe('true');
      expect(await img.evaluate((el) => getComputedStyle(el).filter)).toContain('blur');
      expect(await img.getAttribute('alt')).toMatch(/^Bild 1 av \d+ i annonsen .*, suddig$/);
      await checkPage(page, '32-profile');
      await photo.getByRole('button', { name: /^Visa bild: Bild 1 av/ }).click();
      expect(await photo.getAttribute('data-blurred')).toBe('false');
      expect(await img.evaluate((el) => getComputedStyle(el).filter)).toBe('none');
      expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      await checkPage(page, '33-profile-photo-shown');
      const profileUrl = page.url();

      // 5. Its network: the graph, an edge's evidence by keyboard, the table of every edge.
      await page.getByRole('link', { name: 'Visa nätverket som profilen ingår i' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nätverk' }).waitFor();
      const graph = page.getByRole('group', { name: /^Nätverk med \d+ annonser i \d+ profiler och \d+ kopplingar/ });
      await graph.waitFor();
      const edge = graph.getByRole('button').first();
      await edge.focus();
      await page.keyboard.press('Enter');
      const details = page.getByTestId('edge-details');
      await details.getByRole('heading', { name: 'Vald koppling' }).waitFor();
      expect(await details.innerText()).toMatch(/Delad uppgift/);
      await page.getByRole('table', { name: /^Alla kopplingar i nätverket/ }).waitFor();
      await checkPage(page, '34-network');

      // 6. Back on the profile: cut its first two ads apart, with a reason.
      await page.goto(profileUrl);
      const form = page.getByRole('form', { name: 'Rätta länkningen' });
      await form.waitFor();
      await form.getByLabel('Inte samma person – klipp isär två annonser').check();
      const first = form.getByLabel(/^Första annonsen/);
      const options = await first.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
      const [a, b] = [...options].sort();
      await first.selectOption(a!);
      await form.getByLabel(/^Andra annonsen/).selectOption(b!);
      // Without a reason the form says so and sends nothing.
      await form.getByRole('button', { name: 'Spara rättelsen' }).click();
      await page
        .getByRole('alert')
        .getByText(/Anledning: Skriv varför/)
        .waitFor();
      await form.getByLabel(/^Anledning/).fill(CUT_REASON);
      await form.getByRole('button', { name: 'Spara rättelsen' }).click();
      await page.getByText('Rättelsen är sparad och länkningen är uppdaterad.').waitFor();
      const corrections = page.getByRole('table', { name: 'Rättelser' });
      const row = corrections.getByTestId('correction-row').filter({ hasText: CUT_REASON });
      await row.waitFor();
      expect(await row.innerText()).toContain('Isärklippt');
      expect(await row.innerText()).toContain('Pia Profil');
      await checkPage(page, '35-profile-corrected');
    } catch (error) {
      await page.screenshot({ path: join(SHOTS, 'failure-profiles.png'), fullPage: true }).catch(() => undefined);
      console.error(`server log (tail):\n${env.serverLog().slice(-4000)}`);
      throw error;
    }

    expect(pageErrors).toEqual([]);
    expect(violationSummary(violationsByPage)).toEqual({});
  }, 420_000);
});
