/* fuzz_pipeline.c — libFuzzer target: the whole pipeline on one file:
 * parse, resolve, check, then run every scenario (text and JSON output). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "treaty.h"

static FILE *sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!sink) sink = fopen("/dev/null", "w");
    Diag d;
    diag_init(&d, NULL, 0);
    LoadResult lr = load_world_text("fuzz.treaty", (const char *)data, size, &d);
    if (lr.world) {
        Arena scratch;
        arena_init(&scratch);
        Ctx c;
        memset(&c, 0, sizeof c);
        c.w = lr.world;
        c.diag = &d;
        c.scratch = &scratch;
        c.date = 20160901;
        Query q;
        memset(&q, 0, sizeof q);
        q.kind = Q_CHECK;
        q.text = "check";
        query_run(&c, &q);
        arena_free(&scratch);
        for (int f = 0; f < 2; f++) {
            Output *out = output_new(f ? FMT_JSON : FMT_TEXT, sink, 0, "run");
            RunStats st = { 0, 0, 0 };
            for (int i = 0; i < lr.world->scenarios.n; i++)
                scenario_run(lr.world, &lr.world->scenarios.items[i], out, &d, &st);
            output_summary(out, st.passed, st.failed, -1, 0);   /* no --run */
            output_diagnostics(out, &d);
            output_finish(out);
            output_free(out);
        }
    }
    load_result_free(&lr);
    diag_free(&d);
    return 0;
}
