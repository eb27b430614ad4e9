#!/usr/bin/env node
// `npm test`: builds the web app (the browser and server tests serve it), runs every vitest tier
// (unit, db on PGlite and PostgreSQL, http, web, e2e) and prints one closing line
// "tests: N passed, N failed, N skipped". Exits non-zero if any tier fails.
// Extra arguments go to vitest, e.g. `npm test -- --project unit`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
// The browser tests and the server-process test serve the built app: build it first (about 2 s).
{
  const build = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('tests: web build failed');
    process.exit(1);
  }
}
const dir = mkdtempSync(join(tmpdir(), 'fyren-vitest-'));
const report = join(dir, 'report.json');
const run = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], {
  stdio: 'inherit',
  env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : (process.env.FORCE_COLOR ?? '1') },
});
let summary = null;
try {
  summary = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  // vitest crashed before writing its report
}
rmSync(dir, { recursive: true, force: true });
if (!summary) {
  console.error('tests: vitest wrote no report');
  process.exit(run.status || 1);
}
const failed = summary.numFailedTests + (summary.numRuntimeErrorTestSuites ?? 0);
const skipped = summary.numPendingTests + summary.numTodoTests;
console.log(`tests: ${summary.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
process.exit(run.status !== 0 || failed > 0 || summary.numPassedTests === 0 ? 1 : 0);
