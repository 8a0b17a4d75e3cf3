/* source.h — the text of one input file and positions in it. */
#ifndef TREATY_SOURCE_H
#define TREATY_SOURCE_H
#include <stddef.h>
#include "arena.h"

typedef struct Source {
    const char *path;        /* as the user named it (or "<query>", "<stdin>") */
    const char *text;        /* NUL-terminated copy; may contain NULs before len */
    size_t len;
    int *line_starts;        /* byte offset of each line start; built on demand */
    int nlines;
    int line_base;           /* added to line numbers when shown (REPL input) */
    int query_index;         /* `query -e`: which -e gave the text, from 1 (0: not a query option) */
} Source;

/* A span in a source: 1-based line and byte column of the first and last byte. */
typedef struct Loc {
    const Source *src;
    int line, col, end_line, end_col;
} Loc;

Source     *source_new(Arena *a, const char *path, const char *text, size_t len);
/* As source_new(), but the path and text are not copied: they must outlive
 * the Source (a batch line, parsed and answered before the next is read). */
Source     *source_view(Arena *a, const char *path, const char *text, size_t len);
/* The length (1 to 4) of the well-formed UTF-8 character at s, given that
 * `avail` bytes are readable there; 0 if the bytes are not one (a stray or
 * missing continuation byte, an overlong form, a surrogate, past U+10FFFF). */
int         utf8_char_len(const unsigned char *s, size_t avail);
/* The text of line `line` (1-based) without its newline; *n gets its length. */
const char *source_line(const Source *s, int line, int *n);
#endif
