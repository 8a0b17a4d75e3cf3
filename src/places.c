/* places.c — areas flattened at load time, and the test of a location
 * against an area (see places.h). */
#include "places.h"
#include <stdlib.h>
#include <string.h>

static int by_area_then_order(const void *a, const void *b)
{
    const AreaEdge *x = *(const AreaEdge *const *)a, *y = *(const AreaEdge *const *)b;
    if (x->area != y->area) return x->area < y->area ? -1 : 1;
    return x < y ? -1 : x > y;
}

static int by_loc_then_from(const void *a, const void *b)
{
    const AreaIncl *x = a, *y = b;
    if (x->loc != y->loc) return x->loc < y->loc ? -1 : 1;
    return x->from < y->from ? -1 : x->from > y->from;
}

typedef struct Flattener {
    World *w;
    Diag *d;
    const AreaEdge **edges;           /* sorted by area */
    uint32_t *first;                  /* first[e] .. first[e + 1]: the edges of area e */
    unsigned char *state;             /* 0 not seen, 1 on the path, 2 flattened */
    Arena mem;                        /* holds `out` until it is copied into the world */
    VEC(AreaIncl) out;                /* every area's list, one after the other */
    int failed;
} Flattener;

static Date later(Date a, Date b) { return a > b ? a : b; }
static Date earlier(Date a, Date b) { return a < b ? a : b; }

/* Sorts one area's locations and merges the periods of each location that
 * overlap or touch, so that each location's periods are disjoint. */
static int merge_periods(AreaIncl *l, int n)
{
    if (n > 1) qsort(l, (size_t)n, sizeof *l, by_loc_then_from);
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (k && l[k - 1].loc == l[i].loc && l[i].from <= l[k - 1].until) {
            l[k - 1].until = later(l[k - 1].until, l[i].until);
            continue;
        }
        l[k++] = l[i];
    }
    return k;
}

/* The list of area a, from its edges and the lists of the areas it
 * includes (already flattened: the walk is in post-order). */
static void flatten_one(Flattener *f, EntId a)
{
    World *w = f->w;
    VEC(AreaIncl) mine = { 0 };
    Arena tmp;
    arena_init(&tmp);
    size_t total = (size_t)f->out.n;
    for (uint32_t i = f->first[a]; i < f->first[a + 1] && !f->failed; i++) {
        const AreaEdge *e = f->edges[i];
        AreaIncl self = { e->loc, e->from, e->until };
        vec_push(&tmp, &mine, self);
        const Entity *child = ent(w, e->loc);
        if (child->kind != ENT_AREA || !child->extra) continue;
        IdxSpan span = child->extra->incl;
        if (total + (size_t)mine.n + (size_t)span.n > AREA_INCL_MAX) {
            diag_error(f->d, e->at, "the areas include more than %d locations once the areas they include "
                       "are counted in", AREA_INCL_MAX);
            f->failed = 1;
            break;
        }
        for (int k = 0; k < span.n; k++) {
            AreaIncl in = f->out.items[span.at + (uint32_t)k];
            in.from = later(in.from, e->from);
            in.until = earlier(in.until, e->until);
            if (in.from < in.until) vec_push(&tmp, &mine, in);
        }
    }
    int n = merge_periods(mine.items, mine.n);
    Entity *area = &w->ents.items[a];
    if (!area->extra) area->extra = arena_alloc(&w->arena, sizeof *area->extra);
    area->extra->incl.at = (uint32_t)f->out.n;
    area->extra->incl.n = n;
    for (int i = 0; i < n; i++) vec_push(&f->mem, &f->out, mine.items[i]);
    arena_free(&tmp);
}

/* A walk over the areas in post-order, with an explicit stack (nesting may
 * be as deep as there are areas).  Meeting an area already on the path is
 * a cycle. */
static void walk_from(Flattener *f, EntId root)
{
    typedef struct Step { EntId area; uint32_t next; } Step;
    VEC(Step) stack = { 0 };
    Arena tmp;
    arena_init(&tmp);
    Step s0 = { root, f->first[root] };
    vec_push(&tmp, &stack, s0);
    f->state[root] = 1;
    while (stack.n && !f->failed) {
        Step *top = &stack.items[stack.n - 1];
        if (top->next == f->first[top->area + 1]) {
            flatten_one(f, top->area);
            f->state[top->area] = 2;
            stack.n--;
            continue;
        }
        const AreaEdge *e = f->edges[top->next++];
        if (ent(f->w, e->loc)->kind != ENT_AREA || f->state[e->loc] == 2) continue;
        if (f->state[e->loc] == 1) {
            diag_error(f->d, e->at, "area '%s' includes '%s', which includes '%s' again: an area cannot include itself",
                       ent_name(f->w, e->area), ent_name(f->w, e->loc), ent_name(f->w, e->area));
            f->failed = 1;
            break;
        }
        f->state[e->loc] = 1;
        Step next = { e->loc, f->first[e->loc] };
        vec_push(&tmp, &stack, next);
    }
    arena_free(&tmp);
}

void areas_flatten(World *w, Diag *d, const AreaEdges *edges)
{
    uint32_t ne = (uint32_t)w->ents.n;
    int any_area = 0;
    for (uint32_t e = 1; e < ne && !any_area; e++) any_area = w->ents.items[e].kind == ENT_AREA;
    if (!any_area) return;
    Flattener f;
    memset(&f, 0, sizeof f);
    f.w = w;
    f.d = d;
    arena_init(&f.mem);
    f.edges = xmalloc((size_t)(edges->n ? edges->n : 1) * sizeof *f.edges);
    for (int i = 0; i < edges->n; i++) f.edges[i] = &edges->items[i];
    qsort(f.edges, (size_t)edges->n, sizeof *f.edges, by_area_then_order);
    f.first = xcalloc(ne + 1, sizeof *f.first);
    for (int i = 0; i < edges->n; i++) f.first[edges->items[i].area + 1]++;
    for (uint32_t e = 1; e <= ne; e++) f.first[e] += f.first[e - 1];
    f.state = xcalloc(ne, 1);
    for (uint32_t e = 1; e < ne && !f.failed; e++)
        if (w->ents.items[e].kind == ENT_AREA && !f.state[e]) walk_from(&f, e);
    free(w->area_incl);
    w->area_incl = NULL;
    w->narea_incl = 0;
    if (!f.failed && f.out.n) {
        w->area_incl = xmalloc((size_t)f.out.n * sizeof *w->area_incl);
        memcpy(w->area_incl, f.out.items, (size_t)f.out.n * sizeof *w->area_incl);
        w->narea_incl = (uint32_t)f.out.n;
    }
    free(f.edges);
    free(f.first);
    free(f.state);
    arena_free(&f.mem);
}

int location_within(const World *w, EntId loc, EntId where, Date d)
{
    if (loc == where) return 1;
    const Entity *area = ent(w, where);
    if (area->kind != ENT_AREA || !area->extra || !w->area_incl) return 0;
    const AreaIncl *l = w->area_incl + area->extra->incl.at;
    int lo = 0, hi = area->extra->incl.n;
    while (lo < hi) {                   /* the first entry of loc */
        int mid = lo + (hi - lo) / 2;
        if (l[mid].loc < loc) lo = mid + 1; else hi = mid;
    }
    for (; lo < area->extra->incl.n && l[lo].loc == loc; lo++)
        if (d >= l[lo].from && d < l[lo].until) return 1;
    return 0;
}
