#!/bin/sh
# What the speed-ups of `whosaid extract` must not change.
#
# usage: sh tests/speed.sh BIN
#
#   json    JSON Lines rows decoded by read.c's fast path give the same
#           records and the same messages as when every row goes through
#           jansson (WHOSAID_JSON_SLOW=1): escapes, surrogate pairs, \u0000,
#           keys given twice, numbers, nesting, invalid UTF-8, bad escapes
#   cue     "needs cue" and "needs end" lines never change what a rule
#           finds: the story, a made-up article of sentences these lines
#           let through or stop (and ../shared/seeds when it is there)
#           extracted with and without them (WHOSAID_NO_CUE_NEEDS=1) give
#           the same bytes
#   fast    the fast paths change nothing: the story, a made-up article of
#           ASCII and non-ASCII sentences (and ../shared/seeds when it is
#           there) extracted with and without them (WHOSAID_NO_FAST=1: every
#           sentence matched by the rules as written, compiled with UTF and
#           UCP) give the same bytes
#   check   `whosaid rules check` reports a bad "needs cue" or "needs end"
#           line at its file:line:col and exits 2
#   cache   the compiled patterns kept between runs (patcache) change
#           nothing: a run that writes the cache, one that reads it, one
#           with a damaged cache file, one after a rule changed (some
#           patterns taken from the file, some compiled) and one without the
#           cache give the same bytes, and the file is written again
#   probe   a "probe" (a lookahead compiled once, called from the rules as
#           a callout) finds what the lookahead written out in each rule
#           finds: the story, the made-up article (and ../shared/seeds when
#           it is there) give the same bytes with every "probe" line turned
#           into "define"
# The throughput itself is measured by tests/bench.sh (make bench).
. "$(dirname "$0")/lib.sh"
BIN=$(abs_bin "$1")
[ -x "$BIN" ] || { echo "usage: sh tests/speed.sh BIN" >&2; exit 2; }
cd "$(dirname "$0")/.." || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# ---- json: the fast path against jansson ---------------------------------
# Fictional rows; each line exercises one thing the fast path must either
# decode exactly as jansson does or leave to jansson.
python3 - "$tmp/rows.jsonl" <<'PY'
import sys
rows = [
    r'{"id":"j1","title":"Pier","text":"\"We will\treopen the \u00e9lue pier \/ dock \\ quay \ud83d\ude00 \b\f soon,\" said Mara Quell.\n\nShe added that the pier was safe."}',
    r'{"id":"j2","text":"A NUL \u0000 here. Ilse Marr said the samples matched the tank."}',
    r'{"id":"j3","text":"A lone \ud800 surrogate, Ilse Marr said."}',
    r'{"id":"j4","text":"A low \udc00 surrogate."}',
    r'{"id":7,"text":"A numeric id. Ilse Marr said the tank leaked."}',
    r'{"id":"j6","text":"first","text":"Given twice: Ilse Marr said the second one counts."}',
    r'{"id":"j7","text":"Nested values, Ilse Marr said.","meta":{"tags":[1,2.5,true,null]}}',
    r'{"id":"j8","title":null,"text":"A null title, Ilse Marr said."}',
    r'  {"id" : "j9" ,"text" : "Spaces around tokens, Ilse Marr said the pier was closed."}  ',
    r'{"id":"j10","text":"trailing bytes"} x',
    r'{"id":"j11","text":"a bad escape \q"}',
    r'{"id":"j12","text":"a control' + '\x01' + r' byte"}',
    r'{"id":"j13","te\u0078t":"An escaped key: Ilse Marr said the key counts."}',
    r'{"id":"j14","text":"unterminated',
    r'["an array"]',
    r'{}',
    r'{"id":"j17","text":"Upper hex \u00E9 and \uD83D\uDE00, Ilse Marr said the plan failed."}',
    r'{"id":"j18","text":"short \u12"}',
    r'{"id":"j19","other":"x\"y","text":"A quote in another field: Ilse Marr said the deal was done."}',
    r'{"id":"\u0041\u0000B","text":"An id with NUL. Ilse Marr said she would go."}',
]
with open(sys.argv[1], 'wb') as f:
    for r in rows:
        f.write(r.encode() + b'\n')
    f.write(b'{"id":"b1","text":"bad \xff byte, Ilse Marr said."}\n')
    f.write(b'{"id":"b2","text":"overlong \xc0\xaf, Ilse Marr said."}\n')
    f.write(b'{"id":"b3","text":"encoded surrogate \xed\xa0\x80, Ilse Marr said."}\n')
    f.write(b'{"id":"b4","text":"four bytes \xf0\x9f\x98\x80, Ilse Marr said the plan failed."}\n')
    f.write(b'{"id":"b5","text":"A CRLF row, Ilse Marr said the plan failed."}\r\n')
    f.write(b'\xef\xbb\xbf{"id":"b6","text":"a byte order mark, Ilse Marr said."}\n')
    f.write(b'{"id":"b7","text":"above U+10FFFF \xf4\x90\x80\x80, Ilse Marr said."}\n')
PY
"$BIN" extract "$tmp/rows.jsonl" > "$tmp/fast.out" 2> "$tmp/fast.err"
fast_rc=$?
WHOSAID_JSON_SLOW=1 "$BIN" extract "$tmp/rows.jsonl" > "$tmp/slow.out" 2> "$tmp/slow.err"
slow_rc=$?
if [ "$fast_rc" = "$slow_rc" ] && cmp -s "$tmp/fast.out" "$tmp/slow.out" && cmp -s "$tmp/fast.err" "$tmp/slow.err"; then
	ok "json: fast path and jansson give the same records and messages ($(grep -c '"type":"article"' "$tmp/fast.out") articles, $(grep -c 'error' "$tmp/fast.err") rows refused)"
else
	not_ok "json: fast path and jansson differ (status $fast_rc vs $slow_rc)"
	diff "$tmp/slow.out" "$tmp/fast.out" > "$tmp/d" 2>&1; diff "$tmp/slow.err" "$tmp/fast.err" >> "$tmp/d" 2>&1; show "$tmp/d"
fi
# the rows really hold what the comparison is about
if grep -q '"doc":"j1"' "$tmp/fast.out" && grep -q "invalid Unicode" "$tmp/fast.err" && grep -q '"doc":"7"' "$tmp/fast.out"; then
	ok "json: the rows decode (escapes, a numeric id) and bad ones are refused"
else
	not_ok "json: expected records or messages missing"
	show "$tmp/fast.err"
fi

# ---- cue: "needs cue" and "needs end" lines change nothing ---------------
# Invented sentences for the rules with "needs end" lines and "next" texts:
# a paragraph closed by "said:", quotations that end their sentence (after
# a period, a no-break space, curly marks), claims rejected (one with a
# long s, which a caseless "s" matches under Unicode rules), and sentences
# with a colon or a quotation elsewhere, which those lines keep out; a
# relative clause's cue before "was" and a verb in -ed (next "-ed"), and
# participles (suffix "ing").
printf '%s\n' "Pier safety in question" "" \
	"In a statement on Monday, the harbor board said: " "" \
	"The pier will reopen once the samples are tested. Divers will check the piles first." "" \
	'Ilse Marr told the council: "We will reopen the pier".' "" \
	"Søren Brekke said “the tank is safe.” " "" \
	"The agency rejected claims that it hid the samples from the council." "" \
	"Jonas Féld denied the allegations that the tank had leaked into the bay." "" \
	"The ministry dismissed suggestions that the dock had flooded." "" \
	"The council dismissed ſuggestions that the pier had sunk." "" \
	"Marr said the pier was safe: divers had checked it twice." "" \
	'Brekke said the survey, which the board ordered, was "complete" in every way.' "" \
	"The board said the report that Marr wrote was thorough." "" \
	"The board raised a toll which critics said was unfair to ferry crews." "" \
	"The council approved a levy the mayor says doubled the harbor fund." "" \
	"Ilse Marr criticized the plan on Monday, saying that the pier needed new piles." "" \
	'"The samples are clean," Brekke said, adding that divers would check again.' > "$tmp/gates.txt"
set -- tests/story/*.txt tests/story/*.md tests/story/wire.jsonl "$tmp/gates.txt"
"$BIN" extract "$@" > "$tmp/with.out" 2>&1
WHOSAID_NO_CUE_NEEDS=1 "$BIN" extract "$@" > "$tmp/without.out" 2>&1
if cmp -s "$tmp/with.out" "$tmp/without.out" && [ -s "$tmp/with.out" ]; then
	ok "cue: the story and a made-up article give the same quotes with and without 'needs cue' and 'needs end' ($(grep -c '"type":"quote"' "$tmp/with.out") quotes)"
else
	not_ok "cue: 'needs cue' or 'needs end' changes what the rules find in the story"
	diff "$tmp/without.out" "$tmp/with.out" > "$tmp/d"; show "$tmp/d"
fi
# the made-up article reaches the rules these lines are about
missing=
for rule in cue-colon-block speaker-cue-quote speaker-rejects-claims relative-speaker-said participle-cue \
	    trailing-participle; do
	[ "$(grep '"doc":"gates"' "$tmp/with.out" | grep -c "\"rule\":\"$rule\"")" -ge 1 ] || missing="$missing $rule"
done
if [ -z "$missing" ]; then
	ok "cue: the made-up article gives quotes by the rules with 'needs end' and 'next' texts"
else
	not_ok "cue: the made-up article lacks quotes of:$missing"
	grep '"doc":"gates"' "$tmp/with.out" > "$tmp/d"; show "$tmp/d"
fi
if [ -d ../shared/seeds ]; then
	"$BIN" extract ../shared/seeds/*.txt > "$tmp/with.out" 2>&1
	WHOSAID_NO_CUE_NEEDS=1 "$BIN" extract ../shared/seeds/*.txt > "$tmp/without.out" 2>&1
	if cmp -s "$tmp/with.out" "$tmp/without.out"; then
		ok "cue: the seeds give the same quotes with and without 'needs cue'"
	else
		not_ok "cue: 'needs cue' changes what the rules find in the seeds"
		diff "$tmp/without.out" "$tmp/with.out" > "$tmp/d"; show "$tmp/d"
	fi
else
	skip "cue: seeds: ../shared/seeds is not there (it comes beside the clone)"
fi
# PolNeAR's 300-odd articles reach shapes the seeds do not (a parenthetical
# cue of the "that" frame once slipped through: "The nostalgia, he noted,")
if [ -d ../shared/eval/polnear/docs ] && [ -z "$WHOSAID_SANITIZER" ]; then
	"$BIN" extract ../shared/eval/polnear/docs > "$tmp/with.out" 2>&1
	WHOSAID_NO_CUE_NEEDS=1 "$BIN" extract ../shared/eval/polnear/docs > "$tmp/without.out" 2>&1
	if cmp -s "$tmp/with.out" "$tmp/without.out"; then
		ok "cue: PolNeAR gives the same quotes with and without 'needs cue'"
	else
		not_ok "cue: 'needs cue' changes what the rules find in PolNeAR"
		diff "$tmp/without.out" "$tmp/with.out" > "$tmp/d"; show "$tmp/d"
	fi
else
	skip "cue: PolNeAR: ../shared/eval/polnear is not there, or a sanitizer build (slow)"
fi

# ---- fast: the ASCII patterns and pasted macros change nothing ----------
# Invented sentences: some ASCII (matched by the ASCII patterns), some with
# curly quotes, dashes and accented names (matched by the UTF patterns),
# some whose only other characters are Latin-1 symbols (transcoded to one
# byte each and matched by the ASCII patterns).
cat > "$tmp/mixed.txt" <<'TXT'
Ilse Marr, a spokeswoman for the Aldmark agency, said on Monday that the pier would reopen.

“We will not sell,” said Jonas Féld, the harbor master — and the board agreed.

The samples matched the tank, according to two people familiar with the tests.

But officials said the leak, which began at Pier 4, had been contained.

Søren Brekke told reporters the tank was safe; the ministry denied claims that it hid the report.

"It is not clear," said Fran Oster, a former adviser.

The repairs will cost £4.2 million, or £310 a household, the harbor board said on Thursday.

Nils Varga, who chairs the © committee, said the £ figure was «too low» by 12°.
TXT
set -- tests/story/*.txt tests/story/*.md tests/story/wire.jsonl "$tmp/mixed.txt"
[ -d ../shared/seeds ] && set -- "$@" ../shared/seeds/*.txt
"$BIN" extract "$@" > "$tmp/fast.out" 2>&1
WHOSAID_NO_FAST=1 "$BIN" extract "$@" > "$tmp/slow.out" 2>&1
if cmp -s "$tmp/fast.out" "$tmp/slow.out" && [ "$(grep -c '"type":"quote"' "$tmp/fast.out")" -gt 0 ]; then
	ok "fast: the same quotes with and without the fast paths ($(grep -c '"type":"quote"' "$tmp/fast.out") quotes)"
else
	not_ok "fast: the fast paths change what the rules find"
	diff "$tmp/slow.out" "$tmp/fast.out" > "$tmp/d"; show "$tmp/d"
fi
if grep -q '"doc":"mixed".*"Jonas Féld"' "$tmp/fast.out" && grep -q '"doc":"mixed".*"Ilse Marr"' "$tmp/fast.out" &&
   grep -q '"doc":"mixed".*"Nils Varga"' "$tmp/fast.out" && grep -q '"doc":"mixed".*£310.*harbor board' "$tmp/fast.out"; then
	ok "fast: the made-up article's ASCII, Latin-1 and other non-ASCII sentences all give quotes"
else
	not_ok "fast: expected quotes of the made-up article missing"
	grep '"doc":"mixed"' "$tmp/fast.out" > "$tmp/d"; show "$tmp/d"
fi

# ---- check: a bad "needs cue" line is reported where it is ---------------
cp -R rules "$tmp/rules"
python3 - "$tmp/rules/attribution.rules" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace('needs cue that next "to"\n', 'needs cue that next "to"\nneeds cue "no-such-lemma"\nneeds cue sometimes\n'
              'needs cue clause not\nneeds cue clause not "tell" that\nneeds cue clause suffix "ING"\n'
              'needs cue clause unless\n', 1)
s = s.replace('needs end ":"\n', 'needs end ":"\nneeds end quote "x y"\n', 1)
open(p, 'w').write(s)
PY
line=$(grep -n '^needs cue "no-such-lemma"' "$tmp/rules/attribution.rules" | cut -d: -f1)
eline=$(grep -n '^needs end quote "x y"' "$tmp/rules/attribution.rules" | cut -d: -f1)
"$BIN" rules check "$tmp/rules" > "$tmp/check.out" 2>&1
rc=$?
if [ "$rc" = 2 ] && [ -n "$line" ] &&
   grep -q "attribution.rules:$line:12: error: unknown cue lemma 'no-such-lemma'" "$tmp/check.out" &&
   grep -q "attribution.rules:$((line + 1)):11: error: expected 'needs cue" "$tmp/check.out" &&
   grep -q "attribution.rules:$((line + 2)):11: error: expected 'needs cue" "$tmp/check.out" &&
   grep -q "attribution.rules:$((line + 3)):11: error: expected 'needs cue" "$tmp/check.out" &&
   grep -q "attribution.rules:$((line + 4)):11: error: expected 'needs cue" "$tmp/check.out" &&
   grep -q "attribution.rules:$((line + 5)):11: error: expected 'needs cue" "$tmp/check.out" &&
   [ -n "$eline" ] && grep -q "attribution.rules:$eline:17: error: expected 'needs end" "$tmp/check.out"; then
	ok "check: bad 'needs cue' and 'needs end' lines are reported at file:line:col, status 2"
else
	not_ok "check: bad 'needs cue' or 'needs end' lines (status $rc, lines $line $eline)"
	show "$tmp/check.out"
fi
# a cue form with a byte other than a letter or a single space: find_cues()
# would not see it, and the offset limit and the cue gate would drop its
# matches, so the rule check refuses it
rm -rf "$tmp/rules"; cp -R rules "$tmp/rules"
sed -i 's/^\(say *| *assert *| *clause *| *say, says, said, saying\)$/\1, re-said, said  so/' "$tmp/rules/cues.txt"
cline=$(grep -n 're-said' "$tmp/rules/cues.txt" | cut -d: -f1)
"$BIN" rules check "$tmp/rules" > "$tmp/check.out" 2>&1
rc=$?
if [ "$rc" = 2 ] && [ -n "$cline" ] &&
   grep -q "cues.txt:$cline:[0-9]*: error: cue form 're-said' may hold only ASCII letters" "$tmp/check.out" &&
   grep -q "cues.txt:$cline:[0-9]*: error: cue form 'said  so' may hold only ASCII letters" "$tmp/check.out"; then
	ok "check: a cue form with a hyphen or a double space is reported at file:line:col, status 2"
else
	not_ok "check: a cue form with a hyphen or a double space (status $rc, line $cline)"
	show "$tmp/check.out"
fi
if "$BIN" rules check rules > "$tmp/check.out" 2>&1; then
	ok "check: the shipped rules pass"
else
	not_ok "check: the shipped rules fail"; show "$tmp/check.out"
fi

# ---- cache: compiled patterns kept between runs change nothing -----------
set -- tests/story/*.txt tests/story/*.md tests/story/wire.jsonl "$tmp/mixed.txt"
cdir="$tmp/cache"
WHOSAID_NO_CACHE=1 "$BIN" extract "$@" > "$tmp/nocache.out" 2>&1
WHOSAID_CACHE_DIR="$cdir" "$BIN" extract "$@" > "$tmp/cache1.out" 2>&1
WHOSAID_CACHE_DIR="$cdir" "$BIN" extract "$@" > "$tmp/cache2.out" 2>&1
size1=$(wc -c < "$cdir/patterns.bin" 2>/dev/null || echo 0)
# a damaged file: one byte changed in the middle
python3 - "$cdir/patterns.bin" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
b[len(b) // 2] ^= 0x55
open(p, 'wb').write(bytes(b))
PY
WHOSAID_CACHE_DIR="$cdir" "$BIN" extract "$@" > "$tmp/cache3.out" 2>&1
WHOSAID_CACHE_DIR="$cdir" "$BIN" extract "$@" > "$tmp/cache4.out" 2>&1
# one rule changed (a comment inside its pattern): its patterns are
# compiled, the others taken from the file, and the file written again
cp -R rules "$tmp/rules2"
python3 - "$tmp/rules2/attribution.rules" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
i = s.index('\nrule speaker-cue-clause\n')
j = s.index('\n    ', i)
s = s[:j] + '\n    # (a changed rule)' + s[j:]
open(p, 'w').write(s)
PY
WHOSAID_CACHE_DIR="$cdir" "$BIN" extract --rules "$tmp/rules2" "$@" > "$tmp/cache5.out" 2>&1
WHOSAID_CACHE_DIR="$cdir" "$BIN" extract --rules "$tmp/rules2" "$@" > "$tmp/cache6.out" 2>&1
same=1
for k in 1 2 3 4 5 6; do
	cmp -s "$tmp/nocache.out" "$tmp/cache$k.out" || { same=0; echo "# run $k differs"; }
done
if [ "$same" = 1 ] && [ "$size1" -gt 100000 ] && [ -s "$cdir/patterns.bin" ] &&
   [ "$(grep -c '"type":"quote"' "$tmp/nocache.out")" -gt 0 ]; then
	ok "cache: the same quotes without the cache, writing it, reading it, damaged, after a rule changed"
else
	not_ok "cache: the pattern cache changes what the rules find (or was not written: $size1 bytes)"
fi
if WHOSAID_CACHE_DIR="$tmp/no/such/dir" "$BIN" extract "$@" > "$tmp/cache7.out" 2>&1 &&
   cmp -s "$tmp/nocache.out" "$tmp/cache7.out"; then
	ok "cache: a cache directory that cannot be made changes nothing"
else
	not_ok "cache: a cache directory that cannot be made breaks extract"
fi
# ---- probe: a probe matches as the lookahead written out ------------------
cp -R rules "$tmp/rules-define"
sed -i 's/^probe /define /' "$tmp/rules-define/attribution.rules"
set -- tests/story/*.txt tests/story/*.md tests/story/wire.jsonl "$tmp/mixed.txt"
[ -d ../shared/seeds ] && set -- "$@" ../shared/seeds/*.txt
WHOSAID_NO_CACHE=1 "$BIN" extract "$@" > "$tmp/probe.out" 2>&1
WHOSAID_NO_CACHE=1 "$BIN" extract --rules "$tmp/rules-define" "$@" > "$tmp/define.out" 2>&1
WHOSAID_NO_CACHE=1 WHOSAID_NO_FAST=1 "$BIN" extract "$@" > "$tmp/probe-slow.out" 2>&1
if grep -q '^probe ' rules/attribution.rules && cmp -s "$tmp/probe.out" "$tmp/define.out" &&
   cmp -s "$tmp/probe.out" "$tmp/probe-slow.out" &&
   [ "$(grep -c '"type":"quote"' "$tmp/probe.out")" -gt 0 ]; then
	ok "probe: the same quotes with the probes called and written out in every rule ($(grep -c '"type":"quote"' "$tmp/probe.out") quotes)"
else
	not_ok "probe: a probe finds other than its lookahead written out (or the rules have none)"
	diff "$tmp/define.out" "$tmp/probe.out" | head -20
fi
finish
