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


const char *loc_text(Arena *a, Loc loc)
{
    if (!loc.src || loc.off > loc.src->len || loc.end > loc.src->len || loc.end < loc.off) return "";
    size_t from = loc.off, to = loc.end;
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
    if (b.src == a.src && b.end > a.end) r.end = b.end;
    return r;
}
