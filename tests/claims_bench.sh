#!/bin/sh
# Times claims_cluster on synthetic claims (a tenth of them paraphrases of
# earlier ones; words drawn from a Zipf-like vocabulary of 60,000):
#
#     sh tests/claims_bench.sh [N...]     (default: 50000 100000 200000)
#
# The time per claim should stay about flat as N grows.
cd "$(dirname "$0")/.." || exit 2
TOOL=$(sh tests/claims-build.sh) || exit 2
[ $# -gt 0 ] || set -- 50000 100000 200000
for n in "$@"; do
	"$TOOL" bench "$n"
done
