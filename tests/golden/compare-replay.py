#!/usr/bin/env python3
"""Does a saved REPL session replay the session's answers?

Compares the answers of a session, as JSON lines (`.format json`), with those
of the file it saved, run by `treaty run --format json`: the same questions,
at the same dates, with the same answers, in the same order.  Only the
scenarios written by .save ("saved session", "saved session, part N") count;
imported files may hold scenarios of their own.

    compare-replay.py SESSION.jsonl RUN.json
"""
import json
import sys

KEYS = ("type", "query", "at", "verdict", "set", "value", "passed")


def answer(item):
    return tuple(json.dumps(item.get(k), sort_keys=True) for k in KEYS)


def session_answers(path):
    with open(path) as f:
        lines = [json.loads(line) for line in f if line.strip()]
    return [answer(j) for j in lines if j.get("type") in ("query", "expect")]


def replayed_answers(path):
    with open(path) as f:
        doc = json.load(f)
    out = []
    for scenario in doc.get("scenarios", []):
        if not scenario["title"].startswith("saved session"):
            continue
        out += [answer(i) for i in scenario["items"] if i.get("type") in ("query", "expect")]
    return out


def main():
    asked, replayed = session_answers(sys.argv[1]), replayed_answers(sys.argv[2])
    for n, (a, b) in enumerate(zip(asked, replayed), 1):
        if a != b:
            print(f"answer {n} differs:\n  session: {a}\n  replay:  {b}")
            return 1
    if len(asked) != len(replayed):
        print(f"the session gave {len(asked)} answers, the replay {len(replayed)}")
        return 1
    print(f"{len(asked)} answers, replayed in order")
    return 0


sys.exit(main())
