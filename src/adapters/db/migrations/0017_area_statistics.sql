CREATE TABLE "stat_area_day" (
	"area_id" text NOT NULL,
	"day" date NOT NULL,
	"first_ads" integer NOT NULL,
	"last_ads" integer NOT NULL,
	"first_sugar_ads" integer NOT NULL,
	"last_sugar_ads" integer NOT NULL,
	CONSTRAINT "stat_area_day_pk" PRIMARY KEY("area_id","day")
);
--> statement-breakpoint
CREATE TABLE "stat_area_span" (
	"area_id" text NOT NULL,
	"profile_key" bigint NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL,
	"prev_last_day" date,
	"profile_first_day" date NOT NULL,
	"is_inresta" boolean NOT NULL,
	"network_key" bigint,
	"indicator_mask" bigint NOT NULL,
	CONSTRAINT "stat_area_span_pk" PRIMARY KEY("profile_key","area_id","first_day")
);
--> statement-breakpoint
CREATE TABLE "stat_area_week" (
	"area_id" text NOT NULL,
	"week" date NOT NULL,
	"ads" integer NOT NULL,
	"sugar_ads" integer NOT NULL,
	"profiles" integer NOT NULL,
	"new_profiles" integer NOT NULL,
	"inresta" integer NOT NULL,
	CONSTRAINT "stat_area_week_pk" PRIMARY KEY("area_id","week")
);
--> statement-breakpoint
CREATE INDEX "stat_area_span_period_idx" ON "stat_area_span" USING btree ("area_id","last_day","first_day","prev_last_day","profile_first_day","is_inresta","network_key","indicator_mask");--> statement-breakpoint
-- The dashboard's areas a kommun belongs to: the kommun itself, its län (the first two digits of
-- its SCB code) and its police region (by län). The ids are those of the dashboard's areas
-- (src/core/stats/area.ts); test/statistics.db.test.ts checks them against the places data.
CREATE OR REPLACE FUNCTION fyren_stat_areas(kommun_code text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT array_remove(ARRAY[kommun_code, substr(kommun_code, 1, 2), CASE substr(kommun_code, 1, 2)
    WHEN '01' THEN 'Stockholm' WHEN '09' THEN 'Stockholm'
    WHEN '03' THEN 'Mitt' WHEN '19' THEN 'Mitt' WHEN '21' THEN 'Mitt'
    WHEN '04' THEN 'Öst' WHEN '05' THEN 'Öst' WHEN '06' THEN 'Öst'
    WHEN '07' THEN 'Syd' WHEN '08' THEN 'Syd' WHEN '10' THEN 'Syd' WHEN '12' THEN 'Syd'
    WHEN '13' THEN 'Väst' WHEN '14' THEN 'Väst'
    WHEN '17' THEN 'Bergslagen' WHEN '18' THEN 'Bergslagen' WHEN '20' THEN 'Bergslagen'
    WHEN '22' THEN 'Nord' WHEN '23' THEN 'Nord' WHEN '24' THEN 'Nord' WHEN '25' THEN 'Nord'
  END], NULL)
$$;
--> statement-breakpoint
-- Serialises the writers of the per-area tables for the rest of their transaction (every
-- re-sighting in a region touches the same weekly row; without one order of locking, two
-- transactions could each hold a row the other needs). Taken before any per-area row is written.
CREATE OR REPLACE FUNCTION fyren_stat_lock() RETURNS void LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(7346110044)
$$;
--> statement-breakpoint
-- Adds (sign 1) or removes (sign -1) the contribution of these profiles (null: every profile) to
-- the per-area tables, from their current stat_ad and stat_week rows. Every figure of
-- stat_area_day and stat_area_week is a sum over profiles, and stat_area_span holds rows per
-- profile, so removing a profile's contribution before its stat_ad and stat_week rows change and
-- adding it afterwards keeps the per-area tables exact, and costs only those profiles' rows
-- (recomputing a police region's week would read every profile in it). With `since`, only the
-- days and weeks from that day on are removed or added: exact when the change touches nothing
-- earlier (a re-sighting moves last days forward), since both calls then cover the same rows.
CREATE OR REPLACE FUNCTION fyren_stat_apply(keys bigint[], sign integer, since date DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  f text := CASE WHEN keys IS NULL THEN 'true' ELSE 'profile_key = ANY ($1)' END;
BEGIN
  PERFORM fyren_stat_lock();
  EXECUTE format($q$
    INSERT INTO stat_area_day AS t (area_id, day, first_ads, last_ads, first_sugar_ads, last_sugar_ads)
    SELECT x.area_id, d.day, $2 * sum(d.f), $2 * sum(d.l), $2 * sum(d.sf), $2 * sum(d.sl)
    FROM (SELECT * FROM stat_ad WHERE %s) a
    CROSS JOIN LATERAL (VALUES (a.first_day, 1, 0, a.is_sugar::int, 0), (a.last_day, 0, 1, 0, a.is_sugar::int)) d(day, f, l, sf, sl)
    CROSS JOIN LATERAL unnest(fyren_stat_areas(a.kommun_code)) x(area_id)
    WHERE $3 IS NULL OR d.day >= $3
    GROUP BY 1, 2
    ON CONFLICT (area_id, day) DO UPDATE SET first_ads = t.first_ads + EXCLUDED.first_ads, last_ads = t.last_ads + EXCLUDED.last_ads,
      first_sugar_ads = t.first_sugar_ads + EXCLUDED.first_sugar_ads, last_sugar_ads = t.last_sugar_ads + EXCLUDED.last_sugar_ads
  $q$, f) USING keys, sign, since;
  EXECUTE format($q$
    INSERT INTO stat_area_week AS t (area_id, week, ads, sugar_ads, profiles, new_profiles, inresta)
    SELECT p.area_id, p.week, $2 * sum(p.ads), $2 * sum(p.sugar_ads), $2 * count(*),
      $2 * count(*) FILTER (WHERE p.f >= p.week AND p.f < p.week + 7),
      $2 * count(*) FILTER (WHERE p.t OR (p.h IS NOT NULL AND p.area_id <> ALL (fyren_stat_areas(p.h))))
    FROM (
      SELECT x.area_id, w.week, w.profile_key, sum(w.ads) AS ads, sum(w.sugar_ads) AS sugar_ads,
        min(w.profile_first_day) AS f, bool_or(w.is_touring) AS t, min(w.home_code) AS h
      FROM (SELECT * FROM stat_week WHERE %s AND ($3 IS NULL OR week >= date_trunc('week', $3::timestamp)::date)) w CROSS JOIN LATERAL unnest(fyren_stat_areas(w.kommun_code)) x(area_id)
      GROUP BY 1, 2, 3) p
    GROUP BY 1, 2
    ON CONFLICT (area_id, week) DO UPDATE SET ads = t.ads + EXCLUDED.ads, sugar_ads = t.sugar_ads + EXCLUDED.sugar_ads,
      profiles = t.profiles + EXCLUDED.profiles, new_profiles = t.new_profiles + EXCLUDED.new_profiles, inresta = t.inresta + EXCLUDED.inresta
  $q$, f) USING keys, sign, since;
  IF sign < 0 THEN
    EXECUTE format('DELETE FROM stat_area_span WHERE %s', f) USING keys;
    RETURN;
  END IF;
  -- The ads' spans per area and profile, merged where they overlap or touch, with the previous span's last day.
  EXECUTE format($q$
    INSERT INTO stat_area_span (area_id, profile_key, first_day, last_day, prev_last_day, profile_first_day, is_inresta, network_key, indicator_mask)
    SELECT g.area_id, g.profile_key, g.first_day, g.last_day,
      lag(g.last_day) OVER (PARTITION BY g.area_id, g.profile_key ORDER BY g.first_day), g.f, g.i, g.nw, g.m
    FROM (
      SELECT s.area_id, s.profile_key, min(s.first_day) AS first_day, max(s.last_day) AS last_day, min(s.f) AS f,
        bool_or(s.i) AS i, min(s.nw) AS nw, max(s.m) AS m
      FROM (
        SELECT r.*, count(*) FILTER (WHERE r.reach IS NULL OR r.first_day > r.reach + 1)
          OVER (PARTITION BY r.area_id, r.profile_key ORDER BY r.first_day, r.last_day ROWS UNBOUNDED PRECEDING) AS grp
        FROM (
          SELECT x.area_id, a.profile_key, a.first_day, a.last_day, a.profile_first_day AS f,
            a.is_touring OR (a.home_code IS NOT NULL AND x.area_id <> ALL (fyren_stat_areas(a.home_code))) AS i,
            a.network_key AS nw, a.indicator_mask AS m,
            max(a.last_day) OVER (PARTITION BY x.area_id, a.profile_key ORDER BY a.first_day, a.last_day
              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
          FROM (SELECT * FROM stat_ad WHERE %s) a CROSS JOIN LATERAL unnest(fyren_stat_areas(a.kommun_code)) x(area_id)) r) s
      GROUP BY s.area_id, s.profile_key, s.grp) g
  $q$, f) USING keys;
END;
$$;
--> statement-breakpoint
-- The re-sighting trigger of 0013, now per statement and also keeping the per-area tables: the
-- contribution of the re-sighted ads' profiles is removed once, their ads' spans and weeks grow,
-- and it is added again. Per statement, not per row: an import batch re-sighting many ads in one
-- region touches that region's rows twice, not twice per ad.
CREATE OR REPLACE FUNCTION fyren_stat_sighting() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  keys bigint[];
  since date;
BEGIN
  SELECT array_agg(DISTINCT s.profile_key) INTO keys
  FROM new_rows n JOIN old_rows o ON o.ad_id = n.ad_id JOIN stat_ad s ON s.ad_id = n.ad_id
  WHERE n.last_seen_at > o.last_seen_at AND (n.last_seen_at AT TIME ZONE 'UTC')::date > s.last_day;
  IF keys IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT min(s.last_day) INTO since
  FROM new_rows n JOIN stat_ad s ON s.ad_id = n.ad_id WHERE s.profile_key = ANY (keys);
  PERFORM fyren_stat_apply(keys, -1, since);
  WITH x AS (
    SELECT s.ad_id, s.kommun_code, s.profile_key, s.is_sugar, s.last_day AS old_day, (n.last_seen_at AT TIME ZONE 'UTC')::date AS new_day,
      s.profile_first_day, s.home_code, s.is_touring
    FROM new_rows n JOIN old_rows o ON o.ad_id = n.ad_id JOIN stat_ad s ON s.ad_id = n.ad_id
    WHERE n.last_seen_at > o.last_seen_at AND (n.last_seen_at AT TIME ZONE 'UTC')::date > s.last_day),
  extended AS (UPDATE stat_ad s SET last_day = x.new_day FROM x WHERE s.ad_id = x.ad_id)
  INSERT INTO stat_week (kommun_code, week, profile_key, ads, sugar_ads, profile_first_day, home_code, is_touring)
    SELECT x.kommun_code, w::date, x.profile_key, count(*), count(*) FILTER (WHERE x.is_sugar), min(x.profile_first_day), min(x.home_code), bool_or(x.is_touring)
    FROM x CROSS JOIN LATERAL generate_series(date_trunc('week', x.old_day::timestamp) + interval '7 days', date_trunc('week', x.new_day::timestamp), interval '7 days') w
    GROUP BY 1, 2, 3
  ON CONFLICT (kommun_code, week, profile_key)
    DO UPDATE SET ads = stat_week.ads + EXCLUDED.ads, sugar_ads = stat_week.sugar_ads + EXCLUDED.sugar_ads;
  PERFORM fyren_stat_apply(keys, 1, since);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER ad_sighting_stat ON ad_sighting;
--> statement-breakpoint
-- Transition tables rule out a column list (UPDATE OF last_seen_at); the function compares old and new itself.
CREATE TRIGGER ad_sighting_stat AFTER UPDATE ON ad_sighting
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fyren_stat_sighting();
--> statement-breakpoint
-- Fill the per-area tables from the aggregates an installation already has.
SELECT fyren_stat_apply(NULL, 1);
