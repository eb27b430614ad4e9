/**
 * Browser flow through the real server and the built web app (web/dist must exist:
 * `npx vite build --config web/vite.config.ts`). An administrator creates an organisation and a
 * user; the user signs in with the one-time password, must change it, sees only their modules,
 * and switches to English. Every page gets an axe-core check (WCAG 2.1 A/AA) and a screenshot
 * in test-results/e2e/.
 */
import { createHmac } from 'node:crypto';
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
  signIn,
  signOut,
} from './support';

/** RFC 6238 code (HMAC-SHA1, 30 s, 6 digits) for a base32 secret: what an authenticator app shows. */
function totpCode(secretBase32: string, step: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secretBase32.replace(/[\s=]/g, '').toUpperCase()) {
    const value = alphabet.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${char}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', bytes).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  return ((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, '0');
}

const currentStep = () => Math.floor(Date.now() / 30_000);

/** Waits for the next 30 s step, so a code is not refused as a replay of the one just used. */
async function nextStep(after: number): Promise<number> {
  while (currentStep() <= after) await new Promise((r) => setTimeout(r, 500));
  return currentStep();
}

let env: E2eEnv | undefined;
let context: E2eEnv['context'] | undefined;
let baseUrl = '';

/** Serious and critical axe violations, per page, collected so one run reports every page. */
const violationsByPage: ViolationsByPage = new Map();
const checkPage = (page: Page, name: string) => checkPageWith(page, name, violationsByPage);

describe('administration flow in Chromium', () => {
  beforeAll(async () => {
    env = await startE2e({ env: { FYREN_DEMO: '0' } });
    context = env.context;
    baseUrl = env.baseUrl;
  });

  afterAll(async () => {
    await env?.stop();
  });

  it('admin creates a user who signs in, changes the password and sees only their modules', async () => {
    if (!context) throw new Error('no browser');
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    try {
      // 1. The login page is Swedish.
      await page.goto(`${baseUrl}/`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Logga in');
      expect(await page.locator('html').getAttribute('lang')).toBe('sv');
      expect(await page.title()).toBe('Logga in – Fyren');
      await checkPage(page, '01-login-sv');

      // 2. The administrator signs in with the keyboard only: skip link, main, fields, Enter.
      const active = () =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          const style = el ? getComputedStyle(el) : null;
          return { id: el?.id ?? '', text: el?.textContent?.trim() ?? '', outline: style?.outlineStyle ?? 'none' };
        });
      await page.keyboard.press('Tab');
      expect(await active()).toMatchObject({ text: 'Hoppa till innehållet' });
      await page.keyboard.press('Enter');
      expect((await active()).id).toBe('main');
      await page.keyboard.press('Tab');
      const focused = await active();
      expect(focused.id).toBe('username');
      expect(focused.outline).not.toBe('none');
      await page.keyboard.type('admin');
      await page.keyboard.press('Tab');
      expect((await active()).id).toBe('password');
      await page.keyboard.type(ADMIN_PASSWORD);
      await page.keyboard.press('Enter');
      const modules = page.getByRole('navigation', { name: 'Moduler' });
      await modules.getByRole('link', { name: 'Administration' }).click();
      await page.getByRole('heading', { level: 1, name: 'Organisationer' }).waitFor();
      await page
        .getByRole('cell', { name: /Fyren administration/ })
        .or(page.getByRole('rowheader', { name: 'Fyren administration' }))
        .first()
        .waitFor();
      await checkPage(page, '02-admin-organisations');

      // 3. A new organisation with a scope.
      await page.getByLabel(/^Namn/).fill('Umeå kommun, socialtjänsten');
      await page.getByLabel(/^Typ/).selectOption('socialtjanst');
      await page.getByLabel(/^Kommuner/).selectOption(['2480']);
      await page.getByLabel(/^Län/).selectOption(['24']);
      await page.getByRole('button', { name: 'Skapa organisation' }).click();
      await page.getByText('Organisationen Umeå kommun, socialtjänsten har skapats.').waitFor();
      await page.getByRole('rowheader', { name: 'Umeå kommun, socialtjänsten' }).waitFor();
      await checkPage(page, '03-admin-organisation-created');

      // 4. A unit in it.
      await page.getByRole('link', { name: 'Enheter i Umeå kommun, socialtjänsten' }).click();
      await page.getByRole('heading', { level: 1, name: 'Enheter i Umeå kommun, socialtjänsten' }).waitFor();
      await page.getByLabel(/^Enhetens namn/).fill('Vuxenenheten');
      await page.getByRole('button', { name: 'Skapa enhet' }).click();
      await page.getByText('Enheten Vuxenenheten har skapats.').waitFor();
      await page.getByRole('listitem').filter({ hasText: 'Vuxenenheten' }).waitFor();

      // Edit the organisation: the saved scope is preselected; add a police region.
      const edit = page.getByRole('region', { name: 'Ändra organisationen' });
      await expect.poll(() => edit.getByLabel(/^Kommuner/).inputValue()).toBe('2480');
      await edit.getByLabel(/^Polisregioner/).selectOption(['Nord']);
      await edit.getByRole('button', { name: 'Spara ändringar' }).click();
      await page.getByText('Ändringarna för Umeå kommun, socialtjänsten är sparade.').waitFor();
      await checkPage(page, '04-admin-organisation-page');

      // 5. A user with the role kartläggare; the one-time password is shown once.
      await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Användare' }).click();
      await page.getByRole('heading', { level: 1, name: 'Användare' }).waitFor();
      await page.getByLabel(/^Användarnamn/).fill('kim.kartlaggare');
      await page.getByLabel(/^Namn/).fill('Kim Kartläggare');
      await page.getByLabel(/^Organisation/).selectOption({ label: 'Umeå kommun, socialtjänsten' });
      await page.getByRole('option', { name: 'Vuxenenheten' }).waitFor({ state: 'attached' });
      await page.getByLabel(/^Enhet/).selectOption({ label: 'Vuxenenheten' });
      await page.getByRole('checkbox', { name: 'Kartläggare' }).check();
      await page.getByRole('button', { name: 'Skapa användare' }).click();
      const otp = page.getByTestId('one-time-password');
      await otp.waitFor();
      const oneTimePassword = (await otp.textContent())?.trim() ?? '';
      expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
      await page.getByText('Lösenordet visas bara den här gången.', { exact: false }).waitFor();
      await page.getByRole('rowheader', { name: 'Kim Kartläggare' }).waitFor();
      await checkPage(page, '05-admin-user-created');

      // The edit page of that user.
      await page.getByRole('link', { name: 'Ändra Kim Kartläggare' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ändra användare Kim Kartläggare' }).waitFor();
      expect(await page.getByRole('checkbox', { name: 'Kartläggare' }).isChecked()).toBe(true);
      // The unit list loads after the user; the saved unit is selected once it is there.
      await expect
        .poll(async () => page.getByLabel(/^Enhet/).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent))
        .toBe('Vuxenenheten');
      await checkPage(page, '05b-admin-user-edit');

      // 6. The audit log shows what happened.
      await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Granskningslogg' }).click();
      await page.getByRole('heading', { level: 1, name: 'Granskningslogg' }).waitFor();
      await page.getByRole('table').waitFor();
      await checkPage(page, '06-admin-audit');

      // 7. Log out.
      await page.getByRole('button', { name: 'Logga ut' }).click();
      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
      await page.getByText('Du är utloggad.').waitFor();

      // 8. The new user signs in with the one-time password and must change it.
      await page.getByLabel(/^Användarnamn/).fill('kim.kartlaggare');
      await page.getByLabel(/^Lösenord/).fill(oneTimePassword);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Byt lösenord' }).waitFor();
      expect(await page.getByRole('navigation', { name: 'Moduler' }).count()).toBe(0);
      await checkPage(page, '07-change-password');

      // A too-short password is refused in the form, with the error tied to the field.
      await page.getByLabel(/^Nuvarande lösenord/).fill(oneTimePassword);
      await page.getByLabel(/^Nytt lösenord/).fill('kort');
      await page.getByLabel(/^Upprepa/).fill('kort');
      await page.getByRole('button', { name: 'Byt lösenord' }).click();
      await page.getByRole('alert').getByText('Det nya lösenordet måste ha minst 12 tecken.').waitFor();
      expect(await page.getByLabel(/^Nytt lösenord/).getAttribute('aria-invalid')).toBe('true');
      await checkPage(page, '08-change-password-error');

      await page.getByLabel(/^Nytt lösenord/).fill(NEW_PASSWORD);
      await page.getByLabel(/^Upprepa/).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Byt lösenord' }).click();

      // 9. The shell: Kartläggning, not Administration.
      const nav = page.getByRole('navigation', { name: 'Moduler' });
      await nav.getByRole('link', { name: 'Kartläggning' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Administration' }).count()).toBe(0);
      await page.getByText('Inloggad som Kim Kartläggare, Umeå kommun, socialtjänsten').waitFor();
      await nav.getByRole('link', { name: 'Kartläggning' }).click();
      await page.getByRole('heading', { level: 1, name: 'Annonser' }).waitFor();
      expect(await page.title()).toBe('Annonser – Kartläggning – Fyren');
      await checkPage(page, '09-shell-kartlaggning-sv');

      // 10. English.
      await page.getByRole('button', { name: /English/ }).click();
      const navEn = page.getByRole('navigation', { name: 'Modules' });
      await navEn.getByRole('link', { name: 'Mapping' }).waitFor();
      await page.getByRole('heading', { level: 1, name: 'Ads' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
      await checkPage(page, '10-shell-kartlaggning-en');

      // 11. Sign out; the login page stays in English.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await checkPage(page, '11-login-en');
    } catch (error) {
      await page.screenshot({ path: join(SHOTS, 'failure.png'), fullPage: true }).catch(() => undefined);
      console.error(`server log (tail):\n${env?.serverLog().slice(-4000) ?? ''}`);
      throw error;
    }

    expect(pageErrors).toEqual([]);
    expect(violationSummary(violationsByPage)).toEqual({});
  });
  it('an organisation that requires TOTP: forced enrolment, then sign-in with a code', async () => {
    if (!context) throw new Error('no browser');
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    violationsByPage.clear();

    const login = (username: string, password: string) => signIn(page, username, password);
    const logout = () => signOut(page);

    try {
      // Back to Swedish (the first flow left English in localStorage).
      await page.goto(`${baseUrl}/`);
      await page.evaluate(() => window.localStorage.clear());
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();

      await login('admin', ADMIN_PASSWORD);
      await page.getByRole('navigation', { name: 'Moduler' }).getByRole('link', { name: 'Administration' }).click();
      await page.getByRole('heading', { level: 1, name: 'Organisationer' }).waitFor();
      await page.getByLabel(/^Namn/).fill('Polisregion Nord');
      await page.getByLabel(/^Typ/).selectOption('polisregion');
      await page.getByRole('checkbox', { name: 'Kräver tvåstegsverifiering' }).check();
      await page.getByLabel(/^Polisregioner/).selectOption(['Nord']);
      await page.getByRole('button', { name: 'Skapa organisation' }).click();
      await page.getByText('Organisationen Polisregion Nord har skapats.').waitFor();

      await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Användare' }).click();
      await page.getByRole('heading', { level: 1, name: 'Användare' }).waitFor();
      await page.getByLabel(/^Användarnamn/).fill('pia.polis');
      await page.getByLabel(/^Namn/).fill('Pia Polis');
      await page.getByLabel(/^Organisation/).selectOption({ label: 'Polisregion Nord' });
      await page.getByRole('checkbox', { name: 'Polis' }).check();
      await page.getByRole('button', { name: 'Skapa användare' }).click();
      const oneTimePassword = ((await page.getByTestId('one-time-password').textContent()) ?? '').trim();
      expect(oneTimePassword).not.toBe('');
      await logout();

      // Password first, then the forced TOTP enrolment.
      await login('pia.polis', oneTimePassword);
      await page.getByRole('heading', { level: 1, name: 'Byt lösenord' }).waitFor();
      await page.getByLabel(/^Nuvarande lösenord/).fill(oneTimePassword);
      await page.getByLabel(/^Nytt lösenord/).fill(NEW_PASSWORD);
      await page.getByLabel(/^Upprepa/).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Byt lösenord' }).click();
      await page.getByRole('heading', { level: 1, name: 'Aktivera tvåstegsverifiering' }).waitFor();
      const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
      const uri = (await page.getByTestId('totp-uri').textContent()) ?? '';
      expect(uri.startsWith('otpauth://totp/')).toBe(true);
      expect(uri).toContain(`secret=${secret}`);
      await checkPage(page, '12-totp-enrol');

      // A wrong code is refused with a message tied to the field.
      const wrong = totpCode(secret, currentStep()) === '000000' ? '111111' : '000000';
      await page.getByLabel(/^Kod från appen/).fill(wrong);
      await page.getByRole('button', { name: 'Aktivera' }).click();
      await page
        .getByRole('alert')
        .getByText(/Koden stämmer inte/)
        .waitFor();
      expect(await page.getByLabel(/^Kod från appen/).getAttribute('aria-invalid')).toBe('true');
      await checkPage(page, '13-totp-enrol-error');

      const enrolStep = currentStep();
      await page.getByLabel(/^Kod från appen/).fill(totpCode(secret, enrolStep));
      await page.getByRole('button', { name: 'Aktivera' }).click();
      const nav = page.getByRole('navigation', { name: 'Moduler' });
      await nav.getByRole('link').first().waitFor();
      expect(await nav.getByRole('link', { name: 'Administration' }).count()).toBe(0);
      await page.getByText('Inloggad som Pia Polis, Polisregion Nord').waitFor();
      await checkPage(page, '14-shell-polis');
      await logout();

      // Next sign-in: the server asks for the code; the page shows the field.
      await login('pia.polis', NEW_PASSWORD);
      const codeField = page.getByLabel(/^Engångskod/);
      await codeField.waitFor();
      await checkPage(page, '15-login-totp');
      const step = await nextStep(enrolStep);
      await codeField.fill(totpCode(secret, step));
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.getByRole('navigation', { name: 'Moduler' }).getByRole('link').first().waitFor();
      await logout();
    } catch (error) {
      await page.screenshot({ path: join(SHOTS, 'failure-totp.png'), fullPage: true }).catch(() => undefined);
      console.error(`server log (tail):\n${env?.serverLog().slice(-4000) ?? ''}`);
      throw error;
    }

    expect(pageErrors).toEqual([]);
    expect(violationSummary(violationsByPage)).toEqual({});
  });
});
