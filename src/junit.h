/* junit.h — test results as a JUnit XML report (treaty test --format junit).
 *
 * The report is gathered while the scenarios run and written at the end,
 * because a <testsuite> carries its counts as attributes, ahead of its
 * cases: one suite per file, one case per scenario (docs/testing.md). */
#ifndef TREATY_JUNIT_H
#define TREATY_JUNIT_H
#include <stdio.h>
#include "arena.h"

typedef struct JunitCase {
    const char *name;          /* the scenario's title */
    const char *file;
    int line;
    double seconds;
    int tests, failures, errors;   /* expectations: all, failed, not evaluated */
    const char *skipped;       /* why it did not run (NULL: it ran) */
    const char *first;         /* the first failure in one line (NULL: none) */
    /* every failure, as `treaty test` prints them: pieces written one
     * after another (a case gathers them one failure at a time, and one
     * text grown by copying would cost the square of its failures) */
    VEC(const char *) details;
} JunitCase;

typedef struct JunitSuite {
    const char *name;          /* the file */
    VEC(JunitCase) cases;
    const char *load_error;    /* the file did not load (NULL: it did) */
} JunitSuite;

typedef struct JunitReport {
    Arena arena;               /* owns everything below */
    VEC(JunitSuite) suites;
} JunitReport;

void junit_init(JunitReport *r);
void junit_free(JunitReport *r);
/* Text as XML character data (attribute 0) or an attribute value in double
 * quotes (attribute 1): markup characters become references, a byte that
 * is not well-formed UTF-8 and a character XML 1.0 does not allow (control
 * characters, U+FFFE, U+FFFF) become U+FFFD, so the report always parses.
 * In an attribute, tab, newline and carriage return are written as
 * references, which keeps them through attribute-value normalisation. */
const char *xml_escape(Arena *a, const char *s, int attribute);
/* Writes the report; -1 when a write failed. */
int junit_write(const JunitReport *r, FILE *f);
#endif
