/* output.c — the text form, and the dispatch to the JSON form. */
#include "output.h"
#include "junit.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct Output {
    Format fmt;
    FILE *f;
    int color;
    int verbose;
    const char *command;
    json_t *root, *scenarios, *scenario, *items, *results;
    JunitReport *junit;        /* FMT_JUNIT: the report being gathered */
    struct timespec started;   /* FMT_JUNIT: when the current scenario began */
};

/* FMT_JUNIT: the suite of the current file, and the case of the current
 * scenario. */
static JunitSuite *junit_suite(Output *o) { return &o->junit->suites.items[o->junit->suites.n - 1]; }
static JunitCase *junit_case(Output *o)
{
    JunitSuite *s = junit_suite(o);
    return &s->cases.items[s->cases.n - 1];
}

Output *output_new(Format fmt, FILE *f, int color, const char *command)
{
    Output *o = xcalloc(1, sizeof *o);
    o->fmt = fmt;
    o->f = f;
    o->color = color;
    o->command = command;
    if (fmt == FMT_JSON) {
        o->root = json_object();
        json_object_set_new(o->root, "command", json_string(command));
        o->scenarios = json_array();
        o->results = json_array();
    }
    if (fmt == FMT_JUNIT) {
        o->junit = xmalloc(sizeof *o->junit);
        junit_init(o->junit);
    }
    return o;
}

void output_file_begin(Output *o, const char *path)
{
    if (o->fmt != FMT_JUNIT) return;
    JunitSuite s;
    memset(&s, 0, sizeof s);
    s.name = arena_strdup(&o->junit->arena, path);
    vec_push(&o->junit->arena, &o->junit->suites, s);
}

void output_file_unloaded(Output *o)
{
    if (o->fmt == FMT_JUNIT) junit_suite(o)->load_error = "the file did not load (see the errors on standard error)";
}

static void junit_add_case(Output *o, const Scenario *s, const char *skipped)
{
    JunitCase c;
    memset(&c, 0, sizeof c);
    c.name = arena_strdup(&o->junit->arena, s->title);
    c.file = s->loc.src ? arena_strdup(&o->junit->arena, s->loc.src->path) : "";
    c.line = loc_shown_line(s->loc);
    c.skipped = skipped;
    vec_push(&o->junit->arena, &junit_suite(o)->cases, c);
}

/* A scenario that --run left out. */
void output_scenario_skipped(Output *o, const Scenario *s)
{
    if (o->fmt == FMT_JUNIT) junit_add_case(o, s, "its title does not match --run");
}

void output_free(Output *o)
{
    if (!o) return;
    json_decref(o->root);
    json_decref(o->scenarios);
    json_decref(o->results);
    json_decref(o->scenario);
    json_decref(o->items);
    if (o->junit) junit_free(o->junit);
    free(o->junit);
    free(o);
}

int output_verbose(Output *o, int v) { int old = o->verbose; o->verbose = v; return old; }

static const char *bold(const Output *o) { return o->color ? "\033[1m" : ""; }
static const char *dim(const Output *o) { return o->color ? "\033[2m" : ""; }
static const char *red(const Output *o) { return o->color ? "\033[1;31m" : ""; }
static const char *green(const Output *o) { return o->color ? "\033[1;32m" : ""; }
static const char *reset(const Output *o) { return o->color ? "\033[0m" : ""; }

static void print_loc(const Output *o, Loc l)
{
    if (l.src) fprintf(o->f, "  %s[%s:%d:%d]%s", dim(o), l.src->path, loc_shown_line(l), loc_col(l), reset(o));
}

void output_scenario_begin(Output *o, const World *w, const Scenario *s)
{
    (void)w;
    if (o->fmt == FMT_JUNIT) {
        junit_add_case(o, s, NULL);
        clock_gettime(CLOCK_MONOTONIC, &o->started);
        return;
    }
    if (o->fmt == FMT_JSON) {
        o->scenario = json_object();
        json_object_set_new(o->scenario, "title", json_text(s->title));
        json_set_loc(o->scenario, s->loc);
        o->items = json_array();
        return;
    }
    if (o->verbose || strcmp(o->command, "test") != 0)
        fprintf(o->f, "%s== scenario \"%s\"%s", bold(o), s->title, reset(o));
    if (o->verbose || strcmp(o->command, "test") != 0) { print_loc(o, s->loc); fputc('\n', o->f); }
}

void output_scenario_end(Output *o)
{
    if (o->fmt == FMT_JUNIT) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        junit_case(o)->seconds = (double)(now.tv_sec - o->started.tv_sec) + (now.tv_nsec - o->started.tv_nsec) / 1e9;
        return;
    }
    if (o->fmt == FMT_JSON) {
        json_object_set_new(o->scenario, "items", o->items);
        json_array_append_new(o->scenarios, o->scenario);
        o->scenario = o->items = NULL;
        return;
    }
    if (o->verbose || strcmp(o->command, "test") != 0) fputc('\n', o->f);
}

void output_at(Output *o, Date d)
{
    if (o->fmt == FMT_JUNIT) return;
    char buf[16];
    date_format(d, buf);
    if (o->fmt == FMT_JSON) {
        json_array_append_new(o->items, json_pack("{s:s,s:s}", "at", buf, "type", "at"));
        return;
    }
    if (o->verbose || strcmp(o->command, "test") != 0) fprintf(o->f, "at %s\n", buf);
}

void output_supposition(Output *o, const World *w, const Supposition *s)
{
    if (o->fmt == FMT_JUNIT) return;
    Arena a;
    arena_init(&a);
    const char *text = loc_text(&a, s->loc);
    if (o->fmt == FMT_JSON) {
        json_t *j = json_pack("{s:s,s:o}", "type", "suppose", "text", json_text(text));
        const AttackFacts *f = &s->facts;
        if (s->kind == SUP_ATTACK && f->place.sym)
            json_object_set_new(j, "location", json_text(sym_name(&w->names, f->place.sym)));
        if (s->kind == SUP_ATTACK && f->conflict.sym)
            json_object_set_new(j, "conflict", json_text(sym_name(&w->names, f->conflict.sym)));
        if (s->kind == SUP_ATTACK && f->provoked) json_object_set_new(j, "provoked", json_boolean(f->provoked > 0));
        if (s->kind == SUP_ATTACK && f->demands)
            json_object_set_new(j, "demands", json_string(f->demands > 0 ? "after" : "before"));
        json_set_loc(j, s->loc);
        json_array_append_new(o->items, j);
    } else if (o->verbose || strcmp(o->command, "test") != 0) {
        fprintf(o->f, "suppose %s\n", text);
    }
    arena_free(&a);
}

static char marker(const Reason *r)
{
    return r->held == 1 ? '+' : r->held == 0 ? '-' : r->kind == RK_CONSENT || r->open ? '?' : '=';
}

/* Sorting records that carry their key keeps qsort free of global state. */
typedef struct PowerLine { const PowerRow *row; const char *name; } PowerLine;

static int by_power_desc(const void *a, const void *b)
{
    const PowerLine *x = a, *y = b;
    if (x->row->shapley != y->row->shapley) return x->row->shapley > y->row->shapley ? -1 : 1;
    if (x->row->banzhaf != y->row->banzhaf) return x->row->banzhaf > y->row->banzhaf ? -1 : 1;
    return strcmp(x->name, y->name);
}

static void print_coalitions(Output *o, const World *w, const char *what, uint64_t count, const EntList *l, int n)
{
    fprintf(o->f, "     minimal %s coalitions: %llu", what, (unsigned long long)count);
    if (n < 1) { fputc('\n', o->f); return; }
    fprintf(o->f, (uint64_t)n < count ? " (the first %d, heaviest members first)\n" : "\n", n);
    for (int i = 0; i < n; i++) {
        fprintf(o->f, "       {");
        for (int k = 0; k < l[i].n; k++) fprintf(o->f, "%s%s", k ? ", " : "", ent_name(w, l[i].items[k]));
        fprintf(o->f, "}\n");
    }
}

/* The members by power, strongest first, with the indices rounded for
 * people (JSON has them exact). */
void output_power(Output *o, const World *w, const PowerTable *pt)
{
    if (!pt) return;
    PowerLine *lines = malloc((size_t)(pt->n ? pt->n : 1) * sizeof *lines);
    if (!lines) return;
    int width = 6, weighted = 0;
    for (int k = 0; k < pt->n; k++) {
        lines[k].row = &pt->rows[k];
        lines[k].name = ent_name(w, pt->rows[k].who);
        int len = (int)strlen(lines[k].name);
        if (len > width) width = len;
        if (pt->rows[k].weight) weighted = 1;
    }
    qsort(lines, (size_t)pt->n, sizeof *lines, by_power_desc);
    fprintf(o->f, "     %-*s  Banzhaf  Shapley-Shubik%s\n", width, "member", weighted ? "  weight" : "");
    for (int k = 0; k < pt->n; k++) {
        const PowerRow *row = lines[k].row;
        fprintf(o->f, "     %-*s  %.5f  %.5f", width, lines[k].name, row->banzhaf, row->shapley);
        if (weighted) fprintf(o->f, "         %g", row->weight);
        if (row->veto) fprintf(o->f, "%sveto", weighted ? "  " : "         ");
        fputc('\n', o->f);
    }
    free(lines);
    print_coalitions(o, w, "winning", pt->min_winning, pt->winning, pt->n_winning);
    print_coalitions(o, w, "blocking", pt->min_blocking, pt->blocking, pt->n_blocking);
}

static void print_result_text(Output *o, const World *w, const Result *r)
{
    char date[16];
    date_format(r->date, date);
    if (r->q && r->q->has_at) fprintf(o->f, "%s%s%s\n", bold(o), r->text, reset(o));
    else fprintf(o->f, "%s%s%s %s(at %s)%s\n", bold(o), r->text, reset(o), dim(o), date, reset(o));
    if (r->error) {
        fprintf(o->f, "  => %serror%s: the query could not be evaluated\n", red(o), reset(o));
        return;
    }
    const char *colour = "";
    if (r->verdict && (strcmp(r->verdict, "no") == 0 || strcmp(r->verdict, "fails") == 0 ||
                       strcmp(r->verdict, "violated") == 0)) colour = red(o);
    else if (r->verdict) colour = green(o);
    if (r->answer == ANS_SET) {
        fprintf(o->f, "  => {");
        for (int i = 0; i < r->set.n; i++) fprintf(o->f, "%s%s", i ? ", " : "", ent_name(w, r->set.items[i]));
        fprintf(o->f, "}\n");
        for (int g = 0; g < r->conditional.n; g++) {
            const CondGroup *cg = &r->conditional.items[g];
            fprintf(o->f, "     %s: {", cg->text);
            for (int i = 0; i < cg->parties.n; i++) fprintf(o->f, "%s%s", i ? ", " : "", ent_name(w, cg->parties.items[i]));
            fprintf(o->f, "}\n");
        }
    } else if (r->answer == ANS_VALUE) {
        fprintf(o->f, "  => %s\n", r->summary);
    } else if (r->answer == ANS_POWER) {
        fprintf(o->f, "  => %s\n", r->summary);
        output_power(o, w, r->power);
    } else {
        fprintf(o->f, "  => %s%s%s", colour, r->verdict, reset(o));
        if (r->no_kind) fprintf(o->f, " (%s)", no_kind_name(r->no_kind));
        if (r->summary) fprintf(o->f, ": %s", r->summary);
        fputc('\n', o->f);
    }
    if (r->q && r->q->kind == Q_ADOPT && r->n_members) {
        fprintf(o->f, "     votes: %d yes, %d no, %d abstain", r->n_yes, r->n_no, r->n_abstain);
        if (r->n_absent) fprintf(o->f, ", %d absent", r->n_absent);
        fprintf(o->f, " of %d members", r->n_members);
        if (r->pivotal.n) {
            fprintf(o->f, "; pivotal: ");
            for (int i = 0; i < r->pivotal.n; i++) fprintf(o->f, "%s%s", i ? ", " : "", ent_name(w, r->pivotal.items[i]));
        }
        if (r->to_pass.n) {
            fprintf(o->f, "; would pass if these switched to yes: ");
            for (int i = 0; i < r->to_pass.n; i++) fprintf(o->f, "%s%s", i ? ", " : "", ent_name(w, r->to_pass.items[i]));
        }
        fputc('\n', o->f);
    }
    for (int i = 0; i < r->reasons.n; i++) {
        const Reason *rs = &r->reasons.items[i];
        fprintf(o->f, "   %c%c %s%s:%s %s", rs->decisive ? '*' : ' ', marker(rs), rs->decisive ? bold(o) : "",
                reason_kind_name(rs->kind), rs->decisive ? reset(o) : "", reason_text(w, r, rs));
        if (rs->detail && (!r->summary || strcmp(rs->detail, r->summary) != 0)) fprintf(o->f, " -- %s", rs->detail);
        print_loc(o, rs->loc);
        fputc('\n', o->f);
    }
}

/* FMT_JUNIT: a `query` of a scenario that could not be evaluated puts its
 * case in error, as a failed expectation would make it fail. */
static void junit_query_error(Output *o, const Result *r)
{
    if (!r->error || !o->junit->suites.n || !junit_suite(o)->cases.n) return;
    JunitCase *c = junit_case(o);
    c->errors++;
    Loc l = r->q ? r->q->loc : (Loc){ 0 };
    const char *where = l.src ? arena_printf(&o->junit->arena, "%s:%d:%d: ", l.src->path, loc_shown_line(l),
                                             loc_col(l)) : "";
    const char *what = arena_printf(&o->junit->arena, "%squery %s: could not be evaluated (see standard error)", where,
                                    r->text ? r->text : "");
    if (!c->first) c->first = what;
    vec_push(&o->junit->arena, &c->details, what);
    vec_push(&o->junit->arena, &c->details, "\n");
}

void output_result(Output *o, const World *w, const Result *r)
{
    if (o->fmt == FMT_JUNIT) { junit_query_error(o, r); return; }
    if (o->fmt == FMT_JSON) {
        json_t *j = json_result(w, r);
        json_object_set_new(j, "type", json_string("query"));
        json_array_append_new(o->items ? o->items : o->results, j);
        return;
    }
    if (strcmp(o->command, "test") == 0 && !o->verbose) return;
    print_result_text(o, w, r);
}

/* The names of a list, all of them: the one-line message shows the first
 * few, and this line follows it when there were more. */
static void print_all_names(FILE *f, const World *w, const char *what, const EntList *l)
{
    enum { IN_MESSAGE = 10 };      /* as scenario.c's names_capped() */
    if (l->n <= IN_MESSAGE) return;
    fprintf(f, "      %s (%d): ", what, l->n);
    for (int i = 0; i < l->n; i++) fprintf(f, "%s%s", i ? ", " : "", ent_name(w, l->items[i]));
    fputc('\n', f);
}

/* A failed expectation: where, what differs, and for a verdict the reasons
 * it rests on, each with its location. */
static void print_failure(FILE *f, const Output *o, const World *w, const ScenItem *it, const Result *r,
                          const ExpectCheck *ck)
{
    Loc l = it->loc;
    fprintf(f, "%s:%d:%d: %sFAIL%s: expect %s\n    %s\n", l.src->path, loc_shown_line(l), loc_col(l), red(o),
            reset(o), r->text, ck->message);
    if (ck->failure == XF_SET || ck->failure == XF_CONDITIONAL) {
        print_all_names(f, w, "missing", &ck->missing);
        print_all_names(f, w, "unexpected", &ck->unexpected);
    }
    if ((ck->failure != XF_ANSWER && ck->failure != XF_BECAUSE) || r->answer != ANS_VERDICT) return;
    for (int i = 0; i < r->reasons.n; i++) {
        const Reason *rs = &r->reasons.items[i];
        if (!rs->decisive) continue;
        fprintf(f, "      decisive reason (%s): %s", reason_kind_name(rs->kind), reason_text(w, r, rs));
        if (rs->detail && (!r->summary || strcmp(rs->detail, r->summary) != 0)) fprintf(f, " -- %s", rs->detail);
        if (rs->loc.src)
            fprintf(f, "  %s[%s:%d:%d]%s", dim(o), rs->loc.src->path, loc_shown_line(rs->loc),
                    loc_col(rs->loc), reset(o));
        fputc('\n', f);
    }
}

/* FMT_JUNIT: the expectation counted in its scenario's case, a failure
 * written out as the text form prints it. */
static void junit_expect(Output *o, const World *w, const ScenItem *it, const Result *r, const ExpectCheck *ck)
{
    JunitCase *c = junit_case(o);
    c->tests++;
    if (ck->failure == XF_NONE) return;
    if (ck->failure == XF_ERROR) c->errors++;
    else c->failures++;
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) {
        vec_push(&o->junit->arena, &c->details, ck->message);
        vec_push(&o->junit->arena, &c->details, "\n");
    } else {
        print_failure(mem, o, w, it, r, ck);
        if (fclose(mem) == 0 && text) vec_push(&o->junit->arena, &c->details, arena_strdup(&o->junit->arena, text));
        free(text);
    }
    if (!c->first) {
        Loc l = it->loc;
        c->first = arena_printf(&o->junit->arena, "%s:%d:%d: expect %s: %s", l.src->path, loc_shown_line(l),
                                loc_col(l), r->text, ck->message);
    }
}

void output_expect(Output *o, const World *w, const ScenItem *it, const Result *r, const ExpectCheck *ck)
{
    if (o->fmt == FMT_JUNIT) { junit_expect(o, w, it, r, ck); return; }
    if (o->fmt == FMT_JSON) {
        json_t *j = json_result(w, r);
        json_object_set_new(j, "type", json_string("expect"));
        json_object_set_new(j, "passed", json_boolean(ck->failure == XF_NONE));
        if (ck->failure != XF_NONE) json_object_set_new(j, "message", json_text(ck->message));
        json_t *at = json_object();
        json_set_loc(at, it->loc);
        json_object_set_new(j, "expect", at);
        json_expectation(j, w, it, r, ck);
        json_array_append_new(o->items, j);
        return;
    }
    if (ck->failure != XF_NONE) {
        print_failure(o->f, o, w, it, r, ck);
        if (strcmp(o->command, "test") != 0 || o->verbose) print_result_text(o, w, r);
    } else if (strcmp(o->command, "test") != 0 || o->verbose) {
        fprintf(o->f, "%sok%s   expect %s\n", green(o), reset(o), r->text);
        if (strcmp(o->command, "test") != 0) print_result_text(o, w, r);
    }
}

void output_diagnostics(Output *o, const Diag *d)
{
    if (o->fmt != FMT_JSON) return;
    json_t *arr = json_object_get(o->root, "diagnostics");
    if (!arr) {
        arr = json_array();
        json_object_set_new(o->root, "diagnostics", arr);
    }
    for (int i = 0; i < d->n; i++) json_array_append_new(arr, json_diagnostic(&d->items[i]));
    json_object_set_new(o->root, "errors", json_integer(d->errors));
}

void output_summary(Output *o, int passed, int failed, int filtered, int scenarios)
{
    if (o->fmt == FMT_JUNIT) return;
    if (o->fmt == FMT_JSON) {
        json_t *sum = json_pack("{s:i,s:i}", "passed", passed, "failed", failed);
        if (filtered >= 0) {
            json_object_set_new(sum, "scenarios", json_integer(scenarios));
            json_object_set_new(sum, "filtered", json_integer(filtered));
        }
        json_object_set_new(o->root, "summary", sum);
        return;
    }
    fprintf(o->f, "%d passed, %d failed", passed, failed);
    if (filtered >= 0)
        fprintf(o->f, "; %d of %d scenario%s filtered out by --run", filtered, scenarios, scenarios == 1 ? "" : "s");
    fputc('\n', o->f);
}

void output_coverage(Output *o, const Coverage *cv)
{
    if (o->fmt == FMT_JUNIT) return;
    if (o->fmt == FMT_JSON) {
        json_t *files = json_array(), *untouched = json_array();
        for (int i = 0; i < cv->files.n; i++) {
            const CoverFile *f = &cv->files.items[i];
            json_array_append_new(files, json_pack("{s:o,s:i,s:i,s:f}", "file", json_text(f->file), "clauses",
                                                   f->clauses, "touched", f->touched, "percent",
                                                   coverage_percent(f->touched, f->clauses)));
        }
        for (int i = 0; i < cv->clauses.n; i++) {
            const CoverClause *c = &cv->clauses.items[i];
            if (c->touched) continue;
            json_array_append_new(untouched, json_pack("{s:o,s:i,s:i,s:s,s:o}", "file", json_text(c->file), "line",
                                                       c->line, "column", c->col, "kind", cover_kind_name(c->kind),
                                                       "clause", json_text(c->text)));
        }
        json_object_set_new(o->root, "coverage",
                            json_pack("{s:i,s:i,s:f,s:o,s:o}", "clauses", cv->total, "touched", cv->touched, "percent",
                                      coverage_percent(cv->touched, cv->total), "files", files, "untouched", untouched));
        return;
    }
    fprintf(o->f, "coverage: %d of %d clauses touched (%.1f%%)\n", cv->touched, cv->total,
            coverage_percent(cv->touched, cv->total));
    for (int i = 0; i < cv->files.n; i++) {
        const CoverFile *f = &cv->files.items[i];
        fprintf(o->f, "  %s: %d of %d (%.1f%%)\n", f->file, f->touched, f->clauses,
                coverage_percent(f->touched, f->clauses));
    }
    if (cv->touched < cv->total) fprintf(o->f, "not touched by any scenario:\n");
    for (int i = 0; i < cv->clauses.n; i++) {
        const CoverClause *c = &cv->clauses.items[i];
        if (!c->touched) fprintf(o->f, "  %s:%d:%d: %s: %s\n", c->file, c->line, c->col, cover_kind_name(c->kind), c->text);
    }
}

int output_finish(Output *o)
{
    int failed = 0;
    if (o->fmt == FMT_JUNIT) failed = junit_write(o->junit, o->f) != 0;
    if (o->fmt == FMT_JSON) {
        if (json_array_size(o->scenarios)) json_object_set(o->root, "scenarios", o->scenarios);
        if (json_array_size(o->results)) json_object_set(o->root, "results", o->results);
        if (!json_object_get(o->root, "diagnostics")) json_object_set_new(o->root, "diagnostics", json_array());
        failed = json_dumpf(o->root, o->f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0;
        fputc('\n', o->f);
    }
    return fflush(o->f) != 0 || ferror(o->f) || failed ? -1 : 0;
}
