/**
 * Shared setup for the browser flows: a real server on a free port with a fresh data folder,
 * headless Chromium through playwright-core, and an axe-core check (WCAG 2.1 A/AA) with a
 * screenshot per page in test-results/e2e/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AxeResults, Result as AxeResult } from 'axe-core';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM_ARGS } from '../../src/adapters/crawl/browser-crawler';

const require = createRequire(import.meta.url);
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHOTS = join(ROOT, 'test-results/e2e');
const AXE_PATH = require.resolve('axe-core/axe.min.js');
export const ADMIN_PASSWORD = 'Admin-Lösen-2026!';
export const NEW_PASSWORD = 'Ett-nytt-långt-lösenord-2026';

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export async function waitForReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not ready at ${url} within ${timeoutMs} ms`);
}

/** One server and one browser for a test file. */
export interface E2eEnv {
  baseUrl: string;
  context: BrowserContext;
  /** Everything the server wrote to stdout and stderr so far. */
  serverLog: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `fyren serve` on a free port with an empty data folder and the given extra environment
 * (FYREN_DEMO, for one), waits for /readyz, and launches Chromium.
 */
export async function startE2e({
  env = {},
  readyTimeoutMs = 60_000,
}: { env?: Record<string, string>; readyTimeoutMs?: number } = {}): Promise<E2eEnv> {
  if (!existsSync(join(ROOT, 'web/dist/index.html'))) {
    throw new Error('web/dist is missing: run `npx vite build --config web/vite.config.ts` first');
  }
  mkdirSync(SHOTS, { recursive: true });
  const tempDirs: string[] = [];
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'fyren-e2e-data-'));
  tempDirs.push(dataDir);
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  const server = spawn(process.execPath, ['bin/fyren.cjs', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      FYREN_DATA: dataDir,
      FYREN_ADMIN_PASSWORD: ADMIN_PASSWORD,
      FYREN_DEMO: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));

  let context: BrowserContext | undefined;
  const stop = async () => {
    await context?.close();
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitForReady(`${baseUrl}/readyz`, server, readyTimeoutMs);
    const profileDir = mkdtempSync(join(tmpdir(), 'fyren-e2e-chromium-'));
    tempDirs.push(profileDir);
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      // The server's CSP (default-src 'self') rightly blocks inline scripts; axe is injected as one.
      bypassCSP: true,
    });
  } catch (error) {
    console.error(log);
    await stop();
    throw error;
  }
  return { baseUrl, context, serverLog: () => log, stop };
}

/** Serious and critical axe violations, per page, so one run reports every page. */
export type ViolationsByPage = Map<string, AxeResult[]>;

/** Runs axe (WCAG 2.1 A/AA) on the page, records serious and critical violations, and takes a screenshot. */
export async function checkPage(page: Page, name: string, violationsByPage: ViolationsByPage): Promise<void> {
  await page.addScriptTag({ path: AXE_PATH });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, options: object) => Promise<AxeResults> } }).axe;
    return axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
  });
  // A run that checked nothing would hide problems.
  expect(results.passes.length, `axe checked nothing on ${name}`).toBeGreaterThan(0);
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    violationsByPage.set(name, bad);
    console.error(
      `axe violations on ${name}:\n${bad
        .map(
          (v) =>
            `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('\n')}`,
        )
        .join('\n')}`,
    );
  }
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** The violations as a plain object, for one readable `toEqual({})`. */
export function violationSummary(violationsByPage: ViolationsByPage): Record<string, string[]> {
  return Object.fromEntries([...violationsByPage].map(([name, list]) => [name, list.map((v) => `${v.impact} ${v.id}`)]));
}

/** Signs in on the login page. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel(/^Användarnamn/).fill(username);
  await page.getByLabel(/^Lösenord/).fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

/** Signs out and waits for the login page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
}

/** As a signed-in administrator: creates a user with one role and returns the one-time password shown. */
export async function createUserAsAdmin(page: Page, user: { username: string; name: string; role: string }): Promise<string> {
  await page.getByRole('navigation', { name: 'Moduler' }).getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Användare' }).click();
  await page.getByRole('heading', { level: 1, name: 'Användare' }).waitFor();
  await page.getByLabel(/^Användarnamn/).fill(user.username);
  await page.getByLabel(/^Namn/).fill(user.name);
  await page.getByRole('checkbox', { name: user.role }).check();
  await page.getByRole('button', { name: 'Skapa användare' }).click();
  const oneTimePassword = ((await page.getByTestId('one-time-password').textContent()) ?? '').trim();
  expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
  return oneTimePassword;
}
