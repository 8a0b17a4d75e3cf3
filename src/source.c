/* source.c — source texts and their line tables. */
#include "source.h"
#include <string.h>

Source *source_new(Arena *a, const char *path, const char *text, size_t len)
{
    Source *s = arena_alloc(a, sizeof *s);
    s->path = arena_strdup(a, path);
    s->text = arena_strndup(a, text, len);
    s->len = len;
    int lines = 1;
    for (size_t i = 0; i < len; i++) if (text[i] == '\n') lines++;
    s->line_starts = arena_alloc(a, (size_t)lines * sizeof *s->line_starts);
    s->nlines = 0;
    s->line_starts[s->nlines++] = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n' && s->nlines < lines) s->line_starts[s->nlines++] = (int)(i + 1);
    return s;
}

const char *source_line(const Source *s, int line, int *n)
{
    if (!s || line < 1 || line > s->nlines) { *n = 0; return ""; }
    int start = s->line_starts[line - 1];
    int end = line < s->nlines ? s->line_starts[line] - 1 : (int)s->len;
    if (end > start && s->text[end - 1] == '\r') end--;   /* CRLF files */
    *n = end - start;
    return s->text + start;
}
