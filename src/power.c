/* power.c — who holds the power under an organisation's decision rule.
 *
 * The rule on a date is read as a simple game: a coalition S of members
 * votes yes, the others no, and S wins when the rule passes the motion.
 * For every rule Treaty can write with at most one weighted clause, that
 * depends only on |S|, the weight of S and whether S holds every veto, so
 * the game is counted, never enumerated:
 *
 *   f[k][t]  the number of coalitions of the members without a veto with
 *            k members and weight t (dynamic programming, one member at a
 *            time; a member is taken out again by the inverse step, exact
 *            in unsigned 64-bit arithmetic because every true count fits);
 *   need[k]  the least weight with which k yes votes, every veto among
 *            them, pass the motion (found by bisection with the same
 *            predicate that decides votes: rule_passes()).
 *
 * A member is a swing in S (S loses, S with it wins); its Banzhaf count is
 * the number of such S, its Shapley-Shubik index the sum over them of
 * |S|! (n - |S| - 1)! / n!.  Minimal winning coalitions are counted by
 * adding members from the heaviest: the last one added is the lightest, and
 * a winning coalition is minimal exactly when it loses without its
 * lightest member.  Minimal blocking coalitions likewise, on complements.
 *
 * Cost: n^2 (W + 1) steps and n (W + 1) counts of memory, W the total of
 * the integer weights (0 without a weighted clause).  Bounds: 60 members
 * (every count must fit in 64 bits, and in JSON's signed integers) and POWER_MAX_CELLS counts. */
#include "query.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { POWER_MAX_MEMBERS = 60, POWER_LIST = 20, POWER_MAX_SCALE_DIGITS = 6 };
#define POWER_MAX_CELLS ((uint64_t)1 << 23)
#define POWER_LIST_STEPS 1000000L
#define NEVER UINT64_MAX

typedef struct Game {
    int n;
    const EntList *members;
    const RuleView *view;
    uint64_t *w;               /* integer weights (0 without a weighted clause) */
    uint64_t W;
    double unit;               /* the raw amount of one integer weight */
    uint64_t *need;            /* need[k], k = 0..n */
    int *order;                /* members without a veto, heaviest first (ties by name) */
    int np;
    int kv;                    /* veto holders */
    uint64_t wv;               /* their weight */
} Game;

/* Do k yes votes (every veto among them) with weight t win? */
static int wins(const Game *g, int k, uint64_t t)
{
    return k >= 0 && k <= g->n && g->need[k] != NEVER && t >= g->need[k];
}

static int game_passes(const Game *g, int k, uint64_t t)
{
    Ballot b;
    memset(&b, 0, sizeof b);
    b.yes = k;
    b.no = g->n - k;
    if (g->view->ndims) b.w[0] = (double)t * g->unit;
    return rule_passes(g->view, &b);
}

/* The weights as whole numbers: the raw values times the least power of
 * ten that makes them whole, divided by their greatest common divisor. */
static const char *integer_weights(Game *g, Arena *a)
{
    g->w = arena_alloc(a, (size_t)(g->n ? g->n : 1) * sizeof *g->w);
    g->unit = 1;
    g->W = 0;
    if (!g->view->ndims) return NULL;
    const double *raw = g->view->dims[0].raw;
    double scale = 1;
    int digits = 0;
    for (int k = 0; k < g->n; k++)
        if (raw[k] > 9e15) return "a weight is above 9e15";
    for (;; digits++, scale *= 10) {
        int whole = 1;
        for (int k = 0; k < g->n && whole; k++) {
            double x = raw[k] * scale;
            if (raw[k] < 0 || x > 9e15 || fabs(x - nearbyint(x)) > 1e-9 * (x > 1 ? x : 1)) whole = 0;
        }
        if (whole) break;
        if (digits == POWER_MAX_SCALE_DIGITS)
            return "the weights are not decimals of at most 6 digits after the point";
    }
    uint64_t gcd = 0;
    for (int k = 0; k < g->n; k++) {
        uint64_t x = (uint64_t)nearbyint(raw[k] * scale), y = gcd;
        while (x) { uint64_t t = y % x; y = x; x = t; }
        gcd = y;
    }
    if (!gcd) gcd = 1;
    for (int k = 0; k < g->n; k++) {
        g->w[k] = (uint64_t)nearbyint(raw[k] * scale) / gcd;
        g->W += g->w[k];
        if (g->W > POWER_MAX_CELLS) return "the weights are too fine";
    }
    g->unit = (double)gcd / scale;
    return NULL;
}

/* Sorting records that carry their key keeps qsort free of global state. */
typedef struct Heavy { uint64_t w; const char *name; int k; } Heavy;

static int by_weight_desc(const void *a, const void *b)
{
    const Heavy *x = a, *y = b;
    if (x->w != y->w) return x->w > y->w ? -1 : 1;
    return strcmp(x->name, y->name);
}

static void game_setup(Game *g, Arena *a)
{
    g->need = arena_alloc(a, (size_t)(g->n + 1) * sizeof *g->need);
    for (int k = 0; k <= g->n; k++) {
        if (!game_passes(g, k, g->W)) { g->need[k] = NEVER; continue; }
        uint64_t lo = 0, hi = g->W;             /* the least t that passes: passing is monotone in t */
        while (lo < hi) {
            uint64_t mid = lo + (hi - lo) / 2;
            if (game_passes(g, k, mid)) hi = mid; else lo = mid + 1;
        }
        g->need[k] = lo;
    }
    g->order = arena_alloc(a, (size_t)(g->n ? g->n : 1) * sizeof *g->order);
    Heavy *h = arena_alloc(a, (size_t)(g->n ? g->n : 1) * sizeof *h);
    g->np = g->kv = 0;
    g->wv = 0;
    for (int k = 0; k < g->n; k++) {
        if (g->view->veto && g->view->veto[k]) { g->kv++; g->wv += g->w[k]; continue; }
        Heavy x = { g->w[k], ent_name(g->view->w, g->members->items[k]), k };
        h[g->np++] = x;
    }
    qsort(h, (size_t)g->np, sizeof *h, by_weight_desc);
    for (int i = 0; i < g->np; i++) g->order[i] = h[i].k;
}

/* counts[k * (W + 1) + t] */
typedef struct Table { uint64_t *c; int kmax; uint64_t W; } Table;
#define AT(tb, k, t) ((tb)->c[(size_t)(k) * ((tb)->W + 1) + (t)])

static void table_add(Table *tb, int kmax_now, uint64_t wt)
{
    for (int k = kmax_now; k >= 0; k--)
        for (uint64_t t = tb->W + 1; t-- > wt;) AT(tb, k + 1, t) += AT(tb, k, t - wt);
}

/* f without one member of weight wt: the inverse of table_add, from the
 * smallest k up (modular arithmetic; the results are true counts). */
static void table_remove(const Table *f, Table *out, uint64_t wt)
{
    size_t cells = (size_t)(f->kmax + 1) * (f->W + 1);
    memcpy(out->c, f->c, cells * sizeof *f->c);
    for (int k = 1; k <= f->kmax; k++)
        for (uint64_t t = wt; t <= f->W; t++) AT(out, k, t) -= AT(out, k - 1, t - wt);
}

/* coef[s] = s! (n-1-s)! / n! = 1 / (n C(n-1, s)), s = 0..n-1, in double
 * arithmetic only: the same on every machine (no x87 extended precision,
 * which valgrind, for one, does not reproduce). */
static double *shapley_coefs(int n, Arena *a)
{
    double *coef = arena_alloc(a, (size_t)(n ? n : 1) * sizeof *coef);
    for (int s = 0; s < n; s++) {
        double c = 1;
        for (int i = 1; i <= s; i++) c = c * (n - s - 1 + i) / i;
        coef[s] = 1.0 / (n * c);
    }
    return coef;
}

typedef struct PowerOut {
    uint64_t *swings;
    double *ss;
    uint64_t min_winning, min_blocking;
} PowerOut;

/* A member's Shapley-Shubik index from its swings counted by the size of
 * the coalition it joins (each count exact, at most C(n-1, s)). */
static double shapley_of(const uint64_t *by_size, const double *coef, int n)
{
    double ss = 0;
    for (int s = 0; s < n; s++) ss += (double)by_size[s] * coef[s];
    return ss;
}

static void count_power(const Game *g, const Table *f, Table *tmp, PowerOut *o, Arena *a)
{
    int n = g->n;
    const double *coef = shapley_coefs(n, a);
    uint64_t *by_size = arena_alloc(a, (size_t)(n + 1) * sizeof *by_size);
    /* a veto holder: S holds the other vetoes and any T; it swings when S with it wins */
    uint64_t v_sw = 0;
    for (int k = 0; g->kv && k <= g->np; k++)          /* no veto holder: nothing to count */
        for (uint64_t t = 0; t <= f->W; t++) {
            uint64_t cnt = AT(f, k, t);
            if (!cnt || !wins(g, g->kv + k, g->wv + t)) continue;
            v_sw += cnt;
            by_size[g->kv - 1 + k] += cnt;
        }
    double v_ss = g->kv ? shapley_of(by_size, coef, n) : 0;
    for (int k = 0; k < n; k++)
        if (g->view->veto && g->view->veto[k]) { o->swings[k] = v_sw; o->ss[k] = v_ss; }
    /* a member without a veto: S holds every veto */
    for (int i = 0; i < g->np; i++) {
        int m = g->order[i];
        uint64_t wm = g->w[m], sw = 0;
        memset(by_size, 0, (size_t)(n + 1) * sizeof *by_size);
        table_remove(f, tmp, wm);
        for (int k = 0; k < g->np; k++)
            for (uint64_t t = 0; t + wm <= f->W; t++) {
                uint64_t cnt = AT(tmp, k, t);
                if (!cnt) continue;
                int s = g->kv + k;
                if (wins(g, s + 1, g->wv + t + wm) && !wins(g, s, g->wv + t)) {
                    sw += cnt;
                    by_size[s] += cnt;
                }
            }
        o->swings[m] = sw;
        o->ss[m] = shapley_of(by_size, coef, n);
    }
}

/* Minimal winning and blocking coalitions, counted with the lightest member
 * added last (members in g->order, heaviest first). */
static void count_minimal(const Game *g, Table *h, PowerOut *o)
{
    memset(h->c, 0, (size_t)(h->kmax + 1) * (h->W + 1) * sizeof *h->c);
    AT(h, 0, 0) = 1;
    uint64_t mw = 0, mb = 0, wall = g->W;
    if (wins(g, g->kv, g->wv)) mw++;     /* the veto holders alone (or nobody, without vetoes) */
    mb += (uint64_t)g->kv;                                       /* each veto holder alone blocks */
    for (int i = 0; i < g->np; i++) {
        int j = g->order[i];
        uint64_t wj = g->w[j];
        for (int k = 0; k <= i; k++)
            for (uint64_t t = 0; t + wj <= h->W; t++) {
                uint64_t cnt = AT(h, k, t);
                if (!cnt) continue;
                /* winning: the vetoes, T and j */
                if (wins(g, g->kv + k + 1, g->wv + t + wj) && !wins(g, g->kv + k, g->wv + t)) mw += cnt;
                /* blocking: B = T and j, no veto; the rest loses, and wins with j back */
                int rest = g->n - k - 1;
                uint64_t wrest = wall - t - wj;
                if (!wins(g, rest, wrest) && wins(g, rest + 1, wrest + wj)) mb += cnt;
            }
        table_add(h, i, wj);
    }
    o->min_winning = mw;
    o->min_blocking = mb;
}

/* The first POWER_LIST minimal coalitions in the heaviest-first order, by a
 * search that stops when a coalition wins (blocks) and prunes branches that
 * cannot; bounded by POWER_LIST_STEPS steps. */
typedef struct Lister {
    const Game *g;
    int blocking;
    int *pick, npick;
    uint64_t *suffix_w;        /* weight of order[i..] */
    long steps;
    int stopped;
    VEC(EntList) found;
    Arena *a;
} Lister;

static int lister_holds(const Lister *l, int k, uint64_t t)
{
    const Game *g = l->g;
    if (l->blocking) return !wins(g, g->n - k, g->W - t);      /* B of k members, weight t, blocks */
    return wins(g, g->kv + k, g->wv + t);
}

static void lister_emit(Lister *l)
{
    EntList s = { 0 };
    const Game *g = l->g;
    for (int k = 0; !l->blocking && k < g->n; k++)
        if (g->view->veto && g->view->veto[k]) vec_push(l->a, &s, g->members->items[k]);
    for (int i = 0; i < l->npick; i++) vec_push(l->a, &s, g->members->items[g->order[l->pick[i]]]);
    sort_by_name(g->view->w, &s);
    vec_push(l->a, &l->found, s);
}

static void lister_walk(Lister *l, int from, int k, uint64_t t)
{
    const Game *g = l->g;
    for (int i = from; i < g->np && !l->stopped; i++) {
        if (++l->steps > POWER_LIST_STEPS || l->found.n >= POWER_LIST) { l->stopped = 1; return; }
        if (!lister_holds(l, k + (g->np - i), t + l->suffix_w[i])) return;    /* the rest cannot make it */
        int j = g->order[i];
        l->pick[l->npick++] = i;
        uint64_t tj = t + g->w[j];
        if (lister_holds(l, k + 1, tj)) {
            if (!lister_holds(l, k, t)) lister_emit(l);      /* minimal: j is the lightest */
        } else
            lister_walk(l, i + 1, k + 1, tj);
        l->npick--;
    }
}

static void list_minimal(const Game *g, Arena *a, int blocking, EntList **out, int *n, int *complete)
{
    Lister l;
    memset(&l, 0, sizeof l);
    l.g = g;
    l.blocking = blocking;
    l.a = a;
    l.pick = arena_alloc(a, (size_t)(g->n + 1) * sizeof *l.pick);
    l.suffix_w = arena_alloc(a, (size_t)(g->np + 1) * sizeof *l.suffix_w);
    for (int i = g->np; i-- > 0;) l.suffix_w[i] = l.suffix_w[i + 1] + g->w[g->order[i]];
    if (blocking) {
        for (int k = 0; k < g->n; k++)
            if (g->view->veto && g->view->veto[k] && l.found.n < POWER_LIST) {
                EntList s = { 0 };
                vec_push(a, &s, g->members->items[k]);
                vec_push(a, &l.found, s);
            }
    } else if (wins(g, g->kv, g->wv)) {
        lister_emit(&l);                 /* the veto holders (or nobody) win alone: the one minimal coalition */
    }
    if (blocking || !wins(g, g->kv, g->wv)) lister_walk(&l, 0, 0, 0);
    *out = l.found.items;
    *n = l.found.n;
    *complete = !l.stopped;
}

const PowerTable *power_table(Ctx *c, EntId y, Result *r, const char **why)
{
    const World *w = c->w;
    const char *yn = ent_name(w, y);
    *why = NULL;
    if (!org_active(c, y)) {
        *why = arena_printf(c->scratch, "%s does not exist on this date", yn);
        return NULL;
    }
    Loc rule_loc;
    const Decision *rule = decision_of(c, y, &rule_loc);
    if (!rule || rule->kind == DEC_NONE) {
        *why = arena_printf(c->scratch, "%s has no decision rule on this date: there is no game to measure", yn);
        return NULL;
    }
    EntList *members = arena_alloc(c->scratch, sizeof *members);
    holders_of(c, y, ROLE_MEMBER, members);
    if (r) drop_suspended_members(c, r, y, members, "it holds no power");
    else {
        Result scratch;          /* the reasons are not wanted: only the members that vote */
        memset(&scratch, 0, sizeof scratch);
        drop_suspended_members(c, &scratch, y, members, "it holds no power");
    }
    Game g;
    memset(&g, 0, sizeof g);
    g.n = members->n;
    g.members = members;
    if (g.n == 0) {
        *why = arena_printf(c->scratch, "%s has no members on this date", yn);
        return NULL;
    }
    if (g.n > POWER_MAX_MEMBERS) {
        *why = arena_printf(c->scratch, "%s has too many members for exact power indices (%d; the limit is %d)", yn,
                            g.n, POWER_MAX_MEMBERS);
        return NULL;
    }
    RuleView *view = arena_alloc(c->scratch, sizeof *view);
    rule_view(c, y, rule, members, view);
    g.view = view;
    if (view->ndims > 1) {
        *why = arena_printf(c->scratch, "the power indices of %s need a rule with at most one weighted clause (%s has %d)",
                            yn, rule_text(w, c->scratch, rule), view->ndims);
        return NULL;
    }
    const char *bad = integer_weights(&g, c->scratch);
    if (!bad && (uint64_t)(g.n + 1) * (g.W + 1) > POWER_MAX_CELLS) bad = "the weights are too fine";
    if (bad) {
        *why = arena_printf(c->scratch, "cannot count the coalitions of %s exactly: %s (the members times the total "
                            "weight, in its smallest unit, may be at most %llu; declare the measure in coarser units)",
                            yn, bad, (unsigned long long)POWER_MAX_CELLS);
        return NULL;
    }
    game_setup(&g, c->scratch);

    size_t cells = (size_t)(g.np + 1) * (size_t)(g.W + 1);
    Table f = { calloc(cells, sizeof(uint64_t)), g.np, g.W }, tmp = { calloc(cells, sizeof(uint64_t)), g.np, g.W };
    if (!f.c || !tmp.c) {
        free(f.c);
        free(tmp.c);
        *why = arena_printf(c->scratch, "out of memory counting the coalitions of %s", yn);
        return NULL;
    }
    AT(&f, 0, 0) = 1;
    for (int i = 0; i < g.np; i++) table_add(&f, i, g.w[g.order[i]]);
    PowerOut o;
    o.swings = arena_alloc(c->scratch, (size_t)g.n * sizeof *o.swings);
    o.ss = arena_alloc(c->scratch, (size_t)g.n * sizeof *o.ss);
    count_power(&g, &f, &tmp, &o, c->scratch);
    count_minimal(&g, &tmp, &o);
    free(f.c);
    free(tmp.c);

    PowerTable *pt = arena_alloc(c->scratch, sizeof *pt);
    pt->n = g.n;
    pt->rule = rule;
    pt->rule_loc = rule_loc;
    pt->rows = arena_alloc(c->scratch, (size_t)g.n * sizeof *pt->rows);
    double total = 0, ss_total = 0;     /* a sum of up to 60 counts below 2^60: exact enough in double */
    for (int k = 0; k < g.n; k++) { total += (double)o.swings[k]; ss_total += o.ss[k]; }
    pt->total_swings = total;
    for (int k = 0; k < g.n; k++) {
        PowerRow *row = &pt->rows[k];
        row->who = members->items[k];
        row->swings = o.swings[k];
        row->banzhaf = total > 0 ? (double)o.swings[k] / total : 0;
        row->shapley = ss_total > 0 ? o.ss[k] : 0;
        row->veto = view->veto && view->veto[k];
        row->weight = view->ndims ? (double)g.w[k] * g.unit : 0;
    }
    pt->nothing_wins = !wins(&g, g.kv + g.np, g.W);
    if (!pt->nothing_wins) {      /* else the empty coalition blocks, and nothing is minimal winning */
        pt->min_winning = o.min_winning;
        pt->min_blocking = o.min_blocking;
        list_minimal(&g, c->scratch, 0, &pt->winning, &pt->n_winning, &pt->winning_complete);
        list_minimal(&g, c->scratch, 1, &pt->blocking, &pt->n_blocking, &pt->blocking_complete);
    }
    return pt;
}

void power_run(Ctx *c, const Query *q, Result *r)
{
    const World *w = c->w;
    EntId y = world_find(w, q->y.sym), x = q->x.sym ? world_find(w, q->x.sym) : ENT_NONE;
    const char *yn = ent_name(w, y), *why;
    r->answer = q->kind == Q_POWER ? ANS_POWER : ANS_VALUE;
    const PowerTable *pt = power_table(c, y, r, &why);
    if (!pt) {
        diag_error(c->diag, q->loc, "%s", why);
        c->failed = 1;
        r->error = 1;
        return;
    }
    r->power = pt;
    const Decision *rule = pt->rule;
    Loc rule_loc = pt->rule_loc;
    int n = pt->n;
    const char *rt = rule_text(w, c->scratch, rule), *period = period_words(c->scratch, rule->from, rule->until);
    if (*period) rt = arena_printf(c->scratch, "%s %s", rt, period);
    result_add(c->scratch, r, RK_DECISION, -1, rule_loc, rt,
               arena_printf(c->scratch, "%d members; counted exactly over %llu coalitions", n,
                            (unsigned long long)((uint64_t)1 << n)));
    last_reason(r)->org = y;
    if (pt->nothing_wins)
        result_add(c->scratch, r, RK_INFO, 0, rule_loc, "no coalition wins",
                   "even all the members together cannot pass a motion: every index is 0");
    switch (q->kind) {
    case Q_POWER:
        r->summary = arena_printf(c->scratch, "%d members; %llu minimal winning and %llu minimal blocking coalitions",
                                  n, (unsigned long long)pt->min_winning, (unsigned long long)pt->min_blocking);
        break;
    case Q_MIN_WINNING: case Q_MIN_BLOCKING: {
        uint64_t count = q->kind == Q_MIN_WINNING ? pt->min_winning : pt->min_blocking;
        r->value.k = V_NUM;
        r->value.u.n = (double)count;
        r->summary = arena_printf(c->scratch, "%llu", (unsigned long long)count);
        const EntList *list = q->kind == Q_MIN_WINNING ? pt->winning : pt->blocking;
        int nl = q->kind == Q_MIN_WINNING ? pt->n_winning : pt->n_blocking;
        for (int i = 0; i < nl; i++)
            result_add(c->scratch, r, RK_INFO, -1, rule_loc,
                       arena_printf(c->scratch, "{%s}", entlist_text(w, c->scratch, &list[i])), NULL);
        if ((uint64_t)nl < count)
            result_add(c->scratch, r, RK_INFO, -1, rule_loc,
                       arena_printf(c->scratch, "and %llu more", (unsigned long long)(count - (uint64_t)nl)), NULL);
        break;
    }
    case Q_BANZHAF: case Q_SHAPLEY: {
        int k = 0;
        while (k < n && pt->rows[k].who != x) k++;
        r->value.k = V_NUM;
        if (k == n) {
            r->value.u.n = 0;
            result_add(c->scratch, r, RK_MEMBERSHIP, 0, q->x.loc,
                       arena_printf(c->scratch, "%s is not a voting member of %s", ent_name(w, x), yn),
                       "it holds no power");
        } else {
            const PowerRow *row = &pt->rows[k];
            r->value.u.n = q->kind == Q_BANZHAF ? row->banzhaf : row->shapley;
            result_add(c->scratch, r, RK_INFO, -1, q->x.loc,
                       arena_printf(c->scratch, "%s swings %llu coalitions%s", ent_name(w, x),
                                    (unsigned long long)row->swings, row->veto ? " (it holds a veto)" : ""),
                       q->kind == Q_BANZHAF
                           ? arena_printf(c->scratch, "of %.0f swings in all", pt->total_swings)
                           : "weighted by the orders of the members in which it completes a winning coalition");
        }
        r->summary = value_text(w, c->scratch, r->value);
        break;
    }
    default: break;
    }
}
