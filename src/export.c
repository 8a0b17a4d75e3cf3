/* export.c — a world's obligations as dyad-years (see export.h).
 *
 * A sweep, not a query per pair and year: for each organisation, the days
 * on which anything about it can change (its founding and dissolution, the
 * start and end of each membership, obligation, suspension and suspended
 * member, and of the suppositions about it) cut time into spans in which
 * its obligations are the same on every day.  Each span is read once, on
 * its first day: who owes whom what, and whether with conditions.  Each
 * pair bound in a span is one segment of years: every year the span meets
 * (or, with --on MM-DD, every year whose MM-DD it holds).  Each
 * organisation's segments are sorted by pair (code or name) and first
 * year, the organisations' runs merged by a heap, and each pair's segments
 * swept year by year into rows: n log n in the segments, no second copy of
 * them, and the rows are never held. */
#include "export.h"
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

/* A segment: the pair r1 owes r2 the kinds `bits` (K_*) in the years
 * year..last.  r1, r2: the parties' places in the order of the rows
 * (Ranks).  16 bytes: a world of 100 copies of ATOP's has two million. */
typedef struct Row { uint32_t r1, r2; int16_t year, last; uint8_t bits; } Row;

/* The order of the parties in the rows: by code (the measure ccode; those
 * without one last), then by id; or, with by_names, by name.  ent[i] is
 * the party at place i, rank[e] the place of entity e, code[e] its code
 * (UINT32_MAX: none; by name, NULL).  key_at: NULL when no two parties
 * share a code; else key_at[i] is the first place with the code of place
 * i, and rows are ordered by the codes of both parties before their ids. */
typedef struct Ranks { uint32_t *rank, *code, *key_at; EntId *ent; } Ranks;
/* Rows outside the arena: they are the bulk of the memory, and an arena
 * would zero every block and keep every outgrown copy. */
typedef struct RowList { Row *items; size_t n, cap; } RowList;

static void row_push(RowList *l, Row r)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 4096;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->n++] = r;
}

static unsigned kind_bit(OblKind k)
{
    switch (k) {
    case OB_DEFENCE: return K_DEFENCE;
    case OB_OFFENCE: return K_OFFENCE;
    case OB_NEUTRALITY: return K_NEUTRAL;
    case OB_NON_AGGRESSION: return K_NONAGG;
    case OB_CONSULTATION: return K_CONSUL;
    }
    return 0;
}

static int by_date(const void *a, const void *b)
{
    Date x = *(const Date *)a, y = *(const Date *)b;
    return x < y ? -1 : x > y;
}

static void add_date(Arena *a, DateList *l, Date d)
{
    if (d != DATE_NONE && d != DATE_END) vec_push(a, l, d);
}

/* The days on which something about org may change, sorted, without repeats. */
void change_days(const World *w, const Overlay *ov, EntId org, Arena *a, DateList *out)
{
    const Entity *e = ent(w, org);
    const OrgInfo *o = e->org;
    add_date(a, out, e->founded);
    add_date(a, out, o->dissolved);
    for (int i = 0; i < o->as_org.n; i++) {
        const Membership *m = mem_of(w, o, i);
        add_date(a, out, m->from);
        add_date(a, out, m->until);
    }
    for (int i = 0; i < o->obls.n; i++) {
        const Obligation *ob = &w->obls.items[o->obls.at + (uint32_t)i];
        add_date(a, out, ob->from);
        add_date(a, out, ob->until);
    }
    for (int i = 0; i < o->susps.n; i++) {
        const Suspension *s = &w->susps.items[o->susps.at + (uint32_t)i];
        add_date(a, out, s->from);
        add_date(a, out, s->until);
    }
    for (int i = 0; i < o->msusps.n; i++) {
        const MemberSusp *s = &w->msusps.items[o->msusps.at + (uint32_t)i];
        add_date(a, out, s->from);
        add_date(a, out, s->until);
    }
    for (int i = 0; ov && i < ov->n; i++)
        if (ov->items[i].a == org || ov->items[i].b == org) {
            add_date(a, out, ov->items[i].from);
            add_date(a, out, ov->items[i].until);
        }
    if (out->n > 1) qsort(out->items, (size_t)out->n, sizeof *out->items, by_date);
    int k = 0;
    for (int i = 0; i < out->n; i++)
        if (!k || out->items[i] != out->items[k - 1]) out->items[k++] = out->items[i];
    out->n = k;
}

/* The years a span [from, until) counts for: every year it meets, or with
 * --on, every year whose day MM-DD it holds (a year without that day, such
 * as February 29th in 2015, counts for nothing). */
static void span_years(const ExportOptions *o, Date from, Date until, int *first, int *last)
{
    int y0 = from / 10000, y1 = (until - 1) / 10000;
    if (until % 10000 == 101) y1 = until / 10000 - 1;       /* ends on a January 1st */
    if (o->on_month) {
        int md = o->on_month * 100 + o->on_day;
        if (from % 10000 > md) y0++;
        y1 = until % 10000 <= md ? until / 10000 - 1 : until / 10000;
    }
    *first = y0 > o->from ? y0 : o->from;
    *last = y1 < o->to ? y1 : o->to;
}

static int day_exists(int y, int m, int d)
{
    static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && d == 29) return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1];
}

/* Rows by the first party's key, the second's, the first's id, the
 * second's, then by first year.  With no key shared, the places alone
 * give that order (key_at is NULL). */
static int row_cmp_ids(const Row *x, const Row *y, const uint32_t *key_at)
{
    if (key_at) {
        uint32_t a = key_at[x->r1], b = key_at[y->r1];
        if (a != b) return a < b ? -1 : 1;
        a = key_at[x->r2], b = key_at[y->r2];
        if (a != b) return a < b ? -1 : 1;
    }
    if (x->r1 != y->r1) return x->r1 < y->r1 ? -1 : 1;
    if (x->r2 != y->r2) return x->r2 < y->r2 ? -1 : 1;
    return x->year < y->year ? -1 : x->year > y->year;
}

static void merge_rows(const Row *x, size_t nx, const Row *y, size_t ny, Row *to, const uint32_t *key_at)
{
    size_t i = 0, j = 0;
    while (i < nx && j < ny) *to++ = row_cmp_ids(&y[j], &x[i], key_at) < 0 ? y[j++] : x[i++];
    while (i < nx) *to++ = x[i++];
    while (j < ny) *to++ = y[j++];
}

/* One organisation's segments [at, end) sorted by pair and first year: a
 * merge sort, as qsort does it, but with the comparison inline and rows
 * moved whole, not through calls; tmp holds end - at rows. */
static void sort_run(Row *run, size_t n, Row *tmp, const uint32_t *key_at)
{
    Row *src = run, *dst = tmp;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = n - lo > width ? lo + width : n, hi = n - mid > width ? mid + width : n;
            merge_rows(src + lo, mid - lo, src + mid, hi - mid, dst + lo, key_at);
        }
        Row *t = src; src = dst; dst = t;
    }
    if (src != run) memcpy(run, src, n * sizeof *run);
}

/* The organisations' sorted runs of segments, merged by a heap of their
 * heads: every segment in pair and year order, with no second copy of
 * them all (a global sort would need one: at 100x, 28 bytes a segment
 * for millions of segments). */
typedef struct RunHead { size_t at, end; } RunHead;
typedef struct RunHeap { RunHead *items; size_t n; const Row *rows; const uint32_t *key_at; } RunHeap;

static int head_before(const RunHeap *h, size_t i, size_t j)
{
    return row_cmp_ids(&h->rows[h->items[i].at], &h->rows[h->items[j].at], h->key_at) < 0;
}

static void heap_down(RunHeap *h, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < h->n && head_before(h, l, m)) m = l;
        if (r < h->n && head_before(h, r, m)) m = r;
        if (m == i) return;
        RunHead t = h->items[i]; h->items[i] = h->items[m]; h->items[m] = t;
        i = m;
    }
}

/* The runs [run_at[k], run_at[k + 1]) each sorted, then put in a heap. */
static void runs_heap(RowList *rows, const size_t *run_at, size_t nruns, const uint32_t *key_at, RunHeap *h)
{
    size_t longest = 1;
    for (size_t k = 0; k < nruns; k++)
        if (run_at[k + 1] - run_at[k] > longest) longest = run_at[k + 1] - run_at[k];
    Row *tmp = xmalloc(longest * sizeof *tmp);
    h->items = xmalloc((nruns ? nruns : 1) * sizeof *h->items);
    h->n = 0;
    h->rows = rows->items;
    h->key_at = key_at;
    for (size_t k = 0; k < nruns; k++) {
        if (run_at[k + 1] == run_at[k]) continue;
        sort_run(rows->items + run_at[k], run_at[k + 1] - run_at[k], tmp, key_at);
        h->items[h->n].at = run_at[k];
        h->items[h->n].end = run_at[k + 1];
        h->n++;
    }
    free(tmp);
    for (size_t i = h->n; i-- > 0;) heap_down(h, i);
}

/* The next segment in pair and year order, or NULL when none is left. */
static const Row *heap_next(RunHeap *h)
{
    if (!h->n) return NULL;
    const Row *r = &h->rows[h->items[0].at++];
    if (h->items[0].at == h->items[0].end) h->items[0] = h->items[--h->n];
    heap_down(h, 0);
    return r;
}

static int by_id(const void *p, const void *q)
{
    EntId x = *(const EntId *)p, y = *(const EntId *)q;
    return x < y ? -1 : x > y;
}

/* An obligation in force, by its first obliged party: taken in that
 * order, those of one named party each (ATOP's shape) come together, and
 * the bonds of one party after another come out in order. */
typedef struct OblAt { EntId first; uint32_t at; } OblAt;

static int by_first(const void *p, const void *q)
{
    const OblAt *x = p, *y = q;
    if (x->first != y->first) return x->first < y->first ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

static int bond_before(const Bond *x, const Bond *y) { return x->a < y->a || (x->a == y->a && x->b < y->b); }

/* The end of the run (bonds in order) that begins at lo. */
static size_t run_end(const Bond *b, size_t lo, size_t n)
{
    size_t i = lo + 1;
    while (i < n && !bond_before(&b[i], &b[i - 1])) i++;
    return i;
}

static void merge_bonds(const Bond *x, size_t nx, const Bond *y, size_t ny, Bond *to)
{
    size_t i = 0, j = 0;
    while (i < nx && j < ny) *to++ = bond_before(&y[j], &x[i]) ? y[j++] : x[i++];
    while (i < nx) *to++ = x[i++];
    while (j < ny) *to++ = y[j++];
}

/* The bonds sorted by (a, b).  They come in runs already in order (one for
 * each obliged party of each group of obligations, its parties owed being
 * sorted by id), so runs are merged two by two until one is left:
 * n log(runs). */
static void sort_bonds(BondList *l)
{
    if (l->n < 2 || run_end(l->items, 0, l->n) == l->n) return;
    Bond *src = l->items, *dst = xmalloc(l->cap * sizeof *dst);
    size_t runs;
    do {
        runs = 0;
        for (size_t lo = 0; lo < l->n; runs++) {
            size_t mid = run_end(src, lo, l->n), hi = mid < l->n ? run_end(src, mid, l->n) : mid;
            merge_bonds(src + lo, mid - lo, src + mid, hi - mid, dst + lo);
            lo = hi;
        }
        Bond *t = src; src = dst; dst = t;
    } while (runs > 1);
    free(dst);                         /* the one not holding the result */
    l->items = src;
}

/* Whether the bonds are in order, each pair once (as they come when no
 * two groups of obligations have an obliged party in common). */
static int in_order_once(const BondList *l)
{
    for (size_t i = 1; i < l->n; i++)
        if (!bond_before(&l->items[i - 1], &l->items[i])) return 0;
    return 1;
}

/* The bonds x owes, as joined in acc for the parties `to`, added to out. */
static void put_owed(BondList *out, EntId x, const EntList *to, Bond *acc)
{
    if (out->cap - out->n < (size_t)to->n) {
        while (out->cap - out->n < (size_t)to->n) out->cap = out->cap ? out->cap * 2 : 256;
        out->items = xrealloc(out->items, out->cap * sizeof *out->items);
    }
    Bond *next = out->items + out->n;
    for (int q = 0; q < to->n; q++)
        if (acc[q].kinds) {
            acc[q].a = x;
            acc[q].b = to->items[q];
            *next++ = acc[q];
        }
    out->n = (size_t)(next - out->items);
}

/* Which of the parties `to` of ob may be owed on the span's day: not
 * excepted, not a suspended member.  For the members, whether suspended is
 * known already (mok: not suspended): it is asked once for each party, not
 * each pair. */
static const unsigned char *owed_ok(Ctx *c, EntId org, const Obligation *ob, const EntList *to,
                                   const unsigned char *mok, unsigned char *ok)
{
    if (ob->to_members && !except_beneficiaries_of(ob)->n) return mok;       /* the members not suspended */
    for (int q = 0; q < to->n; q++) {
        EntId y = to->items[q];
        int susp = ob->to_members ? !mok[q] : member_suspended(c, y, org, NULL);
        ok[q] = !susp && !entlist_has_id(except_beneficiaries_of(ob), y);
    }
    return ok;
}

/* Whether x, an obliged party, may owe anything on the span's day: a member
 * not suspended (for `members`, mok_x: known already). */
static int may_owe(Ctx *c, EntId org, int by_members, EntId x, int mok_x)
{
    if (by_members) return mok_x;
    return !member_suspended(c, x, org, NULL) && role_of(c, x, org, NULL) == ROLE_MEMBER;
}

/* What x owes each party of `to` under ob, joined into acc (one entry for
 * each, kinds 0 while nothing is owed). */
static void add_owed(const World *w, EntId org, const Obligation *ob, EntId x, const EntList *to,
                     const unsigned char *ok, Bond *acc, Date d)
{
    unsigned kind = kind_bit(ob->kind), open = ob->conds.n || ob->outsiders ? kind : 0;
    unsigned bits = ob->kind == OB_DEFENCE && !open ? kind | K_UNCOND_DEFENCE : kind;
    int any_susp = org_info(w, org)->susps.n > 0;       /* none: no search */
    for (int q = 0; q < to->n; q++) {
        EntId y = to->items[q];
        if (x == y || !ok[q]) continue;
        if (any_susp && suspension_of(w, org, ob->kind, x, y, d)) continue;
        acc[q].kinds |= bits;
        acc[q].open |= open;
        acc[q].firm |= open ? 0 : kind;
    }
}

/* An obligation of one named party to the members (ATOP's shape): those of
 * one party are taken together, their bonds joined as they are made. */
static int one_to_members(const Obligation *ob) { return !ob->by_members && ob->to_members && ob->obliged.n == 1; }

/* Who owes whom what under org on day d (export.h): each pair once, with
 * all its kinds.  Each obliged party's bonds under a group of obligations
 * (one, or those of one party to the members) are joined in acc and come
 * out as a run in order; runs out of order are merged and pairs still
 * repeated joined. */
void bonds_at(Ctx *c, EntId org, Date d, BondList *out)
{
    const World *w = c->w;
    const OrgInfo *o = org_info(w, org);
    c->date = d;
    out->n = 0;
    if (!org_active(c, org)) return;
    EntList members = { 0 };
    holders_of(c, org, ROLE_MEMBER, &members);
    if (members.n > 1) qsort(members.items, (size_t)members.n, sizeof *members.items, by_id);   /* runs of bonds */
    size_t most = (size_t)members.n;                        /* the longest list of parties owed */
    for (int i = 0; i < o->obls.n; i++) {
        const Obligation *ob = &w->obls.items[o->obls.at + (uint32_t)i];
        if (!ob->to_members && (size_t)ob->beneficiaries.n > most) most = (size_t)ob->beneficiaries.n;
    }
    unsigned char *mok = xmalloc(2 * most + 1), *ok = mok + most;
    Bond *acc = xmalloc((most + 1) * sizeof *acc);
    for (int q = 0; q < members.n; q++) mok[q] = !member_suspended(c, members.items[q], org, NULL);
    OblAt *order = xmalloc(((size_t)o->obls.n + 1) * sizeof *order);
    size_t norder = 0;
    for (int i = 0; i < o->obls.n; i++) {
        const Obligation *ob = &w->obls.items[o->obls.at + (uint32_t)i];
        if (d < ob->from || d >= ob->until) continue;
        const EntList *by = ob->by_members ? &members : &ob->obliged;
        order[norder].first = by->n ? by->items[0] : 0;
        order[norder++].at = o->obls.at + (uint32_t)i;
    }
    if (norder > 1) qsort(order, norder, sizeof *order, by_first);
    for (size_t i = 0, j; i < norder; i = j) {
        const Obligation *ob = &w->obls.items[order[i].at];
        for (j = i + 1; j < norder && one_to_members(ob); j++) {
            const Obligation *next = &w->obls.items[order[j].at];
            if (!one_to_members(next) || next->obliged.items[0] != ob->obliged.items[0]) break;
        }
        const EntList *by = ob->by_members ? &members : &ob->obliged;
        const EntList *to = ob->to_members ? &members : &ob->beneficiaries;
        const unsigned char *owed = j == i + 1 ? owed_ok(c, org, ob, to, mok, ok) : NULL;   /* once for all its parties */
        for (int p = 0; p < by->n; p++) {
            EntId x = by->items[p];
            int x_ok = -1;             /* may_owe(): the same for the group (all `members`, or none), asked once */
            memset(acc, 0, (size_t)to->n * sizeof *acc);
            for (size_t g = i; g < j; g++) {
                const Obligation *og = &w->obls.items[order[g].at];
                if (entlist_has_id(except_obliged_of(og), x)) continue;
                if (x_ok < 0) x_ok = may_owe(c, org, og->by_members, x, og->by_members ? mok[p] : 0);
                if (!x_ok) continue;
                add_owed(w, org, og, x, to, j == i + 1 ? owed : owed_ok(c, org, og, to, mok, ok), acc, d);
            }
            put_owed(out, x, to, acc);
        }
    }
    free(acc);
    free(mok);
    free(order);
    if (in_order_once(out)) return;
    /* one bond per pair: sorted by (a, b), kinds joined */
    sort_bonds(out);
    size_t k = 0;
    for (size_t i = 0; i < out->n; i++) {
        Bond *b = &out->items[i];
        if (k && out->items[k - 1].a == b->a && out->items[k - 1].b == b->b) {
            out->items[k - 1].kinds |= b->kinds;
            out->items[k - 1].open |= b->open;
            out->items[k - 1].firm |= b->firm;
        } else
            out->items[k++] = *b;
    }
    out->n = k;
}

/* The bonds of an organisation's last span read, and the segment each
 * went to: a pair bound alike in the next span, in the years that follow,
 * lengthens its segment rather than starting one (most spans of an
 * organisation differ from the one before by a member or two). */
typedef struct SpanMemo { BondList prev, cur; size_t *prev_row, *cur_row, cap; } SpanMemo;

static void memo_free(SpanMemo *m)
{
    free(m->prev.items);
    free(m->cur.items);
    free(m->prev_row);
    free(m->cur_row);
}

/* Each bond of the span, as a segment of years: a new one, or the pair's
 * segment of the span before, lengthened. */
static void read_span(Ctx *c, EntId org, Date d, int y0, int y1, const ExportOptions *opt, RowList *rows,
                      SpanMemo *m, const uint32_t *rank)
{
    bonds_at(c, org, d, &m->cur);
    if (m->cur.n > m->cap) {
        m->cap = m->cur.n;
        m->prev_row = xrealloc(m->prev_row, m->cap * sizeof *m->prev_row);
        m->cur_row = xrealloc(m->cur_row, m->cap * sizeof *m->cur_row);
    }
    size_t j = 0;
    for (size_t i = 0; i < m->cur.n; i++) {
        const Bond *b = &m->cur.items[i];
        /* both spans' bonds are sorted by (a, b): a merge finds the pair's bond before */
        while (j < m->prev.n && (m->prev.items[j].a < b->a || (m->prev.items[j].a == b->a && m->prev.items[j].b < b->b)))
            j++;
        if (j < m->prev.n && m->prev.items[j].a == b->a && m->prev.items[j].b == b->b) {
            Row *r = &rows->items[m->prev_row[j]];
            if (r->bits == b->kinds && r->last >= y0 - 1) {
                if (y1 > r->last) r->last = (int16_t)y1;
                m->cur_row[i] = m->prev_row[j];
                continue;
            }
        }
        Row r = { rank[b->a], rank[b->b], (int16_t)y0, (int16_t)y1, (uint8_t)b->kinds };
        if (opt->undirected && r.r1 > r.r2) {     /* one direction: the party placed first first */
            r.r1 = rank[b->b]; r.r2 = rank[b->a];
        }
        row_push(rows, r);
        m->cur_row[i] = rows->n - 1;
    }
    BondList t = m->prev;
    m->prev = m->cur;
    m->cur = t;
    size_t *tr = m->prev_row;
    m->prev_row = m->cur_row;
    m->cur_row = tr;
}

/* The output through one buffer.  A row is three texts: the pair's (its
 * parties, made once for each pair), the year, and the kinds' (one of 64,
 * made once): the bulk of the cost once the segments are known, so a row
 * is three copies and four digits. */
enum {
    KINDS_MAX = 128,           /* the longest kinds text (JSON's) and more */
    OUT_CAP = 1 << 16,         /* the buffer's size */
    CHUNK = 16                 /* texts of a row are copied 16 bytes at a time (a move or two, not a call) */
};
typedef struct Out {
    FILE *f;
    ExportFormat fmt;
    char *pair;                /* the pair's text (malloc-owned): JSON's begins ",\n  " */
    size_t pair_n, pair_cap;
    size_t kinds_n;            /* the length of every kinds text */
    char kinds[64][KINDS_MAX]; /* by the bits K_*: ",1,0,0,0,1,0\n" and the like */
    size_t n;
    char buf[OUT_CAP + CHUNK];  /* room for the last chunk's overshoot */
} Out;

static void out_flush(Out *o)
{
    if (o->n) fwrite(o->buf, 1, o->n, o->f);
    o->n = 0;
}

static void out_bytes(Out *o, const char *s, size_t len)
{
    if (o->n + len > OUT_CAP) out_flush(o);
    if (len > OUT_CAP) { fwrite(s, 1, len, o->f); return; }
    memcpy(o->buf + o->n, s, len);
    o->n += len;
}

static void out_str(Out *o, const char *s) { out_bytes(o, s, strlen(s)); }

/* v in decimal at p (at most 20 bytes); returns the end. */
static char *put_long(char *p, long v)
{
    char tmp[24];
    int k = 0;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do { tmp[k++] = (char)('0' + u % 10); u /= 10; } while (u);
    if (v < 0) tmp[k++] = '-';
    while (k) *p++ = tmp[--k];
    return p;
}

/* A year at p: four digits two at a time (the years of nearly every row),
 * others as any number. */
static char *put_year(char *p, int year)
{
    static const char two[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                              "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                              "8081828384858687888990919293949596979899";
    if (year < 1000 || year > 9999) return put_long(p, year);
    memcpy(p, two + 2 * (year / 100), 2);
    memcpy(p + 2, two + 2 * (year % 100), 2);
    return p + 4;
}

/* Whole chunks of s, len rounded up: both ends have CHUNK bytes to spare. */
static char *put_chunks(char *p, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i += CHUNK) memcpy(p + i, s + i, CHUNK);
    return p + len;
}

static void pair_add(Out *o, const char *s, size_t len)
{
    if (o->pair_n + len + CHUNK > o->pair_cap) {     /* CHUNK to spare, for put_chunks */
        while (o->pair_n + len + CHUNK > o->pair_cap) o->pair_cap = o->pair_cap ? o->pair_cap * 2 : 256;
        o->pair = xrealloc(o->pair, o->pair_cap);
    }
    memcpy(o->pair + o->pair_n, s, len);
    o->pair_n += len;
}

static void pair_str(Out *o, const char *s) { pair_add(o, s, strlen(s)); }

/* A party: its code, or (a code below 0) its name, quoted in JSON. */
static void pair_party(Out *o, const char *name, long code)
{
    if (code >= 0) {
        char t[24];
        pair_add(o, t, (size_t)(put_long(t, code) - t));
        return;
    }
    if (o->fmt != EXPORT_JSON) { pair_str(o, name); return; }
    json_t *j = json_string(name);           /* jansson escapes it */
    char *s = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
    if (s) pair_str(o, s);
    free(s);
    json_decref(j);
}

static const char *const columns[] = { "ccode1", "ccode2", "year", "atop_defense", "atop_offense", "atop_neutral",
                                       "atop_nonagg", "atop_consul", "defense_unconditional" };

static const unsigned bit_of[] = { K_DEFENCE, K_OFFENCE, K_NEUTRAL, K_NONAGG, K_CONSUL, K_UNCOND_DEFENCE };

/* The end of the pair's text: what put_chunks reads beyond it is set. */
static void end_pair(Out *o) { memset(o->pair + o->pair_n, 0, CHUNK); }

/* The text of each pair's rows up to the year. */
static void begin_pair(Out *o, const char *name1, const char *name2, long code1, long code2)
{
    char sep = o->fmt == EXPORT_TSV ? '\t' : ',';
    o->pair_n = 0;
    if (o->fmt == EXPORT_JSON) {
        pair_str(o, ",\n  {\"ccode1\": ");
        pair_party(o, name1, code1);
        pair_str(o, ", \"ccode2\": ");
        pair_party(o, name2, code2);
        pair_str(o, ", \"year\": ");
        end_pair(o);
        return;
    }
    pair_party(o, name1, code1);
    pair_add(o, &sep, 1);
    pair_party(o, name2, code2);
    pair_add(o, &sep, 1);
    end_pair(o);
}

/* The text of each row after the year, for each set of kinds. */
static void make_kinds(Out *o)
{
    char sep = o->fmt == EXPORT_TSV ? '\t' : ',';
    memset(o->kinds, 0, sizeof o->kinds);      /* put_chunks reads whole chunks */
    for (unsigned bits = 0; bits < 64; bits++) {
        char *p = o->kinds[bits];
        for (int k = 0; k < 6; k++) {
            char digit = (bits & bit_of[k]) ? '1' : '0';
            if (o->fmt == EXPORT_JSON) {
                size_t len = strlen(columns[3 + k]);
                memcpy(p, ", \"", 3);
                memcpy(p + 3, columns[3 + k], len);
                memcpy(p + 3 + len, "\": ", 3);
                p += 6 + len;
            } else
                *p++ = sep;
            *p++ = digit;
        }
        *p++ = o->fmt == EXPORT_JSON ? '}' : '\n';
        o->kinds_n = (size_t)(p - o->kinds[bits]);
    }
}

static void write_header(Out *o)
{
    char sep = o->fmt == EXPORT_TSV ? '\t' : ',';
    if (o->fmt == EXPORT_JSON) { out_str(o, "["); return; }
    for (int k = 0; k < 9; k++) { out_str(o, columns[k]); out_bytes(o, k < 8 ? &sep : "\n", 1); }
}

/* One row of the pair begun: in JSON, the first goes without its comma. */
static void write_row(Out *o, int year, unsigned bits, int first)
{
    size_t skip = first && o->fmt == EXPORT_JSON;
    const char *pair = o->pair + skip;
    size_t pair_n = o->pair_n - skip, need = pair_n + 24 + o->kinds_n;
    if (o->n + need > OUT_CAP) out_flush(o);
    if (need > OUT_CAP) {              /* names longer than the buffer */
        char y[24];
        out_bytes(o, pair, pair_n);
        out_bytes(o, y, (size_t)(put_year(y, year) - y));
        out_bytes(o, o->kinds[bits & 63], o->kinds_n);
        return;
    }
    char *p = put_chunks(o->buf + o->n, pair, pair_n);
    p = put_year(p, year);
    p = put_chunks(p, o->kinds[bits & 63], o->kinds_n);
    o->n = (size_t)(p - o->buf);
}

/* Four digits one year on (from a year before 9999). */
static void next_year(char *digits)
{
    int i = 3;
    while (i > 0 && digits[i] == '9') digits[i--] = '0';
    digits[i]++;
}

/* The year after year, and its digits (they count from 1000). */
static int year_on(char *digits, int year)
{
    if (year >= 1000) next_year(digits);
    return year + 1;
}

static int has_day(const ExportOptions *opt, int year)
{
    return !opt->on_month || day_exists(year, opt->on_month, opt->on_day);
}

/* The rows of the pair begun for the years year..until-1 (with --on, those
 * that have the day), all with the same kinds; returns the rows written in
 * all.  The texts and the buffer's end are held in locals: every byte
 * stored through a char pointer could change the Out, as far as the
 * compiler knows. */
static long write_years(Out *o, const ExportOptions *opt, int year, int until, unsigned bits, long written)
{
    for (; year < until && !written; year++)       /* the first of all: JSON's without its comma */
        if (has_day(opt, year)) {
            write_row(o, year, bits, 1);
            written++;
        }
    const char *pair = o->pair, *kinds = o->kinds[bits & 63];
    size_t pair_n = o->pair_n, kinds_n = o->kinds_n, need = pair_n + 24 + kinds_n, n = o->n;
    if (need > OUT_CAP) {              /* names longer than the buffer */
        for (; year < until; year++)
            if (has_day(opt, year)) {
                write_row(o, year, bits, 0);
                written++;
            }
        return written;
    }
    int on_month = opt->on_month;
    char digits[4];                    /* the year's, counted on rather than written anew */
    put_year(digits, year < 1000 ? 1000 : year);
    for (; year < until; year = year_on(digits, year)) {
        if (on_month && !has_day(opt, year)) continue;
        written++;
        if (n + need > OUT_CAP) {
            o->n = n;
            out_flush(o);
            n = 0;
        }
        char *p = put_chunks(o->buf + n, pair, pair_n);
        if (year < 1000)
            p = put_long(p, year);
        else {
            memcpy(p, digits, 4);
            p += 4;
        }
        p = put_chunks(p, kinds, kinds_n);
        n = (size_t)(p - o->buf);
    }
    o->n = n;
    return written;
}

static void write_footer(Out *o)
{
    if (o->fmt == EXPORT_JSON) out_str(o, "\n]\n");
    out_flush(o);
}

/* The rows of one pair (begun): its segments (sorted by first year) swept
 * with the segments that cover the year kept in `active`.  The kinds stay
 * the same until a segment starts or one ends, so they are joined once for
 * each such run of years; years no segment covers are jumped over. */
static long write_pair(Out *o, const ExportOptions *opt, const Row *seg, size_t m, long written, size_t *active)
{
    size_t next = 0, na = 0;
    int year = seg[0].year;
    while (next < m || na) {
        if (!na && next < m && seg[next].year > year) year = seg[next].year;    /* a gap */
        while (next < m && seg[next].year <= year) active[na++] = next++;
        unsigned bits = 0;
        int until = next < m ? seg[next].year : opt->to + 1;     /* the first year that may differ */
        for (size_t i = 0; i < na; i++) {
            const Row *s = &seg[active[i]];
            bits |= s->bits;
            if (s->last < until) until = s->last + 1;
        }
        if (until <= year) until = year + 1;
        if (bits) written = write_years(o, opt, year, until, bits, written);
        year = until;
        size_t k = 0;                          /* those that end before this year go */
        for (size_t i = 0; i < na; i++) if (seg[active[i]].last >= year) active[k++] = active[i];
        na = k;
    }
    return written;
}

/* Each entity's sort key: its code (the measure ccode, when it has exactly
 * one value; UINT32_MAX when it has none), or with by_names, its rank by
 * name (sort_by_name, whatif.c). */
static uint32_t *entity_keys(const World *w, int by_names)
{
    uint32_t n = (uint32_t)w->ents.n;
    uint32_t *key = xcalloc(n ? n : 1, sizeof *key);
    Sym ccode = intern_lookup(&w->names, "ccode", 5);
    if (by_names && w->name_rank && w->nranked == n) {      /* the world's own ranks by name */
        memcpy(key, w->name_rank, (size_t)n * sizeof *key);
        return key;
    }
    if (by_names) {                       /* a world still being read: sorted here */
        EntList order = { xmalloc((n ? n : 1) * sizeof(EntId)), (int)n, (int)n };
        for (uint32_t e = 0; e < n; e++) order.items[e] = e;
        sort_by_name(w, &order);
        for (uint32_t i = 0; i < n; i++) key[order.items[i]] = i;
        free(order.items);
        return key;
    }
    for (uint32_t e = 1; e < n; e++) {
        const EntityExtra *x = ent_extra(&w->ents.items[e]);
        int found = 0;
        double v = 0;
        for (int i = 0; i < x->measures.n; i++)
            if (x->measures.items[i].name == ccode) { found++; v = x->measures.items[i].value; }
        if (found == 1 && v >= 0 && v < 4e9 && v == (double)(uint32_t)v) key[e] = (uint32_t)v;
        else key[e] = UINT32_MAX;      /* no code: names it is, if it shows in a row */
    }
    return key;
}

static int by_key_then_id(const void *p, const void *q)
{
    uint64_t x = *(const uint64_t *)p, y = *(const uint64_t *)q;
    return x < y ? -1 : x > y;
}

/* The parties' places (Ranks): n log n in the entities. */
static void ranks_make(const World *w, int by_names, Ranks *r)
{
    uint32_t n = (uint32_t)w->ents.n ? (uint32_t)w->ents.n : 1;
    uint32_t *key = entity_keys(w, by_names);
    r->rank = xmalloc(n * sizeof *r->rank);
    r->ent = xmalloc(n * sizeof *r->ent);
    r->key_at = NULL;
    r->code = NULL;
    if (by_names) {                       /* the ranks by name are places already, each its own */
        for (uint32_t e = 0; e < n; e++) r->ent[key[e]] = e;
        free(r->rank);
        r->rank = key;
        return;
    }
    uint64_t *order = xmalloc(n * sizeof *order);
    for (uint32_t e = 0; e < n; e++) order[e] = (uint64_t)(e < (uint32_t)w->ents.n ? key[e] : UINT32_MAX) << 32 | e;
    qsort(order, n, sizeof *order, by_key_then_id);
    int shared = 0;
    for (uint32_t i = 0; i < n; i++) {
        r->ent[i] = (EntId)(order[i] & 0xFFFFFFFFu);
        r->rank[r->ent[i]] = i;
        /* no code is a key too, but the rows of a party without one are
         * written by name: only the codes' ties count */
        shared |= i && order[i] >> 32 == order[i - 1] >> 32 && order[i] >> 32 != UINT32_MAX;
    }
    if (shared) {
        r->key_at = xmalloc(n * sizeof *r->key_at);
        for (uint32_t i = 0; i < n; i++)
            r->key_at[i] = i && order[i] >> 32 == order[i - 1] >> 32 ? r->key_at[i - 1] : i;
    }
    free(order);
    r->code = key;
}

static void ranks_free(Ranks *r)
{
    free(r->rank);
    free(r->ent);
    free(r->key_at);
    free(r->code);
}

long export_dyad_years(const World *w, const Overlay *ov, const ExportOptions *opt, FILE *out)
{
    if (opt->from < 1 || opt->to > 9998) {          /* a segment holds its years in 16 bits (Row) */
        errno = EDOM;
        return -1;
    }
    Arena a, runs_arena;
    arena_init(&a);
    arena_init(&runs_arena);
    Ctx c = ctx_make(w, ov, DATE_NONE, NULL, &a);      /* bonds_at() sets the date */
    RowList rows = { 0 };
    VEC(size_t) runs = { 0 };               /* where each organisation's segments start */
    SpanMemo memo;
    memset(&memo, 0, sizeof memo);
    int coded = 1;
    Ranks rk;
    ranks_make(w, 0, &rk);
    Date lo = (Date)opt->from * 10000 + 101, hi = (Date)(opt->to + 1) * 10000 + 101;
    for (EntId org = 1; org < (EntId)w->ents.n; org++) {
        if (w->ents.items[org].kind != ENT_ORG || !w->ents.items[org].org->obls.n) continue;
        DateList days = { 0 };
        add_date(&a, &days, lo);
        add_date(&a, &days, hi);
        change_days(w, ov, org, &a, &days);
        memo.prev.n = 0;                   /* segments are lengthened within one organisation */
        if (!runs.n || runs.items[runs.n - 1] != rows.n) vec_push(&runs_arena, &runs, rows.n);
        for (int i = 0; i + 1 < days.n; i++) {
            Date from = days.items[i], until = days.items[i + 1];
            if (until <= lo || from >= hi) continue;
            int y0, y1;
            span_years(opt, from, until, &y0, &y1);
            if (y0 > y1) continue;
            read_span(&c, org, from, y0, y1, opt, &rows, &memo, rk.rank);
        }
        arena_reset(&a);      /* its days and members are done with: the next reuses the memory */
    }
    memo_free(&memo);
    for (size_t i = 0; i < rows.n && coded; i++)
        if (rk.code[rk.ent[rows.items[i].r1]] == UINT32_MAX || rk.code[rk.ent[rows.items[i].r2]] == UINT32_MAX)
            coded = 0;
    if (!coded) {          /* some party has no code: every party by name */
        Ranks named;
        ranks_make(w, 1, &named);
        for (size_t i = 0; i < rows.n; i++) {
            Row *r = &rows.items[i];
            r->r1 = named.rank[rk.ent[r->r1]];
            r->r2 = named.rank[rk.ent[r->r2]];
            if (opt->undirected && r->r1 > r->r2) { uint32_t t = r->r1; r->r1 = r->r2; r->r2 = t; }
        }
        ranks_free(&rk);
        rk = named;
    }
    /* the segments in pair and first-year order; each pair written at once */
    vec_push(&runs_arena, &runs, rows.n);
    RunHeap heap;
    runs_heap(&rows, runs.items, (size_t)runs.n - 1, rk.key_at, &heap);
    Out *o = xmalloc(sizeof *o);
    o->f = out;
    o->fmt = opt->format;
    o->pair = NULL;
    o->pair_n = o->pair_cap = 0;
    o->n = 0;
    make_kinds(o);
    errno = 0;
    write_header(o);
    long n = 0;
    Row *pair = NULL;                      /* one pair's segments, gathered from the heap */
    size_t *active = NULL, np = 0, cap = 0;
    for (const Row *r = heap_next(&heap);; r = heap_next(&heap)) {
        if (np && (!r || r->r1 != pair[0].r1 || r->r2 != pair[0].r2)) {
            EntId x = rk.ent[pair[0].r1], y = rk.ent[pair[0].r2];
            begin_pair(o, ent_name(w, x), ent_name(w, y), coded ? (long)rk.code[x] : -1, coded ? (long)rk.code[y] : -1);
            n = write_pair(o, opt, pair, np, n, active);
            np = 0;
        }
        if (!r) break;
        if (np == cap) {
            cap = cap ? cap * 2 : 64;
            pair = xrealloc(pair, cap * sizeof *pair);
            active = xrealloc(active, cap * sizeof *active);
        }
        pair[np++] = *r;
    }
    write_footer(o);
    free(pair);
    free(active);
    free(heap.items);
    ranks_free(&rk);
    arena_free(&runs_arena);
    free(o->pair);
    free(o);
    free(rows.items);
    arena_free(&a);
    if (fflush(out) != 0 || ferror(out)) return -1;
    return n;
}
