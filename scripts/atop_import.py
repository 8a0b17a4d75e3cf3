#!/usr/bin/env python3
"""atop_import.py -- the ATOP and COW data sets as a Treaty world.

    scripts/atop_import.py DATA_DIR OUT_DIR

reads DATA_DIR/atop/atop-alliance-level.csv, DATA_DIR/atop/atop-member-level.csv
and DATA_DIR/cow/states2016.csv, and writes OUT_DIR/states.treaty (every COW
state and every other ATOP member) and OUT_DIR/alliances.treaty (every
alliance, its members and their obligations).  The output depends on the
input only: running it twice gives the same bytes (`make atop-check` proves
that the committed files are what it writes).  The date rules and the
mapping of ATOP's codes are in docs/atop.md.
"""
import calendar
import collections
import csv
import os
import sys

END_YEAR = 2016          # the last year of ATOP 4.01 and of the COW list

# general knowledge: the usual names of some alliances, by ATOP id
NAMES = {
    1335: "Dual Alliance",
    1350: "Triple Alliance",
    3075: "Inter-American Treaty of Reciprocal Assistance (Rio Treaty)",
    3180: "North Atlantic Treaty",
    3210: "Mutual Defense Treaty between the United States and the Philippines",
    3215: "ANZUS Treaty",
    3240: "Mutual Defense Treaty between the United States and the Republic of Korea",
    3260: "Southeast Asia Collective Defense Treaty",
    3285: "Warsaw Pact",
    3375: "Treaty of Mutual Cooperation and Security between the United States and Japan",
    4220: "Collective Security Treaty",
}

# ATOP member codes that are not COW states: (name in Treaty, display name)
NON_COW = {8152: ("ANM", "Annam")}

# obligation kinds: ATOP column, Treaty kind, the condition flag, and each
# condition column with its Treaty form (None: a condition Treaty cannot
# write, kept as `during ATOPn_terms`)
KINDS = [
    ("defense", "defence", "defcon",
     [("defcoadv", "adversary"), ("defcoloc", "location"), ("defcocon", "conflict"),
      ("defconum", "number"), ("defcodem", "demands"), ("defconpr", "provoked")]),
    ("offense", "offence", "offcon",
     [("offcoadv", "adversary"), ("offcoloc", "location"), ("offcocon", "conflict"),
      ("offconum", "number"), ("offcodem", "demands")]),
    ("neutral", "neutrality", "neucon",
     [("neucoadv", "adversary"), ("neucoloc", "location"), ("neucocon", "conflict"),
      ("neuconum", "number"), ("neucodem", "demands"), ("neuconpr", "provoked"), ("neucoatt", None)]),
    ("nonagg", "non_aggression", None, []),
    ("consul", "consultation", "concon",
     [("concoadv", "adversary"), ("concoloc", "location"), ("concocon", "conflict"), ("concoreq", None)]),
]

# institutional provisions kept as tags (ATOP's variable names)
PROVISIONS = ["noothall", "milcon", "organ1", "organ2", "base", "milaid", "secrart", "pubsecr",
              "contrib", "intcom", "subord", "specthrt", "statthr1", "statthr2", "renounce", "term"]


def number(s):
    s = (s or "").strip()
    return int(s) if s and s.lstrip("-").isdigit() else 0


def entry_date(y, m, d):
    """A missing month or day is the first."""
    m = m if 1 <= m <= 12 else 1
    d = d if 1 <= d <= calendar.monthrange(y, m)[1] else 1
    return "%04d-%02d-%02d" % (y, m, d)


def exit_date(y, m, d):
    """A missing month is December, a missing day the month's last; the
    exit day itself is out, so it is the `until` of a period.  Year 0: none."""
    if y == 0:
        return None
    m = m if 1 <= m <= 12 else 12
    last = calendar.monthrange(y, m)[1]
    d = d if 1 <= d <= last else last
    return "%04d-%02d-%02d" % (y, m, d)


def merge(periods):
    """Periods [from, until) (until None: open), overlapping or touching ones joined."""
    out = []
    for start, end in sorted(periods, key=lambda p: (p[0], p[1] or "9999")):
        if out and (out[-1][1] is None or start <= out[-1][1]):
            if out[-1][1] is not None and (end is None or end > out[-1][1]):
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def period_text(start, end):
    return "from %s until %s" % (start, end) if end else "since %s" % start


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main(data, out):
    cow = read(os.path.join(data, "cow", "states2016.csv"))
    alliances = read(os.path.join(data, "atop", "atop-alliance-level.csv"))
    members = read(os.path.join(data, "atop", "atop-member-level.csv"))

    name_of = {}          # COW code -> Treaty name
    spells = collections.defaultdict(list)
    display = {}
    for r in cow:
        code = number(r["ccode"])
        name_of[code] = r["stateabb"]
        display[code] = r["statenme"]
        spells[code].append((entry_date(number(r["styear"]), number(r["stmonth"]), number(r["stday"])),
                             # COW's end day is the last day in the system: the next day is out
                             next_day(number(r["endyear"]), number(r["endmonth"]), number(r["endday"]))))
    for code, (name, shown) in NON_COW.items():
        name_of[code] = name
        display[code] = shown
    for r in members:
        code = number(r["member"])
        if code not in name_of:
            sys.exit("atop_import: member code %d is neither a COW state nor listed in NON_COW" % code)

    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "states.treaty"), states_text(cow, name_of, display, spells))
    write(os.path.join(out, "alliances.treaty"), alliances_text(alliances, members, name_of))


def next_day(y, m, d):
    if d >= calendar.monthrange(y, m)[1]:
        return "%04d-01-01" % (y + 1) if m == 12 else "%04d-%02d-01" % (y, m + 1)
    return "%04d-%02d-%02d" % (y, m, d + 1)


HEADER = """# Generated by scripts/atop_import.py from the data in data/ (see data/README.md):
#   ATOP 4.01, Leeds, Ritter, Mitchell and Long (2002), International Interactions 28: 237-260;
#   Correlates of War Project, State System Membership List, v2016.
# Do not edit: run `make atop` to write it again (`make atop-check` checks it is current).
# The date rules and the mapping of ATOP's codes are in docs/atop.md.
"""


def states_text(cow, name_of, display, spells):
    lines = [HEADER, "# Every state of the COW list, by its abbreviation, with its COW code as the",
             "# measure `ccode`, and every other ATOP member; their years in the state",
             "# system are the memberships of COWSystem.", ""]
    seen = set()
    for r in cow:
        code = number(r["ccode"])
        if code in seen:
            continue
        seen.add(code)
        lines.append('state %s "%s" { measure ccode %d; }' % (name_of[code], display[code], code))
    for code, (name, shown) in sorted(NON_COW.items()):
        lines.append('actor %s "%s" { measure ccode %d; tags "not a COW state"; }' % (name, shown, code))
    lines += ["", 'organisation COWSystem "Correlates of War state system" {', "  kind state_system;"]
    for code in sorted(spells):
        for start, end in merge(spells[code]):
            lines.append("  member %s %s;" % (name_of[code], period_text(start, end)))
    lines.append("}")
    return "\n".join(lines) + "\n"


def conditions(aid, row, flags):
    """The Treaty conditions of one obligation, and the declarations they need."""
    conds, needs = [], set()
    for column, what in flags:
        if number(row.get(column)) <= 0:
            continue
        if what == "adversary":
            conds.append("against ATOP%d_adversary" % aid)
            needs.add("adversary")
        elif what == "location":
            conds.append("in ATOP%d_area" % aid)
            needs.add("area")
        elif what == "conflict":
            conds.append("during ATOP%d_conflict" % aid)
            needs.add("conflict")
        elif what == "number":
            conds.append("against at least 2")
        elif what == "demands":
            conds.append("after demands")
        elif what == "provoked":
            conds.append("unless provoked")
        else:
            needs.add("terms")
    if "terms" in needs and "conflict" not in needs:
        conds.append("during ATOP%d_conflict" % aid)
        needs.add("conflict")
    # `against` is written once: with a specific adversary, a number of
    # attackers becomes one more open circumstance
    if "against ATOP%d_adversary" % aid in conds and "against at least 2" in conds:
        conds.remove("against at least 2")
        if "during ATOP%d_conflict" % aid not in conds:
            conds.append("during ATOP%d_conflict" % aid)
            needs.add("conflict")
    return conds, needs


def alliances_text(alliances, members, name_of):
    rows_of = collections.defaultdict(list)
    for r in members:
        rows_of[number(r["atopid"])].append(r)
    lines = [HEADER, 'import "states.treaty";', ""]
    for a in sorted(alliances, key=lambda r: number(r["atopid"])):
        aid = number(a["atopid"])
        begin = entry_date(number(a["begyr"]), number(a["begmo"]), number(a["begday"]))
        end = exit_date(number(a["endyr"]), number(a["endmo"]), number(a["endday"]))
        rows = rows_of.get(aid, [])
        member_periods = collections.defaultdict(list)
        obligations = collections.defaultdict(list)     # (member, kind, conditions) -> periods
        needs = set()
        for r in rows:
            code = number(r["member"])
            start = entry_date(number(r["yrent"]), number(r["moent"]), number(r["dayent"]))
            stop = exit_date(number(r["yrexit"]), number(r["moexit"]), number(r["dayexit"]))
            if stop is not None and stop <= start:
                continue          # no day in the alliance
            member_periods[code].append((start, stop))
            for column, kind, flag, flags in KINDS:
                if number(r.get(column)) != 1:
                    continue
                conds, need = conditions(aid, r, flags) if flag and number(r.get(flag)) > 0 else ([], set())
                if flag and number(r.get(flag)) > 0 and not conds:
                    conds, need = ["during ATOP%d_conflict" % aid], {"conflict"}
                needs |= need
                obligations[(code, kind, tuple(conds))].append((start, stop))
        shown = NAMES.get(aid, "ATOP alliance %d" % aid)
        lines.append('organisation ATOP%d "%s" {' % (aid, shown))
        lines.append("  # ATOP %d: %s %s" % (aid, "in effect" if not end else "ended", period_text(begin, end)))
        lines.append("  kind alliance;")
        lines.append("  founded %s;" % begin)
        tags = ['"atopid=%d"' % aid] + ['"%s=%d"' % (p, number(a.get(p))) for p in PROVISIONS if number(a.get(p)) > 0]
        lines.append("  tags %s;" % ", ".join(tags))
        for code in sorted(member_periods, key=lambda c: name_of[c]):
            for start, stop in merge(member_periods[code]):
                lines.append("  member %s %s;" % (name_of[code], period_text(start, stop)))
        for (code, kind, conds) in sorted(obligations, key=lambda k: (name_of[k[0]], k[1], k[2])):
            for start, stop in merge(obligations[(code, kind, conds)]):
                lines.append("  %s owes %s %s%s;" % (name_of[code], kind, period_text(start, stop),
                                                     "".join(" " + c for c in conds)))
        lines.append("}")
        if "adversary" in needs:
            lines.append('actor ATOP%d_adversary "the adversary named in ATOP %d";' % (aid, aid))
        if "area" in needs:
            lines.append('area ATOP%d_area "the area named in ATOP %d" { }' % (aid, aid))
        if "conflict" in needs:
            lines.append('conflict ATOP%d_conflict "the circumstances named in ATOP %d";' % (aid, aid))
        lines.append("")
    return "\n".join(lines)


def write(path, text):
    """Through a temporary file and a rename: never a half-written file."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
