CREATE TABLE "kartlaggning" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"area_kind" text NOT NULL,
	"area_id" text NOT NULL,
	"area_name" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"title" text NOT NULL,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"method" jsonb NOT NULL,
	"figures" jsonb NOT NULL,
	"content_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stat_ad" (
	"ad_id" uuid PRIMARY KEY NOT NULL,
	"kommun_code" text NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL,
	"profile_key" bigint NOT NULL,
	"is_sugar" boolean NOT NULL,
	"profile_first_day" date NOT NULL,
	"home_code" text,
	"is_touring" boolean NOT NULL,
	"network_key" bigint,
	"indicator_mask" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stat_profile" (
	"profile_key" bigint PRIMARY KEY NOT NULL,
	"profile_id" text NOT NULL,
	"first_day" date NOT NULL,
	"home_code" text,
	"is_touring" boolean NOT NULL,
	"network_key" bigint,
	"indicators" text[] NOT NULL,
	"indicator_mask" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stat_week" (
	"kommun_code" text NOT NULL,
	"week" date NOT NULL,
	"profile_key" bigint NOT NULL,
	"ads" integer NOT NULL,
	"sugar_ads" integer NOT NULL,
	"profile_first_day" date NOT NULL,
	"home_code" text,
	"is_touring" boolean NOT NULL,
	CONSTRAINT "stat_week_pk" PRIMARY KEY("kommun_code","week","profile_key")
);
--> statement-breakpoint
ALTER TABLE "stat_ad" ADD CONSTRAINT "stat_ad_ad_id_ad_id_fk" FOREIGN KEY ("ad_id") REFERENCES "public"."ad"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kartlaggning_area_idx" ON "kartlaggning" USING btree ("area_kind","area_id","period_from");--> statement-breakpoint
CREATE INDEX "stat_ad_area_idx" ON "stat_ad" USING btree ("kommun_code","first_day","last_day","profile_key","is_sugar","profile_first_day","is_touring","home_code","network_key","indicator_mask");--> statement-breakpoint
CREATE INDEX "stat_ad_profile_idx" ON "stat_ad" USING btree ("profile_key");--> statement-breakpoint
CREATE INDEX "stat_week_area_idx" ON "stat_week" USING btree ("kommun_code","week","profile_key","ads","sugar_ads","profile_first_day","is_touring","home_code");--> statement-breakpoint
CREATE INDEX "stat_week_profile_idx" ON "stat_week" USING btree ("profile_key");--> statement-breakpoint
-- A profile or network id ("pf-" or "nw-" and 12 hex digits) as a number, for cheap distinct counts.
CREATE OR REPLACE FUNCTION fyren_stat_key(id text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT ('x' || lpad(substr(id, 4), 16, '0'))::bit(64)::bigint
$$;
--> statement-breakpoint
-- A re-sighting on a later day extends the ad's span in stat_ad and adds the new weeks to stat_week,
-- so the dashboard stays current between linking runs (a re-sighting does not queue linking).
-- The aggregates fill at the next linking run; `fyren link --rebuild` refreshes them all.
CREATE OR REPLACE FUNCTION fyren_stat_sighting() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s stat_ad%ROWTYPE;
  new_day date := (NEW.last_seen_at AT TIME ZONE 'UTC')::date;
BEGIN
  SELECT * INTO s FROM stat_ad WHERE ad_id = NEW.ad_id;
  IF NOT FOUND OR new_day <= s.last_day THEN
    RETURN NULL;
  END IF;
  UPDATE stat_ad SET last_day = new_day WHERE ad_id = NEW.ad_id;
  INSERT INTO stat_week (kommun_code, week, profile_key, ads, sugar_ads, profile_first_day, home_code, is_touring)
    SELECT s.kommun_code, w::date, s.profile_key, 1, CASE WHEN s.is_sugar THEN 1 ELSE 0 END, s.profile_first_day, s.home_code, s.is_touring
    FROM generate_series(date_trunc('week', s.last_day::timestamp) + interval '7 days', date_trunc('week', new_day::timestamp), interval '7 days') w
  ON CONFLICT (kommun_code, week, profile_key)
    DO UPDATE SET ads = stat_week.ads + 1, sugar_ads = stat_week.sugar_ads + EXCLUDED.sugar_ads;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ad_sighting_stat AFTER UPDATE OF last_seen_at ON ad_sighting
  FOR EACH ROW WHEN (NEW.last_seen_at > OLD.last_seen_at) EXECUTE FUNCTION fyren_stat_sighting();
