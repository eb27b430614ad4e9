CREATE TABLE "retention_hold" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_kind" text NOT NULL,
	"resource_id" text NOT NULL,
	"reason" text NOT NULL,
	"held_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "retention_hold_resource_idx" ON "retention_hold" USING btree ("resource_kind","resource_id");