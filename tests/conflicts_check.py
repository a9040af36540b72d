#!/usr/bin/env python3
"""Checks `whosaid conflicts` against the "conflicts" of a gold xref.json.

    python3 tests/conflicts_check.py --bin ./whosaid --db out/seeds.db ../shared/seeds/gold/xref.json

Each gold proposition lists quotes for and against it as [doc, start of the
content as written, speaker]. The predicted conflict that holds most of
them stands for it. For each side the check reports the share of the gold
quotes found on that side (met at --min-share, default 0.70) and every gold
quote found on the other side (wrong side: must be none). A gold quote
matches a predicted one of the same doc whose text starts with it (spaces,
case and typographic quotes aside) or contains it.

Exit status: 0 when every proposition is found with both shares met and no
quote on the wrong side, 1 otherwise, 2 on a usage or input error.
"""
import argparse
import json
import subprocess
import sys


def norm(s):
    for a, b in (('\u2019', "'"), ('\u2018', "'"), ('\u201c', '"'), ('\u201d', '"')):
        s = s.replace(a, b)
    return ' '.join(s.lower().replace('"', ' ').split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default='./whosaid')
    ap.add_argument('--db', required=True)
    ap.add_argument('--min-share', type=float, default=0.70)
    ap.add_argument('gold')
    a = ap.parse_args()
    try:
        gold = json.load(open(a.gold, encoding='utf-8'))['conflicts']
    except (OSError, ValueError, KeyError) as e:
        print('conflicts_check: error: %s' % e, file=sys.stderr)
        return 2
    r = subprocess.run([a.bin, 'conflicts', '--db', a.db, '--format', 'json'], capture_output=True, text=True)
    if r.returncode != 0:
        print('conflicts_check: error: whosaid conflicts exited %d: %s' % (r.returncode, r.stderr), file=sys.stderr)
        return 2
    pred = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
    texts = {}
    q = subprocess.run([a.bin, 'quotes', '--db', a.db, '--format', 'json'], capture_output=True, text=True)
    for l in q.stdout.splitlines():
        row = json.loads(l)
        texts[row['id']] = row['text']

    def side_of(conflict, doc, start):
        for side in ('for', 'against', 'hedge'):
            for x in conflict[side]:
                t = norm(texts.get(x['quote'], ''))
                if x['doc'] == doc and (t.startswith(norm(start)) or norm(start) in t):
                    return side
        return None

    ok = True
    for g in gold:
        best, best_n = None, -1
        for c in pred:
            n = sum(1 for side in ('for', 'against') for d, s, _ in g[side] if side_of(c, d, s))
            if n > best_n:
                best, best_n = c, n
        print('proposition: %s' % g['proposition'])
        if not best or best_n == 0:
            print('  not found')
            ok = False
            continue
        print('  predicted: %s [%s]' % (best['proposition'], best['id']))
        for side in ('for', 'against'):
            right = wrong = 0
            for d, s, who in g[side]:
                got = side_of(best, d, s)
                mark = 'ok' if got == side else ('WRONG SIDE' if got in ('for', 'against') else 'missing')
                right += got == side
                if mark == 'WRONG SIDE':
                    wrong += 1
                print('    %-7s %-10s %s: %s' % (side, mark, who, s))
            share = right / len(g[side]) if g[side] else 1.0
            met = share >= a.min_share and wrong == 0
            ok = ok and met
            print('  %s: %d of %d on the right side (%.0f%%), %d on the wrong side: %s' % (
                side, right, len(g[side]), 100 * share, wrong, 'met' if met else 'NOT met'))
    print('conflicts: %s' % ('all met' if ok else 'NOT all met'))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
