#!/usr/bin/env python3
"""Scores a store of a story against a gold xref.json, every cross-article stage.

    python3 tests/xheld_check.py --bin ./whosaid [--floors K=V,...] GOLD FILE...

Ingests FILE... into a fresh store and reports
  xref       the summary line of tests/xref_check.py (same sources, same claims,
             wrong merges);
  wrong links each "not_same_source" group whose mentions were found as one source;
  conflicts  each gold proposition: the predicted conflict and orientation
             (for/against as gold, or swapped: the names of the sides are the
             tool's) that holds most of its quotes on the right sides; met when
             each side has at least half its gold quotes right and none is on the
             wrong side, partly met when each side has one right; "not_in_conflict"
             quotes found on a side of any conflict are wrong;
             conflicts no gold proposition stands for are listed (to judge);
  check      each "check_findings" entry reported by the rule its wording names
             on the line of its "at" text (`check --db` against the same store,
             each article compared with the others); every other finding is
             listed as unexpected (to judge); a finding over a "not_findings"
             text is wrong.
The last line sums it up. --floors sets minimums/maximums that make the exit
status 1: met=N (xref groups met), merges=N (most wrong merges), links=N (most
wrong links), conflicts=N (propositions met), nic=N (most quotes wrongly in a
conflict), findings=N (gold findings found), bad=N (most findings over
not_findings), extra=N (most unexpected findings).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_seeds import rule_for  # noqa: E402


def norm(s):
    for a, b in (('\u2019', "'"), ('\u2018', "'"), ('\u201c', '"'), ('\u201d', '"'), ('\u00ab', '"'), ('\u00bb', '"')):
        s = s.replace(a, b)
    for c in ',;:()"':
        s = s.replace(c, ' ')
    return ' '.join(s.lower().split())


def jl(text):
    return [json.loads(l) for l in text.splitlines() if l.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default='./whosaid')
    ap.add_argument('--floors', default='')
    ap.add_argument('--db', help='keep the store here (default: a temporary one)')
    ap.add_argument('-q', '--quiet', action='store_true')
    ap.add_argument('gold')
    ap.add_argument('files', nargs='+')
    a = ap.parse_args()
    say = (lambda *x: None) if a.quiet else print
    gold = json.load(open(a.gold, encoding='utf-8'))
    floors = dict(kv.split('=') for kv in a.floors.split(',') if kv)
    binary = os.path.abspath(a.bin)

    # the articles' texts: doc id -> (text, base offset is the text itself, path)
    texts, paths = {}, {}
    for p in a.files:
        if p.endswith('.jsonl'):
            for l in open(p, encoding='utf-8'):
                if l.strip():
                    r = json.loads(l)
                    texts[r['id']] = r['text'].encode('utf-8')
                    paths[r['id']] = p
        else:
            doc = os.path.splitext(os.path.basename(p))[0]
            texts[doc] = open(p, 'rb').read()
            paths[doc] = p

    tmp = tempfile.TemporaryDirectory()
    db = a.db or os.path.join(tmp.name, 'x.db')
    if a.db and os.path.exists(db):
        os.remove(db)
    r = subprocess.run([binary, 'ingest', '-q', '--db', db] + a.files, capture_output=True, text=True)
    if r.returncode != 0:
        print('xheld_check: error: ingest exited %d: %s' % (r.returncode, r.stderr), file=sys.stderr)
        return 2

    def q(cmd):
        r = subprocess.run([binary, cmd, '--db', db, '--format', 'json'], capture_output=True, text=True)
        if r.returncode != 0:
            print('xheld_check: error: %s exited %d: %s' % (cmd, r.returncode, r.stderr), file=sys.stderr)
            sys.exit(2)
        return jl(r.stdout)

    sources, quotes, conflicts = q('sources'), q('quotes'), q('conflicts')

    # --- xref_check.py ----------------------------------------------------
    xc = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'xref_check.py')
    r = subprocess.run([sys.executable, xc, '--bin', binary, '--db', db, a.gold], capture_output=True, text=True)
    xlines = r.stdout.splitlines()
    for l in xlines[:-1]:
        say(l)
    xsum = xlines[-1] if xlines else '?'
    m = re.match(r'(\d+) met, (\d+) partly met, (\d+) unmet, (\d+) wrong merge', xsum)
    xmet, xpart, xunmet, xwrong = (int(x) for x in m.groups()) if m else (0, 0, 0, 99)
    say('xref: ' + xsum)

    # --- wrong source links -------------------------------------------------
    ment = {}
    for s in sources:
        for mm in s['mentions']:
            ment.setdefault(mm['doc'], []).append((norm(mm['text']), s['id']))

    def find_source(doc, text):
        t = norm(text)
        f = {sid for mt, sid in ment.get(doc, []) if mt == t}
        if not f:
            f = {sid for mt, sid in ment.get(doc, []) if (' %s ' % t) in (' %s ' % mt) or (' %s ' % mt) in (' %s ' % t)}
        return f

    links = 0
    for g in gold.get('not_same_source', []):
        sets = [find_source(d, t) for d, t in g['mentions']]
        shared = set.intersection(*sets) if all(sets) else set()
        if shared:
            links += 1
            say('WRONG LINK: %s (source %s)' % (g['why'], ','.join(map(str, sorted(shared)))))
    say('wrong links: %d of %d' % (links, len(gold.get('not_same_source', []))))

    # --- conflicts ----------------------------------------------------------
    qtext = {x['id']: x['text'] for x in quotes}

    def side_of(c, doc, start):
        s = norm(start)
        for side in ('for', 'against', 'hedge'):
            for x in c[side]:
                t = norm(qtext.get(x['quote'], ''))
                if x['doc'] == doc and (t.startswith(s) or s in t):
                    return side
        return None

    cmet = cpart = 0
    used = set()
    for g in gold.get('conflicts', []):
        best = None
        for c in conflicts:
            for flip in (False, True):
                names = ('against', 'for') if flip else ('for', 'against')
                right = [sum(1 for d, s, _ in g[gs] if side_of(c, d, s) == ps) for gs, ps in zip(('for', 'against'), names)]
                wrong = sum(1 for gs, ps in zip(('for', 'against'), names[::-1]) for d, s, _ in g[gs] if side_of(c, d, s) == ps)
                key = (sum(right) - 2 * wrong, sum(right))
                if best is None or key > best[0]:
                    best = (key, c, right, wrong, flip)
        if not best or best[0][1] == 0:
            say('conflict UNMET %s: not found' % g['proposition'])
            continue
        _, c, right, wrong, flip = best
        used.add(c['id'])
        n = [len(g['for']), len(g['against'])]
        ok = all(r * 2 >= k for r, k in zip(right, n)) and wrong == 0
        part = not ok and all(right) and wrong == 0
        cmet += ok
        cpart += part
        say('conflict %-7s %s -> [%s] %s%s: %d/%d and %d/%d right, %d wrong side' % (
            'met' if ok else 'partial' if part else 'UNMET', g['proposition'], c['id'], c['proposition'],
            ' (sides swapped)' if flip else '', right[0], n[0], right[1], n[1], wrong))
    nic = 0
    for d, s, who in gold.get('not_in_conflict', []):
        hits = [c['id'] for c in conflicts if side_of(c, d, s) in ('for', 'against')]
        if hits:
            nic += 1
            say('WRONGLY IN CONFLICT %s: %s "%s" in %s' % (who, d, s, hits))
    for c in conflicts:
        if c['id'] not in used:
            say('other conflict [%s] %s: %d for, %d against' % (c['id'], c['proposition'], len(c['for']), len(c['against'])))
    say('conflicts: %d of %d met, %d partly; %d predicted; %d quotes wrongly in a conflict' % (
        cmet, len(gold.get('conflicts', [])), cpart, len(conflicts), nic))

    # --- check --------------------------------------------------------------
    findings = []
    for p in a.files:
        r = subprocess.run([binary, 'check', '-q', '--exit-zero', '--format', 'json', '--db', db, p],
                           capture_output=True, text=True)
        if r.returncode != 0:
            print('xheld_check: error: check %s exited %d: %s' % (p, r.returncode, r.stderr), file=sys.stderr)
            return 2
        findings += jl(r.stdout)

    def where(doc, at):
        raw = texts.get(doc, b'')
        pos = raw.find(at.encode('utf-8'))
        return (pos, raw.count(b'\n', 0, pos) + 1) if pos >= 0 else (-1, -1)

    matched = set()
    found = 0
    for g in gold.get('check_findings', []):
        rule = rule_for(g['finding'])
        if rule is None and 'attribution-drift' in g['finding']:
            rule = 'attribution-drift'
        if rule is None and 'quote-drift' in g['finding']:
            rule = 'quote-drift'
        pos, line = where(g['doc'], g['at'])
        hits = [i for i, f in enumerate(findings) if f['doc'] == g['doc'] and f['rule'] == rule and f['line'] == line]
        found += bool(hits)
        matched.update(hits)
        say('finding %-6s %s %s at "%s"' % ('found' if hits else 'MISSED', g['doc'], rule, g['at']))
    bad = 0
    for g in gold.get('not_findings', []):
        pos, _ = where(g['doc'], g['at'])
        end = pos + len(g['at'].encode('utf-8'))
        over = [f for f in findings if f['doc'] == g['doc'] and f['start'] < end and pos < f['end']]
        if over:
            bad += 1
            say('WRONG FINDING %s at "%s": %s' % (g['doc'], g['at'], '; '.join(f['rule'] for f in over)))
    extra = [f for i, f in enumerate(findings) if i not in matched]
    for f in extra:
        say('unexpected %s:%d %s %s: %s' % (f['doc'], f['line'], f['severity'], f['rule'], f['message'][:160]))
    say('check: %d of %d gold findings found, %d over not_findings, %d others (of %d)' % (
        found, len(gold.get('check_findings', [])), bad, len(extra), len(findings)))

    got = {'met': xmet, 'merges': xwrong, 'links': links, 'conflicts': cmet, 'nic': nic,
           'findings': found, 'bad': bad, 'extra': len(extra)}
    at_least = {'met', 'conflicts', 'findings'}
    fails = []
    for k, v in floors.items():
        if k not in got:
            print('xheld_check: error: unknown floor %s' % k, file=sys.stderr)
            return 2
        if (got[k] < int(v)) if k in at_least else (got[k] > int(v)):
            fails.append('%s %d (%s %s)' % (k, got[k], 'floor' if k in at_least else 'ceiling', v))
    print('xheld: xref %d met, %d partly, %d unmet, %d wrong merges; %d wrong links; conflicts %d met, %d partly, '
          '%d wrongly in; check %d of %d found, %d wrong, %d others%s' % (
              xmet, xpart, xunmet, xwrong, links, cmet, cpart, nic, found, len(gold.get('check_findings', [])), bad,
              len(extra), ('; BELOW: ' + ', '.join(fails)) if fails else ''))
    return 1 if fails else 0


if __name__ == '__main__':
    sys.exit(main())
