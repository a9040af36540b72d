# Sourced by the test suites (tests/e2e.sh, tests/robust.sh). Each check prints
# one result line that tests/run-tests.sh counts:
#     ok - NAME            passed
#     not ok - NAME        failed (details follow, indented)
#     skip - NAME: WHY     not run here
T_PASS=0
T_FAIL=0
T_SKIP=0
ok() { T_PASS=$((T_PASS + 1)); echo "ok - $*"; }
not_ok() { T_FAIL=$((T_FAIL + 1)); echo "not ok - $*"; }
skip() { T_SKIP=$((T_SKIP + 1)); echo "skip - $*"; }
# Shows the first lines of a file, indented, under a failure.
show() { sed -n '1,40s/^/    /p' "$1"; n=$(wc -l < "$1"); [ "$n" -gt 40 ] && echo "    ... ($n lines)"; return 0; }
finish() {
	echo "# $T_PASS passed, $T_FAIL failed, $T_SKIP skipped"
	[ "$T_FAIL" -eq 0 ]
}
# The project's own example story, as the suites ingest it.
STORY="tests/story/harbor-courier.txt tests/story/valley-post.md tests/story/the-ledger.txt tests/story/wire.jsonl"
# need_bin NAME: BIN (made absolute first) must be an executable; else the
# suite NAME stops with status 2.
need_bin() {
	[ -x "$BIN" ] || { echo "$1: error: '$BIN' is not an executable" >&2; exit 2; }
}
# An absolute path for a binary given relative to the repository root.
abs_bin() { case $1 in /*) echo "$1" ;; */*) echo "$(pwd)/$1" ;; *) command -v "$1" ;; esac; }

# For suites that set SUITE (the name their results start with), BIN and
# tmp (a scratch directory):
# w ARGS...: runs BIN ARGS with a time limit (LIMIT, default 120 s); stdout
# in $tmp/out, stderr in $tmp/err, the exit status in $rc.
w() {
	timeout "${LIMIT:-120}" "$BIN" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
	rc=$?
}
# check NAME STATUS [DETAIL_FILE]: ok when STATUS is 0, else not ok with the
# first lines of DETAIL_FILE.
check() {
	if [ "$2" -eq 0 ]; then
		ok "$SUITE: $1"
	else
		not_ok "$SUITE: $1"
		[ -n "$3" ] && [ -f "$3" ] && show "$3"
	fi
	return 0
}
