/**
 * Database schema (drizzle), one file per bounded context. Tables are singular snake_case.
 * Migrations are generated from this folder with `npm run db:generate` and run from code at start
 * (Database.migrate() in src/adapters/db/client.ts). SQL must run on PostgreSQL 15 (the tested
 * floor) and on PGlite (PostgreSQL 18). drizzle-kit reads the folder, so a new context's file needs
 * no line here; its repository imports it directly (`./schema/<context>`).
 */
export * from './identity';
export * from './audit';
export * from './retention';
export * from './intelligence';
export * from './outreach';
export * from './statistics';
export * from './demand';
