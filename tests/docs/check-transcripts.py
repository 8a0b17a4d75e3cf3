#!/usr/bin/env python3
"""Runs the shell transcripts in the docs and compares their output.

A transcript is a fenced block whose first line starts with "$ ". Each "$ "
line is a command (a trailing backslash continues it on the next line); the
lines after it, up to the next "$ " line, are its expected output (standard
output and standard error together). A line "..." stands for any number of
lines. `treaty` and `build/treaty` stand for the binary under test. The
commands of one block run in one shell, in order (so `echo $?` works).
Interactive sessions (`treaty repl` without a pipe or redirection) are shown,
not run.

Markers, each on a line of its own before what it applies to:
  <!-- file: NAME -->              the next ```treaty block is saved as NAME
  <!-- transcript: cd DIR -->      later transcripts of this page run in DIR
                                   (relative to the repository root)
  <!-- transcript: not run -->     the next transcript is shown, not run

Transcripts run in a scratch directory holding the saved files and links to
examples/ and tests/. Pages are read in the order below, so a file saved by
one page can be used by the next.

    tests/docs/check-transcripts.py BIN
"""
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
binary = os.path.abspath(sys.argv[1])
pages = ["docs/json.md", "docs/language.md", "docs/tutorial.md", "docs/cli.md", "docs/repl.md",
         "docs/design.md", "docs/robustness.md", "README.md"]
pages += sorted(p for p in ("docs/" + f for f in os.listdir(os.path.join(root, "docs")) if f.endswith(".md"))
                if p not in pages)
scratch = tempfile.mkdtemp(prefix="treaty-docs-")
for d in ("examples", "tests"):
    os.symlink(os.path.join(root, d), os.path.join(scratch, d))
env = dict(os.environ, NO_COLOR="1", TZ="UTC", TREATY_HISTORY="")
MARK = "@@treaty-transcript-step@@"


def matches(expected, actual):
    """Line-by-line equality where a "..." line matches any run of lines."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def steps(body):
    result, cmd, out, k = [], None, [], 0
    while k < len(body):
        line = body[k]
        if line.startswith("$ "):
            if cmd is not None:
                result.append((cmd, out))
            cmd, out = line[2:], []
            while cmd.endswith("\\") and k + 1 < len(body):
                k += 1
                cmd = cmd[:-1] + " " + body[k].strip()
        else:
            out.append(line)
        k += 1
    if cmd is not None:
        result.append((cmd, out))
    return result


def run_block(block, cwd):
    script = []
    for cmd, _ in block:
        cmd = re.sub(r"(^|[|;&(]\s*)(build/)?treaty\b", lambda m: m.group(1) + binary, cmd)
        script.append("{ %s\n} 2>&1\n__s=$?; printf '%s\\n'; (exit $__s)" % (cmd, MARK))
    got = subprocess.run(["sh", "-c", "\n".join(script)], cwd=cwd, env=env, capture_output=True, text=True)
    outputs = (got.stdout + got.stderr).split(MARK + "\n")
    return [o.rstrip("\n").split("\n") if o.strip("\n") else [] for o in outputs]


passed = failed = 0
for page in pages:
    lines = open(os.path.join(root, page), encoding="utf-8").read().split("\n")
    cwd, save_as, not_run, i = scratch, None, False, 0
    while i < len(lines):
        line = lines[i].strip()
        m = re.fullmatch(r"<!-- file: (\S+) -->", line)
        if m:
            save_as = m.group(1)
        m = re.fullmatch(r"<!-- transcript: cd (\S+) -->", line)
        if m:
            cwd = os.path.join(root, m.group(1))
        if line == "<!-- transcript: not run -->":
            not_run = True
        if not lines[i].startswith("```"):
            i += 1
            continue
        tag, j = lines[i][3:].strip(), i + 1
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        body = lines[i + 1:j]
        if tag == "treaty" and save_as:
            with open(os.path.join(scratch, save_as), "w", encoding="utf-8") as f:
                f.write("\n".join(body) + "\n")
        elif body and body[0].startswith("$ ") and not not_run:
            block = [(c, o) for c, o in steps(body)]
            if any("repl" in c.split() and "|" not in c and "<" not in c for c, _ in block):
                pass                                   # an interactive session: shown, not run
            else:
                outputs = run_block(block, cwd)
                for (cmd, expected), actual in zip(block, outputs):
                    while expected and expected[-1] == "":
                        expected = expected[:-1]
                    if matches(expected, actual):
                        passed += 1
                    else:
                        failed += 1
                        print(f"{page}:{i + 1}: transcript differs: $ {cmd}")
                        for d in list(difflib.unified_diff(expected, actual, "docs", "binary", lineterm=""))[:24]:
                            print("    " + d)
        save_as, not_run = None, False
        i = j + 1
shutil.rmtree(scratch)
print(f"transcripts: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
