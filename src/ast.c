/* ast.c — small helpers for syntax-tree nodes. */
#include "ast.h"
#include <string.h>

const char *role_name(Role r)
{
    switch (r) {
    case ROLE_MEMBER: return "member";
    case ROLE_OBSERVER: return "observer";
    case ROLE_PARTNER: return "partner";
    default: return "none";
    }
}

const char *role_article(Role r)
{
    return r == ROLE_MEMBER ? "a member" : r == ROLE_OBSERVER ? "an observer" : r == ROLE_PARTNER ? "a partner" : "nothing";
}

Expr *expr_new(Arena *a, ExprKind k, Loc loc)
{
    Expr *e = arena_alloc(a, sizeof *e);
    e->kind = k;
    e->loc = loc;
    return e;
}

static int offset_of(const Source *s, int line, int col)
{
    if (!s || line < 1 || line > s->nlines) return -1;
    long off = (long)s->line_starts[line - 1] + col - 1;
    return off < 0 || (size_t)off > s->len ? -1 : (int)off;
}

const char *loc_text(Arena *a, Loc loc)
{
    int from = offset_of(loc.src, loc.line, loc.col);
    int to = offset_of(loc.src, loc.end_line, loc.end_col);
    if (from < 0 || to < from) return "";
    size_t n = (size_t)(to - from + 1);
    if ((size_t)from + n > loc.src->len) n = loc.src->len - (size_t)from;
    /* fold runs of white space so multi-line text reads as one line: the
     * runs between white space are copied whole */
    const char *t = loc.src->text + from;
    char *out = arena_alloc(a, n + 1);
    size_t j = 0;
    for (size_t i = 0; i < n;) {
        size_t run = i;
        while (run < n && (unsigned char)t[run] > ' ') run++;
        if (run == i && t[i] != '\n' && t[i] != '\r' && t[i] != '\t' && t[i] != ' ') run++;  /* another control byte */
        if (run > i) {
            memcpy(out + j, t + i, run - i);
            j += run - i;
            i = run;
            continue;
        }
        while (i < n && (t[i] == '\n' || t[i] == '\r' || t[i] == '\t' || t[i] == ' ')) i++;
        if (j && i < n) out[j++] = ' ';
    }
    out[j] = '\0';
    return out;
}

Loc loc_join(Loc a, Loc b)
{
    Loc r = a;
    if (b.src == a.src && (b.end_line > a.end_line || (b.end_line == a.end_line && b.end_col > a.end_col))) {
        r.end_line = b.end_line;
        r.end_col = b.end_col;
    }
    return r;
}
