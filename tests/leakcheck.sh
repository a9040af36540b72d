#!/bin/sh
# valgrind over `whosaid extract`: no leak, no memory error.
#
# usage: sh tests/leakcheck.sh BIN      (or: make leakcheck)
#
# Runs BIN under
#     valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect
#              --error-exitcode=1 --suppressions=tests/valgrind.supp
# on the story (JSON and text output), on `rules check`, and on bad inputs
# (a missing file, an empty file, a binary file, invalid UTF-8, a malformed
# JSON Lines row, an unclosed quotation, standard input, a directory of
# mixed files); on `graph` (DOT and SVG, the injection article of
# tests/graph). Fails on any definite or indirect leak and on any memory
# error. whosaid's own exit status (0, or 2 for the bad inputs) is checked
# too; extract never exits 1, which is valgrind's error status here.
BIN=$1
[ -n "$BIN" ] || { echo "usage: sh tests/leakcheck.sh BIN" >&2; exit 2; }
case $BIN in /*) ;; */*) BIN=$(pwd)/$BIN ;; *) BIN=$(command -v "$BIN") ;; esac
cd "$(dirname "$0")/.." || exit 2
command -v valgrind > /dev/null 2>&1 || sh tests/install-deps.sh valgrind || exit 2
. tests/lib.sh

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
printf 'Title: Good\n\n"We will rebuild the pier," said Mayor Ana Holt.\n' > "$tmp/good.txt"
: > "$tmp/empty.txt"
printf 'Title: Binary\n\nSome text\000\000 "more," he said.\n' > "$tmp/binary.txt"
printf 'Title: Latin-1\n\n"The caf\351 is closed," said Ana Holt.\n' > "$tmp/latin1.txt"
{
	printf '{"id":"row-a","title":"A","text":"\\"It is contained,\\" said Ana Holt."}\n'
	printf '{"id":"row-b","title": not json}\n'
	printf '{"id":"row-c","title":"C","text":"\\"It is not,\\" said Ola Berg.\\n\\n\\"Never closed, she said."}\n'
} > "$tmp/rows.jsonl"
printf 'Title: Unclosed\n\nShe said: \342\200\234this never closes.\n\nNext paragraph.\n' > "$tmp/unclosed.txt"
mkdir "$tmp/mixed"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' > "$tmp/mixed/photo.png"
cp "$tmp/good.txt" "$tmp/mixed/a.txt"
printf -- '---\ntitle: Note\n---\n\n"We saw it," said Ola Berg.\n' > "$tmp/mixed/b.md"
echo notes > "$tmp/mixed/notes.xyz"

n=0
# vg NAME WANT ARGS...: runs BIN ARGS under valgrind; WANT is whosaid's status
vg() {
	name=$1 want=$2
	shift 2
	n=$((n + 1))
	log=$tmp/vg$n.log
	valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1 \
		--suppressions=tests/valgrind.supp --log-file="$log" \
		"$BIN" "$@" > /dev/null 2> "$tmp/stderr" < "${STDIN:-/dev/null}"
	rc=$?
	errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log" | tail -n 1)
	definite=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tail -n 1)
	indirect=$(sed -n 's/.*indirectly lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tail -n 1)
	why=""
	[ "${errors:-x}" = 0 ] || why="valgrind reports ${errors:-?} errors"
	[ "${definite:-0}" = 0 ] || why="$why; definitely lost: $definite bytes"
	[ "${indirect:-0}" = 0 ] || why="$why; indirectly lost: $indirect bytes"
	[ $rc -eq "$want" ] || why="$why; exit status $rc, expected $want"
	if [ -z "$why" ]; then
		ok "valgrind: $name"
	else
		not_ok "valgrind: $name: ${why#; }"
		grep -v '^==[0-9]*== *$' "$log" | sed -n '1,60s/^/    /p'
	fi
}

# shellcheck disable=SC2086
vg "extract story (json)" 0 extract $STORY
# shellcheck disable=SC2086
vg "extract story (text)" 0 extract --format text $STORY
vg "extract story directory" 0 extract tests/story
vg "extract tests/articles (affiliations, several articles a run)" 0 extract tests/articles
vg "rules check" 0 rules check rules
vg "missing file" 2 extract "$tmp/missing.txt" "$tmp/good.txt"
vg "empty file" 0 extract "$tmp/empty.txt" "$tmp/good.txt"
vg "binary file" 2 extract "$tmp/binary.txt" "$tmp/good.txt"
vg "invalid UTF-8" 0 extract "$tmp/latin1.txt"
vg "malformed JSON Lines row" 2 extract "$tmp/rows.jsonl"
vg "unclosed quotation" 0 extract "$tmp/unclosed.txt"
vg "directory of mixed files" 0 extract "$tmp/mixed"
STDIN=$tmp/good.txt
vg "standard input" 0 extract -
STDIN=""
vg "usage error" 2 extract --no-such-option
# shellcheck disable=SC2086
vg "ingest story" 0 ingest -q --db "$tmp/lc.db" $STORY
vg "conflicts" 0 conflicts --db "$tmp/lc.db"
vg "conflicts (json, --source)" 0 conflicts --db "$tmp/lc.db" --format json --source velden
vg "stance" 0 stance --db "$tmp/lc.db" --claim "Calder Tide caused the solvent leak"
vg "stance: bad claims file" 2 stance --db "$tmp/lc.db" --claims "$tmp/rows.jsonl"
# graph: DOT, SVG (Graphviz's own leaks are in tests/valgrind.supp), a view,
# the injection article and an error
vg "graph (dot)" 0 graph --db "$tmp/lc.db" -o "$tmp/lc.dot"
vg "graph (svg)" 0 graph --db "$tmp/lc.db" -o "$tmp/lc.svg"
vg "graph --source --depth 2 --max-claims 10" 0 graph --db "$tmp/lc.db" --source velden --depth 2 --max-claims 10 -o "$tmp/lc2.svg"
vg "ingest the graph injection article" 0 ingest -q --db "$tmp/inj.db" tests/graph/injection.txt
vg "graph of the injection article (svg)" 0 graph --db "$tmp/inj.db" -o "$tmp/inj.svg"
vg "graph: unknown article" 2 graph --db "$tmp/lc.db" --doc nowhere --format dot
finish
status=$?
echo "$T_PASS passed, $T_FAIL failed"
exit $status
