-- Full-text search of ads with Swedish stemming (to_tsvector('swedish', …) exists in PGlite and PostgreSQL 15).
-- Queries must use exactly this expression: see ad.repository.ts AD_SEARCH_VECTOR.
CREATE INDEX IF NOT EXISTS ad_search_idx ON ad USING gin (to_tsvector('swedish', coalesce(title, '') || ' ' || coalesce(body, '')));
--> statement-breakpoint
INSERT INTO retention_rule (category, keep_days, description, source) VALUES
  ('ad', 365, 'Personal details of an ad (text, phone numbers, extraction, history) are deleted this many days after the ad was last seen, unless the ad is linked to an open operation or case. Dates and counts stay for statistics.', 'Fyren default, stricter than required (DOMAIN.md: Retention; GDPR art. 5.1 c and e)')
ON CONFLICT (category) DO NOTHING;
