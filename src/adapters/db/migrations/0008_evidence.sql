CREATE TABLE "ad_image" (
	"ad_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"url" text NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "capture" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" text NOT NULL,
	"crawl_run_id" uuid,
	"url" text NOT NULL,
	"status" integer NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	"warc_file" text NOT NULL,
	"warc_offset" bigint NOT NULL,
	"warc_length" integer NOT NULL,
	"record_id" text NOT NULL,
	"request_record_id" text NOT NULL,
	"payload_sha256" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "capture_ad" (
	"capture_id" uuid NOT NULL,
	"ad_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "image" (
	"sha256" text PRIMARY KEY NOT NULL,
	"phash" text,
	"width" integer,
	"height" integer,
	"size" integer NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ad_image" ADD CONSTRAINT "ad_image_ad_id_ad_id_fk" FOREIGN KEY ("ad_id") REFERENCES "public"."ad"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_image" ADD CONSTRAINT "ad_image_sha256_image_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."image"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capture_ad" ADD CONSTRAINT "capture_ad_capture_id_capture_id_fk" FOREIGN KEY ("capture_id") REFERENCES "public"."capture"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capture_ad" ADD CONSTRAINT "capture_ad_ad_id_ad_id_fk" FOREIGN KEY ("ad_id") REFERENCES "public"."ad"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ad_image_pk" ON "ad_image" USING btree ("ad_id","sha256");--> statement-breakpoint
CREATE INDEX "ad_image_sha_idx" ON "ad_image" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "capture_source_time_idx" ON "capture" USING btree ("source_id","fetched_at");--> statement-breakpoint
CREATE UNIQUE INDEX "capture_ad_pk" ON "capture_ad" USING btree ("capture_id","ad_id");--> statement-breakpoint
CREATE INDEX "capture_ad_ad_idx" ON "capture_ad" USING btree ("ad_id");--> statement-breakpoint
CREATE INDEX "image_phash_idx" ON "image" USING btree ("phash");