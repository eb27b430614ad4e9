import { defineConfig } from 'drizzle-kit';

/** Used only by `npm run db:generate`; migrations run from code (Database.migrate() in src/adapters/db/client.ts). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/adapters/db/schema',
  out: './src/adapters/db/migrations',
});
