#!/bin/sh
# Tests of `whosaid graph`, the source graph as DOT and SVG.
#
# usage: sh tests/graph.sh BIN
#        WHOSAID_UPDATE_GOLDEN=1 sh tests/graph.sh BIN   (rewrites the goldens;
#                                 review with git diff tests/graph/expected)
#
#   golden      the DOT of small fictional stores (tests/graph/ferry-*, the
#               injection article) against tests/graph/expected, for every
#               view; one SVG too, the Graphviz version comment stripped
#   formats     `dot` accepts the DOT, xmllint the SVG; two runs give the
#               same bytes; the format follows -o's extension; no SVG to a
#               terminal
#   story       the whole store of tests/story: one node per claim cluster,
#               per quoted source (and the organizations they belong to) and
#               per article; every claim reported in an article
#   views       --doc, --source, --claim with --depth, --top, --min-articles,
#               --max-claims: each shows what it says, and says on standard
#               error what was left out
#   escaping    tests/graph/injection.txt (`"]; x [label=<b>`, <script>, \N,
#               a trailing backslash, entities, a 10,000-character quote) and
#               an article of invalid UTF-8 and control characters: no node
#               or markup is injected, the texts read as written in the SVG
#               (whosaid's and dot's from the DOT), the long quote is cut in
#               its label and whole in its tooltip
#   errors      bad options and missing things: status 2 and a message
#   shared      when ../shared is there: the seeds against their gold
#               (tests/graph/seeds_check.py), and `--top 40` of a store of
#               ../shared/corpus/news.jsonl in under 10 s (not under
#               sanitizers)
#
# Needs Graphviz's `dot` and `gvpr`, xmllint and python3; without them the
# checks that use them are skipped.
BIN=$1
[ -n "$BIN" ] || { echo "usage: sh tests/graph.sh BIN" >&2; exit 2; }
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
BIN=$(abs_bin "$BIN")
[ -x "$BIN" ] || { echo "graph.sh: error: '$BIN' is not an executable" >&2; exit 2; }
LIMIT=${WHOSAID_TIMEOUT:-120}
# Graphviz's own leaks, under LeakSanitizer (make asan)
LSAN_OPTIONS="suppressions=$(pwd)/tests/graph/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
EXP=tests/graph/expected
STORY="tests/story/harbor-courier.txt tests/story/valley-post.md tests/story/the-ledger.txt tests/story/wire.jsonl"
FERRY="tests/graph/ferry-gazette.txt tests/graph/ferry-courier.md"

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

have() { command -v "$1" > /dev/null 2>&1; }
HAVE_PY=1; have python3 || HAVE_PY=0
HAVE_DOT=1; { have dot && have gvpr; } || HAVE_DOT=0
HAVE_XML=1; have xmllint || HAVE_XML=0

# w ARGS...: runs BIN ARGS; stdout in $tmp/out, stderr in $tmp/err, status in $rc
w() {
	timeout "$LIMIT" "$BIN" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
	rc=$?
}

# check NAME STATUS [DETAIL_FILE]
check() {
	if [ "$2" -eq 0 ]; then
		ok "graph: $1"
	else
		not_ok "graph: $1"
		[ -n "$3" ] && [ -f "$3" ] && show "$3"
	fi
	return 0
}

# ingest NAME FILES...: a store in $tmp/NAME.db
ingest() {
	db=$tmp/$1.db
	shift
	if ! timeout "$LIMIT" "$BIN" ingest -q --db "$db" "$@" > "$tmp/ingest.log" 2>&1; then
		not_ok "graph: ingest $*"
		show "$tmp/ingest.log"
	fi
}

# nodes FILE.dot [PREFIX]: node names, one a line (gvpr reads the DOT as dot does)
nodes() { gvpr 'N{print($.name)}' "$1" | grep "^${2:-}" | sort; }
# edges FILE.dot: "TAIL HEAD" lines
edges() { gvpr 'E{print($.tail.name, " ", $.head.name)}' "$1" | sort; }
count() { grep -c . "$@" || true; }

# ---- stores -----------------------------------------------------------------
# shellcheck disable=SC2086
ingest story $STORY
# shellcheck disable=SC2086
ingest ferry $FERRY
# invalid UTF-8 and control characters in a title, a name and a quote
printf 'Title: Bad \377 bytes \001 and \033[31m colours\nOutlet: Bay \376 Times\n\n"The \377\376 value \033[31m is red \001 now," said Ana Holt.\n\n"Tabs\tand\rreturns stay text \\" said Ana Holt.\n' > "$tmp/bytes.txt"
ingest inj tests/graph/injection.txt "$tmp/bytes.txt"

# ---- golden -------------------------------------------------------------------
# golden NAME DB ARGS...: the DOT of `graph --db DB ARGS` against $EXP/NAME.dot
golden() {
	name=$1 db=$2
	shift 2
	w graph --db "$tmp/$db.db" --format dot "$@"
	if [ $rc -ne 0 ]; then
		check "golden $name: exit status $rc" 1 "$tmp/err"
		return
	fi
	if [ -n "$WHOSAID_UPDATE_GOLDEN" ]; then
		mkdir -p "$EXP"
		cp "$tmp/out" "$EXP/$name.dot"
		echo "wrote $EXP/$name.dot"
	fi
	if [ ! -f "$EXP/$name.dot" ]; then
		check "golden $name: $EXP/$name.dot is missing (WHOSAID_UPDATE_GOLDEN=1 writes it)" 1
		return
	fi
	diff -u "$EXP/$name.dot" "$tmp/out" > "$tmp/diff"
	check "golden $name (graph $*)" $? "$tmp/diff"
}
golden ferry ferry
golden ferry-doc ferry --doc ferry-courier
golden ferry-source ferry --source 'Osric Vale'
golden ferry-claim ferry --claim 1 --depth 2
golden ferry-top ferry --top 1 --min-articles 2
golden injection inj

# the SVG of the ferry store, without the comment naming Graphviz's version
w graph --db "$tmp/ferry.db" --format svg
sed '/^<!-- Generated by graphviz/,/-->$/d' "$tmp/out" > "$tmp/ferry.svg"
if [ -n "$WHOSAID_UPDATE_GOLDEN" ]; then
	cp "$tmp/ferry.svg" "$EXP/ferry.svg"
	echo "wrote $EXP/ferry.svg"
fi
if [ -f "$EXP/ferry.svg" ]; then
	diff -u "$EXP/ferry.svg" "$tmp/ferry.svg" > "$tmp/diff"
	check "golden ferry.svg (Graphviz version comment stripped)" $? "$tmp/diff"
else
	check "golden ferry.svg: $EXP/ferry.svg is missing" 1
fi
grep -q 'Generated by graphviz' "$tmp/out"
check "the SVG names the Graphviz version (which the golden strips)" $?

# ---- formats ------------------------------------------------------------------
w graph --db "$tmp/story.db" -o "$tmp/story.dot"
s1=$rc
w graph --db "$tmp/story.db" -o "$tmp/story2.dot"
[ $s1 -eq 0 ] && [ $rc -eq 0 ] && cmp -s "$tmp/story.dot" "$tmp/story2.dot"
check "the same store gives the same DOT bytes twice" $?
w graph --db "$tmp/story.db" -o "$tmp/story.svg"
s1=$rc
w graph --db "$tmp/story.db" -o "$tmp/story2.svg"
[ $s1 -eq 0 ] && [ $rc -eq 0 ] && cmp -s "$tmp/story.svg" "$tmp/story2.svg"
check "the same store gives the same SVG bytes twice" $?
head -c 100 "$tmp/story.dot" | grep -q '^digraph whosaid {'
check "-o FILE.dot writes DOT" $?
grep -q '<svg ' "$tmp/story.svg"
check "-o FILE.svg writes SVG" $?
w graph --db "$tmp/story.db" -o "$tmp/story.gv" --format svg
grep -q '<svg ' "$tmp/story.gv"
check "--format wins over the extension" $?
w graph --db "$tmp/story.db"
grep -q '<svg ' "$tmp/out"
check "SVG by default on a pipe" $?
if [ $HAVE_DOT -eq 1 ]; then
	dot -Tsvg "$tmp/story.dot" > /dev/null 2> "$tmp/dot.err" && [ ! -s "$tmp/dot.err" ]
	check "dot accepts the DOT without a warning" $? "$tmp/dot.err"
else
	skip "graph: dot accepts the DOT: graphviz is not installed"
fi
if [ $HAVE_XML -eq 1 ]; then
	xmllint --noout "$tmp/story.svg" > "$tmp/xml.err" 2>&1
	check "xmllint accepts the SVG" $? "$tmp/xml.err"
else
	skip "graph: xmllint accepts the SVG: libxml2-utils is not installed"
fi
if have script; then
	script -qec "'$BIN' graph --db '$tmp/story.db'" /dev/null > "$tmp/tty" 2>&1
	grep -q "not writing SVG to a terminal" "$tmp/tty" && ! grep -q '<svg' "$tmp/tty"
	check "no SVG to a terminal, with a hint" $? "$tmp/tty"
else
	skip "graph: no SVG to a terminal: script(1) is not installed"
fi

# ---- story: the whole store -----------------------------------------------------
if [ $HAVE_DOT -eq 1 ] && [ $HAVE_PY -eq 1 ]; then
	w graph --db "$tmp/story.db" --format dot --max-claims 0 --max-sources 0 --max-articles 0
	cp "$tmp/out" "$tmp/all.dot"
	nodes "$tmp/all.dot" > "$tmp/nodes"
	grep -Ev '^([sca][0-9]+|legend)$' "$tmp/nodes" > "$tmp/bad"
	[ ! -s "$tmp/bad" ]
	check "story: every node is a source, claim, article or the legend" $? "$tmp/bad"
	"$BIN" claims --db "$tmp/story.db" --format json | python3 -c '
import json, sys
for l in sys.stdin: print("c%d" % json.loads(l)["id"])' | sort > "$tmp/want"
	grep '^c' "$tmp/nodes" > "$tmp/got"
	diff "$tmp/want" "$tmp/got" > "$tmp/diff"
	check "story: one node per claim cluster ($(count "$tmp/want"))" $? "$tmp/diff"
	"$BIN" sources --db "$tmp/story.db" --format json | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin]
quoted = {r["id"] for r in rows if r["quotes"] > 0}
orgs = {r["member_of"] for r in rows if r["id"] in quoted and r["member_of"]}
for i in sorted(quoted | orgs): print("s%d" % i)' | sort > "$tmp/want"
	grep '^s' "$tmp/nodes" > "$tmp/got"
	diff "$tmp/want" "$tmp/got" > "$tmp/diff"
	check "story: one node per quoted source and per organization they belong to ($(count "$tmp/want"))" $? "$tmp/diff"
	python3 -c 'import sqlite3, sys
for (i,) in sqlite3.connect(sys.argv[1]).execute("SELECT id FROM articles"): print("a%d" % i)' "$tmp/story.db" | sort > "$tmp/want"
	grep '^a' "$tmp/nodes" > "$tmp/got"
	diff "$tmp/want" "$tmp/got" > "$tmp/diff"
	check "story: one node per article ($(count "$tmp/want"))" $? "$tmp/diff"
	edges "$tmp/all.dot" > "$tmp/edges"
	grep '^c' "$tmp/nodes" | while read -r c; do
		grep -q "^$c a[0-9]*$" "$tmp/edges" || echo "$c is reported in no article"
	done > "$tmp/bad"
	[ ! -s "$tmp/bad" ]
	check "story: every claim has a 'reported in' edge" $? "$tmp/bad"
	gvpr 'E[match($.tail.name, "s") == 0 && match($.head.name, "c") == 0 && $.label == ""]{print($.tail.name, " ", $.head.name, " ", $.color)}' "$tmp/all.dot" > "$tmp/bad"
	n=$(gvpr 'E[match($.tail.name, "s") == 0 && match($.head.name, "c") == 0]{print($.color)}' "$tmp/all.dot" | sort -u | tr '\n' ' ')
	[ ! -s "$tmp/bad" ] && [ -n "$n" ]
	check "story: source-to-claim edges are labelled and coloured by stance ($n)" $? "$tmp/bad"
	grep -q 'legend' "$tmp/nodes" && grep -q 'How to read this graph' "$tmp/all.dot"
	check "story: a legend" $?
else
	skip "graph: story checks: need dot, gvpr and python3"
fi

# ---- views --------------------------------------------------------------------------
if [ $HAVE_DOT -eq 1 ] && [ $HAVE_PY -eq 1 ]; then
	# --doc: each claim is in that article
	w graph --db "$tmp/story.db" --format dot --doc valley-post
	cp "$tmp/out" "$tmp/v.dot"
	vp=$(python3 -c 'import sqlite3, sys
print("a%d" % sqlite3.connect(sys.argv[1]).execute("SELECT id FROM articles WHERE doc = ?", ("valley-post",)).fetchone()[0])' "$tmp/story.db")
	edges "$tmp/v.dot" > "$tmp/edges"
	nodes "$tmp/v.dot" c > "$tmp/got"
	"$BIN" claims --db "$tmp/story.db" --doc valley-post --format json | python3 -c '
import json, sys
for l in sys.stdin: print("c%d" % json.loads(l)["id"])' | sort > "$tmp/want"
	# the claims they conflict with come along
	gvpr 'E[$.dir == "both"]{print($.tail.name, " ", $.head.name)}' "$tmp/v.dot" > "$tmp/conf"
	bad=$(while read -r c; do
		grep -q "^$c $vp$" "$tmp/edges" && continue
		grep -E "^$c |^c[0-9]* $c$" "$tmp/conf" | tr ' ' '\n' | grep -vx "$c" | while read -r o; do
			grep -qx "$o" "$tmp/want" && echo yes
		done | grep -q yes || echo "$c"
	done < "$tmp/got")
	comm -23 "$tmp/want" "$tmp/got" > "$tmp/diff"
	[ $rc -eq 0 ] && [ -z "$bad" ] && [ ! -s "$tmp/diff" ]
	check "--doc: the article's claims ($(count "$tmp/want")), and claims in conflict with them ($(count "$tmp/got") in all)" $? "$tmp/diff"
	[ -n "$bad" ] && echo "    neither in the article nor in conflict with it: $bad"
	# --source: the source's claims
	w graph --db "$tmp/story.db" --format dot --source 'Tomas Brekke'
	cp "$tmp/out" "$tmp/v.dot"
	sid=$("$BIN" sources --db "$tmp/story.db" --source 'Tomas Brekke' --format json | python3 -c '
import json, sys
print(json.loads(sys.stdin.readline())["id"])')
	"$BIN" claims --db "$tmp/story.db" --source 'Tomas Brekke' --format json | python3 -c '
import json, sys
for l in sys.stdin: print("c%d" % json.loads(l)["id"])' | sort > "$tmp/want"
	edges "$tmp/v.dot" | sed -n "s/^s$sid \(c[0-9]*\)$/\1/p" | sort -u > "$tmp/got"
	[ $rc -eq 0 ] && [ -s "$tmp/want" ] && diff "$tmp/want" "$tmp/got" > "$tmp/diff"
	check "--source: every claim of the source, linked from it ($(count "$tmp/want"))" $? "$tmp/diff"
	# --claim and --depth
	cid=$(head -n 1 "$tmp/want" | tr -d c)
	w graph --db "$tmp/story.db" --format dot --claim "$cid"
	cp "$tmp/out" "$tmp/d1.dot"
	w graph --db "$tmp/story.db" --format dot --claim "$cid" --depth 2
	cp "$tmp/out" "$tmp/d2.dot"
	n1=$(nodes "$tmp/d1.dot" c | count)
	n2=$(nodes "$tmp/d2.dot" c | count)
	nodes "$tmp/d1.dot" c | grep -qx "c$cid" && [ "$n2" -gt "$n1" ]
	check "--claim $cid: the claim (with its conflicts: $n1 claims), more at --depth 2 ($n2)" $?
	# --min-articles
	w graph --db "$tmp/story.db" --format dot --min-articles 2
	cp "$tmp/out" "$tmp/v.dot"
	edges "$tmp/v.dot" | awk '$1 ~ /^c/ && $2 ~ /^a/ {n[$1]++} END {for (c in n) if (n[c] < 2) print c}' > "$tmp/bad"
	n=$(nodes "$tmp/v.dot" c | count)
	[ "$n" -gt 0 ] && [ ! -s "$tmp/bad" ]
	check "--min-articles 2: every claim ($n) is reported by 2 articles or more" $? "$tmp/bad"
	# --top
	w graph --db "$tmp/story.db" --format dot --top 2
	cp "$tmp/out" "$tmp/v.dot"
	n=$(edges "$tmp/v.dot" | awk '$1 ~ /^s/ && $2 ~ /^c/ {print $1}' | sort -u | count)
	[ "$n" -eq 2 ]
	check "--top 2: two sources speak ($n)" $?
	# the budget
	w graph --db "$tmp/story.db" --format dot --max-claims 5
	cp "$tmp/out" "$tmp/v.dot"
	n=$(nodes "$tmp/v.dot" c | count)
	[ "$n" -eq 5 ] && grep -q 'showing 5 of [0-9]* claims' "$tmp/err"
	check "--max-claims 5: five claims, and stderr says what was left out" $? "$tmp/err"
	w graph --db "$tmp/story.db" --format dot
	[ ! -s "$tmp/err" ]
	check "nothing is said on stderr when nothing was left out" $? "$tmp/err"
	# conflicts (issue 4): a red edge both ways between the claims
	"$BIN" conflicts --db "$tmp/ferry.db" --format json > "$tmp/conf" 2> /dev/null
	if [ -s "$tmp/conf" ]; then
		w graph --db "$tmp/ferry.db" --format dot
		cp "$tmp/out" "$tmp/v.dot"
		n=$(gvpr 'E[$.dir == "both"]{print($.tail.name, " ", $.head.name)}' "$tmp/v.dot" | grep -c '^c[0-9]* c[0-9]*$')
		[ "$n" -ge 1 ]
		check "conflicting claims are joined by an edge both ways ($n)" $?
	else
		skip "graph: conflict edges: 'whosaid conflicts' finds none in the ferry story"
	fi
else
	skip "graph: view checks: need dot, gvpr and python3"
fi

# ---- escaping -----------------------------------------------------------------------
w graph --db "$tmp/inj.db" -o "$tmp/inj.dot"
s1=$rc
w graph --db "$tmp/inj.db" -o "$tmp/inj.svg"
[ $s1 -eq 0 ] && [ $rc -eq 0 ]
check "injection: graph runs (DOT and SVG)" $? "$tmp/err"
if [ $HAVE_DOT -eq 1 ]; then
	dot -Tsvg "$tmp/inj.dot" > "$tmp/inj-dot.svg" 2> "$tmp/dot.err" && [ ! -s "$tmp/dot.err" ]
	check "injection: dot accepts the DOT" $? "$tmp/dot.err"
	nodes "$tmp/inj.dot" | grep -Ev '^([sca][0-9]+|legend)$' > "$tmp/bad"
	[ ! -s "$tmp/bad" ]
	check "injection: no node is injected into the DOT" $? "$tmp/bad"
	n=$(gvpr 'N{print($.name)}' "$tmp/inj.dot" | count)
	e=$(gvpr 'E{print($.name)}' "$tmp/inj.dot" | count)
	[ "$n" -gt 3 ] && [ "$e" -gt 3 ]
	check "injection: the graph has its nodes ($n) and edges ($e)" $?
fi
if [ $HAVE_XML -eq 1 ]; then
	xmllint --noout "$tmp/inj.svg" > "$tmp/xml.err" 2>&1
	check "injection: xmllint accepts the SVG" $? "$tmp/xml.err"
	[ $HAVE_DOT -eq 1 ] && { xmllint --noout "$tmp/inj-dot.svg" > "$tmp/xml.err" 2>&1
		check "injection: xmllint accepts dot's SVG of the DOT" $? "$tmp/xml.err"; }
fi
# markup: no element but Graphviz's own
sed -n 's/.*<\([a-zA-Z][a-zA-Z]*\)[ >/].*/\1/p' "$tmp/inj.svg" | sort -u | grep -Evx 'svg|g|title|a|polygon|path|ellipse|text|polyline' > "$tmp/bad"
! grep -qi 'javascript:' "$tmp/inj.svg" && [ ! -s "$tmp/bad" ]
check "injection: no markup or script link gets into the SVG" $? "$tmp/bad"
if [ $HAVE_PY -eq 1 ]; then
	cat > "$tmp/texts.py" <<'EOF'
import html, re, sys
s = open(sys.argv[1], encoding='utf-8').read()
texts = [html.unescape(t) for t in re.findall(r'<text[^>]*>(.*?)</text>', s, re.S)]
titles = [html.unescape(t) for t in re.findall(r'xlink:title="([^"]*)"', s)]
mode = sys.argv[2]
if mode == 'all':
    for t in sorted(texts + titles): print(t)
else:
    blob = '\n'.join(texts if mode == 'texts' else titles)
    print(blob)
EOF
	python3 "$tmp/texts.py" "$tmp/inj.svg" texts > "$tmp/texts"
	python3 "$tmp/texts.py" "$tmp/inj.svg" titles > "$tmp/titles"
	bad=""
	grep -qF 'see what \N and \G and \E and \L print' "$tmp/texts" || bad="$bad label-backslashes"
	grep -qF 'see what \N and \G and \E and \L print' "$tmp/titles" || bad="$bad tooltip-backslashes"
	grep -qF 'C:\temp\' "$tmp/titles" || bad="$bad trailing-backslash"
	grep -qF '&lt;entities&gt; and &#60;numeric&#62;' "$tmp/texts" || bad="$bad label-entities"
	grep -qF '&lt;entities&gt; and &#60;numeric&#62;' "$tmp/titles" || bad="$bad tooltip-entities"
	grep -qF 'the file would never hold "]; x [label=<b>bold</b>]; or worse.' "$tmp/titles" || bad="$bad quote-injection"
	grep -qF 'Pier "]; x [label=<b>boom</b>] ;' "$tmp/texts" || bad="$bad title-injection"
	grep -qF "<script>alert('x')</script>" "$tmp/titles" || bad="$bad script-text"
	grep -qF 'Harbor & <i>Sons</i> "]; \N' "$tmp/texts" || bad="$bad outlet"
	grep -q "$(printf '\357\277\275')" "$tmp/texts" || bad="$bad no-U+FFFD"
	grep -q "$(printf '[\001\033]')" "$tmp/texts" "$tmp/titles" && bad="$bad control-characters"
	[ -z "$bad" ]
	check "injection: texts read in the SVG as written (labels and tooltips)" $? "$tmp/texts"
	[ -n "$bad" ] && echo "    failed:$bad"
	python3 - "$tmp/inj.svg" > "$tmp/long" <<'EOF'
import html, re, sys
s = open(sys.argv[1], encoding='utf-8').read()
# the node whose tooltip holds the long quote: its tooltip, and its label's lines
for m in re.finditer(r'<g id="node\d+" class="node">(.*?)</g>\n</g>', s, re.S):
    block = m.group(1)
    t = re.search(r'xlink:title="([^"]*)"', block)
    if t and 'word0 word1 word2' in t.group(1):
        title = html.unescape(t.group(1))
        quote = title.split(': ', 1)[1]
        lines = [html.unescape(x) for x in re.findall(r'<text[^>]*>(.*?)</text>', block)]
        print(len(quote), len(lines), max(len(x) for x in lines), lines[-1].endswith('\u2026\u201d') or
              any(x.endswith('\u2026\u201d') for x in lines))
        break
EOF
	read -r qlen nlines width cut < "$tmp/long"
	[ "${qlen:-0}" -eq 10000 ] && [ "${nlines:-99}" -le 6 ] && [ "${width:-999}" -le 45 ] && [ "$cut" = True ]
	check "injection: the 10,000-character quote: whole in its tooltip ($qlen), cut in its label ($nlines lines of at most $width)" $? "$tmp/long"
	if [ $HAVE_DOT -eq 1 ]; then
		python3 "$tmp/texts.py" "$tmp/inj.svg" all > "$tmp/a"
		python3 "$tmp/texts.py" "$tmp/inj-dot.svg" all > "$tmp/b"
		diff "$tmp/a" "$tmp/b" > "$tmp/diff"
		check "injection: dot's SVG of the DOT reads the same texts (the escapes survive the DOT)" $? "$tmp/diff"
	fi
else
	skip "graph: injection texts: python3 is not installed"
fi

# ---- errors -----------------------------------------------------------------------------
# err NAME PATTERN ARGS...: status 2 and PATTERN on stderr
err() {
	name=$1 pat=$2
	shift 2
	w graph "$@"
	[ $rc -eq 2 ] && grep -q "$pat" "$tmp/err" && [ ! -s "$tmp/out" ]
	check "error: $name" $? "$tmp/err"
}
err "unknown article" "no article 'nowhere'" --db "$tmp/story.db" --doc nowhere --format dot
err "unknown source" "no source matches" --db "$tmp/story.db" --source 'Nobody Atall' --format dot
err "unknown claim" "no claim '999999'" --db "$tmp/story.db" --claim 999999 --format dot
err "two seeds" "give one of" --db "$tmp/story.db" --doc valley-post --claim 3
err "unknown format" "unknown format 'png'" --db "$tmp/story.db" --format png
err "unknown extension" "cannot tell the format" --db "$tmp/story.db" -o "$tmp/x.png"
err "bad depth" "'--depth' needs" --db "$tmp/story.db" --depth 0
err "bad claim id" "'--claim' needs" --db "$tmp/story.db" --claim abc
err "missing database" "cannot open database" --db "$tmp/none.db" --format dot
err "unknown option" "unknown option '--colour'" --db "$tmp/story.db" --colour
[ ! -e "$tmp/x.png" ]
check "error: nothing written on error" $?
w graph --db "$tmp/story.db" -o "$tmp/no/such/dir/g.svg"
[ $rc -eq 2 ] && grep -q "cannot open" "$tmp/err"
check "error: an output file that cannot be written" $? "$tmp/err"
w graph --help
[ $rc -eq 0 ] && grep -q 'usage: whosaid graph' "$tmp/out"
check "--help" $?

# ---- shared ------------------------------------------------------------------------------
SHARED=../shared
if [ -d "$SHARED/seeds/gold" ] && [ $HAVE_PY -eq 1 ]; then
	ingest seeds "$SHARED"/seeds/*.txt
	w graph --db "$tmp/seeds.db" -o "$tmp/seeds.dot"
	python3 tests/graph/seeds_check.py "$tmp/seeds.dot" "$tmp/seeds.db" "$SHARED/seeds/gold" > "$tmp/seeds.txt"
	s=$?
	sed 's/^/    /' "$tmp/seeds.txt"
	check "shared: seeds: every quoted source is one node with its title; each merged same_claim group one node linked to its articles" $s
else
	skip "graph: shared: ../shared/seeds is not there (or python3 is missing)"
fi
if [ -f "$SHARED/corpus/news.jsonl" ] && [ -z "$WHOSAID_SANITIZER" ]; then
	timeout 600 "$BIN" ingest -q --jobs 2 --db "$tmp/news.db" "$SHARED/corpus/news.jsonl" > /dev/null 2>&1
	# the clusters are computed on first use: time a second run
	timeout "$LIMIT" "$BIN" graph --db "$tmp/news.db" --format dot --top 1 > /dev/null 2>&1
	t0=$(date +%s.%N)
	w graph --db "$tmp/news.db" --top 40 -o "$tmp/news.svg"
	t1=$(date +%s.%N)
	secs=$(echo "$t1 $t0" | awk '{printf "%.2f", $1 - $2}')
	[ $rc -eq 0 ] && awk -v s="$secs" 'BEGIN {exit !(s < 10)}'
	check "shared: news corpus: --top 40 renders in ${secs}s (< 10 s)" $? "$tmp/err"
	w graph --db "$tmp/news.db" -o "$tmp/news-all.svg"
	n=$(grep -c 'class="node"' "$tmp/news-all.svg")
	[ $rc -eq 0 ] && grep -q 'left out' "$tmp/err" && [ "$n" -le 250 ]
	check "shared: news corpus: the whole store is pruned to $n nodes and stderr says what was left out" $? "$tmp/err"
else
	skip "graph: shared: news corpus timing (../shared/corpus/news.jsonl is not there, or a sanitizer build)"
fi

finish
status=$?
echo "$T_PASS passed, $T_FAIL failed"
exit $status
