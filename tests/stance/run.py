#!/usr/bin/env python3
"""Stance and frame rule tests as data (rules/stance-*.txt, rules/frames.rules).

    python3 tests/stance/run.py BIN [FILE.test...]

Every case is a small made-up article; all cases of a file are ingested
into one temporary store, then each case's propositions (frame key, side,
frame rule, stance rule) are compared with the expected lines, in text
order. A case:

    ### label: description
    <article body: one or more lines>
    ---
    KEY | SIDE | FRAME RULE | STANCE RULE      one line per proposition
    none                                       no proposition expected

Cases that test how a whole article is weighed against a claim use
"claim: TEXT => for|against|observing|unrelated" as the expected line; the
claim is run through `whosaid stance` against the store of all the file's
cases (so words have document frequencies), and the row of that case's
article is compared.
Lines starting with "#" outside a case body are comments. The last line is
"N passed, M failed"; exit status 1 when M > 0, 2 on usage errors.
"""
import glob
import json
import os
import sqlite3
import subprocess
import sys
import tempfile


def parse(path):
    cases, cur, part = [], None, None
    for n, line in enumerate(open(path, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if line.startswith('### '):
            cur = {'label': line[4:].strip(), 'body': [], 'want': [], 'line': n, 'file': path}
            cases.append(cur)
            part = 'body'
        elif cur is None or (line.startswith('#') and part != 'body'):
            continue
        elif line == '---' and part == 'body':
            part = 'want'
        elif part == 'body':
            cur['body'].append(line)
        elif line.strip():
            cur['want'].append(line.strip())
    return cases


def norm_line(s):
    return ' | '.join(x.strip() for x in s.split('|'))


def main():
    if len(sys.argv) < 2:
        print(__doc__.splitlines()[2].strip(), file=sys.stderr)
        return 2
    binary = os.path.abspath(sys.argv[1])
    here = os.path.dirname(os.path.abspath(__file__))
    files = sys.argv[2:] or sorted(glob.glob(os.path.join(here, '*.test')))
    passed = failed = 0
    for path in files:
        cases = parse(path)
        with tempfile.TemporaryDirectory() as tmp:
            for i, c in enumerate(cases):
                c['doc'] = 'case%03d' % i
                with open(os.path.join(tmp, c['doc'] + '.txt'), 'w', encoding='utf-8') as f:
                    # a title line, then the body (plain text: first line is the title)
                    f.write('Case %d\n\n%s\n' % (i, '\n'.join(c['body'])))
            db = os.path.join(tmp, 'cases.db')
            r = subprocess.run([binary, 'ingest', '-q', '--db', db] +
                               [os.path.join(tmp, c['doc'] + '.txt') for c in cases],
                               capture_output=True, text=True)
            if r.returncode != 0:
                print('not ok - %s: ingest failed: %s' % (path, r.stderr.strip()))
                failed += len(cases)
                continue
            con = sqlite3.connect(db)
            for c in cases:
                got = []
                for row in con.execute(
                        'SELECT p.key, p.side, p.frame_rule, p.stance_rule FROM propositions p '
                        'JOIN quotes q ON q.id = p.quote_id JOIN articles a ON a.id = q.article_id '
                        'WHERE a.doc = ? ORDER BY q.start, p.start, p.id', (c['doc'],)):
                    got.append(' | '.join(row))
                claims = [w for w in c['want'] if w.startswith('claim:')]
                want = [norm_line(w) for w in c['want'] if not w.startswith('claim:') and w != 'none']
                problems = []
                if not claims and got != want:
                    problems.append('want:\n      %s\n    got:\n      %s' % (
                        '\n      '.join(want) or '(none)', '\n      '.join(got) or '(none)'))
                for w in claims:
                    text, _, label = w[len('claim:'):].rpartition('=>')
                    text, label = text.strip(), label.strip()
                    s = subprocess.run([binary, 'stance', '--db', db, '--claim', text],
                                       capture_output=True, text=True)
                    rows = [json.loads(l) for l in s.stdout.splitlines() if l.strip()]
                    rows = [r for r in rows if r['article'] == c['doc']]
                    got_label = rows[0]['stance'] if rows else 'unrelated'
                    if s.returncode != 0 or got_label != label:
                        problems.append('claim "%s": want %s, got %s%s' % (
                            text, label, got_label, (' (exit %d: %s)' % (s.returncode, s.stderr.strip()))
                            if s.returncode else ''))
                name = '%s:%d: %s' % (os.path.relpath(c['file']), c['line'], c['label'])
                if problems:
                    failed += 1
                    print('not ok - %s\n    %s' % (name, '\n    '.join(problems)))
                else:
                    passed += 1
                    print('ok - %s' % name)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
