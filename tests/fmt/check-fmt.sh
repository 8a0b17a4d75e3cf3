#!/bin/sh
# Checks treaty fmt over every .treaty file in examples/ and tests/.
#
#   tests/fmt/check-fmt.sh build/treaty
#
# The trees are copied and the copy is formatted in place (fmt -w).  Then:
#   1. formatting is idempotent: fmt --check of the formatted trees lists
#      nothing;
#   2. for each file fmt changed: it parses (a file that does not is left as
#      it was), fmt -w wrote what fmt prints, and only white space changed:
#      both texts are equal with their blanks and line breaks taken out (fmt
#      itself also checks that the tokens and comments are the same, one by
#      one);
#   3. the meaning is the same: `treaty test` and `treaty check` of each
#      formatted file, and `treaty test -v` of the formatted examples and
#      scenarios, say what they say of the originals, line:col aside.
# Ends with `fmt: N passed, N failed`; exits 0 when nothing failed.
set -u

if [ $# -ne 1 ]; then
    echo "usage: $0 PATH-TO-TREATY-BINARY" >&2
    exit 2
fi
bin=$1
case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
cd "$root" || exit 2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/treaty-fmt.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/orig" "$tmp/new"
cp -R examples tests "$tmp/orig/" && cp -R examples tests "$tmp/new/" || exit 2
# fmt -w exits 2 here: some test inputs are wrong on purpose
(cd "$tmp/new" && "$bin" fmt -w examples tests >/dev/null 2>&1)

# What a command says, with positions and source excerpts taken out (a
# formatted line has other columns).
said() { # said DIR COMMAND FILES
    # shellcheck disable=SC2086 # COMMAND and FILES are lists of words
    (cd "$1" && "$bin" $2 --color never --at 2024-06-01 $3 2>&1; echo "exit $?") |
        sed -e 's/:[0-9][0-9]*:[0-9][0-9]*/:L:C/g' -e 's/:[0-9][0-9]*-[0-9][0-9]*/:L:C/g' \
            -e '/^ *[0-9]* | /d' -e '/^ *| /d' -e 's/line [0-9][0-9]*/line N/g'
}

pass=0 fail=0
failed() { fail=$((fail + 1)); echo "fmt: FAIL $*"; }

# 1. idempotent: nothing in the formatted trees would change again
(cd "$tmp/new" && "$bin" fmt --check examples tests 2>/dev/null) >"$tmp/again"
if [ -s "$tmp/again" ]; then failed "formatting these files again changes them:"; sed 's/^/    /' "$tmp/again"
else pass=$((pass + 1)); fi

# 2. and 3., for each file that fmt changed (a file it left alone means what it meant)
find examples tests -name '*.treaty' | sort >"$tmp/files"
while IFS= read -r f; do
    cmp -s "$tmp/orig/$f" "$tmp/new/$f" && { pass=$((pass + 1)); continue; }
    if ! "$bin" fmt "$tmp/orig/$f" >"$tmp/once" 2>/dev/null; then
        failed "$f: does not parse, yet fmt -w changed it"; continue
    fi
    cmp -s "$tmp/once" "$tmp/new/$f" || { failed "$f: fmt -w wrote other text than fmt printed"; continue; }
    if [ "$(tr -d ' \t\r\n\f\v' <"$tmp/orig/$f" | cksum)" = "$(tr -d ' \t\r\n\f\v' <"$tmp/new/$f" | cksum)" ]
    then pass=$((pass + 1)); else failed "$f: more than white space changed"; fi
    for cmd in test check; do
        said "$tmp/orig" $cmd "$f" >"$tmp/a"
        said "$tmp/new" $cmd "$f" >"$tmp/b"
        if cmp -s "$tmp/a" "$tmp/b"; then pass=$((pass + 1))
        else failed "$f: treaty $cmd says something else of the formatted file"; diff "$tmp/a" "$tmp/b" | head -10; fi
    done
done <"$tmp/files"

# 3. again for the worlds as a whole: every expectation, listed one by one
said "$tmp/orig" "test -v" "examples tests/scenarios" >"$tmp/a"
said "$tmp/new" "test -v" "examples tests/scenarios" >"$tmp/b"
if cmp -s "$tmp/a" "$tmp/b" && grep -q ' passed, 0 failed' "$tmp/a"; then pass=$((pass + 1))
else failed "treaty test -v examples tests/scenarios says something else of the formatted files"; diff "$tmp/a" "$tmp/b" | head -10; fi

echo "fmt: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
