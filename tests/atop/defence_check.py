#!/usr/bin/env python3
"""defence_check.py -- an independent count of ATOP's unconditional defence
obligations, for every COW state and every year 1816-2016 on July 1st.

    tests/atop/defence_check.py DATA_DIR OUT.treaty ALLIANCES.treaty [EXPORT.csv]

Reads the CSV files in DATA_DIR itself (it shares no code with
scripts/atop_import.py) and writes a scenario of one expectation per state
and year: `expect who must defend Y at YEAR-07-01 == {X, ...};`, the set of
parties X that share an alliance with Y on that day (both between their
entry and their exit) and owe defence in it with no condition
(defense = 1, defcon = 0).  `treaty test OUT.treaty` must pass every one.

With EXPORT.csv (the output of `treaty export dyad-years --on 07-01`), it
also compares the rows whose defense_unconditional is 1 with the same count
(ccode1 owes ccode2), and exits 1 when they differ.
"""
import csv
import os
import sys


def as_int(text):
    text = (text or "").strip()
    try:
        return int(text)
    except ValueError:
        return 0


def days_in(year, month):
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def start_key(y, m, d):
    # entry: a missing month or day is the first
    m = m if 1 <= m <= 12 else 1
    d = d if 1 <= d <= days_in(y, m) else 1
    return y * 10000 + m * 100 + d


def end_key(y, m, d):
    # exit: a missing month is December, a missing day the last; the exit
    # day is out; year 0 means no exit
    if y == 0:
        return 99999999
    m = m if 1 <= m <= 12 else 12
    d = d if 1 <= d <= days_in(y, m) else days_in(y, m)
    return y * 10000 + m * 100 + d


def main(data, out, alliances, export=None):
    abbr = {}
    states = []
    with open(os.path.join(data, "cow", "states2016.csv"), newline="") as f:
        for row in csv.DictReader(f):
            code = as_int(row["ccode"])
            if code not in abbr:
                abbr[code] = row["stateabb"]
                states.append(code)
    abbr.setdefault(8152, "ANM")           # Annam: an ATOP member that is not a COW state
    spans = []                             # (alliance, member, start, end, unconditional defence)
    with open(os.path.join(data, "atop", "atop-member-level.csv"), newline="") as f:
        for row in csv.DictReader(f):
            spans.append((row["atopid"], as_int(row["member"]),
                          start_key(as_int(row["yrent"]), as_int(row["moent"]), as_int(row["dayent"])),
                          end_key(as_int(row["yrexit"]), as_int(row["moexit"]), as_int(row["dayexit"])),
                          as_int(row["defense"]) == 1 and as_int(row["defcon"]) == 0))
    lines = ['import "%s";' % alliances, "",
             'scenario "unconditional defence on July 1st, every COW state and year (independent count)" {']
    count = 0
    expected_dyads = set()
    for year in range(1816, 2017):
        day = year * 10000 + 701
        present = {}
        for alliance, member, start, end, uncond in spans:
            if start <= day < end:
                present.setdefault(alliance, []).append((member, uncond))
        owed = {}
        for alliance, rows in present.items():
            for member, uncond in rows:
                if not uncond:
                    continue
                for other, _ in rows:
                    if other != member:
                        owed.setdefault(other, set()).add(abbr[member])
        for code, owers in owed.items():
            for ower in owers:
                expected_dyads.add((ower, abbr[code], year))
        for code in states:
            names = sorted(owed.get(code, ()))
            lines.append("  expect who must defend %s at %d-07-01 == {%s};" % (abbr[code], year, ", ".join(names)))
            count += 1
    lines.append("}")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("%d expectations" % count)
    if export:
        code_of = {name: code for code, name in abbr.items()}
        got = set()
        with open(export, newline="") as f:
            for row in csv.DictReader(f):
                if row["defense_unconditional"] == "1" and 1816 <= int(row["year"]) <= 2016:
                    got.add((abbr[int(row["ccode1"])], abbr[int(row["ccode2"])], int(row["year"])))
        missing, unexpected = sorted(expected_dyads - got), sorted(got - expected_dyads)
        for what, rows in (("missing from the export", missing), ("in the export but not in the data", unexpected)):
            for ower, owed, year in rows[:10]:
                print("%s: %s owes %s (codes %d, %d) unconditional defence on %d-07-01"
                      % (what, ower, owed, code_of[ower], code_of[owed], year))
        print("%d dyad-years of unconditional defence compared, %d differ" % (len(expected_dyads), len(missing) + len(unexpected)))
        if missing or unexpected:
            sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(*sys.argv[1:])
