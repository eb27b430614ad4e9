/**
 * Statistik in Chromium against a server with the demo market (FYREN_DEMO=1): a reader (läsare)
 * signs in, opens a kommun's dashboard, sees key figures, weekly trends and the map, downloads the
 * PDF report, which is rendered to PNG with pdftoppm and checked (page count, ink on every page,
 * Swedish text), and every page passes axe (WCAG 2.1 A/AA). Needs web/dist (see admin-flow).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
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

async function inkShare(png: string): Promise<number> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let ink = 0;
  for (let i = 0; i < data.length; i += info.channels) if (data[i]! < 200) ink += 1;
  return ink / (info.width * info.height);
}

describe('Statistik: the kartläggning dashboard in Chromium with demo data', () => {
  beforeAll(async () => {
    env = await startE2e({ env: { FYREN_DEMO: '1' }, readyTimeoutMs: 120_000 });
  }, 180_000);

  afterAll(async () => {
    await env?.stop();
  });

  it('a reader opens a kommun dashboard with map and trends and downloads a PDF report that renders', async () => {
    if (!env) throw new Error('no server');
    const { baseUrl, context } = env;
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await page.goto(`${baseUrl}/`);
      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
      await signIn(page, 'admin', ADMIN_PASSWORD);
      const oneTimePassword = await createUserAsAdmin(page, { username: 'lars.lasare', name: 'Lars Läsare', role: 'Läsare' });
      await signOut(page);

      await signIn(page, 'lars.lasare', oneTimePassword);
      await page.getByRole('heading', { level: 1, name: 'Byt lösenord' }).waitFor();
      await page.getByLabel(/^Nuvarande lösenord/).fill(oneTimePassword);
      await page.getByLabel(/^Nytt lösenord/).fill(NEW_PASSWORD);
      await page.getByLabel(/^Upprepa/).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Byt lösenord' }).click();

      // A reader sees Statistik but not Kartläggning (ad-level views stay behind access control).
      const nav = page.getByRole('navigation', { name: 'Moduler' });
      await nav.getByRole('link', { name: 'Statistik' }).click();
      await page.getByRole('heading', { level: 1, name: 'Statistik: kartläggning' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Kartläggning' }).count()).toBe(0);
      await page.getByRole('option', { name: 'Stockholm', exact: true }).first().waitFor({ state: 'attached' });
      await checkPage(page, '60-statistik-form');

      await page.getByLabel(/^Område/).selectOption('0180');
      await page.getByRole('button', { name: 'Visa' }).click();
      await page.getByRole('heading', { level: 2, name: /^Stockholm, / }).waitFor({ timeout: 30_000 });
      expect(page.url()).toContain('area=0180');

      // Key figures: published numbers (the demo market has many ads in Stockholm).
      const ads = page.locator('.key-figure', { hasText: 'Aktiva annonser' }).locator('.key-figure__value');
      expect(Number(await ads.textContent())).toBeGreaterThanOrEqual(5);
      expect(await page.locator('.key-figure', { hasText: 'Unika profiler' }).locator('.key-figure__value').textContent()).toMatch(
        /^(\d+|<5)$/,
      );
      // Weekly trends: two charts with drawn lines.
      await page.getByRole('img', { name: /Aktiva annonser och unika profiler per vecka/ }).waitFor();
      expect(await page.locator('.trend-chart path').count()).toBeGreaterThan(0);
      // The map of Sweden, zoomed to Stockholm, with its legend.
      const map = page.locator('.sweden-map svg').first();
      await map.waitFor();
      expect(await map.locator('path').count()).toBeGreaterThan(100);
      expect(await page.getByRole('table', { name: 'Per vecka' }).locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
      // A reader may not freeze a mapping: the server says so and the button is not there.
      expect(await page.getByRole('button', { name: 'Frys som kartläggning' }).count()).toBe(0);
      await checkPage(page, '61-statistik-stockholm');

      // The PDF report: downloaded, rendered to PNG and checked.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Ladda ner PDF-rapport' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^kartlaggning-0180-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.pdf$/);
      const dir = mkdtempSync(join(tmpdir(), 'fyren-e2e-report-'));
      const pdf = join(dir, 'rapport.pdf');
      await download.saveAs(pdf);
      const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      expect(pages).toBeGreaterThanOrEqual(6);
      const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout;
      for (const words of [
        'Kartläggning av sex mot ersättning',
        'Stockholm',
        'Sammanfattning',
        'Utveckling vecka för vecka',
        'Karta',
        'Metod',
        'Små tal',
      ])
        expect(text).toContain(words);
      expect(spawnSync('pdftoppm', ['-png', '-r', '40', pdf, join(dir, 'p')]).status).toBe(0);
      const pngs = readdirSync(dir)
        .filter((f) => f.endsWith('.png'))
        .sort();
      expect(pngs).toHaveLength(pages);
      const shares = await Promise.all(pngs.map((p) => inkShare(join(dir, p))));
      for (const s of shares) expect(s).toBeGreaterThan(0.002);
      expect(Math.max(...shares)).toBeGreaterThan(0.05);
      spawnSync('cp', [join(dir, pngs[0]!), join(SHOTS, '62-report-page-1.png')]);

      // A CSV table downloads with the BOM and semicolons Swedish Excel expects.
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Ladda ner Per vecka som CSV' }).click(),
      ]);
      const csvPath = join(dir, 'veckor.csv');
      await csv.saveAs(csvPath);
      const { readFileSync } = await import('node:fs');
      const bytes = readFileSync(csvPath);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString('utf8')).toMatch(/^\uFEFFVecka;Aktiva annonser;Unika profiler;/);
    } catch (error) {
      await page.screenshot({ path: join(SHOTS, 'failure-dashboard.png'), fullPage: true }).catch(() => undefined);
      console.error(env.serverLog().slice(-4000));
      throw error;
    }
    expect(pageErrors).toEqual([]);
    expect(violationSummary(violationsByPage)).toEqual({});
  }, 240_000);
});
