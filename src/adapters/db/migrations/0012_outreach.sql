CREATE TABLE "outreach_contact" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kommun" text NOT NULL,
	"profile_id" text NOT NULL,
	"ad_keys" text[] NOT NULL,
	"channel" text NOT NULL,
	"language" text,
	"template_id" text,
	"message" text,
	"contact_point" text,
	"contact_at" timestamp with time zone NOT NULL,
	"worker_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"note" text,
	"follow_up_on" date,
	"follow_up_done_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outreach_referral" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kommun" text NOT NULL,
	"kind" text NOT NULL,
	"unit_kind" text NOT NULL,
	"unit_id" uuid,
	"status" text DEFAULT 'new' NOT NULL,
	"legal_basis" text,
	"case_id" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outreach_template" (
	"id" text PRIMARY KEY NOT NULL,
	"language" text NOT NULL,
	"name" text NOT NULL,
	"body" text NOT NULL,
	"markers" jsonb NOT NULL,
	"needs_native_review" boolean NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "sms_message" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid,
	"profile_id" text,
	"ad_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"phone" text NOT NULL,
	"direction" text NOT NULL,
	"body" text NOT NULL,
	"gateway" text NOT NULL,
	"gateway_id" text,
	"status" text NOT NULL,
	"worker_id" uuid,
	"contact_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outreach_contact" ADD CONSTRAINT "outreach_contact_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_referral" ADD CONSTRAINT "outreach_referral_contact_id_outreach_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."outreach_contact"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_referral" ADD CONSTRAINT "outreach_referral_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_referral" ADD CONSTRAINT "outreach_referral_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_message" ADD CONSTRAINT "sms_message_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_message" ADD CONSTRAINT "sms_message_contact_id_outreach_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."outreach_contact"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outreach_contact_profile_idx" ON "outreach_contact" USING btree ("profile_id");--> statement-breakpoint
CREATE INDEX "outreach_contact_org_idx" ON "outreach_contact" USING btree ("organisation_id","contact_at");--> statement-breakpoint
CREATE INDEX "outreach_contact_keys_idx" ON "outreach_contact" USING gin ("ad_keys");--> statement-breakpoint
CREATE INDEX "outreach_contact_follow_up_idx" ON "outreach_contact" USING btree ("organisation_id","follow_up_on");--> statement-breakpoint
CREATE INDEX "outreach_referral_org_idx" ON "outreach_referral" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "outreach_referral_contact_idx" ON "outreach_referral" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "sms_message_phone_idx" ON "sms_message" USING btree ("phone","created_at");--> statement-breakpoint
CREATE INDEX "sms_message_profile_idx" ON "sms_message" USING btree ("profile_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sms_message_gateway_idx" ON "sms_message" USING btree ("gateway","gateway_id");--> statement-breakpoint
-- Retention of outreach records (the retention job, src/app/retention/run-retention.ts). Administrators correct the periods.
INSERT INTO retention_rule (category, keep_days, description, source) VALUES
  ('outreach', 730, 'Outreach contact attempts, SMS conversations and follow-up reminders are deleted 24 months (730 days) after the attempt or message, unless they led to a referral (a case intake or a report of concern), which follows the case rules. Counts for statistics stay.', 'Fyren default (GDPR art. 5.1 c and e; docs/privacy.md). Set per local gallringsbeslut.'),
  ('outreach_referral', NULL, 'Referrals from outreach (case intakes, reports of concern) and the contacts that led to them are kept under the rules of the social-services file (personakt): as a rule five years after the last entry (12 kap. 1 § SoL 2001:453; the section in SoL 2025:400 is not verified).', 'Socialtjänstlagen; DOMAIN.md Retention')
ON CONFLICT (category) DO NOTHING;
