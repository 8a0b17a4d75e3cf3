/* batch.h — many queries, one answer line each (`treaty query -f`).
 *
 * Each line is parsed, answered and printed, then its memory is freed, so
 * memory stays flat however many lines there are.  Without reasons to
 * print, answers are asked tersely (Ctx.terse): no reason text is built. */
#ifndef TREATY_BATCH_H
#define TREATY_BATCH_H

#include "output.h"
#include "parse.h"
#include "treaty.h"
#include <stdio.h>

enum { BATCH_MAX_LINE = 65536 };

typedef enum { BATCH_TEXT, BATCH_TSV, BATCH_JSONL } BatchFormat;
typedef enum { REASONS_ALL, REASONS_DECISIVE, REASONS_NONE } ReasonsWanted;

typedef struct BatchOptions {
    BatchFormat format;
    ReasonsWanted reasons;
    Date date;                 /* the date of a query without `at` */
    EvalLimits limits;
    FILE *out;                 /* the rows (BATCH_TSV, BATCH_JSONL) */
    Output *text;              /* BATCH_TEXT: answers as `query -e` prints them */
    FILE *diag_to;             /* where each line's diagnostics go (NULL: kept) */
    Arena *scratch;            /* emptied after each line, its block kept (NULL: one arena per line) */
    KeptScanner *scanner;      /* reads every line (NULL: one scanner per line) */
    ReasonTexts *texts;        /* obligations' texts kept across lines (NULL: made for each answer) */
    int diag_color, max_errors;
} BatchOptions;

/* Answers line number `lineno` of the queries (from `name`): one row, or an
 * `error` row.  Blank lines and comments give none.  The line's errors are
 * added to d->errors.  Returns 0, or 1 when some query of the line could
 * not be answered. */
int batch_line(World *w, const BatchOptions *bo, const char *name, long lineno, char *line, size_t len, Diag *d);

#endif
