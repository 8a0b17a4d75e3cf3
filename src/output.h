/* output.h — printing results for people (text) or programs (JSON).
 *
 * The commands call these in order (scenario_begin, result..., expect...,
 * scenario_end, summary, finish); the text form prints as it goes, the JSON
 * form builds one document and prints it in output_finish(). */
#ifndef TREATY_OUTPUT_H
#define TREATY_OUTPUT_H
#include <stdio.h>
#include "result.h"

typedef enum { FMT_TEXT, FMT_JSON } Format;
typedef struct Output Output;

Output *output_new(Format fmt, FILE *f, int color, const char *command);
void    output_free(Output *o);
void    output_scenario_begin(Output *o, const World *w, const Scenario *s);
void    output_scenario_end(Output *o);
void    output_at(Output *o, Date d);
void    output_supposition(Output *o, const World *w, const Supposition *s);
void    output_result(Output *o, const World *w, const Result *r);
/* The table of `power in ORG`: members by power, then the first minimal
 * winning and blocking coalitions. */
void    output_power(Output *o, const World *w, const PowerTable *pt);
void    output_expect(Output *o, const World *w, const ScenItem *it, const Result *r, int passed,
                      const char *message);
void    output_diagnostics(Output *o, const Diag *d);
void    output_summary(Output *o, int passed, int failed);
/* Writes what is pending and flushes; -1 when the output could not be written. */
int     output_finish(Output *o);
int     output_verbose(Output *o, int v);   /* text: also print passing expectations */

/* JSON builders (output_json.c), used by output.c and the REPL. */
/* A JSON string of any bytes: a byte that is not part of well-formed UTF-8
 * becomes U+FFFD, so that a key is never lost to a file name or a comment in
 * another encoding (jansson refuses such strings). */
void *json_text(const char *s);
void *json_result(const World *w, const Result *r);
void json_set_loc(void *obj, Loc loc);   /* adds file, line, column */
void *json_diagnostic(const Diagnostic *d);
#endif
