/* rule.c — what a decision rule asks of a ballot (see rule.h). */
#include "rule.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The tolerance of every comparison with a share or an amount: a vote
 * exactly at a threshold passes however the shares were rounded. */
#define RULE_EPS 1e-9

static void dim_init(Ctx *c, EntId org, RuleDim *dim, Sym measure, int percent, const EntList *members)
{
    int n = members->n;
    dim->raw = arena_alloc(c->scratch, (size_t)(n ? n : 1) * sizeof *dim->raw);
    dim->measure = measure;
    dim->percent = percent;
    dim->total = 0;
    if (!measure) {
        budget_shares(c, org, members, dim->raw);
        dim->total = 100;
        return;
    }
    for (int k = 0; k < n; k++) {
        int found;
        dim->raw[k] = measure_at(c->w, members->items[k], measure, c->date, &found);
        dim->total += dim->raw[k];
    }
}

/* A member's place in the vote, sorted by id: a holder is a binary search
 * away, so a veto of h holders costs (h + n) log n, not h n. */
typedef struct Seat { EntId id; int k; } Seat;

static int by_seat_id(const void *a, const void *b)
{
    EntId x = ((const Seat *)a)->id, y = ((const Seat *)b)->id;
    return x < y ? -1 : x > y;
}

static void mark_vetoes(Ctx *c, RuleView *v, const RuleClause *rc, const EntList *members)
{
    int n = members->n;
    Seat *seats = arena_alloc(c->scratch, (size_t)(n ? n : 1) * sizeof *seats);
    for (int k = 0; k < n; k++) { seats[k].id = members->items[k]; seats[k].k = k; }
    qsort(seats, (size_t)n, sizeof *seats, by_seat_id);
    for (int h = 0; h < rc->names.n; h++) {
        Seat key = { world_find(c->w, rc->names.items[h].sym), 0 };
        const Seat *at = n ? bsearch(&key, seats, (size_t)n, sizeof key, by_seat_id) : NULL;
        if (at && !v->veto[at->k]) { v->veto[at->k] = 1; v->n_veto++; }
    }
}

void rule_view(Ctx *c, EntId org, const Decision *d, const EntList *members, RuleView *v)
{
    memset(v, 0, sizeof *v);
    v->w = c->w;
    v->d = d;
    v->n = members->n;
    for (int i = 0; i < RULE_MAX_DIMS; i++) v->dim_of[i] = -1;
    if (d->kind == DEC_WEIGHTED) {
        dim_init(c, org, &v->dims[0], d->weight_by, 1, members);
        v->ndims = 1;
        return;
    }
    if (d->kind != DEC_COMPOUND) return;
    v->veto = arena_alloc(c->scratch, (size_t)(members->n ? members->n : 1));
    memset(v->veto, 0, (size_t)(members->n ? members->n : 1));
    for (int i = 0; i < d->n_clauses && i < RULE_MAX_DIMS; i++) {
        const RuleClause *rc = &d->clauses[i];
        if (rc->kind == RC_WEIGHT) {
            v->dim_of[i] = v->ndims;
            dim_init(c, org, &v->dims[v->ndims++], rc->measure, rc->percent, members);
        } else if (rc->kind == RC_VETO) {
            mark_vetoes(c, v, rc, members);
        }
    }
}

void ballot_add(const RuleView *v, Ballot *b, int k, Vote vote, int sign)
{
    switch (vote) {
    case VOTE_YES:
        b->yes += sign;
        for (int d = 0; d < v->ndims; d++) b->w[d] += sign * v->dims[d].raw[k];
        break;
    case VOTE_NO:
        b->no += sign;
        if (v->veto && v->veto[k]) b->veto_no += sign;
        break;
    case VOTE_ABSTAIN: b->abstain += sign; break;
    case VOTE_ABSENT: break;
    }
}

double ballot_weight(const RuleView *v, const Ballot *b, int d)
{
    const RuleDim *dim = &v->dims[d];
    if (!dim->percent) return b->w[d];
    return dim->total > 0 ? b->w[d] * 100 / dim->total : 0;
}

/* `at least` / `more than` a threshold, with the rule's tolerance. */
static int reaches(double got, double want, int strict)
{
    return strict ? got > want + RULE_EPS : got >= want - RULE_EPS;
}

/* count out of base is at least (more than) pct percent; nothing out of nothing is no share */
static int share_reaches(int count, int base, double pct, int strict)
{
    if (base <= 0) return 0;
    return reaches(100.0 * count / base, pct, strict);
}

int rule_clause_holds(const RuleView *v, const Ballot *b, int i)
{
    const RuleClause *rc = &v->d->clauses[i];
    int present = b->yes + b->no + b->abstain;
    switch (rc->kind) {
    case RC_COUNT: return reaches(b->yes, rc->value, rc->strict);
    case RC_SHARE: {
        int base = rc->base == RB_MEMBERS ? v->n : rc->base == RB_VOTING ? b->yes + b->no : present;
        return share_reaches(b->yes, base, rc->value, rc->strict);
    }
    case RC_WEIGHT: return v->dim_of[i] >= 0 && reaches(ballot_weight(v, b, v->dim_of[i]), rc->value, rc->strict);
    case RC_VETO: return b->veto_no == 0;
    case RC_BLOCKING: return (double)(v->n - b->yes) < rc->value - RULE_EPS;
    case RC_QUORUM: return rc->percent ? share_reaches(present, v->n, rc->value, 0) : present >= rc->value - RULE_EPS;
    }
    return 0;
}

/* A compound rule: the quorum and the veto always count; the count, share
 * and weight clauses give way to a blocking minority too small to block. */
static int compound_passes(const RuleView *v, const Ballot *b)
{
    int majority = 1, overridden = 0;
    for (int i = 0; i < v->d->n_clauses; i++) {
        const RuleClause *rc = &v->d->clauses[i];
        int held = rule_clause_holds(v, b, i);
        if (rc->kind == RC_QUORUM || rc->kind == RC_VETO) { if (!held) return 0; }
        else if (rc->kind == RC_BLOCKING) overridden = held;
        else if (!held) majority = 0;
    }
    return majority || overridden;
}

int rule_passes(const RuleView *v, const Ballot *b)
{
    const Decision *d = v->d;
    switch (d->kind) {
    case DEC_CONSENSUS: return b->no == 0;
    case DEC_UNANIMITY: return b->yes == v->n;
    case DEC_MAJORITY: return 2 * b->yes > v->n;
    case DEC_QUALIFIED: return (int64_t)b->yes * d->den >= (int64_t)d->num * v->n && b->yes > 0;
    case DEC_WEIGHTED:
        return d->has_threshold ? reaches(ballot_weight(v, b, 0), d->threshold, 0)
                                : reaches(ballot_weight(v, b, 0), 50.0, 1);
    case DEC_COMPOUND: return compound_passes(v, b);
    case DEC_NONE: return 0;
    }
    return 0;
}

int votes_needed(const Decision *d, int n)
{
    int64_t need = d->kind == DEC_QUALIFIED && d->den > 0 ? ((int64_t)d->num * n + d->den - 1) / d->den
                                                          : (int64_t)n / 2 + 1;
    return need < 1 ? 1 : (int)need;
}

/* prefix, the parts joined by sep, then suffix: one pass, each part copied
 * once (a veto of many holders costs its length, not its square). */
static const char *joined(Arena *a, const char *prefix, const char *const *parts, int n, const char *sep,
                          const char *suffix)
{
    size_t len = strlen(prefix) + strlen(suffix) + 1, ls = strlen(sep);
    for (int i = 0; i < n; i++) len += strlen(parts[i]) + ls;
    char *s = arena_alloc_bytes(a, len), *end = s;
    end = stpcpy(end, prefix);
    for (int i = 0; i < n; i++) {
        if (i) end = stpcpy(end, sep);
        end = stpcpy(end, parts[i]);
    }
    stpcpy(end, suffix);
    return s;
}

const char *dim_word(const World *w, const RuleDim *d)
{
    return d->measure ? sym_name(&w->names, d->measure) : "budget";
}

const char *rule_clause_text(const World *w, Arena *a, const RuleClause *c)
{
    const char *how = c->strict ? "more than" : "at least";
    const char *measure = c->measure ? sym_name(&w->names, c->measure) : "budget";
    switch (c->kind) {
    case RC_COUNT: return arena_printf(a, "%s %g members", how, c->value);
    case RC_SHARE:
        return arena_printf(a, "%s %g%% of %s", how, c->value,
                            c->base == RB_MEMBERS ? "members" : c->base == RB_VOTING ? "those voting" : "those present");
    case RC_WEIGHT:
        return c->percent ? arena_printf(a, "%s %g%% of %s", how, c->value, measure)
                          : arena_printf(a, "%s %g of %s", how, c->value, measure);
    case RC_VETO: {
        const char **names = arena_alloc(a, (size_t)(c->names.n ? c->names.n : 1) * sizeof *names);
        for (int i = 0; i < c->names.n; i++) names[i] = sym_name(&w->names, c->names.items[i].sym);
        return joined(a, "veto by ", names, c->names.n, ", ", "");
    }
    case RC_BLOCKING: return arena_printf(a, "blocking minority %s %g members", how, c->value);
    case RC_QUORUM:
        return c->percent ? arena_printf(a, "quorum %g%% of members", c->value)
                          : arena_printf(a, "quorum %g members", c->value);
    }
    return "";
}

const char *rule_text(const World *w, Arena *a, const Decision *d)
{
    const char *measure = weight_word(w, d);
    switch (d->kind) {
    case DEC_CONSENSUS: return "decides by consensus";
    case DEC_UNANIMITY: return "decides by unanimity";
    case DEC_MAJORITY: return "decides by majority";
    case DEC_QUALIFIED: return arena_printf(a, "decides by qualified_majority %d/%d", d->num, d->den);
    case DEC_WEIGHTED:
        return d->has_threshold ? arena_printf(a, "decides by weighted by %s threshold %g%%", measure, d->threshold)
                                : arena_printf(a, "decides by weighted by %s", measure);
    case DEC_COMPOUND: {
        const char **parts = arena_alloc(a, (size_t)(d->n_clauses ? d->n_clauses : 1) * sizeof *parts);
        for (int i = 0; i < d->n_clauses; i++) parts[i] = rule_clause_text(w, a, &d->clauses[i]);
        return joined(a, "decides by { ", parts, d->n_clauses, "; ", "; }");
    }
    case DEC_NONE: break;
    }
    return "no decision rule";
}
