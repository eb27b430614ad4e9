#!/usr/bin/env bash
# Fails when the drizzle schema (src/adapters/db/schema/) and the migrations disagree, i.e. when
# `npm run db:generate` would write a migration. drizzle-kit generates into a copy of the
# migrations folder, so the working tree is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."
migrations=src/adapters/db/migrations
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp -R "$migrations/." "$tmp/"
# drizzle-kit prefixes --out with "./", so it gets a relative path.
npx drizzle-kit generate --dialect postgresql --schema ./src/adapters/db/schema --out "$(realpath --relative-to=. "$tmp")" --name schema_drift > "$tmp.log" 2>&1 || {
  cat "$tmp.log"
  rm -f "$tmp.log"
  echo "schema drift check: drizzle-kit generate failed" >&2
  exit 1
}
if grep -q "Error" "$tmp.log"; then
  cat "$tmp.log" >&2
  rm -f "$tmp.log"
  echo "schema drift check: drizzle-kit generate failed" >&2
  exit 1
fi
rm -f "$tmp.log"
if ! diff -rq "$migrations" "$tmp" > /dev/null; then
  echo "schema drift: the schema in src/adapters/db/schema/ has changes no migration holds;" >&2
  echo "run \`npm run db:generate\` and commit the migration. drizzle-kit would write:" >&2
  diff -rq "$migrations" "$tmp" >&2 || true
  exit 1
fi
echo "schema drift check: no changes, nothing to migrate"
