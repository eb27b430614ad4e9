CREATE TABLE "demand_account" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"buyer_key" uuid NOT NULL,
	"source" text NOT NULL,
	"place_level" text NOT NULL,
	"kommun_code" text,
	"lan_code" text,
	"police_region" text,
	"age_band" text,
	"member_since" date,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_activity" (
	"account_id" uuid NOT NULL,
	"week" date NOT NULL,
	CONSTRAINT "demand_activity_account_id_week_pk" PRIMARY KEY("account_id","week")
);
--> statement-breakpoint
CREATE TABLE "demand_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"area_level" text NOT NULL,
	"area_code" text NOT NULL,
	"date" date NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_probe" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"site" text NOT NULL,
	"area_level" text NOT NULL,
	"area_code" text NOT NULL,
	"profile_description" text NOT NULL,
	"window_minutes" integer NOT NULL,
	"replies_first_hour" integer NOT NULL,
	"replies_total" integer NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_pseudonym" (
	"pseudonym" text PRIMARY KEY NOT NULL,
	"buyer_key" uuid DEFAULT gen_random_uuid() NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "demand_activity" ADD CONSTRAINT "demand_activity_account_id_demand_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."demand_account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_event" ADD CONSTRAINT "demand_event_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_probe" ADD CONSTRAINT "demand_probe_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "demand_account_source_buyer_idx" ON "demand_account" USING btree ("source","buyer_key");--> statement-breakpoint
CREATE INDEX "demand_account_kommun_idx" ON "demand_account" USING btree ("kommun_code");--> statement-breakpoint
CREATE INDEX "demand_account_lan_idx" ON "demand_account" USING btree ("lan_code");--> statement-breakpoint
CREATE INDEX "demand_activity_week_idx" ON "demand_activity" USING btree ("week");--> statement-breakpoint
CREATE INDEX "demand_event_area_idx" ON "demand_event" USING btree ("area_level","area_code","date");--> statement-breakpoint
CREATE INDEX "demand_probe_area_idx" ON "demand_probe" USING btree ("area_level","area_code","started_at");--> statement-breakpoint
CREATE INDEX "demand_pseudonym_last_seen_idx" ON "demand_pseudonym" USING btree ("last_seen_at");--> statement-breakpoint
INSERT INTO retention_rule (category, keep_days, description, source) VALUES
  ('demand_pseudonym', 90, 'Keyed pseudonyms of buyer-side accounts (HMAC of the handle); the counts stay', 'Fyren default (issue #9): counting, not registering; configurable per installation')
ON CONFLICT (category) DO NOTHING;
