/* source.h — the text of one input file and positions in it. */
#ifndef TREATY_SOURCE_H
#define TREATY_SOURCE_H
#include <stddef.h>
#include <stdint.h>
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

/* A span in a source: the offsets of its first and last byte in src->text
 * (a span of nothing has end == off, as one of a byte).  Lines and byte
 * columns, from 1, are worked out when asked for: a large world holds
 * millions of spans, and shows few.  A Loc with no src is nowhere: its line
 * and column are 0. */
typedef struct Loc {
    const Source *src;
    uint32_t off, end;
} Loc;

Source     *source_new(Arena *a, const char *path, const char *text, size_t len);
/* As source_new(), but the path and text are not copied: they must outlive
 * the Source (a batch line, parsed and answered before the next is read). */
Source     *source_view(Arena *a, const char *path, const char *text, size_t len);
/* The length (1 to 4) of the well-formed UTF-8 character at s, given that
 * `avail` bytes are readable there; 0 if the bytes are not one (a stray or
 * missing continuation byte, an overlong form, a surrogate, past U+10FFFF). */
int         utf8_char_len(const unsigned char *s, size_t avail);
/* The line (from 1) that holds byte `off` of s, and its column (from 1). */
int         source_line_of(const Source *s, size_t off);
static inline int source_col_of(const Source *s, size_t off, int line)
{
    return (int)(off - (size_t)s->line_starts[line - 1]) + 1;
}
/* The offset of a line and column (from 1) of s, within the text. */
size_t      source_offset(const Source *s, int line, int col);
/* Where a span starts and ends, as lines and columns (0 for nowhere). */
static inline int loc_line(Loc l) { return l.src ? source_line_of(l.src, l.off) : 0; }
static inline int loc_end_line(Loc l) { return l.src ? source_line_of(l.src, l.end) : 0; }
static inline int loc_col(Loc l) { return l.src ? source_col_of(l.src, l.off, source_line_of(l.src, l.off)) : 0; }
static inline int loc_end_col(Loc l) { return l.src ? source_col_of(l.src, l.end, source_line_of(l.src, l.end)) : 0; }
/* The line as shown: the REPL numbers its input across entries (line_base). */
static inline int loc_shown_line(Loc l) { return l.src ? loc_line(l) + l.src->line_base : 0; }
/* The text of line `line` (1-based) without its newline; *n gets its length. */
const char *source_line(const Source *s, int line, int *n);
#endif
