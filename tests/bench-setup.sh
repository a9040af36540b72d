# Sourced by tests/bench.sh and tests/bench-ingest.sh with their own
# arguments (BIN [CORPUS.jsonl]) and BENCH set to the script's name: makes
# BIN and CORPUS absolute, moves to the repository root, skips (status 0)
# when the corpus is missing, as in a fresh clone without ../shared, installs
# python3 and GNU time when missing, and makes a scratch directory $tmp that
# is removed on exit.
BIN=$1
CORPUS=${2:-../shared/corpus/news.jsonl}
[ -n "$BIN" ] || { echo "usage: sh tests/$BENCH.sh BIN [CORPUS.jsonl]" >&2; exit 2; }
case $BIN in /*) ;; */*) BIN=$(pwd)/$BIN ;; *) BIN=$(command -v "$BIN") ;; esac
case $CORPUS in /*) ;; *) CORPUS=$(pwd)/$CORPUS ;; esac
cd "$(dirname "$0")/.." || exit 2
if [ ! -f "$CORPUS" ]; then
	echo "$BENCH: skipped: no corpus at $CORPUS (it comes from ../shared beside the clone)"
	exit 0
fi
command -v python3 > /dev/null 2>&1 || sh tests/install-deps.sh python3 || exit 2
[ -x /usr/bin/time ] || sh tests/install-deps.sh time || exit 2

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
