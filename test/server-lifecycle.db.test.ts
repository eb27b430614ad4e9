/**
 * The real server process on a PostgreSQL database: it migrates and serves the Swedish web
 * app, /readyz turns 503 when its database goes away, and SIGTERM stops it gracefully.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, SERVER_URL, type TestDatabase } from './support/databases';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function waitFor(url: string, status: number, ms: number) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).status === status) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer ${status} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('server process', () => {
  let t: TestDatabase | null = null;
  afterAll(async () => {
    await t?.drop().catch(() => undefined);
  });

  it('serves, reports an unreachable database on /readyz, and stops on SIGTERM', async () => {
    t = await createTestDatabase('postgres');
    await t.database.close();
    const port = await freePort();
    const base = { ...process.env };
    delete base.FYREN_DATA;
    const child = spawn(process.execPath, ['bin/fyren.cjs', 'serve'], {
      env: { ...base, ...t.env, PORT: String(port), FYREN_DEMO: '0', FYREN_ADMIN_PASSWORD: 'Admin-Lösen-2026!' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = `http://127.0.0.1:${port}`;
      await waitFor(`${url}/readyz`, 200, 60_000);
      const html = await (await fetch(`${url}/`)).text();
      expect(html).toMatch(/<html lang="sv"/);
      expect((await fetch(`${url}/api/nope`)).status).toBe(404);

      // Take the database away under the running server.
      const name = new URL(t.env.DATABASE_URL!).pathname.slice(1);
      const admin = new pg.Client({ connectionString: SERVER_URL });
      await admin.connect();
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
      await waitFor(`${url}/readyz`, 503, 20_000).catch((e: Error) => {
        throw new Error(`${e.message}\n${output}`);
      });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);

      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('timeout'), 20_000))]);
      expect(code).toBe(0);
      expect(output).toMatch(/"msg":"stopped"/);
      expect(output).not.toMatch(/Admin-Lösen/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
