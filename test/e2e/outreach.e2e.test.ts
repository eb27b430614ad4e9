/**
 * Uppsök in Chromium against a server with the generated demo market (FYREN_DEMO=1) and the
 * local fake 46elks gateway the demo uses. An administrator sets up a social-services
 * organisation for police region Nord with an adult unit and an uppsökare; she gives a purpose,
 * opens the queue (reasons in words), opens a person, sends the Swedish first-contact message
 * as an SMS and sees the reply arrive, logs the contact as "accepted support" with a follow-up,
 * and sees the referral to the adult unit, the history, the reminder, the messages and the
 * statistics. Every page is checked with axe and kept as a screenshot in test-results/e2e/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  NEW_PASSWORD,
  SHOTS,
  checkPage as checkPageWith,
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
const ORG = 'Socialtjänsten Nord (test)';

describe('Uppsök: from the queue to a referral in Chromium with demo data', () => {
  beforeAll(async () => {
    env = await startE2e({ env: { FYREN_DEMO: '1' }, readyTimeoutMs: 120_000 });
  });

  afterAll(async () => {
    await env?.stop();
  });

  it('logs an outreach contact through to a referral, with an SMS and its reply', async () => {
    if (!env) throw new Error('no server');
    const { baseUrl, context } = env;
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    try {
      await page.goto(`${baseUrl}/`);
      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();

      // 1. The administrator: an organisation for police region Nord, its adult unit, an uppsökare.
      await signIn(page, 'admin', ADMIN_PASSWORD);
      await page.getByRole('navigation', { name: 'Moduler' }).getByRole('link', { name: 'Administration' }).click();
      await page.getByRole('heading', { level: 1, name: 'Organisationer' }).waitFor();
      await page.getByLabel(/^Namn/).fill(ORG);
      await page.getByLabel(/^Typ/).selectOption('socialtjanst');
      await page.getByLabel(/^Polisregioner/).selectOption(['Nord']);
      await page.getByRole('button', { name: 'Skapa organisation' }).click();
      await page.getByText(`Organisationen ${ORG} har skapats.`).waitFor();
      await page.getByRole('link', { name: `Enheter i ${ORG}` }).click();
      await page.getByLabel(/^Enhetens namn/).fill('Vuxenenheten');
      await page.getByRole('button', { name: 'Skapa enhet' }).click();
      await page.getByText('Enheten Vuxenenheten har skapats.').waitFor();
      // The message templates: no personal data, so the administrator keeps them.
      await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Meddelandemallar' }).click();
      await page.getByRole('heading', { level: 1, name: 'Meddelanden' }).waitFor();
      await page.getByText('Ändra Svenska').waitFor();
      expect(await page.getByTestId('template').count()).toBe(11);
      await checkPage(page, '39-admin-message-templates');
      await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Användare' }).click();
      await page.getByRole('heading', { level: 1, name: 'Användare' }).waitFor();
      await page.getByLabel(/^Användarnamn/).fill('ulla.uppsok');
      await page.getByLabel(/^Namn/).fill('Ulla Uppsökare');
      await page.getByLabel(/^Organisation/).selectOption({ label: ORG });
      await page.getByRole('checkbox', { name: 'Uppsökare' }).check();
      await page.getByRole('button', { name: 'Skapa användare' }).click();
      const oneTimePassword = ((await page.getByTestId('one-time-password').textContent()) ?? '').trim();
      expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
      await signOut(page);

      // 2. The uppsökare signs in and chooses a password.
      await signIn(page, 'ulla.uppsok', oneTimePassword);
      await page.getByRole('heading', { level: 1, name: 'Byt lösenord' }).waitFor();
      await page.getByLabel(/^Nuvarande lösenord/).fill(oneTimePassword);
      await page.getByLabel(/^Nytt lösenord/).fill(NEW_PASSWORD);
      await page.getByLabel(/^Upprepa/).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Byt lösenord' }).click();

      // 3. Uppsök: the purpose, then the queue with its reasons.
      const modules = page.getByRole('navigation', { name: 'Moduler' });
      expect(await modules.getByRole('link', { name: 'Kartläggning' }).count()).toBe(0);
      await modules.getByRole('link', { name: 'Uppsök' }).click();
      await page.getByRole('heading', { level: 1, name: 'Uppsökskö' }).waitFor();
      await page.getByLabel(/^Typ av syfte/).selectOption('uppsok');
      await page.getByLabel(/^Referens/).fill('v. 48 Nord');
      await page.getByRole('button', { name: 'Fortsätt' }).click();
      const queue = page.getByRole('table', { name: /^\d+ personer att kontakta, viktigast först$/ });
      await queue.waitFor();
      const rows = queue.getByTestId('queue-row');
      const total = await rows.count();
      expect(total).toBeGreaterThan(2);
      expect(await rows.first().innerText()).toMatch(/Riskpoäng/);
      await checkPage(page, '40-uppsok-queue');

      // 4. A person with a phone number (the first in the queue that has one).
      let opened = '';
      for (let i = 0; i < Math.min(total, 8) && !opened; i += 1) {
        await rows.nth(i).getByRole('link').click();
        await page.getByRole('heading', { level: 2, name: 'Ny kontakt' }).waitFor();
        if ((await page.getByRole('button', { name: /^Skicka som SMS till \+/ }).count()) > 0) opened = page.url();
        else {
          await page.goBack();
          await queue.waitFor();
        }
      }
      expect(opened).toContain('/uppsok/profil/pf-');
      await page.getByText('Ingen kontakt ännu.').waitFor();
      await checkPage(page, '41-uppsok-person');

      // 5. The Swedish first-contact message, sent as an SMS through the (fake) gateway; the reply arrives.
      await page.getByLabel(/^Meddelandemall/).selectOption({ label: 'Svenska' });
      const message = page.getByLabel(/^Meddelandet/);
      await expect.poll(() => message.inputValue()).toContain('Ulla Uppsökare');
      expect(await message.inputValue()).toContain('inte ett brott i Sverige');
      expect(await message.inputValue()).toContain(ORG);
      await page
        .getByRole('button', { name: /^Skicka som SMS till \+/ })
        .first()
        .click();
      await page.getByText('SMS:et är skickat.').waitFor();
      const conversation = page.getByTestId('conversation');
      await conversation.getByText('Ulla Uppsökare', { exact: false }).waitFor();
      const reply = conversation.getByText('Hej, tack för meddelandet. Kan vi prata i morgon?');
      for (let i = 0; i < 20 && (await reply.count()) === 0; i += 1) {
        await new Promise((r) => setTimeout(r, 500));
        await page.getByRole('button', { name: 'Hämta nya svar' }).click();
      }
      await reply.waitFor();
      await checkPage(page, '42-uppsok-conversation');

      // 6. The contact: accepted support, with a note and a follow-up; it becomes a referral.
      expect(await page.getByLabel(/^Kanal/).inputValue()).toBe('sms');
      const kommun = page.getByLabel(/^Kommun där kontakten togs/);
      const kommunOptions = await kommun
        .locator('option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
      await kommun.selectOption(kommunOptions.find((c) => c.startsWith('2')) ?? kommunOptions[0]!);
      // A missing outcome is named before anything is saved.
      await page.getByRole('button', { name: 'Spara kontakten' }).click();
      await page.getByRole('alert').filter({ hasText: 'Välj utfall' }).waitFor();
      await page.getByLabel(/^Utfall/).selectOption('accepted_help');
      await page.getByLabel(/^Anteckning/).fill('Vill träffas på onsdag.');
      const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel(/^Påminnelse om uppföljning/).fill(inTwoDays);
      await page.getByRole('button', { name: 'Spara kontakten' }).click();
      await page.getByText('Kontakten är sparad. Hänvisad till vuxenenheten (ärendeinledning): Vuxenenheten.').waitFor();
      const history = page.getByTestId('history');
      await history.getByText('Tackade ja till stöd: hänvisa till socialtjänsten', { exact: false }).waitFor();
      await history.getByText('Hänvisad till vuxenenheten (ärendeinledning)').waitFor();
      await history.getByText('Anteckning: Vill träffas på onsdag.').waitFor();
      await checkPage(page, '43-uppsok-referral');

      // 7. The person has left the queue; the reminder, the messages and the statistics.
      const uppsokNav = page.getByRole('navigation', { name: 'Uppsök' });
      await uppsokNav.getByRole('link', { name: 'Kö' }).click();
      await queue.waitFor();
      const profileId = decodeURIComponent(opened.split('/').pop() ?? '');
      expect(await queue.innerText()).not.toContain(profileId);
      await uppsokNav.getByRole('link', { name: 'Påminnelser' }).click();
      await page.getByRole('heading', { level: 1, name: 'Påminnelser' }).waitFor();
      await page.getByTestId('follow-up-row').first().waitFor();
      expect(await page.getByTestId('follow-up-row').count()).toBe(1);
      await checkPage(page, '44-uppsok-reminders');
      await uppsokNav.getByRole('link', { name: 'Meddelanden' }).click();
      await page.getByRole('heading', { level: 1, name: 'Meddelanden' }).waitFor();
      await page.getByTestId('template').nth(10).waitFor();
      expect(await page.getByTestId('template').count()).toBe(11);
      await checkPage(page, '45-uppsok-messages');
      await uppsokNav.getByRole('link', { name: 'Statistik' }).click();
      await page.getByRole('heading', { level: 1, name: 'Statistik för uppsök' }).waitFor();
      const stats = page.getByRole('table', { name: /^Uppsök / });
      await stats.waitFor();
      expect(await stats.locator('tfoot').innerText()).toMatch(/Totalt\s+1\s+1\s+1\s+1/);
      await checkPage(page, '46-uppsok-statistics');
    } catch (error) {
      await page.screenshot({ path: join(SHOTS, 'failure-outreach.png'), fullPage: true }).catch(() => undefined);
      console.error(`server log (tail):\n${env.serverLog().slice(-4000)}`);
      throw error;
    }

    expect(pageErrors).toEqual([]);
    expect(violationSummary(violationsByPage)).toEqual({});
  }, 420_000);
});
