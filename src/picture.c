/* picture.c — pictures of a world (see picture.h).  Both read the
 * obligations as `treaty export` does (bonds_at, export.c), so a picture
 * and a dyad-year file never disagree. */
#include "picture.h"
#include "export.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- the network: Graphviz DOT ---- */

/* A DOT string: quoted, with `"` and `\` escaped (newlines as \n). */
static void dot_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', f);
        if (*s == '\n') { fputs("\\n", f); continue; }
        fputc(*s, f);
    }
    fputc('"', f);
}

typedef struct Edge { const char *a, *b, *org; unsigned kinds; int dashed; } Edge;

static int by_edge(const void *p, const void *q)
{
    const Edge *x = p, *y = q;
    int c = strcmp(x->a, y->a);
    if (!c) c = strcmp(x->b, y->b);
    if (!c) c = strcmp(x->org, y->org);
    return c;
}

static int by_text(const void *p, const void *q)
{
    return strcmp(*(const char *const *)p, *(const char *const *)q);
}

static const char *kinds_text(Arena *a, unsigned kinds)
{
    static const struct { unsigned bit; const char *word; } names[] = {
        { K_DEFENCE, "defence" }, { K_OFFENCE, "offence" }, { K_NEUTRAL, "neutrality" },
        { K_NONAGG, "non_aggression" }, { K_CONSUL, "consultation" } };
    const char *s = "";
    for (int i = 0; i < 5; i++)
        if (kinds & names[i].bit) s = arena_printf(a, "%s%s%s", s, *s ? ", " : "", names[i].word);
    return s;
}

int picture_graph(const World *w, Date date, int all_kinds, FILE *out)
{
    Arena a;
    arena_init(&a);
    Ctx c = ctx_make(w, NULL, date, NULL, &a);
    BondList bonds = { 0 };
    VEC(Edge) edges = { 0 };
    unsigned char *used = xcalloc((size_t)w->ents.n + 1, 1);
    for (EntId org = 1; org < (EntId)w->ents.n; org++) {
        if (w->ents.items[org].kind != ENT_ORG || !w->ents.items[org].org->obls.n) continue;
        bonds_at(&c, org, date, &bonds);
        for (size_t i = 0; i < bonds.n; i++) {
            const Bond *b = &bonds.items[i];
            unsigned kinds = (all_kinds ? b->kinds : b->kinds & K_DEFENCE) & ~(unsigned)K_UNCOND_DEFENCE;
            if (!kinds) continue;
            unsigned firm = b->firm & kinds;
            Edge e = { ent_name(w, b->a), ent_name(w, b->b), ent_name(w, org), kinds, !firm };
            vec_push(&a, &edges, e);
            used[b->a] = used[b->b] = 1;
        }
    }
    free(bonds.items);
    if (edges.n > 1) qsort(edges.items, (size_t)edges.n, sizeof *edges.items, by_edge);
    VEC(const char *) nodes = { 0 };
    for (EntId e = 1; e < (EntId)w->ents.n; e++)
        if (used[e]) vec_push(&a, &nodes, ent_name(w, e));
    free(used);
    if (nodes.n > 1) qsort(nodes.items, (size_t)nodes.n, sizeof *nodes.items, by_text);
    char day[16];
    date_format(date, day);
    fprintf(out, "digraph obligations {\n  graph [label=");
    dot_string(out, arena_printf(&a, "%s owed on %s (dashed: only under conditions)",
                                 all_kinds ? "Obligations" : "Defence", day));
    fprintf(out, ", labelloc=t, rankdir=LR, fontname=\"Helvetica\"];\n"
                 "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
                 "  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for (int i = 0; i < nodes.n; i++) {
        EntId id = world_find_name(w, nodes.items[i]);
        const char *shown = ent(w, id)->display;
        fputs("  ", out);
        dot_string(out, nodes.items[i]);
        if (shown && strcmp(shown, nodes.items[i]) != 0) {
            fputs(" [label=", out);
            dot_string(out, arena_printf(&a, "%s\n%s", nodes.items[i], shown));
            fputc(']', out);
        }
        fputs(";\n", out);
    }
    for (int i = 0; i < edges.n; i++) {
        const Edge *e = &edges.items[i];
        fputs("  ", out);
        dot_string(out, e->a);
        fputs(" -> ", out);
        dot_string(out, e->b);
        fputs(" [label=", out);
        dot_string(out, arena_printf(&a, "%s: %s", e->org, kinds_text(&a, e->kinds)));
        fprintf(out, "%s];\n", e->dashed ? ", style=dashed" : "");
    }
    fputs("}\n", out);
    arena_free(&a);
    return fflush(out) != 0 || ferror(out) ? -1 : 0;
}

/* ---- the members over time: SVG ---- */

static void xml_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

/* Years as a real number: 1949-04-04 is about 1949.26. */
static double year_of(Date d)
{
    int y = d / 10000, m = d / 100 % 100, day = d % 100;
    return y + ((m - 1) * 30.5 + (day - 1)) / 366.0;
}

enum { TIMELINE_MAX_LANES = 2000 };

typedef struct Lane { EntId who; const char *name; Date first; int at; } Lane;   /* at: its first in ms */

static int by_holder(const void *p, const void *q)
{
    const Membership *x = *(const Membership *const *)p, *y = *(const Membership *const *)q;
    if (x->who != y->who) return x->who < y->who ? -1 : 1;
    return x->from < y->from ? -1 : x->from > y->from;
}

static int by_first(const void *p, const void *q)
{
    const Lane *x = p, *y = q;
    if (x->first != y->first) return x->first < y->first ? -1 : 1;
    return strcmp(x->name, y->name);
}

static Date later_of(Date a, Date b) { return a > b ? a : b; }

static int by_lane_id(const void *p, const void *q)
{
    EntId x = ((const Lane *)p)->who, y = ((const Lane *)q)->who;
    return x < y ? -1 : x > y;
}

int picture_timeline(const World *w, EntId org, int from, int to, FILE *out)
{
    Arena a;
    arena_init(&a);
    const Entity *oe = ent(w, org);
    const OrgInfo *o = oe->org;
    /* the lanes: every party that is ever a member, by its first day (the
     * memberships sorted by holder, so that each lane is found once) */
    int nm = 0;
    const Membership **ms = arena_alloc(&a, (size_t)(o->as_org.n ? o->as_org.n : 1) * sizeof *ms);
    Date first = oe->founded ? oe->founded : DATE_END, last = o->dissolved ? o->dissolved : DATE_NONE;
    for (int i = 0; i < o->as_org.n; i++) {
        const Membership *m = mem_of(w, o, i);
        if (m->role != ROLE_MEMBER) continue;
        ms[nm++] = m;
        if (m->from != DATE_NONE && m->from < first) first = m->from;
        if (m->from != DATE_NONE) last = later_of(last, m->from);
        if (m->until != DATE_END) last = later_of(last, m->until);
    }
    for (int i = 0; i < o->obls.n; i++) {      /* and the other dated events */
        const Obligation *ob = &w->obls.items[o->obls.at + (uint32_t)i];
        if (ob->from != DATE_NONE) last = later_of(last, ob->from);
        if (ob->until != DATE_END) last = later_of(last, ob->until);
    }
    for (int i = 0; i < o->susps.n; i++) {
        const Suspension *su = &w->susps.items[o->susps.at + (uint32_t)i];
        if (su->from != DATE_NONE) last = later_of(last, su->from);
        if (su->until != DATE_END) last = later_of(last, su->until);
    }
    if (nm > 1) qsort(ms, (size_t)nm, sizeof *ms, by_holder);
    VEC(Lane) lanes = { 0 };
    for (int i = 0; i < nm; i++) {
        if (lanes.n && lanes.items[lanes.n - 1].who == ms[i]->who) continue;
        if (lanes.n == TIMELINE_MAX_LANES) { arena_free(&a); return -2; }
        Lane l = { ms[i]->who, ent_name(w, ms[i]->who), ms[i]->from, i };
        vec_push(&a, &lanes, l);
    }
    if (lanes.n > 1) qsort(lanes.items, (size_t)lanes.n, sizeof *lanes.items, by_first);
    int y0 = from ? from : first == DATE_END ? 2000 : first / 10000;
    int y1 = to ? to + 1 : last == DATE_NONE ? y0 + 1 : last / 10000 + 1;    /* the end of the last year drawn */
    if (y1 <= y0) y1 = y0 + 1;
    double span = y1 - y0, px = 900.0 / span;
    int left = 140, top = 50, lane_h = 18, height = top + lanes.n * lane_h + 40, width = left + 900 + 20;
    fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                 "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n", width, height);
    fprintf(out, "  <title>");
    xml_text(out, arena_printf(&a, "Members of %s, %d to %d", ent_name(w, org), y0, y1 - 1));
    fprintf(out, "</title>\n  <text x=\"%d\" y=\"20\" font-size=\"14\">", left);
    xml_text(out, arena_printf(&a, "Members of %s%s%s, %d to %d", ent_name(w, org), oe->display ? ": " : "",
                               oe->display ? oe->display : "", y0, y1 - 1));
    fprintf(out, "</text>\n  <text x=\"%d\" y=\"36\" fill=\"#555\">bar: member; line below: owes defence "
                 "(dashed: only under conditions)</text>\n", left);
    /* the axis: a tick every 1, 5, 10, 25 or 50 years */
    int step = span <= 12 ? 1 : span <= 60 ? 5 : span <= 120 ? 10 : span <= 300 ? 25 : 50;
    int axis_y = top + lanes.n * lane_h + 8;
    for (int y = (y0 + step - 1) / step * step; y <= y1; y += step) {
        double x = left + (y - y0) * px;
        fprintf(out, "  <line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>\n", x, top - 4, x, axis_y);
        fprintf(out, "  <text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n", x, axis_y + 14, y);
    }
    Ctx c = ctx_make(w, NULL, DATE_NONE, NULL, &a);     /* bonds_at() sets the date */
    BondList bonds = { 0 };
    Date lo = (Date)y0 * 10000 + 101, hi = (Date)y1 * 10000 + 101;
    for (int k = 0; k < lanes.n; k++) {
        EntId who = lanes.items[k].who;
        int y = top + k * lane_h;
        fprintf(out, "  <text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 6, y + 11);
        xml_text(out, lanes.items[k].name);
        fputs("</text>\n", out);
        for (int i = lanes.items[k].at; i < nm && ms[i]->who == who; i++) {
            const Membership *m = ms[i];
            Date s = m->from < lo ? lo : m->from, e = m->until > hi ? hi : m->until;
            if (s >= e) continue;
            double x0 = left + (year_of(s) - y0) * px, x1 = left + (year_of(e) - y0) * px;
            fprintf(out, "  <rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"10\" fill=\"#4a7ab5\"><title>", x0, y,
                    x1 - x0 > 0.5 ? x1 - x0 : 0.5);
            char d1[16], d2[16];
            date_format(m->from, d1);
            date_format(m->until, d2);
            xml_text(out, arena_printf(&a, "%s: member %s%s%s", lanes.items[k].name,
                                       m->from == DATE_NONE ? "" : "from ", m->from == DATE_NONE ? "" : d1,
                                       m->until == DATE_END ? "" : arena_printf(&a, " until %s", d2)));
            fputs("</title></rect>\n", out);
        }
    }
    /* defence owed: the bonds read once for each span between the days on
     * which something about the organisation changes; a line for each run
     * of spans in which a member owes defence (dashed when only under
     * conditions) */
    DateList days = { 0 };
    vec_push(&a, &days, lo);
    vec_push(&a, &days, hi);
    change_days(w, NULL, org, &a, &days);
    signed char *state = arena_alloc(&a, (size_t)(lanes.n ? lanes.n : 1));
    Date *since = arena_alloc(&a, (size_t)(lanes.n ? lanes.n : 1) * sizeof *since);
    signed char *now = arena_alloc(&a, (size_t)(lanes.n ? lanes.n : 1));
    Lane *by_id = arena_alloc(&a, (size_t)(lanes.n ? lanes.n : 1) * sizeof *by_id);
    for (int k = 0; k < lanes.n; k++) { by_id[k] = lanes.items[k]; by_id[k].at = k; }
    if (lanes.n > 1) qsort(by_id, (size_t)lanes.n, sizeof *by_id, by_lane_id);
    for (int i = 0; i < days.n; i++) {
        Date d = days.items[i];
        if (d < lo || d > hi) continue;
        memset(now, 0, (size_t)(lanes.n ? lanes.n : 1));
        if (d < hi) {
            bonds_at(&c, org, d, &bonds);
            for (size_t b = 0; b < bonds.n; b++) {
                if (!(bonds.items[b].kinds & K_DEFENCE)) continue;
                Lane key = { bonds.items[b].a, NULL, 0, 0 };
                const Lane *l = bsearch(&key, by_id, (size_t)lanes.n, sizeof key, by_lane_id);
                if (!l) continue;
                int firm = (bonds.items[b].firm & K_DEFENCE) != 0;
                if (now[l->at] < 1 + firm) now[l->at] = (signed char)(1 + firm);
            }
        }
        for (int k = 0; k < lanes.n; k++) {
            if (now[k] == state[k]) continue;
            if (state[k]) {
                double x0 = left + (year_of(since[k]) - y0) * px, x1 = left + (year_of(d) - y0) * px;
                int y = top + k * lane_h;
                fprintf(out, "  <line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#b5533c\" stroke-width=\"2\"%s/>\n",
                        x0, y + 13, x1, y + 13, state[k] == 1 ? " stroke-dasharray=\"4,2\"" : "");
            }
            state[k] = now[k];
            since[k] = d;
        }
    }
    free(bonds.items);
    fputs("</svg>\n", out);
    arena_free(&a);
    return fflush(out) != 0 || ferror(out) ? -1 : 0;
}
