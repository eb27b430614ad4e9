import { defineConfig } from 'drizzle-kit';

/** Used only by `npm run db:generate`; migrations run from code (src/adapters/db/migrate.ts). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/adapters/db/schema.ts',
  out: './src/adapters/db/migrations',
});
