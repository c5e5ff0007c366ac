#!/usr/bin/env bash
# Compare the cost of one PDF plan made three ways, as whole processes:
#   hatcheck     this tree's "hatcheck plan FILE -o plan.pdf" (patched gofpdf)
#   unpatched    the same command built from REF, the last commit with the
#                unpatched gofpdf v1.16.2 (default: the parent of the commit
#                that patched third_party/gofpdf)
#   chromium     headless Chromium printing the same plan content as HTML
#                (tools/planhtml) to PDF
# Runs are interleaved (one of each per round) and each is timed with GNU
# time; the script prints min / median / max of wall time and of CPU time
# (user + system) per way, the load average before and after, and the PDF
# sizes. It is not part of "make test".
#
#   scripts/compare-chromium.sh [ROUNDS] [ANSWERS.json]
#
# Needs Go, GNU time (/usr/bin/time) and Chromium (Debian: apt-get install
# chromium; or set CHROMIUM to its path).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-10}
ANSWERS=${2:-examples/answers.json}
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
[ -n "$CHROMIUM" ] || { echo "compare-chromium: Chromium is missing (Debian: apt-get install chromium)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "compare-chromium: GNU time is missing (Debian: apt-get install time)" >&2; exit 1; }
REF=${REF:-$(git log -1 --format=%H -- third_party/gofpdf/parsedfont.go)^}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HATCHECK_DATA_DIR="$work/data" SOURCE_DATE_EPOCH=1795425000 LANG=en_US.UTF-8

echo "building this tree and $(git rev-parse --short "$REF") (unpatched gofpdf)..." >&2
go build -o "$work/hatcheck" .
mkdir "$work/ref"
git archive "$REF" | tar -x -C "$work/ref"
(cd "$work/ref" && go build -o "$work/hatcheck-unpatched" .)
go run ./tools/planhtml -date 2026-11-23 "$ANSWERS" > "$work/plan.html"

run_hatcheck()  { "$work/hatcheck" plan "$ANSWERS" -o "$work/hatcheck.pdf" >/dev/null; }
run_unpatched() { "$work/hatcheck-unpatched" plan "$ANSWERS" -o "$work/unpatched.pdf" >/dev/null; }
run_chromium()  {
	"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --no-first-run --no-pdf-header-footer \
		--user-data-dir="$work/chromium-profile" \
		--print-to-pdf="$work/chromium.pdf" "file://$work/plan.html" >/dev/null 2>&1
}
export -f run_hatcheck run_unpatched run_chromium
export work ANSWERS CHROMIUM

# One untimed run of each warms the file cache (and Chromium's profile).
run_hatcheck; run_unpatched; run_chromium

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq "$ROUNDS"); do
	for way in hatcheck unpatched chromium; do
		/usr/bin/time -f "$way %e %U %S" -a -o "$work/times" bash -c "run_$way"
	done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $ROUNDS interleaved rounds, $ANSWERS"
echo "load average (1, 5, 15 min) before: $load_before; after: $load_after"
printf '%-10s %28s %28s %10s\n' way "wall ms min/median/max" "CPU ms min/median/max" "PDF bytes"
for way in hatcheck unpatched chromium; do
	stats() { sort -n | awk '{v[NR]=$1} END {printf "%d / %d / %d", v[1], v[int((NR+1)/2)], v[NR]}'; }
	wall=$(awk -v w="$way" '$1==w {print $2*1000}' "$work/times" | stats)
	cpu=$(awk -v w="$way" '$1==w {print ($3+$4)*1000}' "$work/times" | stats)
	printf '%-10s %28s %28s %10s\n' "$way" "$wall" "$cpu" "$(stat -c %s "$work/$way.pdf")"
done
if cmp -s "$work/hatcheck.pdf" "$work/unpatched.pdf"; then
	echo "hatcheck.pdf and unpatched.pdf are identical"
else
	echo "hatcheck.pdf and unpatched.pdf differ"
fi
