#!/bin/sh
# End-to-end tests of `whosaid extract` on the project's own fictional story
# (tests/story: four outlets in four house styles, gold in tests/story/gold).
#
# usage: sh tests/e2e.sh BIN
#
#   golden    stdout of `BIN extract FILE` (JSON Lines) and of
#             `BIN extract --format text FILE`, and the warnings on stderr,
#             must equal tests/e2e/expected/FILE.{jsonl,text,stderr}.
#             The rules are still being tuned: after a change, run
#             `make golden` (tests/update-golden.sh) and review
#             `git diff tests/e2e/expected` before committing.
#   warning   the unclosed quotation in valley-post.md is reported at 52:106
#             (checked apart from the golden files, so regenerating them
#             cannot hide its loss).
#   contract  every JSON record keeps the output contract (tests/contract.py).
#   score     span F1 against tests/story/gold is at least WHOSAID_MIN_F1
#             (0.90), speaker accuracy at least WHOSAID_MIN_SPEAKER (0.90),
#             and no not-quote (a title, a name, a scare quote) is extracted
#             (tests/score.py). A floor: a regression fails the suite.
#   held-out  the same score on tests/heldout (thirty articles annotated before
#             the tool was run on them), with floors WHOSAID_MIN_HELDOUT_F1
#             (0.86) and WHOSAID_MIN_HELDOUT_SPEAKER (0.93).
BIN=$1
[ -n "$BIN" ] || { echo "usage: sh tests/e2e.sh BIN" >&2; exit 2; }
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
BIN=$(abs_bin "$BIN")
need_bin e2e.sh

STORY="harbor-courier.txt valley-post.md the-ledger.txt wire.jsonl"
EXP=tests/e2e/expected
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

for f in $STORY; do
	in=tests/story/$f
	timeout 60 "$BIN" extract "$in" > "$tmp/$f.jsonl" 2> "$tmp/$f.stderr"
	rc_json=$?
	timeout 60 "$BIN" extract --format text "$in" > "$tmp/$f.text" 2> "$tmp/$f.text-stderr"
	rc_text=$?
	for ext in jsonl text; do
		name="golden $f ($ext)"
		rc=$rc_json
		[ "$ext" = text ] && rc=$rc_text
		if [ ! -f "$EXP/$f.$ext" ]; then
			not_ok "$name: $EXP/$f.$ext is missing (run 'make golden')"
		elif [ $rc -ne 0 ]; then
			not_ok "$name: exit status $rc, expected 0"
			show "$tmp/$f.stderr"
		elif ! diff -u "$EXP/$f.$ext" "$tmp/$f.$ext" > "$tmp/diff"; then
			not_ok "$name: output differs from $EXP/$f.$ext ('make golden' regenerates it)"
			show "$tmp/diff"
		else
			ok "$name"
		fi
	done
	name="golden $f (stderr)"
	if [ ! -f "$EXP/$f.stderr" ]; then
		not_ok "$name: $EXP/$f.stderr is missing (run 'make golden')"
	elif ! diff -u "$EXP/$f.stderr" "$tmp/$f.stderr" > "$tmp/diff"; then
		not_ok "$name: warnings differ from $EXP/$f.stderr"
		show "$tmp/diff"
	elif ! diff -u "$tmp/$f.stderr" "$tmp/$f.text-stderr" > "$tmp/diff"; then
		not_ok "$name: --format text warns differently from --format json"
		show "$tmp/diff"
	else
		ok "$name"
	fi
done

# The one unclosed quotation of the story: valley-post.md line 52, the
# opening mark at byte 2934 (column 106).
if grep -q '^tests/story/valley-post\.md:52:106: warning: .*never closed' "$tmp/valley-post.md.stderr"; then
	ok "warning: unclosed quotation reported as valley-post.md:52:106"
else
	not_ok "warning: no 'tests/story/valley-post.md:52:106: warning: ... never closed' on stderr"
	show "$tmp/valley-post.md.stderr"
fi
others=0
for f in harbor-courier.txt the-ledger.txt wire.jsonl; do
	[ -s "$tmp/$f.stderr" ] && others=1
done
if [ $others -eq 0 ]; then
	ok "warning: no warnings for the story's other files"
else
	not_ok "warning: warnings for a file with no unclosed quotation"
	cat "$tmp/harbor-courier.txt.stderr" "$tmp/the-ledger.txt.stderr" "$tmp/wire.jsonl.stderr" > "$tmp/w"
	show "$tmp/w"
fi

# text_line NAME INPUT LINE EXPECTED: line LINE of `extract --format text`
# on INPUT (one article on standard input) is EXPECTED.
text_line() {
	printf '%s\n' "$2" | timeout 60 "$BIN" extract --format text - > "$tmp/line.text" 2>&1
	if [ "$(sed -n "$3p" "$tmp/line.text")" = "$4" ]; then
		ok "text: $1"
	else
		not_ok "text: $1"
		show "$tmp/line.text"
	fi
}

# --format text is read by people: an expectation frame with no speaker
# ("The council is expected to approve ...") is two JSON records (the
# subject and the infinitive) but one line of text, the whole clause.
text_line "a subject and its infinitive around \"is expected\" print as one clause" \
	'The Selm council is expected to approve the ferry levy on Monday.' 1 \
	"-:1:1: (unattributed) [expected] {hedge}: The Selm council is expected to approve the ferry levy on Monday"

# A question nobody named asks ("Asked about the levy, Lind said ...") is
# shown as put to the one who answers it.
text_line "a question nobody named asks is shown as put to the one who answers" \
	'Asked about the ferry levy, Saga Lind said it was fair.' 1 \
	"-:1:13: (question to Saga Lind) [Asked]: the ferry levy"

if ! command -v python3 > /dev/null 2>&1; then
	skip "contract and score: python3 is not installed"
	finish
	exit
fi

for f in $STORY; do
	if python3 tests/contract.py "$tmp/$f.jsonl" "tests/story/$f" > "$tmp/contract"; then
		ok "contract $f"
	else
		not_ok "contract $f: records break the output contract"
		show "$tmp/contract"
	fi
done

# score_gold NAME GOLD_DIR PRED MIN_F1 MIN_SPEAKER: PRED against GOLD_DIR's
# quotes and not-quotes, with floors and no trap taken
score_gold() {
	if python3 tests/score.py "$2/quotes.jsonl" "$3" --not-quotes "$2/not_quotes.jsonl" \
		--min-f1 "$4" --min-speaker "$5" --max-traps 0 > "$tmp/score"; then
		ok "score $1 gold: $(sed -n 2p "$tmp/score")"
		sed -n '1s/^/    /p' "$tmp/score"
	else
		not_ok "score $1 gold"
		show "$tmp/score"
	fi
}

# shellcheck disable=SC2046
cat $(for f in $STORY; do echo "$tmp/$f.jsonl"; done) > "$tmp/all.jsonl"
score_gold "story" tests/story/gold "$tmp/all.jsonl" "${WHOSAID_MIN_F1:-0.90}" "${WHOSAID_MIN_SPEAKER:-0.90}"

# Several articles with speakers of every kind in one run: what one article
# leaves in the reused tables must be freed by the next (under AddressSanitizer,
# a leak makes the exit status nonzero; an affiliation leaked so before)
if "$BIN" extract tests/articles > /dev/null 2> "$tmp/articles.stderr"; then
	ok "extract tests/articles in one run: exit status 0"
else
	not_ok "extract tests/articles in one run: exit status $?"
	show "$tmp/articles.stderr"
fi

# Held-out articles (tests/heldout: written and annotated before the tool was
# run on them; see tests/heldout/README.md). The floor is a little under the
# figure after the fixes that followed the blind measurement.
HELDOUT="wire-strike.txt broadsheet-coalition.txt local-depot-fire.md business-tessaro.txt sport-rovers.txt liveblog-strike.txt
	b-court-ruling.txt b-health-study.md b-political-feature.txt b-briefing-tenhai.txt b-breaking-calvane.txt b-wire.jsonl
	c-village-meeting.txt c-interview-trask.md c-pellucid-results.txt c-council-vote.txt c-sanhe-ministry.txt c-viral-video.txt
	d-police-inspector.txt d-radio-mayor.txt d-obit-rosslyn.md d-flood-evacuation.txt d-lawsuit-corveth.txt d-analysis-dams.txt
	e-match-report.txt e-study-tarvamine.txt e-trial-tilley.txt e-halvern-earnings.txt e-column-cans.txt e-live-review.txt"
: > "$tmp/heldout.jsonl"
for f in $HELDOUT; do
	timeout 60 "$BIN" extract "tests/heldout/$f" >> "$tmp/heldout.jsonl" 2>/dev/null ||
		not_ok "held-out $f: exit status $?"
done
score_gold "held-out" tests/heldout/gold "$tmp/heldout.jsonl" "${WHOSAID_MIN_HELDOUT_F1:-0.86}" \
	"${WHOSAID_MIN_HELDOUT_SPEAKER:-0.93}"

finish
