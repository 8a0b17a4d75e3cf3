/* whatif.c — membership lookups through the what-if layer. */
#include "whatif.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the overlay's index ----
 * Each supposition is filed under up to three keys: its pair (holder,
 * organisation) for joins and leaves, or its organisation for a change of
 * kind; its holder, for joins; its organisation, for joins.  An entry is
 * (supposition index) * OV_KEYS + key; each hash bucket chains its entries
 * newest first, so pushing and popping touch only the heads of chains. */
enum { KEY_PAIR, KEY_HOLDER, KEY_ORG, OV_KEYS };

/* The key of supposition s under key class t; 0 if it is not filed there. */
static int key_of(const Supp *s, int t, uint32_t key[3])
{
    int joins = s->kind == SUP_JOIN,
        membership = joins || s->kind == SUP_LEAVE || s->kind == SUP_NOTICE || s->kind == SUP_NOT_RENEW;
    switch (t) {
    case KEY_PAIR:
        if (membership) { key[0] = 1; key[1] = s->a; key[2] = s->b; return 1; }
        if (s->kind == SUP_KIND) { key[0] = 2; key[1] = s->a; key[2] = 0; return 1; }
        if (s->kind == SUP_DECIDES) { key[0] = 6; key[1] = s->a; key[2] = 0; return 1; }
        if (s->kind == SUP_SUSPENDED) { key[0] = 5; key[1] = s->a; key[2] = s->b; return 1; }
        return 0;
    case KEY_HOLDER: key[0] = 3; key[1] = s->a; key[2] = 0; return joins;
    case KEY_ORG: key[0] = 4; key[1] = s->b; key[2] = 0; return joins;
    }
    return 0;
}

static uint32_t key_hash(const uint32_t key[3])
{
    uint32_t h = key[0] * 0x9E3779B1u ^ key[1] * 0x85EBCA77u ^ key[2] * 0xC2B2AE3Du;
    h ^= h >> 15;
    h *= 0x2C1B3C6Du;
    return h ^ (h >> 13);
}

static void index_insert(Overlay *ov, int i)
{
    for (int t = 0; t < OV_KEYS; t++) {
        uint32_t key[3];
        if (!key_of(&ov->items[i], t, key)) continue;
        uint32_t h = key_hash(key) & (uint32_t)(ov->nbuckets - 1);
        int e = i * OV_KEYS + t;
        ov->next[e] = ov->heads[h];
        ov->heads[h] = e;
    }
}

/* Rebuilds the index for items[0 .. n), with room for `cap` suppositions. */
static void index_rebuild(Overlay *ov)
{
    int want = 16;
    while (want < 2 * OV_KEYS * ov->cap && want < (1 << 28)) want *= 2;
    if (want != ov->nbuckets) {
        int *heads = xmalloc((size_t)want * sizeof *heads);   /* before the old goes (oom_catch) */
        free(ov->heads);
        ov->heads = heads;
        ov->nbuckets = want;
    }
    for (int h = 0; h < ov->nbuckets; h++) ov->heads[h] = -1;
    for (int i = 0; i < ov->n; i++) index_insert(ov, i);
    ov->indexed = ov->n;
}

void overlay_init(Overlay *ov) { memset(ov, 0, sizeof *ov); }

void overlay_free(Overlay *ov)
{
    free(ov->items);
    free(ov->heads);
    free(ov->next);
    memset(ov, 0, sizeof *ov);
}

void overlay_push(Overlay *ov, Supp s)
{
    if (ov->indexed != ov->n) index_rebuild(ov);   /* n was set directly */
    int grown = 0;
    if (ov->n == ov->cap) {
        if (ov->cap > INT_MAX / (4 * OV_KEYS)) oom_fail();
        /* each array is set as soon as it has grown, the capacity last, so
         * that a failure leaves the layer as it was (oom_catch) */
        int cap = ov->cap ? ov->cap * 2 : 8;
        ov->items = xrealloc(ov->items, (size_t)cap * sizeof *ov->items);
        ov->next = xrealloc(ov->next, (size_t)cap * OV_KEYS * sizeof *ov->next);
        ov->cap = cap;
        grown = 1;
    }
    ov->items[ov->n++] = s;
    if (grown) index_rebuild(ov);
    else { index_insert(ov, ov->n - 1); ov->indexed = ov->n; }
}

void overlay_pop(Overlay *ov)
{
    if (!ov->n) return;
    if (ov->indexed != ov->n) index_rebuild(ov);
    int i = ov->n - 1;
    for (int t = OV_KEYS - 1; t >= 0; t--) {         /* the newest entries head their chains */
        uint32_t key[3];
        if (!key_of(&ov->items[i], t, key)) continue;
        uint32_t h = key_hash(key) & (uint32_t)(ov->nbuckets - 1);
        ov->heads[h] = ov->next[ov->heads[h]];
    }
    ov->n--;
    ov->indexed = ov->n;
}

void overlay_clear(Overlay *ov) { ov->n = 0; if (ov->nbuckets) index_rebuild(ov); }

/* Walks the suppositions filed under one key, newest first.  Without an
 * index in step with the list (n set directly, nothing pushed since), it
 * walks the list itself: the same answers, more slowly. */
typedef struct OvWalk {
    const Overlay *ov;
    int t;
    uint32_t key[3];
    int at;                    /* indexed: an entry or -1; otherwise an item index */
    int indexed;
} OvWalk;

static void walk_start(OvWalk *w, const Overlay *ov, int t, uint32_t k0, uint32_t k1, uint32_t k2)
{
    w->ov = ov;
    w->t = t;
    w->key[0] = k0; w->key[1] = k1; w->key[2] = k2;
    w->indexed = ov && ov->nbuckets && ov->indexed == ov->n;
    if (!ov) w->at = -1;
    else if (w->indexed) w->at = ov->heads[key_hash(w->key) & (uint32_t)(ov->nbuckets - 1)];
    else w->at = ov->n - 1;
}

static const Supp *walk_next(OvWalk *w)
{
    while (w->at >= 0) {
        int i = w->indexed ? w->at / OV_KEYS : w->at;
        int t = w->indexed ? w->at % OV_KEYS : w->t;
        w->at = w->indexed ? w->ov->next[w->at] : w->at - 1;
        uint32_t key[3];
        const Supp *s = &w->ov->items[i];
        if (t == w->t && key_of(s, t, key) && key[0] == w->key[0] && key[1] == w->key[1] && key[2] == w->key[2])
            return s;
    }
    return NULL;
}

/* The newest join, leave, notice or refusal to renew of `who` in `org`
 * that decides its role on date d, or NULL: a notice (or a refusal to
 * renew) decides only from the day it ends the membership (the member is
 * then gone); before that, an older supposition or the world's records do. */
static const Supp *newest_pair(const Overlay *ov, EntId who, EntId org, Date d)
{
    OvWalk w;
    walk_start(&w, ov, KEY_PAIR, 1, who, org);
    for (const Supp *s; (s = walk_next(&w));)
        if ((s->kind != SUP_NOTICE && s->kind != SUP_NOT_RENEW) || d >= s->until) return s;
    return NULL;
}

Supp supp_from_ast(const World *w, const Supposition *s, Date at)
{
    Supp r;
    memset(&r, 0, sizeof r);
    r.kind = s->kind;
    r.a = world_find(w, s->a.sym);
    r.b = s->b.sym ? world_find(w, s->b.sym) : ENT_NONE;
    r.role = s->role ? s->role : ROLE_MEMBER;
    r.kind_sym = s->kind_name.sym;
    r.decision = s->decision;
    r.loc = s->loc;
    r.place = s->facts.place.sym ? world_find(w, s->facts.place.sym) : ENT_NONE;
    r.conflict = s->facts.conflict.sym ? world_find(w, s->facts.conflict.sym) : ENT_NONE;
    r.provoked = s->facts.provoked;
    r.demands = s->facts.demands;
    if (s->kind == SUP_SUSPENDED) {
        r.from = s->period.from != DATE_NONE ? s->period.from : at;
        r.until = s->period.until;
    }
    if (s->kind == SUP_NOTICE) {       /* checked: the organisation takes notice then */
        r.from = s->period.from;
        if (!r.b || notice_end(w, r.b, r.from, &r.until) < 0) r.until = DATE_END;
    }
    if (s->kind == SUP_NOT_RENEW) {    /* the end of the term running when supposed; none: no change */
        r.from = at;
        if (!r.b || term_end_at(w, r.b, at, &r.until) < 0) r.until = DATE_END;
    }
    return r;
}

int member_suspended_search(const Ctx *c, EntId who, EntId org, MemberEvent *why)
{
    OvWalk w;
    walk_start(&w, c->ov, KEY_PAIR, 5, who, org);
    for (const Supp *s; (s = walk_next(&w));)
        if (s->from <= c->date && c->date < s->until) {
            if (why) {
                why->text = NULL;          /* the caller words it */
                why->loc = s->loc;
                why->from = s->from;
                why->until = s->until;
            }
            return 1;
        }
    const MemberSusp *m = member_suspension_of(c->w, org, who, c->date);
    if (m && why) {
        why->text = m->text;
        why->loc = m->loc;
        why->from = m->from;
        why->until = m->until;
    }
    return m != NULL;
}

static int in_interval(Date d, const Membership *m) { return m->from <= d && d < m->until; }

Ctx ctx_make(const World *w, const Overlay *ov, Date date, Diag *diag, Arena *scratch)
{
    Ctx c;
    memset(&c, 0, sizeof c);
    c.w = w;
    c.ov = ov;
    c.date = date;
    c.diag = diag;
    c.scratch = scratch;
    return c;
}

Role role_of(const Ctx *c, EntId who, EntId org, Loc *why)
{
    const Supp *s = newest_pair(c->ov, who, org, c->date);
    if (s) {
        if (why) *why = s->loc;
        return s->kind == SUP_JOIN ? s->role : ROLE_NONE;
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

int notice_pending(const Ctx *c, EntId who, EntId org, MemberEvent *why)
{
    OvWalk w;
    walk_start(&w, c->ov, KEY_PAIR, 1, who, org);
    for (const Supp *s; (s = walk_next(&w));) {
        if (s->kind == SUP_NOT_RENEW) continue;
        if (s->kind != SUP_NOTICE) return 0;          /* a newer join or leave decides */
        if (s->from <= c->date && c->date < s->until) {
            why->text = NULL;
            why->loc = s->loc;
            why->from = s->from;
            why->until = s->until;
            return 1;
        }
    }
    const Notice *n = notice_running(c->w, org, who, c->date);
    if (!n) return 0;
    why->text = NULL;
    why->loc = n->loc;
    why->from = n->given;
    why->until = n->ends;
    return 1;
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
    OvWalk w;
    walk_start(&w, c->ov, KEY_PAIR, 2, org, 0);
    const Supp *s = walk_next(&w);
    if (s) { if (why) *why = s->loc; return s->kind_sym; }
    if (why) *why = org_info(c->w, org)->kind_loc;
    return org_info(c->w, org)->org_kind;
}

const Decision *decision_of(const Ctx *c, EntId org, Loc *why)
{
    OvWalk w;
    walk_start(&w, c->ov, KEY_PAIR, 6, org, 0);
    const Supp *s = walk_next(&w);
    if (s) { if (why) *why = s->loc; return &s->decision; }
    const OrgInfo *o = org_info(c->w, org);
    int lo = 0, hi = o->decisions.n;            /* the last rule that starts on or before the date */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (o->decisions.items[mid].from <= c->date) lo = mid + 1; else hi = mid;
    }
    if (lo == 0 || c->date >= o->decisions.items[lo - 1].until) return NULL;
    if (why) *why = o->decisions.items[lo - 1].loc;
    return &o->decisions.items[lo - 1];
}

int entlist_has(const EntList *l, EntId id)
{
    for (int i = 0; i < l->n; i++) if (l->items[i] == id) return 1;
    return 0;
}

int entid_cmp(const void *a, const void *b)
{
    EntId x = *(const EntId *)a, y = *(const EntId *)b;
    return x < y ? -1 : x > y;
}

void sort_unless_sorted(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    const char *p = base;
    size_t i = 1;
    while (i < n && cmp(p + (i - 1) * size, p + i * size) <= 0) i++;
    if (i < n) qsort(base, n, size, cmp);
}

void entlist_drop_repeats(EntList *l)
{
    int k = 0;
    for (int i = 0; i < l->n; i++)
        if (!k || l->items[k - 1] != l->items[i]) l->items[k++] = l->items[i];
    l->n = k;
}

EntList entlist_ids(Arena *a, const EntList *l)
{
    EntList s = { 0 };
    if (!l->n) return s;
    vec_reserve(a, &s, l->n);
    memcpy(s.items, l->items, (size_t)l->n * sizeof *l->items);
    s.n = l->n;
    sort_unless_sorted(s.items, (size_t)s.n, sizeof *s.items, entid_cmp);
    entlist_drop_repeats(&s);
    return s;
}

int entlist_has_id(const EntList *ids, EntId id)
{
    return ids->n && bsearch(&id, ids->items, (size_t)ids->n, sizeof id, entid_cmp) != NULL;
}

void entlist_keep_first(Arena *a, EntList *l)
{
    if (l->n < 2) return;                 /* nothing to repeat (most answers name no attacker) */
    EntList ids = entlist_ids(a, l);
    char *taken = arena_alloc(a, (size_t)(ids.n ? ids.n : 1));
    int k = 0;
    for (int i = 0; i < l->n; i++) {
        const EntId *at = bsearch(&l->items[i], ids.items, (size_t)ids.n, sizeof *at, entid_cmp);
        if (taken[at - ids.items]) continue;
        taken[at - ids.items] = 1;
        l->items[k++] = l->items[i];
    }
    l->n = k;
}

const char *entlist_text(const World *w, Arena *a, const EntList *l)
{
    size_t len = 1;
    for (int i = 0; i < l->n; i++) len += strlen(ent_name(w, l->items[i])) + 2;
    char *s = arena_alloc_bytes(a, len), *end = s;
    for (int i = 0; i < l->n; i++) {       /* one pass: each name is copied once */
        if (i) { memcpy(end, ", ", 2); end += 2; }
        size_t n = strlen(ent_name(w, l->items[i]));
        memcpy(end, ent_name(w, l->items[i]), n);
        end += n;
    }
    *end = '\0';
    return s;
}

/* Sorting records that carry their key keeps qsort free of global state. */
typedef struct Named { const char *name; EntId id; } Named;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const Named *)a)->name, ((const Named *)b)->name);
}

typedef struct Ranked { uint32_t rank; EntId id; } Ranked;

static int by_rank(const void *a, const void *b)
{
    uint32_t x = ((const Ranked *)a)->rank, y = ((const Ranked *)b)->rank;
    return x < y ? -1 : x > y;
}

/* By the world's ranks of names (world_index_names): numbers compared, not
 * strings.  0 when some entity has no rank (the world is still being read). */
static int sort_by_rank(const World *w, EntList *l)
{
    const uint32_t *rank = w->name_rank;
    if (!rank) return 0;
    for (int i = 0; i < l->n; i++)
        if (l->items[i] >= w->nranked) return 0;
    int sorted = 1;                    /* often so already (one organisation's members): one pass */
    for (int i = 1; i < l->n && sorted; i++) sorted = rank[l->items[i - 1]] <= rank[l->items[i]];
    if (sorted) return 1;
    if (l->n <= 16) {                  /* insertion: few moves for a short list */
        for (int i = 1; i < l->n; i++) {
            EntId x = l->items[i];
            int j = i;
            for (; j > 0 && rank[l->items[j - 1]] > rank[x]; j--) l->items[j] = l->items[j - 1];
            l->items[j] = x;
        }
        return 1;
    }
    Ranked *tmp = xmalloc((size_t)l->n * sizeof *tmp);
    for (int i = 0; i < l->n; i++) { tmp[i].rank = rank[l->items[i]]; tmp[i].id = l->items[i]; }
    qsort(tmp, (size_t)l->n, sizeof *tmp, by_rank);
    for (int i = 0; i < l->n; i++) l->items[i] = tmp[i].id;
    free(tmp);
    return 1;
}

void sort_by_name(const World *w, EntList *l)
{
    if (l->n < 2 || sort_by_rank(w, l)) return;
    int sorted = 1;                    /* often so already (one organisation's members): one pass */
    for (int i = 1; i < l->n && sorted; i++)
        sorted = strcmp(ent_name(w, l->items[i - 1]), ent_name(w, l->items[i])) <= 0;
    if (sorted) return;
    Named small[64];
    Named *tmp = l->n <= 64 ? small : xmalloc((size_t)l->n * sizeof *tmp);
    for (int i = 0; i < l->n; i++) { tmp[i].name = ent_name(w, l->items[i]); tmp[i].id = l->items[i]; }
    qsort(tmp, (size_t)l->n, sizeof *tmp, by_name);
    for (int i = 0; i < l->n; i++) l->items[i] = tmp[i].id;
    if (tmp != small) free(tmp);
}

/* Does `who` hold a record of the world (not of the overlay) in `org` at the date? */
static int holds_record(const Ctx *c, EntId who, EntId org)
{
    const Entity *e = ent(c->w, who);
    for (int i = 0; i < e->as_holder.n; i++) {
        const Membership *m = mem_held(c->w, e, i);
        if (m->org == org && in_interval(c->date, m)) return 1;
    }
    return 0;
}

/* The world's records of org at the date count unless a supposition about
 * the pair overrides them; a join counts when it is the newest supposition
 * about its pair and no record of the world was already counted.  The
 * resolver forbids overlapping records of one holder in one organisation,
 * so nobody is listed twice. */
void holders_of(const Ctx *c, EntId org, Role role, EntList *out)
{
    const OrgInfo *o = org_info(c->w, org);
    for (int i = 0; i < o->as_org.n; i++) {
        const Membership *m = mem_of(c->w, o, i);
        if (!in_interval(c->date, m)) continue;
        const Supp *s = newest_pair(c->ov, m->who, org, c->date);
        Role r = !s ? m->role : s->kind == SUP_JOIN ? s->role : ROLE_NONE;
        if (r == role) vec_push(c->scratch, out, m->who);
    }
    OvWalk w;
    walk_start(&w, c->ov, KEY_ORG, 4, org, 0);
    for (const Supp *s; (s = walk_next(&w));)
        if (s->role == role && newest_pair(c->ov, s->a, org, c->date) == s && !holds_record(c, s->a, org))
            vec_push(c->scratch, out, s->a);
    sort_by_name(c->w, out);
}

void orgs_held(const Ctx *c, EntId who, Role role, EntList *out)
{
    const Entity *e = ent(c->w, who);
    for (int i = 0; i < e->as_holder.n; i++) {
        const Membership *m = mem_held(c->w, e, i);
        if (!in_interval(c->date, m)) continue;
        const Supp *s = newest_pair(c->ov, who, m->org, c->date);
        Role r = !s ? m->role : s->kind == SUP_JOIN ? s->role : ROLE_NONE;
        if (r == role) vec_push(c->scratch, out, m->org);
    }
    OvWalk w;
    walk_start(&w, c->ov, KEY_HOLDER, 3, who, 0);
    for (const Supp *s; (s = walk_next(&w));)
        if (s->role == role && newest_pair(c->ov, who, s->b, c->date) == s && !holds_record(c, who, s->b))
            vec_push(c->scratch, out, s->b);
    sort_by_name(c->w, out);
}
