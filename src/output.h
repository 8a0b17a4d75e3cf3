/* output.h — printing results for people (text) or programs (JSON).
 *
 * The commands call these in order (scenario_begin, result..., expect...,
 * scenario_end, summary, finish); the text form prints as it goes, the JSON
 * form builds one document and prints it in output_finish(). */
#ifndef TREATY_OUTPUT_H
#define TREATY_OUTPUT_H
#include <stdio.h>
#include "result.h"
#include "coverage.h"

typedef enum { FMT_TEXT, FMT_JSON, FMT_JUNIT } Format;
typedef struct Output Output;

/* How one expectation came out (scenario.c checks, the outputs print). */
typedef enum {
    XF_NONE,                   /* it held */
    XF_ERROR,                  /* the query could not be evaluated */
    XF_ANSWER,                 /* another verdict or value (or not a set at all) */
    XF_SET,                    /* another set: see missing, unexpected */
    XF_CONDITIONAL,            /* the set, but other conditional parties: see missing, unexpected */
    XF_BECAUSE                 /* the answer, but not for the reason given */
} ExpectFailure;
typedef struct ExpectCheck {
    ExpectFailure failure;
    const char *message;       /* one line saying what differs; NULL when it held */
    const char *expected;      /* the answer expected, in a few words: "yes", "{A, B}", "2 within 0.5" */
    const char *because;       /* the reason expected, in the words of `because` (NULL: none) */
    EntList missing, unexpected;   /* XF_SET, XF_CONDITIONAL: each sorted by name */
} ExpectCheck;

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
void    output_expect(Output *o, const World *w, const ScenItem *it, const Result *r, const ExpectCheck *ck);
void    output_diagnostics(Output *o, const Diag *d);
/* The last line: expectations passed and failed; with --run (filtered >= 0),
 * how many of the scenarios it left out. */
void    output_summary(Output *o, int passed, int failed, int filtered, int scenarios);
/* treaty test: each file is a suite of its own in the JUnit report. */
void    output_file_begin(Output *o, const char *path);
void    output_file_unloaded(Output *o);
/* A scenario that --run left out (the JUnit report lists it as skipped). */
void    output_scenario_skipped(Output *o, const Scenario *s);
/* treaty test --coverage: the clauses touched per file and those never
 * touched (after coverage_report()). */
void    output_coverage(Output *o, const Coverage *cv);
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
/* Adds to an expectation's object what was expected, what was answered and,
 * when it failed, what differs, as structure (docs/json.md). */
void json_expectation(void *obj, const World *w, const ScenItem *it, const Result *r, const ExpectCheck *ck);
void *json_diagnostic(const Diagnostic *d);
#endif
