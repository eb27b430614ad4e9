CREATE TABLE "crawl_run" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"heartbeat_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"pages" integer DEFAULT 0 NOT NULL,
	"ads" integer DEFAULT 0 NOT NULL,
	"new_ads" integer DEFAULT 0 NOT NULL,
	"changed_ads" integer DEFAULT 0 NOT NULL,
	"removed_ads" integer DEFAULT 0 NOT NULL,
	"reposts" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"error_sample" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"trigger" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ad" ADD COLUMN "missed_crawls" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ad" ADD COLUMN "repost_of" uuid;--> statement-breakpoint
ALTER TABLE "crawl_run" ADD CONSTRAINT "crawl_run_source_id_source_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."source"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "crawl_run_one_running_idx" ON "crawl_run" USING btree ("source_id") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "crawl_run_source_idx" ON "crawl_run" USING btree ("source_id","started_at");