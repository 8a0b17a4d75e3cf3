/* fuzz_repl.c — libFuzzer target: REPL input lines against the seed world.
 * The input is split into lines and gathered into statements exactly as
 * `treaty repl` does; each complete chunk goes to the session. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "repl.h"
#include "session.h"

static FILE *sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!sink) sink = fopen("/dev/null", "w");
    Session *s = session_new(sink, sink, 0);
    static const char *const seed[] = { "examples/seed/scenarios.treaty" };
    if (getenv("TREATY_FUZZ_SEED")) session_load(s, seed, 1);
    char *buf = malloc(size + 1);
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= size; i++) {
        if (i < size && data[i] != '\n') continue;
        memcpy(buf + n, data + start, i - start);
        n += i - start;
        buf[n++] = '\n';
        start = i + 1;
        if (repl_input_complete(buf, n) || i == size) {
            session_exec(s, buf, n, "<fuzz>", 0);
            n = 0;
        }
    }
    free(buf);
    session_free(s);
    return 0;
}
