/* batch.c — `treaty query FILES -f QUERIES`: one answer line per query. */
#include "batch.h"
#include <jansson.h>
#include <string.h>

/* A field of a TSV line: tabs, newlines and backslashes escaped as \t, \n,
 * \r and \\ (the text format of PostgreSQL's COPY). */
static void tsv_field(FILE *f, const char *s)
{
    for (;;) {
        size_t plain = strcspn(s, "\t\n\r\\");       /* written as one run */
        fwrite(s, 1, plain, f);
        s += plain;
        switch (*s) {
        case '\0': return;
        case '\t': fputs("\\t", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        default: fputs("\\\\", f); break;
        }
        s++;
    }
}

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

/* The line number and a tab, without printf's parsing of a format. */
static void line_number(FILE *f, long line)
{
    char digits[24], *p = digits + sizeof digits;
    unsigned long v = line < 0 ? 0 : (unsigned long)line;
    *--p = '\t';
    do *--p = (char)('0' + v % 10); while ((v /= 10) && p > digits);
    fwrite(p, 1, (size_t)(digits + sizeof digits - p), f);
}

/* {A, B, C}: the names joined once, without the braces (one write of
 * stdio per name costs more than the join). */
static void set_field(FILE *f, const World *w, Arena *a, const EntList *l)
{
    putc('{', f);
    tsv_field(f, entlist_text(w, a, l));
    putc('}', f);
}

static void tsv_row(const BatchOptions *bo, const World *w, Arena *a, long line, const Result *r)
{
    FILE *f = bo->out;
    line_number(f, line);
    tsv_field(f, r->text ? r->text : "");
    putc('\t', f);
    if (r->answer == ANS_SET && !r->error) set_field(f, w, a, &r->set);
    else if (r->answer == ANS_VALUE && !r->error) tsv_field(f, value_text_exact(w, a, r->value));   /* for scripts */
    else tsv_field(f, result_answer_text(w, a, r));
    for (int g = 0; g < r->conditional.n; g++) {     /* parties bound only if open conditions hold */
        fputs("; ", f);
        tsv_field(f, r->conditional.items[g].text);
        fputs(": ", f);
        set_field(f, w, a, &r->conditional.items[g].parties);
    }
    if (bo->reasons != REASONS_NONE) {
        putc('\t', f);
        int first = 1;
        for (int i = 0; i < r->reasons.n; i++) {
            const Reason *rs = &r->reasons.items[i];
            if (!reason_wanted(bo, rs)) continue;
            const char *one = arena_printf(a, "%s%s: %s%s%s (%s:%d)", first ? "" : " | ", reason_kind_name(rs->kind),
                                           rs->text, rs->detail ? " -- " : "", rs->detail ? rs->detail : "",
                                           rs->loc.src ? rs->loc.src->path : "", rs->loc.line);
            tsv_field(f, one);
            first = 0;
        }
    }
    putc('\n', f);
}

/* A line that could not be asked: an answer of `error` with the first
 * message (the diagnostics also go to standard error). */
static void error_row(const BatchOptions *bo, long line, const char *text, const Diag *qd)
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
        fprintf(bo->out, "%ld\t", line);
        tsv_field(bo->out, text);
        fputs("\terror\t", bo->out);
        tsv_field(bo->out, msg);
        putc('\n', bo->out);
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
            error_row(bo, lineno, line, qd);
            bad = 1;
            continue;
        }
        Ctx c = ctx_make(w, NULL, bo->date, qd, qa);
        c.limits = bo->limits;
        c.terse = bo->format != BATCH_TEXT && bo->reasons == REASONS_NONE;
        c.no_summary = bo->format == BATCH_TSV;
        Result *r = query_run(&c, p->queries.items[k]);
        bad |= r->error;
        if (bo->format == BATCH_TEXT) output_result(bo->text, w, r);
        else if (r->error) error_row(bo, lineno, line, qd);
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
        Loc at = { src, 1, 1, 1, 1 };
        src->line_base = (int)(lineno - 1);
        diag_error(&qd, at, "this line is longer than %d bytes", BATCH_MAX_LINE);
        error_row(bo, lineno, "", &qd);
    } else {
        Source *src = source_view(qa, name, line, len);     /* the line outlives its answer */
        src->line_base = (int)(lineno - 1);
        Program *p = parse_kept(bo->scanner, src, PARSE_QUERY, qa, &w->names, &qd);
        if (!p || qd.errors) error_row(bo, lineno, line, &qd);
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
