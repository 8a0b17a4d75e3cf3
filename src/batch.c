/* batch.c — `treaty query FILES -f QUERIES`: one answer line per query. */
#include "batch.h"
#include <jansson.h>
#include <string.h>

static int reason_wanted(const BatchOptions *bo, const Reason *rs)
{
    return bo->reasons == REASONS_ALL || (bo->reasons == REASONS_DECISIVE && rs->decisive);
}

static void json_row(const BatchOptions *bo, const World *w, long line, const Result *r)
{
    json_t *full = json_result(w, r), *j = json_object();
    json_object_set_new(j, "line", json_integer(line));        /* the line first, then the answer */
    const char *key;
    json_t *value;
    json_object_foreach(full, key, value) json_object_set(j, key, value);
    json_t *reasons = json_object_get(full, "reasons"), *kept = json_array();
    for (int i = 0; bo->reasons != REASONS_NONE && i < r->reasons.n && i < (int)json_array_size(reasons); i++)
        if (reason_wanted(bo, &r->reasons.items[i])) json_array_append(kept, json_array_get(reasons, (size_t)i));
    json_object_set_new(j, "reasons", kept);
    char *text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (text) fprintf(bo->out, "%s\n", text);
    free(text);
    json_decref(j);
    json_decref(full);
}

/* A TSV row is built whole in the line's arena and written with one
 * fwrite(): a call of stdio per field and per name cost more than the
 * answer's own work in a batch of short answers. */
typedef struct TsvLine { Arena *a; char *s; size_t n, cap; } TsvLine;

static __attribute__((noinline)) void tsv_grow(TsvLine *l, size_t n)
{
    size_t cap = l->cap * 2 > l->n + n ? l->cap * 2 : l->n + n;
    if (cap < 128) cap = 128;                /* most rows: one allocation */
    l->s = arena_grow(l->a, l->s, l->cap, cap);
    l->cap = cap;
}

static inline void tsv_put(TsvLine *l, const char *s, size_t n)
{
    if (n > l->cap - l->n) tsv_grow(l, n);
    if (n <= 16)                             /* the usual piece: a name or a separator, copied in place */
        for (size_t i = 0; i < n; i++) l->s[l->n + i] = s[i];
    else
        memcpy(l->s + l->n, s, n);
    l->n += n;
}

/* A field: tabs, newlines and backslashes escaped as \t, \n, \r and \\
 * (the text format of PostgreSQL's COPY). */
static void tsv_text(TsvLine *l, const char *s)
{
    for (;;) {
        size_t plain = strcspn(s, "\t\n\r\\");       /* copied as one run */
        tsv_put(l, s, plain);
        s += plain;
        switch (*s) {
        case '\0': return;
        case '\t': tsv_put(l, "\\t", 2); break;
        case '\n': tsv_put(l, "\\n", 2); break;
        case '\r': tsv_put(l, "\\r", 2); break;
        default: tsv_put(l, "\\\\", 2); break;
        }
        s++;
    }
}

/* The line number and a tab, without printf's parsing of a format. */
static void tsv_line_number(TsvLine *l, long line)
{
    char digits[24], *p = digits + sizeof digits;
    unsigned long v = line < 0 ? 0 : (unsigned long)line;
    *--p = '\t';
    do *--p = (char)('0' + v % 10); while ((v /= 10) && p > digits);
    tsv_put(l, p, (size_t)(digits + sizeof digits - p));
}

/* {A, B, C} */
static void tsv_set(TsvLine *l, const World *w, const EntList *set)
{
    tsv_put(l, "{", 1);
    for (int i = 0; i < set->n; i++) {
        if (i) tsv_put(l, ", ", 2);
        const char *name = ent_name(w, set->items[i]);       /* a name is an identifier: nothing to escape */
        tsv_put(l, name, strlen(name));
    }
    tsv_put(l, "}", 1);
}

static void tsv_row(const BatchOptions *bo, const World *w, Arena *a, long line, const Result *r)
{
    TsvLine l = { a, NULL, 0, 0 };
    tsv_line_number(&l, line);
    tsv_text(&l, r->text ? r->text : "");
    tsv_put(&l, "\t", 1);
    if (r->answer == ANS_SET && !r->error) tsv_set(&l, w, &r->set);
    else if (r->answer == ANS_VALUE && !r->error) tsv_text(&l, value_text_exact(w, a, r->value));   /* for scripts */
    else tsv_text(&l, result_answer_text(w, a, r));
    for (int g = 0; g < r->conditional.n; g++) {     /* parties bound only if open conditions hold */
        tsv_put(&l, "; ", 2);
        tsv_text(&l, r->conditional.items[g].text);
        tsv_put(&l, ": ", 2);
        tsv_set(&l, w, &r->conditional.items[g].parties);
    }
    if (bo->reasons != REASONS_NONE) {
        tsv_put(&l, "\t", 1);
        int first = 1;
        for (int i = 0; i < r->reasons.n; i++) {
            const Reason *rs = &r->reasons.items[i];
            if (!reason_wanted(bo, rs)) continue;
            const char *one = arena_printf(a, "%s%s: %s%s%s (%s:%d)", first ? "" : " | ", reason_kind_name(rs->kind),
                                           reason_text(w, r, rs), rs->detail ? " -- " : "", rs->detail ? rs->detail : "",
                                           rs->loc.src ? rs->loc.src->path : "", loc_line(rs->loc));
            tsv_text(&l, one);
            first = 0;
        }
    }
    tsv_put(&l, "\n", 1);
    fwrite(l.s, 1, l.n, bo->out);                /* a failed write shows in ferror() at the end */
}

/* A line that could not be asked: an answer of `error` with the first
 * message (the diagnostics also go to standard error). */
static void error_row(const BatchOptions *bo, Arena *a, long line, const char *text, const Diag *qd)
{
    const char *msg = qd->n ? qd->items[0].msg : "the query could not be evaluated";
    if (bo->format == BATCH_JSONL) {
        json_t *j = json_pack("{s:I,s:o,s:s,s:o}", "line", (json_int_t)line, "query", json_text(text), "verdict",
                              "error", "error", json_text(msg));
        char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (s) fprintf(bo->out, "%s\n", s);
        free(s);
        json_decref(j);
    } else if (bo->format == BATCH_TSV) {
        TsvLine l = { a, NULL, 0, 0 };
        tsv_line_number(&l, line);
        tsv_text(&l, text);
        tsv_put(&l, "\terror\t", 7);
        tsv_text(&l, msg);
        tsv_put(&l, "\n", 1);
        fwrite(l.s, 1, l.n, bo->out);
    }
}

/* The queries of one parsed line, each answered and printed. */
static int answer_queries(World *w, const BatchOptions *bo, long lineno, const char *line, Program *p, Arena *qa,
                          Diag *qd)
{
    int bad = 0;
    resolve_world_index(w);       /* names met for the first time need index room */
    for (int k = 0; k < p->queries.n; k++) {
        if (resolve_query(w, p->queries.items[k], qd)) {
            error_row(bo, qa, lineno, line, qd);
            bad = 1;
            continue;
        }
        Ctx c = ctx_make(w, NULL, bo->date, qd, qa);
        c.limits = bo->limits;
        c.terse = bo->format != BATCH_TEXT && bo->reasons == REASONS_NONE;
        c.no_summary = bo->format == BATCH_TSV;
        Result *r = query_run(&c, p->queries.items[k]);
        r->texts = bo->texts;
        bad |= r->error;
        if (bo->format == BATCH_TEXT) output_result(bo->text, w, r);
        else if (r->error) error_row(bo, qa, lineno, line, qd);
        else if (bo->format == BATCH_JSONL) json_row(bo, w, lineno, r);
        else tsv_row(bo, w, qa, lineno, r);
    }
    return bad;
}

/* One line, not blank, answered with the arena qa. */
static int batch_line_in(World *w, const BatchOptions *bo, const char *name, long lineno, char *line, size_t len,
                         Diag *d, Arena *qa)
{
    Diag qd;
    diag_init(&qd, bo->diag_to, bo->diag_color);
    if (bo->max_errors) qd.max_errors = bo->max_errors;
    int bad = 1;
    if (len > BATCH_MAX_LINE) {
        Source *src = source_new(qa, name, "", 0);
        Loc at = { src, 0, 0 };
        src->line_base = (int)(lineno - 1);
        diag_error(&qd, at, "this line is longer than %d bytes", BATCH_MAX_LINE);
        error_row(bo, qa, lineno, "", &qd);
    } else {
        Source *src = source_view(qa, name, line, len);     /* the line outlives its answer */
        src->line_base = (int)(lineno - 1);
        Program *p = parse_kept(bo->scanner, src, PARSE_QUERY, qa, &w->names, &qd);
        if (!p || qd.errors) error_row(bo, qa, lineno, line, &qd);
        else bad = answer_queries(w, bo, lineno, line, p, qa, &qd);
    }
    d->errors += qd.errors;
    diag_free(&qd);
    return bad;
}

int batch_line(World *w, const BatchOptions *bo, const char *name, long lineno, char *line, size_t len, Diag *d)
{
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
    size_t skip = strspn(line, " \t");
    if (line[skip] == '\0' || line[skip] == '#') return 0;
    Arena *a = bo->scratch;
    Arena own;
    if (!a) { arena_init(&own); a = &own; }
    int bad = batch_line_in(w, bo, name, lineno, line, len, d, a);
    if (a == &own) arena_free(&own);
    else arena_reset(a);                     /* the line's memory goes; the arena's block stays */
    return bad;
}
