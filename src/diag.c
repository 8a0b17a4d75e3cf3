/* diag.c — formatting and collecting diagnostics. */
#include "diag.h"
#include "arena.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_init(Diag *d, FILE *out, int color)
{
    memset(d, 0, sizeof *d);
    d->out = out;
    d->color = color;
    d->max_errors = DIAG_DEFAULT_MAX_ERRORS;
}

void diag_free(Diag *d)
{
    for (int i = 0; i < d->n; i++) free(d->items[i].msg);
    free(d->items);
    d->items = NULL;
    d->n = d->cap = 0;
}

void diag_clear(Diag *d)
{
    for (int i = 0; i < d->n; i++) free(d->items[i].msg);
    d->n = 0;
}

const char *diag_level_name(DiagLevel l)
{
    return l == DIAG_ERROR ? "error" : l == DIAG_WARNING ? "warning" : "note";
}

enum { SHOW_BEFORE = 60, SHOW_WIDTH = 120 };

/* Prints the source line around the span and a caret run under it.  Long
 * lines are cut to a window around the span; control characters and bytes
 * that are not UTF-8 are shown as '?', so one bad byte cannot garble the
 * terminal, and every shown character takes one column. */
static void print_excerpt(FILE *f, const Diagnostic *dg, int color)
{
    int n, at = loc_line(dg->loc);
    const char *line = source_line(dg->loc.src, at, &n);
    int start = loc_col(dg->loc) - 1;
    if (start > n) start = n;
    if (start < 0) start = 0;
    int end = loc_end_line(dg->loc) == at ? loc_end_col(dg->loc) : n;   /* exclusive */
    if (end > n) end = n;
    if (end <= start) end = start + 1;
    int from = start > SHOW_BEFORE ? start - SHOW_BEFORE : 0;
    while (from > 0 && ((unsigned char)line[from] & 0xC0) == 0x80) from--;
    fprintf(f, "%5d | %s", at + dg->loc.src->line_base, from ? "..." : "");
    int col = from ? 3 : 0, caret_at = -1, caret_w = 0, shown = 0, i = from;
    while (i < n && shown < SHOW_WIDTH) {
        const unsigned char *c = (const unsigned char *)line + i;
        int k = utf8_char_len(c, (size_t)(n - i));
        if (i == start) caret_at = col;
        if (i >= start && i < end) caret_w++;
        if (k == 0 || (k == 1 && (c[0] < 0x20 || c[0] == 0x7f))) { fputc(c[0] == '\t' ? ' ' : '?', f); k = k ? k : 1; }
        else fwrite(c, 1, (size_t)k, f);
        i += k;
        col++;
        shown++;
    }
    if (i < n) fputs("...", f);
    if (caret_at < 0) caret_at = col;
    if (caret_w < 1) caret_w = 1;
    fputs("\n      | ", f);
    for (int j = 0; j < caret_at; j++) fputc(' ', f);
    if (color) fputs("\033[1;32m", f);
    fputc('^', f);
    for (int j = 1; j < caret_w; j++) fputc('~', f);
    fprintf(f, "%s\n", color ? "\033[0m" : "");
}

void diag_print_one(FILE *f, const Diagnostic *dg, int color)
{
    const char *lvl_color = dg->level == DIAG_ERROR ? "\033[1;31m"
                          : dg->level == DIAG_WARNING ? "\033[1;35m" : "\033[1;36m";
    const char *bold = color ? "\033[1m" : "", *reset = color ? "\033[0m" : "";
    if (dg->loc.src)
        fprintf(f, "%s%s:%d:%d:%s ", bold, dg->loc.src->path, loc_shown_line(dg->loc), loc_col(dg->loc), reset);
    else
        fprintf(f, "%streaty:%s ", bold, reset);
    fprintf(f, "%s%s:%s %s\n", color ? lvl_color : "", diag_level_name(dg->level), reset, dg->msg);
    if (dg->loc.src && dg->loc.off <= dg->loc.src->len) print_excerpt(f, dg, color);
}

/* Room for one more item; the list is unchanged if memory runs out. */
static void make_room(Diag *d)
{
    if (d->n < d->cap) return;
    int cap = d->cap ? 2 * d->cap : 16;
    d->items = xrealloc(d->items, (size_t)cap * sizeof *d->items);
    d->cap = cap;
}

static void add(Diag *d, DiagLevel level, Loc loc, const char *fmt, va_list ap)
{
    if (d->stopped) return;
    if (level == DIAG_ERROR && d->errors >= d->max_errors) {
        d->stopped = 1;
        Loc none = {0};
        Diagnostic dg = { DIAG_ERROR, none, NULL };
        char buf[96];
        snprintf(buf, sizeof buf, "too many errors (limit is %d); stopping", d->max_errors);
        make_room(d);
        dg.msg = strcpy(xmalloc(strlen(buf) + 1), buf);
        d->items[d->n++] = dg;
        if (d->out) diag_print_one(d->out, &dg, d->color);
        return;
    }
    va_list ap2;
    va_copy(ap2, ap);
    int len = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (len < 0) len = 0;
    make_room(d);
    Diagnostic dg = { level, loc, xmalloc((size_t)len + 1) };
    vsnprintf(dg.msg, (size_t)len + 1, fmt, ap);
    d->items[d->n++] = dg;
    if (level == DIAG_ERROR) d->errors++;
    if (level == DIAG_WARNING) d->warnings++;
    if (d->out) diag_print_one(d->out, &dg, d->color);
}

#define DEFINE_LEVEL(fn, lvl)                                         \
    void fn(Diag *d, Loc loc, const char *fmt, ...)                   \
    {                                                                 \
        va_list ap;                                                   \
        va_start(ap, fmt);                                            \
        add(d, lvl, loc, fmt, ap);                                    \
        va_end(ap);                                                   \
    }
DEFINE_LEVEL(diag_error, DIAG_ERROR)
DEFINE_LEVEL(diag_warning, DIAG_WARNING)
DEFINE_LEVEL(diag_note, DIAG_NOTE)

/* Case-blind Levenshtein distance, or limit + 1 as soon as it must exceed
 * the limit (a row whose every cell is past it cannot come back). */
static int edit_distance(const char *a, int la, const char *b, int limit)
{
    int lb = (int)strlen(b);
    if (abs(la - lb) > limit || la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN) return limit + 1;
    int prev[SUGGEST_MAX_LEN + 1], cur[SUGGEST_MAX_LEN + 1];
    for (int j = 0; j <= lb; j++) prev[j] = j;
    for (int i = 1; i <= la; i++) {
        cur[0] = i;
        int row_min = cur[0];
        for (int j = 1; j <= lb; j++) {
            int ca = a[i - 1], cb = b[j - 1];
            if (ca >= 'A' && ca <= 'Z') ca += 32;     /* case slips count as close */
            if (cb >= 'A' && cb <= 'Z') cb += 32;
            int cost = ca == cb ? 0 : 1;
            int v = prev[j - 1] + cost;
            if (prev[j] + 1 < v) v = prev[j] + 1;
            if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
            cur[j] = v;
            if (v < row_min) row_min = v;
        }
        if (row_min > limit) return limit + 1;
        memcpy(prev, cur, sizeof(int) * (size_t)(lb + 1));
    }
    return prev[lb];
}

void suggest_begin(Suggest *s, const char *name)
{
    s->name = name;
    s->len = (int)strlen(name);
    s->limit = s->len <= 3 ? 1 : s->len <= 6 ? 2 : 3;
    s->best = NULL;
    s->best_d = s->limit + 1;
    s->best_rank = 0;
}

void suggest_try(Suggest *s, const char *cand, unsigned long rank)
{
    if (!cand || strcmp(cand, s->name) == 0) return;
    int dd = edit_distance(s->name, s->len, cand, s->limit);
    if (dd < s->best_d || (dd == s->best_d && s->best && rank < s->best_rank)) {
        s->best_d = dd;
        s->best = cand;
        s->best_rank = rank;
    }
}

const char *suggest_closest(const char *name, const char *const *cands, int n)
{
    Suggest s;
    suggest_begin(&s, name);
    for (int i = 0; i < n; i++) suggest_try(&s, cands[i], (unsigned long)i);
    return s.best;
}
