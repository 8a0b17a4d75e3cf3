/* scenario.c — runs the items of a scenario in order. */
#include "scenario.h"
#include "query.h"
#include "conditions.h"
#include <stdlib.h>
#include <math.h>
#include <string.h>

/* What a result answered, for a failed expectation's message. */
static const char *got_text(const World *w, Arena *a, const Result *r)
{
    const char *answer = result_answer_text(w, a, r);
    if (r->answer != ANS_VERDICT || !r->summary) return answer;
    return arena_printf(a, "%s: %s", answer, r->summary);
}

static const Reason *decisive(const Result *r)
{
    for (int i = 0; i < r->reasons.n; i++) if (r->reasons.items[i].decisive) return &r->reasons.items[i];
    return NULL;
}

/* Does a reason that rests on a principle match `principle NAME [ARG] [of
 * ORG]`?  Only exclusivity decides a `can ... join`, and no violation comes
 * from collective defence, so its American spelling `collective_defense`,
 * which the resolver accepts, needs no alias here: like the British one, it
 * matches nothing. */
static int principle_matches(const World *w, const ReasonPat *p, const Reason *v)
{
    if (strcmp(sym_name(&w->names, p->principle.sym), principle_name(v->principle)) != 0) return 0;
    if (p->principle_arg.sym && p->principle_arg.sym != v->principle_arg) return 0;
    return !p->org.sym || world_find(w, p->org.sym) == v->org;
}

/* Does a reason that rests on an obligation match `obligation [KIND] [of
 * ORG]`? */
static int obligation_matches(const World *w, const ReasonPat *p, const Reason *v)
{
    if (!v->obl) return 0;
    const Obligation *ob = &w->obls.items[v->obl - 1];
    int ok = 1;
    if (p->principle_arg.sym && obl_kind_find(sym_name(&w->names, p->principle_arg.sym), &ok) != ob->kind) return 0;
    return ok && (!p->org.sym || world_find(w, p->org.sym) == ob->org);
}

/* A constraint's violation is marked by PR_DECLARED and no obligation
 * (see check_world()). */
static int is_constraint(const Reason *v) { return v->principle == PR_DECLARED && !v->obl; }

/* For check and violations: is there a violation that matches the pattern? */
static int violation_matches(const World *w, const Result *r, const ReasonPat *p)
{
    for (int i = 0; i < r->reasons.n; i++) {
        const Reason *v = &r->reasons.items[i];
        if (v->kind != RK_VIOLATION) continue;
        if (p->kind == RP_CONSTRAINT ? is_constraint(v) && (!p->substr || strstr(reason_text(w, r, v), p->substr))
            : p->kind == RP_OBLIGATION ? obligation_matches(w, p, v)
                                       : !is_constraint(v) && principle_matches(w, p, v))
            return 1;
    }
    return 0;
}

/* For the parties of a `who must` answer: does an obligation that binds
 * some of them, or would if open conditions hold, match the pattern? */
static int binding_obligation_matches(const World *w, const Result *r, const ReasonPat *p)
{
    for (int i = 0; i < r->reasons.n; i++)
        if (r->reasons.items[i].kind == RK_OBLIGATION && (r->reasons.items[i].held == 1 || r->reasons.items[i].open) &&
            obligation_matches(w, p, &r->reasons.items[i]))
            return 1;
    return 0;
}

/* The condition a reason turns on: the one that failed (RK_CONDITION), or
 * each one left open (an open obligation); `against outsiders` for an
 * attacker inside the organisation. */
static int reason_turns_on(const World *w, const Reason *rs, const Condition *want)
{
    if (!rs->obl) return 0;
    const Obligation *ob = &w->obls.items[rs->obl - 1];
    if (want->kind == CD_OUTSIDERS) return rs->kind == RK_PRINCIPLE && rs->held == 0 && ob->outsiders;
    if (rs->kind == RK_CONDITION) return conditions_same(&ob->conds.items[rs->cond - 1], want);
    if (rs->kind != RK_OBLIGATION || !rs->open || !rs->cond_status) return 0;
    for (int k = 0; k < ob->conds.n; k++)
        if (rs->cond_status[k] == CS_OPEN && conditions_same(&ob->conds.items[k], want)) return 1;
    return 0;
}

/* `because condition CONDITION [of ORG]`: does an obligation fail, or
 * stay open, because of that condition? */
static int condition_matches(const World *w, Arena *a, const Result *r, const ReasonPat *p)
{
    Condition want = condition_from_spec(w, a, p->cond);
    EntId org = p->org.sym ? world_find(w, p->org.sym) : ENT_NONE;
    for (int i = 0; i < r->reasons.n; i++) {
        const Reason *rs = &r->reasons.items[i];
        if (org && rs->org != org) continue;
        if (reason_turns_on(w, rs, &want)) return 1;
    }
    return 0;
}

/* The conditions an answer turns on, for a failed `because condition`. */
static const char *conditions_found_text(const World *w, Arena *a, const Result *r)
{
    enum { SHOWN = 4 };
    const char *list = "";
    int n = 0;
    for (int i = 0; i < r->reasons.n; i++) {
        const Reason *rs = &r->reasons.items[i];
        if (!rs->obl || !(rs->kind == RK_CONDITION || (rs->kind == RK_OBLIGATION && rs->open))) continue;
        const Obligation *ob = &w->obls.items[rs->obl - 1];
        for (int k = 0; k < ob->conds.n; k++) {
            if (rs->kind == RK_CONDITION ? k != rs->cond - 1 : rs->cond_status[k] != CS_OPEN) continue;
            if (++n <= SHOWN)
                list = arena_printf(a, "%s%scondition %s of %s (%s)", list, n > 1 ? "; " : "",
                                    ob->conds.items[k].text, ent_name(w, ob->org),
                                    rs->kind == RK_CONDITION ? "failed" : "open");
        }
    }
    if (n == 0) return "no condition of an obligation changes this answer";
    if (n > SHOWN) list = arena_printf(a, "%s; and %d more", list, n - SHOWN);
    return arena_printf(a, "the answer turns on %s", list);
}

/* Does a suspension (k RK_SUSPENSION) or an exception (RK_EXCEPTION)
 * that changes the answer match `suspension [KIND] [of ORG]` or
 * `exception [of ORG]`? */
static int taken_away_matches(const World *w, const Result *r, const ReasonPat *p, ReasonKind k)
{
    for (int i = 0; i < r->reasons.n; i++)
        if (r->reasons.items[i].kind == k && obligation_matches(w, p, &r->reasons.items[i])) return 1;
    return 0;
}

/* Does a suspended member that changes the answer (a reason of kind
 * suspended_member) match `suspended member [of ORG]`? */
static int suspended_member_matches(const World *w, const Result *r, const ReasonPat *p)
{
    for (int i = 0; i < r->reasons.n; i++)
        if (r->reasons.items[i].kind == RK_SUSPENDED_MEMBER &&
            (!p->org.sym || world_find(w, p->org.sym) == r->reasons.items[i].org))
            return 1;
    return 0;
}

static int because_holds(const World *w, Arena *a, const Result *r, const ReasonPat *p)
{
    const Reason *d = decisive(r);
    if (p->kind == RP_CONDITION) return condition_matches(w, a, r, p);
    if (p->kind == RP_SUSPENSION) return taken_away_matches(w, r, p, RK_SUSPENSION);
    if (p->kind == RP_EXCEPTION) return taken_away_matches(w, r, p, RK_EXCEPTION);
    if (p->kind == RP_SUSPENDED_MEMBER) return suspended_member_matches(w, r, p);
    if (r->answer == ANS_LIST && p->kind != RP_NONE) {
        if (p->kind != RP_PRINCIPLE && p->kind != RP_CONSTRAINT && p->kind != RP_OBLIGATION) return 0;
        return violation_matches(w, r, p);
    }
    switch (p->kind) {
    case RP_CONSTRAINT: return 0;
    case RP_OBLIGATION: return r->answer == ANS_SET && binding_obligation_matches(w, r, p);
    case RP_NONE: return 1;
    case RP_REQUIREMENT:
        return r->no_kind == NO_REQUIREMENT && d && (!p->substr || strstr(reason_text(w, r, d), p->substr));
    case RP_PRINCIPLE: return r->no_kind == NO_PRINCIPLE && d && principle_matches(w, p, d);
    case RP_NO_RULE: return r->no_kind == NO_RULE || r->fail_kind == FAIL_NO_RULE;
    case RP_ALREADY: return r->no_kind == NO_ALREADY;
    case RP_DISSOLVED: return r->no_kind == NO_DISSOLVED || r->fail_kind == FAIL_DISSOLVED;
    case RP_NOT_FOUNDED: return r->no_kind == NO_NOT_FOUNDED || r->fail_kind == FAIL_NOT_FOUNDED;
    case RP_VETO:
        return r->fail_kind == FAIL_VETO && (!p->org.sym || entlist_has(&r->vetoes, world_find(w, p->org.sym)));
    case RP_OBJECTION:      /* accession of X to ORG: the objections in force, whatever the stage */
        return (r->no_kind == NO_OBJECTION || (r->accession && r->vetoes.n)) &&
               (!p->org.sym || entlist_has(&r->vetoes, world_find(w, p->org.sym)));
    case RP_COUNT: return r->fail_kind == FAIL_COUNT;
    case RP_WEIGHT: return r->fail_kind == FAIL_WEIGHT;
    case RP_QUORUM: return r->fail_kind == FAIL_QUORUM;
    case RP_SUSPENSION: case RP_EXCEPTION: case RP_CONDITION: case RP_SUSPENDED_MEMBER: return 0;   /* answered above */
    }
    return 0;
}

static const char *because_text(const World *w, Arena *a, const ReasonPat *p)
{
    static const char *const words[] = { "", "requirement", "principle", "no_rule", "already", "dissolved",
                                         "not_founded", "veto", "count", "weight", "constraint", "obligation",
                                         "suspension", "exception", "condition", "suspended member",
                                         "objection", "quorum" };
    _Static_assert(sizeof words / sizeof *words == RP_QUORUM + 1, "a word for every kind of because");
    const char *s = words[p->kind];
    if (p->kind == RP_CONDITION) s = arena_printf(a, "condition %s", loc_text(a, p->cond->loc));
    if ((p->kind == RP_OBLIGATION || p->kind == RP_SUSPENSION) && p->principle_arg.sym)
        s = arena_printf(a, "%s %s", s, sym_name(&w->names, p->principle_arg.sym));
    if (p->kind == RP_PRINCIPLE) {
        s = arena_printf(a, "principle %s", sym_name(&w->names, p->principle.sym));
        if (p->principle_arg.sym) s = arena_printf(a, "%s %s", s, sym_name(&w->names, p->principle_arg.sym));
    }
    if (p->substr) s = arena_printf(a, "%s \"%s\"", s, p->substr);
    if (p->org.sym) s = arena_printf(a, "%s of %s", s, sym_name(&w->names, p->org.sym));
    return s;
}

/* What a verdict rests on, for a failed `because`. */
static const char *grounds_text(const World *w, Arena *a, const Result *r)
{
    const Reason *d = decisive(r);
    return arena_printf(a, "the verdict rests on %s%s%s",
                        r->no_kind ? no_kind_name(r->no_kind) : r->fail_kind ? fail_kind_name(r->fail_kind) : "nothing",
                        d ? ": " : "", d ? reason_text(w, r, d) : "");
}

/* One violation (or suspension) in the words of `because`, so that it can
 * be copied into the expectation. */
static const char *obligation_text(const World *w, Arena *a, const Reason *v)
{
    const Obligation *ob = &w->obls.items[v->obl - 1];
    if (v->kind == RK_EXCEPTION) return arena_printf(a, "exception of %s", ent_name(w, ob->org));
    return arena_printf(a, "%s %s of %s", v->kind == RK_SUSPENSION ? "suspension" : "obligation",
                        obl_kind_name(ob->kind), ent_name(w, ob->org));
}

static const char *violation_text(const World *w, Arena *a, const Reason *v)
{
    if (is_constraint(v)) return v->own_text;              /* constraint "...": no obligation behind it */
    if (v->principle == PR_DECLARED) return obligation_text(w, a, v);   /* an obligation written out */
    const char *s = arena_printf(a, "principle %s", principle_name(v->principle));
    if (v->principle_arg) s = arena_printf(a, "%s %s", s, sym_name(&w->names, v->principle_arg));
    return arena_printf(a, "%s of %s", s, ent_name(w, v->org));
}

/* The violations found, for a failed `because` on check or violations: the
 * first few, each once (one principle broken by several members is listed
 * once; such reasons come one after the other). */
static const char *violations_text(const World *w, Arena *a, const Result *r)
{
    enum { SHOWN = 4 };
    const char *list = "", *prev = NULL;
    int n = 0;
    for (int i = 0; i < r->reasons.n; i++) {
        if (r->reasons.items[i].kind != RK_VIOLATION) continue;
        const char *one = violation_text(w, a, &r->reasons.items[i]);
        if (prev && strcmp(prev, one) == 0) continue;
        prev = one;
        if (++n <= SHOWN) list = arena_printf(a, "%s%s%s", list, n > 1 ? "; " : "", one);
    }
    if (n == 0) return "there is no violation";
    if (n > SHOWN) list = arena_printf(a, "%s; and %d more", list, n - SHOWN);
    return arena_printf(a, "the violation%s: %s", n == 1 ? " is" : "s are", list);
}

/* The obligations that bind parties of a `who must` answer (k is
 * RK_OBLIGATION), or the suspensions that change an answer (RK_SUSPENSION),
 * for a failed `because`: the first few, each once. */
static const char *obligations_found_text(const World *w, Arena *a, const Result *r, ReasonKind k)
{
    enum { SHOWN = 4 };
    const char *list = "", *prev = NULL;
    int n = 0;
    for (int i = 0; i < r->reasons.n; i++) {
        const Reason *rs = &r->reasons.items[i];
        if (rs->kind != k || (k == RK_OBLIGATION && rs->held != 1) || !rs->obl) continue;
        const char *one = obligation_text(w, a, rs);
        if (prev && strcmp(prev, one) == 0) continue;
        prev = one;
        if (++n <= SHOWN) list = arena_printf(a, "%s%s%s", list, n > 1 ? "; " : "", one);
    }
    if (n == 0)
        return k == RK_SUSPENSION ? "no suspension changes this answer"
             : k == RK_EXCEPTION  ? "no exception changes this answer" : "no obligation binds anybody here";
    if (n > SHOWN) list = arena_printf(a, "%s; and %d more", list, n - SHOWN);
    return arena_printf(a, "the answer rests on %s", list);
}

/* What an expected set (names, perhaps repeated) and the answer's set do
 * not share: the names expected but not answered (missing) and those
 * answered but not expected (unexpected), each sorted by name.  Both sides
 * are sorted by id and searched: n log n, however large.  Returns whether
 * the two sets are equal (an answer that names a party twice is not). */
static int set_differences(const World *w, Arena *a, const NameList *want, const EntList *got, EntList *missing,
                           EntList *unexpected)
{
    EntList named = { 0 };
    vec_reserve(a, &named, want->n);
    for (int i = 0; i < want->n; i++) named.items[named.n++] = world_find(w, want->items[i].sym);
    EntList sw = entlist_ids(a, &named), sg = entlist_ids(a, got);
    memset(missing, 0, sizeof *missing);
    memset(unexpected, 0, sizeof *unexpected);
    for (int i = 0; i < sw.n; i++)
        if (!entlist_has_id(&sg, sw.items[i])) vec_push(a, missing, sw.items[i]);
    for (int i = 0; i < sg.n; i++)
        if (!entlist_has_id(&sw, sg.items[i])) vec_push(a, unexpected, sg.items[i]);
    sort_by_name(w, missing);
    sort_by_name(w, unexpected);
    return !missing->n && !unexpected->n && sg.n == got->n;
}

/* "{A, B, C}": the names as written, built in one pass. */
static const char *names_text(const World *w, Arena *a, const NameList *l)
{
    size_t len = 3;
    for (int i = 0; i < l->n; i++) len += strlen(sym_name(&w->names, l->items[i].sym)) + 2;
    char *s = arena_alloc_bytes(a, len), *end = s;
    *end++ = '{';
    for (int i = 0; i < l->n; i++) {
        if (i) { memcpy(end, ", ", 2); end += 2; }
        size_t n = strlen(sym_name(&w->names, l->items[i].sym));
        memcpy(end, sym_name(&w->names, l->items[i].sym), n);
        end += n;
    }
    *end++ = '}';
    *end = '\0';
    return s;
}

/* Every party of the answer's conditional groups, each once, sorted by name. */
static EntList conditional_parties(Arena *a, const Result *r)
{
    EntList all = { 0 };
    for (int g = 0; g < r->conditional.n; g++)
        for (int i = 0; i < r->conditional.items[g].parties.n; i++)
            vec_push(a, &all, r->conditional.items[g].parties.items[i]);
    entlist_keep_first(a, &all);
    return all;
}

/* "A, B, C and 7 more": the first names of a list, for a one-line message
 * (the outputs that list every name read the list itself). */
static const char *names_capped(const World *w, Arena *a, const EntList *l)
{
    enum { SHOWN = 10 };
    EntList first = *l;
    if (first.n > SHOWN) first.n = SHOWN;
    const char *s = entlist_text(w, a, &first);
    return l->n > SHOWN ? arena_printf(a, "%s and %d more", s, l->n - SHOWN) : s;
}

/* "missing B; unexpected A, C": what two sets do not share, in one line. */
static const char *differences_text(const World *w, Arena *a, const ExpectCheck *ck)
{
    if (!ck->missing.n && !ck->unexpected.n) return "the answer names a party more than once";
    if (!ck->unexpected.n) return arena_printf(a, "missing %s", names_capped(w, a, &ck->missing));
    if (!ck->missing.n) return arena_printf(a, "unexpected %s", names_capped(w, a, &ck->unexpected));
    return arena_printf(a, "missing %s; unexpected %s", names_capped(w, a, &ck->missing),
                        names_capped(w, a, &ck->unexpected));
}

/* The expected answer in a few words; for a set, checks it and records what
 * differs.  Returns whether the answer is the one expected. */
static int answer_holds(const World *w, Arena *a, const Result *r, const Expected *x, ExpectCheck *ck)
{
    switch (x->kind) {
    case EXP_WORD:
        ck->expected = x->word;
        return r->verdict && strcmp(r->verdict, x->word) == 0;
    case EXP_SET:
        ck->expected = names_text(w, a, &x->set);
        if (r->answer != ANS_SET) return 0;
        if (!set_differences(w, a, &x->set, &r->set, &ck->missing, &ck->unexpected)) {
            ck->failure = XF_SET;
            return 0;
        }
        if (x->has_cond_set) {
            EntList open = conditional_parties(a, r);
            if (!set_differences(w, a, &x->cond_set, &open, &ck->missing, &ck->unexpected)) {
                ck->failure = XF_CONDITIONAL;
                return 0;
            }
        }
        return 1;
    case EXP_VALUE: {
        Value v;
        memset(&v, 0, sizeof v);
        const Expr *e = x->value;
        if (e->kind == EX_NUM) { v.k = V_NUM; v.u.n = e->num; }
        else if (e->kind == EX_STR) { v.k = V_STR; v.u.s = e->str; }
        else if (e->kind == EX_DATE) { v.k = V_DATE; v.u.d = e->date; }
        else { v.k = V_BOOL; v.u.b = e->num != 0; }
        if (x->has_within) {       /* == NUMBER within TOLERANCE */
            ck->expected = arena_printf(a, "%s within %g", value_text(w, a, v), x->within);
            return r->value.k == V_NUM && fabs(r->value.u.n - v.u.n) <= x->within + 1e-12;
        }
        ck->expected = value_text(w, a, v);
        return value_equal(v, r->value);
    }
    }
    return 0;
}

/* What the answer's reasons show, for an expectation that asked for one
 * and did not get it. */
static const char *because_found_text(const World *w, Arena *a, const Result *r, const Expected *x)
{
    return x->because.kind == RP_CONDITION ? conditions_found_text(w, a, r)
         : x->because.kind == RP_SUSPENSION ? obligations_found_text(w, a, r, RK_SUSPENSION)
         : x->because.kind == RP_EXCEPTION ? obligations_found_text(w, a, r, RK_EXCEPTION)
         : r->answer == ANS_LIST ? violations_text(w, a, r)
         : r->answer == ANS_SET && x->because.kind == RP_OBLIGATION ? obligations_found_text(w, a, r, RK_OBLIGATION)
                                                                    : grounds_text(w, a, r);
}

void expectation_check(const World *w, Arena *a, const Result *r, const Expected *x, ExpectCheck *ck)
{
    memset(ck, 0, sizeof *ck);
    if (x->because.kind != RP_NONE) ck->because = because_text(w, a, &x->because);
    if (r->error) {
        ck->failure = XF_ERROR;
        ck->message = "the query could not be evaluated (see the error above)";
        return;
    }
    if (!answer_holds(w, a, r, x, ck)) {
        if (ck->failure == XF_SET) ck->message = arena_printf(a, "the set differs: %s", differences_text(w, a, ck));
        else if (ck->failure == XF_CONDITIONAL)
            ck->message = arena_printf(a, "the conditional parties differ: %s", differences_text(w, a, ck));
        else {
            ck->failure = XF_ANSWER;
            const char *want = ck->expected, *got = got_text(w, a, r);
            if (x->kind == EXP_VALUE && !x->has_within && r->answer == ANS_VALUE && strcmp(want, got) == 0) {
                /* equal when rounded for people: the digits that differ */
                if (x->value->kind == EX_NUM) want = value_text_exact(w, a, (Value){ .k = V_NUM, .u.n = x->value->num });
                got = value_text_exact(w, a, r->value);
            }
            ck->message = arena_printf(a, "expected %s, got %s", want, got);
        }
        return;
    }
    if (!because_holds(w, a, r, &x->because)) {
        ck->failure = XF_BECAUSE;
        ck->message = arena_printf(a, "expected %s because %s, but %s", ck->expected, ck->because,
                                   because_found_text(w, a, r, x));
    }
}

int expectation_holds(const World *w, Arena *a, const Result *r, const Expected *x, const char **why)
{
    ExpectCheck ck;
    expectation_check(w, a, r, x, &ck);
    if (ck.failure != XF_NONE) *why = ck.message;
    return ck.failure == XF_NONE;
}

void scenario_run(const World *w, const Scenario *s, Output *out, Diag *diag, RunStats *st)
{
    scenario_run_at(w, s, out, diag, st, date_today(), NULL);
}

void scenario_run_at(const World *w, const Scenario *s, Output *out, Diag *diag, RunStats *st, Date start,
                     const EvalLimits *lim)
{
    scenario_run_covered(w, s, out, diag, st, start, lim, NULL);
}

void scenario_run_covered(const World *w, const Scenario *s, Output *out, Diag *diag, RunStats *st, Date start,
                          const EvalLimits *lim, CoverWorld *cw)
{
    Arena scratch;
    arena_init(&scratch);
    Overlay ov;
    overlay_init(&ov);
    Ctx c = ctx_make(w, &ov, start, diag, &scratch);
    if (lim) c.limits = *lim;
    if (cw) c.rules_called = cw->rules_called;
    output_scenario_begin(out, w, s);
    const Decl *d = s->decl;
    for (int i = 0; i < d->items.n; i++) {
        const ScenItem *it = d->items.items[i];
        switch (it->kind) {
        case SI_AT:
            c.date = it->date;
            output_at(out, it->date);
            break;
        case SI_SUPPOSE:
            overlay_push(&ov, supp_from_ast(w, &it->sup, c.date));
            output_supposition(out, w, &it->sup);
            break;
        case SI_QUERY: {
            Result *r = query_run(&c, it->query);
            coverage_note(cw, r);
            if (r->error) st->errors++;
            output_result(out, w, r);
            break;
        }
        case SI_EXPECT: {
            Result *r = query_run(&c, it->query);
            coverage_note(cw, r);
            ExpectCheck ck;
            expectation_check(w, &scratch, r, &it->exp, &ck);
            if (r->error) st->errors++;
            if (ck.failure == XF_NONE) st->passed++; else st->failed++;
            output_expect(out, w, it, r, &ck);
            break;
        }
        }
    }
    output_scenario_end(out);
    overlay_free(&ov);
    arena_free(&scratch);
}
