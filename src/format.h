/* format.h — the canonical layout of a Treaty source (treaty fmt).
 *
 * The formatter works on the scanner's tokens, not on the syntax tree: it
 * lays out the same tokens in the same order, with the comments where they
 * were, so that formatting cannot change what a file means.  It only
 * decides the white space between tokens:
 *   - a block's statements one per line, indented two spaces a level; a
 *     block the author wrote on one line with one statement at most stays on
 *     that line (state USA "United States" { measure ccode 2; });
 *   - one space between tokens, none before ; , ) . : % nor inside ( ) and
 *     set braces {A, B}, none between a function and its '(' nor after a
 *     unary minus;
 *   - a line break the author made inside a statement is kept; the next
 *     line goes two spaces deeper than the statement, or under the first
 *     item after a bracket still open on an earlier line;
 *   - blank lines: at most one in a row, none at the start of a block or of
 *     the file, none before a block's '}';
 *   - a comment on a line of its own takes the indentation of the code
 *     around it; a comment after code keeps its distance to the code (at
 *     least one space), so that columns of comments stay aligned;
 *   - the text ends with one newline; lines have no trailing blanks.
 * See docs/cli.md, "treaty fmt". */
#ifndef TREATY_FORMAT_H
#define TREATY_FORMAT_H
#include <stdbool.h>
#include <stdio.h>
#include "arena.h"
#include "diag.h"

/* A formatted text: malloc-owned, NUL-terminated, `len` bytes. */
typedef struct FormatBuf { char *text; size_t len, cap; } FormatBuf;

/* Formats text[0..len) (named `name` in diagnostics) into *out, which it
 * empties first.  The text is parsed first: on a syntax error the errors go
 * to diag and it returns false, leaving *out empty.  The Source the
 * diagnostics point into lives in `arena`, which must outlive them.  It also
 * returns false, with an error, in the one case that should never happen:
 * when the result would not scan to the same tokens. */
bool format_text(Arena *arena, const char *name, const char *text, size_t len, FormatBuf *out, Diag *diag);
void format_buf_free(FormatBuf *b);

/* Writes a unified diff (three lines of context) that turns old into new,
 * with `name` in its headers; nothing when they are equal.  Returns -1 when
 * a write failed. */
int format_diff(FILE *f, const char *name, const char *old_text, size_t old_len, const char *new_text,
                size_t new_len);

/* Replaces the file at path (a symbolic link: the file it leads to) with
 * text[0..len), through a new file in its directory, with its permissions,
 * renamed over it: the file is never truncated.  NULL on success, else why
 * not (in arena); the file is then as it was. */
const char *format_replace_file(Arena *a, const char *path, const char *text, size_t len);
#endif
