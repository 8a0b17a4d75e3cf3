/* fuzz_format.c — libFuzzer target: treaty fmt on any bytes.  What it
 * formats must format again to itself, and the diff must be writable;
 * anything else is a crash the fuzzer reports. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "format.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Arena a;
    arena_init(&a);
    Diag d;
    diag_init(&d, NULL, 0);
    FormatBuf once = { 0 }, twice = { 0 };
    if (format_text(&a, "fuzz.treaty", (const char *)data, size, &once, &d)) {
        if (!format_text(&a, "fuzz.treaty", once.text, once.len, &twice, &d) || twice.len != once.len ||
            memcmp(twice.text, once.text, once.len) != 0)
            abort();                   /* not idempotent */
        FILE *sink = fopen("/dev/null", "w");
        if (sink) {
            if (format_diff(sink, "fuzz.treaty", (const char *)data, size, once.text, once.len) < 0) abort();
            fclose(sink);
        }
    }
    format_buf_free(&once);
    format_buf_free(&twice);
    diag_free(&d);
    arena_free(&a);
    return 0;
}
