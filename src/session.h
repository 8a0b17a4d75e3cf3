/* session.h — an interactive what-if session (the engine of `treaty repl`).
 *
 * A session holds the loaded world, the date, and a stack of suppositions.
 * It reads complete inputs (one or more statements) and answers them; it
 * never prompts and never touches the terminal, so it can be driven by tests.
 *
 * All or nothing: a `load` or a declaration that fails leaves the world as
 * it was; a supposition that fails leaves the layers as they were; an error
 * never ends the session. */
#ifndef TREATY_SESSION_H
#define TREATY_SESSION_H
#include <stdio.h>
#include "output.h"

typedef struct Session Session;

Session *session_new(FILE *out, FILE *err, int color);
void     session_free(Session *s);
/* Loads the starting files (all or nothing). 0 on success. */
int      session_load(Session *s, const char *const *paths, int n);
/* Runs one complete input; line_base is its first line's number - 1 in the
 * user's stream (for locations). Returns the number of statements that
 * failed. */
int      session_exec(Session *s, const char *text, size_t len, const char *name, int line_base);
/* Reports an input that is not run, at its first line (shown from `text`). */
void     session_skip(Session *s, const char *text, size_t len, const char *name, int line_base, const char *why);
int      session_layers(const Session *s);
/* 1 once an answer could not be written to the output stream. */
int      session_output_failed(const Session *s);
void     session_set_format(Session *s, Format f);
/* Bounds on each query's evaluation (zeros: the defaults). */
void     session_set_limits(Session *s, EvalLimits lim);
/* A flag that a signal handler sets to stop the evaluation under way (the
 * query then fails with "interrupted"); the caller clears it. */
void     session_set_interrupt(Session *s, const volatile sig_atomic_t *flag);
/* The date of the questions that follow (as `at DATE;`). */
void     session_set_date(Session *s, Date d);
/* Writes the session as a file that `treaty run` replays, in order (see
 * session.c).  Never replaces a file the session loaded, nor (unless
 * `replace`) any existing file; writes a temporary file in the same folder
 * and renames it.  0 on success; else -1 and *why says why (valid until the
 * next save, diff or show). */
int      session_save(Session *s, const char *path, int replace, const char **why);
/* Every name in the world (for completion); the array lives until the next exec. */
const char *const *session_names(Session *s, int *n);

/* Where a statement ends, for gathering lines before they run: braces,
 * strings and comments are followed as the text is fed, a piece at a time,
 * so a long statement is scanned once, not again at each line.  Complete
 * when the braces are balanced and the last significant character outside
 * strings and comments is ';' or '}' (or a '}' closes too much, or a string
 * breaks at the end of its line: the parser then says what is wrong). */
typedef struct StmtScan {
    long depth;                      /* open braces */
    unsigned char in_string, in_comment, escaped, broken;
    char last;                       /* last significant character */
} StmtScan;
void stmt_scan_init(StmtScan *sc);
void stmt_scan_feed(StmtScan *sc, const char *text, size_t len);
int  stmt_scan_complete(const StmtScan *sc);
#endif
