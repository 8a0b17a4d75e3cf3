/* source.c — source texts and their line tables. */
#include "source.h"
#include <string.h>

Source *source_new(Arena *a, const char *path, const char *text, size_t len)
{
    return source_view(a, arena_strdup(a, path), arena_strndup(a, text, len), len);
}

Source *source_view(Arena *a, const char *path, const char *text, size_t len)
{
    /* memchr() goes through the text many bytes at a time */
    const char *end = text + len;
    int lines = 1;
    for (const char *nl = memchr(text, '\n', len); nl; nl = memchr(nl + 1, '\n', (size_t)(end - nl - 1)))
        lines++;
    /* the Source and its line starts in one allocation (a batch makes one
     * for every line it reads) */
    Source *s = arena_alloc(a, sizeof *s + (size_t)lines * sizeof *s->line_starts);
    s->path = path;
    s->text = text;
    s->len = len;
    s->line_starts = (int *)(s + 1);
    s->nlines = 1;
    s->line_starts[0] = 0;
    for (const char *nl = lines > 1 ? memchr(text, '\n', len) : NULL; nl && s->nlines < lines;
         nl = memchr(nl + 1, '\n', (size_t)(end - nl - 1)))
        s->line_starts[s->nlines++] = (int)(nl - text + 1);
    return s;
}

int utf8_char_len(const unsigned char *s, size_t avail)
{
    if (avail == 0) return 0;
    unsigned c = s[0], min;
    int k;
    if (c < 0x80) return 1;
    if ((c & 0xE0) == 0xC0) { k = 2; min = 0x80; c &= 0x1F; }
    else if ((c & 0xF0) == 0xE0) { k = 3; min = 0x800; c &= 0x0F; }
    else if ((c & 0xF8) == 0xF0) { k = 4; min = 0x10000; c &= 0x07; }
    else return 0;
    if ((size_t)k > avail) return 0;
    for (int j = 1; j < k; j++) {
        if ((s[j] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (s[j] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    return k;
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

int source_line_of(const Source *s, size_t off)
{
    /* the last line that starts at or before off: a binary search */
    int lo = 0, hi = s->nlines - 1;
    while (lo < hi) {
        int mid = lo + (hi - lo + 1) / 2;
        if ((size_t)s->line_starts[mid] <= off) lo = mid;
        else hi = mid - 1;
    }
    return lo + 1;
}

size_t source_offset(const Source *s, int line, int col)
{
    if (line < 1) line = 1;
    if (line > s->nlines) line = s->nlines;
    size_t off = (size_t)s->line_starts[line - 1] + (size_t)(col > 1 ? col - 1 : 0);
    return off > s->len ? s->len : off;
}
