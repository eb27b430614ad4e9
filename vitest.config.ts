import { defineConfig } from 'vitest/config';

/**
 * Test tiers (see docs/ARCHITECTURE.md):
 * - unit: pure core and helpers, `*.test.ts` under src/ and test/
 * - db:   repositories and use cases on PGlite and on PostgreSQL, `*.db.test.ts`
 * - http: routes through app.request(), `*.http.test.ts`
 * - web:  React components in jsdom, `web/src/**\/*.test.tsx`
 * - e2e:  Chromium through playwright-core, `*.e2e.test.ts`
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/*.http.test.ts', '**/*.e2e.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db',
          include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
          environment: 'node',
          setupFiles: ['test/support/one-query-at-a-time.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'http',
          include: ['src/**/*.http.test.ts', 'test/**/*.http.test.ts'],
          environment: 'node',
          setupFiles: ['test/support/one-query-at-a-time.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        esbuild: { jsx: 'automatic' },
        test: {
          name: 'web',
          include: ['web/src/**/*.test.tsx', 'web/src/**/*.test.ts'],
          environment: 'jsdom',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
