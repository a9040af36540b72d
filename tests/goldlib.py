"""What the gold builders of tests/story and tests/heldout share: finding each
hand-written text in its article's bytes, and writing and checking
quotes.jsonl and not_quotes.jsonl (layout: tests/story/gold/README.md)."""
import json
import os
import sys


def fail(msg):
    sys.exit("make_gold: " + msg)


def occurrences(raw, needle):
    out, i = [], raw.find(needle)
    while i >= 0:
        out.append(i)
        i = raw.find(needle, i + 1)
    return out


def locate(docs, row):
    """Byte offsets of row's text in its document: the one occurrence, the
    one inside row["anchor"], or occurrence row["nth"]."""
    doc, text = row["doc"], row["text"]
    if doc not in docs:
        fail(f"unknown doc {doc!r}")
    raw, needle = docs[doc], text.encode("utf-8")
    base = 0
    if row.get("anchor"):
        a = row["anchor"].encode("utf-8")
        hits = occurrences(raw, a)
        if len(hits) != 1:
            fail(f"{doc}: anchor {row['anchor']!r} found {len(hits)} times, need exactly 1")
        base = hits[0]
        inner = occurrences(a, needle)
        if len(inner) != 1:
            fail(f"{doc}: {text!r} found {len(inner)} times inside anchor {row['anchor']!r}")
        start = base + inner[0]
    else:
        hits = occurrences(raw, needle)
        if row.get("nth") is not None:
            if row["nth"] >= len(hits):
                fail(f"{doc}: {text!r} found {len(hits)} times, nth={row['nth']} asked")
            start = hits[row["nth"]]
        elif len(hits) != 1:
            fail(f"{doc}: {text!r} found {len(hits)} times, need exactly 1 (add nth= or anchor=)")
        else:
            start = hits[0]
    end = start + len(needle)
    if raw[start:end].decode("utf-8") != text:
        fail(f"{doc}: offsets [{start},{end}) do not give back {text!r}")
    return start, end


def write_gold(here, docs, quotes, not_quotes):
    """Locates every row, refuses overlaps, writes both files into `here`
    and reads them back against the document bytes. Returns (rows, negs)."""
    order = {doc: i for i, doc in enumerate(docs)}

    rows = []
    for q in quotes:
        s, e = locate(docs, q)
        rows.append({"doc": q["doc"], "start": s, "end": e, "text": q["text"], "speaker": q["speaker"],
                     "speaker_kind": q["speaker_kind"], "kind": q["kind"], "cue": q["cue"],
                     "stance": q["stance"], "required": q["required"]})
    rows.sort(key=lambda r: (order[r["doc"]], r["start"]))
    for a, b in zip(rows, rows[1:]):
        if a["doc"] == b["doc"] and b["start"] < a["end"]:
            fail(f"{a['doc']}: overlapping gold rows {a['text']!r} and {b['text']!r}")

    negs = []
    for n in not_quotes:
        s, e = locate(docs, n)
        negs.append({"doc": n["doc"], "start": s, "end": e, "text": n["text"]})
    negs.sort(key=lambda r: (order[r["doc"]], r["start"]))
    for n in negs:
        for r in rows:
            if r["doc"] == n["doc"] and min(r["end"], n["end"]) > max(r["start"], n["start"]):
                fail(f"{n['doc']}: not-quote {n['text']!r} overlaps quote {r['text']!r}")

    with open(os.path.join(here, "quotes.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(here, "not_quotes.jsonl"), "w", encoding="utf-8") as f:
        for r in negs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

    # Read back what was written and check every row against the document bytes.
    for name in ("quotes.jsonl", "not_quotes.jsonl"):
        with open(os.path.join(here, name), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                r = json.loads(line)
                if docs[r["doc"]][r["start"]:r["end"]].decode("utf-8") != r["text"]:
                    fail(f"{name}:{n}: text does not match the document bytes")
    return rows, negs


def print_counts(docs, rows, negs):
    counts = {}
    for r in rows:
        c = counts.setdefault(r["doc"], [0, 0, 0])
        c[0] += 1
        c[1] += r["required"]
    for r in negs:
        counts.setdefault(r["doc"], [0, 0, 0])[2] += 1
    print(f"{'doc':<16} {'quotes':>6} {'required':>8} {'not_quotes':>10}")
    for doc in docs:
        c = counts.get(doc, [0, 0, 0])
        print(f"{doc:<16} {c[0]:>6} {c[1]:>8} {c[2]:>10}")
    print(f"{'total':<16} {len(rows):>6} {sum(r['required'] for r in rows):>8} {len(negs):>10}")
