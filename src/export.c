/* export.c — a world's obligations as dyad-years (see export.h).
 *
 * A sweep, not a query per pair and year: for each organisation, the days
 * on which anything about it can change (its founding and dissolution, the
 * start and end of each membership, obligation, suspension and suspended
 * member, and of the suppositions about it) cut time into spans in which
 * its obligations are the same on every day.  Each span is read once, on
 * its first day: who owes whom what, and whether with conditions.  The
 * span then counts for every year it meets (or, with --on MM-DD, every year
 * whose MM-DD it holds).  The rows are collected as (party, party, year,
 * kinds), sorted and merged: n log n in the rows. */
#include "export.h"
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

enum { K_DEFENCE = 1, K_OFFENCE = 2, K_NEUTRAL = 4, K_NONAGG = 8, K_CONSUL = 16, K_UNCOND_DEFENCE = 32 };

typedef struct Row { EntId a, b; int year; unsigned bits; } Row;
typedef VEC(Row) RowList;
typedef VEC(Date) DateList;

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
static void change_days(const World *w, const Overlay *ov, EntId org, Arena *a, DateList *out)
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
    qsort(out->items, (size_t)out->n, sizeof *out->items, by_date);
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

/* Who owes whom what under org on day d, for each year of the span. */
static void read_span(Ctx *c, EntId org, Date d, int y0, int y1, const ExportOptions *opt, RowList *rows, Arena *a)
{
    const World *w = c->w;
    const OrgInfo *o = org_info(w, org);
    c->date = d;
    if (!org_active(c, org)) return;
    EntList members = { 0 };
    holders_of(c, org, ROLE_MEMBER, &members);
    for (int i = 0; i < o->obls.n; i++) {
        const Obligation *ob = &w->obls.items[o->obls.at + (uint32_t)i];
        if (d < ob->from || d >= ob->until) continue;
        const EntList *by = ob->by_members ? &members : &ob->obliged;
        const EntList *to = ob->to_members ? &members : &ob->beneficiaries;
        unsigned bits = kind_bit(ob->kind);
        if (ob->kind == OB_DEFENCE && !ob->conds.n && !ob->outsiders) bits |= K_UNCOND_DEFENCE;
        for (int p = 0; p < by->n; p++) {
            EntId x = by->items[p];
            if (entlist_has_id(&ob->except_obliged, x) || member_suspended(c, x, org, NULL)) continue;
            if (!ob->by_members && role_of(c, x, org, NULL) != ROLE_MEMBER) continue;
            for (int q = 0; q < to->n; q++) {
                EntId y = to->items[q];
                if (x == y || entlist_has_id(&ob->except_beneficiaries, y) || member_suspended(c, y, org, NULL))
                    continue;
                if (suspension_of(w, org, ob->kind, x, y, d)) continue;
                for (int year = y0; year <= y1; year++) {
                    if (opt->on_month && !day_exists(year, opt->on_month, opt->on_day)) continue;
                    Row r = { x, y, year, bits };
                    vec_push(a, rows, r);
                }
            }
        }
    }
}

/* Each party's code: its measure `ccode` on the row's first day, or none. */
typedef struct Coded { EntId id; long code; int has; } Coded;

static int row_cmp_ids(const Row *x, const Row *y)
{
    if (x->a != y->a) return x->a < y->a ? -1 : 1;
    if (x->b != y->b) return x->b < y->b ? -1 : 1;
    return x->year < y->year ? -1 : x->year > y->year;
}

static int by_pair_year(const void *p, const void *q) { return row_cmp_ids(p, q); }

/* Ordering for the output: by code (or name), then year. */
typedef struct OutRow { const char *name1, *name2; long code1, code2; int year; unsigned bits; } OutRow;

static int out_cmp(const void *p, const void *q)
{
    const OutRow *x = p, *y = q;
    if (x->code1 != y->code1) return x->code1 < y->code1 ? -1 : 1;
    int c = x->code1 < 0 ? strcmp(x->name1, y->name1) : 0;
    if (c) return c;
    if (x->code2 != y->code2) return x->code2 < y->code2 ? -1 : 1;
    c = x->code2 < 0 ? strcmp(x->name2, y->name2) : 0;
    if (c) return c;
    return x->year < y->year ? -1 : x->year > y->year;
}

static void write_value(FILE *f, const OutRow *r, int first, ExportFormat fmt)
{
    const char *name = first ? r->name1 : r->name2;
    long code = first ? r->code1 : r->code2;
    if (code >= 0) { fprintf(f, "%ld", code); return; }
    if (fmt == EXPORT_JSON) {           /* jansson escapes it */
        json_t *j = json_string(name);
        char *s = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
        if (s) fputs(s, f);
        free(s);
        json_decref(j);
    } else
        fputs(name, f);
}

long export_dyad_years(const World *w, const Overlay *ov, const ExportOptions *opt, FILE *out)
{
    Arena a;
    arena_init(&a);
    Ctx c;
    memset(&c, 0, sizeof c);
    c.w = w;
    c.ov = ov;
    c.scratch = &a;
    RowList rows = { 0 };
    Date lo = (Date)opt->from * 10000 + 101, hi = (Date)(opt->to + 1) * 10000 + 101;
    for (EntId org = 1; org < (EntId)w->ents.n; org++) {
        if (w->ents.items[org].kind != ENT_ORG || !w->ents.items[org].org->obls.n) continue;
        DateList days = { 0 };
        add_date(&a, &days, lo);
        add_date(&a, &days, hi);
        change_days(w, ov, org, &a, &days);
        for (int i = 0; i + 1 < days.n; i++) {
            Date from = days.items[i], until = days.items[i + 1];
            if (until <= lo || from >= hi) continue;
            int y0, y1;
            span_years(opt, from, until, &y0, &y1);
            if (y0 > y1) continue;
            read_span(&c, org, from, y0, y1, opt, &rows, &a);
        }
    }
    /* merge the kinds of one pair and year, in either direction for --undirected */
    if (opt->undirected)
        for (int i = 0; i < rows.n; i++)
            if (rows.items[i].a > rows.items[i].b) {
                EntId t = rows.items[i].a;
                rows.items[i].a = rows.items[i].b;
                rows.items[i].b = t;
            }
    qsort(rows.items, (size_t)rows.n, sizeof *rows.items, by_pair_year);
    int n = 0;
    for (int i = 0; i < rows.n; i++) {
        if (n && row_cmp_ids(&rows.items[n - 1], &rows.items[i]) == 0) rows.items[n - 1].bits |= rows.items[i].bits;
        else rows.items[n++] = rows.items[i];
    }
    /* codes: the measure ccode, when every party in the rows has one */
    Sym ccode = intern_lookup(&w->names, "ccode", 5);
    int coded = ccode != SYM_NONE;
    OutRow *outs = arena_alloc(&a, (size_t)(n ? n : 1) * sizeof *outs);
    for (int i = 0; i < n; i++) {
        const Row *r = &rows.items[i];
        int f1 = 0, f2 = 0;
        double c1 = coded ? measure_at(w, r->a, ccode, (Date)r->year * 10000 + 701, &f1) : 0;
        double c2 = coded ? measure_at(w, r->b, ccode, (Date)r->year * 10000 + 701, &f2) : 0;
        if (!f1 || !f2) coded = 0;
        OutRow o = { ent_name(w, r->a), ent_name(w, r->b), (long)c1, (long)c2, r->year, r->bits };
        outs[i] = o;
    }
    for (int i = 0; !coded && i < n; i++) outs[i].code1 = outs[i].code2 = -1;
    if (opt->undirected)        /* ccode1 < ccode2 (or name1 < name2) */
        for (int i = 0; i < n; i++) {
            OutRow *o = &outs[i];
            int swap = coded ? o->code1 > o->code2 : strcmp(o->name1, o->name2) > 0;
            if (swap) {
                const char *t = o->name1; o->name1 = o->name2; o->name2 = t;
                long k = o->code1; o->code1 = o->code2; o->code2 = k;
            }
        }
    qsort(outs, (size_t)n, sizeof *outs, out_cmp);

    static const char *const cols[] = { "ccode1", "ccode2", "year", "atop_defense", "atop_offense", "atop_neutral",
                                        "atop_nonagg", "atop_consul", "defense_unconditional" };
    static const unsigned bit_of[] = { K_DEFENCE, K_OFFENCE, K_NEUTRAL, K_NONAGG, K_CONSUL, K_UNCOND_DEFENCE };
    char sep = opt->format == EXPORT_TSV ? '\t' : ',';
    errno = 0;
    if (opt->format == EXPORT_JSON) fputs("[\n", out);
    else
        for (int k = 0; k < 9; k++) fprintf(out, "%s%c", cols[k], k < 8 ? sep : '\n');
    for (int i = 0; i < n; i++) {
        const OutRow *r = &outs[i];
        if (opt->format == EXPORT_JSON) {
            fprintf(out, "  {\"%s\": ", cols[0]);
            write_value(out, r, 1, opt->format);
            fprintf(out, ", \"%s\": ", cols[1]);
            write_value(out, r, 0, opt->format);
            fprintf(out, ", \"year\": %d", r->year);
            for (int k = 0; k < 6; k++) fprintf(out, ", \"%s\": %d", cols[3 + k], (r->bits & bit_of[k]) != 0);
            fprintf(out, "}%s\n", i + 1 < n ? "," : "");
        } else {
            write_value(out, r, 1, opt->format);
            fputc(sep, out);
            write_value(out, r, 0, opt->format);
            fprintf(out, "%c%d", sep, r->year);
            for (int k = 0; k < 6; k++) fprintf(out, "%c%d", sep, (r->bits & bit_of[k]) != 0);
            fputc('\n', out);
        }
    }
    if (opt->format == EXPORT_JSON) fputs("]\n", out);
    arena_free(&a);
    if (fflush(out) != 0 || ferror(out)) return -1;
    return n;
}
