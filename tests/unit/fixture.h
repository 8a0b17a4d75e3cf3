/* fixture.h — what the unit tests share: a small world loaded from a text,
 * a what-if layer and a context, and queries parsed and run against them.
 * Functions fail the current cmocka test when their input is not valid. */
#ifndef TREATY_TEST_FIXTURE_H
#define TREATY_TEST_FIXTURE_H
#include <string.h>
#include "treaty.h"

typedef struct T {
    Diag diag;
    LoadResult lr;
    World *w;
    Arena scratch;
    Overlay ov;
    Ctx c;
} T;

static inline void dump_diags(const Diag *d)
{
    for (int i = 0; i < d->n; i++) diag_print_one(stderr, &d->items[i], 0);
}

/* Loads `text` and sets the context's date; t->w is NULL if it did not
 * load (the caller checks). */
static inline World *t_try_load(T *t, const char *text, Date date)
{
    memset(t, 0, sizeof *t);
    diag_init(&t->diag, NULL, 0);
    arena_init(&t->scratch);
    overlay_init(&t->ov);
    t->lr = load_world_text("w.treaty", text, strlen(text), &t->diag);
    t->w = t->lr.world;
    t->c.w = t->w;
    t->c.ov = &t->ov;
    t->c.date = date;
    t->c.diag = &t->diag;
    t->c.scratch = &t->scratch;
    return t->w;
}

/* Loads `text`, which must load without errors. */
static inline World *t_load_at(T *t, const char *text, Date date)
{
    t_try_load(t, text, date);
    if (!t->w || t->diag.errors) {
        dump_diags(&t->diag);
        fail_msg("the world did not load (%d errors)", t->diag.errors);
    }
    return t->w;
}

static inline void t_free(T *t)
{
    overlay_free(&t->ov);
    arena_free(&t->scratch);
    load_result_free(&t->lr);
    diag_free(&t->diag);
}

/* Parses one query (which must be well-formed) against the world. */
static inline Query *t_parse(T *t, const char *text)
{
    int before = t->diag.errors;
    Source *src = source_new(&t->w->arena, "<query>", text, strlen(text));
    Program *p = parse_source(src, PARSE_QUERY, &t->w->arena, &t->w->names, &t->diag);
    if (!p || t->diag.errors != before || p->queries.n != 1) {
        dump_diags(&t->diag);
        fail_msg("query did not parse: %s", text);
    }
    resolve_world_index(t->w);
    return p->queries.items[0];
}

/* Parses, checks and runs a query that must pass the static checks. */
static inline Result *t_query(T *t, const char *text)
{
    Query *q = t_parse(t, text);
    if (resolve_query(t->w, q, &t->diag) != 0) {
        dump_diags(&t->diag);
        fail_msg("query was rejected: %s", text);
    }
    return query_run(&t->c, q);
}
#endif
