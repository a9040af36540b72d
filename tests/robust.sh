#!/bin/sh
# Robustness of `whosaid extract` on bad input, then linear time on
# pathological input (tests/linear.py).
#
# usage: sh tests/robust.sh BIN
#
# Each case runs `BIN extract` under `timeout` with the bad input and a good
# article after it, and checks: the exit status (2 when an input failed, 0
# when there were only warnings), a message on stderr that names the file
# (with line:col where it applies), the good article still processed, stdout
# still valid JSON Lines, no crash (status < 128), no hang, no sanitizer
# report. Every input is generated in a temporary directory at test time.
BIN=$1
[ -n "$BIN" ] || { echo "usage: sh tests/robust.sh BIN" >&2; exit 2; }
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
BIN=$(abs_bin "$BIN")
need_bin robust.sh
LIMIT=${WHOSAID_TIMEOUT:-60}

tmp=$(mktemp -d) || exit 2
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
chmod 755 "$tmp"
good=$tmp/good.txt
printf 'Title: Good\n\n"We will rebuild the pier," said Mayor Ana Holt.\n' > "$good"
have_python=0
command -v python3 > /dev/null 2>&1 && have_python=1

# x ARGS...: runs BIN extract ARGS with stdout in $tmp/out, stderr in $tmp/err,
# and the exit status in $rc. $RUNAS may hold a command prefix (setpriv).
x() {
	# shellcheck disable=SC2086
	$RUNAS timeout "$LIMIT" "$BIN" extract "$@" > "$tmp/out" 2> "$tmp/err" < "${STDIN:-/dev/null}"
	rc=$?
}

json_ok() {
	[ $have_python -eq 0 ] && return 0
	python3 -c '
import json, sys
for n, line in enumerate(open(sys.argv[1], "rb").read().split(b"\n"), 1):
    if line:
        json.loads(line.decode("utf-8"))
' "$1" 2> "$tmp/json-err"
}

# expect NAME STATUS ERR_PATTERN [OUT_PATTERN...]: checks the last x run.
expect() {
	name=$1 want=$2 errpat=$3
	shift 3
	why=""
	if [ $rc -eq 124 ]; then
		why="no exit within ${LIMIT}s (hang?)"
	elif [ $rc -ge 128 ]; then
		why="crashed: exit status $rc (signal $((rc - 128)))"
	elif grep -Eq 'AddressSanitizer|LeakSanitizer|runtime error:' "$tmp/err"; then
		why="sanitizer report on stderr"
	elif [ $rc -ne "$want" ]; then
		why="exit status $rc, expected $want"
	elif [ -n "$errpat" ] && ! grep -Eq -- "$errpat" "$tmp/err"; then
		why="no message matching /$errpat/ on stderr"
	elif ! json_ok "$tmp/out"; then
		why="stdout is not valid JSON Lines: $(tail -n 1 "$tmp/json-err")"
	else
		for pat in "$@"; do
			if ! grep -Eq -- "$pat" "$tmp/out"; then
				why="no output matching /$pat/"
				break
			fi
		done
	fi
	if [ -z "$why" ]; then
		ok "robust: $name"
	else
		not_ok "robust: $name: $why"
		echo "    stderr:"
		show "$tmp/err"
	fi
}

GOOD='"type":"quote","doc":"good"'

# 1. a file that does not exist
x "$tmp/missing.txt" "$good"
expect "missing file" 2 '(^|/)missing\.txt: error: ' "$GOOD"

# 2. a file that cannot be read (root reads anything: then run as nobody)
locked=$tmp/locked.txt
cp "$good" "$locked"
chmod 000 "$locked"
RUNAS=""
if cat "$locked" > /dev/null 2>&1; then
	if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null 2>&1 &&
		setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN" extract "$good" > /dev/null 2>&1; then
		RUNAS="setpriv --reuid=65534 --regid=65534 --clear-groups"
	fi
fi
if [ -z "$RUNAS" ] && cat "$locked" > /dev/null 2>&1; then
	skip "robust: unreadable file: this user can read a chmod 000 file, and cannot run as nobody"
else
	x "$locked" "$good"
	expect "unreadable file${RUNAS:+ (as nobody)}" 2 '(^|/)locked\.txt: error: ' "$GOOD"
fi
RUNAS=""
chmod 644 "$locked"

# 3. a directory of mixed files: the articles in it are read, the others
#    are skipped with a warning naming them (a warning: exit status 0)
mixed=$tmp/mixed
mkdir "$mixed"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\001\000\000\000\001\010\002\000\000\000\220wS\336' > "$mixed/photo.png"
printf 'Title: In the folder\n\n"The river is open again," the mayor said.\n' > "$mixed/article.txt"
printf -- '---\ntitle: A note\noutlet: The Test Post\n---\n\n# Heading\n\n"We saw it first," said Ola Berg.\n' > "$mixed/note.md"
printf 'some notes, not an article\n' > "$mixed/notes.xyz"
x "$mixed" "$good"
expect "directory of mixed files" 0 'photo\.png' '"doc":"article"' '"doc":"note"' "$GOOD"
if [ $rc -eq 0 ] && ! grep -q 'notes\.xyz' "$tmp/err"; then
	not_ok "robust: directory of mixed files: no message naming notes.xyz (unknown extension)"
	show "$tmp/err"
fi

# 4. an empty file: a warning that names it, nothing failed
: > "$tmp/empty.txt"
x "$tmp/empty.txt" "$good"
expect "empty file" 0 '(^|/)empty\.txt: warning: ' "$GOOD"

# 5. a binary file with NUL bytes: an error naming file:line:col
printf 'Title: Binary\n\nSome text\000\000\001\002 more "text," he said.\n' > "$tmp/binary.txt"
x "$tmp/binary.txt" "$good"
expect "binary file (NUL bytes)" 2 '(^|/)binary\.txt:[0-9]+:[0-9]+: error: ' "$GOOD"

# 6. invalid UTF-8: a warning with line:col; the article is still read and
#    the output stays valid UTF-8 JSON
printf 'Title: Latin-1\n\n"The caf\351 is closed," said Ana Holt.\n' > "$tmp/latin1.txt"
x "$tmp/latin1.txt" "$good"
expect "invalid UTF-8" 0 '(^|/)latin1\.txt:3:[0-9]+: warning: ' '"type":"quote","doc":"latin1"' "$GOOD"

# 7. a malformed JSON Lines row among good rows
{
	printf '{"id":"row-a","title":"A","text":"\\"The leak is contained,\\" said Ana Holt."}\n'
	printf '{"id":"row-b","title": not json}\n'
	printf '{"id":"row-c","title":"C","text":"\\"It is not,\\" said Ola Berg."}\n'
} > "$tmp/rows.jsonl"
x "$tmp/rows.jsonl" "$good"
expect "malformed JSON Lines row" 2 '(^|/)rows\.jsonl:2:[0-9]+: error: ' \
	'"type":"quote","doc":"row-a"' '"type":"quote","doc":"row-c"' "$GOOD"
if grep -q '"doc":"row-b"' "$tmp/out"; then
	not_ok "robust: malformed JSON Lines row: the bad row produced output"
fi

# 8. "-" reads standard input, among other files
printf 'Title: Piped\n\n"It came from the pipe," said Ola Berg.\n' > "$tmp/stdin.txt"
STDIN=$tmp/stdin.txt
x - "$good"
expect "'-' reads standard input" 0 '' '"type":"quote","doc":"stdin"' "$GOOD"
x "$tmp/missing.txt" -
expect "'-' with a missing file" 2 '(^|/)missing\.txt: error: ' '"type":"quote","doc":"stdin"'
STDIN=""

# 9. a usage error
x --no-such-option
expect "unknown option" 2 'unknown option'

# 9b. sentences one byte longer each, every one with a cue: the buffer that
#     holds a sentence for the patterns is grown exactly at its limit (under
#     AddressSanitizer, one byte too few is a report)
awk 'BEGIN { print "Title: Growing\n"; w = "";
	for (i = 0; i < 120; i++) { w = w "a"; printf "Holm said the pier %s was shut. ", w }
	print "" }' > "$tmp/growing.txt"
x "$tmp/growing.txt" "$good"
expect "sentences that grow one byte at a time" 0 '' '"type":"quote","doc":"growing"' "$GOOD"

# 9c. a broken rules/words.txt (rules/README.md, "words.txt"): an entry of
#     two words, an unknown list and a list with no line are reported by
#     file, line and column (the missing list by file), and nothing runs
mkdir -p "$tmp/badwords"
cp rules/*.txt rules/*.rules "$tmp/badwords/"
grep -v '^asked ' rules/words.txt > "$tmp/badwords/words.txt"
n=$(($(wc -l < "$tmp/badwords/words.txt") + 1))
printf 'kin | step son\ncolour | red\n' >> "$tmp/badwords/words.txt"
timeout "$LIMIT" "$BIN" rules check "$tmp/badwords" > "$tmp/out" 2> "$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "words\.txt:$n:7: error: 'step son' is not one word" "$tmp/err" &&
	grep -q "words\.txt:$((n + 1)):1: error: unknown word list 'colour'" "$tmp/err" &&
	grep -q "words\.txt: error: no word list 'asked'" "$tmp/err"; then
	ok "robust: rules check reports a broken and a missing word list (words.txt)"
else
	not_ok "robust: rules check reports a broken and a missing word list (words.txt): status $rc"
	show "$tmp/err"
fi
x --rules "$tmp/badwords" "$good"
expect "extract refuses a broken words.txt" 2 "words\.txt:$n:7: error: "

# 9d. a broken rules/org-kinds.txt: a line with no "head:" is reported
#     by file, line and column
mkdir -p "$tmp/badkinds"
cp rules/*.txt rules/*.rules "$tmp/badkinds/"
n=$(($(wc -l < "$tmp/badkinds/org-kinds.txt") + 1))
printf 'federation guild\n' >> "$tmp/badkinds/org-kinds.txt"
timeout "$LIMIT" "$BIN" rules check "$tmp/badkinds" > "$tmp/out" 2> "$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "org-kinds\.txt:$n:1: error: expected 'head: word word \.\.\.'" "$tmp/err"; then
	ok "robust: rules check reports an org-kinds.txt line with no head"
else
	not_ok "robust: rules check reports an org-kinds.txt line with no head: status $rc"
	show "$tmp/err"
fi

# 10. the big and pathological inputs, timed against ordinary articles
if [ -n "$WHOSAID_SKIP_LINEAR" ]; then
	skip "linear: WHOSAID_SKIP_LINEAR is set"
elif [ $have_python -eq 1 ]; then
	{
		python3 tests/linear.py "$BIN" "$tmp" 2>&1
		echo $? > "$tmp/linear-rc"
	} | tee "$tmp/linear"
	lrc=$(cat "$tmp/linear-rc")
	T_PASS=$((T_PASS + $(grep -c '^ok - ' "$tmp/linear")))
	T_FAIL=$((T_FAIL + $(grep -c '^not ok - ' "$tmp/linear")))
	if [ "$lrc" -ne 0 ] && ! grep -q '^not ok - ' "$tmp/linear"; then
		not_ok "linear: tests/linear.py failed (exit status $lrc)"
	fi
else
	skip "linear: python3 is not installed"
fi

finish
