ALTER TABLE "image" ADD COLUMN "phash_keys" integer[];--> statement-breakpoint
-- 262,144 possible keys: a larger sample lets the planner see that a probe matches few rows.
ALTER TABLE "image" ALTER COLUMN "phash_keys" SET STATISTICS 1000;--> statement-breakpoint
-- Existing pictures: the four 16-bit blocks of their hash (core/images/phash.ts phashKeys).
UPDATE "image" SET "phash_keys" = ARRAY[
  ('x' || substr("phash", 1, 4))::bit(16)::int,
  65536 + ('x' || substr("phash", 5, 4))::bit(16)::int,
  131072 + ('x' || substr("phash", 9, 4))::bit(16)::int,
  196608 + ('x' || substr("phash", 13, 4))::bit(16)::int
] WHERE "phash" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "image_phash_keys_idx" ON "image" USING gin ("phash_keys") WITH (fastupdate=false);
