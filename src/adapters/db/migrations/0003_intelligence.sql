CREATE TABLE "ad" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" text NOT NULL,
	"external_id" text NOT NULL,
	"url" text,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"posted_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"title" text,
	"body" text,
	"location" text,
	"phone_field" text,
	"stated_age" integer,
	"content_hash" text NOT NULL,
	"phones" text[] DEFAULT '{}'::text[] NOT NULL,
	"municipality_code" text,
	"extraction" jsonb,
	"extraction_version" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"purged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ad_observation" (
	"ad_id" uuid NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"content_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ad_version" (
	"ad_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"first_observed_at" timestamp with time zone NOT NULL,
	"title" text,
	"body" text,
	"location" text,
	"phone_field" text,
	"stated_age" integer
);
--> statement-breakpoint
CREATE TABLE "source" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"default_region" text DEFAULT 'SE' NOT NULL,
	"base_url" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_setting" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ad" ADD CONSTRAINT "ad_source_id_source_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."source"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_observation" ADD CONSTRAINT "ad_observation_ad_id_ad_id_fk" FOREIGN KEY ("ad_id") REFERENCES "public"."ad"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_version" ADD CONSTRAINT "ad_version_ad_id_ad_id_fk" FOREIGN KEY ("ad_id") REFERENCES "public"."ad"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ad_source_external_idx" ON "ad" USING btree ("source_id","external_id");--> statement-breakpoint
CREATE INDEX "ad_last_seen_idx" ON "ad" USING btree ("last_seen_at");--> statement-breakpoint
CREATE INDEX "ad_municipality_idx" ON "ad" USING btree ("municipality_code","last_seen_at");--> statement-breakpoint
CREATE INDEX "ad_phones_idx" ON "ad" USING gin ("phones");--> statement-breakpoint
CREATE UNIQUE INDEX "ad_observation_pk" ON "ad_observation" USING btree ("ad_id","observed_at");--> statement-breakpoint
CREATE INDEX "ad_observation_time_idx" ON "ad_observation" USING btree ("observed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ad_version_pk" ON "ad_version" USING btree ("ad_id","content_hash");