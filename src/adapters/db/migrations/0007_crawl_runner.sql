ALTER TABLE "crawl_run" ADD COLUMN "runner_host" text;--> statement-breakpoint
ALTER TABLE "crawl_run" ADD COLUMN "runner_pid" integer;