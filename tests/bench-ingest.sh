#!/bin/sh
# Ingest throughput, database size and clustering growth on the shared news
# corpus (issue 3's scale figures).
#
# usage: sh tests/bench-ingest.sh BIN [CORPUS.jsonl]     (or: make bench-ingest)
#
# CORPUS defaults to ../shared/corpus/news.jsonl (beside the clone; a fresh
# clone without ../shared skips the benchmark). Runs
#     BIN ingest -q --jobs J --db NEW.db CORPUS       for J = 1 and 2
# and reports wall and CPU seconds, MB/s of article text (the bytes of the
# "text" fields / wall seconds) and the database's size on disk. Then
# ingests the first 25% and 50% of the corpus's lines too and times the
# first `BIN claims` on each database, which clusters every claim
# (WHOSAID_TIMING gives the claims_cluster step alone), to show how
# clustering grows with the number of claims.
#
# Targets (issue 3): at least 10 MB/s end to end with --jobs 2; clustering
# time per n*log2(n) claims at 100% at most 1.5 times that at 25% (growth no
# faster than n log n, with room for timer noise). Exits 1 when one is missed.
BENCH=bench-ingest
. "$(dirname "$0")/bench-setup.sh"

# ingest JOBS DB FILE: one ingest into a new database; "<wall> <user> <sys>"
ingest() {
	rm -f "$2" "$2-wal" "$2-shm"
	if ! /usr/bin/time -f '%e %U %S' -o "$tmp/t" "$BIN" ingest -q --jobs "$1" --db "$2" "$3" \
		> /dev/null 2> "$tmp/stderr"; then
		echo "bench-ingest: error: '$BIN ingest --jobs $1 $3' failed" >&2
		sed -n '1,20p' "$tmp/stderr" >&2
		exit 1
	fi
	tail -n 1 "$tmp/t"
}

# size DB: bytes on disk, the WAL included
size() { cat "$1" "$1-wal" 2> /dev/null | wc -c; }

# cluster DB: the first `claims` on DB; "<wall of the command> <claims> <claims_cluster s>"
cluster() {
	t0=$(date +%s.%N)
	WHOSAID_TIMING=1 "$BIN" claims --db "$1" --format json > /dev/null 2> "$tmp/ct" || {
		echo "bench-ingest: error: '$BIN claims --db $1' failed" >&2
		sed -n '1,20p' "$tmp/ct" >&2
		exit 1
	}
	t1=$(date +%s.%N)
	sed -n 's/.*refresh: load \([0-9]*\) claims.*claims_cluster \([0-9.]*\) s.*/\1 \2/p' "$tmp/ct" |
		awk -v a="$t0" -v b="$t1" '{ printf "%.3f %s %s\n", b - a, $1, $2 }'
}

# shellcheck disable=SC2046
set -- $(python3 tests/corpus_stats.py "$CORPUS")
articles=$1 text_bytes=$2
echo "corpus: $CORPUS"
echo "  $articles articles, $(awk -v b="$text_bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MB of article text"

for jobs in 1 2; do
	# shellcheck disable=SC2046
	set -- $(ingest $jobs "$tmp/j$jobs.db" "$CORPUS")
	awk -v j="$jobs" -v w="$1" -v u="$2" -v s="$3" -v b="$text_bytes" -v n="$articles" 'BEGIN {
		if (w <= 0) w = 0.01
		printf "whosaid ingest --jobs %d: %.2f s wall, %.2f s CPU, %.1f MB/s of article text, %.0f articles/s\n",
			j, w, u + s, b / 1048576 / w, n / w }'
	[ "$jobs" = 2 ] && wall2=$1
done
echo "database: $(awk -v b="$(size "$tmp/j2.db")" 'BEGIN { printf "%.1f", b / 1048576 }') MB on disk (--jobs 2)"

lines=$(wc -l < "$CORPUS")
head -n $((lines / 4)) "$CORPUS" > "$tmp/p25.jsonl"
head -n $((lines / 2)) "$CORPUS" > "$tmp/p50.jsonl"
ingest 2 "$tmp/p25.db" "$tmp/p25.jsonl" > /dev/null
ingest 2 "$tmp/p50.db" "$tmp/p50.jsonl" > /dev/null
: > "$tmp/growth"
for p in 25 50 100; do
	db=$tmp/p$p.db
	[ "$p" = 100 ] && db=$tmp/j2.db
	echo "$p $(cluster "$db")" >> "$tmp/growth"
done
awk -v w="$wall2" -v b="$text_bytes" '
	{ pct[NR] = $1; cmd[NR] = $2; n[NR] = $3; c[NR] = $4 }
	END {
		print "clustering (the first whosaid claims on each database):"
		for (i = 1; i <= NR; i++) {
			nl = n[i] * log(n[i] > 1 ? n[i] : 2) / log(2)
			per[i] = c[i] / nl
			printf "  %3d%%: %7d claims, claims_cluster %.3f s, whole command %.2f s, %.1f ns per n*log2(n)\n",
				pct[i], n[i], c[i], cmd[i], per[i] * 1e9
		}
		bad = 0
		mbs = b / 1048576 / (w > 0 ? w : 0.01)
		if (mbs >= 10) r = "ok"; else { r = "MISSED"; bad = 1 }
		printf "target >= 10 MB/s with --jobs 2:      %s (%.1f MB/s)\n", r, mbs
		if (per[NR] <= 1.5 * per[1] + 1e-9) r = "ok"; else { r = "MISSED"; bad = 1 }
		printf "target clustering grows <= n log n:  %s (%.1f vs %.1f ns per n*log2(n) at 100%% and 25%%)\n",
			r, per[NR] * 1e9, per[1] * 1e9
		exit bad
	}' "$tmp/growth"
