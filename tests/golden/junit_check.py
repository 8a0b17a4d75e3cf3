#!/usr/bin/env python3
"""Reads a JUnit report of `treaty test --format junit` on standard input,
parses it with the standard library's XML parser (which refuses a report
that is not well-formed), checks that every count attribute agrees with the
cases written, and prints the report's content in a stable form (titles
with repr(), so escapes show; times only checked to be numbers)."""
import sys
import xml.etree.ElementTree as ET

def main():
    data = sys.stdin.buffer.read()
    root = ET.fromstring(data)          # raises on malformed XML
    assert root.tag == "testsuites", root.tag
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in root:
        assert suite.tag == "testsuite", suite.tag
        float(suite.get("time"))
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        print("suite", repr(suite.get("name")))
        for case in suite:
            assert case.tag == "testcase", case.tag
            float(case.get("time"))
            counts["tests"] += 1
            kinds = [child.tag for child in case]
            for child in case:
                key = {"failure": "failures", "error": "errors", "skipped": "skipped"}[child.tag]
                counts[key] += 1
            print("  case", repr(case.get("name")), "line", case.get("line"),
                  "assertions", case.get("assertions"), kinds or "passed")
            for child in case:
                print("    %s message=%r" % (child.tag, child.get("message")))
                if child.text:
                    for line in child.text.splitlines():
                        print("      |", line)
        for key, n in counts.items():
            assert int(suite.get(key)) == n, (suite.get("name"), key, suite.get(key), n)
            totals[key] += n
    for key, n in totals.items():
        assert int(root.get(key)) == n, (key, root.get(key), n)
    print("valid:", ", ".join("%d %s" % (n, k) for k, n in totals.items()))

if __name__ == "__main__":
    main()
