/* coverage.c — which clauses the scenarios touched (see coverage.h). */
#include "coverage.h"
#include "resolve.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *cover_kind_name(CoverKind k)
{
    static const char *const names[] = { "membership", "principle", "obligation", "admission requirement",
                                         "decision rule", "constraint", "rule", "suspension", "suspended member",
                                         "notice", "objection", "ratification" };
    return names[k];
}

void coverage_init(Coverage *cv)
{
    memset(cv, 0, sizeof *cv);
    arena_init(&cv->arena);
}

void coverage_free(Coverage *cv) { arena_free(&cv->arena); }

double coverage_percent(int touched, int total) { return total ? 100.0 * touched / total : 100.0; }

/* Locations in one world, ordered by source, then line, then column. */
static int loc_cmp(const Loc *a, const Loc *b)
{
    uintptr_t x = (uintptr_t)a->src, y = (uintptr_t)b->src;
    if (x != y) return x < y ? -1 : 1;
    return a->off < b->off ? -1 : a->off > b->off;
}

/* A clause's place, kind and description, sorted together. */
typedef struct Entry { Loc loc; CoverKind kind; const char *text; } Entry;
typedef VEC(Entry) EntryList;

static int entry_cmp(const void *a, const void *b) { return loc_cmp(&((const Entry *)a)->loc, &((const Entry *)b)->loc); }

/* A description on one line, cut to a length a list can show. */
static const char *shortened(Arena *a, const char *s)
{
    enum { SHOWN = 72 };
    size_t n = strlen(s);
    if (n <= SHOWN) return s;
    size_t cut = SHOWN;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80) cut--;   /* not inside a character */
    return arena_printf(a, "%.*s...", (int)cut, s);
}

static void add(Arena *a, EntryList *l, Loc loc, CoverKind kind, const char *text)
{
    if (!loc.src) return;      /* made up by the interpreter: nothing to point at */
    Entry e = { loc, kind, shortened(a, text) };
    vec_push(a, l, e);
}

/* Every clause of an organisation's block that answers can give as a reason. */
static void add_org_clauses(Arena *a, EntryList *l, const World *w, EntId id)
{
    const OrgInfo *org = ent(w, id)->org;
    const char *name = ent_name(w, id);
    for (int k = 0; k < org->principles.n; k++)
        add(a, l, org->principles.items[k].loc, CV_PRINCIPLE,
            arena_printf(a, "%s: %s", name, org->principles.items[k].text));
    for (int k = 0; k < org->admissions.n; k++)
        for (int q = 0; q < org->admissions.items[k].reqs.n; q++)
            add(a, l, org->admissions.items[k].reqs.items[q].loc, CV_REQUIREMENT,
                arena_printf(a, "%s: require %s", name, org->admissions.items[k].reqs.items[q].text));
    for (int k = 0; k < org->decisions.n; k++)
        add(a, l, org->decisions.items[k].loc, CV_DECISION,
            arena_printf(a, "%s: decides by %s", name, loc_text(a, org->decisions.items[k].loc)));
    for (int k = 0; k < org->rare->objections.n; k++)
        add(a, l, org->rare->objections.items[k].loc, CV_OBJECTION, org->rare->objections.items[k].text);
    for (int k = 0; k < org->rare->ratifications.n; k++) {
        const Ratification *rt = &org->rare->ratifications.items[k];
        add(a, l, rt->loc, CV_RATIFICATION,
            arena_printf(a, "%s: %s ratifies the admission of %s", name, ent_name(w, rt->by), ent_name(w, rt->applicant)));
    }
}

void coverage_world_begin(Coverage *cv, CoverWorld *cw, const World *w)
{
    memset(cw, 0, sizeof *cw);
    cw->w = w;
    EntryList l = { 0 };
    Arena *a = &cv->arena;
    /* principles first: one stored as an obligation too keeps its own kind */
    for (int i = 1; i < w->ents.n; i++)
        if (w->ents.items[i].org) add_org_clauses(a, &l, w, (EntId)i);
    for (int i = 0; i < w->mems.n; i++) {
        const Membership *m = &w->mems.items[i];
        add(a, &l, m->loc, CV_MEMBERSHIP,
            arena_printf(a, "%s: %s %s", ent_name(w, m->org), role_name(m->role), ent_name(w, m->who)));
    }
    for (int i = 0; i < w->obls.n; i++) add(a, &l, w->obls.items[i].loc, CV_OBLIGATION, obligation_text(w, &w->obls.items[i], a));
    for (int i = 0; i < w->susps.n; i++) add(a, &l, w->susps.items[i].loc, CV_SUSPENSION, w->susps.items[i].text);
    for (int i = 0; i < w->msusps.n; i++)
        add(a, &l, w->msusps.items[i].loc, CV_SUSPENDED_MEMBER, w->msusps.items[i].text);
    for (int i = 0; i < w->notices.n; i++) {
        const Notice *nt = &w->notices.items[i];
        add(a, &l, nt->loc, CV_NOTICE, arena_printf(a, "%s: %s gave notice", ent_name(w, nt->org), ent_name(w, nt->who)));
    }
    for (int i = 0; i < w->constraints.n; i++)
        add(a, &l, w->constraints.items[i].loc, CV_CONSTRAINT, arena_printf(a, "constraint \"%s\"", w->constraints.items[i].text));
    for (int i = 0; i < w->rules.n; i++) add(a, &l, w->rules.items[i].loc, CV_RULE, loc_text(a, w->rules.items[i].loc));
    if (l.n) qsort(l.items, (size_t)l.n, sizeof *l.items, entry_cmp);   /* stable enough: equal places merge below */
    cw->locs = arena_alloc(a, (size_t)(l.n ? l.n : 1) * sizeof *cw->locs);
    cw->kinds = arena_alloc(a, (size_t)(l.n ? l.n : 1) * sizeof *cw->kinds);
    cw->texts = arena_alloc(a, (size_t)(l.n ? l.n : 1) * sizeof *cw->texts);
    for (int i = 0; i < l.n; i++) {
        if (cw->n && loc_cmp(&cw->locs[cw->n - 1], &l.items[i].loc) == 0) {
            /* one clause read as two things (a principle and its obligation) */
            if (l.items[i].kind == CV_PRINCIPLE) {
                cw->kinds[cw->n - 1] = CV_PRINCIPLE;
                cw->texts[cw->n - 1] = l.items[i].text;
            }
            continue;
        }
        cw->locs[cw->n] = l.items[i].loc;
        cw->texts[cw->n] = l.items[i].text;
        cw->kinds[cw->n++] = l.items[i].kind;
    }
    cw->seen = arena_alloc_bytes(a, (size_t)cw->n + 1);
    cw->rules_called = arena_alloc_bytes(a, (size_t)w->rules.n + 1);
}

/* Marks the clause at loc, if it is one. */
static void note_loc(CoverWorld *cw, Loc loc)
{
    if (!loc.src) return;
    int lo = 0, hi = cw->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (loc_cmp(&cw->locs[mid], &loc) < 0) lo = mid + 1;
        else hi = mid;
    }
    if (lo < cw->n && loc_cmp(&cw->locs[lo], &loc) == 0) cw->seen[lo] = 1;
}

void coverage_note(CoverWorld *cw, const Result *r)
{
    if (!cw || !r) return;
    const World *w = cw->w;
    for (int i = 0; i < r->reasons.n; i++) {
        const Reason *rs = &r->reasons.items[i];
        note_loc(cw, rs->loc);
        /* the clauses behind the reason, where they are written apart from it */
        if (rs->obl) note_loc(cw, w->obls.items[rs->obl - 1].loc);
        if (rs->susp) note_loc(cw, w->susps.items[rs->susp - 1].loc);
        if (rs->objection) note_loc(cw, rs->objection->loc);
    }
}

/* The name that stands for a file however a path reaches it (`dir//f`,
 * `../dir/f`), so that its clauses merge across the worlds that import it. */
static const char *file_key(Arena *a, const char *path)
{
    char *real = realpath(path, NULL);
    if (!real) return arena_strdup(a, path);
    const char *key = arena_strdup(a, real);
    free(real);
    return key;
}

void coverage_world_end(Coverage *cv, CoverWorld *cw)
{
    const World *w = cw->w;
    for (int i = 0; i < w->rules.n; i++)
        if (cw->rules_called[i]) note_loc(cw, w->rules.items[i].loc);
    const Source *src = NULL;
    const char *file = NULL, *key = NULL;
    for (int i = 0; i < cw->n; i++) {
        const Loc *l = &cw->locs[i];
        if (l->src != src) {       /* the clauses come by source: one look-up each */
            src = l->src;
            file = arena_strdup(&cv->arena, src->path);
            key = file_key(&cv->arena, src->path);
        }
        CoverClause c = { file, key, loc_shown_line(*l), loc_col(*l), cw->kinds[i], cw->texts[i], cw->seen[i] };
        vec_push(&cv->arena, &cv->clauses, c);
    }
}

static int clause_cmp(const void *a, const void *b)
{
    const CoverClause *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c) return c;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return (x->kind > y->kind) - (x->kind < y->kind);
}

void coverage_report(Coverage *cv)
{
    if (cv->clauses.n) qsort(cv->clauses.items, (size_t)cv->clauses.n, sizeof *cv->clauses.items, clause_cmp);
    int n = 0;
    for (int i = 0; i < cv->clauses.n; i++) {
        const CoverClause *c = &cv->clauses.items[i];
        if (n && clause_cmp(&cv->clauses.items[n - 1], c) == 0) {
            cv->clauses.items[n - 1].touched |= c->touched;     /* the same file, loaded by two tests */
            continue;
        }
        cv->clauses.items[n++] = *c;
    }
    cv->clauses.n = n;
    cv->files.n = 0;
    cv->total = cv->touched = 0;
    for (int i = 0; i < n; i++) {
        const CoverClause *c = &cv->clauses.items[i];
        if (!cv->files.n || strcmp(cv->files.items[cv->files.n - 1].key, c->key) != 0) {
            CoverFile f = { c->file, c->key, 0, 0 };
            vec_push(&cv->arena, &cv->files, f);
        }
        cv->files.items[cv->files.n - 1].clauses++;
        cv->files.items[cv->files.n - 1].touched += c->touched != 0;
        cv->total++;
        cv->touched += c->touched != 0;
    }
}
