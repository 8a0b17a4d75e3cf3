#!/bin/sh
# Golden tests: each tests/golden/cases/NAME.cmd holds one command line, run
# from the repository root with `treaty` standing for the binary under test.
# Its standard output and standard error (merged) and exit status must match
# tests/golden/cases/NAME.out exactly; the last line of .out is "exit: N".
#
#   tests/golden/run.sh build/treaty            run all
#   tests/golden/run.sh build/treaty --update   rewrite the .out files (review the diff!)
#   tests/golden/run.sh build/treaty NAME...    run some
set -u
bin=$1; shift
update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
case "$bin" in /*) ;; *) bin="$root/$bin" ;; esac
[ -x "$bin" ] || { echo "golden: no binary at $bin" >&2; exit 2; }

if [ $# -gt 0 ]; then cases=$(for n in "$@"; do echo "tests/golden/cases/$n.cmd"; done)
else cases=$(ls tests/golden/cases/*.cmd); fi

pass=0 fail=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for cmd in $cases; do
    name=$(basename "$cmd" .cmd)
    exp="${cmd%.cmd}.out"
    line=$(cat "$cmd")
    # `treaty` at the start of the line (or after a pipe) is the binary under test
    run=$(printf '%s' "$line" | sed "s#^treaty #\"\$TREATY\" #; s#| treaty #| \"\$TREATY\" #g; s#&& treaty #\&\& \"\$TREATY\" #g")
    # A case that runs make must not inherit the calling make's job server.
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL TREATY="$bin" NO_COLOR=1 TZ=UTC \
        sh -c "$run" >"$tmp" 2>&1
    echo "exit: $?" >>"$tmp"
    if [ $update = 1 ]; then
        cp "$tmp" "$exp"
    elif [ -f "$exp" ] && cmp -s "$tmp" "$exp"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "golden: FAIL $name: $line"
        if [ -f "$exp" ]; then diff -u "$exp" "$tmp" | head -40; else echo "  (no $exp)"; fi
    fi
done
[ $update = 1 ] && { echo "golden: updated"; exit 0; }
echo "golden: $pass passed, $fail failed"
[ $fail = 0 ]
