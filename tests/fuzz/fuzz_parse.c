/* fuzz_parse.c — libFuzzer target: the scanner and the grammar alone, on
 * any bytes, in file mode, query mode and REPL mode. */
#include <stddef.h>
#include <stdint.h>
#include "treaty.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const ParseMode modes[] = { PARSE_FILE, PARSE_QUERY, PARSE_REPL };
    for (int m = 0; m < 3; m++) {
        Arena a;
        arena_init(&a);
        Interner names;
        intern_init(&names, &a);
        Diag d;
        diag_init(&d, NULL, 0);
        Source *src = source_new(&a, "fuzz.treaty", (const char *)data, size);
        parse_source(src, modes[m], &a, &names, &d);
        diag_free(&d);
        intern_free(&names);
        arena_free(&a);
    }
    return 0;
}
