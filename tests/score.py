#!/usr/bin/env python3
"""Score whosaid's quotations against the story gold (tests/story/gold).

usage: score.py GOLD.jsonl PRED.jsonl [--not-quotes NEG.jsonl]
                [--min-f1 F] [--min-speaker A] [--max-traps N] [--errors N]

Matching (the same rule as the project's acceptance scorer, written anew here):
  * a predicted quote and a gold quote of the same doc match when their byte
    ranges overlap by at least half of the longer of the two; pairs are made
    one-to-one, largest overlap first;
  * gold rows with "required": false are optional: a prediction matching one is
    neither credited nor counted as a false alarm;
  * a matched quote's speaker is right when the names agree after case folding,
    or when the words of one name (titles and articles left out) are all among
    the words of the other ("Marr" matches "Ilse Marr"); a gold speaker of null
    wants a prediction with no speaker;
  * a not-quote (a quoted title, a name, a scare quote) is "taken" when a
    prediction overlaps it and is at most three times its length (a longer
    mixed quote that merely contains it does not count).

Prints the figures; exits 1 when a --min-* floor is not reached or more than
--max-traps not-quotes are taken, 2 on a usage or file error.
"""
import argparse
import json
import re
import sys
import unicodedata

SKIP_WORDS = {"mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov",
              "president", "minister", "the", "a", "an"}


def read_jsonl(path):
    rows = []
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as e:
                    sys.stderr.write(f"score.py: {path}:{n}: not JSON: {e}\n")
                    sys.exit(2)
    except OSError as e:
        sys.stderr.write(f"score.py: cannot read '{path}': {e.strerror}\n")
        sys.exit(2)
    return rows


def name_of(speaker):
    if isinstance(speaker, dict):
        speaker = speaker.get("name")
    if not speaker:
        return ""
    s = unicodedata.normalize("NFKC", speaker).casefold().replace("\u2019", "'")
    return " ".join(re.sub(r"[^\w'.\- ]+", " ", s).split())


def name_words(s):
    return {w for w in re.split(r"[\s\-]+", s.replace(".", "")) if w and w not in SKIP_WORDS}


def speaker_right(pred, gold):
    p, g = name_of(pred), name_of(gold)
    if not g:
        return not p
    if not p:
        return False
    if p == g:
        return True
    pw, gw = name_words(p), name_words(g)
    return bool(pw) and bool(gw) and (pw <= gw or gw <= pw)


def overlap(a0, a1, b0, b1):
    return min(a1, b1) - max(a0, b0)


def main():
    ap = argparse.ArgumentParser(description="score whosaid quotations against gold")
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--not-quotes")
    ap.add_argument("--min-f1", type=float)
    ap.add_argument("--min-speaker", type=float)
    ap.add_argument("--max-traps", type=int)
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="list up to N misses, wrong speakers and false alarms")
    o = ap.parse_args()

    gold = read_jsonl(o.gold)
    docs = {g["doc"] for g in gold}
    pred = []
    for r in read_jsonl(o.pred):
        if r.get("type") != "quote" or r.get("doc") not in docs:
            continue
        if not isinstance(r.get("start"), int) or not isinstance(r.get("end"), int):
            sys.stderr.write(f"score.py: quote without integer offsets: {r.get('id')}\n")
            sys.exit(2)
        pred.append(r)
    neg = read_jsonl(o.not_quotes) if o.not_quotes else []

    cand = []
    for j, p in enumerate(pred):
        for i, g in enumerate(gold):
            if g["doc"] != p["doc"]:
                continue
            ov = overlap(p["start"], p["end"], g["start"], g["end"])
            longer = max(p["end"] - p["start"], g["end"] - g["start"])
            if ov > 0 and 2 * ov >= longer:
                cand.append((ov, -i, -j))
    cand.sort(reverse=True)
    g2p, p2g = {}, {}
    for ov, i, j in cand:
        i, j = -i, -j
        if i not in g2p and j not in p2g:
            g2p[i] = j
            p2g[j] = i

    required = [i for i, g in enumerate(gold) if g.get("required", True)]
    matched = [i for i in required if i in g2p]
    false_alarms = [j for j in range(len(pred)) if j not in p2g]
    right = [i for i in matched if speaker_right(pred[g2p[i]].get("speaker"), gold[i].get("speaker"))]
    counted = len(matched) + len(false_alarms)
    precision = len(matched) / counted if counted else 0.0
    recall = len(matched) / len(required) if required else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    spk = len(right) / len(matched) if matched else 0.0

    traps = []
    for n in neg:
        for p in pred:
            if p["doc"] == n["doc"] and overlap(p["start"], p["end"], n["start"], n["end"]) > 0 \
                    and p["end"] - p["start"] <= 3 * (n["end"] - n["start"]):
                traps.append((n, p))

    print(f"gold {len(required)}  predicted {counted}  matched {len(matched)}  "
          f"false alarms {len(false_alarms)}  traps taken {len(traps)}")
    print(f"span: P={precision:.3f} R={recall:.3f} F1={f1:.3f} | speaker accuracy {spk:.3f}")
    if o.errors:
        k = o.errors
        for i in [i for i in required if i not in g2p][:k]:
            g = gold[i]
            print(f"  missed        {g['doc']} [{g['start']},{g['end']}) {g.get('speaker')!r}: {g['text'][:80]!r}")
        for i in [i for i in matched if i not in right][:k]:
            g = gold[i]
            print(f"  wrong speaker {g['doc']} [{g['start']},{g['end']}) want {g.get('speaker')!r} "
                  f"got {name_of(pred[g2p[i]].get('speaker'))!r}")
        for j in false_alarms[:k]:
            p = pred[j]
            print(f"  false alarm   {p['doc']} [{p['start']},{p['end']}) {str(p.get('text', ''))[:80]!r}")
    for n, p in traps:
        print(f"  trap taken    {n['doc']} [{n['start']},{n['end']}) {n.get('text')!r} as {p.get('id')} ({p.get('rule')})")

    bad = []
    if o.min_f1 is not None and f1 < o.min_f1:
        bad.append(f"span F1 {f1:.3f} < {o.min_f1:.2f}")
    if o.min_speaker is not None and spk < o.min_speaker:
        bad.append(f"speaker accuracy {spk:.3f} < {o.min_speaker:.2f}")
    if o.max_traps is not None and len(traps) > o.max_traps:
        bad.append(f"{len(traps)} not-quotes extracted (at most {o.max_traps})")
    for b in bad:
        print(f"below floor: {b}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
