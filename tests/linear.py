#!/usr/bin/env python3
"""Pathological inputs against ordinary ones: whosaid must stay linear.

usage: linear.py BIN TMPDIR

Every input is generated in TMPDIR at test time (never committed). Each
pathological input is timed against an ordinary article of the same size,
made by repeating the body of tests/story/harbor-courier.txt, and fails when
it takes more than 5 times as long plus 1 second (it is stopped at that
limit, so a hang fails quickly). The ordinary article is itself checked for
linear time: at mid size it may take at most 1.5 times the per-byte time it
takes at an eighth of that size (plus 1 second).

  50 MB single line               the whole file one line of prose, no newline
  100,000 unmatched quotes        opening marks never closed, in one paragraph
  100,000 unmatched single quotes 'ab 'ab ... in one paragraph, none closed
  100,000 unclosed quotations     one per paragraph, each warned about
  deeply nested quotes            “ ‘ “ ‘ ... thousands deep, then closed
  long run of capitalized words   one paragraph of Capitalized Words
  "said" without punctuation      he said she said ... with no period

The first three also check robustness: exit status 0, no crash, another
input given after it still processed, and (for the unclosed quotations) a
warning naming the file with line and column.

Sizes: WHOSAID_BIG_MB (default 50) for the single line, WHOSAID_MID_MB
(default 8) for the others. The ordinary article is timed at mid/8 and mid
(and must be linear between them); its time at any other size is scaled from
the nearer of the two (from mid/8 alone when it was not linear). No run may
take more than WHOSAID_TIME_CAP seconds (default 120; at the 20 MB/s the
tool aims for, 50 MB takes 2.5 s). With WHOSAID_SANITIZER=1 (set by `make
asan` / `make ubsan`) the defaults are 8 MB, 2 MB and 90 s.

Prints "ok - ..." / "not ok - ..." lines (see tests/lib.sh).
"""
import os
import re
import subprocess
import sys
import time

FACTOR, SLACK = 5.0, 1.0
LIN = 1.5    # the ordinary article: per-byte time at mid at most 1.5 x that at mid/8
MB = 1 << 20

results = {"ok": 0, "not ok": 0}


def report(good, msg, details=()):
    tag = "ok" if good else "not ok"
    results[tag] += 1
    print(f"{tag} - {msg}")
    for d in details:
        print(f"    {d}")
    sys.stdout.flush()


def fill(unit, size):
    """unit repeated and cut to exactly size bytes, never inside a UTF-8 sequence"""
    data = (unit * (size // len(unit) + 1))[:size]
    cut = len(data)
    while cut and (data[cut - 1] & 0xC0) == 0x80:
        cut -= 1
    if cut and data[cut - 1] >= 0xC0:  # a sequence cut short: drop it
        return data[:cut - 1]
    return data


def story_body():
    raw = open("tests/story/harbor-courier.txt", "rb").read()
    return raw[raw.index(b"\n\n") + 2:].rstrip(b"\n") + b"\n"


def ordinary(size):
    # the article's paragraphs over and over, a blank line between repetitions
    head = b"Title: An ordinary article\n\n"
    return head + fill(story_body() + b"\n", size - len(head))


def single_line(size):
    # the article's prose with its newlines turned to spaces: one 50 MB line
    return fill(story_body().replace(b"\n", b" "), size)


def unmatched_one_paragraph(n=100000):
    return b"Title: Unmatched\n\n" + b"word \xe2\x80\x9c " * n + b"\n"


def unmatched_single_one_paragraph(n=100000):
    # each could open a single quotation if a closer followed somewhere
    return b"Title: Singles\n\n" + b"'ab " * n + b"plain words " * (n // 4) + b"\n"


def unclosed_per_paragraph(n=100000):
    return b"Title: Unclosed\n\n" + b"".join(
        b"Paragraph %d says \xe2\x80\x9cthis is never closed.\n\n" % i for i in range(n))


def nested(size):
    depth = 5000
    para = (b"\xe2\x80\x9cA \xe2\x80\x98b " * depth + b"end" + b"\xe2\x80\x99\xe2\x80\x9d" * depth
            + b" she said.\n\n")
    return b"Title: Nested\n\n" + fill(para, size - 15)


def capitalized(size):
    words = (b"Aldmark Harbor Council Minister Brekke Port Halden River Agency Deputy Mayor "
             b"Chen Lihua Calder Tide Chemicals Spokeswoman Ilse Marr Of The ")
    return b"Title: Capitals\n\n" + fill(words, size - 40) + b' said "We are done here."\n'


def said_no_punct(size):
    words = b"he said she said they said the minister said that officials said the agency told reporters "
    return b"Title: Said\n\n" + fill(words, size - 14) + b"\n"


def run(binary, args, out, err, limit):
    """wall seconds, or None when stopped at limit; and the exit status"""
    t0 = time.monotonic()
    with open(out, "wb") as fo, open(err, "wb") as fe:
        p = subprocess.Popen([binary, "extract"] + args, stdout=fo, stderr=fe, stdin=subprocess.DEVNULL)
        try:
            rc = p.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
            return None, None
    return time.monotonic() - t0, rc


def tail(path, n=4096):
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        f.seek(max(0, f.tell() - n))
        return f.read()


def head_lines(path, n=5):
    with open(path, "rb") as f:
        return [l.decode("utf-8", "replace").rstrip()[:200] for l in f.readlines(8192)[:n]]


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: linear.py BIN TMPDIR\n")
        return 2
    binary, tmp = sys.argv[1], sys.argv[2]
    san = os.environ.get("WHOSAID_SANITIZER") == "1"
    big = int(float(os.environ.get("WHOSAID_BIG_MB", 8 if san else 50)) * MB)
    mid = int(float(os.environ.get("WHOSAID_MID_MB", 2 if san else 8)) * MB)
    n_quotes = int(os.environ.get("WHOSAID_UNMATCHED", 100000))
    cap = float(os.environ.get("WHOSAID_TIME_CAP", 90 if san else 120))
    print(f"# sizes: big {big / MB:g} MB, mid {mid / MB:g} MB"
          f"{' (sanitizer build: smaller sizes)' if san else ''}; limit {FACTOR:g}x ordinary + {SLACK:g} s,"
          f" at most {cap:g} s a run")

    good = os.path.join(tmp, "good.txt")
    with open(good, "wb") as f:
        f.write(b'Title: Good\n\n"We will rebuild the pier," said Mayor Ana Holt.\n')
    out, err = os.path.join(tmp, "out"), os.path.join(tmp, "err")

    def write(name, data):
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    # Ordinary articles: timed at mid/8 and at mid (and checked to be linear
    # between them); for any other size their time is scaled from the nearer
    # of the two, which keeps the suite short when the tool is slow.
    ord_time = {}

    def run_ordinary(size, limit):
        path = write(f"ordinary-{size}.txt", ordinary(size))
        t, rc = run(binary, ["-q", path], out, err, limit)
        os.remove(path)
        if t is not None and rc != 0:
            report(False, f"ordinary article of {size / MB:.1f} MB: exit status {rc}", head_lines(err))
        if t is not None:
            ord_time[size] = t
        return t

    def ordinary_time(size):
        ref = small if size <= small or mid not in ord_time else mid
        return ord_time[ref] * size / ref, ref

    small = mid // 8
    t_small = run_ordinary(small, cap)
    t_mid = run_ordinary(mid, min(cap, LIN * 8 * t_small + SLACK + 0.5)) if t_small is not None else None
    if t_small is None:
        report(False, f"ordinary article of {small / MB:g} MB did not finish in {cap:g} s")
        return 1
    limit = LIN * 8 * t_small + SLACK
    if t_mid is None or t_mid > limit:
        report(False, f"ordinary article is not linear: {small / MB:g} MB took {t_small:.2f} s, "
               f"{mid / MB:g} MB " + (f"{t_mid:.2f} s" if t_mid is not None else "did not finish")
               + f" (limit {LIN:g} x 8 x + {SLACK:g} s = {limit:.1f} s)")
        ord_time[mid] = 8 * t_small  # go on against the linear estimate
    else:
        report(True, f"ordinary article linear: {small / MB:g} MB {t_small:.2f} s, {mid / MB:g} MB "
               f"{t_mid:.2f} s ({mid / MB / t_mid:.1f} MB/s)")

    cases = [
        # name, data, robustness: (needs exit 0 + good processed, stderr pattern)
        (f"{big / MB:g} MB single line", lambda: single_line(big), True, None),
        (f"{n_quotes:,} unmatched quotation marks in one paragraph",
         lambda: unmatched_one_paragraph(n_quotes), True, r":3:\d+: warning: "),
        (f"{n_quotes:,} unmatched single quotes in one paragraph",
         lambda: unmatched_single_one_paragraph(n_quotes), False, None),
        (f"{n_quotes:,} unclosed quotations, one per paragraph",
         lambda: unclosed_per_paragraph(n_quotes), True, r":3:\d+: warning: "),
        ("deeply nested quotations", lambda: nested(mid), False, None),
        ("long run of capitalized words", lambda: capitalized(mid), False, None),
        ('many "said" without punctuation', lambda: said_no_punct(mid), False, None),
    ]
    for i, (name, make, robust, err_re) in enumerate(cases):
        data = make()
        size = len(data)
        path = write(f"patho{i}.txt", data)
        del data
        base, ref = ordinary_time(size)
        est = "" if abs(size - ref) <= ref // 100 else f" (scaled from {ref / MB:g} MB)"
        limit = min(FACTOR * base + SLACK, cap)
        args = [path, good] if robust else ["-q", path]
        t, rc = run(binary, args, out, err, limit + 0.5)
        if t is None or t > limit:
            why = (f"{FACTOR:g} x ordinary {base:.2f} s{est} + {SLACK:g} s" if limit < cap else
                   f"the cap per run; the ordinary article would take {base:.2f} s{est}")
            report(False, f"linear: {name} ({size / MB:.1f} MB): more than {limit:.1f} s ({why})"
                   + (f": {t:.2f} s" if t is not None else ": stopped"))
        else:
            report(True, f"linear: {name} ({size / MB:.1f} MB): {t:.2f} s, ordinary {base:.2f} s{est}")
        if robust and t is None:
            report(False, f"robust: {name}: did not finish in {limit:.1f} s (a hang, or far from linear)")
        if robust and t is not None:
            why = []
            if rc >= 128 or rc < 0:
                why.append(f"crashed: exit status {rc}")
            elif rc != 0:
                why.append(f"exit status {rc}, expected 0")
            if b'"doc":"good"' not in tail(out):
                why.append("the input after it (good.txt) was not processed")
            errtext = tail(err, 1 << 16).decode("utf-8", "replace")
            if re.search(r"AddressSanitizer|runtime error:|LeakSanitizer", errtext):
                why.append("sanitizer report on stderr")
            if err_re and not re.search(re.escape(os.path.basename(path)) + err_re,
                                        open(err, "rb").read(1 << 16).decode("utf-8", "replace")):
                why.append(f"no warning naming {os.path.basename(path)} with line and column")
            report(not why, f"robust: {name}: " + ("; ".join(why) if why else
                   "exit 0, warned where due, next input processed"),
                   head_lines(err) if why else ())
        os.remove(path)
    for p in (out, err, good):
        if os.path.exists(p):
            os.remove(p)
    return 1 if results["not ok"] else 0


if __name__ == "__main__":
    sys.argv[1:] = [os.path.abspath(a) for a in sys.argv[1:]]
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    sys.exit(main())
