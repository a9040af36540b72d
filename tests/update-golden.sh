#!/bin/sh
# Regenerates the golden files of the end-to-end tests (tests/e2e.sh) from
# the current build: for each story file, the stdout of `BIN extract FILE`
# (FILE.jsonl), of `BIN extract --format text FILE` (FILE.text) and the
# warnings on stderr (FILE.stderr), in tests/e2e/expected/.
#
# usage: sh tests/update-golden.sh BIN      (or: make golden)
#
# Review what changed before committing: git diff tests/e2e/expected
BIN=$1
[ -n "$BIN" ] || { echo "usage: sh tests/update-golden.sh BIN" >&2; exit 2; }
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
BIN=$(abs_bin "$BIN")
EXP=tests/e2e/expected
mkdir -p "$EXP"
status=0
for f in harbor-courier.txt valley-post.md the-ledger.txt wire.jsonl; do
	in=tests/story/$f
	if ! timeout 60 "$BIN" extract "$in" > "$EXP/$f.jsonl" 2> "$EXP/$f.stderr"; then
		echo "update-golden: error: '$BIN extract $in' failed:" >&2
		cat "$EXP/$f.stderr" >&2
		status=1
	fi
	timeout 60 "$BIN" extract --format text "$in" > "$EXP/$f.text" 2> /dev/null || status=1
	echo "wrote $EXP/$f.jsonl ($(grep -c '"type":"quote"' "$EXP/$f.jsonl") quotes), $f.text, $f.stderr"
done
if command -v git > /dev/null 2>&1 && git rev-parse --git-dir > /dev/null 2>&1; then
	git --no-pager diff --stat -- "$EXP"
	echo "review with: git diff $EXP"
fi
exit $status
