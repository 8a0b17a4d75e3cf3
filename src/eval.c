/* eval.c — the expression evaluator. */
#include "eval.h"
#include "builtins.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Value ent_value(EntId id) { Value v; v.k = V_ENT; v.u.e = id; return v; }
static Value bool_value(int b) { Value v; v.k = V_BOOL; v.u.b = b != 0; return v; }
static Value num_value(double n) { Value v; v.k = V_NUM; v.u.n = n; return v; }
static Value none_value(void) { Value v; memset(&v, 0, sizeof v); return v; }

const char *value_type_name(ValKind k)
{
    static const char *const names[] = { "nothing", "a truth value", "a number", "a string",
                                         "a date", "a name", "a set", "a kind" };
    return names[k];
}

static Value fail(Ctx *c, Loc loc, const char *fmt, const char *a, const char *b)
{
    if (!c->failed) diag_error(c->diag, loc, fmt, a, b);
    c->failed = 1;
    return none_value();
}

/* Numbers are compared by their value to 12 significant digits, in every
 * place: ==, <, in, sets and count() agree, so 0.1 + 0.2 == 0.3 and
 * {1, 1.0000000000001} has one element.  Rounding is monotonic, so this is a
 * true order on the rounded values.  Integers of up to 12 digits are already exact. */
static double num_key(double x)
{
    if (x == 0) return 0;                                  /* -0 is 0 */
    if (fabs(x) < 1e12 && x == (double)(long long)x) return x;
    char buf[32];
    snprintf(buf, sizeof buf, "%.12g", x);
    return strtod(buf, NULL);
}

/* A total order on values: by type, then by content. Sets are kept sorted
 * and without duplicates in this order, so that equality is one pass and
 * membership a binary search, however large the set. */
static int value_cmp(Value a, Value b)
{
    if (a.k != b.k) return a.k < b.k ? -1 : 1;
    switch (a.k) {
    case V_NONE: return 0;
    case V_BOOL: return a.u.b - b.u.b;
    case V_NUM: {
        double x = num_key(a.u.n), y = num_key(b.u.n);
        return x < y ? -1 : x > y ? 1 : 0;
    }
    case V_STR: return strcmp(a.u.s, b.u.s);
    case V_DATE: return a.u.d == b.u.d ? 0 : a.u.d < b.u.d ? -1 : 1;
    case V_ENT: return a.u.e == b.u.e ? 0 : a.u.e < b.u.e ? -1 : 1;
    case V_KIND: return a.u.kind == b.u.kind ? 0 : a.u.kind < b.u.kind ? -1 : 1;
    case V_SET:
        if (a.u.set.n != b.u.set.n) return a.u.set.n < b.u.set.n ? -1 : 1;
        for (int i = 0; i < a.u.set.n; i++) {
            int c = value_cmp(a.u.set.items[i], b.u.set.items[i]);
            if (c) return c;
        }
        return 0;
    }
    return 0;
}

static int value_qcmp(const void *a, const void *b) { return value_cmp(*(const Value *)a, *(const Value *)b); }

/* Sorts and removes duplicates in place. */
static void canonical(Value *set)
{
    int n = set->u.set.n;
    if (n < 2) return;
    qsort(set->u.set.items, (size_t)n, sizeof(Value), value_qcmp);
    int k = 1;
    for (int i = 1; i < n; i++)
        if (value_cmp(set->u.set.items[k - 1], set->u.set.items[i]) != 0) set->u.set.items[k++] = set->u.set.items[i];
    set->u.set.n = k;
}

static int set_has(Value set, Value x)
{
    int lo = 0, hi = set.u.set.n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        int c = value_cmp(set.u.set.items[mid], x);
        if (c == 0) return 1;
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    return 0;
}

static Value set_of(Ctx *c, const EntList *l)
{
    Value v;
    v.k = V_SET;
    v.u.set.n = l->n;
    v.u.set.depth = 1;
    c->steps += l->n;                  /* building a set costs its size */
    v.u.set.items = arena_alloc(c->scratch, (size_t)(l->n ? l->n : 1) * sizeof(Value));
    for (int i = 0; i < l->n; i++) v.u.set.items[i] = ent_value(l->items[i]);
    canonical(&v);
    return v;
}

int value_equal(Value a, Value b)
{
    if (a.k != b.k) return 0;
    switch (a.k) {
    case V_NONE: return 1;
    case V_BOOL: return a.u.b == b.u.b;
    case V_NUM: return num_key(a.u.n) == num_key(b.u.n);
    case V_STR: return strcmp(a.u.s, b.u.s) == 0;
    case V_DATE: return a.u.d == b.u.d;
    case V_ENT: return a.u.e == b.u.e;
    case V_KIND: return a.u.kind == b.u.kind;
    case V_SET: return value_cmp(a, b) == 0;       /* both canonical */
    }
    return 0;
}

/* A value with the name it is shown by (names sort alphabetically for people). */
typedef struct Shown { Value v; const char *name; } Shown;

static int display_cmp(const void *pa, const void *pb)
{
    const Shown *a = pa, *b = pb;
    if (a->name && b->name) return strcmp(a->name, b->name);
    return value_cmp(a->v, b->v);
}

const char *number_text(Arena *a, double x)
{
    char buf[64];
    x = num_key(x);
    double m = fabs(x);
    if (m < 1e15 && x == (double)(long long)x) snprintf(buf, sizeof buf, "%.0f", x);
    else if (m >= 1e15 || m < 1) snprintf(buf, sizeof buf, "%.4g", x);
    else {
        snprintf(buf, sizeof buf, "%.2f", x);
        char *end = buf + strlen(buf);            /* 2.50 is 2.5; 3.00 (2.999) is 3 */
        while (end[-1] == '0') *--end = '\0';
        if (end[-1] == '.') *--end = '\0';
        if (strcmp(buf, "-0") == 0) strcpy(buf, "0");
    }
    return arena_strdup(a, buf);
}

static const char *value_text_in(const World *w, Arena *a, Value v, int exact);

const char *value_text(const World *w, Arena *a, Value v) { return value_text_in(w, a, v, 0); }
const char *value_text_exact(const World *w, Arena *a, Value v) { return value_text_in(w, a, v, 1); }

static const char *value_text_in(const World *w, Arena *a, Value v, int exact)
{
    char buf[64];
    switch (v.k) {
    case V_NONE: return "nothing";
    case V_BOOL: return v.u.b ? "true" : "false";
    case V_NUM:
        if (!exact) return number_text(a, v.u.n);
        snprintf(buf, sizeof buf, "%.12g", num_key(v.u.n));
        return arena_strdup(a, buf);
    case V_STR: return arena_printf(a, "\"%s\"", v.u.s);
    case V_DATE: date_format(v.u.d, buf); return arena_strdup(a, buf);
    case V_ENT: return ent_name(w, v.u.e);
    case V_KIND: return arena_printf(a, "kind %s", sym_name(&w->names, v.u.kind));
    case V_SET: {
        /* for people: names in alphabetical order, other values in their order */
        Shown *shown = arena_alloc(a, (size_t)(v.u.set.n + 1) * sizeof *shown);
        for (int i = 0; i < v.u.set.n; i++) {
            shown[i].v = v.u.set.items[i];
            shown[i].name = v.u.set.items[i].k == V_ENT ? ent_name(w, v.u.set.items[i].u.e) : NULL;
        }
        qsort(shown, (size_t)v.u.set.n, sizeof *shown, display_cmp);
        Value *items = arena_alloc(a, (size_t)(v.u.set.n + 1) * sizeof *items);
        for (int i = 0; i < v.u.set.n; i++) items[i] = shown[i].v;
        v.u.set.items = items;
        size_t cap = 3;
        const char **parts = arena_alloc(a, (size_t)(v.u.set.n + 1) * sizeof *parts);
        size_t *lens = arena_alloc(a, (size_t)(v.u.set.n + 1) * sizeof *lens);
        for (int i = 0; i < v.u.set.n; i++) {
            parts[i] = value_text_in(w, a, v.u.set.items[i], exact);
            lens[i] = strlen(parts[i]);
            cap += lens[i] + 2;
        }
        char *s = arena_alloc_bytes(a, cap), *end = s;
        *end++ = '{';
        for (int i = 0; i < v.u.set.n; i++) {   /* one pass: each part is copied once */
            if (i) { memcpy(end, ", ", 2); end += 2; }
            memcpy(end, parts[i], lens[i]);
            end += lens[i];
        }
        *end++ = '}';
        *end = '\0';
        return s;
    }
    }
    return "?";
}

/* Budget shares at the date, one rule for share() and for weighted votes:
 * the declared shares of the current members count as declared, and what
 * they leave is split equally among current members without a declared
 * share.  When every current member has a declared share and together they
 * hold less than 100%, they are scaled up to 100%, so that the members
 * always hold the whole budget.  A former member's declared share no longer
 * counts.  Shares are sorted by party (resolve.c), so finding one is a
 * binary search. */
static const BudgetShare *declared_share(const OrgInfo *o, EntId who)
{
    int lo = 0, hi = o->rare->shares.n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (o->rare->shares.items[mid].who < who) lo = mid + 1; else hi = mid;
    }
    return lo < o->rare->shares.n && o->rare->shares.items[lo].who == who ? &o->rare->shares.items[lo] : NULL;
}

/* A member's share from its declared one (< 0: none) and the totals. */
static double share_from(double declared_pct, double declared, int undeclared)
{
    if (declared_pct >= 0)
        return undeclared == 0 && declared > 0 && declared < 100 ? declared_pct * 100 / declared : declared_pct;
    return declared < 100 ? (100 - declared) / undeclared : 0;
}

void budget_shares(const Ctx *c, EntId org, const EntList *members, double *out)
{
    const OrgInfo *o = org_info(c->w, org);
    double declared = 0;
    int undeclared = 0;
    for (int k = 0; k < members->n; k++) {
        const BudgetShare *s = declared_share(o, members->items[k]);
        out[k] = s ? s->pct : -1;
        if (s) declared += s->pct; else undeclared++;
    }
    for (int k = 0; k < members->n; k++) out[k] = share_from(out[k], declared, undeclared);
}

void rule_weights(const Ctx *c, EntId org, const Decision *d, const EntList *members, double *out)
{
    if (!d->weight_by) { budget_shares(c, org, members, out); return; }
    double total = 0;
    for (int k = 0; k < members->n; k++) {
        int found;
        out[k] = measure_at(c->w, members->items[k], d->weight_by, c->date, &found);
        total += out[k];
    }
    for (int k = 0; k < members->n; k++) out[k] = total > 0 ? out[k] * 100 / total : 0;
}

double budget_share(Ctx *c, EntId org, EntId who)
{
    if (role_of(c, who, org, NULL) != ROLE_MEMBER || !org_active(c, org)) return 0;
    const OrgInfo *o = org_info(c->w, org);
    if (c->shares_seen.org != org || c->shares_seen.date != c->date || c->shares_seen.ov != c->ov ||
        c->shares_seen.ov_n != (c->ov ? c->ov->n : 0)) {
        EntList members = { 0 };
        holders_of(c, org, ROLE_MEMBER, &members);
        c->shares_seen.declared = 0;
        c->shares_seen.undeclared = 0;
        for (int k = 0; k < members.n; k++) {
            const BudgetShare *s = declared_share(o, members.items[k]);
            if (s) c->shares_seen.declared += s->pct; else c->shares_seen.undeclared++;
        }
        c->shares_seen.org = org;
        c->shares_seen.date = c->date;
        c->shares_seen.ov = c->ov;
        c->shares_seen.ov_n = c->ov ? c->ov->n : 0;
    }
    const BudgetShare *s = declared_share(o, who);
    return share_from(s ? s->pct : -1, c->shares_seen.declared, c->shares_seen.undeclared);
}

/* The holders of a role in an organisation as a set, built once per query
 * (see Ctx.held_seen); each use still costs one step per element. */
static Value holders_value(Ctx *c, EntId org, Role role)
{
    for (int i = 0; i < 4; i++) {
        const struct HeldSeen *h = &c->held_seen[i];
        if (h->items && h->org == org && h->role == role) {
            Value v;
            v.k = V_SET;
            v.u.set.items = (Value *)h->items;
            v.u.set.n = h->n;
            v.u.set.depth = 1;
            c->steps += h->n;
            return v;
        }
    }
    EntList l = { 0 };
    if (org_active(c, org)) holders_of(c, org, role, &l);
    Value v = set_of(c, &l);
    struct HeldSeen seen = { org, role, v.u.set.items, v.u.set.n };
    c->held_seen[c->held_next] = seen;
    c->held_next = (c->held_next + 1) % 4;
    return v;
}

static const Value *lookup_var(const Env *env, Sym s)
{
    for (; env; env = env->up) if (env->sym == s) return &env->val;
    return NULL;
}

static Value need(Ctx *c, const Expr *e, const Env *env, ValKind k, const char *what)
{
    Value v = eval_expr(c, e, env);
    if (c->failed) return none_value();
    if (v.k != k) {
        return fail(c, e->loc, "%s expected here, but this is %s", what, value_type_name(v.k));
    }
    return v;
}

static Value need_org(Ctx *c, const Expr *e, const Env *env)
{
    Value v = need(c, e, env, V_ENT, "an organisation");
    if (v.k == V_ENT && ent(c->w, v.u.e)->kind != ENT_ORG)
        return fail(c, e->loc, "'%s' is not an organisation%s", ent_name(c->w, v.u.e), "");
    return v;
}

static Value call_builtin(Ctx *c, const Expr *e, const Env *env, const Builtin *b)
{
    const Expr *a0 = e->args.items[0], *a1 = e->args.n > 1 ? e->args.items[1] : NULL;
    switch (b->id) {
    case BI_MEMBER_OF: case BI_OBSERVER_OF: case BI_PARTNER_OF: {
        Role role = b->id == BI_MEMBER_OF ? ROLE_MEMBER : b->id == BI_OBSERVER_OF ? ROLE_OBSERVER : ROLE_PARTNER;
        Value x = need(c, a0, env, V_ENT, "a state or actor");
        if (c->failed) return none_value();
        Value o = eval_expr(c, a1, env);
        if (c->failed) return none_value();
        if (o.k == V_KIND) {
            EntList orgs = { 0 };
            orgs_held(c, x.u.e, role, &orgs);
            for (int i = 0; i < orgs.n; i++)
                if (org_active(c, orgs.items[i]) && kind_of(c, orgs.items[i], NULL) == o.u.kind) return bool_value(1);
            return bool_value(0);
        }
        if (o.k != V_ENT || ent(c->w, o.u.e)->kind != ENT_ORG)
            return fail(c, a1->loc, "an organisation or 'kind K' expected here, but this is %s%s",
                        o.k == V_ENT ? ent_kind_name(ent(c->w, o.u.e)->kind) : value_type_name(o.k), "");
        return bool_value(org_active(c, o.u.e) && role_of(c, x.u.e, o.u.e, NULL) == role);
    }
    case BI_BORDERS: {
        Value x = need(c, a0, env, V_ENT, "a state");
        Value y = need(c, a1, env, V_ENT, "a state");
        if (c->failed) return none_value();
        return bool_value(entlist_has(&ent(c->w, x.u.e)->borders, y.u.e) ||
                          entlist_has(&ent(c->w, y.u.e)->borders, x.u.e));
    }
    case BI_COUNT: {
        Value s = need(c, a0, env, V_SET, "a set");
        return c->failed ? none_value() : num_value(s.u.set.n);
    }
    case BI_SHARE: {
        Value x = need(c, a0, env, V_ENT, "a state");
        Value o = need_org(c, a1, env);
        return c->failed ? none_value() : num_value(budget_share(c, o.u.e, x.u.e));
    }
    case BI_KIND: {
        Value o = need_org(c, a0, env);
        if (c->failed) return none_value();
        Value v;
        memset(&v, 0, sizeof v);
        v.u.kind = kind_of(c, o.u.e, NULL);
        v.k = v.u.kind ? V_KIND : V_NONE;      /* no kind declared: nothing */
        return v;
    }
    case BI_REGION: {
        Value x = need(c, a0, env, V_ENT, "a name");
        if (c->failed) return none_value();
        Value v;
        v.k = V_STR;
        v.u.s = ent(c->w, x.u.e)->region ? ent(c->w, x.u.e)->region : "";
        return v;
    }
    case BI_MEMBERS: case BI_OBSERVERS: case BI_PARTNERS: {
        Value o = need_org(c, a0, env);
        if (c->failed) return none_value();
        return holders_value(c, o.u.e, b->id == BI_MEMBERS ? ROLE_MEMBER : b->id == BI_OBSERVERS ? ROLE_OBSERVER
                                                                                                 : ROLE_PARTNER);
    }
    case BI_NONE: break;
    }
    return none_value();
}

static Value call(Ctx *c, const Expr *e, const Env *env)
{
    const char *fname = sym_name(&c->w->names, e->name.sym);
    const Builtin *b = builtin_find(fname);
    if (b) return call_builtin(c, e, env, b);
    const Rule *r = world_rule(c->w, e->name.sym);
    if (!r) return fail(c, e->loc, "unknown function '%s'%s", fname, "");
    if (c->rules_called) c->rules_called[r - c->w->rules.items] = 1;     /* coverage.h */
    if (c->rule_depth >= EVAL_MAX_RULE_DEPTH) {
        char lim[32];
        snprintf(lim, sizeof lim, "%d", EVAL_MAX_RULE_DEPTH);
        return fail(c, e->loc, "rule '%s' recurses deeper than %s calls", fname, lim);
    }
    /* the frames live only as long as the call: on the C stack when few */
    Env small[8];
    Env *frames = r->params.n <= 8 ? small : arena_alloc(c->scratch, (size_t)r->params.n * sizeof *frames);
    const Env *inner = NULL;
    for (int i = 0; i < r->params.n; i++) {
        frames[i].sym = r->params.items[i].sym;
        frames[i].val = eval_expr(c, e->args.items[i], env);
        if (c->failed) return none_value();
        frames[i].up = inner;
        inner = &frames[i];
    }
    c->rule_depth++;
    Value v = eval_expr(c, r->body, inner);
    c->rule_depth--;
    return v;
}

static Value compare(Ctx *c, const Expr *e, const Env *env)
{
    Value a = eval_expr(c, e->a, env);
    if (c->failed) return none_value();
    Value b = eval_expr(c, e->b, env);
    if (c->failed) return none_value();
    if (e->kind == EX_EQ || e->kind == EX_NE) {
        if (a.k != b.k && a.k != V_NONE && b.k != V_NONE)
            return fail(c, e->loc, "cannot compare %s with %s", value_type_name(a.k), value_type_name(b.k));
        int eq = value_equal(a, b);
        return bool_value(e->kind == EX_EQ ? eq : !eq);
    }
    double x, y;
    if (a.k == V_NUM && b.k == V_NUM) { x = num_key(a.u.n); y = num_key(b.u.n); }
    else if (a.k == V_DATE && b.k == V_DATE) { x = a.u.d; y = b.u.d; }
    else if (a.k == V_STR && b.k == V_STR) { x = strcmp(a.u.s, b.u.s); y = 0; }
    else return fail(c, e->loc, "cannot order %s and %s (numbers, dates or strings only)",
                     value_type_name(a.k), value_type_name(b.k));
    switch (e->kind) {
    case EX_LT: return bool_value(x < y);
    case EX_LE: return bool_value(x <= y);
    case EX_GT: return bool_value(x > y);
    default: return bool_value(x >= y);
    }
}

static Value eval_node(Ctx *c, const Expr *e, const Env *env);

EvalLimits eval_limits(EvalLimits given)
{
    if (given.max_steps <= 0) given.max_steps = EVAL_DEFAULT_MAX_STEPS;
    if (!given.max_scratch) given.max_scratch = EVAL_DEFAULT_MAX_SCRATCH;
    return given;
}

/* The query has used up its budget: say which, how much, and how to raise it. */
static Value over_budget(Ctx *c, const Expr *e, const char *what)
{
    char lim[64];
    if (what[0] == 's') {
        snprintf(lim, sizeof lim, "%lld step%s", c->limits.max_steps, c->limits.max_steps == 1 ? "" : "s");
        return fail(c, e->loc, "evaluation took more than %s (the limit; raise it with --max-steps)%s",
                    lim, "");
    }
    snprintf(lim, sizeof lim, "%zu", c->limits.max_scratch >> 20);
    return fail(c, e->loc, "evaluation needs more than %s MiB of memory (the limit; raise it with --max-memory)%s",
                lim, "");
}

/* Every evaluation passes here, so the C stack is bounded however deep
 * expressions and rule calls nest together. */
Value eval_expr(Ctx *c, const Expr *e, const Env *env)
{
    if (c->failed || !e) return none_value();
    if (c->eval_depth >= EVAL_MAX_DEPTH) {
        char lim[32];
        snprintf(lim, sizeof lim, "%d", EVAL_MAX_DEPTH);
        return fail(c, e->loc, "evaluation nested deeper than %s levels%s", lim, "");
    }
    if (++c->steps > c->limits.max_steps && c->limits.max_steps) return over_budget(c, e, "steps");
    if (c->interrupt && *c->interrupt)
        return fail(c, e->loc, "evaluation interrupted (Ctrl-C)%s%s", "", "");
    if (c->limits.max_scratch && c->scratch->used_total - c->scratch_base > c->limits.max_scratch)
        return over_budget(c, e, "memory");
    c->eval_depth++;
    Value v = eval_node(c, e, env);
    c->eval_depth--;
    return v;
}

static Value eval_node(Ctx *c, const Expr *e, const Env *env)
{
    switch (e->kind) {
    case EX_NUM: return num_value(e->num);
    case EX_BOOL: return bool_value(e->num != 0);
    case EX_STR: { Value v; v.k = V_STR; v.u.s = e->str; return v; }
    case EX_DATE: { Value v; v.k = V_DATE; v.u.d = e->date; return v; }
    case EX_KIND: { Value v; v.k = V_KIND; v.u.kind = e->name.sym; return v; }
    case EX_NAME: {
        const Value *v = lookup_var(env, e->name.sym);
        if (v) return *v;
        EntId id = world_find(c->w, e->name.sym);
        if (id) return ent_value(id);
        return fail(c, e->loc, "unknown name '%s'%s", sym_name(&c->w->names, e->name.sym), "");
    }
    case EX_MEMBERS: {
        const Value *o = lookup_var(env, c->w->sym_org);
        if (!o || o->k != V_ENT) return fail(c, e->loc, "'members' has no organisation here%s%s", "", "");
        return holders_value(c, o->u.e, ROLE_MEMBER);
    }
    case EX_SET: {
        Value v;
        v.k = V_SET;
        v.u.set.n = 0;
        v.u.set.depth = 1;
        v.u.set.items = arena_alloc(c->scratch, (size_t)(e->args.n ? e->args.n : 1) * sizeof(Value));
        for (int i = 0; i < e->args.n; i++) {
            Value x = eval_expr(c, e->args.items[i], env);
            if (c->failed) return none_value();
            if (x.k == V_SET && x.u.set.depth >= v.u.set.depth) v.u.set.depth = x.u.set.depth + 1;
            v.u.set.items[v.u.set.n++] = x;
        }
        if (v.u.set.depth > EVAL_MAX_VALUE_DEPTH) {
            char lim[32];
            snprintf(lim, sizeof lim, "%d", EVAL_MAX_VALUE_DEPTH);
            return fail(c, e->loc, "this set would hold sets nested deeper than %s levels (the limit)%s", lim, "");
        }
        canonical(&v);
        return v;
    }
    case EX_NOT: {
        Value a = need(c, e->a, env, V_BOOL, "a truth value");
        return c->failed ? none_value() : bool_value(!a.u.b);
    }
    case EX_AND: case EX_OR: {
        Value a = need(c, e->a, env, V_BOOL, "a truth value");
        if (c->failed) return none_value();
        if (e->kind == EX_AND && !a.u.b) return bool_value(0);
        if (e->kind == EX_OR && a.u.b) return bool_value(1);
        Value b = need(c, e->b, env, V_BOOL, "a truth value");
        return c->failed ? none_value() : bool_value(b.u.b);
    }
    case EX_EQ: case EX_NE: case EX_LT: case EX_LE: case EX_GT: case EX_GE:
        return compare(c, e, env);
    case EX_IN: {
        Value x = eval_expr(c, e->a, env);
        Value s = need(c, e->b, env, V_SET, "a set");
        if (c->failed) return none_value();
        return bool_value(set_has(s, x));
    }
    case EX_IS: {
        Value x = need(c, e->a, env, V_ENT, "a name");
        if (c->failed) return none_value();
        EntKind k = ent(c->w, x.u.e)->kind;
        EntKind want = e->is_what == IS_STATE ? ENT_STATE : e->is_what == IS_ACTOR ? ENT_ACTOR : ENT_ORG;
        return bool_value(k == want);
    }
    case EX_ALL: case EX_SOME: {
        Value s = need(c, e->a, env, V_SET, "a set");
        if (c->failed) return none_value();
        Env inner = { e->name.sym, none_value(), env };
        for (int i = 0; i < s.u.set.n; i++) {
            inner.val = s.u.set.items[i];
            Value b = need(c, e->b, &inner, V_BOOL, "a truth value");
            if (c->failed) return none_value();
            if (e->kind == EX_ALL && !b.u.b) return bool_value(0);
            if (e->kind == EX_SOME && b.u.b) return bool_value(1);
        }
        return bool_value(e->kind == EX_ALL);
    }
    case EX_CALL: return call(c, e, env);
    case EX_NEG: {
        Value a = need(c, e->a, env, V_NUM, "a number");
        return c->failed ? none_value() : num_value(-a.u.n);
    }
    case EX_ADD: case EX_SUB: case EX_MUL: case EX_DIV: {
        Value a = need(c, e->a, env, V_NUM, "a number");
        Value b = need(c, e->b, env, V_NUM, "a number");
        if (c->failed) return none_value();
        if (e->kind == EX_DIV && b.u.n == 0) return fail(c, e->loc, "division by zero%s%s", "", "");
        double r = e->kind == EX_ADD ? a.u.n + b.u.n : e->kind == EX_SUB ? a.u.n - b.u.n
                 : e->kind == EX_MUL ? a.u.n * b.u.n : a.u.n / b.u.n;
        if (!isfinite(r)) return fail(c, e->loc, "the result is too large to represent%s%s", "", "");
        return num_value(r);
    }
    case EX_ATTR: {
        Value x = need(c, e->a, env, V_ENT, "a name");
        if (c->failed) return none_value();
        const Entity *en = ent(c->w, x.u.e);
        const char *attr = sym_name(&c->w->names, e->name.sym);
        Value v;
        memset(&v, 0, sizeof v);
        if (strcmp(attr, "region") == 0) { v.k = V_STR; v.u.s = en->region ? en->region : ""; }
        else if (strcmp(attr, "name") == 0) { v.k = V_STR; v.u.s = en->display ? en->display : sym_name(&c->w->names, en->name); }
        else if (strcmp(attr, "kind") == 0) {
            v.u.kind = en->kind == ENT_ORG ? kind_of(c, x.u.e, NULL) : en->actor_kind;
            v.k = v.u.kind ? V_KIND : V_NONE;  /* states have no kind */
        } else if (strcmp(attr, "founded") == 0) {
            if (!en->founded) return fail(c, e->loc, "'%s' has no founding date%s", ent_name(c->w, x.u.e), "");
            v.k = V_DATE;
            v.u.d = en->founded;
        }
        return v;
    }
    }
    return none_value();
}

int eval_cond(Ctx *c, const Expr *e, const Env *env)
{
    Value v = eval_expr(c, e, env);
    if (c->failed) return -1;
    if (v.k != V_BOOL) {
        fail(c, e->loc, "a condition must be true or false, but this is %s%s", value_type_name(v.k), "");
        return -1;
    }
    return v.u.b;
}
