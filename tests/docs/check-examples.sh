#!/bin/sh
# Checks the examples in the documentation.
#
#   tests/docs/check-examples.sh build/treaty
#
# Every fenced block that opens with ```treaty in docs/*.md and README.md is
# written to a file of its own and given to `treaty check`. A block must exit
# with status 0, or with 1 when the line just before its opening fence is
# `<!-- expect: violations -->`, or with 2 when that line is
# `<!-- expect: error -->`. Fragments that are not whole files use another tag
# (```text) and are not checked.  Every block must also be laid out as
# `treaty fmt` lays it out (`treaty fmt --diff` finds nothing to change),
# unless it is an error block with a syntax error, which fmt cannot read.
#
# Prints one line per failure (followed by what `treaty check` said, with
# locations relative to the block) and ends with `docs: N passed, N failed`.
# Exits 0 when every block behaved as expected, 1 otherwise, 2 on bad usage.
set -u

if [ $# -ne 1 ]; then
    echo "usage: $0 PATH-TO-TREATY-BINARY" >&2
    exit 2
fi
bin=$1
case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac
if [ ! -x "$bin" ]; then
    echo "docs: no executable at $bin" >&2
    exit 2
fi

root=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
cd "$root" || exit 2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/treaty-docs.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# Split the blocks into $tmp/NNNN.treaty; list each one in $tmp/index as
# "NNNN EXPECTED-STATUS SOURCE-FILE LINE".
for md in docs/*.md README.md; do
    [ -f "$md" ] || continue
    printf '%s\n' "$md"
done >"$tmp/sources"

while IFS= read -r md; do
    awk -v md="$md" -v dir="$tmp" '
        # inside: 0 outside any fence, 1 in a treaty block, 2 in another block.
        # A fence closes on a line of backquotes alone (trailing blanks allowed).
        BEGIN {
            n = 0; inside = 0; prev = ""
            # continue numbering after the blocks of earlier files
            if ((getline line < (dir "/count")) > 0) n = line + 0
            close(dir "/count")
        }
        {
            closing = ($0 ~ /^[ \t]*```+[ \t\r]*$/)
            if (inside == 1) {
                if (closing) { inside = 0; close(out) }
                else print $0 > out
            } else if (inside == 2) {
                if (closing) inside = 0
            } else if ($0 ~ /^```treaty[ \t\r]*$/) {
                n++
                id = sprintf("%04d", n)
                out = dir "/" id ".treaty"
                printf "" > out
                want = 0
                p = prev
                sub(/[ \t\r]+$/, "", p)
                if (p == "<!-- expect: violations -->") want = 1
                else if (p == "<!-- expect: error -->") want = 2
                print id, want, md, FNR >> (dir "/index")
                inside = 1
            } else if ($0 ~ /^[ \t]*```/) {
                inside = 2
            }
            prev = $0
        }
        END {
            if (inside == 1) print "docs: " md ": a ```treaty block is not closed" > "/dev/stderr"
            print n > (dir "/count")
        }
' "$md"
done <"$tmp/sources"

pass=0
fail=0
if [ -f "$tmp/index" ]; then
    while read -r id want md line; do
        file="$tmp/$id.treaty"
        "$bin" check --color never "$file" >"$tmp/out" 2>&1 </dev/null
        got=$?
        # and it is laid out as treaty fmt lays it out (a block with a
        # syntax error cannot be formatted: exit 2 is for those)
        "$bin" fmt --diff "$file" >"$tmp/fmt" 2>&1 </dev/null
        formatted=$?
        if [ "$got" -ne "$want" ]; then
            fail=$((fail + 1))
            echo "docs: FAIL $md:$line: expected exit $want, got $got"
            sed -e 's/^/    /' -e "s#$tmp/$id.treaty#block#g" "$tmp/out" | head -n 20
        elif [ "$formatted" -ne 0 ] && ! { [ "$formatted" -eq 2 ] && [ "$want" -eq 2 ]; }; then
            fail=$((fail + 1))
            echo "docs: FAIL $md:$line: the block is not laid out as 'treaty fmt' lays it out:"
            sed -e 's/^/    /' -e "s#$tmp/$id.treaty#block#g" "$tmp/fmt" | head -n 20
        else
            pass=$((pass + 1))
        fi
    done <"$tmp/index"
fi

echo "docs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
