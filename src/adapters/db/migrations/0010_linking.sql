CREATE TABLE "link_ad" (
	"ad_id" uuid PRIMARY KEY NOT NULL,
	"ad_key" text NOT NULL,
	"profile_id" text NOT NULL,
	"network_id" text NOT NULL,
	"names" text[] DEFAULT '{}'::text[] NOT NULL,
	"content_hash" text NOT NULL,
	"image_count" integer NOT NULL,
	"text_sig" text,
	"params_version" text NOT NULL,
	"linked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "link_correction" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"level" text,
	"ad_a" text,
	"ad_b" text,
	"keep_ads" text[],
	"move_ads" text[],
	"signal_kind" text,
	"signal_value" text,
	"reason" text NOT NULL,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "link_edge" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"network_id" text NOT NULL,
	"level" text NOT NULL,
	"a_ad" uuid NOT NULL,
	"b_ad" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"strength" real NOT NULL,
	"similarity" real,
	"is_refused" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "link_flow" (
	"profile_id" text NOT NULL,
	"from_code" text NOT NULL,
	"to_code" text NOT NULL,
	"day" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "link_network" (
	"id" text PRIMARY KEY NOT NULL,
	"profile_count" integer NOT NULL,
	"ad_count" integer NOT NULL,
	"municipality_codes" text[] NOT NULL,
	"first_seen" date NOT NULL,
	"last_seen" date NOT NULL,
	"score" real NOT NULL,
	"weights_version" text NOT NULL,
	"contributions" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "link_profile" (
	"id" text PRIMARY KEY NOT NULL,
	"network_id" text NOT NULL,
	"ad_count" integer NOT NULL,
	"names" text[] NOT NULL,
	"phones" text[] NOT NULL,
	"municipality_codes" text[] NOT NULL,
	"first_seen" date NOT NULL,
	"last_seen" date NOT NULL,
	"is_touring" boolean NOT NULL,
	"score" real NOT NULL,
	"weights_version" text NOT NULL,
	"contributions" jsonb NOT NULL,
	"timeline" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "link_queue" (
	"ad_id" uuid PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "link_signal" (
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"ad_id" uuid NOT NULL,
	CONSTRAINT "link_signal_pk" PRIMARY KEY("kind","value","ad_id")
);
--> statement-breakpoint
ALTER TABLE "image" ADD COLUMN "group_key" text;--> statement-breakpoint
ALTER TABLE "link_ad" ADD CONSTRAINT "link_ad_ad_id_ad_id_fk" FOREIGN KEY ("ad_id") REFERENCES "public"."ad"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_edge" ADD CONSTRAINT "link_edge_a_ad_ad_id_fk" FOREIGN KEY ("a_ad") REFERENCES "public"."ad"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_edge" ADD CONSTRAINT "link_edge_b_ad_ad_id_fk" FOREIGN KEY ("b_ad") REFERENCES "public"."ad"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_queue" ADD CONSTRAINT "link_queue_ad_id_ad_id_fk" FOREIGN KEY ("ad_id") REFERENCES "public"."ad"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_signal" ADD CONSTRAINT "link_signal_ad_id_ad_id_fk" FOREIGN KEY ("ad_id") REFERENCES "public"."ad"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "link_ad_key_idx" ON "link_ad" USING btree ("ad_key");--> statement-breakpoint
CREATE INDEX "link_ad_profile_idx" ON "link_ad" USING btree ("profile_id");--> statement-breakpoint
CREATE INDEX "link_ad_network_idx" ON "link_ad" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "link_correction_a_idx" ON "link_correction" USING btree ("ad_a");--> statement-breakpoint
CREATE INDEX "link_correction_b_idx" ON "link_correction" USING btree ("ad_b");--> statement-breakpoint
CREATE INDEX "link_edge_network_idx" ON "link_edge" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "link_edge_a_idx" ON "link_edge" USING btree ("a_ad");--> statement-breakpoint
CREATE INDEX "link_edge_b_idx" ON "link_edge" USING btree ("b_ad");--> statement-breakpoint
CREATE INDEX "link_flow_day_idx" ON "link_flow" USING btree ("day");--> statement-breakpoint
CREATE INDEX "link_flow_profile_idx" ON "link_flow" USING btree ("profile_id");--> statement-breakpoint
CREATE INDEX "link_network_score_idx" ON "link_network" USING btree ("score");--> statement-breakpoint
CREATE INDEX "link_profile_network_idx" ON "link_profile" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "link_profile_score_idx" ON "link_profile" USING btree ("score");--> statement-breakpoint
CREATE INDEX "link_profile_seen_idx" ON "link_profile" USING btree ("last_seen");--> statement-breakpoint
CREATE INDEX "link_signal_ad_idx" ON "link_signal" USING btree ("ad_id");--> statement-breakpoint
CREATE INDEX "image_group_idx" ON "image" USING btree ("group_key");