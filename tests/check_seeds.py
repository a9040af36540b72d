#!/usr/bin/env python3
"""`whosaid check` against the seed gold (issue 6 acceptance).

usage: python3 tests/check_seeds.py BIN [SHARED]

Builds a store from both seeds of SHARED/seeds (default ../shared), checks
each seed against it, and verifies that
  * every finding in check_findings of seeds/gold/xref.json is reported by
    the rule its wording names, on the line where its "at" text stands;
  * nothing is reported over a string of seeds/gold/not_quotes.jsonl.
Prints one "ok - " / "not ok - " line per expectation (and "skip - " when
SHARED is not there), then "N passed, M failed"; exits 1 on a failure.
"""
import json
import os
import subprocess
import sys
import tempfile

# the gold describes findings in words; each names one rule
RULE_BY_WORDING = [
    ("vague attribution", "vague-attribution"),
    ("anonymous source", "anonymous-source"),
    ("never closed", "unclosed-quote"),
    ("no speaker", "unattributed-quote"),
    ("unattributed", "unattributed-quote"),
    ("reads differently", "quote-drift"),
    ("misquot", "quote-drift"),
    ("different speaker", "attribution-drift"),
    ("contradict", "contradicts-store"),
]


def rule_for(wording):
    w = wording.lower()
    for words, rule in RULE_BY_WORDING:
        if words in w:
            return rule
    return None


def main():
    if len(sys.argv) < 2:
        print("usage: check_seeds.py BIN [SHARED]", file=sys.stderr)
        return 2
    binary = os.path.abspath(sys.argv[1])
    shared = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "..", "shared")
    seeds = os.path.join(shared, "seeds")
    gold_xref = os.path.join(seeds, "gold", "xref.json")
    if not os.path.isfile(gold_xref):
        print("skip - check seeds: %s is not there (../shared is absent)" % gold_xref)
        print("0 passed, 0 failed")
        return 0
    docs = sorted(f[:-4] for f in os.listdir(seeds) if f.endswith(".txt"))
    passed = failed = 0

    def result(good, name, detail=""):
        nonlocal passed, failed
        if good:
            passed += 1
            print("ok - check seeds: " + name)
        else:
            failed += 1
            print("not ok - check seeds: " + name)
            if detail:
                for line in detail.splitlines()[:20]:
                    print("    " + line)

    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "seeds.db")
        paths = [os.path.join(seeds, d + ".txt") for d in docs]
        r = subprocess.run([binary, "ingest", "-q", "--db", db] + paths, capture_output=True, text=True)
        result(r.returncode == 0, "both seeds stored", r.stderr)
        findings = {}
        for doc, path in zip(docs, paths):
            r = subprocess.run([binary, "check", "-q", "--exit-zero", "--format", "json", "--db", db, path],
                               capture_output=True, text=True)
            result(r.returncode == 0, "%s checked against the store" % doc, r.stderr)
            findings[doc] = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]

    gold = json.load(open(gold_xref, encoding="utf-8"))
    for g in gold.get("check_findings", []):
        doc, at, wording = g["doc"], g["at"], g["finding"]
        rule = rule_for(wording)
        name = "%s: %s at '%s'" % (doc, rule or wording, at)
        if doc not in findings:
            result(False, name, "no such seed")
            continue
        raw = open(os.path.join(seeds, doc + ".txt"), "rb").read()
        pos = raw.find(at.encode("utf-8"))
        if rule is None or pos < 0:
            result(False, name, "unknown finding wording" if rule is None else "text not in the seed")
            continue
        line = raw.count(b"\n", 0, pos) + 1
        hits = [f for f in findings[doc] if f["rule"] == rule and f["line"] == line]
        got = "\n".join("%d:%d %s %s" % (f["line"], f["col"], f["rule"], f["message"]) for f in findings[doc])
        result(bool(hits), name + " (line %d)" % line, "findings:\n" + got)

    nq = os.path.join(seeds, "gold", "not_quotes.jsonl")
    for row in (json.loads(line) for line in open(nq, encoding="utf-8") if line.strip()):
        doc = row["doc"]
        over = [f for f in findings.get(doc, []) if f["start"] < row["end"] and row["start"] < f["end"]]
        result(not over, "%s: nothing at '%s'" % (doc, row["text"]),
               "\n".join("%d:%d %s %s" % (f["line"], f["col"], f["rule"], f["message"]) for f in over))

    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
