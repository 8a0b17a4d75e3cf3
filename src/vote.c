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

/* A member who could switch to yes, with what its switch is worth. */
typedef struct Candidate { double share; const char *name; int k; int veto; } Candidate;

static int by_share_desc(const void *a, const void *b)
{
    const Candidate *x = a, *y = b;
    if (x->veto != y->veto) return x->veto ? -1 : 1;
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
    for (int i = 0; i < o->rare->shares.n; i++) {
        const BudgetShare *s = &o->rare->shares.items[i];
        if (seat_of(seats, n, s->who) >= 0) continue;
        if (member_suspended(c, s->who, org, NULL)) continue;   /* a reason already says why */
        result_add(c->scratch, r, RK_INFO, -1, s->loc,
                   arena_printf(c->scratch, "%s declares a share of %g%% but is not a member of %s on %s: "
                                "the share does not count", ent_name(c->w, s->who), s->pct, ent_name(c->w, org), date),
                   NULL);
    }
}

/* A smallest set of members whose switch to yes makes the motion pass:
 * veto holders voting no first, then the heaviest (first weighted clause).
 * Smallest for every rule with at most one weighted clause: each switch
 * adds one yes, so the heaviest switches reach a weight soonest. */
static void switches_to_pass(Ctx *c, Result *r, const RuleView *v, const Ballot *b, const Vote *votes,
                             const EntList *members)
{
    const World *w = c->w;
    const Decision *rule = v->d;
    int n = members->n, m = 0;
    Candidate *order = arena_alloc(c->scratch, (size_t)n * sizeof *order);
    /* only switches that help: under consensus an abstention blocks nothing */
    for (int k = 0; k < n; k++)
        if (votes[k] == VOTE_NO || (votes[k] != VOTE_YES && rule->kind != DEC_CONSENSUS)) {
            Candidate cd = { v->ndims ? v->dims[0].raw[k] : 0, ent_name(w, members->items[k]), k,
                             votes[k] == VOTE_NO && v->veto && v->veto[k] };
            order[m++] = cd;
        }
    if (rule->kind == DEC_WEIGHTED || rule->kind == DEC_COMPOUND) qsort(order, (size_t)m, sizeof *order, by_share_desc);
    Ballot f = *b;
    for (int i = 0; i < m && !rule_passes(v, &f); i++) {
        int k = order[i].k;
        ballot_add(v, &f, k, votes[k], -1);
        ballot_add(v, &f, k, VOTE_YES, 1);
        vec_push(c->scratch, &r->to_pass, members->items[k]);
    }
    if (!rule_passes(v, &f)) r->to_pass.n = 0;
    sort_by_name(w, &r->to_pass);
}

/* What each clause of a compound rule met in this vote, the fail kind, and
 * the summary: the first clause that failed, or all that held. */
static const char **compound_details(Ctx *c, Result *r, const RuleView *v, const Ballot *b, int ok,
                                     const Vote *votes, const EntList *members, int *decisive)
{
    const World *w = c->w;
    const Decision *rule = v->d;
    const char **out = arena_alloc(c->scratch, (size_t)rule->n_clauses * sizeof *out);
    int present = b->yes + b->no + b->abstain, first_failed = -1, overridden = 0;
    for (int i = 0; i < rule->n_clauses; i++) {
        const RuleClause *rc = &rule->clauses[i];
        int held = rule_clause_holds(v, b, i);
        switch (rc->kind) {
        case RC_COUNT:
            out[i] = arena_printf(c->scratch, "%d %s yes", b->yes, b->yes == 1 ? "member votes" : "members vote");
            break;
        case RC_SHARE: {
            int base = rc->base == RB_MEMBERS ? v->n : rc->base == RB_VOTING ? b->yes + b->no : present;
            const char *of = rc->base == RB_MEMBERS ? "members" : rc->base == RB_VOTING ? "voting" : "present";
            out[i] = !base ? arena_printf(c->scratch, "no member is %s: there is nothing to count", of)
                     : rc->base == RB_MEMBERS
                         ? arena_printf(c->scratch, "%d of %d members vote yes (%.4g%%)", b->yes, base, 100.0 * b->yes / base)
                         : arena_printf(c->scratch, "%d of the %d %s vote yes (%.4g%%)", b->yes, base, of,
                                        100.0 * b->yes / base);
            break;
        }
        case RC_WEIGHT: {
            int d = v->dim_of[i];
            double got = d >= 0 ? ballot_weight(v, b, d) : 0;
            const char *word = d >= 0 ? dim_word(w, &v->dims[d]) : "budget";
            out[i] = rc->percent ? arena_printf(c->scratch, "yes votes hold %.4g%% of the %s", got, word)
                                 : arena_printf(c->scratch, "yes votes hold %g of %s", got, word);
            break;
        }
        case RC_VETO: {
            EntList away = { 0 };
            for (int k = 0; k < v->n; k++)
                if (v->veto[k] && (votes[k] == VOTE_ABSTAIN || votes[k] == VOTE_ABSENT))
                    vec_push(c->scratch, &away, members->items[k]);
            sort_by_name(w, &away);
            out[i] = !held ? arena_printf(c->scratch, "vetoed by %s", entlist_text(w, c->scratch, &r->vetoes))
                     : away.n ? arena_printf(c->scratch, "no holder votes no (%s %s: an abstention or an absence "
                                             "is no veto)", entlist_text(w, c->scratch, &away),
                                             away.n == 1 ? "does not vote" : "do not vote")
                              : "no holder votes no";
            break;
        }
        case RC_BLOCKING:
            overridden = held;
            out[i] = v->n == b->yes ? "every member votes yes: nobody is left to block"
                     : arena_printf(c->scratch, held ? "only %d %s a yes: too few to block, the majority is deemed reached"
                                                     : "%d %s a yes: enough to block",
                                    v->n - b->yes, v->n - b->yes == 1 ? "member withholds" : "members withhold");
            break;
        case RC_QUORUM:
            out[i] = arena_printf(c->scratch, "%d of %d members present", present, v->n);
            break;
        }
        (void)held;
    }
    /* what failed: a quorum or a veto first, then a majority clause unless
     * a blocking minority too small to block set them aside */
    for (int pass = 0; pass < 2 && first_failed < 0; pass++)
        for (int i = 0; i < rule->n_clauses && first_failed < 0; i++) {
            RuleClauseKind k = rule->clauses[i].kind;
            int hard = k == RC_QUORUM || k == RC_VETO;
            if (k == RC_BLOCKING || (pass == 0) != hard || (pass == 1 && overridden)) continue;
            if (!rule_clause_holds(v, b, i)) first_failed = i;
        }
    *decisive = !ok ? first_failed : -1;
    for (int i = 0; ok && overridden && i < rule->n_clauses; i++)
        if (rule->clauses[i].kind == RC_BLOCKING) *decisive = i;     /* it passed because of it */
    if (!ok && first_failed >= 0) {
        RuleClauseKind k = rule->clauses[first_failed].kind;
        r->fail_kind = k == RC_VETO ? FAIL_VETO : k == RC_QUORUM ? FAIL_QUORUM : k == RC_WEIGHT ? FAIL_WEIGHT : FAIL_COUNT;
        r->summary = arena_printf(c->scratch, "%s: %s", rule_clause_text(w, c->scratch, &rule->clauses[first_failed]),
                                  out[first_failed]);
    } else {
        const char **held = arena_alloc(c->scratch, (size_t)rule->n_clauses * sizeof *held);
        int m = 0;
        for (int i = 0; i < rule->n_clauses; i++)
            if (rule->clauses[i].kind != RC_BLOCKING || overridden) held[m++] = out[i];
        const char *s = m ? held[0] : "";
        for (int i = 1; i < m; i++) s = arena_printf(c->scratch, "%s; %s", s, held[i]);
        r->summary = s;
    }
    return out;
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
    for (int k = 0; k < n; k++) votes[k] = VOTE_YES;
    Seat *seats = seats_of(c->scratch, &members);
    for (int i = 0; c->ov && i < c->ov->n; i++) {
        const Supp *s = &c->ov->items[i];
        int k = s->kind == SUP_OBJECTION && s->b == y ? seat_of(seats, n, s->a) : -1;
        if (k >= 0) votes[k] = VOTE_NO;
    }
    /* objections recorded against this motion, on the date: their members vote no */
    for (int i = 0; i < o->org->rare->objections.n; i++) {
        const Objection *ob = &o->org->rare->objections.items[i];
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
    set_votes(w, &q->absent, seats, n, votes, VOTE_ABSENT, c, r, y);

    RuleView view;
    rule_view(c, y, rule, &members, &view);
    for (int d = 0; d < view.ndims; d++)
        if (!view.dims[d].measure) { idle_shares(c, r, y, seats, n); break; }

    Ballot b;
    memset(&b, 0, sizeof b);
    for (int k = 0; k < n; k++) ballot_add(&view, &b, k, votes[k], 1);
    int ok = rule_passes(&view, &b);
    r->verdict = ok ? "passes" : "fails";
    r->n_members = n;
    r->n_yes = b.yes;
    r->n_no = b.no;
    r->n_abstain = b.abstain;
    r->n_absent = n - b.yes - b.no - b.abstain;
    if (view.ndims) r->w_yes = ballot_weight(&view, &b, 0);
    else {                 /* JSON's yes_budget_share: the budget the yes side pays, whatever the rule */
        double *share = arena_alloc(c->scratch, (size_t)(n ? n : 1) * sizeof *share);
        budget_shares(c, y, &members, share);
        for (int k = 0; k < n; k++) if (votes[k] == VOTE_YES) r->w_yes += share[k];
    }

    /* pivotal members: one switch changes the outcome */
    for (int k = 0; k < n; k++) {
        Ballot f = b;
        ballot_add(&view, &f, k, votes[k], -1);
        ballot_add(&view, &f, k, votes[k] == VOTE_YES ? VOTE_NO : VOTE_YES, 1);
        if (rule_passes(&view, &f) != ok) vec_push(c->scratch, &r->pivotal, members.items[k]);
        if (votes[k] == VOTE_NO && (rule->kind == DEC_CONSENSUS || rule->kind == DEC_UNANIMITY ||
                                    (view.veto && view.veto[k])))
            vec_push(c->scratch, &r->vetoes, members.items[k]);
        if ((votes[k] == VOTE_ABSTAIN || votes[k] == VOTE_ABSENT) && rule->kind == DEC_UNANIMITY)
            vec_push(c->scratch, &r->vetoes, members.items[k]);
    }
    if (!ok && n > 0) switches_to_pass(c, r, &view, &b, votes, &members);

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
        r->summary = arena_printf(c->scratch, "%d of %d members vote yes (%d needed)", b.yes, n, need);
        break;
    }
    case DEC_WEIGHTED:
        if (!ok) r->fail_kind = FAIL_WEIGHT;
        r->summary = arena_printf(c->scratch, "yes votes hold %s%% of the %s (%s %g%% needed)",
                                  number_text(c->scratch, r->w_yes), weight_word(w, rule),
                                  rule->has_threshold ? "at least" : "more than", rule->threshold);
        break;
    case DEC_COMPOUND: sort_by_name(w, &r->vetoes); break;
    case DEC_NONE: break;
    }
    int decisive_clause = -1;
    const char **details = rule->kind == DEC_COMPOUND
                               ? compound_details(c, r, &view, &b, ok, votes, &members, &decisive_clause) : NULL;
    result_add(c->scratch, r, RK_DECISION, ok, rule_loc, rt, r->summary);
    r->reasons.items[r->reasons.n - 1].decisive = 1;
    for (int i = 0; details && i < rule->n_clauses; i++) {
        int held = rule_clause_holds(&view, &b, i);
        if (rule->clauses[i].kind == RC_BLOCKING && !held) held = -1;     /* a note: it decided nothing */
        result_add(c->scratch, r, RK_CLAUSE, held, rule->clauses[i].loc,
                   rule_clause_text(w, c->scratch, &rule->clauses[i]), details[i]);
        last_reason(r)->org = y;
        last_reason(r)->decisive = i == decisive_clause;
    }
    for (int k = 0; k < n; k++) {
        if (votes[k] == VOTE_YES) continue;
        static const char *const said[] = { "votes yes", "votes no", "votes abstain", "is absent" };
        result_add(c->scratch, r, RK_VOTE, 0, q->loc,
                   arena_printf(c->scratch, "%s %s", ent_name(w, members.items[k]), said[votes[k]]),
                   view.ndims && view.dims[0].percent
                       ? arena_printf(c->scratch, "holds %s%% of the %s", number_text(c->scratch, view.dims[0].total > 0 ?
                                      view.dims[0].raw[k] * 100 / view.dims[0].total : 0), dim_word(w, &view.dims[0]))
                       : view.veto && view.veto[k] ? "holds a veto" : NULL);
        r->reasons.items[r->reasons.n - 1].org = y;
    }
}
