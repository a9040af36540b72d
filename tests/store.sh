#!/bin/sh
# Tests of the store: `whosaid ingest`, `whosaid db check` and the queries
# `sources`, `claims`, `quotes`, `stories`.
#
# usage: sh tests/store.sh BIN
#
#   story       ingest tests/story: the row counts, `db check`, every query
#               in both formats; the JSON rows keep the contract of
#               DESIGN.md (quotes: exactly the extract record plus "source"
#               and "claim"); filters; the same speaker is one source across
#               the articles (a floor against tests/story/gold/xref.json)
#   idempotent  ingesting the same files again changes nothing
#   replace     a changed article replaces its rows; a speaker it no longer
#               quotes is gone; one article id read twice in a run is a warning
#   jobs        --jobs 2 stores what --jobs 1 stores, in the same order
#   killed      SIGKILL in the middle of a big ingest leaves a database that
#               passes `db check` and holds every article reported committed,
#               each with all its quotes; ingesting again completes it
#   concurrent  two ingests into one database at once both finish
#   migrate     a database of schema version 0 is migrated (other tables
#               kept); a newer one, or one that cannot be migrated, is refused
#               and left as it was
#   bad input   exit status 2 with a message naming the input; everything
#               stored before is still there
#   shared      when ../shared is there: the seeds against their gold xref
#               (a floor) and FNC-1 stories (B-cubed F1 >= 0.75; not under
#               sanitizers)
#
# Needs python3 (its sqlite3 module reads the database); without it the
# suite is skipped. Every input is generated in a temporary directory.
BIN=$1
[ -n "$BIN" ] || { echo "usage: sh tests/store.sh BIN" >&2; exit 2; }
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
BIN=$(abs_bin "$BIN")
need_bin store.sh
LIMIT=${WHOSAID_TIMEOUT:-60}
if ! command -v python3 > /dev/null 2>&1; then
	skip "store: python3 is not installed"
	finish
	exit 0
fi

tmp=$(mktemp -d) || exit 2
trap 'kill -9 $bgpid $bgpid2 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

SUITE=store   # w and check: tests/lib.sh

# counts DB: "articles sources mentions quotes claims" of a database
counts() {
	python3 - "$1" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(' '.join(str(c.execute('SELECT count(*) FROM %s' % t).fetchone()[0])
               for t in ('articles', 'sources', 'mentions', 'quotes', 'claims')))
EOF
}

# sql DB QUERY: the first column of the first row
sql() {
	python3 -c 'import sqlite3, sys; r = sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone(); print(r[0] if r else "")' "$1" "$2"
}

sane() {
	# no crash, no sanitizer report
	if [ $rc -ge 124 ]; then
		echo "    status $rc (timeout or signal)"
		return 1
	fi
	if grep -Eq 'AddressSanitizer|LeakSanitizer|runtime error:' "$tmp/err"; then
		echo "    sanitizer report"
		return 1
	fi
	return 0
}

# ---- story ------------------------------------------------------------------
db=$tmp/story.db
w ingest --db "$db" -q $STORY
sane && [ $rc -eq 0 ]
check "ingest the story (status $rc)" $? "$tmp/err"
"$BIN" extract -q $STORY > "$tmp/extract.jsonl" 2> /dev/null
nq=$(grep -c '"type":"quote"' "$tmp/extract.jsonl")
set -- $(counts "$db")
[ "$1" -eq 5 ] && [ "$4" -eq "$nq" ] && [ "$5" -eq "$nq" ] && [ "$2" -gt 0 ] && [ "$3" -gt 0 ]
check "story rows: $1 articles (5), $4 quotes and $5 claims ($nq extracted), $2 sources, $3 mentions" $?
story_counts="$*"

w db check --db "$db"
[ $rc -eq 0 ] && grep -q ': ok: 5 articles' "$tmp/out"
check "db check passes on the story" $? "$tmp/err"

for q in sources claims quotes stories; do
	w $q --db "$db" --format json
	cp "$tmp/out" "$tmp/$q.json"
	sane && [ $rc -eq 0 ] && [ -s "$tmp/$q.json" ]
	check "$q --format json runs" $? "$tmp/err"
	w $q --db "$db"
	cp "$tmp/out" "$tmp/$q.text"
	sane && [ $rc -eq 0 ] && grep -q 'harbor-courier' "$tmp/$q.text"
	check "$q --format text runs and names the articles" $? "$tmp/err"
done

python3 - "$tmp" > "$tmp/contract" 2>&1 <<'EOF'
import json, sys
tmp = sys.argv[1]
def rows(name):
    return [json.loads(l) for l in open('%s/%s.json' % (tmp, name), encoding='utf-8') if l.strip()]
extract = [json.loads(l) for l in open(tmp + '/extract.jsonl', encoding='utf-8') if l.strip()]
docs = {r['doc']: r for r in extract if r['type'] == 'article'}
xq = {r['id']: r for r in extract if r['type'] == 'quote'}
sources, claims, quotes, stories = rows('sources'), rows('claims'), rows('quotes'), rows('stories')
bad = []
def need(cond, msg):
    if not cond:
        bad.append(msg)
# quotes: the extract record, plus source and claim
sids = {s['id'] for s in sources}
cids = {c['id'] for c in claims}
need(len(quotes) == len(xq), 'quotes: %d rows, extract has %d' % (len(quotes), len(xq)))
for q in quotes:
    rec = dict(q)
    src, cl = rec.pop('source', 'missing'), rec.pop('claim', 'missing')
    need(rec == xq.get(q['id']), 'quotes: %s differs from the extract record' % q['id'])
    need(src is None if q['speaker'] is None else src in sids, 'quotes: %s: bad source %r' % (q['id'], src))
    need(cl in cids, 'quotes: %s: claim %r is not a claims id' % (q['id'], cl))
# sources
keys = ['id', 'name', 'kind', 'title', 'member_of', 'quotes', 'articles', 'mentions']
for s in sources:
    need(all(k in s for k in keys), 'sources: %s lacks a field of %s' % (s.get('id'), keys))
    need(isinstance(s['id'], int) and isinstance(s['name'], str) and s['kind'] in
         ('person', 'organization', 'anonymous', 'vague', 'document'), 'sources: bad types in %r' % s)
    need(s['member_of'] is None or s['member_of'] in sids, 'sources: member_of %r unknown' % s['member_of'])
    need(s['quotes'] == sum(1 for q in quotes if q['source'] == s['id']), 'sources: %d: quote count' % s['id'])
    need(s['articles'] == len({m['doc'] for m in s['mentions']}), 'sources: %d: article count' % s['id'])
    for m in s['mentions']:
        need(set(m) >= {'doc', 'start', 'end', 'text'} and m['doc'] in docs, 'sources: bad mention %r' % m)
need(len({s['id'] for s in sources}) == len(sources), 'sources: duplicate ids')
# claims: every quote in exactly one
seen = {}
for c in claims:
    need(set(c) >= {'id', 'text', 'quotes', 'docs', 'sources'}, 'claims: fields of %r' % c)
    for qid in c['quotes']:
        need(qid not in seen, 'claims: %s in two claims' % qid)
        seen[qid] = c['id']
    need(sorted(c['docs']) == sorted({xq[q]['doc'] for q in c['quotes']}), 'claims: %d: docs' % c['id'])
    need(set(c['sources']) == {q['source'] for q in quotes if q['id'] in c['quotes'] and q['source']},
         'claims: %d: sources' % c['id'])
need(set(seen) == set(xq), 'claims: not every quote is in a claim')
need(all(seen[q['id']] == q['claim'] for q in quotes), 'claims: quotes and claims disagree on clusters')
# stories: every article once
need(sorted(r['article'] for r in stories) == sorted(docs), 'stories: not every article exactly once')
need(all(set(r) >= {'article', 'cluster'} and isinstance(r['cluster'], int) for r in stories), 'stories: fields')
# a speaker across articles is one source
need(any(s['kind'] == 'person' and s['articles'] >= 3 for s in sources), 'no person source spans 3 articles')
for b in bad[:20]:
    print(b)
sys.exit(1 if bad else 0)
EOF
check "JSON rows keep the contract (quotes = extract record + source + claim)" $? "$tmp/contract"

# filters
brekke=$(python3 -c '
import json, sys
for l in open(sys.argv[1]):
    s = json.loads(l)
    if s["name"] == "Tomas Brekke": print(s["id"])' "$tmp/sources.json")
w quotes --db "$db" --format json --doc the-ledger
python3 -c '
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])]
sys.exit(0 if r and all(q["doc"] == "the-ledger" for q in r) else 1)' "$tmp/out"
check "quotes --doc keeps that article's quotes only" $?
if [ -n "$brekke" ]; then
	w quotes --db "$db" --format json --source "tomas brekke"
	python3 -c '
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])]
sys.exit(0 if len({q["doc"] for q in r}) >= 2 and all(q["source"] == int(sys.argv[2]) for q in r) else 1)' "$tmp/out" "$brekke"
	check "quotes --source NAME: that source, in several articles" $?
	w sources --db "$db" --format json --source "$brekke"
	[ "$(wc -l < "$tmp/out")" -eq 1 ] && grep -q '"name":"Tomas Brekke"' "$tmp/out"
	check "sources --source ID" $?
else
	not_ok "store: no source 'Tomas Brekke' in the story"
fi
cl=$(python3 -c '
import json, sys
best = max((json.loads(l) for l in open(sys.argv[1])), key=lambda c: len(c["quotes"]))
print(best["id"])' "$tmp/claims.json")
w quotes --db "$db" --format json --claim "$cl"
python3 -c '
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])]
sys.exit(0 if len(r) >= 2 and all(q["claim"] == int(sys.argv[2]) for q in r) else 1)' "$tmp/out" "$cl"
check "quotes --claim ID: the quotes of that cluster" $?
w claims --db "$db" --format json --doc valley-post
python3 -c '
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])]
sys.exit(0 if r and all("valley-post" in c["docs"] for c in r) else 1)' "$tmp/out"
check "claims --doc" $?
w stories --db "$db" --format json --doc wire-0314-b
grep -q '"article":"wire-0314-b"' "$tmp/out"
check "stories --doc holds that article" $?
w quotes --db "$db" --claim abc
[ $rc -eq 2 ] && grep -q "error: '--claim' needs" "$tmp/err"
check "a bad --claim is a usage error (status $rc)" $? "$tmp/err"

# the story's gold: the same speaker, one source (a floor)
python3 tests/xref_check.py --bin "$BIN" --db "$db" --max-wrong 1000 tests/story/gold/xref.json > "$tmp/xref" 2>&1
met=$(grep -Ec '^  (met|partial)' "$tmp/xref")
min=${WHOSAID_MIN_STORY_XREF:-8}
[ "$met" -ge "$min" ]
check "story gold: $met groups met or partly met (floor $min; tests/xref_check.py)" $? "$tmp/xref"

# ---- idempotent ---------------------------------------------------------------
gen=$(sql "$db" "SELECT value FROM meta WHERE key = 'generation'")
w ingest --db "$db" -q -v $STORY
[ $rc -eq 0 ] && [ "$(grep -c '^unchanged ' "$tmp/out")" -eq 5 ] && [ "$(counts "$db")" = "$story_counts" ] &&
	[ "$(sql "$db" "SELECT value FROM meta WHERE key = 'generation'")" = "$gen" ]
check "re-ingest changes nothing (counts $story_counts, generation $gen)" $? "$tmp/out"
w ingest --db "$db" -q -v --force tests/story/harbor-courier.txt
[ $rc -eq 0 ] && grep -q '^replaced harbor-courier' "$tmp/out" && [ "$(counts "$db")" = "$story_counts" ]
check "--force extracts again and stores the same rows" $? "$tmp/out"

# ---- replace ------------------------------------------------------------------
rdb=$tmp/replace.db
mkdir "$tmp/r"
cp tests/story/harbor-courier.txt "$tmp/r/harbor-courier.txt"
w ingest --db "$rdb" -q "$tmp/r/harbor-courier.txt"
before=$(sql "$rdb" "SELECT count(*) FROM quotes")
printf '\n"We will reopen the ferry on Friday," said Mayor Ola Strand.\n' >> "$tmp/r/harbor-courier.txt"
w ingest --db "$rdb" -q -v "$tmp/r/harbor-courier.txt"
after=$(sql "$rdb" "SELECT count(*) FROM quotes")
[ $rc -eq 0 ] && grep -q '^replaced harbor-courier' "$tmp/out" && [ "$after" -eq $((before + 1)) ] &&
	[ "$(sql "$rdb" "SELECT count(*) FROM articles")" -eq 1 ] &&
	[ "$(sql "$rdb" "SELECT count(*) FROM sources WHERE name = 'Ola Strand'")" -eq 1 ]
check "a changed article replaces its rows ($before quotes, then $after)" $? "$tmp/out"
printf 'Title: Harbor reopens\n\n"The ferry runs again," said Mayor Ana Holt.\n' > "$tmp/r/harbor-courier.txt"
w ingest --db "$rdb" -q -v "$tmp/r/harbor-courier.txt"
set -- $(counts "$rdb")
[ $rc -eq 0 ] && [ "$1 $2 $4 $5" = "1 1 1 1" ] &&
	[ "$(sql "$rdb" "SELECT name FROM sources")" = "Ana Holt" ]
check "sources the new version no longer quotes are gone (counts: $*)" $?
w db check --db "$rdb"
check "db check after replacing" $rc "$tmp/err"
mkdir -p "$tmp/dup/a" "$tmp/dup/b"
printf 'Title: A\n\n"One," said Mayor Ana Holt.\n' > "$tmp/dup/a/x.txt"
printf 'Title: B\n\n"Two," said Mayor Ola Berg.\n' > "$tmp/dup/b/x.txt"
w ingest --db "$tmp/dup.db" "$tmp/dup/a/x.txt" "$tmp/dup/b/x.txt"
[ $rc -eq 0 ] && grep -q "b/x.txt: warning: article id 'x' was stored from '.*a/x.txt' earlier in this run" "$tmp/err" &&
	[ "$(sql "$tmp/dup.db" "SELECT title FROM articles")" = B ]
check "two files with one article id in one run: the later one wins, with a warning" $? "$tmp/err"

# ---- big input ----------------------------------------------------------------
# gen N FILE [PREFIX]: N generated articles as JSON Lines
gen() {
	python3 - "$1" "$2" "${3:-g}" <<'EOF'
import json, sys
n, path, prefix = int(sys.argv[1]), sys.argv[2], sys.argv[3]
first = ['Ana', 'Ola', 'Lena', 'Tor', 'Mira', 'Jon', 'Eva', 'Kai']
last = ['Holt', 'Berg', 'Strand', 'Lund', 'Dahl', 'Moen', 'Vik', 'Haug']
with open(path, 'w') as f:
    for i in range(n):
        a, b = first[i % 8] + ' ' + last[(i // 8) % 8], first[(i + 3) % 8] + ' ' + last[(i // 3) % 8]
        paras = ['"The pier at dock %d will reopen on day %d," said Mayor %s.' % (i, i % 30, a),
                 '%s, a spokeswoman for the Harbor Agency, said the water in basin %d was safe.' % (b, i % 17),
                 'Officials said the repairs at dock %d would cost %d crowns.' % (i, 1000 + i)]
        paras += ['The harbor board met on day %d and heard %d complaints about the noise.' % (k, i + k)
                  for k in range(8)]
        f.write(json.dumps({'id': '%s-%05d' % (prefix, i), 'title': 'Dock %d reopens' % i,
                            'text': '\n\n'.join(paras)}) + '\n')
EOF
}
if [ -n "$WHOSAID_SANITIZER" ]; then NBIG=1500; else NBIG=6000; fi
gen $NBIG "$tmp/big.jsonl"

# ---- jobs ---------------------------------------------------------------------
head -n 300 "$tmp/big.jsonl" > "$tmp/small.jsonl"
w ingest --db "$tmp/j1.db" -q --jobs 1 "$tmp/small.jsonl" $STORY
rc1=$rc
w ingest --db "$tmp/j2.db" -q --jobs 2 "$tmp/small.jsonl" $STORY
rc2=$rc
# (the writer stores articles in the order they were read, so the two
# databases are the same row for row: ids, and the first title seen of a
# source)
for j in j1 j2; do
	for q in quotes sources claims stories; do
		"$BIN" $q --db "$tmp/$j.db" --format json
	done > "$tmp/$j.q"
done
[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && cmp -s "$tmp/j1.q" "$tmp/j2.q" && [ -s "$tmp/j1.q" ] &&
	[ "$(counts "$tmp/j1.db")" = "$(counts "$tmp/j2.db")" ]
check "--jobs 2 stores what --jobs 1 stores, in the same order" $? "$tmp/err"

# ---- killed -------------------------------------------------------------------
kdb=$tmp/killed.db
"$BIN" ingest --db "$kdb" -q -v --jobs 2 "$tmp/big.jsonl" > "$tmp/committed" 2> "$tmp/kerr" &
bgpid=$!
waited=0
# (the background shell may not have opened the file yet: count 0 then)
while [ "$(cat "$tmp/committed" 2>/dev/null | grep -c '^added ')" -lt 200 ] && kill -0 $bgpid 2>/dev/null &&
	[ $waited -lt 600 ]; do
	sleep 0.1
	waited=$((waited + 1))
done
kill -9 $bgpid 2>/dev/null
wait $bgpid 2>/dev/null
krc=$?
bgpid=""
ncommitted=$(grep -c '^added ' "$tmp/committed")
if [ $krc -ne 137 ]; then
	not_ok "store: killed: the ingest ended (status $krc) before SIGKILL; make the input bigger"
	show "$tmp/kerr"
else
	# articles stored whose rows were not written out yet: db check (its
	# store_open) writes them
	npending=$(sql "$kdb" "SELECT count(*) FROM pending")
	w db check --db "$kdb"
	[ $rc -eq 0 ] && [ "$(sql "$kdb" "SELECT count(*) FROM pending")" -eq 0 ]
	check "killed ingest ($ncommitted reported committed of $NBIG, $npending with pending rows): db check passes" $? "$tmp/err"
	"$BIN" extract -q "$tmp/big.jsonl" > "$tmp/big.x" 2> /dev/null
	python3 - "$kdb" "$tmp/committed" "$tmp/big.x" > "$tmp/kcheck" <<'EOF'
import collections, json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
stored = dict(c.execute('SELECT a.doc, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) FROM articles a'))
committed = [l.split()[1] for l in open(sys.argv[2]) if l.startswith('added ')]
want = collections.Counter()
for line in open(sys.argv[3], encoding='utf-8'):
    r = json.loads(line)
    if r['type'] == 'quote':
        want[r['doc']] += 1
missing = [d for d in committed if d not in stored]
half = [d for d, n in stored.items() if n != want[d]]
print('%d committed, %d stored, missing %s, incomplete %s' % (len(committed), len(stored), missing[:5], half[:5]))
sys.exit(1 if missing or half else 0)
EOF
	check "killed ingest: every committed article is stored, none half ($(cat "$tmp/kcheck"))" $? "$tmp/kcheck"
	if [ -z "$WHOSAID_SANITIZER" ]; then
		w ingest --db "$kdb" -q "$tmp/big.jsonl"
		[ $rc -eq 0 ] && [ "$(sql "$kdb" "SELECT count(*) FROM articles")" -eq $NBIG ] &&
			[ "$(sql "$kdb" "SELECT count(*) FROM quotes")" -eq "$(grep -c '"type":"quote"' "$tmp/big.x")" ]
		check "ingesting again after the kill completes the database" $? "$tmp/err"
	fi
fi

# ---- concurrent ---------------------------------------------------------------
cdb=$tmp/concurrent.db
if [ -n "$WHOSAID_SANITIZER" ]; then NC=300; else NC=1500; fi
gen $NC "$tmp/c1.jsonl" c1
gen $NC "$tmp/c2.jsonl" c2
timeout "$LIMIT" "$BIN" ingest --db "$cdb" -q "$tmp/c1.jsonl" > /dev/null 2> "$tmp/c1.err" &
bgpid=$!
timeout "$LIMIT" "$BIN" ingest --db "$cdb" -q "$tmp/c2.jsonl" > /dev/null 2> "$tmp/c2.err" &
bgpid2=$!
wait $bgpid
crc1=$?
wait $bgpid2
crc2=$?
bgpid="" bgpid2=""
cat "$tmp/c1.err" "$tmp/c2.err" > "$tmp/err"
[ $crc1 -eq 0 ] && [ $crc2 -eq 0 ] && [ "$(sql "$cdb" "SELECT count(*) FROM articles")" -eq $((NC * 2)) ]
check "two ingests into one database at once both finish (status $crc1 and $crc2)" $? "$tmp/err"
# the same file twice at once: stored once
timeout "$LIMIT" "$BIN" ingest --db "$tmp/same.db" -q $STORY > /dev/null 2> "$tmp/c1.err" &
bgpid=$!
timeout "$LIMIT" "$BIN" ingest --db "$tmp/same.db" -q $STORY > /dev/null 2> "$tmp/c2.err" &
bgpid2=$!
wait $bgpid
crc1=$?
wait $bgpid2
crc2=$?
bgpid="" bgpid2=""
cat "$tmp/c1.err" "$tmp/c2.err" > "$tmp/err"
[ $crc1 -eq 0 ] && [ $crc2 -eq 0 ] && [ "$(counts "$tmp/same.db")" = "$story_counts" ]
check "the same files ingested twice at once are stored once" $? "$tmp/err"
w db check --db "$cdb"
check "db check after concurrent ingests" $rc "$tmp/err"

# ---- migrate ------------------------------------------------------------------
mdb=$tmp/old.db
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT)")
c.execute("INSERT INTO notes(text) VALUES (?)", ("kept",))
c.commit()' "$mdb"
w ingest --db "$mdb" -q tests/story/harbor-courier.txt
[ $rc -eq 0 ] && [ "$(sql "$mdb" "PRAGMA user_version")" -eq 6 ] &&
	[ "$(sql "$mdb" "SELECT text FROM notes")" = kept ] &&
	[ "$(sql "$mdb" "SELECT count(*) FROM articles")" -eq 1 ] &&
	[ "$(sql "$mdb" "PRAGMA journal_mode")" = wal ]
check "a schema version 0 database is migrated to 6 (its tables kept, WAL)" $? "$tmp/err"
w db check --db "$mdb"
check "db check after migrating" $rc "$tmp/err"
# a version 1 store (before propositions) gains the table and keeps its rows
v1db=$tmp/v1.db
w ingest --db "$v1db" -q tests/story/harbor-courier.txt
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("DROP TABLE propositions")
c.execute("DROP INDEX claims_terms")
c.execute("ALTER TABLE claims DROP COLUMN drift")
c.execute("DROP TABLE pending")
c.execute("PRAGMA user_version = 1")
c.commit()' "$v1db"
w ingest --db "$v1db" -q tests/story/valley-post.md
[ $rc -eq 0 ] && [ "$(sql "$v1db" "PRAGMA user_version")" -eq 6 ] &&
	[ "$(sql "$v1db" "SELECT count(*) FROM articles")" -eq 2 ] &&
	[ "$(sql "$v1db" "SELECT count(*) FROM propositions")" -ge 0 ]
check "a schema version 1 database is migrated to 6 (propositions added, articles kept)" $? "$tmp/err"
# a version 4 store (claims_terms over every claim, no claims.drift) gains
# claims.drift as ingest sets it, and answers the queries as before
v4db=$tmp/v4.db
w ingest --db "$v4db" -q $STORY
for q in sources claims quotes stories; do "$BIN" $q --db "$v4db" --format json > "$tmp/v4-$q.before" 2>&1; done
drift=$(sql "$v4db" "SELECT group_concat(id || ':' || drift) FROM claims")
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript("""DROP TABLE pending; DROP INDEX claims_terms; ALTER TABLE claims DROP COLUMN drift;
CREATE INDEX claims_terms ON claims(terms);
DROP INDEX sources_member; CREATE INDEX sources_member ON sources(member_of);
DROP INDEX sources_article; CREATE INDEX sources_article ON sources(article_id);
PRAGMA user_version = 4;""")
c.commit()' "$v4db"
w db check --db "$v4db"
same=0
for q in sources claims quotes stories; do
	"$BIN" $q --db "$v4db" --format json > "$tmp/v4-$q.after" 2>&1
	cmp -s "$tmp/v4-$q.before" "$tmp/v4-$q.after" || same=1
done
[ $rc -eq 0 ] && [ "$(sql "$v4db" "PRAGMA user_version")" -eq 6 ] && [ $same -eq 0 ] &&
	[ "$(sql "$v4db" "SELECT group_concat(id || ':' || drift) FROM claims")" = "$drift" ] &&
	[ "$(sql "$v4db" "SELECT count(*) FROM claims WHERE drift")" -gt 0 ] &&
	[ "$(sql "$v4db" "SELECT sql FROM sqlite_master WHERE name = 'claims_terms'")" = "CREATE INDEX claims_terms ON claims(terms) WHERE drift" ]
check "a schema version 4 database is migrated to 6 (claims.drift as ingest sets it, the same query results)" $? "$tmp/err"

python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("CREATE TABLE t(x)")
c.execute("PRAGMA user_version = 99")
c.commit()' "$tmp/new.db"
sum1=$(cksum < "$tmp/new.db")
w ingest --db "$tmp/new.db" -q tests/story/harbor-courier.txt
[ $rc -eq 2 ] && grep -q "error: database '.*new.db' has schema version 99, newer" "$tmp/err" &&
	[ "$(cksum < "$tmp/new.db")" = "$sum1" ]
check "a newer schema is refused (status $rc) and left alone" $? "$tmp/err"

python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("CREATE TABLE articles(name TEXT)")
c.execute("INSERT INTO articles VALUES (?)", ("mine",))
c.commit()' "$tmp/clash.db"
w ingest --db "$tmp/clash.db" -q tests/story/harbor-courier.txt
[ $rc -eq 2 ] && grep -q "cannot migrate the database from schema version 0 to 1" "$tmp/err" &&
	[ "$(sql "$tmp/clash.db" "SELECT name FROM articles")" = mine ] &&
	[ "$(sql "$tmp/clash.db" "PRAGMA user_version")" -eq 0 ] &&
	[ "$(sql "$tmp/clash.db" "SELECT count(*) FROM sqlite_master WHERE name = 'quotes'")" -eq 0 ]
check "a migration that fails is rolled back (status $rc)" $? "$tmp/err"

# ---- bad input ----------------------------------------------------------------
good=$tmp/good.txt
printf 'Title: Good\n\n"We will rebuild the pier," said Mayor Ana Holt.\n' > "$good"
printf 'Title: Binary\n\nSome text\000\000\001 more "text," he said.\n' > "$tmp/binary.txt"
{
	printf '{"id":"row-a","title":"A","text":"\\"The leak is contained,\\" said Ana Holt."}\n'
	printf '{"id":"row-b","title": not json}\n'
} > "$tmp/rows.jsonl"
w ingest --db "$db" -q "$tmp/missing.txt" "$tmp/binary.txt" "$tmp/rows.jsonl" "$good"
set -- $(counts "$db")
sane && [ $rc -eq 2 ] && grep -q 'missing\.txt: error: ' "$tmp/err" && grep -Eq 'binary\.txt:[0-9]+:[0-9]+: error: ' "$tmp/err" &&
	grep -Eq 'rows\.jsonl:2:[0-9]+: error: ' "$tmp/err" && [ "$1" -eq 7 ] &&
	[ "$(sql "$db" "SELECT count(*) FROM articles WHERE doc IN ('good', 'row-a', 'harbor-courier', 'wire-0314-b')")" -eq 4 ]
check "bad inputs: status 2 (got $rc), messages name them, the good ones and all stored before are kept" $? "$tmp/err"
w db check --db "$db"
check "db check after bad inputs" $rc "$tmp/err"

w ingest --db "$tmp/deep/er/x.db" -q "$good"
[ $rc -eq 0 ] && [ -f "$tmp/deep/er/x.db" ]
check "ingest creates the database's directory" $? "$tmp/err"
mkdir -p "$tmp/ro"
chmod 555 "$tmp/ro"
if [ "$(id -u)" != 0 ]; then
	w ingest --db "$tmp/ro/x.db" -q "$good"
	[ $rc -eq 2 ] && grep -q "error: cannot open database '.*ro/x.db'" "$tmp/err"
	check "an unwritable database path: status 2 (got $rc) and a message" $? "$tmp/err"
else
	skip "store: unwritable database path: running as root"
fi
chmod 755 "$tmp/ro"
# a new database is opened by the writer thread while the input is read:
# when it cannot be, the one message says so, as when it was opened first
printf 'x\n' > "$tmp/afile"
printf 'Harbor news\n\n"The pier will close for good, said Ana Pell on Monday.\n' > "$tmp/unclosed.txt"
w ingest --db "$tmp/afile/x.db" "$tmp/unclosed.txt"
[ $rc -eq 2 ] && grep -q "error: cannot open database '.*afile/x.db'" "$tmp/err" && [ "$(grep -c . "$tmp/err")" -eq 1 ]
check "a database that cannot be created: status 2 (got $rc), its message alone" $? "$tmp/err"
w claims --db "$tmp/none.db"
[ $rc -eq 2 ] && grep -q "cannot open database '.*none.db': no such file" "$tmp/err" && [ ! -e "$tmp/none.db" ]
check "a query on a missing database: status 2 (got $rc), nothing created" $? "$tmp/err"
printf 'this is not a database, just text that is long enough to look like a header ......\n' > "$tmp/junk.db"
w db check --db "$tmp/junk.db"
[ $rc -eq 2 ] && grep -q "junk.db" "$tmp/err"
check "db check on a file that is not a database: status 2 (got $rc)" $? "$tmp/err"
w ingest --db "$tmp/x.db" --jobs 0 "$good"
[ $rc -eq 2 ] && grep -q "'--jobs' needs a number" "$tmp/err"
check "--jobs 0 is a usage error" $? "$tmp/err"
w ingest --db "$tmp/x.db" --frobnicate "$good"
[ $rc -eq 2 ] && grep -q "unknown option '--frobnicate'" "$tmp/err"
check "an unknown option is a usage error" $? "$tmp/err"
# a corrupted page: db check finds it
cp "$db" "$tmp/corrupt.db"
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.execute("PRAGMA journal_mode=DELETE"); c.close()
f = open(sys.argv[1], "r+b"); f.seek(4096 * 2); f.write(b"\x0d\xff\xff" + b"\xa5" * 4093); f.close()' "$tmp/corrupt.db"
w db check --db "$tmp/corrupt.db"
[ $rc -eq 2 ] && grep -Eq "corrupt.db: error: |malformed|corrupt" "$tmp/err"
check "db check finds a corrupted page (status $rc)" $? "$tmp/err"

# ---- the cluster cache --------------------------------------------------------
gen0=$(sql "$db" "SELECT value FROM meta WHERE key = 'generation'")
w claims --db "$db" --format json
[ "$(sql "$db" "SELECT value FROM meta WHERE key = 'clusters'")" = "$gen0" ] &&
	[ "$(sql "$db" "SELECT count(*) FROM claims WHERE cluster IS NULL")" -eq 0 ]
check "claims caches the clusters for generation $gen0" $?

# ---- an organization named without its country ------------------------------
# "Port Ministry spokeswoman Ina Vale" and "the port ministry" in one article,
# "the Norland port ministry" in another of the same story: one source.
mkdir "$tmp/org"
cat > "$tmp/org/a.txt" <<'ART'
Title: Ferry inquiry opens

Port Ministry spokeswoman Ina Vale said the ferry had been inspected in May.

The port ministry will review the inspection records this week, officials said.
ART
cat > "$tmp/org/b.txt" <<'ART'
Title: Ferry records to be reviewed

On Monday, the Norland port ministry said it would publish the inspection records.

Ina Vale said the ferry had been inspected in May.
ART
w ingest --db "$tmp/org.db" -q "$tmp/org/a.txt" "$tmp/org/b.txt"
w sources --db "$tmp/org.db" --format json
python3 - "$tmp/out" <<'PY' > "$tmp/org.out" 2>&1
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
orgs = [r for r in rows if 'ministry' in r['name'].lower()]
assert len(orgs) == 1, 'ministry sources: %s' % [r['name'] for r in orgs]
docs = sorted({m['doc'] for m in orgs[0]['mentions']})
assert docs == ['a', 'b'], 'mentioned in %s' % docs
vale = [r for r in rows if r['name'] == 'Ina Vale']
assert vale and vale[0].get('member_of') == orgs[0]['id'], 'Ina Vale: %s' % vale
print('one source: %s, mentioned in %s' % (orgs[0]['name'], docs))
PY
check "an organization named without its country joins the one of its story: $(tail -1 "$tmp/org.out")" $? "$tmp/org.out"
w db check --db "$tmp/org.db"
check "db check after joining organizations" $rc "$tmp/err"

# ---- the ministry a title names --------------------------------------------------
# "a spokesman for Varland's trade ministry" is not a member of the Varland
# fisheries ministry the article also names; "Varland fisheries ministry
# state secretary" and "Vice Minister of Coastal Affairs" are members of the
# ministries they name; "GFP spokesman" of the "Guild of Ferry Pilots (GFP)";
# "a spokeswoman for the company" of the one business its article names.
mkdir "$tmp/min"
cat > "$tmp/min/a.txt" <<'ART'
Title: Quota talks stall

Varland's fisheries ministry said on Monday that the cod quota would be cut.

A spokesman for Varland's trade ministry, Edo Strand, said exporters had been told.

Varland fisheries ministry state secretary Lile Moen said the cut was needed.

The Ministry of Coastal Affairs said the harbours would stay open.

Vice Minister of Coastal Affairs Arno Teig said inspections would rise.

The Guild of Ferry Pilots (GFP) said its members would refuse overtime.

"We were not consulted," GFP spokesman Ravi Holm said.
ART
cat > "$tmp/min/b.txt" <<'ART'
Title: Ferry operator blamed

Norwell Shipping said on Monday that its ferries had passed every inspection.

"The engines were checked in May," said Tove Lund, a spokeswoman for the company.
ART
cat > "$tmp/min/c.txt" <<'ART'
Title: Two ferry firms

Norwell Shipping said on Monday that its ferries had passed every inspection. Brask Freight Lines said its own boats were idle.

"The engines were checked in May," said Jens Ulv, a spokesman for the company.
ART
w ingest --db "$tmp/min.db" -q "$tmp/min/a.txt" "$tmp/min/b.txt" "$tmp/min/c.txt"
w sources --db "$tmp/min.db" --format json
python3 - "$tmp/out" <<'PY' > "$tmp/min.out" 2>&1
import json, sys
rows = {r['name']: r for r in (json.loads(l) for l in open(sys.argv[1]) if l.strip())}
name = {r['id']: n for n, r in rows.items()}
def org(n):
    m = rows[n].get('member_of')
    return name.get(m) if m else None
got = {n: org(n) for n in ('Edo Strand', 'Lile Moen', 'Arno Teig', 'Ravi Holm', 'Tove Lund', 'Jens Ulv')}
assert got['Tove Lund'] == 'Norwell Shipping' and got['Jens Ulv'] is None, got
assert got['Ravi Holm'] == 'Guild of Ferry Pilots', got
assert got['Edo Strand'] is None, got
assert got['Lile Moen'] and 'fisheries' in got['Lile Moen'].lower(), got
assert got['Arno Teig'] and 'coastal' in got['Arno Teig'].lower(), got
print(got)
PY
check "a title's ministry: the one it names, no other of its country: $(tail -1 "$tmp/min.out")" $? "$tmp/min.out"

# ---- a one-word name that a title makes an organization -----------------------
# "Varco said" beside "Varco's chief financial officer": one organization,
# not a person "Varco" and an organization "Varco"
mkdir "$tmp/one"
cat > "$tmp/one/a.txt" <<'ART'
Title: Varco shares slide

Shares in Varco fell 6 percent on Tuesday.

Varco's chief financial officer, Ena Sol, said costs had risen faster than expected.

Varco said in a statement that its orders for the year were steady.
ART
w ingest --db "$tmp/one.db" -q "$tmp/one/a.txt"
w sources --db "$tmp/one.db" --format json
python3 - "$tmp/out" <<'PY' > "$tmp/one.out" 2>&1
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
v = [r for r in rows if r['name'] == 'Varco']
assert len(v) == 1 and v[0]['kind'] == 'organization' and v[0]['quotes'] == 1, v
sol = [r for r in rows if r['name'] == 'Ena Sol']
assert sol and sol[0]['member_of'] == v[0]['id'], sol
print('one organization Varco, Ena Sol a member')
PY
check "a one-word speaker named as a title's organization is that organization: $(tail -1 "$tmp/one.out")" $? "$tmp/one.out"

# ---- titles that name an organization, or only a field -----------------------
# "Rail safety chief Nils Arve" works on rail safety, not for the one
# business with "Rail" in its name; "the union's general secretary" (the
# title written "union's general secretary") is a member of the article's
# union; "Dravik said" in an article that writes "Dravik Shipping" (and no
# person Dravik) is that company, one source with it across articles
mkdir "$tmp/ttl"
cat > "$tmp/ttl/a.txt" <<'ART'
Title: Ferry fares frozen

Selmor Rail said on Monday that fares would stay frozen until June.

Rail safety chief Nils Arve said the inspections would continue.

The Selmor Dockers' Union said its members would stop work on Friday. Ola Brenn, the union's general secretary, said talks had failed.
ART
cat > "$tmp/ttl/b.txt" <<'ART'
Title: Dravik Shipping to add sailings

Dravik said on Monday it would add four sailings a day. Shares in Dravik Shipping rose 2 percent.
ART
cat > "$tmp/ttl/c.txt" <<'ART'
Title: New sailings on the fjord

Dravik Shipping said it would add four sailings a day from May.
ART
w ingest --db "$tmp/ttl.db" -q "$tmp/ttl/a.txt" "$tmp/ttl/b.txt" "$tmp/ttl/c.txt"
w sources --db "$tmp/ttl.db" --format json
python3 - "$tmp/out" <<'PY' > "$tmp/ttl.out" 2>&1
import json, sys
rows = {r['name']: r for r in (json.loads(l) for l in open(sys.argv[1]) if l.strip())}
name = {r['id']: n for n, r in rows.items()}
def org(n):
    m = rows[n].get('member_of')
    return name.get(m) if m else None
bad = []
if org('Nils Arve') is not None:
    bad.append('Nils Arve: member of %s' % org('Nils Arve'))
if org('Ola Brenn') != "Selmor Dockers' Union":
    bad.append('Ola Brenn: member of %s' % org('Ola Brenn'))
d = rows.get('Dravik Shipping')
if 'Dravik' in rows or not d or d['kind'] != 'organization' or sorted({m['doc'] for m in d['mentions']}) != ['b', 'c']:
    bad.append('Dravik: %s; Dravik Shipping: %s' % (rows.get('Dravik'), d))
assert not bad, '; '.join(bad)
print('Nils Arve in no organization, Ola Brenn of the union, Dravik is Dravik Shipping')
PY
check "titles: a field is no organization, the union's secretary, a company's short name: $(tail -1 "$tmp/ttl.out")" $? "$tmp/ttl.out"

# ---- a description the article writes with its owner --------------------------
# "The harbour ministry said" in an article that writes "Tessvik's harbour
# ministry" is the Tessvik harbour ministry another article quotes
mkdir "$tmp/own"
cat > "$tmp/own/a.txt" <<'ART'
Title: Pier contract reviewed

Tessvik's harbour ministry is reviewing the pier contract. The harbour ministry said the review would take a month.
ART
cat > "$tmp/own/b.txt" <<'ART'
Title: Pier contract blocked

Tessvik's harbour ministry said on Monday it had blocked the pier contract.
ART
w ingest --db "$tmp/own.db" -q "$tmp/own/a.txt" "$tmp/own/b.txt"
w sources --db "$tmp/own.db" --format json
python3 - "$tmp/out" <<'PY' > "$tmp/own.out" 2>&1
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
m = [r for r in rows if 'ministry' in r['name'].lower()]
assert len(m) == 1 and sorted({x['doc'] for x in m[0]['mentions']}) == ['a', 'b'], [(r['name'], r['mentions']) for r in m]
print('one source: %s' % m[0]['name'])
PY
check "a description its article writes with an owner ('Tessvik's harbour ministry') is that organization: $(tail -1 "$tmp/own.out")" $? "$tmp/own.out"

# ---- a one-word name that starts an organization's name ----------------------
# "Ostrel said" in an article whose "Ostrel Data said" is a speaker: that
# organization, not a person "Ostrel"; "Selm" beside the newspaper "Selm
# Daily" is not the newspaper
mkdir "$tmp/start"
cat > "$tmp/start/a.txt" <<'ART'
Title: Mine output falls

Ostrel Data said on Monday that output had fallen by a tenth.

Shares in Ostrel fell 3 percent. Ostrel said it would not cut jobs this year.

Selm Daily said the mine would close. Selm said it would help the miners.
ART
w ingest --db "$tmp/start.db" -q "$tmp/start/a.txt"
w sources --db "$tmp/start.db" --format json
python3 - "$tmp/out" <<'PY' > "$tmp/start.out" 2>&1
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
names = sorted((r['name'], r['kind'], r['quotes']) for r in rows)
assert ('Ostrel Data', 'organization', 2) in names and not any(n == 'Ostrel' for n, k, q in names), names
assert ('Selm Daily', 'organization', 1) in names, names
print(names)
PY
check "a one-word speaker that starts an organization's name is that organization, not a newspaper named after it: $(tail -1 "$tmp/start.out")" $? "$tmp/start.out"

# ---- an organization after its description; a person after an organization ---
# "Junior coalition partner the Harbour League" is the Harbour League;
# "Harbour League co-leader Ada Voss", taken for an organization, is Ada Voss
mkdir "$tmp/desc"
cat > "$tmp/desc/a.txt" <<'ART'
Title: Harbour inquiry

Junior coalition partner the Harbour League called for an independent inquiry into the dredging contract.

Harbour League co-leader Ada Voss said the contract had been signed in secret.

Ada Voss, who also sits on the port board, said the League would vote against the budget.
ART
w ingest --db "$tmp/desc.db" -q "$tmp/desc/a.txt"
w sources --db "$tmp/desc.db" --format json
python3 - "$tmp/out" <<'PY' > "$tmp/desc.out" 2>&1
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
names = sorted((r['name'], r['kind'], r['quotes']) for r in rows)
assert names == [('Ada Voss', 'person', 2), ('Harbour League', 'organization', 1)], names
print(names)
PY
check "an organization named after its description, a person after an organization: $(tail -1 "$tmp/desc.out")" $? "$tmp/desc.out"

# ---- a definite description of an organization's kind -------------------------
# "the union" of an article that names one union (the "Guild of Tram
# Drivers") is that union; "the newspaper" the one outlet it names; in an
# article that names two unions "the union" is the one named last before
# it, as a pronoun would be (extraction resolves it so: sources.c), and
# "the company" written before the one business the article names stays
# unjoined.
mkdir "$tmp/kind"
cat > "$tmp/kind/a.txt" <<'ART'
Title: Tram strike called

The Guild of Tram Drivers said on Monday that its members would stop work on Friday.

The union said the offer of 2 percent was an insult to its members.

The Morvale Courier said the city had set aside money for a higher offer. The newspaper said the sum was 3 million crowns.
ART
cat > "$tmp/kind/b.txt" <<'ART'
Title: Two unions split on offer

The Guild of Ferry Pilots said its members would accept the offer. The Harbour Workers Federation said it would not.

The union said the vote would take place next week.
ART
cat > "$tmp/kind/c.txt" <<'ART'
Title: Mill to close

The company said the mill would close in June. Its workers were told on Monday.

Later, Ostby Holdings said it would buy the land.
ART
w ingest --db "$tmp/kind.db" -q "$tmp/kind/a.txt" "$tmp/kind/b.txt" "$tmp/kind/c.txt"
w sources --db "$tmp/kind.db" --format json
python3 - "$tmp/out" <<'PY' > "$tmp/kind.out" 2>&1
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def said(name):
    return sorted(m['text'] for r in rows if r['name'] == name for m in r['mentions'] if m['speaker'])
assert 'The union' in said('Guild of Tram Drivers'), said('Guild of Tram Drivers')
assert 'The newspaper' in said('Morvale Courier'), said('Morvale Courier')
b = [r['name'] for r in rows if any(m['doc'] == 'b' and m['text'] == 'The union' for m in r['mentions'])]
assert b == ['Harbour Workers Federation'], 'two unions: the one named last before it, not %s' % b
c = [r['name'] for r in rows if any(m['doc'] == 'c' and m['text'] == 'The company' for m in r['mentions'])]
assert c and c[0].lower() in ('company', 'the company'), 'a business named only after it: %s' % c
print('the union: Guild of Tram Drivers; the newspaper: Morvale Courier; with two unions: the later, %s' % b[0])
PY
check "a definite description is the one organization of its kind: $(tail -1 "$tmp/kind.out")" $? "$tmp/kind.out"

# ---- a question is no claim of what it asks -----------------------------------
# "Is the authority closing the bridge?" asked by a reporter is not the same
# claim as "the authority is closing the bridge"; two statements of it are.
mkdir "$tmp/q"
cat > "$tmp/q/a.txt" <<'ART'
Title: Bridge repairs

The harbour authority is closing the north bridge for repairs in June, Mayor Ola Brun said on Monday.

Reporter: Mayor, is the harbour authority closing the north bridge for repairs in June?
ART
cat > "$tmp/q/b.txt" <<'ART'
Title: North bridge to shut

The harbour authority is closing the north bridge for repairs in June, said Tor Vik, a council member.
ART
w ingest --db "$tmp/q.db" -q "$tmp/q/a.txt" "$tmp/q/b.txt"
w quotes --db "$tmp/q.db" --format json
python3 - "$tmp/out" <<'PY' > "$tmp/q.out" 2>&1
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ques = [r for r in rows if r['text'].startswith('Mayor, is')]
stat = [r for r in rows if r['text'].startswith('The harbour authority')]
assert len(ques) == 1 and len(stat) == 2, [r['text'] for r in rows]
assert stat[0]['claim'] == stat[1]['claim'], 'statements apart: %s' % stat
assert ques[0]['claim'] != stat[0]['claim'], 'question joined the statements: %s' % ques
print('question apart, statements one claim')
PY
check "a question does not join the claim it asks about: $(tail -1 "$tmp/q.out")" $? "$tmp/q.out"

# Scraped text keeps HTML: the stored quote, cue and mention texts are the
# words extract writes (entities decoded, tags left out), and so are the
# claim's terms ("&quot;" gives no "quot").
mkdir "$tmp/html"
cat > "$tmp/html/a.txt" <<'ART'
Title: Ferry fares

<p>&ldquo;Fares will <em>not</em> rise this winter,&rdquo; said Ivo Harsk, the ferry board&rsquo;s chair.</p><p>The harbor&rsquo;s <a href="/p/lind">Mira Lind</a> said the &quot;new timetable&quot; would start in March&mdash;after the ferry&#8217;s refit.</p>
ART
w ingest --db "$tmp/html.db" -q "$tmp/html/a.txt"
w quotes --db "$tmp/html.db" --format json
"$BIN" extract --format json "$tmp/html/a.txt" > "$tmp/html.x" 2>/dev/null
python3 - "$tmp/out" "$tmp/html.x" "$tmp/html.db" <<'PY' > "$tmp/html.out" 2>&1
import json, sqlite3, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ext = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
ext = [r for r in ext if r.get('type') == 'quote']
assert len(rows) == 2 and len(ext) == 2, (rows, ext)
for r, x in zip(rows, ext):
    assert r['text'] == x['text'], (r['text'], x['text'])
    assert r['cue']['text'] == x['cue']['text'], (r['cue'], x['cue'])
    assert r['speaker']['mention'] == x['speaker']['mention'], (r['speaker'], x['speaker'])
    for t in (r['text'], r['speaker']['mention']):
        assert '&' not in t and '<' not in t, t
terms = ' '.join(t for (t,) in sqlite3.connect(sys.argv[3]).execute('SELECT terms FROM claims'))
for bad in ('quot', 'rsquo', 'ldquo', 'href', 'mdash', '8217', 'em'):
    assert bad not in terms.split(), terms
print('stored texts are the decoded words: %s' % ' / '.join(r['text'] for r in rows))
PY
check "HTML in scraped text: $(tail -1 "$tmp/html.out")" $? "$tmp/html.out"

# ---- shared data (skipped when ../shared is not there) -------------------------
if [ -d ../shared/seeds ]; then
	w ingest --db "$tmp/seeds.db" -q ../shared/seeds/*.txt
	python3 tests/xref_check.py --bin "$BIN" --db "$tmp/seeds.db" ../shared/seeds/gold/xref.json > "$tmp/seeds" 2>&1
	met=$(grep -Ec '^  (met|partial)' "$tmp/seeds")
	wrong=$(sed -n 's/.* \([0-9]*\) wrong merges\{0,1\} .*/\1/p' "$tmp/seeds")
	min=${WHOSAID_MIN_SEEDS_XREF:-4}
	[ $rc -eq 0 ] && [ "$met" -ge "$min" ] && [ "${wrong:-99}" -le 1 ]
	check "seeds: $met gold groups met or partly met (floor $min), ${wrong:-?} wrong merges (at most 1)" $? "$tmp/seeds"
else
	skip "store: seeds: ../shared/seeds is not there"
fi
if [ -n "$WHOSAID_SANITIZER" ]; then
	skip "store: FNC-1 stories: not under sanitizers (slow)"
elif [ -d ../shared/eval/fnc1 ]; then
	w ingest --db "$tmp/fnc.db" -q ../shared/eval/fnc1/articles
	"$BIN" stories --db "$tmp/fnc.db" --format json > "$tmp/stories.jsonl"
	python3 ../shared/tools/score-claims --data ../shared/eval/fnc1 --clusters "$tmp/stories.jsonl" > "$tmp/fnc" 2>&1
	f1=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["bcubed_p_r_f1"][2])' "$tmp/fnc" 2>/dev/null)
	python3 -c 'import sys; sys.exit(0 if float(sys.argv[1] or 0) >= 0.75 else 1)' "${f1:-0}"
	check "FNC-1 stories: B-cubed F1 ${f1:-?} (at least 0.75)" $? "$tmp/fnc"
else
	skip "store: FNC-1: ../shared/eval/fnc1 is not there"
fi

finish
