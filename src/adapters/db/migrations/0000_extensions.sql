-- Extensions Fyren uses; both exist in PGlite (loaded from @electric-sql/pglite/contrib) and PostgreSQL 15.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
