/* vote.c — does an organisation adopt a motion under its decision rule?
 *
 * Only members at the date vote.  A member not named votes yes; an objection
 * (from a supposition or `with objections from`) is a no; `with votes`
 * overrides both.  Besides the outcome we report the pivotal members (whose
 * switch alone would change it) and, for a failing motion, a smallest set of
 * members whose switch to yes would make it pass. */
#include "query.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef enum { VOTE_YES, VOTE_NO, VOTE_ABSTAIN } Vote;

typedef struct Tally {
    const Decision *d;
    int n, yes, no;
    double w_yes;
} Tally;

static int passes(const Tally *t)
{
    switch (t->d->kind) {
    case DEC_CONSENSUS: return t->no == 0;
    case DEC_UNANIMITY: return t->yes == t->n;
    case DEC_MAJORITY: return 2 * t->yes > t->n;
    case DEC_QUALIFIED: return (int64_t)t->yes * t->d->den >= (int64_t)t->d->num * t->n && t->yes > 0;
    case DEC_WEIGHTED:
        return t->d->has_threshold ? t->w_yes >= t->d->threshold - 1e-9 : t->w_yes > 50.0 + 1e-9;
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
    case DEC_NONE: break;
    }
    return "no decision rule";
}

/* A member who could switch to yes, with what its switch is worth. */
typedef struct Candidate { double share; const char *name; int k; } Candidate;

static int by_share_desc(const void *a, const void *b)
{
    const Candidate *x = a, *y = b;
    if (x->share != y->share) return x->share < y->share ? 1 : -1;
    return strcmp(x->name, y->name);
}

/* The members with their place in the vote, sorted by id: finding a named
 * voter is a binary search, so naming v voters costs v log n, not v n. */
typedef struct Seat { EntId id; int k; } Seat;

static int by_seat_id(const void *a, const void *b)
{
    EntId x = ((const Seat *)a)->id, y = ((const Seat *)b)->id;
    return x < y ? -1 : x > y;
}

static Seat *seats_of(Arena *a, const EntList *members)
{
    Seat *seats = arena_alloc(a, (size_t)(members->n ? members->n : 1) * sizeof *seats);
    for (int k = 0; k < members->n; k++) { seats[k].id = members->items[k]; seats[k].k = k; }
    qsort(seats, (size_t)members->n, sizeof *seats, by_seat_id);
    return seats;
}

/* The place of id in the vote, or -1 if it is not a member. */
static int seat_of(const Seat *seats, int n, EntId id)
{
    Seat key = { id, 0 };
    const Seat *s = n ? bsearch(&key, seats, (size_t)n, sizeof key, by_seat_id) : NULL;
    return s ? s->k : -1;
}

static void set_votes(const World *w, const NameList *l, const Seat *seats, int n, Vote *votes, Vote v,
                      Ctx *c, Result *r, EntId org)
{
    for (int i = 0; i < l->n; i++) {
        EntId id = world_find(w, l->items[i].sym);
        int k = seat_of(seats, n, id);
        if (k >= 0) votes[k] = v;
        else if (member_suspended(c, id, org, NULL)) continue;      /* a reason already says why */
        else
            result_add(c->scratch, r, RK_INFO, -1, l->items[i].loc,
                       arena_printf(c->scratch, "%s is not a member of %s: its vote does not count",
                                    ent_name(w, id), ent_name(w, org)), NULL);
    }
}

/* Declared shares of parties that are not members at the date: they count
 * for nothing, and the reasons say so (weighted votes only). */
static void idle_shares(Ctx *c, Result *r, EntId org, const Seat *seats, int n)
{
    const OrgInfo *o = org_info(c->w, org);
    char date[16];
    date_format(c->date, date);
    for (int i = 0; i < o->shares.n; i++) {
        const BudgetShare *s = &o->shares.items[i];
        if (seat_of(seats, n, s->who) >= 0) continue;
        if (member_suspended(c, s->who, org, NULL)) continue;   /* a reason already says why */
        result_add(c->scratch, r, RK_INFO, -1, s->loc,
                   arena_printf(c->scratch, "%s declares a share of %g%% but is not a member of %s on %s: "
                                "the share does not count", ent_name(c->w, s->who), s->pct, ent_name(c->w, org), date),
                   NULL);
    }
}

void vote_run(Ctx *c, const Query *q, Result *r)
{
    const World *w = c->w;
    EntId y = world_find(w, q->y.sym);
    const Entity *o = ent(w, y);
    r->answer = ANS_VERDICT;
    r->verdict = "fails";
    if (!org_active(c, y)) {
        char d[16];
        int before = o->founded && c->date < o->founded;
        date_format(before ? o->founded : o->org->dissolved, d);
        r->fail_kind = before ? FAIL_NOT_FOUNDED : FAIL_DISSOLVED;
        result_add(c->scratch, r, RK_STATUS, 0, before ? o->org->founded_loc : o->org->dissolved_loc,
                   arena_printf(c->scratch, "%s is %s on %s", ent_name(w, y), before ? "founded" : "dissolved", d), NULL);
        r->reasons.items[r->reasons.n - 1].decisive = 1;
        r->summary = arena_printf(c->scratch, "%s %s", ent_name(w, y),
                                  before ? "does not exist yet" : "no longer exists");
        return;
    }
    Loc rule_loc;
    const Decision *rule = decision_of(c, y, &rule_loc);
    if (!rule || rule->kind == DEC_NONE) {
        char d[16];
        date_format(c->date, d);
        r->fail_kind = FAIL_NO_RULE;
        result_add(c->scratch, r, RK_DECISION, 0, o->loc,
                   o->org->decisions.n ? arena_printf(c->scratch, "no decision rule of %s is in force on %s",
                                                      ent_name(w, y), d)
                                       : arena_printf(c->scratch, "%s declares no decision rule", ent_name(w, y)),
                   NULL);
        r->reasons.items[0].decisive = 1;
        r->summary = arena_printf(c->scratch, "no rule covers a decision of %s", ent_name(w, y));
        return;
    }
    EntList members = { 0 };
    holders_of(c, y, ROLE_MEMBER, &members);
    drop_suspended_members(c, r, y, &members, "its vote does not count");
    int n = members.n;
    Vote *votes = arena_alloc(c->scratch, (size_t)(n ? n : 1) * sizeof *votes);
    double *share = arena_alloc(c->scratch, (size_t)(n ? n : 1) * sizeof *share);
    for (int k = 0; k < n; k++) votes[k] = VOTE_YES;
    Seat *seats = seats_of(c->scratch, &members);
    for (int i = 0; c->ov && i < c->ov->n; i++) {
        const Supp *s = &c->ov->items[i];
        int k = s->kind == SUP_OBJECTION && s->b == y ? seat_of(seats, n, s->a) : -1;
        if (k >= 0) votes[k] = VOTE_NO;
    }
    /* objections recorded against this motion, on the date: their members vote no */
    for (int i = 0; i < o->org->objections.n; i++) {
        const Objection *ob = &o->org->objections.items[i];
        if (!ob->motion || strcmp(ob->motion, q->motion) != 0 || c->date < ob->from || c->date >= ob->until) continue;
        int any = 0;
        for (int k = 0; k < ob->by.n; k++) {
            int at = seat_of(seats, n, ob->by.items[k]);
            if (at >= 0) { votes[at] = VOTE_NO; any = 1; }
        }
        if (any) {
            result_add(c->scratch, r, RK_VOTE, 0, ob->loc, ob->text, "recorded: the objectors vote no");
            r->reasons.items[r->reasons.n - 1].org = y;
            r->reasons.items[r->reasons.n - 1].objection = ob;
        }
    }
    set_votes(w, &q->objections, seats, n, votes, VOTE_NO, c, r, y);
    set_votes(w, &q->yes, seats, n, votes, VOTE_YES, c, r, y);
    set_votes(w, &q->no, seats, n, votes, VOTE_NO, c, r, y);
    set_votes(w, &q->abstain, seats, n, votes, VOTE_ABSTAIN, c, r, y);
    if (rule->kind == DEC_WEIGHTED && !rule->weight_by) idle_shares(c, r, y, seats, n);

    rule_weights(c, y, rule, &members, share);

    Tally t = { rule, n, 0, 0, 0 };
    for (int k = 0; k < n; k++) {
        if (votes[k] == VOTE_YES) { t.yes++; t.w_yes += share[k]; }
        else if (votes[k] == VOTE_NO) t.no++;
    }
    int ok = passes(&t);
    r->verdict = ok ? "passes" : "fails";
    r->n_members = n;
    r->n_yes = t.yes;
    r->n_no = t.no;
    r->n_abstain = n - t.yes - t.no;
    r->w_yes = t.w_yes;

    /* pivotal members: one switch changes the outcome */
    for (int k = 0; k < n; k++) {
        Tally f = t;
        if (votes[k] == VOTE_YES) { f.yes--; f.no++; f.w_yes -= share[k]; }
        else { f.yes++; f.w_yes += share[k]; if (votes[k] == VOTE_NO) f.no--; }
        if (passes(&f) != ok) vec_push(c->scratch, &r->pivotal, members.items[k]);
        if (votes[k] == VOTE_NO && (rule->kind == DEC_CONSENSUS || rule->kind == DEC_UNANIMITY))
            vec_push(c->scratch, &r->vetoes, members.items[k]);
        if (votes[k] == VOTE_ABSTAIN && rule->kind == DEC_UNANIMITY)
            vec_push(c->scratch, &r->vetoes, members.items[k]);
    }
    /* a smallest set whose switch to yes makes it pass: largest shares first */
    if (!ok && n > 0) {
        Candidate *order = arena_alloc(c->scratch, (size_t)n * sizeof *order);
        int m = 0;
        /* only switches that help: under consensus an abstention blocks nothing */
        for (int k = 0; k < n; k++)
            if (votes[k] == VOTE_NO || (votes[k] == VOTE_ABSTAIN && rule->kind != DEC_CONSENSUS)) {
                Candidate cd = { share[k], ent_name(w, members.items[k]), k };
                order[m++] = cd;
            }
        if (rule->kind == DEC_WEIGHTED) qsort(order, (size_t)m, sizeof *order, by_share_desc);
        Tally f = t;
        for (int i = 0; i < m && !passes(&f); i++) {
            int k = order[i].k;
            f.yes++;
            f.w_yes += share[k];
            if (votes[k] == VOTE_NO) f.no--;
            vec_push(c->scratch, &r->to_pass, members.items[k]);
        }
        if (!passes(&f)) r->to_pass.n = 0;
        sort_by_name(w, &r->to_pass);
    }

    const char *rt = rule_text(w, c->scratch, rule), *period = period_words(c->scratch, rule->from, rule->until);
    if (*period) rt = arena_printf(c->scratch, "%s %s", rt, period);
    switch (rule->kind) {
    case DEC_CONSENSUS: case DEC_UNANIMITY:
        if (ok) r->summary = arena_printf(c->scratch, "no member of %s %s", ent_name(w, y),
                                          rule->kind == DEC_CONSENSUS ? "objects" : "withholds a yes");
        else {
            r->fail_kind = FAIL_VETO;
            sort_by_name(w, &r->vetoes);
            r->summary = arena_printf(c->scratch, "vetoed by %s (%s)", entlist_text(w, c->scratch, &r->vetoes),
                                      rule->kind == DEC_CONSENSUS ? "consensus" : "unanimity");
        }
        break;
    case DEC_MAJORITY: case DEC_QUALIFIED: {
        int need = votes_needed(rule, n);
        if (!ok) r->fail_kind = FAIL_COUNT;
        r->summary = arena_printf(c->scratch, "%d of %d members vote yes (%d needed)", t.yes, n, need);
        break;
    }
    case DEC_WEIGHTED:
        if (!ok) r->fail_kind = FAIL_WEIGHT;
        r->summary = arena_printf(c->scratch, "yes votes hold %g%% of the %s (%s %g%% needed)",
                                  t.w_yes, weight_word(w, rule),
                                  rule->has_threshold ? "at least" : "more than", rule->threshold);
        break;
    case DEC_NONE: break;
    }
    result_add(c->scratch, r, RK_DECISION, ok, rule_loc, rt, r->summary);
    r->reasons.items[r->reasons.n - 1].decisive = 1;
    for (int k = 0; k < n; k++) {
        if (votes[k] == VOTE_YES) continue;
        result_add(c->scratch, r, RK_VOTE, 0, q->loc,
                   arena_printf(c->scratch, "%s votes %s", ent_name(w, members.items[k]),
                                votes[k] == VOTE_NO ? "no" : "abstain"),
                   rule->kind == DEC_WEIGHTED ? arena_printf(c->scratch, "holds %g%% of the %s", share[k],
                                                             weight_word(w, rule)) : NULL);
        r->reasons.items[r->reasons.n - 1].org = y;
    }
}
