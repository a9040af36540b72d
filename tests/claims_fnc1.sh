#!/bin/sh
# Measures the claims library on the shared evaluation data (not part of
# `make test`: it needs ../shared, which is not in the repository):
#
#     sh tests/claims_fnc1.sh
#
#   seeds  the two same-claim pairs of issue 3 in ../shared/seeds must each
#          be one claim cluster (claims_cluster at CLAIMS_CLAIM_THRESHOLD)
#   fnc1   stories of the FNC-1 development split: `whosaid extract`, then
#          claims-tool stories (claims normalized and clustered, articles
#          grouped by claims_stories), scored by ../shared/tools/score-claims;
#          B-cubed F1 must be at least 0.75. CLAIMS_FEATURES (title, terms,
#          claims, sources; default all four) picks what an article is made of.
# Prints "ok - ", "not ok - " or "skip - " lines, then "N passed, M failed".
cd "$(dirname "$0")/.." || exit 2
SHARED=${WHOSAID_SHARED:-../shared}
if [ ! -d "$SHARED/eval/fnc1" ] || [ ! -d "$SHARED/seeds" ]; then
	echo "skip - claims: $SHARED/eval/fnc1 or $SHARED/seeds is not there"
	echo "0 passed, 0 failed"
	exit 0
fi
TOOL=$(sh tests/claims-build.sh) || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
result() { # result OK NAME
	if [ "$1" = 1 ]; then
		echo "ok - $2"
		pass=$((pass + 1))
	else
		echo "not ok - $2"
		fail=$((fail + 1))
	fi
}

./whosaid extract --format json "$SHARED"/seeds/*.txt 2>/dev/null > "$tmp/seeds.jsonl"
"$TOOL" quotes 0.5 < "$tmp/seeds.jsonl" > "$tmp/seeds-claims.jsonl" 2>/dev/null
# The two pairs issue 3 names: the first two same_claim groups of xref.json.
seeds=$(python3 - "$tmp/seeds-claims.jsonl" "$SHARED/seeds/gold/xref.json" <<'PY'
import json, sys
quotes = [json.loads(l) for l in open(sys.argv[1])]
groups = json.load(open(sys.argv[2]))["same_claim"]
ok = 1
for g in groups[:2]:
    ids = set()
    for doc, start in g["quotes"]:
        hit = [q for q in quotes if q["doc"] == doc and q["text"].startswith(start)]
        ids.add(hit[0]["claim"] if hit else None)
    ok &= len(ids) == 1 and None not in ids
print(ok)
PY
)
result "$seeds" "seeds: the two same-claim pairs of issue 3 are one cluster each"

start=$(date +%s)
./whosaid extract --format json "$SHARED"/eval/fnc1/articles/*.txt 2>/dev/null > "$tmp/fnc1.jsonl"
"$TOOL" stories < "$tmp/fnc1.jsonl" > "$tmp/stories.jsonl" || exit 2
"$SHARED/tools/score-claims" --data "$SHARED/eval/fnc1" --clusters "$tmp/stories.jsonl" > "$tmp/score.json"
f1=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["bcubed_p_r_f1"][2])' "$tmp/score.json")
prf=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["bcubed_p_r_f1"])' "$tmp/score.json")
echo "# fnc1 stories (features ${CLAIMS_FEATURES:-title,terms,claims,sources}): B-cubed P/R/F1 $prf ($(($(date +%s) - start)) s)"
result "$(python3 -c "print(int($f1 >= 0.75))")" "fnc1: stories B-cubed F1 $f1 >= 0.75"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
