#!/usr/bin/env bash
# Golden run for behaviour-preserving refactors (issue #15): generates a fixed synthetic market,
# then captures `fyren extract`, `fyren import` + `fyren link --rebuild` + `fyren export`, and
# `fyren report` (PDF text and page count) into OUT. Run it before and after a change and compare:
#   scripts/golden.sh /tmp/golden-before && (make the change) && scripts/golden.sh /tmp/golden-after
#   diff -r /tmp/golden-before /tmp/golden-after
# Normalised (non-deterministic by design): the date a report was produced (today, printed on the
# title page and in the method note) becomes YYYY-MM-DD-TODAY, and the timings of
# `fyren link --json` ("phases", "ms") are dropped. Nothing else is touched.
set -euo pipefail
OUT="${1:?usage: scripts/golden.sh OUT_DIR}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d /tmp/fyren-golden.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
FYREN=(node "$ROOT/bin/fyren.cjs")
rm -rf "$OUT" && mkdir -p "$OUT"
export FYREN_DATA="$WORK/data"
unset DATABASE_URL
strip_timings() { sed -E 's/,?"phases":\{[^}]*\}//g; s/,?"ms":[0-9.]+//g'; }
TODAY="$(date -u +%F)"

"${FYREN[@]}" demo generate --out "$WORK/market" --seed 7 --persons 40 --days 14 --start 2026-01-05 --quiet \
  | grep -v '"outDir"' > "$OUT/manifest.json"
"${FYREN[@]}" extract < "$WORK/market/ads.jsonl" > "$OUT/extract.jsonl"
"${FYREN[@]}" import "$WORK/market/ads.jsonl" 2> /dev/null | strip_timings > "$OUT/import.json"
"${FYREN[@]}" link --rebuild --json 2> /dev/null | strip_timings > "$OUT/link-rebuild.json"
for what in ads profiles networks; do
  "${FYREN[@]}" export "$what" --purpose "golden run" --out "$OUT/export-$what.jsonl"
done
pdf() { # name, then report arguments
  local name="$1"; shift
  "${FYREN[@]}" report "$@" --out "$WORK/$name.pdf" > /dev/null
  pdftotext -layout "$WORK/$name.pdf" - | sed "s/$TODAY/YYYY-MM-DD-TODAY/g" > "$OUT/$name.txt"
  pdfinfo "$WORK/$name.pdf" | grep '^Pages:' > "$OUT/$name.pages"
}
pdf report-stockholm Stockholm --from 2026-01-05 --to 2026-01-18
pdf report-nord "polisregion Nord" --from 2026-01-05 --to 2026-01-18 --compare 24 --lang en
pdf report-demand demand --area land:SE --from 2026-01-05 --to 2026-01-18
echo "golden run written to $OUT" >&2
