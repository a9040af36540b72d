#!/bin/sh
# Rule tests as data: runs every case of tests/rules/*.test through
#     BIN extract --format json -
# and compares the quote records with the expected lines.
#
# usage: sh tests/rules/run.sh [-v] [-k TEXT] BIN [FILE.test...]
#   -v       also list the cases that pass
#   -k TEXT  only the cases whose label or description contains TEXT
#   FILE     test files to run (default: every *.test next to this script)
#
# The file format is described in tests/rules/README.md. Cases in
# known-failures.test are expected to fail: they are reported as
# "K known failures" and do not fail the run (one that passes is reported
# as XPASS, to be moved to its topic file). The last line is always
# "N passed, M failed"; the exit status is 1 when M > 0, 2 on usage errors.
here=$(dirname "$0")
command -v python3 >/dev/null 2>&1 || { echo "run.sh: error: python3 is needed" >&2; exit 2; }
exec python3 - "$here" "$@" <<'PY'
import glob, json, os, re, subprocess, sys

here = sys.argv[1]
args = sys.argv[2:]
verbose, only = False, None
while args and args[0].startswith("-") and args[0] != "-":
    a = args.pop(0)
    if a == "-v":
        verbose = True
    elif a == "-k" and args:
        only = args.pop(0)
    else:
        sys.stderr.write("run.sh: error: unknown option '%s'\n" % a)
        sys.exit(2)
if not args:
    sys.stderr.write("usage: sh tests/rules/run.sh [-v] [-k TEXT] BIN [FILE.test...]\n")
    sys.exit(2)
binary = args[0]
if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
    sys.stderr.write("run.sh: error: '%s' is not an executable\n" % binary)
    sys.exit(2)
files = args[1:] or sorted(glob.glob(os.path.join(here, "*.test")))
if not files:
    sys.stderr.write("run.sh: error: no .test files in '%s'\n" % here)
    sys.exit(2)

KNOWN = "known-failures.test"
FIELD = re.compile(r"^([a-z_]+(?:\.[a-z_]+)*)=(.*)$")


def norm_ws(s):
    return " ".join(s.split())


def norm_text(s):
    # content: whitespace collapsed, trailing , . ; : ignored
    return re.sub(r"[\s.,;:]+$", "", norm_ws(s))


class Case:
    def __init__(self, path, line, header):
        self.path, self.line = path, line
        label, _, desc = header.partition(":")
        self.label, self.desc = label.strip(), desc.strip()
        self.input, self.expected, self.errors = [], [], []
        self.seen_sep = False

    def name(self):
        return "%s:%d: %s%s" % (os.path.basename(self.path), self.line, self.label,
                                ": " + self.desc if self.desc else "")


def parse_expected(case, lineno, text):
    parts = [p.strip() for p in text.split(" | ")]
    if len(parts) < 4:
        case.errors.append("%s:%d: error: expected 'KIND | SPEAKER | CUE | CONTENT', got '%s'"
                           % (case.path, lineno, text))
        return
    extra = {}
    while len(parts) > 4 and FIELD.match(parts[-1]):
        m = FIELD.match(parts.pop())
        extra[m.group(1)] = m.group(2).strip()
    kind, speaker, cue = parts[0], parts[1], parts[2]
    content = " | ".join(parts[3:])
    if kind not in ("direct", "indirect", "mixed", "block"):
        case.errors.append("%s:%d: error: unknown quote kind '%s'" % (case.path, lineno, kind))
    case.expected.append({"kind": kind, "speaker": speaker, "cue": cue, "text": content,
                          "extra": extra, "line": lineno})


def parse_file(path):
    cases = []
    cur = None
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if line.startswith("###"):
                cur = Case(path, lineno, line[3:].strip())
                cases.append(cur)
                continue
            if line.startswith("#"):
                continue
            if cur is None:
                if line.strip():
                    sys.stdout.write("%s:%d: error: text outside a case (cases start with '### label: description')\n"
                                     % (path, lineno))
                    cases.append(None)
                continue
            if line.strip() == "---" and not cur.seen_sep:
                cur.seen_sep = True
                continue
            if cur.seen_sep:
                if line.strip():
                    parse_expected(cur, lineno, line.strip())
            else:
                # a leading backslash escapes an input line: "\---", "\# heading"
                cur.input.append(line[1:] if line.startswith("\\") else line)
    for c in cases:
        if c is not None and not c.seen_sep:
            c.errors.append("%s:%d: error: case has no '---' line" % (c.path, c.line))
        if c is not None and not "".join(c.input).strip():
            c.errors.append("%s:%d: error: case has no input" % (c.path, c.line))
    return cases


def lookup(rec, path):
    v = rec
    for k in path.split("."):
        if not isinstance(v, dict):
            return None
        v = v.get(k)
    return v


def show(v):
    if v is None:
        return "null"
    return v if isinstance(v, str) else json.dumps(v)


def run_case(case):
    """Returns (ok, got_lines, problem)."""
    lines = list(case.input)
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    text = "\n".join(lines) + "\n"
    try:
        p = subprocess.run([binary, "extract", "--format", "json", "-"], input=text.encode("utf-8"),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    except subprocess.TimeoutExpired:
        return False, [], "timed out"
    if p.returncode != 0:
        return False, [], "exit status %d: %s" % (p.returncode, p.stderr.decode("utf-8", "replace").strip())
    quotes = []
    for i, l in enumerate(p.stdout.decode("utf-8", "replace").splitlines(), 1):
        try:
            rec = json.loads(l)
        except ValueError as e:
            return False, [], "output line %d is not JSON (%s): %s" % (i, e, l)
        if rec.get("type") == "quote":
            quotes.append(rec)
    quotes.sort(key=lambda r: (r.get("start", 0), r.get("end", 0)))
    keys = []
    for e in case.expected:
        for k in e["extra"]:
            if k not in keys:
                keys.append(k)
    got = []
    for q in quotes:
        sp, cue = q.get("speaker"), q.get("cue")
        got.append({"kind": q.get("kind"), "speaker": sp.get("name") if sp else "-",
                    "cue": cue.get("lemma") if cue else "-", "text": q.get("text", ""),
                    "extra": {k: show(lookup(q, k)) for k in keys}, "rule": q.get("rule")})
    ok = len(got) == len(case.expected) and all(matches(e, g) for e, g in zip(case.expected, got))
    return ok, got, None


def matches(e, g):
    return (e is not None and e["kind"] == g["kind"] and
            norm_ws(e["speaker"]) == norm_ws(g["speaker"] or "null") and e["cue"] == g["cue"] and
            norm_text(e["text"]) == norm_text(g["text"]) and
            all(v == g["extra"].get(k) for k, v in e["extra"].items()))


def fmt(r, keys, with_rule):
    s = "%s | %s | %s | %s" % (r["kind"], r["speaker"], r["cue"], norm_ws(r["text"]))
    for k in keys:
        s += " | %s=%s" % (k, r["extra"].get(k))
    if with_rule:
        s += "    [rule %s]" % r["rule"]
    return s


def report(case, got, problem):
    keys = []
    for e in case.expected:
        keys += [k for k in e["extra"] if k not in keys]
    print("  expected:")
    for e in case.expected:
        print("    " + fmt(e, [k for k in keys if k in e["extra"]], False))
    if not case.expected:
        print("    (no quotes)")
    print("  got:")
    if problem:
        print("    " + problem)
    for i, g in enumerate(got):
        e = case.expected[i] if i < len(case.expected) else None
        print("  %s " % (" " if matches(e, g) else "!") + fmt(g, keys, True))
    for e in case.expected[len(got):]:
        print("  ! (missing: the expected line %d)" % e["line"])
    if not got and not problem and not case.expected:
        print("    (no quotes)")


passed = failed = known = xpass = 0
known_list = []
for path in files:
    is_known = os.path.basename(path) == KNOWN
    for case in parse_file(path):
        if case is None:
            failed += 1
            continue
        if only and only not in case.label and only not in case.desc:
            continue
        if case.errors:
            for e in case.errors:
                print(e)
            failed += 1
            continue
        ok, got, problem = run_case(case)
        if is_known:
            if ok:
                xpass += 1
                print("XPASS %s (now passes: move it to its topic file)" % case.name())
            else:
                known += 1
                known_list.append(case.name())
                print("known failure %s" % case.name())
                if verbose:
                    report(case, got, problem)
            continue
        if ok:
            passed += 1
            if verbose:
                print("ok   %s" % case.name())
            continue
        failed += 1
        print("FAIL %s" % case.name())
        report(case, got, problem)

if known or xpass:
    print("%d known failures%s" % (known, " (%d now pass)" % xpass if xpass else ""))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
