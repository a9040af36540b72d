#!/usr/bin/env python3
"""Checks the store's cross-references against a gold xref.json.

    python3 tests/xref_check.py --bin ./whosaid --db out/seeds.db ../shared/seeds/gold/xref.json

Runs `whosaid sources|claims|quotes --format json` on the database (or reads
saved outputs: --sources F --claims F --quotes F) and reports:

  same_source  each group: met when every mention it lists ([doc, text as
               written]) is a stored mention and all of them belong to one
               source, and each of its "members" is a source whose member_of
               is that source; partly met when the mentions found (in two
               articles or more) are one source but some are not found
               (the extraction did not report them as speakers). A mention
               matches a stored one of the same doc whose text equals it, or
               contains it or is contained in it as whole words (any case,
               never a bare pronoun; a source whose name it spells first).
  same_claim   each group: met when every quote it lists ([doc, start of the
               content]) is a stored quote and all are in one claim cluster;
               partly met when two or more are found, all in one cluster.
  wrong merges over every cluster of `whosaid claims`: the quotes of a
               cluster fall into gold groups (a quote no group lists is a
               group of its own); a cluster spanning k groups is k - 1 wrong
               merges.

Exit status: 0 when every group is met (not just partly) and the wrong
merges are at most --max-wrong (default 1), 1 otherwise, 2 on a usage or
input error.
"""
import argparse
import json
import subprocess
import sys


def norm(s):
    s = s.replace('\u2019', "'").replace('\u2018', "'").replace('\u201c', '"').replace('\u201d', '"')
    for c in ',;:()':
        s = s.replace(c, ' ')
    return ' '.join(s.lower().split())


def load_lines(text, what):
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except ValueError as e:
                sys.exit('xref_check: error: %s output line %d is not JSON: %s' % (what, n, e))
    return rows


def run(binary, db, cmd):
    p = subprocess.run([binary, cmd, '--db', db, '--format', 'json'], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        sys.stderr.write(p.stderr.decode('utf-8', 'replace'))
        print('xref_check: error: "%s %s" exited with status %d' % (binary, cmd, p.returncode),
              file=sys.stderr)
        sys.exit(2)
    return p.stdout.decode('utf-8')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('xref', help="gold xref.json")
    ap.add_argument('--bin', help='whosaid binary to run')
    ap.add_argument('--db', help='database for --bin')
    ap.add_argument('--sources')
    ap.add_argument('--claims')
    ap.add_argument('--quotes')
    ap.add_argument('--max-wrong', type=int, default=1)
    ap.add_argument('-q', '--quiet', action='store_true', help='print only the summary line')
    a = ap.parse_args()
    outputs = {}
    for cmd in ('sources', 'claims', 'quotes'):
        path = getattr(a, cmd)
        if path:
            with open(path, encoding='utf-8') as f:
                outputs[cmd] = load_lines(f.read(), cmd)
        elif a.bin and a.db:
            outputs[cmd] = load_lines(run(a.bin, a.db, cmd), cmd)
        else:
            ap.error('give --bin and --db, or --%s' % cmd)
    with open(a.xref, encoding='utf-8') as f:
        gold = json.load(f)
    sources, claims, quotes = outputs['sources'], outputs['claims'], outputs['quotes']
    say = (lambda *x: None) if a.quiet else print

    by_id = {s['id']: s for s in sources}
    mentions = {}   # doc -> [(norm text, source id)]
    for s in sources:
        for m in s['mentions']:
            mentions.setdefault(m['doc'], []).append((norm(m['text']), s['id']))

    pronouns = {'he', 'she', 'it', 'they', 'we', 'i', 'you', 'him', 'her', 'them', 'us'}

    def inside(a, b):
        """a is a run of whole words of b, and not just a pronoun"""
        return a not in pronouns and (' %s ' % a) in (' %s ' % b)

    def find_source(doc, text):
        t = norm(text)
        found = {sid for mt, sid in mentions.get(doc, []) if mt == t}
        if not found:
            found = {sid for mt, sid in mentions.get(doc, []) if inside(t, mt) or inside(mt, t)}
            # "Ilse Marr, a spokeswoman for the agency" holds "the agency" too:
            # prefer the sources whose name it spells
            named = {sid for sid in found if inside(norm(by_id[sid]['name']), t)}
            found = named or found
        return found

    met = unmet = partial = 0
    say('same_source:')
    for g in gold.get('same_source', []):
        ids, missing, found_docs = set(), [], set()
        for doc, text in g['mentions']:
            f = find_source(doc, text)
            if not f:
                missing.append('%s "%s"' % (doc, text))
            else:
                found_docs.add(doc)
            ids |= f
        why = []
        if missing:
            why.append('not found: ' + '; '.join(missing))
        if len(ids) > 1:
            why.append('split over sources ' + ', '.join('%d %s' % (i, by_id[i]['name']) for i in sorted(ids)))
        if len(ids) == 1:
            target = next(iter(ids))
            for member in g.get('members', []):
                ms = [s for s in sources if norm(s['name']) == norm(member)]
                if not ms:
                    why.append('member "%s": no such source' % member)
                elif not any(s.get('member_of') == target for s in ms):
                    why.append('member "%s" (source %s) is not member_of %d' %
                               (member, ','.join(str(s['id']) for s in ms), target))
        ok = not why
        # partly met: what was found is one source, in two articles or more
        part = not ok and len(ids) == 1 and len(found_docs) >= 2 and all(w.startswith('not found') for w in why)
        met += ok
        partial += part
        unmet += not ok and not part
        say('  %-7s %s%s' % ('met' if ok else 'partial' if part else 'UNMET', g['source'],
                               ' (source %d)' % next(iter(ids)) if ok else ': ' + '; '.join(why)))

    qidx = {}
    for q in quotes:
        qidx.setdefault(q['doc'], []).append(q)

    def find_quote(doc, start):
        s = norm(start)
        return [q for q in qidx.get(doc, []) if norm(q['text']).startswith(s)]

    say('same_claim:')
    group_of = {}
    for gi, g in enumerate(gold.get('same_claim', [])):
        clusters, missing = set(), []
        for doc, start in g['quotes']:
            qs = find_quote(doc, start)
            if not qs:
                missing.append('%s "%s"' % (doc, start))
            for q in qs:
                clusters.add(q['claim'])
                group_of[q['id']] = gi
        why = []
        if missing:
            why.append('not found: ' + '; '.join(missing))
        if len(clusters) > 1:
            why.append('split over clusters ' + ', '.join(str(c) for c in sorted(clusters)))
        ok = not why
        found = len(g['quotes']) - len(missing)
        part = not ok and len(clusters) == 1 and found >= 2 and not why[1:]
        met += ok
        partial += part
        unmet += not ok and not part
        say('  %-7s %s%s' % ('met' if ok else 'partial' if part else 'UNMET', g['claim'],
                               ' (claim %d)' % next(iter(clusters)) if ok else ': ' + '; '.join(why)))

    wrong = 0
    text_of = {q['id']: q['text'] for q in quotes}
    for c in claims:
        if len(c['quotes']) < 2:
            continue
        groups = {group_of.get(qid, qid) for qid in c['quotes']}
        if len(groups) > 1:
            wrong += len(groups) - 1
            say('wrong merge: claim %d joins %d groups:' % (c['id'], len(groups)))
            for qid in c['quotes']:
                say('    %s: %s' % (qid, text_of.get(qid, '?')[:100]))
    print('%d met, %d partly met, %d unmet, %d wrong merge%s (at most %d allowed) in %d claim clusters' %
          (met, partial, unmet, wrong, '' if wrong == 1 else 's', a.max_wrong, len(claims)))
    sys.exit(0 if not unmet and not partial and wrong <= a.max_wrong else 1)


if __name__ == '__main__':
    main()
