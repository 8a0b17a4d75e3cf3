#!/bin/sh
# Runs every test suite against one build directory and ends with the total,
# as the line "N passed, N failed".  Used by `make test` and `make check`.
#
#   tests/run-suites.sh build UNIT_BINARY...        (the plain build)
#   tests/run-suites.sh build/san UNIT_BINARY...    (the sanitized build)
set -u
build=$1; shift
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
total_pass=0 total_fail=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

count() { # count SUITE PASSED FAILED
    echo "$1: $2 passed, $3 failed"
    total_pass=$((total_pass + $2))
    total_fail=$((total_fail + $3))
}

# unit: each cmocka binary; its exit status is its number of failed tests.
# The terminal test drives the treaty binary of the same build.
export TREATY_BIN="$build/treaty"
p=0 f=0
for t in "$@"; do
    case "$t" in /*) ;; *) t="$root/$t" ;; esac
    "$t" >"$out" 2>&1
    rc=$?
    n=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -n 1)
    p=$((p + ${n:-0}))
    if [ $rc -ne 0 ]; then
        cat "$out"
        f=$((f + (rc > 0 && rc < 256 ? rc : 1)))
    fi
done
count unit $p $f

# golden: command lines with their exact output and exit status
tests/golden/run.sh "$build/treaty" >"$out" 2>&1
grep -v '^golden: [0-9]* passed' "$out"
set -- $(sed -n 's/^golden: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$out")
count golden "${1:-0}" "${2:-1}"

# scenarios: every expect in examples/ and tests/scenarios/
"$build/treaty" test examples tests/scenarios >"$out" 2>&1
rc=$?
grep -v '^[0-9]* passed, [0-9]* failed$' "$out"
set -- $(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$out")
[ $rc -eq 0 ] || [ "${2:-0}" -gt 0 ] || set -- "${1:-0}" 1
count scenarios "${1:-0}" "${2:-1}"

# suite NAME COMMAND...: runs a checker that ends with "NAME: N passed, N
# failed", shows what it said but that line, and counts it (no line: failed)
suite() {
    name=$1; shift
    "$@" >"$out" 2>&1
    grep -v "^$name: [0-9]* passed" "$out"
    set -- $(sed -n "s/^$name: \([0-9]*\) passed, \([0-9]*\) failed\$/\1 \2/p" "$out")
    count "$name" "${1:-0}" "${2:-1}"
}
# the checkers written in Python, without python3: each fails, saying why
py_suite() {
    if command -v python3 >/dev/null 2>&1; then suite "$1" python3 "$2" "$build/treaty"
    else echo "$1: python3 is missing (scripts/install-deps.sh --for-tests installs it)"; count "$1" 0 1; fi
}

# docs: every ```treaty block in docs/ and the README must check, laid out as fmt lays it out
suite docs tests/docs/check-examples.sh "$build/treaty"

# fmt: the formatter over every .treaty file of examples/ and tests/ (idempotent,
# white space only, the same answers)
suite fmt tests/fmt/check-fmt.sh "$build/treaty"

# transcripts: every "$ treaty ..." example in docs/ and the README, with its output
py_suite transcripts tests/docs/check-transcripts.py

# lsp: a client speaks the Language Server Protocol to `treaty lsp` and checks every reply
py_suite lsp tests/lsp/client.py

# editors: the VS Code and Vim files know every keyword of the scanner, and
# highlight a sample as meant (vim's own check is skipped without vim)
py_suite editors tests/editors/check-editors.py

# atop: the ATOP world is what the importer writes (each file byte for byte),
# and every unconditional defence obligation of an independent count over
# the CSV files (every COW state, every year 1816-2016, July 1st) is Treaty's
if command -v python3 >/dev/null 2>&1; then
    gen=$(mktemp -d)
    p=0 f=0
    if python3 scripts/atop_import.py data "$gen" >"$out" 2>&1; then
        for file in examples/atop/states.treaty examples/atop/alliances.treaty; do
            if cmp -s "$file" "$gen/$(basename "$file")"; then p=$((p + 1))
            else echo "atop: $file differs from what scripts/atop_import.py writes (run make atop)"; f=$((f + 1)); fi
        done
    else
        cat "$out"; f=$((f + 1))
    fi
    if python3 tests/atop/defence_check.py data "$gen/defence.treaty" "$root/examples/atop/alliances.treaty" >"$out" 2>&1 &&
       "$build/treaty" test "$gen/defence.treaty" >"$out" 2>&1; then
        set -- $(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$out")
        p=$((p + ${1:-0})); f=$((f + ${2:-0}))
    else
        grep -v '^[0-9]* passed, [0-9]* failed$' "$out" | head -20
        set -- $(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$out")
        p=$((p + ${1:-0})); f=$((f + ${2:-1}))
    fi
    # the export's unconditional defence on July 1st, against the same count
    if "$build/treaty" export dyad-years --on 07-01 examples/atop/alliances.treaty >"$gen/dyads.csv" 2>"$out" &&
       python3 tests/atop/defence_check.py data "$gen/defence.treaty" "$root/examples/atop/alliances.treaty" \
           "$gen/dyads.csv" >"$out" 2>&1; then
        p=$((p + 1))
    else
        cat "$out"; f=$((f + 1))
    fi
    # batch answers without reasons (texts never built) are the answers with
    # all reasons, for every COW state and year
    sed -n 's/^state \([A-Z][A-Z0-9]*\) .*/\1/p' examples/atop/states.treaty |
        awk '{ s[NR] = $1 } END { for (y = 1816; y <= 2016; y++) for (i = 1; i <= NR; i++)
               printf "who must defend %s at %d-07-01\n", s[i], y }' >"$gen/queries.txt"
    if "$build/treaty" query examples/atop/alliances.treaty -f "$gen/queries.txt" --format tsv --reasons none \
           >"$gen/none.tsv" 2>"$out" &&
       "$build/treaty" query examples/atop/alliances.treaty -f "$gen/queries.txt" --format tsv --reasons all \
           >"$gen/all.tsv" 2>>"$out" &&
       cut -f1-3 "$gen/all.tsv" | cmp -s - "$gen/none.tsv" &&
       [ "$(wc -l <"$gen/none.tsv")" -eq "$(wc -l <"$gen/queries.txt")" ] && [ -s "$gen/queries.txt" ]; then
        p=$((p + 1))
    else
        echo "atop: the answers of query -f --reasons none differ from those of --reasons all"; cat "$out"; f=$((f + 1))
    fi
    rm -rf "$gen"
    count atop $p $f
else
    echo "atop: python3 is missing (scripts/install-deps.sh --for-tests installs it)"
    count atop 0 1
fi

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
