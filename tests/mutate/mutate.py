#!/usr/bin/env python3
"""Mutation testing: do the test suites notice a small wrong change in the code?

For each mutant (one small semantic change to one line of one semantic unit)
the runner rebuilds a copy of the project, runs the suites until one fails,
and puts the line back.  A mutant that no suite notices is a *survivor*: a
place where a bug would go unseen.  See tests/mutate/README.md.

    python3 tests/mutate/mutate.py          (or: make mutate)

Environment (by default, every mutant of the nine semantic units):
    MUTATE_SAMPLE=N     a sample of N mutants, for a quick look
    MUTATE_SEED=S       the seed that picks the sample        default 1
    ALL=1               every mutant, even with MUTATE_SAMPLE set
    MUTATE_UNITS=LIST   units to mutate, e.g. "eval.c vote.c" default: the nine below
    MUTATE_IDS=LIST     only these mutants (ids as printed by MUTATE_LIST=1)
    MUTATE_LIST=1       list the chosen mutants and stop
    MUTATE_PTY=1        also run the terminal test (tests/unit/test_repl_pty.c)
    MUTATE_DIR=DIR      where the copy is built and results go  default build/mutate
    MUTATE_NOCOV=1      run every test for every mutant, not only those that run its line
    MUTATE_SAN=0        no second run, built with the sanitizers, of the plain survivors

Exit status: 0 after a run (survivors are a report, not an error), 2 when
the unmutated tree does not pass its own suites or on bad usage.
"""
import glob
import hashlib
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORK = os.path.join(ROOT, os.environ.get("MUTATE_DIR", os.path.join("build", "mutate")))
TREE = os.path.join(WORK, "tree")
COPIED = ["Makefile", "README.md", "src", "grammar", "tests", "examples", "docs", "scripts"]
UNITS = ["date.c", "model.c", "whatif.c", "eval.c", "query.c", "vote.c", "scenario.c", "conditions.c", "places.c"]
EQUIVALENT = os.path.join(ROOT, "tests", "mutate", "equivalent.txt")

# Calls whose arguments only build text for people (messages, summaries),
# clear memory or size an allocation: a change inside them is not a change of
# meaning (a larger allocation changes nothing; a smaller one is a memory
# error, not a different answer).
SKIPPED_CALLS = {"arena_printf", "snprintf", "printf", "fprintf", "diag_error", "diag_warning",
                 "diag_note", "fail", "assert", "memset", "arena_alloc", "xmalloc", "xcalloc",
                 "xrealloc"}
KEYWORDS = {"return", "case", "sizeof", "if", "else", "for", "while", "do", "switch", "goto",
            "break", "continue", "default", "static", "const", "typedef", "struct", "enum",
            "union", "extern", "inline", "void", "int", "char", "double", "long", "unsigned",
            "signed", "short", "float", "size_t"}
SWAPS = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "==", "&&": "||", "||": "&&"}
PUNCT = sorted(["<<=", ">>=", "...", "->", "++", "--", "<=", ">=", "==", "!=", "&&", "||", "+=", "-=",
                "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "##"], key=len, reverse=True)

# Memory for one test process: far above what the suites use, low enough
# that a mutant allocating without end fails fast instead of filling the machine.
MEMORY_LIMIT = 2 << 30


# ---------------------------------------------------------------- tokens

class Tok:
    __slots__ = ("kind", "text", "start", "end", "line")

    def __init__(self, kind, text, start, end, line):
        self.kind, self.text, self.start, self.end, self.line = kind, text, start, end, line


def tokenize(src):
    """C tokens with their offsets; comments and preprocessor lines dropped."""
    toks, i, n, line, bol = [], 0, len(src), 1, True
    while i < n:
        ch = src[i]
        if ch == "\n":
            line += 1
            bol = True
            i += 1
            continue
        if ch in " \t\r\f\v":
            i += 1
            continue
        if bol and ch == "#":                       # preprocessor line, with continuations
            while i < n and src[i] != "\n":
                if src[i] == "\\" and i + 1 < n and src[i + 1] == "\n":
                    line += 1
                    i += 1
                i += 1
            continue
        bol = False
        if src.startswith("//", i):
            while i < n and src[i] != "\n":
                i += 1
            continue
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            line += src.count("\n", i, j)
            i = j
            continue
        start = i
        if ch in "\"'":
            i += 1
            while i < n and src[i] != ch:
                i += 2 if src[i] == "\\" else 1
            i += 1
            toks.append(Tok("str", src[start:i], start, i, line))
            continue
        if ch.isalpha() or ch == "_":
            while i < n and (src[i].isalnum() or src[i] == "_"):
                i += 1
            toks.append(Tok("id", src[start:i], start, i, line))
            continue
        if ch.isdigit() or (ch == "." and i + 1 < n and src[i + 1].isdigit()):
            while i < n and (src[i].isalnum() or src[i] in "._" or
                             (src[i] in "+-" and src[i - 1] in "eEpP")):
                i += 1
            toks.append(Tok("num", src[start:i], start, i, line))
            continue
        p = next((p for p in PUNCT if src.startswith(p, i)), ch)
        i += len(p)
        toks.append(Tok("punct", p, start, i, line))
    return toks


def annotate(toks):
    """For each token: the index of its matching bracket (for openers and
    closers) and whether it sits inside a call in SKIPPED_CALLS."""
    match, skipped, stack = {}, [], []        # stack of (index, call name)
    for k, t in enumerate(toks):
        if t.kind == "punct" and t.text in ")]}" and stack:
            j, _ = stack.pop()
            match[j], match[k] = k, j
        skipped.append(any(name in SKIPPED_CALLS for _, name in stack))
        if t.kind == "punct" and t.text in "([{":
            name = toks[k - 1].text if t.text == "(" and k and toks[k - 1].kind == "id" else None
            stack.append((k, name))
    return match, skipped


# ---------------------------------------------------------------- mutants

class Mutant:
    def __init__(self, path, src, line, edits, op):
        self.path, self.line, self.op = path, line, op
        self.edits = sorted(edits, reverse=True)     # (start, end, replacement)
        self.id = "%s:%d:%d:%s" % (os.path.basename(path), line, edits[0][0] - line_start(src, edits[0][0]), op)
        # the line before and after, as read now: the file may change while a run goes on
        self.before, self.after = line_of(src, line).strip(), line_of(self.apply(src), line).strip()
        self.func = function_of(src, line)

    def apply(self, src):
        for start, end, repl in self.edits:
            src = src[:start] + repl + src[end:]
        return src


def line_start(src, pos):
    return src.rfind("\n", 0, pos) + 1


def line_of(src, line):
    return src.split("\n")[line - 1]


def function_of(src, line):
    """The function a line belongs to: the nearest definition above it, which
    in this code base starts at column 0 with `TYPE NAME(`."""
    lines = src.split("\n")
    for k in range(line - 1, -1, -1):
        m = re.match(r"[A-Za-z_][^;=]*?\b([A-Za-z_]\w*)\s*\(", lines[k])
        if m:
            return m.group(1)
    return "?"


def is_operand_end(t):
    """Can this token end an operand (so that a following + or - is binary)?"""
    return (t.kind in ("id", "num", "str") and t.text not in KEYWORDS) or t.text in (")", "]")


def in_declarator(toks, k):
    """Is the number at k the size in an array declaration, `char buf[16]`?"""
    if k < 2 or k + 1 >= len(toks) or toks[k - 1].text != "[" or toks[k + 1].text != "]":
        return False
    before = toks[k - 3] if k >= 3 else None
    return before is not None and (before.kind == "id" and before.text not in ("return", "case")
                                   or before.text == "*")


STOP_AND = {"&&", "||", "?", ":", ",", ";"}
STOP_OR = {"||", "?", ":", ",", ";"}
ASSIGN = {"=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>="}


def operand_span(toks, match, k, step, stops):
    """The token range of the operand next to the logical operator at k, going
    left (step -1) or right (step +1); None when it cannot be told on one line."""
    j, last = k + step, None
    while 0 <= j < len(toks):
        t = toks[j]
        if t.text in stops or t.text in ASSIGN or (t.kind == "id" and t.text in ("return", "if", "while")):
            break
        if t.text in (")]}" if step > 0 else "([{"):
            break                               # the enclosing bracket: the operand ends here
        if t.text in ("([{" if step > 0 else ")]}"):
            if j not in match:
                return None
            j = match[j]                        # a bracketed group belongs to the operand
        last = j
        j += step
    if last is None:
        return None
    lo, hi = (last, k - 1) if step < 0 else (k + 1, last)
    if toks[lo].line != toks[hi].line or toks[lo].line != toks[k].line:
        return None
    return lo, hi


def mutants_of(path, src):
    toks = tokenize(src)
    match, skipped = annotate(toks)
    out = []

    def add(line, edits, op):
        out.append(Mutant(path, src, line, edits, op))

    for k, t in enumerate(toks):
        if skipped[k]:
            continue
        prev = toks[k - 1] if k else None
        if t.kind == "punct" and t.text in SWAPS:
            add(t.line, [(t.start, t.end, SWAPS[t.text])], "swap")
        if t.kind == "punct" and t.text in ("&&", "||"):
            stops = STOP_AND if t.text == "&&" else STOP_OR
            left = operand_span(toks, match, k, -1, stops)
            right = operand_span(toks, match, k, +1, stops)
            if left and right:
                # drop one side of the condition: `A && B` becomes `A`, or `B`
                add(t.line, [(toks[left[1]].end, toks[right[1]].end, "")], "drop-right")
                add(t.line, [(toks[left[0]].start, toks[right[0]].start, "")], "drop-left")
        if t.kind == "punct" and t.text in ("+", "-") and prev is not None and is_operand_end(prev):
            add(t.line, [(t.start, t.end, "-" if t.text == "+" else "+")], "arith")
        if t.kind == "num" and re.fullmatch(r"[0-9]+", t.text) and not in_declarator(toks, k):
            v = int(t.text)
            add(t.line, [(t.start, t.end, str(v + 1))], "plus1")
            if v > 0:
                add(t.line, [(t.start, t.end, str(v - 1))], "minus1")
        if t.kind == "id" and t.text == "if" and k + 1 < len(toks) and toks[k + 1].text == "(":
            o = k + 1
            c = match.get(o)
            if c is not None and toks[c].line == t.line and c > o + 1:
                add(t.line, [(toks[o + 1].start, toks[o + 1].start, "!("), (toks[c].start, toks[c].start, ")")],
                    "negate")
        if t.kind == "punct" and t.text == "!" and not (prev and prev.text == "(" and k >= 2
                                                        and toks[k - 2].text == "if"):
            add(t.line, [(t.start, t.end, "")], "drop-not")
    return out


def all_mutants(units, base):
    found = []
    for unit in units:
        path = os.path.join("src", unit)
        with open(os.path.join(base, path)) as f:
            src = f.read()
        found.extend(mutants_of(path, src))
    number_alike(found)
    return found


def number_alike(mutants):
    """Alike changes to alike lines of one function (`return 0;` twice) are
    told apart by their order: ` #2` for the second line, and so on."""
    lines = {}
    for m in mutants:
        lines.setdefault((m.path, m.func, m.before, m.after), []).append(m.line)
    for m in mutants:
        order = sorted(set(lines[(m.path, m.func, m.before, m.after)]))
        m.nth = " #%d" % (order.index(m.line) + 1) if len(order) > 1 else ""


# ---------------------------------------------------------------- running

def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run(cmd, timeout, env=None, limit=True, stderr=subprocess.STDOUT):
    """(exit status, or None on timeout; output, with standard error unless
    told otherwise).  The command runs in a process group of its own, which
    is killed on timeout (before the command is reaped, so that the group
    cannot be anybody else's by then)."""
    p = subprocess.Popen(cmd, cwd=TREE, env=env, stdout=subprocess.PIPE, stderr=stderr,
                         start_new_session=True, preexec_fn=limit_memory if limit else None)
    try:
        out, _ = p.communicate(timeout=timeout)
        return p.returncode, out
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        return None, b""


def make(targets, *settings):
    rc, out = run(["make", "--no-print-directory", "-s"] + list(settings) + targets, timeout=900, limit=False)
    return rc == 0, out


def sync_tree():
    """Copies the sources into the tree, touching only files that changed, so
    that the tree's own builds stay incremental."""
    for top in COPIED:
        src_top = os.path.join(ROOT, top)
        if os.path.isfile(src_top):
            copy_if_changed(src_top, os.path.join(TREE, top))
            continue
        wanted = set()
        for dirpath, _, filenames in os.walk(src_top):
            rel = os.path.relpath(dirpath, ROOT)
            for name in filenames:
                wanted.add(os.path.join(rel, name))
                copy_if_changed(os.path.join(ROOT, rel, name), os.path.join(TREE, rel, name))
        for dirpath, _, filenames in os.walk(os.path.join(TREE, top)):     # files gone from the sources
            rel = os.path.relpath(dirpath, TREE)
            for name in filenames:
                if os.path.join(rel, name) not in wanted:
                    os.remove(os.path.join(TREE, rel, name))


def copy_if_changed(src, dst):
    with open(src, "rb") as f:
        data = f.read()
    if os.path.exists(dst):
        with open(dst, "rb") as f:
            if f.read() == data:
                return
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    shutil.copy2(src, dst)
    os.utime(dst)                   # newer than anything built from the old copy


def tree_digest():
    h = hashlib.sha256()
    for top in COPIED:
        for dirpath, dirnames, filenames in os.walk(os.path.join(TREE, top)):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                h.update(os.path.relpath(path, TREE).encode() + b"\0")
                with open(path, "rb") as f:
                    h.update(f.read())
        if os.path.isfile(os.path.join(TREE, top)):
            with open(os.path.join(TREE, top), "rb") as f:
                h.update(top.encode() + b"\0" + f.read())
    return h.hexdigest()


class Build:
    """One build of the tree: its directory, the make settings that produce
    it, and how its programs run."""

    def __init__(self, folder, settings, limit=True, env=None):
        self.dir, self.settings, self.limit, self.env = folder, settings, limit, env or {}

    def make(self, targets):
        return make(targets, *self.settings)


PLAIN = Build("build", [])
# The sanitizers reserve terabytes of address space, so no address-space
# limit; they enforce their own bound on memory instead.
SANITIZED = Build("build/san", ["BUILD=build/san", "SAN=1", "CC=clang"], limit=False,
                  env={"ASAN_OPTIONS": "hard_rss_limit_mb=%d" % (MEMORY_LIMIT >> 20)})
COVERED = Build("build/cov", ["BUILD=build/cov", "CFLAGS=-O0 -g --coverage", "LDFLAGS=--coverage"])


class Test:
    """One test of the project's suites: the scenario files, one unit-test
    binary, one golden case, or one docs checker.  check() runs it against
    the binaries of a build directory and says how it failed (None: passed)."""

    def __init__(self, suite, name, argv=None, golden=None):
        self.suite, self.name, self.argv, self.golden = suite, name, argv, golden
        self.kills = 0
        self.timeout = 120              # until the baseline run measures it

    def calibrate(self, seconds):
        """A mutant that loops is killed after ten times the test's normal
        time, at least 10 s (the machine may be busy)."""
        self.timeout = max(10.0, 10 * seconds)

    def check(self, build):
        treaty = os.path.join(TREE, build.dir, "treaty")
        if self.golden:
            cmd, expected = self.golden
            env = dict(os.environ, NO_COLOR="1", TZ="UTC", TREATY=treaty, **build.env)
            for var in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):   # as tests/golden/run.sh
                env.pop(var, None)
            rc, out = run(["sh", "-c", cmd], timeout=self.timeout, env=env, limit=build.limit)
            failed = rc is None or out + b"exit: %d\n" % rc != expected
        else:
            argv = [a.replace("{build}", build.dir) for a in self.argv]
            rc, out = run(argv, timeout=self.timeout, env=dict(os.environ, TREATY_BIN=treaty, **build.env),
                          limit=build.limit)
            failed = rc != 0
        if not failed:
            return None
        return "%s %s%s" % (self.suite, self.name, " (timeout)" if rc is None else "")


def collect_tests(with_pty):
    """Every test, cheapest and strongest first (measured: the scenario files
    0.05 s; the unit tests 1 s to relink, 0.2 s to run; golden cases 0.03 to
    1 s each, 3 s in all; the docs checkers 2.5 s)."""
    tests = [Test("scenarios", "examples tests/scenarios",
                  ["{build}/treaty", "test", "examples", "tests/scenarios"])]
    for f in sorted(os.listdir(os.path.join(TREE, "tests", "unit"))):
        if f.startswith("test_") and f.endswith(".c") and (with_pty or f != "test_repl_pty.c"):
            tests.append(Test("unit", f[:-2], ["{build}/tests/" + f[:-2]]))
    folder = os.path.join(TREE, "tests", "golden", "cases")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".cmd"):
            continue
        # the same rewriting of `treaty` and the same comparison as tests/golden/run.sh
        with open(os.path.join(folder, name)) as f:
            line = f.read()
        with open(os.path.join(folder, name[:-4] + ".out"), "rb") as f:
            expected = f.read()
        cmd = re.sub(r"^treaty ", '"$TREATY" ', line)
        cmd = cmd.replace("| treaty ", '| "$TREATY" ').replace("&& treaty ", '&& "$TREATY" ')
        tests.append(Test("golden", name[:-4], golden=(cmd, expected)))
    tests.append(Test("docs", "check-examples", ["tests/docs/check-examples.sh", "{build}/treaty"]))
    tests.append(Test("docs", "check-transcripts",
                      [sys.executable, "tests/docs/check-transcripts.py", "{build}/treaty"]))
    return tests


def targets(build, tests):
    """The programs `tests` need from `build`."""
    return [build.dir + "/treaty"] + [build.dir + "/tests/" + t.name for t in tests if t.suite == "unit"]


def failure(build, tests):
    """How the first of `tests` that fails on `build` failed (None: all pass)."""
    for t in tests:
        why = t.check(build)
        if why:
            t.kills += 1
            return why
    return None


class Coverage:
    """Which lines of the semantic units each test runs, from one build with
    gcov.  A mutant needs only the tests that run its line; a line no test
    runs gives a survivor without running anything.  Lines gcov knows nothing
    about (tables, declarations) are treated as run by every test."""

    def __init__(self, tests, units):
        self.tests, self.units = tests, units
        self.by_test, self.known = {}, {}

    def load_or_measure(self, digest):
        cache = os.path.join(WORK, "coverage.json")
        if os.path.exists(cache):
            with open(cache) as f:
                data = json.load(f)
            if data.get("digest") == digest and set(data["by_test"]) == {self.key(t) for t in self.tests}:
                self.from_json(data)
                return True
        if not self.measure():
            return False
        with open(cache, "w") as f:
            json.dump(dict(self.to_json(), digest=digest), f)
        return True

    @staticmethod
    def key(t):
        return t.suite + " " + t.name

    def measure(self):
        ok, out = COVERED.make(targets(COVERED, self.tests))
        if not ok:
            sys.stdout.write(out.decode(errors="replace"))
            return False
        objs = [os.path.join(TREE, COVERED.dir, "obj", u[:-2] + ".o") for u in self.units]
        for t in self.tests:
            for old in glob.glob(os.path.join(TREE, COVERED.dir, "obj", "*.gcda")):
                os.remove(old)
            why = t.check(COVERED)
            if why:
                print("mutate: %s fails in the coverage build" % why)
                return False
            rc, out = run(["gcov", "--json-format", "--stdout", "-o", os.path.join(COVERED.dir, "obj")] + objs,
                          timeout=120, limit=False, stderr=subprocess.DEVNULL)
            if rc != 0:
                print("mutate: gcov failed: " + out.decode(errors="replace"))
                return False
            lines = {}
            for doc in out.decode().splitlines():
                if not doc.startswith("{"):
                    continue
                for f in json.loads(doc)["files"]:
                    unit = os.path.basename(f["file"])
                    if f["file"] != "src/" + unit or unit not in self.units:
                        continue              # headers' inline functions
                    for ln in f["lines"]:
                        self.known.setdefault(unit, set()).add(ln["line_number"])
                        if ln["count"] > 0:
                            lines.setdefault(unit, set()).add(ln["line_number"])
            self.by_test[self.key(t)] = lines
        return True

    def to_json(self):
        return {"by_test": {k: {u: sorted(ls) for u, ls in v.items()} for k, v in self.by_test.items()},
                "known": {u: sorted(ls) for u, ls in self.known.items()}}

    def from_json(self, data):
        self.by_test = {k: {u: set(ls) for u, ls in v.items()} for k, v in data["by_test"].items()}
        self.known = {u: set(ls) for u, ls in data["known"].items()}

    def tests_for(self, unit, line):
        if line not in self.known.get(unit, ()):
            return list(self.tests)
        return [t for t in self.tests if line in self.by_test[self.key(t)].get(unit, ())]


class Outcome:
    def __init__(self, status, where="", seconds=0.0):
        self.status, self.where, self.seconds = status, where, seconds


def golden_first_by_kills(tests):
    """Golden cases that killed before go first: most mutants fall to the same few."""
    head = [t for t in tests if t.suite in ("scenarios", "unit")]
    golden = sorted((t for t in tests if t.suite == "golden"), key=lambda t: -t.kills)
    rest = [t for t in tests if t.suite == "docs"]
    return head + golden + rest


def try_mutant(m, tests, coverage, sanitized):
    """Builds the mutant and runs the tests that run its line, plainly and,
    if it survives that and `sanitized`, once more built with the
    sanitizers (as `make sanitize` and CI run the suites)."""
    path = os.path.join(TREE, m.path)
    with open(path) as f:
        original = f.read()
    t0 = time.time()
    try:
        with open(path, "w") as f:
            f.write(m.apply(original))
        forget_objects(m.path)
        ok, _ = PLAIN.make(["build/treaty"])
        if not ok:
            return Outcome("stillborn", "", time.time() - t0)
        chosen = coverage.tests_for(os.path.basename(m.path), m.line) if coverage else tests
        if not chosen:
            return Outcome("survived", "no test runs this line", time.time() - t0)
        chosen = golden_first_by_kills(chosen)
        units = [t for t in chosen if t.suite == "unit"]
        why = failure(PLAIN, [t for t in chosen if t.suite == "scenarios"])
        if not why and units:                             # unit tests: relinked only when needed
            ok, _ = PLAIN.make(targets(PLAIN, units))
            why = None if ok else "build of the unit tests"
        why = why or failure(PLAIN, [t for t in chosen if t.suite != "scenarios"])
        if not why and sanitized:
            ok, _ = SANITIZED.make(targets(SANITIZED, chosen))
            if not ok:                                    # clang -Werror saw what gcc did not
                return Outcome("stillborn", "", time.time() - t0)
            found = failure(SANITIZED, chosen)
            why = found and "sanitizers: " + found
        if why:
            return Outcome("killed", why, time.time() - t0)
        return Outcome("survived", "", time.time() - t0)
    finally:
        with open(path, "w") as f:
            f.write(original)
        forget_objects(m.path)


def forget_objects(unit):
    """Removes what the builds made from a unit, so that the next build
    compiles it again from what the file now says, whatever the clocks."""
    name = os.path.basename(unit)[:-2] + ".o"
    for build in (PLAIN, SANITIZED):
        try:
            os.remove(os.path.join(TREE, build.dir, "obj", name))
        except FileNotFoundError:
            pass


def usage(message):
    """Bad usage or a bad equivalent.txt: say so and stop with status 2."""
    sys.stderr.write("mutate: %s\n" % message)
    sys.exit(2)


def choose(mutants):
    ids = os.environ.get("MUTATE_IDS", "").replace(",", " ").split()
    if ids:
        chosen = [m for m in mutants if m.id in ids]
        unknown = set(ids) - {m.id for m in chosen}
        if unknown:
            usage("no such mutant: %s" % ", ".join(sorted(unknown)))
        return chosen
    sample = os.environ.get("MUTATE_SAMPLE", "0")
    if not sample.isdigit():
        usage("MUTATE_SAMPLE must be a number of mutants, not '%s'" % sample)
    size = 0 if os.environ.get("ALL") == "1" else int(sample)
    if size <= 0 or size >= len(mutants):
        return mutants
    seed = int(os.environ.get("MUTATE_SEED", "1"))
    picked = set(random.Random(seed).sample(range(len(mutants)), size))
    return [m for k, m in enumerate(mutants) if k in picked]


def units_from_env():
    names = os.environ.get("MUTATE_UNITS", "").replace(",", " ").split()
    units = [os.path.basename(n) for n in names] or UNITS
    for u in units:
        if not os.path.isfile(os.path.join(ROOT, "src", u)):
            usage("no unit src/%s" % u)
    return units


def change(m):
    """(original line, mutated line), stripped."""
    return m.before, m.after


def shown(m):
    return "%s:%d: %s -> %s" % ((m.path, m.line) + change(m))


def equivalence_key(m):
    return "%s, %s()%s: %s -> %s" % ((m.path, m.func, m.nth) + change(m))


def load_equivalent():
    """tests/mutate/equivalent.txt: mutants judged equivalent (no test can
    tell them from the code as written), each `FILE, FUNCTION(): ORIGINAL ->
    MUTATED` on one line, followed by indented lines that say why."""
    entries, key = {}, None
    with open(EQUIVALENT) as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            if line[0] in " \t":
                if key is None:
                    usage("%s:%d: a reason without a mutant" % (EQUIVALENT, n))
                entries[key] = (entries[key] + " " + line.strip()).strip()
                continue
            if key is not None and not entries[key]:
                usage("%s: no reason given for: %s" % (EQUIVALENT, key))
            key = line.strip()
            entries[key] = ""
    if key is not None and not entries[key]:
        usage("%s: no reason given for: %s" % (EQUIVALENT, key))
    return entries


def stop(signum, frame):
    raise SystemExit(128 + signum)         # unwinds through try_mutant, which puts the line back


def main():
    signal.signal(signal.SIGTERM, stop)
    units = units_from_env()
    listing = os.environ.get("MUTATE_LIST") == "1"
    t_start = time.time()
    if not listing:                 # the mutants are made from the copy, which stays as it is
        os.makedirs(TREE, exist_ok=True)
        sync_tree()
    mutants = all_mutants(units, ROOT if listing else TREE)
    equivalent = load_equivalent()
    keys = {equivalence_key(m) for m in mutants}
    for stale in sorted(k for k in equivalent if k not in keys and k.split(",")[0] in
                        ["src/" + u for u in units]):
        print("mutate: %s lists a mutant that no longer exists: %s" % (os.path.relpath(EQUIVALENT, ROOT), stale))
    chosen = choose(mutants)
    if listing:
        for m in chosen:
            print("%s  %s%s" % (m.id, change(m)[1], "   [equivalent]" if equivalence_key(m) in equivalent else ""))
        print("%d mutants of %d" % (len(chosen), len(mutants)))
        return 0
    judged = [m for m in chosen if equivalence_key(m) in equivalent]
    chosen = [m for m in chosen if equivalence_key(m) not in equivalent]

    tests = collect_tests(os.environ.get("MUTATE_PTY") == "1")
    sanitized = os.environ.get("MUTATE_SAN", "1") == "1"
    for build in [PLAIN] + ([SANITIZED] if sanitized else []):
        ok, out = build.make(targets(build, tests))
        why = None if ok else "the build"
        for t in tests:
            if why:
                break
            t0 = time.time()
            why = t.check(build)
            if build is SANITIZED or not sanitized:     # the slower build sets the limit
                t.calibrate(time.time() - t0)
        if why:
            sys.stdout.write(out.decode(errors="replace"))
            print("mutate: the unmutated tree fails in %s (%s); fix that first" % (build.dir, why))
            return 2
    coverage = None
    if os.environ.get("MUTATE_NOCOV") != "1":
        coverage = Coverage(tests, units)
        if not coverage.load_or_measure(tree_digest()):
            return 2
    print("mutate: %d mutants of %d in %s, and %d judged equivalent (%d tests; ready in %.0f s)" %
          (len(chosen), len(mutants), " ".join(units), len(judged), len(tests), time.time() - t_start),
          flush=True)

    t_start = time.time()
    results = []
    with open(os.path.join(WORK, "results.tsv"), "w") as log:
        for k, m in enumerate(chosen, 1):
            o = try_mutant(m, tests, coverage, sanitized)
            results.append((m, o))
            log.write("%s\t%s\t%s\t%.2f\t%s\n" % (m.id, o.status, o.where, o.seconds, shown(m)))
            log.flush()
            sys.stderr.write("[%d/%d] %s %s%s (%.1f s)\n" % (k, len(chosen), m.id, o.status,
                                                             " by " + o.where if o.where else "", o.seconds))
    elapsed = time.time() - t_start

    survivors = [(m, o) for m, o in results if o.status == "survived"]
    killed = sum(1 for _, o in results if o.status == "killed")
    stillborn = sum(1 for _, o in results if o.status == "stillborn")
    lines = [shown(m) + ("   [no test runs this line]" if o.where else "") for m, o in survivors]
    with open(os.path.join(WORK, "survivors.txt"), "w") as f:
        f.write("".join(s + "\n" for s in lines))
    print("survivors:" if lines else "no survivors")
    for s in lines:
        print("  " + s)
    scored = killed + len(survivors)
    print("not scored: %d stillborn (do not build), %d equivalent (tests/mutate/equivalent.txt)" %
          (stillborn, len(judged)))
    print("%.0f s, %.1f s per mutant" % (elapsed, elapsed / max(1, len(chosen))))
    if judged:
        print("counting the equivalent ones as survivors: %d killed of %d (%.1f%%)" %
              (killed, scored + len(judged), 100.0 * killed / max(1, scored + len(judged))))
    print("%d killed of %d (%.1f%%)" % (killed, scored, 100.0 * killed / max(1, scored)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
