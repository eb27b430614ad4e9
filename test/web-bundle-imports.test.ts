/**
 * The browser bundle holds neither zod nor Node built-ins: the web app imports only types, or
 * values from zod-free modules (the shared vocabulary, the pure core). This follows every value
 * import from web/src/main.tsx, as the bundler does, and names the chain that reaches a
 * forbidden module. Type-only imports are erased by the compiler and are not followed.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const FORBIDDEN = [/^zod(\/|$)/, /^node:/, /^(crypto|fs|path|os|net|http)$/];

/** The specifiers a file imports as values (not `import type`, not `export type`). */
export function valueImports(source: string): string[] {
  const out: string[] = [];
  const re = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(re)) {
    if (m[5] !== undefined) {
      out.push(m[5]);
      continue;
    }
    if (m[2] !== undefined) continue;
    const clause = m[3] ?? '';
    const names = /^\{([^}]*)\}$/s.exec(clause.trim());
    // `import { type A, type B } from` is erased too.
    if (names !== null && (names[1] ?? '').split(',').every((n) => n.trim() === '' || n.trim().startsWith('type '))) continue;
    out.push(m[4] ?? '');
  }
  return out;
}

function resolveFile(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

/** Every forbidden module the entry reaches, with the chain of files that leads there. */
export function forbiddenReach(entry: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of valueImports(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) {
        if (spec.endsWith('.css')) continue;
        const next = resolveFile(file, spec);
        if (next === null) throw new Error(`${relative(ROOT, file)}: cannot resolve ${spec}`);
        walk(next, [...chain, relative(ROOT, next)]);
      } else if (FORBIDDEN.some((f) => f.test(spec))) {
        found.push(`${spec} via ${chain.join(' → ')}`);
      }
    }
  };
  walk(entry, [relative(ROOT, entry)]);
  return found;
}

describe('the web bundle', () => {
  it('reads value and type imports apart', () => {
    const src = [
      "import type { A } from './a';",
      "import { type B, type C } from './b';",
      "import { D, type E } from './d';",
      "export type { F } from './f';",
      "export { G } from './g';",
      "import './styles.css';",
      'import {\n  H,\n  type I,\n} from "./h";',
    ].join('\n');
    expect(valueImports(src)).toEqual(['./d', './g', './styles.css', './h']);
  });

  it('finds a forbidden module behind a chain of value imports', () => {
    expect(forbiddenReach(join(ROOT, 'src/contracts/outreach.ts')).some((f) => f.startsWith('zod via src/contracts/outreach.ts'))).toBe(
      true,
    );
  });

  it('reaches neither zod nor a Node built-in from web/src/main.tsx', () => {
    expect(forbiddenReach(join(ROOT, 'web/src/main.tsx'))).toEqual([]);
  });
});
