#!/usr/bin/env python3
"""Check `whosaid extract` JSON Lines against the output contract of DESIGN.md.

usage: contract.py OUTPUT.jsonl INPUT...

INPUT are the files given to `whosaid extract` (txt, md or JSON Lines). For
every record: it is one JSON object a line with a known "type"; an article
record comes before its quotes; a quote has an id "<doc>#q<n>" numbered from
1, byte offsets inside the article, "text" equal to the article bytes it
spans, line/col (1-based, col in code points) that agree with "start" (not
checked for JSON Lines input), a known kind and stance, a cue whose "text" is
the bytes it spans, a speaker whose "mention" is the bytes it spans, and the
quotes of an article come in text order. Prints one line per problem; exits 1
if there is any.
"""
import json
import os
import sys

KINDS = {"direct", "indirect", "mixed", "block"}
STANCES = {"assert", "deny", "hedge"}
SPEAKER_KINDS = {"person", "organization", "anonymous", "vague", "document"}


def load_articles(paths):
    """doc id -> (raw bytes, is_jsonl)"""
    arts = {}
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        if path.endswith(".jsonl"):
            for line in data.decode("utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    arts[row["id"]] = (row["text"].encode("utf-8"), True)
        else:
            doc = os.path.splitext(os.path.basename(path))[0]
            arts[doc] = (data, False)
    return arts


def linecol(raw, off):
    line = raw.count(b"\n", 0, off) + 1
    ls = raw.rfind(b"\n", 0, off) + 1
    return line, len(raw[ls:off].decode("utf-8", "replace")) + 1


def main():
    if len(sys.argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    arts = load_articles(sys.argv[2:])
    problems = []

    def bad(n, msg):
        problems.append(f"{sys.argv[1]}:{n}: {msg}")

    doc, raw, is_jsonl, qn, last_start = None, b"", False, 0, -1
    with open(sys.argv[1], "rb") as f:
        lines = f.read().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for n, line in enumerate(lines, 1):
        try:
            r = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            bad(n, f"not a JSON object: {e}")
            continue
        if not isinstance(r, dict) or not isinstance(r.get("type"), str):
            bad(n, "record without a type")
            continue
        if r["type"] == "article":
            doc = r.get("doc")
            if doc not in arts:
                bad(n, f"article {doc!r} is not one of the inputs")
                doc = None
                continue
            raw, is_jsonl = arts[doc]
            qn, last_start = 0, -1
            for k in ("title", "outlet", "date"):
                if k not in r:
                    bad(n, f"article without '{k}'")
            if r.get("bytes") != len(raw):
                bad(n, f"article bytes {r.get('bytes')} != {len(raw)}")
            continue
        if r["type"] != "quote":
            continue
        if doc is None or r.get("doc") != doc:
            bad(n, f"quote of doc {r.get('doc')!r} outside its article")
            continue
        qn += 1
        if r.get("id") != f"{doc}#q{qn}":
            bad(n, f"id {r.get('id')!r}, expected {doc}#q{qn}")
        s, e = r.get("start"), r.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(raw)):
            bad(n, f"bad offsets [{s},{e}) for {len(raw)} bytes")
            continue
        if s < last_start:
            bad(n, f"quote at {s} after one at {last_start}: not in text order")
        last_start = s
        if r.get("text") != raw[s:e].decode("utf-8", "replace"):
            bad(n, f"text {r.get('text')!r} is not the bytes [{s},{e})")
        if not is_jsonl and (r.get("line"), r.get("col")) != linecol(raw, s):
            bad(n, f"line:col {r.get('line')}:{r.get('col')} != {linecol(raw, s)} for offset {s}")
        if r.get("kind") not in KINDS:
            bad(n, f"kind {r.get('kind')!r}")
        if r.get("stance") not in STANCES:
            bad(n, f"stance {r.get('stance')!r}")
        if not isinstance(r.get("rule"), str) or not r["rule"]:
            bad(n, "no rule id")
        cue = r.get("cue", "missing")
        if cue == "missing":
            bad(n, "no 'cue' field")
        elif cue is not None:
            cs, ce = cue.get("start"), cue.get("end")
            if not (isinstance(cs, int) and isinstance(ce, int) and 0 <= cs < ce <= len(raw)):
                bad(n, f"bad cue offsets [{cs},{ce})")
            elif cue.get("text") != raw[cs:ce].decode("utf-8", "replace"):
                bad(n, f"cue text {cue.get('text')!r} is not the bytes [{cs},{ce})")
            if not isinstance(cue.get("lemma"), str) or not cue["lemma"]:
                bad(n, "cue without a lemma")
        spk = r.get("speaker", "missing")
        if spk == "missing":
            bad(n, "no 'speaker' field")
        elif spk is not None:
            ss, se = spk.get("start"), spk.get("end")
            if not isinstance(spk.get("name"), str) or not spk["name"]:
                bad(n, "speaker without a name")
            if spk.get("kind") not in SPEAKER_KINDS:
                bad(n, f"speaker kind {spk.get('kind')!r}")
            if "title" not in spk:
                bad(n, "speaker without 'title'")
            if not (isinstance(ss, int) and isinstance(se, int) and 0 <= ss < se <= len(raw)):
                bad(n, f"bad speaker offsets [{ss},{se})")
            elif spk.get("mention") != raw[ss:se].decode("utf-8", "replace"):
                bad(n, f"speaker mention {spk.get('mention')!r} is not the bytes [{ss},{se})")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
