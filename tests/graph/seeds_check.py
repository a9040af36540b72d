#!/usr/bin/env python3
"""Checks `whosaid graph` DOT of the seed store against the seeds' gold.

usage: seeds_check.py GRAPH.dot STORE.db GOLD_DIR

For every quoted source of the gold (quotes.jsonl): the gold quotes are
matched to the store's quotes by document and overlapping span, and the
source the store gave them must be one node of the graph (not one node per
article), labelled with its name and, when the store has one, its title.
For every same_claim group of xref.json: its quotes must be one claim
cluster, drawn as one claim node with a "reported in" edge to each of its
articles.

Prints one line per speaker and per group, then a summary. Exit status 1
when the graph misses or splits what the store holds (a graph bug); what
the store itself does not hold (a speaker not extracted, a group the
clustering did not merge) is reported as a limit of the earlier stages,
not a failure of the graph.
"""
import html
import json
import re
import sqlite3
import sys


def parse_dot(path):
    """node name -> plain text of its label; set of (tail, head) edges."""
    text = open(path, encoding='utf-8').read()
    nodes, edges = {}, set()
    # cgraph's writer: a statement per node or edge, attributes in [...]
    for m in re.finditer(r'^\t+(\w+)\t\[(.*?)\];$', text, re.S | re.M):
        label = re.search(r'\blabel=<(.*?)>,?\n', m.group(2) + '\n', re.S)
        plain = ''
        if label:
            plain = re.sub(r'<BR[^>]*>', ' ', label.group(1))
            plain = html.unescape(re.sub(r'<[^>]*>', '', plain))
            plain = re.sub(r'\s+', ' ', plain)
        nodes[m.group(1)] = plain
    for m in re.finditer(r'^\t+(\w+) -> (\w+)', text, re.M):
        edges.add((m.group(1), m.group(2)))
    return nodes, edges


def main():
    dot, db, gold = sys.argv[1:4]
    nodes, edges = parse_dot(dot)
    con = sqlite3.connect(db)
    quotes = con.execute(
        'SELECT q.id, a.doc, q.start, q.end, q.text, q.source_id, coalesce(c.cluster, c.id), a.id '
        'FROM quotes q JOIN articles a ON a.id = q.article_id JOIN claims c ON c.id = q.id').fetchall()
    sources = {r[0]: r[1:] for r in con.execute('SELECT id, name, title, kind FROM sources')}

    def store_quote(doc, start=None, end=None, prefix=None):
        best, overlap = None, 0
        for q in quotes:
            if q[1] != doc:
                continue
            if prefix is not None:
                p = prefix.replace('\u2019', "'")
                t = q[4].replace('\u2019', "'")
                if p in t:
                    return q
                continue
            o = min(end, q[3]) - max(start, q[2])
            if o > overlap:
                best, overlap = q, o
        return best

    bugs = 0
    limits = 0
    # speakers
    speakers = {}
    for line in open(gold + '/quotes.jsonl', encoding='utf-8'):
        g = json.loads(line)
        if not g.get('speaker') or g['speaker'] == 'None':
            continue
        speakers.setdefault(g['speaker'], []).append(g)
    for name in sorted(speakers):
        ids = set()
        missing = 0
        for g in speakers[name]:
            q = store_quote(g['doc'], g['start'], g['end'])
            if q is None or q[5] is None:
                missing += 1
            else:
                ids.add(q[5])
        if not ids:
            print('limit: speaker %r: none of its %d quotes is stored with a source (extraction)'
                  % (name, len(speakers[name])))
            limits += 1
            continue
        problems = []
        for sid in sorted(ids):
            node = 's%d' % sid
            sname, title, kind = sources[sid]
            if node not in nodes:
                problems.append('source %d (%s) has no node' % (sid, sname))
                continue
            label = nodes[node]
            if sname.split()[0].lower() not in label.lower():
                problems.append('node %s is not labelled with %r: %r' % (node, sname, label))
            if title and title.split()[0].lower() not in label.lower():
                problems.append('node %s lacks the title %r: %r' % (node, title, label))
        if problems:
            bugs += 1
            print('not ok: speaker %r: %s' % (name, '; '.join(problems)))
        elif len(ids) > 1:
            limits += 1
            print('limit: speaker %r is %d sources in the store (%s): cross-reference'
                  % (name, len(ids), ', '.join('s%d' % i for i in sorted(ids))))
        else:
            sid = ids.pop()
            print('ok: speaker %r is one node s%d: %s%s' % (name, sid, nodes['s%d' % sid][:70],
                  ' (%d of its quotes not stored)' % missing if missing else ''))
    # same_claim groups
    xref = json.load(open(gold + '/xref.json', encoding='utf-8'))
    merged = 0
    for grp in xref.get('same_claim', []):
        qs = [store_quote(doc, prefix=prefix) for doc, prefix in grp['quotes']]
        if any(q is None for q in qs):
            print('limit: claim %r: a quote is not stored (extraction)' % grp['claim'])
            limits += 1
            continue
        clusters = sorted({q[6] for q in qs})
        if len(clusters) > 1:
            print('limit: claim %r: %d clusters in the store (%s): not merged by the clustering'
                  % (grp['claim'], len(clusters), ', '.join('c%d' % c for c in clusters)))
            limits += 1
            continue
        node = 'c%d' % clusters[0]
        arts = sorted({q[7] for q in qs})
        missing = [a for a in arts if (node, 'a%d' % a) not in edges]
        if node not in nodes or missing:
            bugs += 1
            print('not ok: claim %r: node %s %s' % (grp['claim'], node,
                  'is missing' if node not in nodes else 'lacks edges to a%s' % missing))
        else:
            merged += 1
            print('ok: claim %r is one node %s linked to %d articles' % (grp['claim'], node, len(arts)))
    print('seeds: %d speakers, %d same_claim groups (%d one node), %d graph problems, %d limits of '
          'earlier stages' % (len(speakers), len(xref.get('same_claim', [])), merged, bugs, limits))
    return 1 if bugs else 0


if __name__ == '__main__':
    sys.exit(main())
