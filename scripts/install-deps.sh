#!/bin/sh
# Installs the build dependencies of Treaty from Debian's packages, once.
# Called by `make` targets before they build; does nothing when all are present.
#   scripts/install-deps.sh              what building and running needs
#   scripts/install-deps.sh --for-tests  also what the test suites need
# Root: runs apt-get. With sudo available: runs it through sudo.
# Otherwise: prints the exact command and stops with status 1.
set -eu

missing=""
need() { # need PACKAGE TEST-COMMAND...
    pkg=$1; shift
    if ! "$@" >/dev/null 2>&1; then missing="$missing $pkg"; fi
}
has_header() { [ -f "/usr/include/$1" ] || [ -f "/usr/include/x86_64-linux-gnu/$1" ] || \
               ls /usr/include/*/"$1" >/dev/null 2>&1; }

need flex           command -v flex
need bison          command -v bison
need pkg-config     command -v pkg-config
need libcmocka-dev  has_header cmocka.h
need libjansson-dev has_header jansson.h
need libedit-dev    has_header histedit.h
# The test suites also need clang with its sanitizer runtime (ASan, UBSan).
asan_works() {   # sanitizers and libFuzzer, as the fuzz targets use them
    printf '#include <stddef.h>\nint LLVMFuzzerTestOneInput(const char *d, size_t n);\nint LLVMFuzzerTestOneInput(const char *d, size_t n){(void)d;(void)n;return 0;}\n' \
        > "${TMPDIR:-/tmp}/treaty-asan-probe.c" &&
    clang -fsanitize=fuzzer,address,undefined "${TMPDIR:-/tmp}/treaty-asan-probe.c" \
        -o "${TMPDIR:-/tmp}/treaty-asan-probe" 2>/dev/null
    ok=$?
    rm -f "${TMPDIR:-/tmp}/treaty-asan-probe" "${TMPDIR:-/tmp}/treaty-asan-probe.c"
    return $ok
}
if [ "${1:-}" = "--for-tests" ]; then
    need valgrind command -v valgrind
    need python3 command -v python3
    need graphviz command -v dot
    need clang command -v clang
    if command -v clang >/dev/null 2>&1; then need libclang-rt-dev asan_works; else missing="$missing libclang-rt-dev"; fi
fi

[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" = 0 ]; then
    echo "install-deps: installing$missing" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $cmd >&2
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "install-deps: installing$missing (sudo)" >&2
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    sudo DEBIAN_FRONTEND=noninteractive $cmd >&2
else
    echo "install-deps: missing packages:$missing" >&2
    echo "install-deps: run as root:  apt-get update && $cmd" >&2
    exit 1
fi
