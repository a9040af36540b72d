#!/bin/sh
# Throughput and memory of `whosaid extract` on the shared news corpus.
#
# usage: sh tests/bench.sh BIN [CORPUS.jsonl]      (or: make bench)
#
# CORPUS defaults to ../shared/corpus/news.jsonl (beside the clone; a fresh
# clone without ../shared skips the benchmark). Runs
#     BIN extract -q CORPUS > /dev/null
# three times and reports the fastest: MB/s of article text (the bytes of
# the "text" fields / wall seconds), articles/s and peak memory (GNU time's
# %M), next to one `pcre2grep -c said` pass over the same file. Then runs
# on the first 25% of the corpus to show that peak memory does not grow
# with the corpus. Installs `time` and `pcre2-utils` through
# tests/install-deps.sh when they are missing.
#
# Targets (issue 2): at least 20 MB/s on one core, peak memory under 64 MB
# and independent of corpus size. Exits 1 when one is missed.
BENCH=bench
. "$(dirname "$0")/bench-setup.sh"
command -v pcre2grep > /dev/null 2>&1 || sh tests/install-deps.sh pcre2-utils

# stats FILE: "<articles> <text bytes>" of a JSON Lines corpus
stats() { python3 tests/corpus_stats.py "$1"; }

# peak_run OUT FILE: runs extract once; writes "<seconds> <peak KB> <status>"
peak_run() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%e %M %x' -o "$1" "$BIN" extract -q "$2" > /dev/null 2> "$tmp/stderr"
	else
		# no GNU time: the children's ru_maxrss is the same figure
		python3 -c '
import resource, subprocess, sys, time
t = time.monotonic()
rc = subprocess.call([sys.argv[2], "extract", "-q", sys.argv[3]], stdout=subprocess.DEVNULL,
                     stderr=open(sys.argv[4], "wb"))
open(sys.argv[1], "w").write("%.2f %d %d\n" % (time.monotonic() - t,
    resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc))' "$1" "$BIN" "$2" "$tmp/stderr"
	fi
}

# best FILE: fastest of three runs -> "<seconds> <max peak KB> <status>"
best() {
	: > "$tmp/runs"
	for _ in 1 2 3; do
		peak_run "$tmp/t" "$1"
		tail -n 1 "$tmp/t" >> "$tmp/runs"
	done
	sort -n "$tmp/runs" | awk 'NR == 1 { s = $1; x = $3 } { if ($2 > m) m = $2; if ($3 != 0) x = $3 }
		END { printf "%s %d %s\n", s, m, x }'
}

# shellcheck disable=SC2046
set -- $(stats "$CORPUS")
articles=$1 text_bytes=$2
file_bytes=$(wc -c < "$CORPUS")
echo "corpus: $CORPUS"
echo "  $articles articles, $(awk -v b="$text_bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MB of article text, $(awk -v b="$file_bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MB of JSON Lines"

# shellcheck disable=SC2046
set -- $(best "$CORPUS")
secs=$1 peak=$2 status=$3
if [ "$status" != 0 ]; then
	echo "bench: error: '$BIN extract -q $CORPUS' exited with status $status" >&2
	sed -n '1,20p' "$tmp/stderr" >&2
	exit 1
fi
awk -v s="$secs" -v b="$text_bytes" -v n="$articles" -v m="$peak" 'BEGIN {
	if (s <= 0) s = 0.01
	printf "whosaid extract: %.2f s (best of 3), %.1f MB/s of article text, %.0f articles/s, peak memory %.1f MB\n",
		s, b / 1048576 / s, n / s, m / 1024 }'

if command -v pcre2grep > /dev/null 2>&1; then
	t0=$(date +%s.%N)
	count=$(pcre2grep -c 'said' "$CORPUS")
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" -v f="$file_bytes" -v c="$count" 'BEGIN {
		s = b - a; if (s <= 0) s = 0.001
		printf "pcre2grep -c said:  %.2f s, %.1f MB/s of JSON Lines (%d lines with \"said\"), for comparison\n",
			s, f / 1048576 / s, c }'
else
	echo "pcre2grep: not installed (package pcre2-utils): no comparison"
fi

# Peak memory on a quarter of the corpus: streaming keeps it flat.
lines=$(wc -l < "$CORPUS")
head -n $((lines / 4)) "$CORPUS" > "$tmp/quarter.jsonl"
# shellcheck disable=SC2046
set -- $(best "$tmp/quarter.jsonl")
qpeak=$2
echo "peak memory: $(awk -v m="$qpeak" 'BEGIN { printf "%.1f", m / 1024 }') MB on the first 25% ($((lines / 4)) lines), $(awk -v m="$peak" 'BEGIN { printf "%.1f", m / 1024 }') MB on 100%"

awk -v s="$secs" -v b="$text_bytes" -v m="$peak" -v q="$qpeak" 'BEGIN {
	mbs = b / 1048576 / (s > 0 ? s : 0.01)
	bad = 0
	if (mbs >= 20) r = "ok"; else { r = "MISSED"; bad = 1 }
	printf "target >= 20 MB/s:                  %s (%.1f MB/s)\n", r, mbs
	if (m < 65536) r = "ok"; else { r = "MISSED"; bad = 1 }
	printf "target peak memory < 64 MB:         %s (%.1f MB)\n", r, m / 1024
	if (m <= q * 1.25 + 4096) r = "ok"; else { r = "MISSED"; bad = 1 }
	printf "target peak flat (100%% vs 25%%):     %s (%.1f MB vs %.1f MB)\n", r, m / 1024, q / 1024
	exit bad }'
