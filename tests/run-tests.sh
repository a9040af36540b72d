#!/bin/sh
# The one test driver that `make test` calls (after the C unit tests):
#
#     sh tests/run-tests.sh BIN
#
# Runs, in order:
#   rules   tests/rules/run.sh: rule tests as data (skipped if absent)
#   e2e     tests/e2e.sh: golden output on tests/story, the output contract,
#           the scored floor against tests/story/gold
#   speed   tests/speed.sh: what the speed-ups must not change (JSON fast
#           path against jansson, "needs cue" lines, their rule check)
#   robust  tests/robust.sh: bad input, then linear time on pathological
#           input (tests/linear.py)
#   store   tests/store.sh: ingest, db check and the store's queries; re-ingest,
#           replace, kill, concurrent ingests, migration, bad input
#   conflicts tests/conflicts.sh: stance and frame rules as data, conflicts
#           and stance on the story, the seeds and FNC-1 figures
#   check   tests/check.sh: `whosaid check` findings in every format, exit
#           statuses, ignore comments, config; the seed gold (tests/check_seeds.py)
#   graph   tests/graph.sh: `whosaid graph` DOT goldens, views, escaping
#           (tests/graph/injection.txt), SVG checks; the seed gold and news timing
# prints each suite's results and a summary per suite, and ends with exactly
# one line "N passed, M failed"; exits 1 if anything failed.
#
# Environment: WHOSAID_SANITIZER=1 (set by make asan / make ubsan) makes the
# big inputs smaller; WHOSAID_SKIP_LINEAR=1 skips the timing tests;
# WHOSAID_MIN_F1, WHOSAID_MIN_SPEAKER change the scored floors.
BIN=$1
if [ -z "$BIN" ]; then
	echo "usage: sh tests/run-tests.sh BIN" >&2
	exit 2
fi
case $BIN in
/*) ;;
*/*) BIN=$(pwd)/$BIN ;;
*) BIN=$(command -v "$BIN") ;;
esac
cd "$(dirname "$0")/.." || exit 2
if [ ! -x "$BIN" ]; then
	echo "run-tests: error: '$BIN' is not an executable" >&2
	exit 2
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
total_pass=0
total_fail=0
summary=""

# suite NAME COMMAND...: runs a suite, shows its output as it goes, and
# counts its results: its last "N passed, M failed" line if it prints one,
# else its "ok - " / "not ok - " lines; a suite that fails without saying
# what counts as one failure.
suite() {
	name=$1
	shift
	echo "== $name: $*"
	start=$(date +%s)
	{
		"$@" 2>&1
		echo $? > "$tmp/rc"
	} | tee "$tmp/log"
	rc=$(cat "$tmp/rc")
	secs=$(($(date +%s) - start))
	last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$tmp/log" | tail -n 1)
	if [ -n "$last" ]; then
		p=$(echo "$last" | sed -E 's/^([0-9]+) passed.*/\1/')
		f=$(echo "$last" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
	else
		p=$(grep -c '^ok - ' "$tmp/log")
		f=$(grep -c '^not ok - ' "$tmp/log")
	fi
	s=$(grep -c '^skip - ' "$tmp/log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name: exited with status $rc"
		f=1
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	line="$name: $p passed, $f failed$([ "$s" -gt 0 ] && echo ", $s skipped") (${secs}s)"
	summary="$summary
  $line"
	echo "-- $line"
}

if [ -f tests/rules/run.sh ]; then
	suite rules sh tests/rules/run.sh "$BIN"
else
	echo "== rules: skipped: tests/rules/run.sh is not there"
	summary="$summary
  rules: skipped (no tests/rules/run.sh)"
fi
suite e2e sh tests/e2e.sh "$BIN"
suite speed sh tests/speed.sh "$BIN"
suite robust sh tests/robust.sh "$BIN"
suite store sh tests/store.sh "$BIN"
suite conflicts sh tests/conflicts.sh "$BIN"
suite check sh tests/check.sh "$BIN"
suite graph sh tests/graph.sh "$BIN"

echo "== summary ($BIN)$summary"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
