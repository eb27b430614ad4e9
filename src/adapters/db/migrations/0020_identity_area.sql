CREATE TABLE "account_reset" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outreach_template_override" (
	"organisation_id" uuid NOT NULL,
	"template_id" text NOT NULL,
	"body" text NOT NULL,
	"markers" jsonb NOT NULL,
	"needs_native_review" boolean NOT NULL,
	"is_active" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid NOT NULL,
	CONSTRAINT "outreach_template_override_pk" PRIMARY KEY("organisation_id","template_id")
);
--> statement-breakpoint
ALTER TABLE "app_user" ADD COLUMN "previous_password_hash" text;--> statement-breakpoint
ALTER TABLE "account_reset" ADD CONSTRAINT "account_reset_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_template_override" ADD CONSTRAINT "outreach_template_override_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_template_override" ADD CONSTRAINT "outreach_template_override_template_id_outreach_template_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."outreach_template"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_reset_user_idx" ON "account_reset" USING btree ("user_id","status");--> statement-breakpoint
-- The first administrator of an existing installation becomes its system administrator (organisations and their areas).
UPDATE "app_user" SET "roles" = array_replace("roles", 'administrator', 'systemadministrator')
WHERE "id"::text IN (SELECT "resource_id" FROM "audit_event" WHERE "action" = 'system.bootstrap' AND "resource_id" IS NOT NULL);
