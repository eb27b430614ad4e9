// ESLint flat config: type-aware rules that catch real bugs, and the architecture's import
// boundaries (core imports only core; app imports core and its ports; adapters never import main).
import tseslint from 'typescript-eslint';

const boundary = (message, patterns) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group, message })) }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/dist/**', 'data/**', 'src/adapters/db/migrations/**', '**/*.data.ts'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['test/**', 'web/src/**/*.test.tsx', '**/*.test.ts', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: boundary('src/core is pure: it imports only src/core (and src/contracts types).', [
      [
        '**/app/**',
        '**/adapters/**',
        '**/main/**',
        'node:fs',
        'node:fs/*',
        'node:net',
        'node:http',
        'pg',
        '@electric-sql/*',
        'drizzle-orm',
        'drizzle-orm/*',
        'hono',
        'hono/*',
      ],
    ]),
  },
  {
    files: ['src/app/**/*.ts'],
    rules: boundary('src/app uses src/core and its ports, never an adapter or the composition root.', [
      ['**/adapters/**', '**/main/**', 'pg', '@electric-sql/*', 'drizzle-orm', 'drizzle-orm/*', 'hono', 'hono/*'],
    ]),
  },
  {
    files: ['src/adapters/**/*.ts'],
    rules: boundary('Adapters do not import the composition root.', [['**/main/**']]),
  },
);
