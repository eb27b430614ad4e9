/** Runs the real `fyren` command as a child process, with only the database the test names. */
import { spawn, spawnSync } from 'node:child_process';

/** The test's environment without DATABASE_URL and FYREN_DATA, plus `env`. */
export function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.FYREN_DATA;
  return { ...base, ...env };
}

/** Runs `fyren args…` to the end. */
export function runFyren(args: string[], env: Record<string, string>, timeoutMs = 120_000) {
  return spawnSync(process.execPath, ['bin/fyren.cjs', ...args], { env: cliEnv(env), encoding: 'utf8', timeout: timeoutMs });
}

/** Starts `fyren args…`; `done` resolves with its exit and output, `stderr()` is the latest stderr. */
export function startFyren(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['bin/fyren.cjs', ...args], { env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, out, err })),
  );
  return { child, done, stderr: () => err };
}
