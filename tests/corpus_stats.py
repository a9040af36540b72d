"""Prints "<articles> <text bytes>" of a JSON Lines corpus: the rows with a
string "text" field and the UTF-8 bytes of those fields (what the benchmarks
divide by). Rows that do not parse are left out, as whosaid reports them.

usage: python3 tests/corpus_stats.py CORPUS.jsonl
"""
import json
import sys

n = b = 0
with open(sys.argv[1], "rb") as f:
    for line in f:
        try:
            t = json.loads(line).get("text")
        except (ValueError, AttributeError):
            continue
        if isinstance(t, str):
            n += 1
            b += len(t.encode("utf-8"))
print(n, b)
