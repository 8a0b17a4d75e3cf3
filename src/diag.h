/* diag.h — the one path for every error, warning and note.
 *
 * Diagnostics are kept in order (for JSON output and tests) and, when a
 * stream is set, printed as they arrive in the compilers' format:
 *     file:line:col: error: message
 *         source line
 *         ^~~~~
 * After `max_errors` errors the sink reports "too many errors" once and sets
 * `stopped`; the parser checks it to give up early. */
#ifndef TREATY_DIAG_H
#define TREATY_DIAG_H
#include <stdio.h>
#include "source.h"

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } DiagLevel;

typedef struct Diagnostic {
    DiagLevel level;
    Loc loc;
    char *msg;                 /* malloc-owned */
} Diagnostic;

typedef struct Diag {
    FILE *out;                 /* print as they come; NULL: only collect */
    int color;
    int max_errors;
    int errors, warnings;
    int stopped;
    Diagnostic *items;
    int n, cap;
} Diag;

enum { DIAG_DEFAULT_MAX_ERRORS = 20 };

void diag_init(Diag *d, FILE *out, int color);
void diag_free(Diag *d);
/* Drops the kept diagnostics but keeps the counts (for one file at a time). */
void diag_clear(Diag *d);
void diag_error(Diag *d, Loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_warning(Diag *d, Loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_note(Diag *d, Loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_print_one(FILE *f, const Diagnostic *dg, int color);
const char *diag_level_name(DiagLevel l);

/* Levenshtein-closest candidate within a distance that makes sense for the
 * name's length, or NULL. Used for "did you mean" hints. */
const char *suggest_closest(const char *name, const char *const *cands, int n);

/* The same search one candidate at a time, for callers that pick which
 * candidates to look at (model.c looks only at names of a near length).
 * Ties go to the candidate with the smaller rank, so the answer does not
 * depend on the order of the calls. */
typedef struct Suggest {
    const char *name;
    int len, limit;            /* candidates further than `limit` edits are ignored */
    const char *best;
    int best_d;
    unsigned long best_rank;
} Suggest;
enum { SUGGEST_MAX_LEN = 64 };     /* longer names are never compared */
void suggest_begin(Suggest *s, const char *name);
void suggest_try(Suggest *s, const char *cand, unsigned long rank);
#endif
