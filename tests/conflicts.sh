#!/bin/sh
# Conflicts and stance (issue 4):
#   rules      tests/stance/*.test: frame and stance rules as data
#   story      `whosaid conflicts` on the project's own story: the company's
#              denials against the agency's finding, both formats, --source
#   xheld      tests/xheld (a blind five-outlet story) against its gold:
#              tests/xheld_check.py with floors
#   stance     `whosaid stance` on the story: related articles only, the
#              contract's fields, evidence quote ids; bad claims files
#   seeds      (reads ../shared; skipped without it) both gold propositions
#              with 70% of each side and nothing on the wrong side
#   fnc1       (reads ../shared; skipped without it and under sanitizers)
#              against F1 >= 0.30, related F1 >= 0.90, FNC score >= 80%
#
# usage: sh tests/conflicts.sh BIN
BIN=$1
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
BIN=$(abs_bin "$BIN")
need_bin conflicts.sh
if ! command -v python3 > /dev/null 2>&1; then
	skip "conflicts: python3 is not installed"
	finish
	exit 0
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
SHARED=../shared

SUITE=conflicts   # w and check: tests/lib.sh

# ---- rules as data --------------------------------------------------------
python3 tests/stance/run.py "$BIN" > "$tmp/rules" 2>&1
rc=$?
sed 's/^\(not \)\{0,1\}ok - /&rules: /' "$tmp/rules" | grep -v '^[0-9]* passed' | grep -E '^(ok|not ok) - ' |
	while IFS= read -r l; do echo "$l"; done
T_PASS=$((T_PASS + $(grep -c '^ok - ' "$tmp/rules")))
T_FAIL=$((T_FAIL + $(grep -c '^not ok - ' "$tmp/rules")))
grep -A6 '^not ok - ' "$tmp/rules" | grep '^    ' | head -40
[ $rc -le 1 ] || not_ok "conflicts: the rule test driver failed (status $rc)"

# ---- rule file errors --------------------------------------------------------
mkdir -p "$tmp/badrules"
cp rules/* "$tmp/badrules/"
printf 'rule bad.frame | nosuch | for | abc\nrule bad.pattern | responsible | for | (unclosed\n' >> "$tmp/badrules/frames.rules"
printf 'no bar on this line\n' >> "$tmp/badrules/stance-hedge.txt"
w rules check "$tmp/badrules"
[ $rc -eq 2 ] && grep -q "frames.rules:[0-9]*:[0-9]*: error: unknown frame 'nosuch'" "$tmp/err" &&
	grep -q "frames.rules:[0-9]*:[0-9]*: error: bad pattern" "$tmp/err" &&
	grep -q "stance-hedge.txt:[0-9]*:1: error: expected 'id | word" "$tmp/err"
check "rules check names bad frame and stance lines by file, line and column (status $rc)" $? "$tmp/err"

# ---- the story -------------------------------------------------------------
db=$tmp/story.db
w ingest -q --db "$db" $STORY
check "the story is stored" $rc "$tmp/err"
w conflicts --db "$db" --format json
cp "$tmp/out" "$tmp/conflicts.json"
python3 - "$tmp/conflicts.json" > "$tmp/why" 2>&1 <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
assert rows, "no conflicts"
for r in rows:
    assert set(r) >= {"id", "proposition", "for", "against", "hedge"}, r.keys()
    assert r["for"] and r["against"], "a conflict needs both sides: %s" % r["id"]
    for side in ("for", "against", "hedge"):
        for q in r[side]:
            assert set(q) >= {"quote", "doc", "start", "end", "line", "speaker"}, q.keys()
            assert q["quote"].startswith(q["doc"] + "#q"), q
            assert 0 <= q["start"] < q["end"] and q["line"] >= 1, q
leak = [r for r in rows if r["id"].startswith("responsible(") and "calder" in r["id"]]
assert leak, "no responsibility conflict over the company: %s" % [r["id"] for r in rows]
r = leak[0]
against = {q["speaker"] for q in r["against"]}
pro = {q["speaker"] for q in r["for"]}
assert "Calder Tide Chemicals" in against, against
assert "Amara Velden" in against, against
assert "Aldmark Environment Agency" in pro or "Rasmus Eikeland" in pro, pro
assert not (against & {"Aldmark Environment Agency", "Rasmus Eikeland", "Ilse Marr"}), against
assert not (pro & {"Calder Tide Chemicals", "Amara Velden", "Martin Ravensholt", "Jonas Feld"}), pro
PY
check "the story's conflict: the company and a toxicologist against the agency's finding (JSON contract)" $? "$tmp/why"
w conflicts --db "$db"
[ $rc -eq 0 ] && grep -q "was responsible" "$tmp/out" && grep -q "^  for:" "$tmp/out" && grep -q "^  against:" "$tmp/out" &&
	grep -q "tests/story/wire.jsonl:[0-9]" "$tmp/out"
check "text format: the proposition, both sides, file:line of every quote" $? "$tmp/out"
w conflicts --db "$db" --source velden --format json
n_v=$(grep -c . "$tmp/out")
w conflicts --db "$db" --source "Nobody Of That Name" --format json
[ "$n_v" -ge 1 ] && [ $rc -eq 0 ] && [ ! -s "$tmp/out" ]
check "--source keeps the conflicts a source is part of ($n_v for Velden, none for a stranger)" $? "$tmp/out"
w conflicts --db "$db" --format yaml
[ $rc -eq 2 ] && grep -q "unknown format 'yaml'" "$tmp/err"
check "an unknown format is a usage error (status $rc)" $? "$tmp/err"
w conflicts --db "$tmp/missing.db"
[ $rc -eq 2 ]
check "a missing database is an error (status $rc)" $? "$tmp/err"

# ---- one claim in other words ------------------------------------------------
# Two outlets' unnamed officials report one request for help (an event frame:
# one claim whoever tells it); one company denies one accusation in two ways
# (one claim); a critic's two arguments against it stay two claims.
mkdir -p "$tmp/same"
printf 'Norland asks Selm for help\n\nNorland has asked Selm to help in tracing the hackers, officials said on Monday.\n\nVesta Shipping denied it was behind the blackout.\n\nIvo Brant, a researcher at the Selm Institute, said the evidence for that accusation was thin. He said the evidence that Vesta Shipping was behind the blackout was also flimsy and speculative.\n' > "$tmp/same/one.txt"
printf 'Selm weighs request\n\nThe government in Selm was asked by Norland for help, and officials in Norland confirmed that after weeks of outages on its grid Norland had asked Selm for assistance with a forensic inquiry into the attacks.\n\nVesta Shipping, in a statement, denied any involvement in the blackout.\n' > "$tmp/same/two.txt"
sdb=$tmp/same.db
w ingest -q --db "$sdb" "$tmp/same/one.txt" "$tmp/same/two.txt"
w quotes --db "$sdb" --format json
cp "$tmp/out" "$tmp/same-quotes.json"
w claims --db "$sdb" --format json
python3 - "$tmp/out" "$tmp/same-quotes.json" > "$tmp/why" 2>&1 <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
quotes = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
def cluster_of(doc, words):
    ids = [q["id"] for q in quotes if q["doc"] == doc and words in q["text"]]
    assert ids, "no quote of %s holds %r: %s" % (doc, words, [q["text"] for q in quotes])
    for r in rows:
        if ids[0] in r["quotes"]:
            return r["id"]
    raise AssertionError("quote %s is in no claim" % ids[0])
assert cluster_of("one", "asked Selm to help") == cluster_of("two", "asked Selm for assistance"), \
    "the request for help told by two sources is not one claim"
assert cluster_of("one", "was behind the blackout") == cluster_of("two", "involvement"), \
    "the company's two denials are not one claim"
assert cluster_of("one", "that accusation was thin") != cluster_of("one", "also flimsy"), \
    "the critic's two arguments were joined"
PY
check "one claim in other words: a reported event across sources, a source's denials; a critic's arguments apart" $? "$tmp/why"

# a denial the narrative tells right after a claim, with no quote of its
# own: the claim's conflict, against ("a charge its leaders deny", "which
# the company disputes"); a claim no one denies has no conflict
mkdir -p "$tmp/narr"
printf 'Harbour row deepens\n\nMembers of the Dock Workers Guild have said privately that the Selm Harbour Board is hiding the cost of the new crane, a charge its leaders deny.\n\nTove Rask, a councillor, said the crane had been bought from a firm run by her brother-in-law, which the firm disputes.\n\nOla Brun said the crane would arrive in May.\n' > "$tmp/narr/a.txt"
w ingest -q --db "$tmp/narr.db" "$tmp/narr/a.txt"
w conflicts --db "$tmp/narr.db" --format json
python3 - "$tmp/out" > "$tmp/why" 2>&1 <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def find(words):
    got = [r for r in rows if any(words in q["text"] for q in r["for"])]
    assert len(got) == 1, "no single conflict for %r: %s" % (words, [r["proposition"] for r in rows])
    return got[0]
hid = find("hiding the cost")
assert [q["speaker"] for q in hid["against"]] == ["Selm Harbour Board's leaders"], hid["against"]
assert hid["against"][0]["text"] == "a charge its leaders deny", hid["against"][0]
firm = find("brother-in-law")
assert [q["speaker"] for q in firm["against"]] == ["the firm"], firm["against"]
assert not any("arrive in May" in q["text"] for r in rows for q in r["for"]), "an undenied claim has a conflict"
print("against: %s; %s" % (hid["against"][0]["speaker"], firm["against"][0]["speaker"]))
PY
check "a denial told by the narrative after a claim is its conflict's against side: $(tail -1 "$tmp/why")" $? "$tmp/why"

# ---- figures that disagree ------------------------------------------------------
# Two sources of one story (two articles that both quote the coach firm)
# give the coach's speed in different units and figures that lie far
# apart: one conflict, each figure on its side; the
# limit a figure is compared with ("below the 50 km/h limit") is no figure;
# figures that agree ("about 12 tonnes", "12 tonnes"; "more than 70 km/h"
# and "80 km/h") are no conflict of their own
mkdir -p "$tmp/fig"
printf 'Coach crash at Vessing bend\n\nTarlow Coaches said the coach was travelling at 45 km/h, below the 50 km/h limit, when it left the road at Vessing bend.\n\nAbout 12 tonnes of grain spilled from a lorry behind it, Tarlow Coaches said.\n' > "$tmp/fig/a.txt"
printf 'Police say coach at Vessing bend was speeding\n\nPolice Inspector Runa Dalby said the coach had been clocked at 50 miles an hour as it entered Vessing bend.\n\nA witness, Edvin Sorn, said the coach was going at more than 70 km/h. Dalby said 12 tonnes of grain had spilled on the road at Vessing bend.\n\nTarlow Coaches said it would help the police.\n' > "$tmp/fig/b.txt"
w ingest -q --db "$tmp/fig.db" "$tmp/fig/a.txt" "$tmp/fig/b.txt"
w conflicts --db "$tmp/fig.db" --format json
python3 - "$tmp/out" > "$tmp/why" 2>&1 <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
speed = [r for r in rows if r["id"].startswith("amount(speed")]
assert len(speed) == 1, "speed conflicts: %s" % [r["proposition"] for r in rows]
sides = {side: sorted(q["speaker"] for q in speed[0][side]) for side in ("for", "against")}
assert sorted(sides.values()) == [["Edvin Sorn", "Runa Dalby"], ["Tarlow Coaches"]], sides
assert "50 km/h" not in speed[0]["proposition"], speed[0]["proposition"]
assert not any(r["id"].startswith("amount(mass") for r in rows), "agreeing figures in conflict: %s" % rows
print(speed[0]["proposition"])
PY
check "figures of one story that disagree are a conflict (units converted, a limit is no figure): $(tail -1 "$tmp/why")" $? "$tmp/why"

# a limit named before its figure ("the limit is 50 km/h and ... 45 km/h")
# is what the figure is compared with: the quote's figure is 45
mkdir -p "$tmp/figl"
printf 'Coach crash at Vessing bend\n\nTarlow Coaches said the limit is 50 km/h and the coach was travelling at 45 km/h when it left the road at Vessing bend.\n' > "$tmp/figl/a.txt"
cp "$tmp/fig/b.txt" "$tmp/figl/b.txt"
w ingest -q --db "$tmp/figl.db" "$tmp/figl/a.txt" "$tmp/figl/b.txt"
w conflicts --db "$tmp/figl.db" --format json
python3 - "$tmp/out" > "$tmp/why" 2>&1 <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
speed = [r for r in rows if r["id"].startswith("amount(speed")]
assert len(speed) == 1, "speed conflicts: %s" % [r["proposition"] for r in rows]
firm = [q for side in ("for", "against") for q in speed[0][side] if q["speaker"] == "Tarlow Coaches"]
assert firm and "45 km/h" in speed[0]["proposition"] and "50 km/h" not in speed[0]["proposition"], speed[0]["proposition"]
print(speed[0]["proposition"])
PY
check "a limit named before a figure (\"the limit is 50 km/h and ... 45 km/h\") is no figure: $(tail -1 "$tmp/why")" $? "$tmp/why"

# two claims in the same words but for the figure ("at 45 km/h", "at 80
# km/h") are two claims, not one
mkdir -p "$tmp/fig2"
printf 'Coach firm blames road\n\nTarlow Coaches said the coach was travelling at 45 km/h at Vessing bend.\n' > "$tmp/fig2/a.txt"
printf 'Police say coach was speeding\n\nPolice Inspector Runa Dalby said the coach had been clocked at 80 km/h at Vessing bend.\n' > "$tmp/fig2/b.txt"
w ingest -q --db "$tmp/fig2.db" "$tmp/fig2/a.txt" "$tmp/fig2/b.txt"
w quotes --db "$tmp/fig2.db" --format json
python3 - "$tmp/out" > "$tmp/why" 2>&1 <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
c = {f: [q["claim"] for q in rows if f in q["text"]] for f in ("45 km/h", "80 km/h")}
assert len(c["45 km/h"]) == 1 and len(c["80 km/h"]) == 1 and c["45 km/h"] != c["80 km/h"], c
PY
check "figures that disagree keep otherwise alike claims apart" $? "$tmp/why"

# figures of a series ("rose to 151,800 tonnes in January from 124,800"), a
# quota ("its quota of 20,000 tonnes") and one source's two figures are no
# dispute over a figure
mkdir -p "$tmp/fig3"
printf 'Varn sugar exports rise\n\nThe Varn trade ministry said sugar exports rose to 151,800 tonnes in January from 124,800 tonnes in December.\n\nDelm Sugar said Varn would keep to its quota of 20,000 tonnes.\n' > "$tmp/fig3/a.txt"
printf 'Varn sugar exports\n\nThe Varn trade ministry said sugar exports were 90,000 tonnes. The Varn trade ministry said sugar stocks were 5,000 tonnes.\n\nDelm Sugar said Varn sugar exports would grow.\n' > "$tmp/fig3/b.txt"
w ingest -q --db "$tmp/fig3.db" "$tmp/fig3/a.txt" "$tmp/fig3/b.txt"
w conflicts --db "$tmp/fig3.db" --format json
! grep -q '"amount(' "$tmp/out"
check "no figure conflict from a series, a quota or one source's two figures" $? "$tmp/out"

# a figure of a change ("stocks fell 40,000 tonnes") or a difference
# ("80,000 tonnes behind last year", "200,000 tonnes higher") measures no
# level: no dispute with another source's level; two levels of one story
# that disagree still are one (the second pair; a source named in both
# articles makes them one story's)
mkdir -p "$tmp/fig4"
printf 'Varn grain stocks fall\n\nThe Varn grain board said wheat stocks fell 40,000 tonnes in the week.\n\nDelm Traders said the Varn wheat harvest was running 80,000 tonnes behind last year.\n' > "$tmp/fig4/a.txt"
printf 'Varn grain stocks\n\nThe Varn farm ministry said Varn wheat stocks stood at 2.5 million tonnes.\n\nA Varn grain board analyst said the Varn wheat harvest would come in at 200,000 tonnes higher than forecast.\n\nDelm Traders said it would buy Varn wheat.\n' > "$tmp/fig4/b.txt"
printf 'Varn grain stocks fall\n\nThe Varn grain board said Varn wheat stocks were 900,000 tonnes after a week in which they fell.\n\nDelm Traders said it would sell Varn wheat.\n' > "$tmp/fig4/c.txt"
w ingest -q --db "$tmp/fig4.db" "$tmp/fig4/a.txt" "$tmp/fig4/b.txt"
w conflicts --db "$tmp/fig4.db" --format json
! grep -q '"amount(' "$tmp/out"
check "no figure conflict from a change or a difference (\"fell 40,000 tonnes\", \"80,000 tonnes behind\")" $? "$tmp/out"
w ingest -q --db "$tmp/fig4b.db" "$tmp/fig4/c.txt" "$tmp/fig4/b.txt"
w conflicts --db "$tmp/fig4b.db" --format json
grep -q '"amount(mass' "$tmp/out"
check "two levels of one story that disagree (2.5 million and 900,000 tonnes) are still a figure conflict" $? "$tmp/out"

# a clock time, a year and a road's number are no quantities beside the
# figure: "at 10:30 on Route 9 in 2024 ... 45 km/h" gives its 45 km/h
mkdir -p "$tmp/fig5"
printf 'Coach firm blames road\n\nTarlow Coaches said that at 10:30 on Route 9 the coach was travelling at 45 km/h, as it has done on every trip since 2019.\n' > "$tmp/fig5/a.txt"
printf 'Police say coach was speeding\n\nPolice Inspector Runa Dalby said the coach had been clocked at 80 km/h on Route 9. Tarlow Coaches said it would help the police.\n' > "$tmp/fig5/b.txt"
w ingest -q --db "$tmp/fig5.db" "$tmp/fig5/a.txt" "$tmp/fig5/b.txt"
w conflicts --db "$tmp/fig5.db" --format json
grep -q '"amount(speed' "$tmp/out" && grep -q '45 km/h' "$tmp/out"
check "a time, a year and a road's number beside a figure leave it a figure (45 against 80 km/h)" $? "$tmp/out"

# ---- claims told in other words -----------------------------------------------
# Two outlets tell two claims in other words: the company's spokeswoman
# (member_of the company) says in fewer words what the company said, and
# two fire services give one measure (nine tonnes), one outlet with more detail. Each pair
# is one claim (claims_cluster_with); a third source who says part of the
# spill claim with no figure stays apart.
mkdir -p "$tmp/para"
printf 'Wexmoor ferry stays closed after barge spill\n\nHarlow Ferry Company said the Wexmoor ferry would stay closed until the harbour board had cleared it.\n\nHarlow Fire and Rescue said about nine tonnes of grain had spilled from the capsized barge at Wexmoor quay into the estuary on Tuesday.\n' > "$tmp/para/a.txt"
printf 'Barge spill shuts Wexmoor ferry\n\n"The ferry stays closed until then at least," said Ines Varga, a spokeswoman for Harlow Ferry Company.\n\nThe county fire service said about nine tonnes of grain spilled.\n\nA harbour pilot, Tomas Fell, said the barge had spilled grain into the estuary.\n' > "$tmp/para/b.txt"
w ingest -q --db "$tmp/para.db" "$tmp/para/a.txt" "$tmp/para/b.txt"
w claims --db "$tmp/para.db" --format json
python3 - "$tmp/out" > "$tmp/why" 2>&1 <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
of = {q: r["id"] for r in rows for q in r["quotes"]}
assert len(of) == 5, of
assert of["a#q1"] == of["b#q1"], "the spokeswoman's claim is apart from her company's: %s" % rows
assert of["a#q2"] == of["b#q2"], "one figure, two fire services: apart: %s" % rows
assert of["b#q3"] not in (of["a#q1"], of["a#q2"]), "no figure, another source: joined: %s" % rows
print("%d claims of 5 quotes" % len(rows))
PY
check "claims told in other words: one source (a spokeswoman and her company) or one measure (nine tonnes): $(tail -1 "$tmp/why")" $? "$tmp/why"

# ---- the blind story (tests/xheld) -----------------------------------------------
# Five outlets on one derailment, with expectations written before whosaid
# first ran on them (tests/xheld/README.md): floors a little under what the
# store gives now (13 groups met, 1 wrong merge, 1 conflict met, 14 of 16
# check findings, 5 others)
python3 tests/xheld_check.py -q --bin "$BIN" \
	--floors met=12,merges=1,links=0,conflicts=1,nic=0,findings=12,bad=0,extra=8 tests/xheld/gold/xref.json \
	tests/xheld/meridian-wire.txt tests/xheld/the-chronicle.txt tests/xheld/brindlecote-bugle.md \
	tests/xheld/ostvale-radio.jsonl tests/xheld/calmont-business.txt > "$tmp/why" 2>&1
check "the blind story: $(tail -1 "$tmp/why" | cut -c1-200)" $? "$tmp/why"

# ---- stance ----------------------------------------------------------------
w stance --db "$db" --claim "Calder Tide caused the solvent leak at Pier 4"
cp "$tmp/out" "$tmp/stance.json"
python3 - "$tmp/stance.json" > "$tmp/why" 2>&1 <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
assert rows, "no article bears on the claim"
docs = {r["article"] for r in rows}
assert {"harbor-courier", "valley-post", "the-ledger"} <= docs, docs
for r in rows:
    assert set(r) >= {"claim_id", "article", "stance", "evidence"}, r.keys()
    assert r["stance"] in ("for", "against", "observing"), r
    assert all(e.startswith(r["article"] + "#q") for e in r["evidence"]), r
PY
check "stance: every story article that bears on a claim, with the contract's fields" $? "$tmp/why"
w stance --db "$db" --claim "The orchestra's new conductor will open the winter season"
[ $rc -eq 0 ] && [ ! -s "$tmp/out" ]
check "stance: an unrelated claim gives no rows" $? "$tmp/out"
printf '{"claim_id":"a","claim":"Calder Tide caused the leak"}\n{"claim_id":"b" "claim":"x"}\n{"claim":"no id"}\n' > "$tmp/claims.jsonl"
w stance --db "$db" --claims "$tmp/claims.jsonl"
[ $rc -eq 2 ] && grep -q "claims.jsonl:2:[0-9]*: error: bad JSON" "$tmp/err" &&
	grep -q "claims.jsonl:3:1: error: a row needs" "$tmp/err"
check "stance: bad rows in a claims file are named by file, line and column (status $rc)" $? "$tmp/err"
w stance --db "$db"
[ $rc -eq 2 ] && grep -q "no claims" "$tmp/err"
check "stance: no claim is a usage error (status $rc)" $? "$tmp/err"

# ---- linear time -------------------------------------------------------------
# Thousands of quotes with frames on one line: ingest (frames, mentions,
# line numbers, propositions) must grow linearly, as extraction does.
n=5000
[ -n "$WHOSAID_SANITIZER" ] && n=1000
for k in 1 4; do
	python3 -c '
import sys
n = int(sys.argv[1])
print("Linear\n")
print(" ".join("Ada Kroll said Norland was behind it and the evidence for that attribution was weak."
               for _ in range(n)))' $((n * k)) > "$tmp/lin$k.txt"
	start=$(python3 -c 'import time; print(time.time())')
	timeout 300 "$BIN" ingest -q --db "$tmp/lin$k.db" "$tmp/lin$k.txt" 2> "$tmp/err"
	eval "t$k=$(python3 -c "import time; print('%.3f' % (time.time() - $start))")"
done
python3 -c "import sys; t1, t4 = float(sys.argv[1]), float(sys.argv[2]); sys.exit(0 if t4 <= 6 * t1 + 0.5 else 1)" "$t1" "$t4"
check "linear time: $n and $((n * 4)) framed quotes on one line ingest in $t1 s and $t4 s (at most 6x + 0.5 s)" $? "$tmp/err"

# ---- the seeds (../shared) -------------------------------------------------
if [ -d "$SHARED/seeds/gold" ]; then
	sdb=$tmp/seeds.db
	w ingest -q --db "$sdb" "$SHARED"/seeds/*.txt
	python3 tests/conflicts_check.py --bin "$BIN" --db "$sdb" "$SHARED/seeds/gold/xref.json" > "$tmp/why" 2>&1
	check "seeds: both gold propositions, 70% of each side, none on the wrong side (reads ../shared)" $? "$tmp/why"
else
	skip "conflicts: seeds: ../shared/seeds is not there"
fi

# ---- FNC-1 (../shared) -----------------------------------------------------
if [ -n "$WHOSAID_SANITIZER" ]; then
	skip "conflicts: fnc1: too slow under sanitizers"
elif [ -d "$SHARED/eval/fnc1/articles" ] && [ -x "$SHARED/tools/score-claims" ]; then
	fdb=$tmp/fnc1.db
	w ingest -q --jobs 2 --db "$fdb" "$SHARED/eval/fnc1/articles"
	python3 -c '
import json, sys
seen = set()
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r["claim_id"] not in seen:
        seen.add(r["claim_id"])
        print(json.dumps({"claim_id": r["claim_id"], "claim": r["claim"]}))' "$SHARED/eval/fnc1/gold.jsonl" > "$tmp/fclaims.jsonl"
	start=$(date +%s)
	timeout 120 "$BIN" stance --db "$fdb" --claims "$tmp/fclaims.jsonl" > "$tmp/fpred.jsonl" 2> "$tmp/err"
	secs=$(($(date +%s) - start))
	"$SHARED/tools/score-claims" --data "$SHARED/eval/fnc1" --pred "$tmp/fpred.jsonl" > "$tmp/score" 2>&1
	python3 - "$tmp/score" "$secs" > "$tmp/why" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
a, rel, fnc = d["per_class_p_r_f1"]["against"][2], d["related_p_r_f1"][2], d["fnc_score"][2]
print("against F1 %.3f, related F1 %.3f, FNC score %.2f%%, %s s" % (a, rel, fnc, sys.argv[2]))
assert a >= 0.30 and rel >= 0.90 and fnc >= 80.0 and int(sys.argv[2]) < 60
PY
	check "fnc1: $(head -n 1 "$tmp/why") (floors 0.30, 0.90, 80%, 60 s; reads ../shared)" $? "$tmp/why"
else
	skip "conflicts: fnc1: ../shared/eval/fnc1 is not there"
fi
finish
