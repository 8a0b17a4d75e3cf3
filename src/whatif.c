/* whatif.c — membership lookups through the what-if layer. */
#include "whatif.h"
#include <stdlib.h>
#include <string.h>

void overlay_init(Overlay *ov) { memset(ov, 0, sizeof *ov); }
void overlay_free(Overlay *ov) { free(ov->items); memset(ov, 0, sizeof *ov); }

void overlay_push(Overlay *ov, Supp s)
{
    if (ov->n == ov->cap) {
        ov->cap = ov->cap ? ov->cap * 2 : 8;
        ov->items = xrealloc(ov->items, (size_t)ov->cap * sizeof *ov->items);
    }
    ov->items[ov->n++] = s;
}

void overlay_pop(Overlay *ov) { if (ov->n) ov->n--; }

Supp supp_from_ast(const World *w, const Supposition *s)
{
    Supp r;
    memset(&r, 0, sizeof r);
    r.kind = s->kind;
    r.a = world_find(w, s->a.sym);
    r.b = s->b.sym ? world_find(w, s->b.sym) : ENT_NONE;
    r.role = s->role ? s->role : ROLE_MEMBER;
    r.kind_sym = s->kind_name.sym;
    r.loc = s->loc;
    return r;
}

static int in_interval(Date d, const Membership *m) { return m->from <= d && d < m->until; }

Role role_of(const Ctx *c, EntId who, EntId org, Loc *why)
{
    if (c->ov)
        for (int i = c->ov->n - 1; i >= 0; i--) {
            const Supp *s = &c->ov->items[i];
            if (s->a != who || s->b != org) continue;
            if (s->kind == SUP_JOIN) { if (why) *why = s->loc; return s->role; }
            if (s->kind == SUP_LEAVE) { if (why) *why = s->loc; return ROLE_NONE; }
        }
    const Entity *e = ent(c->w, who);
    for (int i = 0; i < e->as_holder.n; i++) {
        const Membership *m = mem_held(c->w, e, i);
        if (m->org == org && in_interval(c->date, m)) {
            if (why) *why = m->loc;
            return m->role;
        }
    }
    return ROLE_NONE;
}

int org_active(const Ctx *c, EntId org)
{
    const Entity *e = ent(c->w, org);
    if (e->founded && c->date < e->founded) return 0;
    if (e->org->dissolved && c->date >= e->org->dissolved) return 0;
    return 1;
}

Sym kind_of(const Ctx *c, EntId org, Loc *why)
{
    if (c->ov)
        for (int i = c->ov->n - 1; i >= 0; i--) {
            const Supp *s = &c->ov->items[i];
            if (s->kind == SUP_KIND && s->a == org) { if (why) *why = s->loc; return s->kind_sym; }
        }
    if (why) *why = org_info(c->w, org)->kind_loc;
    return org_info(c->w, org)->org_kind;
}

int entlist_has(const EntList *l, EntId id)
{
    for (int i = 0; i < l->n; i++) if (l->items[i] == id) return 1;
    return 0;
}

const char *entlist_text(const World *w, Arena *a, const EntList *l)
{
    size_t cap = 1;
    for (int i = 0; i < l->n; i++) cap += strlen(ent_name(w, l->items[i])) + 2;
    char *s = arena_alloc(a, cap);
    for (int i = 0; i < l->n; i++) {
        if (i) strcat(s, ", ");
        strcat(s, ent_name(w, l->items[i]));
    }
    return s;
}

/* Sorting records that carry their key keeps qsort free of global state. */
typedef struct Named { const char *name; EntId id; } Named;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const Named *)a)->name, ((const Named *)b)->name);
}

void sort_by_name(const World *w, EntList *l)
{
    if (l->n < 2) return;
    Named small[64];
    Named *tmp = l->n <= 64 ? small : xmalloc((size_t)l->n * sizeof *tmp);
    for (int i = 0; i < l->n; i++) { tmp[i].name = ent_name(w, l->items[i]); tmp[i].id = l->items[i]; }
    qsort(tmp, (size_t)l->n, sizeof *tmp, by_name);
    for (int i = 0; i < l->n; i++) l->items[i] = tmp[i].id;
    if (tmp != small) free(tmp);
}

void holders_of(const Ctx *c, EntId org, Role role, EntList *out)
{
    const OrgInfo *o = org_info(c->w, org);
    for (int i = 0; i < o->as_org.n; i++) {
        const Membership *m = mem_of(c->w, o, i);
        /* no duplicates to weed out: the resolver forbids overlapping records
         * of one holder in one organisation */
        if (m->role != role || !in_interval(c->date, m)) continue;
        if (c->ov && c->ov->n && role_of(c, m->who, org, NULL) != role) continue;
        vec_push(c->scratch, out, m->who);
    }
    if (c->ov)
        for (int i = 0; i < c->ov->n; i++) {
            const Supp *s = &c->ov->items[i];
            if (s->kind == SUP_JOIN && s->b == org && !entlist_has(out, s->a) &&
                role_of(c, s->a, org, NULL) == role)
                vec_push(c->scratch, out, s->a);
        }
    sort_by_name(c->w, out);
}

void orgs_held(const Ctx *c, EntId who, Role role, EntList *out)
{
    const Entity *e = ent(c->w, who);
    for (int i = 0; i < e->as_holder.n; i++) {
        const Membership *m = mem_held(c->w, e, i);
        if (m->role != role || !in_interval(c->date, m)) continue;
        if (c->ov && c->ov->n && role_of(c, who, m->org, NULL) != role) continue;
        vec_push(c->scratch, out, m->org);
    }
    if (c->ov)
        for (int i = 0; i < c->ov->n; i++) {
            const Supp *s = &c->ov->items[i];
            if (s->kind == SUP_JOIN && s->a == who && !entlist_has(out, s->b) &&
                role_of(c, who, s->b, NULL) == role)
                vec_push(c->scratch, out, s->b);
        }
    sort_by_name(c->w, out);
}
