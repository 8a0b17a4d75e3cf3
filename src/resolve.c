/* resolve.c — turns the parsed programs into the World and checks them.
 *
 * Three passes, so that declaration order never matters:
 *   1. declare every state, actor, organisation and rule;
 *   2. apply clauses (borders, memberships, principles, budgets...);
 *   3. check every expression, scenario and query against the names.
 * Every problem is reported with its location; nothing stops at the first. */
#include "resolve.h"
#include "conditions.h"
#include "places.h"
#include "whatif.h"
#include "builtins.h"
#include "parse.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct R {
    World *w;
    Diag *d;
    EntId *excl_seen;             /* pass 2: excl_seen[kind] = the org that said `exclusive kind` */
    uint32_t nexcl;
    const unsigned char *kinds;   /* known kinds, once pass 3 starts */
    uint32_t nkinds;
    AreaEdges edges;              /* pass 2: every area's `includes`, flattened after it */
    /* pass 2, the organisation being read: its `term` clause and renewals,
     * settled once all its clauses are read (settle_terms) */
    const Clause *term;
    VEC(const Clause *) renewals;
} R;

static const char *nm(const World *w, Sym s) { return sym_name(&w->names, s); }

/* An organisation's OrgRare, to write in: its own, made at the first need
 * (the shared org_rare_none is never written). */
static OrgRare *rare_of(World *w, OrgInfo *o)
{
    if (o->rare == &org_rare_none) o->rare = arena_alloc(&w->arena, sizeof *o->rare);
    return (OrgRare *)o->rare;        /* allocated here: not the const one */
}

void resolve_world_index(World *w)
{
    uint32_t need = w->names.count + 1;
    if (need <= w->by_sym_cap) return;
    uint32_t cap = need + need / 4 + 64;       /* room for names interned by later queries */
    w->by_sym = xrealloc(w->by_sym, cap * sizeof *w->by_sym);
    memset(w->by_sym + w->by_sym_cap, 0, (cap - w->by_sym_cap) * sizeof *w->by_sym);
    w->by_sym_cap = cap;
}

/* Looks a name up and checks its kind; reports and returns ENT_NONE if not. */
static EntId lookup(const World *w, Diag *d, Name n, EntKind kind, const char *what)
{
    if (n.sym == SYM_NONE) return ENT_NONE;     /* already reported by the scanner */
    EntId id = world_find(w, n.sym);
    const char *name = nm(w, n.sym);
    if (!id) {
        if (d->stopped) return ENT_NONE;        /* past the error limit: no hint is shown */
        const char *s = world_suggest(w, name, kind);
        if (!s) s = world_suggest(w, name, 0);
        if (s) diag_error(d, n.loc, "unknown %s '%s'; did you mean '%s'?", what, name, s);
        else diag_error(d, n.loc, "unknown %s '%s'", what, name);
        return ENT_NONE;
    }
    EntKind k = ent(w, id)->kind;
    if (kind && k != kind) {
        diag_error(d, n.loc, "'%s' is %s %s, not %s %s", name, ent_kind_article(k), ent_kind_name(k),
                   ent_kind_article(kind), ent_kind_name(kind));
        return ENT_NONE;
    }
    return id;
}

/* A party to an event or a membership: a state or a non-state actor. */
static EntId lookup_party(const World *w, Diag *d, Name n)
{
    EntId id = lookup(w, d, n, 0, "state or actor");
    if (id && !ent_kind_is_party(ent(w, id)->kind)) {
        EntKind k = ent(w, id)->kind;
        diag_error(d, n.loc, "'%s' is %s %s; a state or an actor is needed here", nm(w, n.sym), ent_kind_article(k),
                   ent_kind_name(k));
        return ENT_NONE;
    }
    return id;
}

static void check_rule_measures(const World *w, Diag *d, const Decision *dec);

static int by_sym(const void *a, const void *b)
{
    Sym x = *(const Sym *)a, y = *(const Sym *)b;
    return x < y ? -1 : x > y;
}

/* The names in a decision rule: veto holders are parties, each named once
 * (a sorted copy finds repeats in n log n).  Measures are checked with the
 * others in check_weight_measures(). */
static void check_rule_names(const World *w, Diag *d, const Decision *dec)
{
    for (int i = 0; i < dec->n_clauses; i++) {
        const RuleClause *c = &dec->clauses[i];
        if (c->kind != RC_VETO) continue;
        Sym *syms = xcalloc((size_t)c->names.n + 1, sizeof *syms);
        for (int k = 0; k < c->names.n; k++) {
            lookup_party(w, d, c->names.items[k]);
            syms[k] = c->names.items[k].sym;
        }
        qsort(syms, (size_t)c->names.n, sizeof *syms, by_sym);
        for (int k = 1; k < c->names.n; k++)
            if (syms[k] == syms[k - 1] && syms[k] != SYM_NONE && (k < 2 || syms[k - 2] != syms[k])) {
                for (int m = 0, seen = 0; m < c->names.n; m++)     /* at its second mention */
                    if (c->names.items[m].sym == syms[k] && seen++) {
                        diag_error(d, c->names.items[m].loc, "'%s' is named twice in this veto clause", nm(w, syms[k]));
                        break;
                    }
            }
        free(syms);
    }
}

/* ---------------- pass 1: declarations ---------------- */

static void declare(R *r, Name n, EntKind kind, const char *display, Loc loc)
{
    if (n.sym == SYM_NONE) return;
    EntId old = world_find(r->w, n.sym);
    if (old) {
        diag_error(r->d, n.loc, "'%s' is already declared", nm(r->w, n.sym));
        diag_note(r->d, ent(r->w, old)->loc, "'%s' was first declared here", nm(r->w, n.sym));
        return;
    }
    if (world_rule(r->w, n.sym)) {
        diag_error(r->d, n.loc, "'%s' is already the name of a rule", nm(r->w, n.sym));
        return;
    }
    Entity e;
    memset(&e, 0, sizeof e);
    e.kind = kind;
    e.name = n.sym;
    e.display = display;
    e.loc = loc;
    if (kind == ENT_ORG) {
        e.org = arena_alloc(&r->w->arena, sizeof *e.org);
        e.org->rare = &org_rare_none;
    }
    vec_push(&r->w->arena, &r->w->ents, e);
    r->w->by_sym[n.sym] = (EntId)(r->w->ents.n - 1);
}

/* A parameter named twice is reported where it repeats.  The names are
 * sorted with their places, so a long list is checked in n log n. */
typedef struct Param { Sym sym; int at; } Param;

static int by_sym_then_place(const void *a, const void *b)
{
    const Param *x = a, *y = b;
    if (x->sym != y->sym) return x->sym < y->sym ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

static void report_repeated_params(R *r, const NameList *params)
{
    if (params->n < 2) return;
    Param *p = xmalloc((size_t)params->n * sizeof *p);
    char *repeat = xcalloc((size_t)params->n, 1);
    for (int i = 0; i < params->n; i++) { p[i].sym = params->items[i].sym; p[i].at = i; }
    qsort(p, (size_t)params->n, sizeof *p, by_sym_then_place);
    for (int i = 1; i < params->n; i++) if (p[i].sym == p[i - 1].sym) repeat[p[i].at] = 1;
    for (int i = 0; i < params->n; i++)
        if (repeat[i]) diag_error(r->d, params->items[i].loc, "parameter '%s' appears twice", nm(r->w, params->items[i].sym));
    free(repeat);
    free(p);
}

static void declare_rule(R *r, const Decl *dc)
{
    Sym s = dc->name.sym;
    if (s == SYM_NONE) return;
    if (builtin_find(nm(r->w, s))) {
        diag_error(r->d, dc->name.loc, "'%s' is a built-in function and cannot be redefined", nm(r->w, s));
        return;
    }
    if (world_find(r->w, s)) {
        EntKind k = ent(r->w, world_find(r->w, s))->kind;
        diag_error(r->d, dc->name.loc, "'%s' is already the name of %s %s", nm(r->w, s),
                   k == ENT_STATE ? "a" : "an", ent_kind_name(k));
        return;
    }
    const Rule *old = world_rule(r->w, s);
    if (old) {
        diag_error(r->d, dc->name.loc, "rule '%s' is already defined", nm(r->w, s));
        diag_note(r->d, old->loc, "first definition is here");
        return;
    }
    report_repeated_params(r, &dc->params);
    Rule rule = { s, dc->params, dc->body, dc->loc, dc->src_text };
    vec_push(&r->w->arena, &r->w->rules, rule);
    r->w->by_sym[s] = SYM_RULE | (uint32_t)(r->w->rules.n - 1);
}

/* ---------------- pass 2: clauses ---------------- */

static const char *clause_word(ClauseKind k)
{
    static const char *const words[] = {
        "region", "borders", "tags", "kind", "based_in", "founded", "in_force",
        "dissolved", "initiator", "purpose", "decides", "member", "principle",
        "budget", "admission", "owes", "suspends", "of", "includes", "period", "suspended", "notice",
        "gave notice", "term", "renewal", "objection", "measure", "ratifies admission",
        "applies", "is invited"
    };
    return words[k];
}

static int clause_allowed(EntKind e, ClauseKind c)
{
    switch (c) {
    case CL_REGION: case CL_TAGS: return 1;
    case CL_BORDERS: return e == ENT_STATE;
    case CL_KIND: return e != ENT_STATE;
    case CL_BASED_IN: return e == ENT_ACTOR;
    case CL_MEASURE: return e == ENT_STATE || e == ENT_ACTOR;
    case CL_HELD_BY: return e == ENT_PLACE;
    case CL_INCLUDES: return e == ENT_AREA;
    case CL_PERIOD: return e == ENT_CONFLICT;
    default: return e == ENT_ORG;
    }
}

static PrincipleKind principle_kind(const char *name, int *ok)
{
    static const char *const known[] = {
        "collective_defence", "consultation", "non_aggression", "non_interference",
        "neutrality", "exclusive"
    };
    *ok = 1;
    for (int i = 0; i < 6; i++) if (strcmp(name, known[i]) == 0) return (PrincipleKind)i;
    if (strcmp(name, "collective_defense") == 0) return PR_COLLECTIVE_DEFENCE;
    *ok = 0;
    return PR_DECLARED;
}

/* A period whose `until` is not after its start is empty: reported ("this
 * member interval is empty: ..."), 1.  `what` and `rest` name the period. */
static int empty_period(R *r, Date from, Date until, Loc loc, const char *what, const char *rest)
{
    if (from == DATE_NONE || until == DATE_END || until > from) return 0;
    char a[16], b[16];
    date_format(from, a);
    date_format(until, b);
    diag_error(r->d, loc, "this %s%s is empty: until %s is not after %s", what, rest, b, a);
    return 1;
}

static void apply_role(R *r, EntId org, const Clause *c)
{
    if (empty_period(r, c->date, c->date2, c->loc, role_name(c->role), " interval")) return;
    for (int i = 0; i < c->names.n; i++) {
        EntId who = lookup_party(r->w, r->d, c->names.items[i]);
        if (!who) continue;
        Membership m = { who, org, c->role, c->date, c->date2, c->names.items[i].loc };
        m.loc.end = c->loc.end;
        vec_push(&r->w->arena, &r->w->mems, m);
    }
}

/* Shares are kept sorted by party, so that a party's share is a binary
 * search away (budget_shares() in eval.c) and a party named twice is found
 * by comparing neighbours. */
static int by_party_then_place(const void *a, const void *b)
{
    const BudgetShare *x = a, *y = b;
    if (x->who != y->who) return x->who < y->who ? -1 : 1;
    return x->loc.off < y->loc.off ? -1 : x->loc.off > y->loc.off;
}

static void apply_budget(R *r, OrgInfo *o, const Clause *c)
{
    if (!(c->budget->amount >= 0) || !isfinite(c->budget->amount)) {
        diag_error(r->d, c->loc, "a budget cannot be negative");
        return;
    }
    OrgRare *rare = rare_of(r->w, o);
    rare->budget = c->budget->amount;
    rare->currency = c->name.sym;
    rare->budget_loc = c->loc;
    double sum = 0;
    vec_reserve(&r->w->arena, &rare->shares, c->budget->shares.n);
    for (int i = 0; i < c->budget->shares.n; i++) {
        const Share *s = &c->budget->shares.items[i];
        EntId who = lookup_party(r->w, r->d, s->who);
        if (!(s->pct > 0) || s->pct > 100) {
            diag_error(r->d, s->loc, "a share must be above 0%% and at most 100%% (got %g%%)", s->pct);
            continue;
        }
        sum += s->pct;
        if (who) {
            BudgetShare b = { who, s->pct, s->loc };
            vec_push(&r->w->arena, &rare->shares, b);
        }
    }
    if (rare->shares.n > 1)
        qsort(rare->shares.items, (size_t)rare->shares.n, sizeof *rare->shares.items, by_party_then_place);
    for (int i = 1; i < rare->shares.n; i++)
        if (rare->shares.items[i].who == rare->shares.items[i - 1].who)
            diag_error(r->d, rare->shares.items[i].loc, "'%s' has two shares in this budget",
                       ent_name(r->w, rare->shares.items[i].who));
    if (sum > 100.0 + 1e-9)
        diag_error(r->d, c->loc, "budget shares add up to %g%%, more than 100%%", sum);
}

/* ---- obligations ---- */

static void unknown_obl_kind(const World *w, Diag *d, Name kind)
{
    static const char *const cands[] = { "defence", "defense", "offence", "offense", "neutrality",
                                         "non_aggression", "consultation" };
    const char *kname = nm(w, kind.sym);
    const char *hint = suggest_closest(kname, cands, 7);
    if (hint) diag_error(d, kind.loc, "unknown kind of obligation '%s'; did you mean '%s'?", kname, hint);
    else diag_error(d, kind.loc, "unknown kind of obligation '%s' (the kinds are defence, offence, "
                    "neutrality, non_aggression and consultation)", kname);
}

/* The named parties of one side, looked up and sorted by id.  A name given
 * twice is reported where it repeats: the names are sorted with their
 * places, so a long list is checked in n log n.  0 if a name was wrong. */
typedef struct PartyAt { EntId id; int at; } PartyAt;

static int by_id_then_place(const void *a, const void *b)
{
    const PartyAt *x = a, *y = b;
    if (x->id != y->id) return x->id < y->id ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

static int side_parties(R *r, const PartySide *side, EntList *out)
{
    int n = side->names.n, ok = 1;
    if (!n) return 1;
    PartyAt one, *p = n == 1 ? &one : xmalloc((size_t)n * sizeof *p);   /* most sides name one party */
    int k = 0;
    for (int i = 0; i < n; i++) {
        EntId id = lookup_party(r->w, r->d, side->names.items[i]);
        if (id) { p[k].id = id; p[k].at = i; k++; } else ok = 0;
    }
    if (k > 1) qsort(p, (size_t)k, sizeof *p, by_id_then_place);
    vec_reserve(&r->w->arena, out, k);
    for (int i = 0; i < k; i++) {
        if (i && p[i].id == p[i - 1].id) {
            diag_error(r->d, side->names.items[p[i].at].loc, "'%s' is named twice here", ent_name(r->w, p[i].id));
            ok = 0;
            continue;
        }
        out->items[out->n++] = p[i].id;
    }
    if (p != &one) free(p);
    return ok;
}

/* The names of a list as written, for the text of an obligation (an
 * argument of arena_printf).  Most lists hold one name: its entity's own
 * name is the text, with nothing built. */
static const char *names_text_in(const World *w, Arena *a, const NameList *names)
{
    if (names->n == 1) return ent_name(w, world_find(w, names->items[0].sym));
    EntList l = { 0 };
    for (int i = 0; i < names->n; i++) vec_push(a, &l, world_find(w, names->items[i].sym));
    return entlist_text(w, a, &l);
}

static const char *names_text(R *r, const NameList *names) { return names_text_in(r->w, &r->w->arena, names); }

/* "USA, JPN", "members" or "members except AUS, IRE", for the text of an
 * obligation. */
static const char *side_text_in(const World *w, Arena *a, const PartySide *side)
{
    if (side->members && side->except.n)
        return arena_join(a, "members except ", names_text_in(w, a, &side->except), NULL);
    return side->members ? "members" : names_text_in(w, a, &side->names);
}

static const char *side_text(R *r, const PartySide *side) { return side_text_in(r->w, &r->w->arena, side); }

/* The parties `members except ...` leaves out, looked up and sorted like
 * named parties. */
static int side_exceptions(R *r, const PartySide *side, EntList *out)
{
    PartySide excepted = *side;
    excepted.names = side->except;
    return side_parties(r, &excepted, out);
}

static EntityExtra *extra_of(World *w, Entity *e)
{
    if (!e->extra) e->extra = arena_alloc(&w->arena, sizeof *e->extra);
    return e->extra;
}

/* `measure NAME VALUE [SCALE] [PERIOD];` on a state or an actor. */
static void apply_measure(R *r, Entity *e, const Clause *c)
{
    const MeasureSpec *m = c->measure;
    if (!(m->value >= 0) || m->value > 1e300) {
        diag_error(r->d, c->loc, "a measure is a number from 0 up");
        return;
    }
    if (empty_period(r, m->period.from, m->period.until, c->loc, "measure's period", "")) return;
    Measure one = { m->name.sym, m->value, m->period.from, m->period.until, c->loc };
    vec_push(&r->w->arena, &extra_of(r->w, e)->measures, one);
}

static int by_measure_then_start(const void *a, const void *b)
{
    const Measure *x = a, *y = b;
    if (x->name != y->name) return x->name < y->name ? -1 : 1;
    return x->from < y->from ? -1 : x->from > y->from;
}

/* One measure of one entity may not have two values on one day. */
static void check_measures(R *r, Entity *e)
{
    if (!e->extra || e->extra->measures.n < 2) return;
    Measure *m = e->extra->measures.items;
    int n = e->extra->measures.n;
    qsort(m, (size_t)n, sizeof *m, by_measure_then_start);
    for (int i = 1; i < n; i++)
        if (m[i].name == m[i - 1].name && m[i].from < m[i - 1].until) {
            diag_error(r->d, m[i].loc, "'%s' has two values of '%s' on the same dates", nm(r->w, e->name),
                       nm(r->w, m[i].name));
            diag_note(r->d, m[i - 1].loc, "the other value is here");
        }
}

/* `objection by NAME, ... to admission of NAME | to "MOTION" [PERIOD];`:
 * recorded as a fact of the organisation, for `can X join` and `does ORG
 * adopt` at the dates it covers. */
static void apply_objection(R *r, EntId org, const Clause *c)
{
    const ObjectionSpec *s = c->objection;
    if (empty_period(r, s->period.from, s->period.until, c->loc, "objection's period", "")) return;
    Objection ob;
    memset(&ob, 0, sizeof ob);
    PartySide by;
    memset(&by, 0, sizeof by);
    by.names = s->by;
    int ok = side_parties(r, &by, &ob.by);
    if (s->applicant.sym) {
        ob.applicant = lookup_party(r->w, r->d, s->applicant);
        ok = ob.applicant && ok;
    }
    for (int i = 0; ok && i < ob.by.n; i++)
        if (ob.by.items[i] == ob.applicant) {
            diag_error(r->d, c->loc, "'%s' cannot object to its own admission", ent_name(r->w, ob.applicant));
            ok = 0;
        }
    if (!ok) return;
    ob.motion = s->motion;
    ob.from = s->period.from;
    ob.until = s->period.until;
    ob.loc = c->loc;
    const char *period = period_words(&r->w->arena, ob.from, ob.until);
    ob.text = arena_printf(&r->w->arena, "%s: %s %s to %s%s%s%s", nm(r->w, ent(r->w, org)->name),
                           names_text(r, &s->by), s->by.n == 1 ? "objects" : "object",
                           s->motion ? "\"" : "the admission of ", s->motion ? s->motion : ent_name(r->w, ob.applicant),
                           s->motion ? "\"" : "", *period ? arena_printf(&r->w->arena, " %s", period) : "");
    vec_push(&r->w->arena, &rare_of(r->w, r->w->ents.items[org].org)->objections, ob);
}

/* `includes LOCATION, ... [PERIOD];` in an area: kept as edges, flattened
 * once every area is known (places.c). */
static void apply_includes(R *r, EntId area, const Clause *c)
{
    if (empty_period(r, c->date, c->date2, c->loc, "inclusion's period", "")) return;
    for (int i = 0; i < c->names.n; i++) {
        EntId loc = lookup(r->w, r->d, c->names.items[i], 0, "state, place or area");
        if (!loc) continue;
        EntKind k = ent(r->w, loc)->kind;
        if (k != ENT_STATE && k != ENT_PLACE && k != ENT_AREA) {
            diag_error(r->d, c->names.items[i].loc, "'%s' is %s %s; an area includes states, places and areas",
                       nm(r->w, c->names.items[i].sym), ent_kind_article(k), ent_kind_name(k));
            continue;
        }
        if (loc == area) {
            diag_error(r->d, c->names.items[i].loc, "area '%s' cannot include itself", nm(r->w, c->names.items[i].sym));
            continue;
        }
        AreaEdge e = { area, loc, c->date, c->date2, c->names.items[i].loc };
        vec_push(&r->w->arena, &r->edges, e);
    }
}

static void push_obligation(R *r, Obligation *ob)
{
    vec_push(&r->w->arena, &r->w->obls, *ob);
}

static void apply_obligation(R *r, EntId org, const Clause *c)
{
    const OblSpec *s = c->obl;
    int ok;
    const char *kname = nm(r->w, s->kind.sym);
    OblKind kind = obl_kind_find(kname, &ok);
    if (!ok) {
        unknown_obl_kind(r->w, r->d, s->kind);
        return;
    }
    if (empty_period(r, s->period.from, s->period.until, c->loc, "obligation's period", "")) return;
    Obligation ob;
    memset(&ob, 0, sizeof ob);
    ob.org = org;
    ob.kind = kind;
    ob.principle = -1;
    ob.by_members = (unsigned char)s->obliged->members;
    ob.to_members = (unsigned char)s->beneficiaries->members;
    int named_ok = side_parties(r, s->obliged, &ob.obliged);
    named_ok = side_parties(r, s->beneficiaries, &ob.beneficiaries) && named_ok;
    Exceptions ex;
    memset(&ex, 0, sizeof ex);
    named_ok = side_exceptions(r, s->obliged, &ex.obliged) && named_ok;
    named_ok = side_exceptions(r, s->beneficiaries, &ex.beneficiaries) && named_ok;
    if (ex.obliged.n || ex.beneficiaries.n) {       /* kept apart: few obligations have any */
        Exceptions *kept = arena_alloc(&r->w->arena, sizeof *kept);
        *kept = ex;
        ob.except = kept;
    }
    if (!conditions_resolve(r->w, r->d, &s->conds, &ob) || !named_ok) return;
    ob.from = s->period.from;
    ob.until = s->period.until;
    ob.loc = c->loc;
    ob.spec = s;                      /* its text is made when asked for: obligation_text() */
    push_obligation(r, &ob);
}

/* " in NorthAtlantic unless provoked": the conditions as written. */
static const char *conditions_text(Arena *a, const CondSpecList *conds)
{
    enum { MOST = 2 * CD_KINDS };     /* a kind is written at most once (checked when resolved) */
    const char *parts[MOST];
    int n = 0;
    for (int i = 0; i < conds->n && n + 2 <= MOST; i++) {
        parts[n++] = " ";
        parts[n++] = loc_text(a, conds->items[i].loc);
    }
    return arena_join_list(a, parts, n);
}

/* A side as written: one named party is the one it resolved to. */
static const char *side_words(const World *w, Arena *a, const PartySide *side, const EntList *named)
{
    if (!side->members && named->n == 1 && side->names.n == 1) return ent_name(w, named->items[0]);
    return side_text_in(w, a, side);
}

const char *obligation_text(const World *w, const Obligation *ob, Arena *a)
{
    if (ob->principle >= 0) return ob->principle_text;
    const OblSpec *s = ob->spec;
    int one = !s->obliged->members && s->obliged->names.n == 1;
    /* joined from a list, not formatted: made for every reason printed,
     * and printf would parse its format each time */
    const char *parts[] = { ent_name(w, ob->org), ": ", side_words(w, a, s->obliged, &ob->obliged),
                            one ? " owes " : " owe ", obl_kind_name(ob->kind), " to ",
                            side_words(w, a, s->beneficiaries, &ob->beneficiaries),
                            s->conds.n ? conditions_text(a, &s->conds) : "" };
    return arena_join_list(a, parts, (int)(sizeof parts / sizeof *parts));
}

/* The kinds a suspension names, as bits; 0 if one is wrong (reported). */
static unsigned suspended_kinds(R *r, const NameList *kinds)
{
    unsigned bits = 0;
    int ok = 1;
    for (int i = 0; i < kinds->n; i++) {
        int known;
        OblKind k = obl_kind_find(nm(r->w, kinds->items[i].sym), &known);
        if (!known) { unknown_obl_kind(r->w, r->d, kinds->items[i]); ok = 0; continue; }
        if (bits >> k & 1u) {
            diag_error(r->d, kinds->items[i].loc, "'%s' is named twice here", obl_kind_name(k));
            ok = 0;
        }
        bits |= 1u << k;
    }
    return ok ? bits : 0;
}

/* A suspension names its parties: `members` would take an obligation away
 * from parties that change with the date. */
static int named_side(R *r, const PartySide *side, const char *which)
{
    if (!side->members) return 1;
    diag_error(r->d, side->loc, "a suspension names the parties %s (states or actors), not 'members'", which);
    return 0;
}

/* "defence, consultation": the suspended kinds as written. */
static const char *kinds_text(R *r, const NameList *kinds)
{
    const char *s = "";
    for (int i = 0; i < kinds->n; i++)
        s = arena_printf(&r->w->arena, "%s%s%s", s, i ? ", " : "", nm(r->w, kinds->items[i].sym));
    return s;
}

static void apply_suspension(R *r, EntId org, const Clause *c)
{
    const SuspSpec *s = c->susp;
    int named = named_side(r, s->obliged, "that suspend");
    named = named_side(r, s->beneficiaries, "they suspend towards") && named;
    unsigned kinds = suspended_kinds(r, &s->kinds);
    if (s->period.from == DATE_NONE) {
        diag_error(r->d, c->loc, "a suspension needs a start: since DATE, or from DATE [until DATE]");
        return;
    }
    if (!named || !kinds || empty_period(r, s->period.from, s->period.until, c->loc, "suspension's period", ""))
        return;
    Suspension sp;
    memset(&sp, 0, sizeof sp);
    sp.org = org;
    sp.kinds = kinds;
    int named_ok = side_parties(r, s->obliged, &sp.obliged);
    if (!side_parties(r, s->beneficiaries, &sp.beneficiaries) || !named_ok) return;
    sp.from = s->period.from;
    sp.until = s->period.until;
    sp.loc = c->loc;
    sp.text = arena_printf(&r->w->arena, "%s: %s %s %s to %s %s", nm(r->w, ent(r->w, org)->name),
                           side_text(r, s->obliged), s->obliged->names.n == 1 ? "suspends" : "suspend",
                           kinds_text(r, &s->kinds), side_text(r, s->beneficiaries),
                           period_words(&r->w->arena, sp.from, sp.until));
    vec_push(&r->w->arena, &r->w->susps, sp);
}

/* `suspended NAME, ... PERIOD;`: members suspended for a period, which
 * must have a start.  The organisation's are sorted by member once its
 * clauses are read (sort_member_suspensions). */
static void apply_suspended_members(R *r, EntId org, const Clause *c)
{
    if (c->date == DATE_NONE) {
        diag_error(r->d, c->loc, "a suspension of members needs a start: since DATE, or from DATE [until DATE]");
        return;
    }
    if (empty_period(r, c->date, c->date2, c->loc, "suspension's period", "")) return;
    EntList who = { 0 };
    PartySide side;
    memset(&side, 0, sizeof side);
    side.names = c->names;
    if (!side_parties(r, &side, &who)) return;
    for (int i = 0; i < c->names.n; i++) {
        MemberSusp m = { world_find(r->w, c->names.items[i].sym), org, c->date, c->date2, c->names.items[i].loc, NULL };
        m.loc.end = c->loc.end;
        m.text = arena_printf(&r->w->arena, "%s: suspended %s %s", nm(r->w, ent(r->w, org)->name),
                              ent_name(r->w, m.who), period_words(&r->w->arena, m.from, m.until));
        vec_push(&r->w->arena, &r->w->msusps, m);
    }
}

/* A length of time written COUNT UNIT (a notice, a term, a renewal's):
 * a known unit, a whole count of at least 1, and an end, from `start`,
 * before 9999-12-31.  The count is checked before it is converted.
 * `what`: "a period of notice"; `one`: "a notice", for the messages. */
static int span_ok(R *r, double count, Name unit_name, Date start, Loc loc, const char *what, const char *one,
                   DateUnit *unit)
{
    int ok;
    const char *word = nm(r->w, unit_name.sym);
    *unit = date_unit_find(word, &ok);
    if (!ok) {
        static const char *const units[] = { "day", "days", "month", "months", "year", "years" };
        const char *s = suggest_closest(word, units, 6);
        if (s) diag_error(r->d, unit_name.loc, "unknown unit '%s'; did you mean '%s'?", word, s);
        else diag_error(r->d, unit_name.loc, "unknown unit '%s' (use days, months or years)", word);
        return 0;
    }
    if (!(count >= 1) || count != (double)(long long)count) {
        diag_error(r->d, loc, "%s is a whole number of %s, at least 1", what, date_unit_name(*unit, 2));
        return 0;
    }
    Date end;
    if (count > 10000.0 * 366 || date_add(start, (long long)count, *unit, &end) < 0) {
        char day[16];
        date_format(start, day);
        diag_error(r->d, loc, "%s of %.0f %s from %s would end after 9999-12-30", one, count,
                   date_unit_name(*unit, (long long)count), day);
        return 0;
    }
    return 1;
}

/* `notice N UNIT [from DATE];`, at most one per organisation.  The count is
 * checked before it is converted, and the longest notice from the first day
 * it may be given must end before 9999-12-31. */
static void apply_notice_rule(R *r, EntId org, OrgInfo *o, const Clause *c)
{
    const char *who = nm(r->w, ent(r->w, org)->name);
    if (o->rare->notice_n) {
        diag_error(r->d, c->loc, "'notice' is given twice for '%s'", who);
        diag_note(r->d, o->rare->notice_loc, "the first one is here");
        return;
    }
    DateUnit unit;
    const TermSpec *t = c->term;
    Date start = t->start != DATE_NONE ? t->start : ent(r->w, org)->founded ? ent(r->w, org)->founded : 10101;
    if (!span_ok(r, t->count, t->unit, start, c->loc, "a period of notice", "a notice", &unit)) return;
    OrgRare *rare = rare_of(r->w, o);
    rare->notice_n = (int)t->count;
    rare->notice_unit = unit;
    rare->notice_from = t->start;
    rare->notice_loc = c->loc;
}

/* `NAME gave notice at DATE;`: kept, and settled with the organisation's
 * notice period once all its clauses are read (settle_notices). */
static void apply_gave_notice(R *r, EntId org, const Clause *c)
{
    EntId who = lookup_party(r->w, r->d, c->names.items[0]);
    if (!who || c->date == DATE_NONE) return;          /* a bad date is reported already */
    Notice n = { who, org, c->date, DATE_END, c->loc };
    vec_push(&r->w->arena, &r->w->notices, n);
}

/* Can a notice be given to org on `given`, and when does it end?  A
 * located error if not: org has no notice clause, the day is before the
 * first day notice may be given, or the end is past the calendar.
 * `supposed`: the notice is a supposition (which the advice fits). */
static int notice_allowed(const World *w, Diag *d, EntId who, EntId org, Date given, Loc loc, int supposed,
                          Date *ends)
{
    const OrgInfo *o = org_info(w, org);
    char day[16], from[16];
    date_format(given, day);
    if (!o->rare->notice_n) {
        if (supposed)
            diag_error(d, loc, "'%s' has no notice clause, so notice cannot be given to it; to suppose that '%s' "
                       "leaves, write: suppose %s leaves %s;", ent_name(w, org), ent_name(w, who), ent_name(w, who),
                       ent_name(w, org));
        else
            diag_error(d, loc, "'%s' gave notice to '%s', which has no notice clause; end the membership with "
                       "'until DATE' instead", ent_name(w, who), ent_name(w, org));
        return 0;
    }
    if (o->rare->notice_from != DATE_NONE && given < o->rare->notice_from) {
        date_format(o->rare->notice_from, from);
        diag_error(d, loc, "'%s' gives notice to '%s' on %s, but notice may be given only from %s", ent_name(w, who),
                   ent_name(w, org), day, from);
        diag_note(d, o->rare->notice_loc, "the notice clause is here");
        return 0;
    }
    if (notice_end(w, org, given, ends) < 0) {
        diag_error(d, loc, "a notice given to '%s' on %s would end after 9999-12-30", ent_name(w, org), day);
        return 0;
    }
    return 1;
}

typedef struct RecAt { EntId who; uint32_t idx; } RecAt;

static int by_who_then_idx(const void *a, const void *b)
{
    const RecAt *x = a, *y = b;
    if (x->who != y->who) return x->who < y->who ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The organisation's membership records (World.mems from first_mem: an
 * organisation's records come from its own block), sorted by member, so
 * that one member's record on a day is a binary search away. */
static RecAt *records_by_member(World *w, int first_mem, int *n)
{
    int nrec = w->mems.n - first_mem;
    RecAt *recs = xmalloc((size_t)(nrec ? nrec : 1) * sizeof *recs);
    for (int i = 0; i < nrec; i++) { recs[i].who = w->mems.items[first_mem + i].who; recs[i].idx = (uint32_t)(first_mem + i); }
    qsort(recs, (size_t)nrec, sizeof *recs, by_who_then_idx);
    *n = nrec;
    return recs;
}

/* The record that makes `who` a member on day d, or NULL. */
static Membership *member_record_on(World *w, const RecAt *recs, int nrec, EntId who, Date d)
{
    int lo = 0, hi = nrec;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (recs[mid].who < who) lo = mid + 1; else hi = mid;
    }
    for (; lo < nrec && recs[lo].who == who; lo++) {
        Membership *m = &w->mems.items[recs[lo].idx];
        if (m->role == ROLE_MEMBER && m->from <= d && d < m->until) return m;
    }
    return NULL;
}

static int by_member_then_day(const void *a, const void *b)
{
    const Notice *x = a, *y = b;
    if (x->who != y->who) return x->who < y->who ? -1 : 1;
    return x->given < y->given ? -1 : x->given > y->given;
}

/* The notices given to org (World.notices from `first`): each ends the
 * membership record that holds its day, at the day plus the notice period.
 * The organisation's records (World.mems from first_mem) are sorted by
 * member once, so each notice finds its record by binary search.  A notice
 * that cannot be given is reported and dropped. */
static void settle_notices(R *r, EntId org, int first, int first_mem)
{
    World *w = r->w;
    int nrec, kept = first;
    RecAt *recs = records_by_member(w, first_mem, &nrec);
    if (w->notices.n - first > 1)
        qsort(w->notices.items + first, (size_t)(w->notices.n - first), sizeof *w->notices.items, by_member_then_day);
    for (int i = first; i < w->notices.n; i++) {
        Notice n = w->notices.items[i];
        if (!notice_allowed(w, r->d, n.who, org, n.given, n.loc, 0, &n.ends)) continue;
        Membership *held = member_record_on(w, recs, nrec, n.who, n.given);
        if (!held) {
            char day[16];
            date_format(n.given, day);
            diag_error(r->d, n.loc, "'%s' gave notice to '%s' on %s but is not a member of it then",
                       ent_name(w, n.who), ent_name(w, org), day);
            continue;
        }
        if (n.ends < held->until) held->until = n.ends;
        w->notices.items[kept++] = n;
    }
    w->notices.n = kept;
    free(recs);
    w->ents.items[org].org->notices.at = (uint32_t)first;
    w->ents.items[org].org->notices.n = kept - first;
}

/* ---- fixed terms and renewals (docs/obligations.md, 10) ---- */

/* `term N UNIT [from DATE];`, at most one per organisation: the first term
 * starts at DATE, or at the organisation's founding. */
static void apply_term(R *r, EntId org, const Clause *c)
{
    const char *who = nm(r->w, ent(r->w, org)->name);
    if (r->term) {
        diag_error(r->d, c->loc, "'term' is given twice for '%s'", who);
        diag_note(r->d, r->term->loc, "the first one is here");
        return;
    }
    Date start = c->term->start != DATE_NONE ? c->term->start : ent(r->w, org)->founded;
    if (start == DATE_NONE) {
        diag_error(r->d, c->loc, "a term needs a start: 'term N years from DATE;', or a 'founded' date for '%s'", who);
        return;
    }
    DateUnit unit;
    if (span_ok(r, c->term->count, c->term->unit, start, c->loc, "a term", "a term", &unit)) r->term = c;
}

/* A renewal, with the parties it names sorted by id. */
typedef struct Renewal { const Clause *c; Date date; EntList named; } Renewal;

static int by_renewal_date(const void *a, const void *b)
{
    const Renewal *x = a, *y = b;
    if (x->date != y->date) return x->date < y->date ? -1 : 1;
    const Loc *p = &x->c->loc, *q = &y->c->loc;
    return p->off < q->off ? -1 : p->off > q->off;
}

/* The end of the term that `start` begins: the clause's own length (a
 * renewal's `for`), or the first term's. */
static int term_end(R *r, const Clause *c, double count, Name unit_name, Date start, Date *end)
{
    DateUnit unit;
    if (!span_ok(r, count, unit_name, start, c->loc, "a term", "a term", &unit)) return 0;
    return date_add(start, (long long)count, unit, end) == 0;
}

/* The renewals in date order, each within the term it renews and naming
 * members of that day; each starts a term.  Those that fail are reported
 * and left out (n is the count kept). */
static Renewal *settle_renewals(R *r, EntId org, const RecAt *recs, int nrec, int *n)
{
    World *w = r->w;
    OrgInfo *o = w->ents.items[org].org;
    Renewal *rn = xmalloc((size_t)(r->renewals.n ? r->renewals.n : 1) * sizeof *rn);
    for (int i = 0; i < r->renewals.n; i++) {
        rn[i].c = r->renewals.items[i];
        rn[i].date = r->renewals.items[i]->renewal->date;
        memset(&rn[i].named, 0, sizeof rn[i].named);
    }
    qsort(rn, (size_t)r->renewals.n, sizeof *rn, by_renewal_date);
    int kept = 0;
    for (int i = 0; i < r->renewals.n; i++) {
        const RenewalSpec *s = rn[i].c->renewal;
        const Term *prev = &o->rare->terms.items[o->rare->terms.n - 1];
        if (s->date == DATE_NONE) continue;                 /* a bad date is reported already */
        char a[16], b[16], day[16];
        date_format(prev->from, a);
        date_format(prev->until, b);
        date_format(s->date, day);
        if (s->date <= prev->from || s->date > prev->until) {
            diag_error(r->d, rn[i].c->loc, "a renewal on %s must fall within the term it renews, after %s and "
                       "not after %s", day, a, b);
            diag_note(r->d, prev->loc, "that term starts here");
            continue;
        }
        PartySide side;
        memset(&side, 0, sizeof side);
        side.names = s->names;
        int ok = side_parties(r, &side, &rn[i].named);
        for (int k = 0; k < s->names.n && ok; k++) {
            EntId who = world_find(w, s->names.items[k].sym);
            if (member_record_on(w, recs, nrec, who, s->date)) continue;
            diag_error(r->d, s->names.items[k].loc, "'%s' renews '%s' on %s but is not a member of it then",
                       ent_name(w, who), ent_name(w, org), day);
            ok = 0;
        }
        Term t = { s->date, DATE_END, rn[i].c->loc };
        const Clause *first = r->term;
        if (!ok || !term_end(r, rn[i].c, s->count ? s->count : first->term->count, s->count ? s->unit : first->term->unit,
                             s->date, &t.until))
            continue;
        vec_push(&w->arena, &rare_of(w, o)->terms, t);
        rn[kept++] = rn[i];
    }
    *n = kept;
    return rn;
}

/* A member's record ends at the end of the term that ran when a renewal
 * that does not name it was made, or at the end of the last term. */
static void end_memberships_with_terms(R *r, EntId org, const Renewal *rn, int nrn, int first_mem)
{
    World *w = r->w;
    const OrgInfo *o = w->ents.items[org].org;
    Date last = o->rare->terms.items[o->rare->terms.n - 1].until;
    for (int i = first_mem; i < w->mems.n; i++) {
        Membership *m = &w->mems.items[i];
        if (m->role != ROLE_MEMBER) continue;
        if (m->from >= last) {
            char day[16];
            date_format(last, day);
            diag_error(r->d, m->loc, "'%s' is a member of '%s' after its last term ended on %s", ent_name(w, m->who),
                       ent_name(w, org), day);
            continue;
        }
        int lo = 0, hi = nrn;              /* the first renewal on or after the record's start */
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (rn[mid].date < m->from) lo = mid + 1; else hi = mid;
        }
        Date end = last;
        for (int k = lo; k < nrn && rn[k].date < m->until; k++)
            if (!entlist_has_id(&rn[k].named, m->who)) {
                end = o->rare->terms.items[k].until;           /* term k ran when renewal k (term k + 1) was made */
                break;
            }
        if (end < m->until) m->until = end;
    }
}

/* Once an organisation's clauses are read: its terms, and the end they
 * give its memberships. */
static void settle_terms(R *r, EntId org, int first_mem)
{
    World *w = r->w;
    OrgInfo *o = w->ents.items[org].org;
    if (!r->term) {
        for (int i = 0; i < r->renewals.n; i++)
            diag_error(r->d, r->renewals.items[i]->loc, "'%s' has no term to renew: add 'term N years [from DATE];'",
                       ent_name(w, org));
        return;
    }
    const Clause *c = r->term;
    Term first = { c->term->start != DATE_NONE ? c->term->start : ent(w, org)->founded, DATE_END, c->loc };
    if (!term_end(r, c, c->term->count, c->term->unit, first.from, &first.until)) return;
    vec_push(&w->arena, &rare_of(w, o)->terms, first);
    int nrec, nrn;
    RecAt *recs = records_by_member(w, first_mem, &nrec);
    Renewal *rn = settle_renewals(r, org, recs, nrec, &nrn);
    end_memberships_with_terms(r, org, rn, nrn, first_mem);
    free(rn);
    free(recs);
}

static int by_member_then_start(const void *a, const void *b)
{
    const MemberSusp *x = a, *y = b;
    if (x->who != y->who) return x->who < y->who ? -1 : 1;
    return x->from < y->from ? -1 : x->from > y->from;
}

/* The organisation's suspended members, from `first` on, sorted by member
 * and start, so that member_suspension_of() is a binary search. */
static void sort_member_suspensions(World *w, OrgInfo *o, int first)
{
    o->msusps.at = (uint32_t)first;
    o->msusps.n = w->msusps.n - first;
    if (o->msusps.n > 1)
        qsort(w->msusps.items + first, (size_t)o->msusps.n, sizeof *w->msusps.items, by_member_then_start);
}

/* A principle with a meaning is the obligation it stands for: every member
 * owes it to every other member (for defence and consultation, only against
 * attackers from outside). */
static void principle_obligation(R *r, EntId org, const Principle *p)
{
    static const struct { PrincipleKind principle; OblKind kind; unsigned char outsiders; } map[] = {
        { PR_COLLECTIVE_DEFENCE, OB_DEFENCE, 1 }, { PR_CONSULTATION, OB_CONSULTATION, 1 },
        { PR_NON_AGGRESSION, OB_NON_AGGRESSION, 0 }, { PR_NEUTRALITY, OB_NEUTRALITY, 0 },
    };
    for (int i = 0; i < 4; i++) {
        if (map[i].principle != p->kind) continue;
        Obligation ob;
        memset(&ob, 0, sizeof ob);
        ob.org = org;
        ob.kind = map[i].kind;
        ob.by_members = ob.to_members = 1;
        ob.outsiders = map[i].outsiders;
        ob.principle = (signed char)p->kind;
        ob.from = p->from;
        ob.until = p->until;
        ob.loc = p->loc;
        ob.principle_text = arena_printf(&r->w->arena, "%s: %s", nm(r->w, ent(r->w, org)->name), p->text);
        push_obligation(r, &ob);
    }
}


/* Has the organisation already stated this principle?  Built-in principles
 * are bits of `seen` (above the clause kinds); `exclusive KIND` is marked in
 * a table by kind name with the organisation's id, so a list of many
 * principles is checked in one pass. */
enum { SEEN_PRINCIPLE = 16 };
static int principle_seen(R *r, EntId org, const Principle *p, unsigned *seen)
{
    if (p->kind != PR_EXCLUSIVE) {
        unsigned bit = 1u << (SEEN_PRINCIPLE + p->kind);
        int was = (*seen & bit) != 0;
        *seen |= bit;
        return was;
    }
    if (p->arg >= r->nexcl) return 0;          /* cannot happen: every name is interned before */
    int was = r->excl_seen[p->arg] == org;
    r->excl_seen[p->arg] = org;
    return was;
}

/* ---- accession (docs/language.md, accession) ---- */
/* `NAME[, NAME...] ratif(y|ies) admission of NAME at|by DATE;`: one record
 * per member, sorted with the others once the organisation is read. */
static void apply_ratification(R *r, OrgInfo *o, const Clause *c)
{
    const RatificationSpec *rs = c->ratification;
    EntId applicant = lookup_party(r->w, r->d, rs->applicant);
    for (int i = 0; i < rs->by.n; i++) {
        Ratification one = { lookup_party(r->w, r->d, rs->by.items[i]), applicant, rs->date, c->loc, rs->bound };
        if (!one.by || !one.applicant) continue;
        if (one.by == one.applicant) {
            diag_error(r->d, c->loc, "'%s' cannot ratify its own admission", ent_name(r->w, one.by));
            continue;
        }
        vec_push(&r->w->arena, &rare_of(r->w, o)->ratifications, one);
    }
}

/* `NAME applies at DATE;`, `NAME is invited at DATE;`: one half-filled
 * record each; settle_accessions() joins an applicant's two. */
static void apply_accession_step(R *r, OrgInfo *o, const Clause *c)
{
    Accession a;
    memset(&a, 0, sizeof a);
    a.applicant = lookup_party(r->w, r->d, c->accession->applicant);
    if (!a.applicant) return;
    a.applied = a.invited = DATE_NONE;
    if (c->kind == CL_APPLICATION) { a.applied = c->accession->date; a.applied_loc = c->loc; }
    else { a.invited = c->accession->date; a.invited_loc = c->loc; }
    a.seq = o->rare->accessions.n;
    vec_push(&r->w->arena, &rare_of(r->w, o)->accessions, a);
}
/* ---- end of accession ---- */

/* The strings of a clause added to a list: the first clause's are shared,
 * not copied (nothing is pushed to the clause's own list again). */
static void strs_append(World *w, StrList *to, const StrList *from)
{
    if (!to->n) { *to = *from; return; }
    for (int i = 0; i < from->n; i++) vec_push(&w->arena, to, from->items[i]);
}

static void apply_clause(R *r, EntId id, const Clause *c, unsigned *seen)
{
    Entity *e = &r->w->ents.items[id];
    OrgInfo *o = e->org;              /* clause_allowed() admits org clauses for organisations only */
    const char *who = nm(r->w, e->name);
    if (!clause_allowed(e->kind, c->kind)) {
        diag_error(r->d, c->loc, "'%s' does not apply to %s %s ('%s')", clause_word(c->kind),
                   ent_kind_article(e->kind), ent_kind_name(e->kind), who);
        return;
    }
    static const unsigned single = (1u << CL_REGION) | (1u << CL_KIND) | (1u << CL_BASED_IN) |
        (1u << CL_FOUNDED) | (1u << CL_IN_FORCE) | (1u << CL_DISSOLVED) |
        (1u << CL_INITIATOR) | (1u << CL_BUDGET);
    if ((single >> c->kind) & 1u) {
        if (*seen & (1u << c->kind)) {
            diag_error(r->d, c->loc, "'%s' is given twice for '%s'", clause_word(c->kind), who);
            return;
        }
        *seen |= 1u << c->kind;
    }
    switch (c->kind) {
    case CL_REGION: e->region = c->text; break;
    case CL_TAGS: strs_append(r->w, &extra_of(r->w, e)->tags, &c->strs); break;
    case CL_BORDERS:
        for (int i = 0; i < c->names.n; i++) {
            EntId b = lookup(r->w, r->d, c->names.items[i], ENT_STATE, "state");
            if (b == id) diag_error(r->d, c->names.items[i].loc, "'%s' cannot border itself", who);
            else if (b) vec_push(&r->w->arena, &e->borders, b);
        }
        break;
    case CL_KIND:
        if (e->kind == ENT_ORG) { o->org_kind = c->name.sym; o->kind_loc = c->loc; }
        else e->actor_kind = c->name.sym;
        break;
    case CL_BASED_IN: extra_of(r->w, e)->based_in = lookup(r->w, r->d, c->name, ENT_STATE, "state"); break;
    case CL_FOUNDED:
        e->founded = c->date;
        if (c->text) rare_of(r->w, o)->founded_in = c->text;     /* `founded DATE in PLACE` */
        o->founded_loc = c->loc;
        break;
    case CL_IN_FORCE: o->in_force = c->date; break;
    case CL_DISSOLVED: o->dissolved = c->date; o->dissolved_loc = c->loc; break;
    case CL_INITIATOR: rare_of(r->w, o)->initiator = lookup_party(r->w, r->d, c->name); break;
    case CL_PURPOSE: strs_append(r->w, &o->purposes, &c->strs); break;
    case CL_DECIDES:
        check_rule_names(r->w, r->d, c->decision);
        if (empty_period(r, c->decision->from, c->decision->until, c->loc, "decision rule's period", "")) return;
        vec_push(&r->w->arena, &o->decisions, *c->decision);
        break;
    case CL_ROLE: apply_role(r, id, c); break;
    case CL_PRINCIPLE: {
        Principle p;
        memset(&p, 0, sizeof p);
        p.loc = c->loc;
        p.from = DATE_NONE;
        p.until = DATE_END;
        if (c->text) { p.kind = PR_DECLARED; p.text = c->text; }
        else {
            int ok;
            const char *pname = nm(r->w, c->name.sym);
            p.kind = principle_kind(pname, &ok);
            if (!ok) {
                static const char *const cands[] = { "collective_defence", "consultation",
                    "non_aggression", "non_interference", "neutrality", "exclusive" };
                const char *s = suggest_closest(pname, cands, 6);
                if (s) diag_error(r->d, c->name.loc, "unknown principle '%s'; did you mean '%s'?", pname, s);
                else diag_error(r->d, c->name.loc, "unknown principle '%s' (write a declared principle "
                                "as a string: principle \"...\";)", pname);
                return;
            }
            const PrincipleSpec *ps = c->principle;
            if (p.kind == PR_EXCLUSIVE && !ps->arg.sym) {
                diag_error(r->d, c->loc, "'exclusive' needs a kind: principle exclusive KIND;");
                return;
            }
            if (p.kind != PR_EXCLUSIVE && ps->arg.sym) {
                diag_error(r->d, ps->arg.loc, "principle '%s' takes no kind (only 'exclusive' does)", pname);
                return;
            }
            p.arg = ps->arg.sym;
            if (ps->period) {
                if (empty_period(r, ps->period->from, ps->period->until, c->loc, "principle's period", "")) return;
                p.from = ps->period->from;
                p.until = ps->period->until;
            }
            p.text = p.kind == PR_EXCLUSIVE ? arena_printf(&r->w->arena, "exclusive %s", nm(r->w, p.arg))
                                            : principle_name(p.kind);
        }
        if (p.kind != PR_DECLARED && principle_seen(r, id, &p, seen)) {
            diag_error(r->d, c->loc, "principle '%s' is given twice for '%s'", p.text, who);
            return;
        }
        vec_push(&r->w->arena, &o->principles, p);
        principle_obligation(r, id, &p);
        break;
    }
    case CL_OBLIGATION: apply_obligation(r, id, c); break;
    case CL_HELD_BY: extra_of(r->w, e)->held_by = lookup(r->w, r->d, c->name, ENT_STATE, "state"); break;
    case CL_PERIOD:
        if (empty_period(r, c->date, c->date2, c->loc, "conflict's period", "")) return;
        extra_of(r->w, e)->from = c->date;
        extra_of(r->w, e)->until = c->date2;
        break;
    case CL_INCLUDES: apply_includes(r, id, c); break;
    case CL_OBJECTION: apply_objection(r, id, c); break;
    case CL_MEASURE: apply_measure(r, e, c); break;
    case CL_RATIFICATION: apply_ratification(r, o, c); break;
    case CL_APPLICATION: case CL_INVITATION: apply_accession_step(r, o, c); break;
    case CL_SUSPENSION: apply_suspension(r, id, c); break;
    case CL_SUSPENDED: apply_suspended_members(r, id, c); break;
    case CL_NOTICE: apply_notice_rule(r, id, o, c); break;
    case CL_GAVE_NOTICE: apply_gave_notice(r, id, c); break;
    case CL_TERM: apply_term(r, id, c); break;
    case CL_RENEWAL: vec_push(&r->w->arena, &r->renewals, c); break;
    case CL_BUDGET: apply_budget(r, o, c); break;
    case CL_ADMISSION:
        for (int i = 0; i < o->admissions.n; i++)
            if (o->admissions.items[i].role == c->role) {
                diag_error(r->d, c->loc, "'%s' has two admission blocks for the role %s", who, role_name(c->role));
                diag_note(r->d, o->admissions.items[i].loc, "the first one is here");
                return;
            }
        {
            Admission a = { c->role, c->reqs, c->loc, NULL };
            for (int i = 0; i < c->reqs.n; i++) {
                if (c->reqs.items[i].kind != REQ_RULE) continue;
                if (a.rule) {
                    diag_error(r->d, c->reqs.items[i].loc, "this admission block already has a decision rule");
                    return;
                }
                a.rule = c->reqs.items[i].rule;
                check_rule_names(r->w, r->d, a.rule);
            }
            vec_push(&r->w->arena, &o->admissions, a);
        }
        break;
    }
}

static int by_rule_start(const void *a, const void *b)
{
    const Decision *x = a, *y = b;
    if (x->from != y->from) return x->from < y->from ? -1 : 1;
    return x->loc.off < y->loc.off ? -1 : x->loc.off > y->loc.off;
}

/* An organisation's decision rules, sorted by start (decision_of() finds
 * the one of a date by binary search); two that would rule on one day are
 * an error. */
static void check_decision_rules(R *r, Entity *e)
{
    Decision *d = e->org->decisions.items;
    int n = e->org->decisions.n;
    if (n > 1) qsort(d, (size_t)n, sizeof *d, by_rule_start);
    for (int i = 1; i < n; i++)
        if (d[i].from < d[i - 1].until) {
            diag_error(r->d, d[i].loc, "'%s' has two decision rules on the same dates (give each a "
                       "period: decides by RULE from DATE [until DATE])", nm(r->w, e->name));
            diag_note(r->d, d[i - 1].loc, "the other rule is here");
        }
}

static int by_applicant_member_date(const void *a, const void *b)
{
    const Ratification *x = a, *y = b;
    if (x->applicant != y->applicant) return x->applicant < y->applicant ? -1 : 1;
    if (x->by != y->by) return x->by < y->by ? -1 : 1;
    return x->date < y->date ? -1 : x->date > y->date;
}

/* ---- accession (docs/language.md, accession) ---- */
static int by_applicant_then_seq(const void *a, const void *b)
{
    const Accession *x = a, *y = b;
    if (x->applicant != y->applicant) return x->applicant < y->applicant ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Moves one step (application or invitation) of `from` into `into`; a step
 * given twice is an error at the second. */
static void join_step(R *r, const Entity *e, Date *into, Loc *into_loc, Date from, Loc from_loc, EntId applicant,
                      const char *what)
{
    if (from == DATE_NONE) return;
    if (*into != DATE_NONE) {
        diag_error(r->d, from_loc, "%s of '%s' to '%s' is given twice", what, ent_name(r->w, applicant),
                   nm(r->w, e->name));
        diag_note(r->d, *into_loc, "the first one is here");
        return;
    }
    *into = from;
    *into_loc = from_loc;
}

/* The accession records sorted by applicant, each applicant's application
 * and invitation joined into one (accession_of() finds it by binary
 * search); an invitation must not come before the application. */
static void settle_accessions(R *r, Entity *e)
{
    OrgInfo *o = e->org;
    Accession *a = o->rare->accessions.items;
    int n = o->rare->accessions.n, kept = 0;
    if (n > 1) qsort(a, (size_t)n, sizeof *a, by_applicant_then_seq);
    for (int i = 0; i < n; i++) {
        if (kept && a[kept - 1].applicant == a[i].applicant) {
            Accession *into = &a[kept - 1];
            join_step(r, e, &into->applied, &into->applied_loc, a[i].applied, a[i].applied_loc, a[i].applicant,
                      "the application");
            join_step(r, e, &into->invited, &into->invited_loc, a[i].invited, a[i].invited_loc, a[i].applicant,
                      "the invitation");
        } else
            a[kept++] = a[i];
    }
    if (kept < n) rare_of(r->w, o)->accessions.n = kept;      /* some joined: only where there were some */
    for (int i = 0; i < kept; i++) {
        if (a[i].applied == DATE_NONE || a[i].invited == DATE_NONE || a[i].invited >= a[i].applied) continue;
        char inv[16], app[16];
        date_format(a[i].invited, inv);
        date_format(a[i].applied, app);
        diag_error(r->d, a[i].invited_loc, "'%s' is invited to '%s' on %s, before it applies (on %s)",
                   ent_name(r->w, a[i].applicant), nm(r->w, e->name), inv, app);
        diag_note(r->d, a[i].applied_loc, "the application is here");
    }
}

/* A ratification recorded before the invitation it ratifies is most
 * likely a slip of the date: a warning (the ratification still counts). */
static void check_ratification_dates(R *r, const Entity *e)
{
    const OrgInfo *o = e->org;
    for (int i = 0; i < o->rare->ratifications.n; i++) {
        const Ratification *rt = &o->rare->ratifications.items[i];
        const Accession *a = accession_of(o, rt->applicant);
        if (!a || a->invited == DATE_NONE || rt->date >= a->invited) continue;
        char when[16], inv[16];
        date_format(rt->date, when);
        date_format(a->invited, inv);
        diag_warning(r->d, rt->loc, "'%s' ratifies the admission of '%s' %s %s, before '%s' is invited (on %s)",
                     ent_name(r->w, rt->by), ent_name(r->w, rt->applicant), rt->bound ? "by" : "on", when,
                     ent_name(r->w, rt->applicant), inv);
        diag_note(r->d, a->invited_loc, "the invitation is here");
    }
}
/* ---- end of accession ---- */

static void check_org_dates(R *r, Entity *e)
{
    if (e->kind != ENT_ORG) return;
    const OrgRare *rare = e->org->rare;
    if (rare->ratifications.n > 1)      /* for ratification_of(): a binary search by (applicant, member) */
        qsort(rare->ratifications.items, (size_t)rare->ratifications.n, sizeof *rare->ratifications.items,
              by_applicant_member_date);
    settle_accessions(r, e);
    check_ratification_dates(r, e);
    if (e->org->dissolved && e->founded && e->org->dissolved <= e->founded)
        diag_error(r->d, e->loc, "'%s' is dissolved before it is founded", nm(r->w, e->name));
    check_decision_rules(r, e);
}

static void check_entity(R *r, Entity *e)
{
    check_org_dates(r, e);
    check_measures(r, e);
}

/* Two roles of one holder in one organisation may not overlap in time.
 * Each holder's records are sorted by (organisation, start), so only
 * neighbours need comparing: O(k log k) for k records, however many. */
typedef struct Held { EntId org; Date from; uint32_t idx; } Held;

static int by_org_then_start(const void *a, const void *b)
{
    const Held *x = a, *y = b;
    if (x->org != y->org) return x->org < y->org ? -1 : 1;
    if (x->from != y->from) return x->from < y->from ? -1 : 1;
    return x->idx < y->idx ? -1 : 1;
}

/* A membership that starts before its organisation is founded is most
 * likely a typo in one of the two dates; the days before the founding
 * count for nothing (org_active), so it is said, not refused. */
static void check_founding(R *r)
{
    const World *w = r->w;
    for (int i = 0; i < w->mems.n && !r->d->stopped; i++) {
        const Membership *m = &w->mems.items[i];
        const Entity *o = ent(w, m->org);
        if (!o->founded || m->from == DATE_NONE || m->from >= o->founded) continue;
        char from[16], founded[16];
        date_format(m->from, from);
        date_format(o->founded, founded);
        diag_warning(r->d, m->loc, "'%s' is %s of '%s' from %s, before '%s' is founded (%s)", ent_name(w, m->who),
                     role_article(m->role), ent_name(w, m->org), from, ent_name(w, m->org), founded);
    }
}

static void check_overlaps(R *r)
{
    World *w = r->w;
    for (int i = 1; i < w->ents.n; i++) {
        const Entity *e = &w->ents.items[i];
        const IdxSpan *l = &e->as_holder;
        if (l->n < 2) continue;
        Held *held = xmalloc((size_t)l->n * sizeof *held);
        for (int a = 0; a < l->n; a++) {
            const Membership *m = mem_held(w, e, a);
            Held h = { m->org, m->from, w->by_holder[l->at + (uint32_t)a] };
            held[a] = h;
        }
        qsort(held, (size_t)l->n, sizeof *held, by_org_then_start);
        uint32_t reach = held[0].idx;     /* the record reaching furthest so far, in this org */
        for (int a = 1; a < l->n; a++) {
            const Membership *y = &w->mems.items[reach], *x = &w->mems.items[held[a].idx];
            if (x->org != y->org || x->until > y->until) reach = held[a].idx;
            if (x->org != y->org || x->from >= y->until) continue;
            if (x->role == y->role)
                diag_error(r->d, x->loc, "'%s' is %s of '%s' twice over overlapping dates",
                           ent_name(w, x->who), role_article(x->role), ent_name(w, x->org));
            else
                diag_error(r->d, x->loc, "'%s' is both %s and %s of '%s' over overlapping dates",
                           ent_name(w, x->who), role_article(y->role), role_article(x->role),
                           ent_name(w, x->org));
            diag_note(r->d, y->loc, "the other interval is here");
        }
        free(held);
        if (r->d->stopped) return;
    }
}

/* ---- the checks of obligations ---- */

/* A member record, for finding one party's records in one organisation by
 * binary search. */
typedef struct MemberRec { EntId who, org; Date from, until; } MemberRec;

static int by_holder_org_start(const void *a, const void *b)
{
    const MemberRec *x = a, *y = b;
    if (x->who != y->who) return x->who < y->who ? -1 : 1;
    if (x->org != y->org) return x->org < y->org ? -1 : 1;
    return x->from < y->from ? -1 : x->from > y->from;
}

/* Each named obliged party must be a member of the organisation: at some
 * date when the obligation has no period, on every day of it (while the
 * organisation exists) when it has one.  The records of one party in one
 * organisation do not overlap (check_overlaps), so sorted by start they are
 * swept once. */
static void check_obliged_members(R *r, const MemberRec *recs, int nrecs, const Obligation *ob, EntId p)
{
    const World *w = r->w;
    MemberRec key = { p, ob->org, DATE_NONE, DATE_NONE };
    int lo = 0, hi = nrecs;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (by_holder_org_start(&recs[mid], &key) < 0) lo = mid + 1; else hi = mid;
    }
    int end = lo;
    while (end < nrecs && recs[end].who == p && recs[end].org == ob->org) end++;
    const char *org = ent_name(w, ob->org);
    if (lo == end) {
        diag_error(r->d, ob->loc, "'%s' owes %s in '%s' but is never a member of it", ent_name(w, p),
                   obl_kind_name(ob->kind), org);
        return;
    }
    if (ob->from == DATE_NONE && ob->until == DATE_END) return;
    const Entity *o = ent(w, ob->org);
    Date start = ob->from > o->founded ? ob->from : o->founded;
    Date stop = o->org->dissolved && o->org->dissolved < ob->until ? o->org->dissolved : ob->until;
    Date covered = start;              /* every day before this one is covered */
    for (int k = lo; k < end && covered < stop && recs[k].from <= covered; k++)
        if (recs[k].until > covered) covered = recs[k].until;
    if (covered >= stop) return;
    char day[16];
    if (covered == DATE_NONE) {        /* open at the start, while the membership is not */
        date_format(recs[lo].from, day);
        diag_error(r->d, ob->loc, "'%s' owes %s in '%s' before %s but is not a member of it then", ent_name(w, p),
                   obl_kind_name(ob->kind), org, day);
        return;
    }
    date_format(covered, day);
    diag_error(r->d, ob->loc, "'%s' owes %s in '%s' on %s but is not a member of it then", ent_name(w, p),
               obl_kind_name(ob->kind), org, day);
}

/* One obligation of one obliged party (0: `members`), keyed for finding
 * the same obligation declared twice. */
typedef struct OblKey { const Obligation *ob; EntId who; uint32_t idx; } OblKey;

/* Two lists of parties sorted by id, compared: by length, then by id. */
static int parties_cmp(const EntList *a, const EntList *b)
{
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    return a->n ? memcmp(a->items, b->items, (size_t)a->n * sizeof (EntId)) : 0;
}

/* The same obligation but for its period: organisation, kind, condition,
 * obliged party, beneficiaries and exceptions as written. */
static int obligation_cmp(const OblKey *x, const OblKey *y)
{
    const Obligation *p = x->ob, *q = y->ob;
    if (p->org != q->org) return p->org < q->org ? -1 : 1;
    if (p->kind != q->kind) return p->kind < q->kind ? -1 : 1;
    if (p->outsiders != q->outsiders) return p->outsiders < q->outsiders ? -1 : 1;
    if (x->who != y->who) return x->who < y->who ? -1 : 1;
    if (p->to_members != q->to_members) return p->to_members < q->to_members ? -1 : 1;
    int c = parties_cmp(&p->beneficiaries, &q->beneficiaries);
    if (!c) c = parties_cmp(except_obliged_of(p), except_obliged_of(q));
    if (!c) c = parties_cmp(except_beneficiaries_of(p), except_beneficiaries_of(q));
    return c ? c : conditions_cmp(&p->conds, &q->conds);
}

static int by_obligation_then_start(const void *a, const void *b)
{
    const OblKey *x = a, *y = b;
    int c = obligation_cmp(x, y);
    if (c) return c;
    if (x->ob->from != y->ob->from) return x->ob->from < y->ob->from ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int same_obligation(const OblKey *x, const OblKey *y) { return obligation_cmp(x, y) == 0; }

/* Sorts the keys by obligation and start.  The organisation is the first
 * key, and the obligations come grouped by organisation in the order of
 * their ids (each organisation's clauses are applied in turn): then each
 * group is sorted on its own, the same order in fewer comparisons. */
static void sort_obligation_keys(OblKey *keys, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (keys[i].ob->org < keys[i - 1].ob->org) {
            qsort(keys, n, sizeof *keys, by_obligation_then_start);
            return;
        }
    for (size_t lo = 0, hi; lo < n; lo = hi) {
        for (hi = lo + 1; hi < n && keys[hi].ob->org == keys[lo].ob->org; hi++) {}
        if (hi - lo > 1) qsort(keys + lo, hi - lo, sizeof *keys, by_obligation_then_start);
    }
}

/* The same obligation (organisation, kind, obliged party, beneficiaries,
 * conditions) may be declared for several periods, which may not overlap:
 * sorted by obligation and start, only neighbours need comparing. */
static void check_obligation_overlaps(R *r)
{
    World *w = r->w;
    size_t n = 0;
    for (int i = 0; i < w->obls.n; i++) n += w->obls.items[i].by_members ? 1 : (size_t)w->obls.items[i].obliged.n;
    if (n < 2) return;
    OblKey *keys = xmalloc(n * sizeof *keys);
    size_t k = 0;
    for (int i = 0; i < w->obls.n; i++) {
        const Obligation *ob = &w->obls.items[i];
        if (ob->by_members) { OblKey key = { ob, ENT_NONE, (uint32_t)i }; keys[k++] = key; }
        for (int j = 0; j < ob->obliged.n; j++) { OblKey key = { ob, ob->obliged.items[j], (uint32_t)i }; keys[k++] = key; }
    }
    sort_obligation_keys(keys, n);
    size_t reach = 0;                  /* the one reaching furthest so far, for this obligation */
    for (size_t i = 1; i < n && !r->d->stopped; i++) {
        if (!same_obligation(&keys[i], &keys[reach])) { reach = i; continue; }
        const Obligation *x = keys[i].ob, *y = keys[reach].ob;
        if (x->until > y->until) reach = i;
        if (x->from >= y->until) continue;
        const char *who = keys[i].who ? arena_printf(&w->arena, "'%s' owes", ent_name(w, keys[i].who))
                                      : "the members owe";
        const char *to = x->to_members ? "the members" : entlist_text(w, &w->arena, &x->beneficiaries);
        diag_error(r->d, x->loc, "%s %s to %s in '%s' twice over overlapping dates", who, obl_kind_name(x->kind),
                   to, ent_name(w, x->org));
        diag_note(r->d, y->loc, "the other period is here");
    }
    free(keys);
}

static int ever_member(const World *w, EntId p, EntId org)
{
    const Entity *e = ent(w, p);
    for (int i = 0; i < e->as_holder.n; i++)
        if (mem_held(w, e, i)->org == org && mem_held(w, e, i)->role == ROLE_MEMBER) return 1;
    return 0;
}

/* A party excepted from `members` that is never a member takes nothing
 * away: most likely a slip, so a warning.  Each party's own records are
 * read. */
static void check_exceptions(R *r)
{
    const World *w = r->w;
    for (int i = 0; i < w->obls.n && !r->d->stopped; i++) {
        const Obligation *ob = &w->obls.items[i];
        for (int side = 0; side < 2; side++) {
            const EntList *l = side ? except_beneficiaries_of(ob) : except_obliged_of(ob);
            for (int k = 0; k < l->n; k++)
                if (!ever_member(w, l->items[k], ob->org))
                    diag_warning(r->d, ob->loc, "'%s' is excepted from this obligation but is never a member of "
                                 "'%s'; the exception takes nothing away", ent_name(w, l->items[k]),
                                 ent_name(w, ob->org));
        }
    }
}

/* An objection by a party that is never a member refuses nothing. */
static void check_objectors(R *r)
{
    const World *w = r->w;
    for (int e = 1; e < w->ents.n && !r->d->stopped; e++) {
        const OrgInfo *o = w->ents.items[e].org;
        for (int i = 0; o && i < o->rare->objections.n; i++)
            for (int k = 0; k < o->rare->objections.items[i].by.n; k++) {
                EntId who = o->rare->objections.items[i].by.items[k];
                if (!ever_member(w, who, (EntId)e))
                    diag_warning(r->d, o->rare->objections.items[i].loc, "'%s' objects but is never a member of '%s'; "
                                 "the objection refuses nothing", ent_name(w, who), ent_name(w, (EntId)e));
            }
    }
}

static void check_obligations(R *r)
{
    World *w = r->w;
    int named = 0;
    for (int i = 0; i < w->obls.n && !named; i++) named = w->obls.items[i].obliged.n > 0;
    if (named) {
        MemberRec *recs = xmalloc((size_t)(w->mems.n ? w->mems.n : 1) * sizeof *recs);
        int n = 0;
        for (int i = 0; i < w->mems.n; i++) {
            const Membership *m = &w->mems.items[i];
            if (m->role != ROLE_MEMBER) continue;
            MemberRec rec = { m->who, m->org, m->from, m->until };
            recs[n++] = rec;
        }
        qsort(recs, (size_t)n, sizeof *recs, by_holder_org_start);
        for (int i = 0; i < w->obls.n && !r->d->stopped; i++)
            for (int j = 0; j < w->obls.items[i].obliged.n; j++)
                check_obliged_members(r, recs, n, &w->obls.items[i], w->obls.items[i].obliged.items[j]);
        free(recs);
    }
    check_obligation_overlaps(r);
    check_exceptions(r);
    check_objectors(r);
}

/* Is p a member of org on d, as declared?  p's own records are read. */
static int member_on(const World *w, EntId p, EntId org, Date d)
{
    const Entity *e = ent(w, p);
    for (int i = 0; i < e->as_holder.n; i++) {
        const Membership *m = mem_held(w, e, i);
        if (m->org == org && m->role == ROLE_MEMBER && d >= m->from && d < m->until) return 1;
    }
    return 0;
}

/* Is ob an obligation of org, of kind k, in force on d, whose obliged side
 * holds p (a member of org on d)? */
static int obliges(const Obligation *ob, EntId org, OblKind k, EntId p, Date d)
{
    return ob->org == org && ob->kind == k && d >= ob->from && d < ob->until &&
           (ob->by_members ? !entlist_has_id(except_obliged_of(ob), p) : entlist_has_id(&ob->obliged, p));
}

/* Does org have an obligation of kind k from p to b on d, conditions
 * aside?  Only the obligations that name b and those org owes its members
 * are read, as for who must defend. */
static int obligation_on(const World *w, EntId org, OblKind k, EntId p, EntId b, Date d)
{
    const Entity *o = ent(w, org);
    if (p == b || d < o->founded || (o->org->dissolved && d >= o->org->dissolved) || !member_on(w, p, org, d))
        return 0;
    int n;
    const uint32_t *named = obls_owed_to(w, b, &n);
    for (int i = 0; i < n; i++)
        if (obliges(&w->obls.items[named[i]], org, k, p, d)) return 1;
    if (!member_on(w, b, org, d)) return 0;
    const uint32_t *group = obls_members_of_kind(w, o->org, 0, k, &n);
    for (int i = 0; i < n; i++)
        if (obliges(&w->obls.items[group[i]], org, k, p, d) &&
            !entlist_has_id(except_beneficiaries_of(&w->obls.items[group[i]]), b)) return 1;
    return 0;
}

/* A suspension must suspend something: on its first day, an obligation of
 * each kind it names from each party it names to each other one. */
static void check_suspensions(R *r)
{
    const World *w = r->w;
    for (int i = 0; i < w->susps.n && !r->d->stopped; i++) {
        const Suspension *s = &w->susps.items[i];
        char day[16];
        date_format(s->from, day);
        for (int p = 0; p < s->obliged.n; p++)
            for (int b = 0; b < s->beneficiaries.n; b++)
                for (int k = 0; k < OB_KINDS; k++) {
                    EntId who = s->obliged.items[p], to = s->beneficiaries.items[b];
                    if (!(s->kinds >> k & 1u) || obligation_on(w, s->org, (OblKind)k, who, to, s->from)) continue;
                    diag_error(r->d, s->loc, "'%s' suspends %s to '%s' from %s, but '%s' has no obligation of %s "
                               "from '%s' to '%s' on that day", ent_name(w, who), obl_kind_name((OblKind)k),
                               ent_name(w, to), day, ent_name(w, s->org), obl_kind_name((OblKind)k),
                               ent_name(w, who), ent_name(w, to));
                }
    }
}

/* A member is suspended: it must be a member on the suspension's first day. */
static void check_suspended_members(R *r)
{
    const World *w = r->w;
    for (int i = 0; i < w->msusps.n && !r->d->stopped; i++) {
        const MemberSusp *m = &w->msusps.items[i];
        if (member_on(w, m->who, m->org, m->from)) continue;
        char day[16];
        date_format(m->from, day);
        diag_error(r->d, m->loc, "'%s' is suspended in '%s' from %s, but is not a member of it on that day",
                   ent_name(w, m->who), ent_name(w, m->org), day);
    }
}

/* A budget share counts only while its holder is a member (see
 * budget_shares() in eval.c); one declared for a party that is a member at
 * no date is dead weight, most likely a slip. */
static void check_shares(R *r)
{
    World *w = r->w;
    for (int i = 1; i < w->ents.n && !r->d->stopped; i++) {
        const OrgInfo *o = w->ents.items[i].org;
        if (!o || !o->rare->shares.n) continue;
        EntId *members = xmalloc((size_t)(o->as_org.n ? o->as_org.n : 1) * sizeof *members);
        int n = 0;
        for (int k = 0; k < o->as_org.n; k++)
            if (mem_of(w, o, k)->role == ROLE_MEMBER) members[n++] = mem_of(w, o, k)->who;
        qsort(members, (size_t)n, sizeof *members, entid_cmp);
        for (int k = 0; k < o->rare->shares.n; k++) {
            const BudgetShare *s = &o->rare->shares.items[k];
            if (n && bsearch(&s->who, members, (size_t)n, sizeof *members, entid_cmp)) continue;
            diag_warning(r->d, s->loc, "'%s' has a budget share in '%s' but is never a member of it; "
                         "the share never counts", ent_name(w, s->who), ent_name(w, (EntId)i));
        }
        free(members);
    }
}

/* ---------------- pass 3: expressions, scenarios, queries ---------------- */

typedef struct Scope { Sym sym; const struct Scope *up; } Scope;
typedef struct ExprCtx {
    int has_org;          /* `members` and `org` refer to an organisation */
    int has_applicant;
    int too_deep;         /* set once the depth limit was reported */
    const unsigned char *kinds;   /* kinds[sym]: a known kind (NULL: do not warn) */
    uint32_t nkinds;
    const NameList *params;       /* the rule's parameters, as declared (NULL: none) */
    const Sym *param_syms;        /* the same, sorted: found by binary search */
} ExprCtx;

/* Quantified variables (a chain as deep as the nesting, which the parser
 * bounds), then the rule's parameters (any number). */
static int in_scope(const Scope *s, const ExprCtx *cx, Sym sym)
{
    for (; s; s = s->up) if (s->sym == sym) return 1;
    return cx->params && cx->params->n &&
           bsearch(&sym, cx->param_syms, (size_t)cx->params->n, sizeof sym, by_sym) != NULL;
}

/* Kinds that some organisation has, or that a scenario supposes: marked once
 * in a table by name (malloc'd; the caller frees it), so `kind K` checks
 * cost nothing per expression. */
static unsigned char *mark_kinds(const World *w, uint32_t *n)
{
    *n = w->names.count;
    unsigned char *table = xcalloc(*n ? *n : 1, 1);
    for (int i = 1; i < w->ents.n; i++)
        if (w->ents.items[i].org && w->ents.items[i].org->org_kind < *n)
            table[w->ents.items[i].org->org_kind] = 1;
    for (int p = 0; p < w->programs.n; p++)
        for (int i = 0; i < w->programs.items[p]->decls.n; i++) {
            const Decl *d = w->programs.items[p]->decls.items[i];
            if (d->kind != D_SCENARIO) continue;
            for (int j = 0; j < d->items.n; j++)
                if (d->items.items[j]->kind == SI_SUPPOSE && d->items.items[j]->sup.kind == SUP_KIND &&
                    d->items.items[j]->sup.kind_name.sym < *n)
                    table[d->items.items[j]->sup.kind_name.sym] = 1;
        }
    return table;
}

/* A kind no organisation has (a typo, most likely): a warning, with the
 * closest kind that some organisation has. */
static void warn_unknown_kind(const World *w, Diag *d, Sym kind, Loc loc, const unsigned char *kinds, uint32_t nkinds)
{
    const char *cands[256];
    int n = 0;
    for (uint32_t k = 1; k < nkinds && n < 256; k++) if (kinds[k]) cands[n++] = nm(w, k);
    const char *best = suggest_closest(nm(w, kind), cands, n);
    if (best) diag_warning(d, loc, "no organisation has kind '%s'; did you mean '%s'?", nm(w, kind), best);
    else diag_warning(d, loc, "no organisation has kind '%s'", nm(w, kind));
}

static int known_kind(const ExprCtx *cx, Sym k)
{
    if (!cx->kinds) return 1;               /* outside a load (a query): do not warn */
    return k < cx->nkinds && cx->kinds[k];
}

/* Static types: what an expression is known to yield before it runs.
 * T_ANY is "not known here" (a rule parameter, a quantified variable). */
typedef enum { T_ANY, T_BOOL, T_NUM, T_STR, T_DATE, T_ENT, T_SET, T_KIND } SType;

static const char *stype_name(SType t)
{
    static const char *const names[] = { "anything", "a truth value", "a number", "a string", "a date",
                                         "a name", "a set", "a kind" };
    return names[t];
}

/* Reports an error unless t is `want` (or unknown). */
static void want_type(Diag *d, const Expr *e, SType t, SType want, const char *role)
{
    if (t != T_ANY && t != want)
        diag_error(d, e->loc, "%s must be %s, but this is %s", role, stype_name(want), stype_name(t));
}

/* A name argument that must be an organisation: catch members(Russia) early. */
static void want_org(const World *w, Diag *d, const Expr *e)
{
    if (e->kind != EX_NAME) return;
    EntId id = world_find(w, e->name.sym);
    if (id && ent(w, id)->kind != ENT_ORG)
        diag_error(d, e->loc, "'%s' is %s, not an organisation", nm(w, e->name.sym),
                   ent(w, id)->kind == ENT_STATE ? "a state" : "an actor");
}

static SType check_expr(const World *w, Diag *d, const Expr *e, const Scope *sc, const ExprCtx *cx, int depth);

static SType check_call(const World *w, Diag *d, const Expr *e, const Scope *sc, const ExprCtx *cx, int depth)
{
    const char *fname = nm(w, e->name.sym);
    const Builtin *b = builtin_find(fname);
    const Rule *rule = world_rule(w, e->name.sym);
    int want = b ? b->nargs : rule ? rule->params.n : -1;
    SType t[8] = { T_ANY };
    for (int i = 0; i < e->args.n; i++) {
        SType ti = check_expr(w, d, e->args.items[i], sc, cx, depth + 1);
        if (i < 8) t[i] = ti;
    }
    if (want < 0) {
        const char *cands[64];
        int n = 0;
        for (int i = 0; i < builtin_count; i++) cands[n++] = builtin_table[i].name;
        for (int i = 0; i < w->rules.n && n < 64; i++) cands[n++] = nm(w, w->rules.items[i].name);
        const char *s = suggest_closest(fname, cands, n);
        if (s) diag_error(d, e->name.loc, "unknown function or rule '%s'; did you mean '%s'?", fname, s);
        else diag_error(d, e->name.loc, "unknown function or rule '%s'", fname);
        return T_ANY;
    }
    if (want != e->args.n) {
        if (b) diag_error(d, e->loc, "'%s' takes %d argument%s, not %d: %s", fname, want,
                          want == 1 ? "" : "s", e->args.n, b->usage);
        else diag_error(d, e->loc, "rule '%s' takes %d argument%s, not %d", fname, want,
                        want == 1 ? "" : "s", e->args.n);
        return T_ANY;
    }
    if (!b) return T_ANY;
    const Expr *a0 = e->args.items[0], *a1 = e->args.n > 1 ? e->args.items[1] : NULL;
    switch (b->id) {
    case BI_MEMBER_OF:
        want_type(d, a0, t[0], T_ENT, "the first argument of member_of");
        if (t[1] != T_KIND) { want_type(d, a1, t[1], T_ENT, "the second argument of member_of"); want_org(w, d, a1); }
        return T_BOOL;
    case BI_OBSERVER_OF: case BI_PARTNER_OF:
        want_type(d, a0, t[0], T_ENT, "the first argument");
        want_type(d, a1, t[1], T_ENT, "the second argument");
        want_org(w, d, a1);
        return T_BOOL;
    case BI_BORDERS:
        want_type(d, a0, t[0], T_ENT, "the first argument of borders");
        want_type(d, a1, t[1], T_ENT, "the second argument of borders");
        return T_BOOL;
    case BI_COUNT: want_type(d, a0, t[0], T_SET, "the argument of count"); return T_NUM;
    case BI_SHARE:
        want_type(d, a0, t[0], T_ENT, "the first argument of share");
        want_type(d, a1, t[1], T_ENT, "the second argument of share");
        want_org(w, d, a1);
        return T_NUM;
    case BI_KIND: want_type(d, a0, t[0], T_ENT, "the argument of kind"); want_org(w, d, a0); return T_KIND;
    case BI_REGION: want_type(d, a0, t[0], T_ENT, "the argument of region"); return T_STR;
    case BI_MEMBERS: case BI_OBSERVERS: case BI_PARTNERS:
        want_type(d, a0, t[0], T_ENT, "the argument");
        want_org(w, d, a0);
        return T_SET;
    case BI_NONE: break;
    }
    return T_ANY;
}

static SType check_expr(const World *w, Diag *d, const Expr *e, const Scope *sc, const ExprCtx *cx, int depth)
{
    if (!e) return T_ANY;
    if (depth > PARSE_MAX_DEPTH) {
        if (!cx->too_deep)
            diag_error(d, e->loc, "expression is nested too deeply (limit is %d)", PARSE_MAX_DEPTH);
        ((ExprCtx *)cx)->too_deep = 1;      /* one report per expression */
        return T_ANY;
    }
    switch (e->kind) {
    case EX_NUM: return T_NUM;
    case EX_STR: return T_STR;
    case EX_DATE: return T_DATE;
    case EX_BOOL: return T_BOOL;
    case EX_NAME: {
        Sym s = e->name.sym;
        if (s == SYM_NONE) return T_ANY;
        if (in_scope(sc, cx, s)) return T_ANY;
        if (world_find(w, s)) return T_ENT;
        if (s == w->sym_applicant && cx->has_applicant) return T_ENT;
        if (s == w->sym_org && cx->has_org) return T_ENT;
        const char *name = nm(w, s);
        if (s == w->sym_applicant) {
            diag_error(d, e->loc, "'applicant' only has a meaning inside an admission block");
            return T_ANY;
        }
        if (d->stopped) return T_ANY;
        const char *vars[32];
        int nv = 0;
        for (const Scope *p = sc; p && nv < 32; p = p->up) vars[nv++] = nm(w, p->sym);
        for (int i = cx->params ? cx->params->n - 1 : -1; i >= 0 && nv < 32; i--)
            vars[nv++] = nm(w, cx->params->items[i].sym);
        const char *best = suggest_closest(name, vars, nv);
        if (!best) best = world_suggest(w, name, 0);
        if (best) diag_error(d, e->loc, "unknown name '%s'; did you mean '%s'?", name, best);
        else diag_error(d, e->loc, "unknown name '%s'", name);
        return T_ANY;
    }
    case EX_KIND:
        if (e->name.sym && !known_kind(cx, e->name.sym)) warn_unknown_kind(w, d, e->name.sym, e->loc, cx->kinds, cx->nkinds);
        return T_KIND;
    case EX_MEMBERS:
        if (!cx->has_org)
            diag_error(d, e->loc, "'members' alone needs an organisation: use it in an admission "
                       "block or a constraint 'for ORG', or write members(ORG)");
        return T_SET;
    case EX_NOT:
        want_type(d, e->a, check_expr(w, d, e->a, sc, cx, depth + 1), T_BOOL, "the operand of 'not'");
        return T_BOOL;
    case EX_AND: case EX_OR: {
        const char *role = e->kind == EX_AND ? "each side of 'and'" : "each side of 'or'";
        want_type(d, e->a, check_expr(w, d, e->a, sc, cx, depth + 1), T_BOOL, role);
        want_type(d, e->b, check_expr(w, d, e->b, sc, cx, depth + 1), T_BOOL, role);
        return T_BOOL;
    }
    case EX_IS:
        want_type(d, e->a, check_expr(w, d, e->a, sc, cx, depth + 1), T_ENT, "the left side of 'is'");
        return T_BOOL;
    case EX_EQ: case EX_NE: case EX_LT: case EX_LE: case EX_GT: case EX_GE: {
        SType a = check_expr(w, d, e->a, sc, cx, depth + 1);
        SType b = check_expr(w, d, e->b, sc, cx, depth + 1);
        if (a != T_ANY && b != T_ANY && a != b)
            diag_error(d, e->loc, "cannot compare %s with %s", stype_name(a), stype_name(b));
        else if (e->kind != EX_EQ && e->kind != EX_NE) {
            SType t = a != T_ANY ? a : b;
            if (t != T_ANY && t != T_NUM && t != T_DATE && t != T_STR)
                diag_error(d, e->loc, "only numbers, dates and strings can be ordered, but this compares %s",
                           stype_name(t));
        }
        return T_BOOL;
    }
    case EX_IN:
        check_expr(w, d, e->a, sc, cx, depth + 1);
        want_type(d, e->b, check_expr(w, d, e->b, sc, cx, depth + 1), T_SET, "the right side of 'in'");
        return T_BOOL;
    case EX_ALL: case EX_SOME: {
        want_type(d, e->a, check_expr(w, d, e->a, sc, cx, depth + 1), T_SET, "what a quantifier ranges over");
        Scope inner = { e->name.sym, sc };
        want_type(d, e->b, check_expr(w, d, e->b, &inner, cx, depth + 1), T_BOOL, "the body of a quantifier");
        return T_BOOL;
    }
    case EX_SET:
        for (int i = 0; i < e->args.n; i++) check_expr(w, d, e->args.items[i], sc, cx, depth + 1);
        return T_SET;
    case EX_ATTR: {
        want_type(d, e->a, check_expr(w, d, e->a, sc, cx, depth + 1), T_ENT, "what has an attribute");
        const char *attr = nm(w, e->name.sym);
        if (!attr_known(attr)) {
            diag_error(d, e->name.loc, "unknown attribute '%s' (known: region, kind, founded, name)", attr);
            return T_ANY;
        }
        return strcmp(attr, "kind") == 0 ? T_KIND : strcmp(attr, "founded") == 0 ? T_DATE : T_STR;
    }
    case EX_CALL: return check_call(w, d, e, sc, cx, depth);
    case EX_NEG:
        want_type(d, e->a, check_expr(w, d, e->a, sc, cx, depth + 1), T_NUM, "the operand of '-'");
        return T_NUM;
    case EX_ADD: case EX_SUB: case EX_MUL: case EX_DIV:
        want_type(d, e->a, check_expr(w, d, e->a, sc, cx, depth + 1), T_NUM, "arithmetic");
        want_type(d, e->b, check_expr(w, d, e->b, sc, cx, depth + 1), T_NUM, "arithmetic");
        return T_NUM;
    }
    return T_ANY;
}

/* A condition (requirement, constraint, rule body used as one) must be true or false. */
static void check_condition(const World *w, Diag *d, const Expr *e, const Scope *sc, const ExprCtx *cx,
                            const char *what)
{
    ((ExprCtx *)cx)->too_deep = 0;
    SType t = check_expr(w, d, e, sc, cx, 0);
    if (t != T_ANY && t != T_BOOL)
        diag_error(d, e->loc, "%s must be true or false, but this is %s", what, stype_name(t));
}

static const char *const expect_words[] = { "yes", "no", "conditional", "passes", "fails", "clean", "violated",
                                            "same", "different",
                                            /* when did X join ORG */
                                            "never", "undated",
                                            /* accession of X to ORG */
                                            "none", "applied", "invited", "ratified", "member" };
enum { EXPECT_WORDS = sizeof expect_words / sizeof expect_words[0], EXPECT_JOINED_FROM = 9, EXPECT_STAGES_FROM = 11 };

static void check_expectation(const World *w, Diag *d, const Query *q, const Expected *x)
{
    int set_query = query_is_who_must(q->kind) ||
                    q->kind == Q_MEMBERS || q->kind == Q_ORGS_OF || q->kind == Q_OBLIGATIONS_OF ||
                    q->kind == Q_OBLIGATIONS_TO;
    if (x->kind == EXP_WORD) {
        int ok = 0;
        for (int i = 0; i < EXPECT_WORDS; i++) if (strcmp(x->word, expect_words[i]) == 0) ok = 1;
        if (!ok) {
            const char *s = suggest_closest(x->word, expect_words, EXPECT_WORDS);
            if (s) diag_error(d, x->loc, "unknown verdict '%s'; did you mean '%s'?", x->word, s);
            else diag_error(d, x->loc, "unknown verdict '%s' (expected yes, no, conditional, passes, fails, "
                            "clean, violated, same, different, never, undated, none, applied, invited, ratified "
                            "or member)", x->word);
            return;
        }
        int is_vote = strcmp(x->word, "passes") == 0 || strcmp(x->word, "fails") == 0;
        int is_list = strcmp(x->word, "clean") == 0 || strcmp(x->word, "violated") == 0;
        int is_compare = strcmp(x->word, "same") == 0 || strcmp(x->word, "different") == 0;
        int list_query = q->kind == Q_VIOLATIONS || q->kind == Q_CHECK;
        int is_stage = 0, is_joined = 0;
        for (int i = 0; i < EXPECT_WORDS; i++)
            if (strcmp(x->word, expect_words[i]) == 0) {
                is_stage = i >= EXPECT_STAGES_FROM;
                is_joined = i >= EXPECT_JOINED_FROM && i < EXPECT_STAGES_FROM;
            }
        if (q->kind == Q_WHEN_JOINED && !is_joined)
            diag_error(d, x->loc, "'when did X join ORG' answers a date, never or undated, not '%s'", x->word);
        else if (q->kind != Q_WHEN_JOINED && is_joined)
            diag_error(d, x->loc, "only 'when did X join ORG' answers '%s'", x->word);
        else if (q->kind == Q_ACCESSION && !is_stage)
            diag_error(d, x->loc, "'accession of' answers none, applied, invited, ratified or member, not '%s'", x->word);
        else if (q->kind != Q_ACCESSION && is_stage)
            diag_error(d, x->loc, "only 'accession of' answers '%s'", x->word);
        else if (q->kind == Q_COMPARE && !is_compare)
            diag_error(d, x->loc, "'compare obligations' answers same or different, not '%s'", x->word);
        else if (q->kind != Q_COMPARE && is_compare)
            diag_error(d, x->loc, "only 'compare obligations' answers '%s'", x->word);
        else if (q->kind == Q_CAN_JOIN && (is_vote || is_list))
            diag_error(d, x->loc, "'can ... join' answers yes, no or conditional, not '%s'", x->word);
        else if (q->kind == Q_ADOPT && !is_vote)
            diag_error(d, x->loc, "'does ... adopt' answers passes or fails, not '%s'", x->word);
        else if (list_query && !is_list)
            diag_error(d, x->loc, "'%s' answers clean or violated, not '%s'",
                       q->kind == Q_CHECK ? "check" : "violations", x->word);
        else if (set_query)
            diag_error(d, x->loc, "this query answers with a set; compare it with { ... }");
        else if (query_is_number(q->kind))
            diag_error(d, x->loc, "this query answers a number; compare it with NUMBER [within TOLERANCE]");
        else if (q->kind == Q_POWER)
            diag_error(d, x->loc, "'power in ORG' answers with a table; expect one index with "
                       "'banzhaf of X in ORG == NUMBER within TOLERANCE'");
    } else if (x->kind == EXP_SET) {
        if (!set_query)
            diag_error(d, x->loc, "this query does not answer with a set");
        else if (x->has_cond_set && !query_is_who_must(q->kind))
            diag_error(d, x->loc, "only 'who must ...' queries have conditional parties to compare");
        for (int i = 0; i < x->set.n; i++) lookup(w, d, x->set.items[i], 0, "name");
        for (int i = 0; i < x->cond_set.n; i++) lookup(w, d, x->cond_set.items[i], 0, "name");
    } else if (x->kind == EXP_VALUE && q->kind == Q_WHEN_JOINED) {
        if (x->value->kind != EX_DATE) diag_error(d, x->loc, "'when did X join ORG' answers a date, never or undated");
    } else if (x->kind == EXP_VALUE && x->value->kind == EX_DATE && q->kind != Q_EVAL) {
        diag_error(d, x->loc, "only 'eval' and 'when did X join ORG' can be compared with a date");
    } else if (x->kind == EXP_VALUE && q->kind != Q_EVAL && !query_is_number(q->kind)) {
        diag_error(d, x->loc, "only 'eval' queries and the power queries (banzhaf, shapley, minimal ... "
                   "coalitions) can be compared with a value");
    } else if (x->kind == EXP_VALUE && query_is_number(q->kind) && x->value->kind != EX_NUM) {
        diag_error(d, x->loc, "this query answers a number");
    }
    if (x->has_within && !(x->within >= 0 && x->within < 1e300))
        diag_error(d, x->loc, "a tolerance is a number of at least 0");
    const ReasonPat *rp = &x->because;
    if (rp->kind == RP_NONE && rp->principle.sym) {
        static const char *const words[] = { "requirement", "no_rule", "already", "not_founded",
                                             "veto", "count", "weight", "constraint", "obligation", "suspension",
                                             "exception", "objection" };
        static const ReasonPatKind kinds[] = { RP_REQUIREMENT, RP_NO_RULE, RP_ALREADY, RP_NOT_FOUNDED,
                                               RP_VETO, RP_COUNT, RP_WEIGHT, RP_CONSTRAINT, RP_OBLIGATION,
                                               RP_SUSPENSION, RP_EXCEPTION, RP_OBJECTION };
        enum { NWORDS = sizeof words / sizeof words[0] };
        const char *word = nm(w, rp->principle.sym);
        int found = -1;
        for (int i = 0; i < NWORDS; i++) if (strcmp(word, words[i]) == 0) found = i;
        if (found < 0) {
            const char *s = suggest_closest(word, words, NWORDS);
            diag_error(d, rp->principle.loc, "unknown reason '%s'%s%s%s (expected requirement, principle, "
                       "obligation, suspension, exception, objection, no_rule, already, dissolved, not_founded, veto, count, "
                       "weight or constraint)", word, s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
        } else {
            ((ReasonPat *)rp)->kind = kinds[found];       /* settle the parsed word once */
            ((ReasonPat *)rp)->principle.sym = SYM_NONE;
        }
        if (found >= 0 && rp->principle_arg.sym) {
            int ok;
            const char *kname = nm(w, rp->principle_arg.sym);
            if (kinds[found] != RP_OBLIGATION && kinds[found] != RP_SUSPENSION)
                diag_error(d, rp->principle_arg.loc, "'%s' takes no name after it (only 'obligation KIND', "
                           "'suspension KIND' and 'principle NAME' do)", words[found]);
            else if (obl_kind_find(kname, &ok), !ok)
                unknown_obl_kind(w, d, rp->principle_arg);
        }
    } else if (rp->kind == RP_PRINCIPLE) {
        int ok;
        principle_kind(nm(w, rp->principle.sym), &ok);
        if (!ok) diag_error(d, rp->principle.loc, "unknown principle '%s'", nm(w, rp->principle.sym));
    }
    if (rp->kind == RP_CONDITION) {
        condition_spec_check(w, d, rp->cond);
        if (!query_is_who_must(q->kind))
            diag_error(d, rp->loc, "'because condition' goes with 'who must ...' queries");
    }
    if (rp->org.sym) {
        if (rp->kind == RP_VETO || rp->kind == RP_OBJECTION) lookup_party(w, d, rp->org);
        else if (rp->kind == RP_PRINCIPLE || rp->kind == RP_OBLIGATION || rp->kind == RP_SUSPENSION ||
                 rp->kind == RP_EXCEPTION || rp->kind == RP_CONDITION || rp->kind == RP_SUSPENDED_MEMBER)
            lookup(w, d, rp->org, ENT_ORG, "organisation");
        else if (rp->kind != RP_NONE)
            diag_error(d, rp->org.loc, "'of %s' only goes with 'principle ...', 'obligation ...', "
                       "'suspension ...', 'exception', 'suspended member', 'objection' or 'veto'",
                       nm(w, rp->org.sym));
    }
}

static int check_query(const World *w, const Query *q, Diag *d, const unsigned char *kinds, uint32_t nkinds)
{
    int before = d->errors;
    ExprCtx none = { 0, 0, 0, kinds, nkinds, NULL, NULL };
    switch (q->kind) {
    case Q_CAN_JOIN:
        lookup_party(w, d, q->x);
        lookup(w, d, q->y, ENT_ORG, "organisation");
        break;
    case Q_WHO_DEFEND: case Q_WHO_CONSULT: case Q_WHO_JOIN: case Q_WHO_NEUTRAL: case Q_WHO_NOT_ATTACK:
        lookup_party(w, d, q->x);
        if (q->against.sym) lookup_party(w, d, q->against);
        if (q->against.sym && q->against.sym == q->x.sym)      /* as for `suppose attack by A on A` */
            diag_error(d, q->loc, "'%s' cannot act against itself here", nm(w, q->x.sym));
        break;
    case Q_ADOPT: {
        lookup(w, d, q->y, ENT_ORG, "organisation");
        const NameList *lists[] = { &q->objections, &q->yes, &q->no, &q->abstain, &q->absent };
        for (int l = 0; l < 5; l++)
            for (int i = 0; i < lists[l]->n; i++) lookup_party(w, d, lists[l]->items[i]);
        break;
    }
    case Q_MEMBERS: lookup(w, d, q->y, ENT_ORG, "organisation"); break;
    case Q_ORGS_OF: lookup_party(w, d, q->x); break;
    case Q_WHEN_JOINED:
        lookup_party(w, d, q->x);
        lookup(w, d, q->y, ENT_ORG, "organisation");
        break;
    case Q_OBLIGATIONS_OF: case Q_OBLIGATIONS_TO: {
        int ok = 1;
        lookup_party(w, d, q->x);
        if (q->kind_name.sym) obl_kind_find(nm(w, q->kind_name.sym), &ok);
        if (!ok) unknown_obl_kind(w, d, q->kind_name);
        break;
    }
    case Q_EVAL: (void)check_expr(w, d, q->expr, NULL, &none, 0); break;
    case Q_COMPARE:
        lookup_party(w, d, q->x);
        if (q->y.sym) lookup_party(w, d, q->y);
        if (q->y.sym && q->y.sym == q->x.sym)
            diag_error(d, q->loc, "compare '%s' with another party, or at two dates", nm(w, q->x.sym));
        break;
    case Q_VIOLATIONS: case Q_CHECK: break;
    case Q_POWER: case Q_MIN_WINNING: case Q_MIN_BLOCKING: lookup(w, d, q->y, ENT_ORG, "organisation"); break;
    case Q_BANZHAF: case Q_SHAPLEY:
        lookup_party(w, d, q->x);
        lookup(w, d, q->y, ENT_ORG, "organisation");
        break;
    case Q_ACCESSION:
        lookup_party(w, d, q->x);
        lookup(w, d, q->y, ENT_ORG, "organisation");
        break;
    }
    return d->errors - before;
}

/* `suppose NAME suspended in ORG [PERIOD]`: the names, and a period that is
 * not empty. */
static void check_suspended_supposition(const World *w, Diag *d, const Supposition *s)
{
    lookup_party(w, d, s->a);
    lookup(w, d, s->b, ENT_ORG, "organisation");
    const Period *p = &s->period;
    if (p->from != DATE_NONE && p->until != DATE_END && p->until <= p->from) {
        char a[16], b[16];
        date_format(p->from, a);
        date_format(p->until, b);
        diag_error(d, s->loc, "this suspension's period is empty: until %s is not after %s", b, a);
    }
}

/* `suppose NAME gives notice to ORG at DATE`: ORG takes notice, on that
 * day, and NAME is a member then (as written in the world). */
static void check_notice_supposition(const World *w, Diag *d, const Supposition *s)
{
    EntId who = lookup_party(w, d, s->a), org = lookup(w, d, s->b, ENT_ORG, "organisation");
    Date ends;
    if (!who || !org || s->period.from == DATE_NONE ||     /* a bad date is reported already */
        !notice_allowed(w, d, who, org, s->period.from, s->loc, 1, &ends))
        return;
    if (member_on(w, who, org, s->period.from)) return;
    char day[16];
    date_format(s->period.from, day);
    diag_error(d, s->loc, "'%s' is not a member of '%s' on %s: only a member can give notice", ent_name(w, who),
               ent_name(w, org), day);
}

/* `suppose NAME does not renew ORG`: ORG has a term, and NAME is one of its
 * members at some date. */
static void check_not_renew_supposition(const World *w, Diag *d, const Supposition *s)
{
    EntId who = lookup_party(w, d, s->a), org = lookup(w, d, s->b, ENT_ORG, "organisation");
    if (!who || !org) return;
    if (!org_info(w, org)->rare->terms.n)
        diag_error(d, s->loc, "'%s' has no term, so there is nothing to renew; to suppose that '%s' leaves, write: "
                   "suppose %s leaves %s;", ent_name(w, org), ent_name(w, who), ent_name(w, who), ent_name(w, org));
    else if (!ever_member(w, who, org))
        diag_error(d, s->loc, "'%s' is never a member of '%s'", ent_name(w, who), ent_name(w, org));
}

static void check_supposition(const World *w, Diag *d, const Supposition *s)
{
    switch (s->kind) {
    case SUP_ATTACK: case SUP_INTERVENTION: case SUP_AID:
        lookup_party(w, d, s->a);
        lookup_party(w, d, s->b);
        if (s->a.sym && s->a.sym == s->b.sym)
            diag_error(d, s->loc, "'%s' cannot act against itself here", nm(w, s->a.sym));
        if (s->facts.place.sym) {
            EntId at = lookup(w, d, s->facts.place, 0, "state, place or area");
            EntKind k = at ? ent(w, at)->kind : ENT_STATE;
            if (k != ENT_STATE && k != ENT_PLACE && k != ENT_AREA)
                diag_error(d, s->facts.place.loc, "'%s' is %s %s; an attack happens in a state, a place or an area",
                           nm(w, s->facts.place.sym), ent_kind_article(k), ent_kind_name(k));
        }
        if (s->facts.conflict.sym) lookup(w, d, s->facts.conflict, ENT_CONFLICT, "conflict");
        break;
    case SUP_JOIN: case SUP_LEAVE: case SUP_OBJECTION:
        lookup_party(w, d, s->a);
        lookup(w, d, s->b, ENT_ORG, "organisation");
        break;
    case SUP_KIND:
        lookup(w, d, s->a, ENT_ORG, "organisation");
        break;
    case SUP_DECIDES:
        lookup(w, d, s->a, ENT_ORG, "organisation");
        check_rule_names(w, d, &s->decision);
        check_rule_measures(w, d, &s->decision);
        break;
    case SUP_SUSPENDED: check_suspended_supposition(w, d, s); break;
    case SUP_NOTICE: check_notice_supposition(w, d, s); break;
    case SUP_NOT_RENEW: check_not_renew_supposition(w, d, s); break;
    }
}

int resolve_query(const World *w, const Query *q, Diag *d)
{
    return check_query(w, q, d, NULL, 0);
}

int resolve_supposition(const World *w, const Supposition *s, Diag *d)
{
    int before = d->errors;
    check_supposition(w, d, s);
    return d->errors - before;
}

/* The scenario's `suppose X joins ORG` items, sorted by (X, ORG, place), so
 * that each `leaves` finds the first join of its pair by bisection: a
 * scenario of many suppositions is checked in n log n, not n^2. */
typedef struct Joined { Sym who, org; int at; } Joined;

static int by_pair_then_place(const void *pa, const void *pb)
{
    const Joined *x = pa, *y = pb;
    if (x->who != y->who) return x->who < y->who ? -1 : 1;
    if (x->org != y->org) return x->org < y->org ? -1 : 1;
    return (x->at > y->at) - (x->at < y->at);
}

static Joined *scenario_joins(const Decl *dc, int *n)
{
    Joined *j = xmalloc((size_t)(dc->items.n + 1) * sizeof *j);
    *n = 0;
    for (int i = 0; i < dc->items.n; i++) {
        const ScenItem *it = dc->items.items[i];
        if (it->kind == SI_SUPPOSE && it->sup.kind == SUP_JOIN) j[(*n)++] = (Joined){ it->sup.a.sym, it->sup.b.sym, i };
    }
    if (*n > 1) qsort(j, (size_t)*n, sizeof *j, by_pair_then_place);
    return j;
}

/* `suppose X leaves ORG` (item `at`) when X holds no record in ORG, at any
 * date, and no earlier supposition of the scenario makes it join (joins:
 * from scenario_joins): the supposition changes nothing, which is most
 * likely a mistake. */
static void check_leave(R *r, const Joined *joins, int njoins, int at, const Supposition *sp)
{
    const World *w = r->w;
    EntId who = world_find(w, sp->a.sym), org = world_find(w, sp->b.sym);
    if (!who || !org || ent(w, org)->kind != ENT_ORG || ever_recorded(w, who, org)) return;
    int lo = 0, hi = njoins;                  /* the first join of the pair */
    const Joined key = { sp->a.sym, sp->b.sym, -1 };
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (by_pair_then_place(&joins[mid], &key) < 0) lo = mid + 1; else hi = mid;
    }
    if (lo < njoins && joins[lo].who == key.who && joins[lo].org == key.org && joins[lo].at < at) return;
    diag_warning(r->d, sp->loc, "'%s' is never in '%s' (no membership is recorded or supposed before): "
                 "supposing that it leaves changes nothing", ent_name(w, who), ent_name(w, org));
}

static void check_scenario(R *r, const Decl *dc)
{
    int undated = 0, dated = 0;       /* questions asked before the first `at`, without an `at` of their own */
    int njoins;
    Joined *joins = scenario_joins(dc, &njoins);
    for (int i = 0; i < dc->items.n; i++) {
        const ScenItem *it = dc->items.items[i];
        if (!dated && (it->kind == SI_QUERY || it->kind == SI_EXPECT) && !it->query->has_at) undated++;
        switch (it->kind) {
        case SI_AT:
            if (!dated && undated)
                diag_warning(r->d, it->loc, "this scenario's first 'at' comes after %d question%s, which run at the "
                             "date of the run (today, or --at), not at this date; put the 'at' first", undated,
                             undated == 1 ? "" : "s");
            dated = 1;
            break;
        case SI_SUPPOSE: {
            int before = r->d->errors;
            check_supposition(r->w, r->d, &it->sup);
            if (it->sup.kind == SUP_LEAVE && r->d->errors == before) check_leave(r, joins, njoins, i, &it->sup);
            break;
        }
        case SI_QUERY: check_query(r->w, it->query, r->d, r->kinds, r->nkinds); break;
        case SI_EXPECT:
            if (check_query(r->w, it->query, r->d, r->kinds, r->nkinds) == 0)
                check_expectation(r->w, r->d, it->query, &it->exp);
            break;
        }
    }
    free(joins);
    Scenario sc = { dc->text, dc, dc->loc };
    vec_push(&r->w->arena, &r->w->scenarios, sc);
}

/* The kind of entity a declaration names, or 0 (imports, rules, scenarios...). */
static EntKind decl_names_entity(DeclKind k)
{
    switch (k) {
    case D_STATE: return ENT_STATE;
    case D_ACTOR: return ENT_ACTOR;
    case D_ORG: return ENT_ORG;
    case D_PLACE: return ENT_PLACE;
    case D_AREA: return ENT_AREA;
    case D_CONFLICT: return ENT_CONFLICT;
    default: return 0;
    }
}

/* The entity, membership and obligation tables are sized once, from the
 * declarations, so that a world of millions of names is not grown by
 * doubling (each doubling copies the table and touches fresh memory).  An
 * obligation comes from an obligation clause or from a principle (at most
 * one each); those written after `for ORG:` are few and grow the table. */
static void reserve_tables(World *w)
{
    size_t ents = 1, mems = 0, obls = 0;
    for (int p = 0; p < w->programs.n; p++)
        for (int i = 0; i < w->programs.items[p]->decls.n; i++) {
            const Decl *dc = w->programs.items[p]->decls.items[i];
            if (!decl_names_entity(dc->kind)) continue;
            ents += (size_t)dc->names.n;
            for (int c = 0; c < dc->clauses.n; c++) {
                ClauseKind k = dc->clauses.items[c]->kind;
                if (k == CL_ROLE) mems += (size_t)dc->clauses.items[c]->names.n;
                else if (k == CL_OBLIGATION || k == CL_PRINCIPLE) obls++;
            }
        }
    if (ents > INT32_MAX / 2 || mems > INT32_MAX / 2 || obls > INT32_MAX / 2) return;   /* the file size limit keeps this far away */
    vec_reserve(&w->arena, &w->ents, (int)ents);
    vec_reserve(&w->arena, &w->mems, (int)mems);
    vec_reserve(&w->arena, &w->obls, (int)obls);
}

static void declare_all(R *r)
{
    World *w = r->w;
    reserve_tables(w);
    for (int p = 0; p < w->programs.n; p++)
        for (int i = 0; i < w->programs.items[p]->decls.n && !r->d->stopped; i++) {
            const Decl *dc = w->programs.items[p]->decls.items[i];
            EntKind k = decl_names_entity(dc->kind);
            if (k)
                for (int j = 0; j < dc->names.n; j++) declare(r, dc->names.items[j], k, dc->display, dc->loc);
            else if (dc->kind == D_RULE)
                declare_rule(r, dc);
        }
}

/* Lists each membership record under its holder and its organisation: two
 * counting sorts into flat arrays, in declaration order within each entity. */
static void index_memberships(World *w)
{
    uint32_t nm_ = (uint32_t)w->mems.n, ne = (uint32_t)w->ents.n;
    uint32_t *at_holder = xcalloc(ne + 1, sizeof *at_holder), *at_org = xcalloc(ne + 1, sizeof *at_org);
    for (uint32_t i = 0; i < nm_; i++) {
        at_holder[w->mems.items[i].who + 1]++;
        at_org[w->mems.items[i].org + 1]++;
    }
    for (uint32_t e = 1; e <= ne; e++) {
        at_holder[e] += at_holder[e - 1];
        at_org[e] += at_org[e - 1];
    }
    free(w->by_holder);
    free(w->by_org);
    w->by_holder = xmalloc((nm_ ? nm_ : 1) * sizeof *w->by_holder);
    w->by_org = xmalloc((nm_ ? nm_ : 1) * sizeof *w->by_org);
    for (uint32_t e = 0; e < ne; e++) {
        Entity *en = &w->ents.items[e];
        en->as_holder.at = at_holder[e];
        en->as_holder.n = (int)(at_holder[e + 1] - at_holder[e]);
        if (en->org) {
            en->org->as_org.at = at_org[e];
            en->org->as_org.n = (int)(at_org[e + 1] - at_org[e]);
        }
    }
    for (uint32_t i = 0; i < nm_; i++) {       /* at_*[e] now walks entity e's slice */
        w->by_holder[at_holder[w->mems.items[i].who]++] = i;
        w->by_org[at_org[w->mems.items[i].org]++] = i;
    }
    free(at_holder);
    free(at_org);
}

/* One side of the obligations' index: each organisation lists those whose
 * side is `members` (its span in *group), each entity those that name it
 * on that side (*flat sliced by *at).  Two counting sorts into flat
 * arrays, in declaration order; the table by entity is built only when
 * some obligation names a party on that side. */
typedef struct ObSide {
    int by_beneficiary;               /* 1: the beneficiaries' side, 0: the obliged side */
    uint32_t **group, **at, **flat;
} ObSide;

static int side_members(const Obligation *ob, int by_beneficiary)
{
    return by_beneficiary ? ob->to_members : ob->by_members;
}

static const EntList *side_named(const Obligation *ob, int by_beneficiary)
{
    return by_beneficiary ? &ob->beneficiaries : &ob->obliged;
}

/* The place of an obligation in the organisations' groups: by
 * organisation, then kind (OrgInfo.to_kind). */
static size_t group_key(const Obligation *ob) { return (size_t)ob->org * OB_KINDS + (size_t)ob->kind; }

static void index_side(World *w, const ObSide *side)
{
    uint32_t ne = (uint32_t)w->ents.n, no = (uint32_t)w->obls.n;
    size_t nkeys = (size_t)ne * OB_KINDS;
    uint32_t *at_org = xcalloc(nkeys + 1, sizeof *at_org);
    size_t named = 0;
    for (uint32_t i = 0; i < no; i++) {
        const Obligation *ob = &w->obls.items[i];
        if (side_members(ob, side->by_beneficiary)) at_org[group_key(ob) + 1]++;
        named += (size_t)side_named(ob, side->by_beneficiary)->n;
    }
    for (size_t e = 1; e <= nkeys; e++) at_org[e] += at_org[e - 1];
    /* the old tables go first, each pointer cleared, so that a failed
     * allocation (oom_catch) leaves nothing for world_free() to free twice */
    free(*side->group);
    free(*side->at);
    free(*side->flat);
    *side->group = *side->at = *side->flat = NULL;
    *side->group = xmalloc((at_org[nkeys] ? at_org[nkeys] : 1) * sizeof **side->group);
    for (uint32_t e = 0; e < ne; e++)
        if (w->ents.items[e].org) {
            OrgInfo *o = w->ents.items[e].org;
            IdxSpan *span = side->by_beneficiary ? &o->to_members : &o->by_members;
            uint32_t *kinds = side->by_beneficiary ? o->to_kind : o->by_kind;
            size_t first = (size_t)e * OB_KINDS;
            span->at = at_org[first];
            span->n = (int)(at_org[first + OB_KINDS] - at_org[first]);
            for (int k = 0; k <= OB_KINDS; k++) kinds[k] = at_org[first + (size_t)k] - at_org[first];
        }
    for (uint32_t i = 0; i < no; i++)           /* at_org[key] now walks the slice of its organisation and kind */
        if (side_members(&w->obls.items[i], side->by_beneficiary))
            (*side->group)[at_org[group_key(&w->obls.items[i])]++] = i;
    free(at_org);
    if (!named) return;
    uint32_t *at = xcalloc(ne + 1, sizeof *at), *fill = xmalloc((ne + 1) * sizeof *fill);
    for (uint32_t i = 0; i < no; i++) {
        const EntList *names = side_named(&w->obls.items[i], side->by_beneficiary);
        for (int k = 0; k < names->n; k++) at[names->items[k] + 1]++;
    }
    for (uint32_t e = 1; e <= ne; e++) at[e] += at[e - 1];
    memcpy(fill, at, (ne + 1) * sizeof *fill);
    *side->at = at;
    *side->flat = xmalloc(named * sizeof **side->flat);
    for (uint32_t i = 0; i < no; i++) {
        const EntList *names = side_named(&w->obls.items[i], side->by_beneficiary);
        for (int k = 0; k < names->n; k++) (*side->flat)[fill[names->items[k]]++] = i;
    }
    free(fill);
}

/* The obligations by beneficiary (for who must defend X) and by obliged
 * party (for obligations of X). */
static void index_obligations(World *w)
{
    ObSide to = { 1, &w->to_members, &w->owed_to_at, &w->owed_to };
    ObSide by = { 0, &w->by_members, &w->owed_by_at, &w->owed_by };
    index_side(w, &to);
    index_side(w, &by);
}

static int by_susp_key(const void *a, const void *b)
{
    const SuspKey *x = a, *y = b;
    if (x->beneficiary != y->beneficiary) return x->beneficiary < y->beneficiary ? -1 : 1;
    if (x->obliged != y->obliged) return x->obliged < y->obliged ? -1 : 1;
    if (x->org != y->org) return x->org < y->org ? -1 : 1;
    return x->susp < y->susp ? -1 : x->susp > y->susp;
}

/* The suspensions by beneficiary, obliged party and organisation: one key
 * per pair of parties a suspension names, sorted, so that whether one
 * covers a pair is a binary search (suspension_of()). */
static void index_suspensions(World *w)
{
    free(w->susp_index);
    w->susp_index = NULL;
    w->nsusp_index = 0;
    size_t n = 0;
    for (int i = 0; i < w->susps.n; i++)
        n += (size_t)w->susps.items[i].obliged.n * (size_t)w->susps.items[i].beneficiaries.n;
    if (!n) return;
    SuspKey *keys = xmalloc(n * sizeof *keys);
    size_t k = 0;
    for (int i = 0; i < w->susps.n; i++) {
        const Suspension *s = &w->susps.items[i];
        for (int b = 0; b < s->beneficiaries.n; b++)
            for (int p = 0; p < s->obliged.n; p++) {
                SuspKey key = { s->beneficiaries.items[b], s->obliged.items[p], s->org, (uint32_t)i };
                keys[k++] = key;
            }
    }
    qsort(keys, n, sizeof *keys, by_susp_key);
    w->susp_index = keys;
    w->nsusp_index = (uint32_t)n;
}

/* ---- `for ORG: CLAUSE` ----
 * A clause written apart from its organisation's block is applied right
 * after that block's own clauses, so that an organisation's obligations and
 * suspensions stay one run of World.obls and World.susps.  The clauses are
 * sorted by organisation (and kept in the order read), so each block finds
 * its own by binary search. */
typedef struct ForClause { EntId org; int order; const Clause *c; } ForClause;

static int by_org_then_order(const void *a, const void *b)
{
    const ForClause *x = a, *y = b;
    if (x->org != y->org) return x->org < y->org ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* The clauses an organisation may have written apart from its block: those
 * that record what its parties owe, and the events of its memberships. */
static int clause_for_allowed(ClauseKind k)
{
    return k == CL_OBLIGATION || k == CL_SUSPENSION || k == CL_SUSPENDED || k == CL_NOTICE || k == CL_GAVE_NOTICE ||
           k == CL_TERM || k == CL_RENEWAL || k == CL_OBJECTION || k == CL_RATIFICATION || k == CL_APPLICATION ||
           k == CL_INVITATION;
}

static ForClause *clauses_for(R *r, int *n)
{
    World *w = r->w;
    VEC(ForClause) out = { 0 };
    for (int p = 0; p < w->programs.n; p++)
        for (int i = 0; i < w->programs.items[p]->decls.n && !r->d->stopped; i++) {
            const Decl *dc = w->programs.items[p]->decls.items[i];
            if (dc->kind != D_FOR || !dc->clauses.n) continue;
            EntId org = lookup(w, r->d, dc->name, ENT_ORG, "organisation");
            const Clause *c = dc->clauses.items[0];
            if (org && !clause_for_allowed(c->kind)) {
                diag_error(r->d, c->loc, "'%s' cannot be written after 'for %s:'; write it in the block of '%s' "
                           "(only obligations, suspensions and membership events can stand apart)", clause_word(c->kind),
                           nm(w, dc->name.sym), nm(w, dc->name.sym));
                continue;
            }
            if (!org) continue;
            ForClause f = { org, out.n, c };
            vec_push(&w->arena, &out, f);
        }
    if (out.n > 1) qsort(out.items, (size_t)out.n, sizeof *out.items, by_org_then_order);
    *n = out.n;
    return out.items;
}

/* Applies the clauses written with `for ORG:` of organisation org. */
static void apply_clauses_for(R *r, EntId org, const ForClause *fc, int n, unsigned *seen)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (fc[mid].org < org) lo = mid + 1; else hi = mid;
    }
    for (int i = lo; i < n && fc[i].org == org && !r->d->stopped; i++) apply_clause(r, org, fc[i].c, seen);
}

static void apply_all_clauses(R *r)
{
    World *w = r->w;
    r->nexcl = w->names.count;
    r->excl_seen = xcalloc(r->nexcl ? r->nexcl : 1, sizeof *r->excl_seen);
    int nfor = 0;
    ForClause *fors = clauses_for(r, &nfor);
    for (int p = 0; p < w->programs.n; p++)
        for (int i = 0; i < w->programs.items[p]->decls.n && !r->d->stopped; i++) {
            const Decl *dc = w->programs.items[p]->decls.items[i];
            if (!decl_names_entity(dc->kind)) continue;
            EntId id = world_find(w, dc->name.sym);
            if (!id || ent(w, id)->loc.src != dc->loc.src || ent(w, id)->loc.off != dc->loc.off)
                continue;                                             /* a rejected duplicate */
            unsigned seen = 0;
            int first = w->obls.n, first_susp = w->susps.n, first_msusp = w->msusps.n;   /* an organisation's come from its own clauses */
            int first_notice = w->notices.n, first_mem = w->mems.n;
            r->term = NULL;
            r->renewals.n = 0;
            for (int c = 0; c < dc->clauses.n; c++) apply_clause(r, id, dc->clauses.items[c], &seen);
            if (w->ents.items[id].org) apply_clauses_for(r, id, fors, nfor, &seen);
            if (w->ents.items[id].org) {
                w->ents.items[id].org->obls.at = (uint32_t)first;
                w->ents.items[id].org->obls.n = w->obls.n - first;
                w->ents.items[id].org->susps.at = (uint32_t)first_susp;
                w->ents.items[id].org->susps.n = w->susps.n - first_susp;
                sort_member_suspensions(w, w->ents.items[id].org, first_msusp);
                settle_notices(r, id, first_notice, first_mem);
                settle_terms(r, id, first_mem);
            }
            check_entity(r, &w->ents.items[id]);
        }
    free(r->excl_seen);
    r->excl_seen = NULL;
    index_memberships(w);
    index_obligations(w);
    index_suspensions(w);
    areas_flatten(w, r->d, &r->edges);
}

static void check_all(R *r)
{
    World *w = r->w;
    Diag *d = r->d;
    ExprCtx in_rule = { 0, 0, 0, r->kinds, r->nkinds, NULL, NULL },
            in_admission = { 1, 1, 0, r->kinds, r->nkinds, NULL, NULL },
            in_org = { 1, 0, 0, r->kinds, r->nkinds, NULL, NULL };
    /* `principle exclusive KIND` with a kind no organisation has: the same
     * warning as `kind KIND` in an expression */
    for (int e = 1; e < w->ents.n && !d->stopped; e++) {
        const Entity *org = &w->ents.items[e];
        for (int i = 0; org->org && i < org->org->principles.n; i++) {
            const Principle *pr = &org->org->principles.items[i];
            if (pr->kind == PR_EXCLUSIVE && pr->arg && !known_kind(&in_rule, pr->arg))
                warn_unknown_kind(w, d, pr->arg, pr->loc, r->kinds, r->nkinds);
        }
    }
    for (int i = 0; i < w->rules.n && !d->stopped; i++) {
        const Rule *rule = &w->rules.items[i];
        Sym *syms = xmalloc((size_t)(rule->params.n ? rule->params.n : 1) * sizeof *syms);
        for (int j = 0; j < rule->params.n; j++) syms[j] = rule->params.items[j].sym;
        qsort(syms, (size_t)rule->params.n, sizeof *syms, by_sym);
        in_rule.params = &rule->params;
        in_rule.param_syms = syms;
        in_rule.too_deep = 0;
        (void)check_expr(w, d, rule->body, NULL, &in_rule, 0);
        in_rule.params = NULL;
        in_rule.param_syms = NULL;
        free(syms);
    }
    for (int e = 1; e < w->ents.n && !d->stopped; e++)
        for (int a = 0; w->ents.items[e].org && a < w->ents.items[e].org->admissions.n; a++) {
            const Admission *adm = &w->ents.items[e].org->admissions.items[a];
            for (int q = 0; q < adm->reqs.n; q++)
                if (adm->reqs.items[q].kind == REQ_EXPR)
                    check_condition(w, d, adm->reqs.items[q].expr, NULL, &in_admission, "a requirement");
        }
    for (int p = 0; p < w->programs.n; p++)
        for (int i = 0; i < w->programs.items[p]->decls.n && !d->stopped; i++) {
            const Decl *dc = w->programs.items[p]->decls.items[i];
            if (dc->kind == D_CONSTRAINT) {
                EntId org = ENT_NONE;
                if (dc->for_org.sym) {
                    org = lookup(w, d, dc->for_org, ENT_ORG, "organisation");
                    if (!org) continue;
                }
                check_condition(w, d, dc->body, NULL, org ? &in_org : &in_rule, "a constraint");
                Constraint c = { dc->text, org, dc->body, dc->loc };
                vec_push(&w->arena, &w->constraints, c);
            } else if (dc->kind == D_SCENARIO) {
                check_scenario(r, dc);
            }
        }
}

/* A rule weighted by a measure that no state or actor has weighs every
 * member 0 and passes nothing: surely a misspelt name.  The names of the
 * measures are marked once (a MeasureIndex), then each rule is looked up. */
typedef struct MeasureIndex {
    unsigned char *has;            /* has[sym]: some state or actor declares it */
    VEC(const char *) names;       /* for "did you mean" */
    Arena arena;
} MeasureIndex;

static void measure_index_init(const World *w, MeasureIndex *mi)
{
    mi->has = xcalloc(w->names.count + 1, 1);
    mi->names.items = NULL;
    mi->names.n = mi->names.cap = 0;
    arena_init(&mi->arena);
    for (int e = 1; e < w->ents.n; e++)
        for (int i = 0; w->ents.items[e].extra && i < w->ents.items[e].extra->measures.n; i++) {
            Sym m = w->ents.items[e].extra->measures.items[i].name;
            if (m <= w->names.count && !mi->has[m]) { mi->has[m] = 1; vec_push(&mi->arena, &mi->names, nm(w, m)); }
        }
}

static void measure_index_free(MeasureIndex *mi)
{
    arena_free(&mi->arena);
    free(mi->has);
}

static void check_measure(const World *w, Diag *d, const MeasureIndex *mi, Sym m, Loc loc)
{
    if (!m || (m <= w->names.count && mi->has[m])) return;
    const char *s = mi->names.n ? suggest_closest(nm(w, m), mi->names.items, mi->names.n) : NULL;
    diag_error(d, loc, "no state or actor has a measure '%s' to weigh by%s%s%s", nm(w, m),
               s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
}

static void check_rule_measures_in(const World *w, Diag *d, const MeasureIndex *mi, const Decision *dec)
{
    if (dec->kind == DEC_WEIGHTED) check_measure(w, d, mi, dec->weight_by, dec->loc);
    for (int i = 0; i < dec->n_clauses; i++)
        if (dec->clauses[i].kind == RC_WEIGHT) check_measure(w, d, mi, dec->clauses[i].measure, dec->clauses[i].loc);
}

static void check_rule_measures(const World *w, Diag *d, const Decision *dec)
{
    MeasureIndex mi;
    measure_index_init(w, &mi);
    check_rule_measures_in(w, d, &mi, dec);
    measure_index_free(&mi);
}

static void check_weight_measures(R *r)
{
    MeasureIndex mi;
    measure_index_init(r->w, &mi);
    for (int e = 1; e < r->w->ents.n && !r->d->stopped; e++) {
        const OrgInfo *o = r->w->ents.items[e].org;
        for (int i = 0; o && i < o->decisions.n; i++) check_rule_measures_in(r->w, r->d, &mi, &o->decisions.items[i]);
        for (int i = 0; o && i < o->admissions.n; i++)
            if (o->admissions.items[i].rule) check_rule_measures_in(r->w, r->d, &mi, o->admissions.items[i].rule);
    }
    measure_index_free(&mi);
}

/* Each pass stops early once the diagnostics hit their limit: nothing more
 * would be shown, and a world with that many errors is never used. */
void resolve_world(World *w, Diag *d)
{
    R r;
    memset(&r, 0, sizeof r);
    r.w = w;
    r.d = d;
    resolve_world_index(w);
    declare_all(&r);
    world_index_names(w);
    if (d->stopped) return;
    apply_all_clauses(&r);
    if (d->stopped) return;
    check_overlaps(&r);
    check_founding(&r);
    check_obligations(&r);
    check_suspensions(&r);
    check_suspended_members(&r);
    check_shares(&r);
    check_weight_measures(&r);
    if (d->stopped) return;
    uint32_t nkinds;
    unsigned char *kinds = mark_kinds(w, &nkinds);
    r.kinds = kinds;
    r.nkinds = nkinds;
    check_all(&r);
    free(kinds);
}
