/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) and
 * prints their figures. A bench module default-exports an async function that returns
 * a list of `{ name, value, unit, target? }` figures.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** A human-readable target, e.g. '>= 5000'. */
  target?: string;
  /** Whether the target was met, when there is one. */
  isMet?: boolean;
}
export type Bench = () => Promise<BenchFigure[]>;

// The thread pool size `fyren` runs with (bin/fyren.cjs). Node reads it when the pool starts,
// which is before this module runs, so the bench runs itself again with it set.
if (process.env.UV_THREADPOOL_SIZE === undefined) {
  const run = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, UV_THREADPOOL_SIZE: '16' },
  });
  process.exit(run.status ?? 1);
}

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { default: Bench };
  console.log(`\n## ${f}`);
  const figures = await mod.default();
  for (const fig of figures) {
    const target = fig.target ? `  target ${fig.target} ${fig.isMet === false ? 'NOT MET' : 'met'}` : '';
    console.log(`${fig.name.padEnd(58)} ${String(fig.value).padStart(12)} ${fig.unit}${target}`);
  }
}
