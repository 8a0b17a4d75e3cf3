/* repl.h — `treaty repl`: the interactive front end of a Session. */
#ifndef TREATY_REPL_H
#define TREATY_REPL_H
#include "date.h"
#include "output.h"

/* Runs the REPL over the files; returns the exit status. Interactive (line
 * editing, history, completion) when standard input is a terminal; plain
 * (no prompts) otherwise, so that `treaty repl < script` can be tested.
 * When the answers cannot be written (a full disk, a closed pipe), it stops,
 * sets *output_error to the errno of the failure (or -1) and returns 2; the
 * caller says so. */
int repl_main(const char *const *files, int nfiles, Format fmt, int color, Date start, EvalLimits limits,
              int *output_error);

/* 1 when `buf` holds at least one whole statement: braces balanced, and it
 * ends in ';' or '}' outside strings and comments. Exposed for tests. */
int repl_input_complete(const char *buf, size_t len);
#endif
