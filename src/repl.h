/* repl.h — `treaty repl`: the interactive front end of a Session. */
#ifndef TREATY_REPL_H
#define TREATY_REPL_H
#include "date.h"
#include "output.h"

/* Runs the REPL over the files; returns the exit status. Interactive (line
 * editing, history, completion) when standard input is a terminal; plain
 * (no prompts) otherwise, so that `treaty repl < script` can be tested. */
int repl_main(const char *const *files, int nfiles, Format fmt, int color, Date start, EvalLimits limits);

/* 1 when `buf` holds at least one whole statement: braces balanced, and it
 * ends in ';' or '}' outside strings and comments. Exposed for tests. */
int repl_input_complete(const char *buf, size_t len);
#endif
