/* test_queries.c — the queries: can X join Y, who must defend / consult,
 * violations, check (constraints and exclusivity), votes (does Y adopt), and
 * expectation_holds() for the `expect` items of scenarios.
 *
 * Queries are parsed in PARSE_QUERY mode against a loaded world, checked with
 * resolve_query() and answered with query_run(); suppositions go into an
 * Overlay the way scenario_run() builds it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "treaty.h"
#include "fixture.h"
#include "conditions.h"

/* ------------------------------------------------------------------ helpers */

/* What a reason says (an obligation's is made when asked for). */
static const char *rtext(const T *t, const Result *r, const Reason *rs) { return reason_text(t->w, r, rs); }

static World *t_load(T *t, const char *text, Date date) { return t_load_at(t, text, date); }

static EntId id(T *t, const char *name)
{
    EntId e = world_find_name(t->w, name);
    if (!e) fail_msg("'%s' is not in the world", name);
    return e;
}

static Result *t_run(T *t, const char *text)
{
    Result *r = t_query(t, text);
    if (r->error) {
        dump_diags(&t->diag);
        fail_msg("query failed: %s", text);
    }
    return r;
}

static void suppose(T *t, SupKind k, const char *a, const char *b)
{
    Supp s;
    memset(&s, 0, sizeof s);
    s.kind = k;
    s.a = id(t, a);
    s.b = b ? id(t, b) : ENT_NONE;
    s.role = ROLE_MEMBER;
    overlay_push(&t->ov, s);
}

static void suppose_kind(T *t, const char *org, const char *kind)
{
    Supp s;
    memset(&s, 0, sizeof s);
    s.kind = SUP_KIND;
    s.a = id(t, org);
    s.kind_sym = intern_cstr(&t->w->names, kind);
    overlay_push(&t->ov, s);
}

/* "A, B" for an EntList */
static const char *names(T *t, const EntList *l)
{
    size_t cap = 1;
    for (int i = 0; i < l->n; i++) cap += strlen(ent_name(t->w, l->items[i])) + 2;
    char *s = arena_alloc(&t->scratch, cap);
    for (int i = 0; i < l->n; i++) {
        if (i) strcat(s, ", ");
        strcat(s, ent_name(t->w, l->items[i]));
    }
    return s;
}

/* The answer of a set query as "A, B". */
static const char *set_of(T *t, const char *query)
{
    Result *r = t_run(t, query);
    assert_int_equal(r->answer, ANS_SET);
    return names(t, &r->set);
}

static const Reason *decisive(const Result *r)
{
    const Reason *d = NULL;
    int n = 0;
    for (int i = 0; i < r->reasons.n; i++)
        if (r->reasons.items[i].decisive) { if (!d) d = &r->reasons.items[i]; n++; }
    return d;
}

/* The i-th reason of kind k (0-based), or NULL. */
static const Reason *reason_of(const Result *r, ReasonKind k, int i)
{
    for (int j = 0; j < r->reasons.n; j++)
        if (r->reasons.items[j].kind == k && i-- == 0) return &r->reasons.items[j];
    return NULL;
}

static int count_reasons(const Result *r, ReasonKind k)
{
    int n = 0;
    for (int j = 0; j < r->reasons.n; j++) n += r->reasons.items[j].kind == k;
    return n;
}

#define assert_num(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-9)

/* ------------------------------------------------------- can X join Y */

static const char *const JOIN_WORLD =
    "state A, B, C, D, E, F, G;\n"                                                      /* 1 */
    "actor X { kind non_state; }\n"                                                     /* 2 */
    "organisation MA \"Alliance\" {\n"                                                  /* 3 */
    "  kind military_alliance;\n"                                                       /* 4 */
    "  founded 1992;\n"                                                                 /* 5 */
    "  decides by unanimity;\n"                                                         /* 6 */
    "  member A, B since 1992;\n"                                                       /* 7 */
    "  observer C since 2000;\n"                                                        /* 8 */
    "  principle exclusive military_alliance;\n"                                        /* 9 */
    "  admission {\n"                                                                   /* 10 */
    "    require applicant is state;\n"                                                 /* 11 */
    "    require not member_of(applicant, kind military_alliance);\n"                   /* 12 */
    "    require consent of members;\n"                                                 /* 13 */
    "  }\n"
    "}\n"
    "organisation MB { kind military_alliance; decides by majority; member D;\n"        /* 16 */
    "  admission { require applicant is state; require consent of members; } }\n"
    "organisation MC { kind military_alliance; member G; principle exclusive military_alliance;\n" /* 18 */
    "  admission { require applicant is state; } }\n"
    "organisation F1 { kind forum; decides by consensus; member A, E;\n"               /* 20 */
    "  admission { require applicant is state; }\n"
    "  admission as observer { require consent of members; } }\n"
    "organisation NR { kind forum; member E; }\n"                                      /* 23 */
    "organisation OLD { kind forum; founded 1990; dissolved 2000; member A;\n"         /* 24 */
    "  admission { require applicant is state; } }\n"
    "organisation NEW { kind forum; founded 2030;\n"                                    /* 26 */
    "  admission { require applicant is state; } }\n";

static void test_can_join_yes(void **state)
{
    (void)state;
    T t;
    t_load(&t, JOIN_WORLD, 20160101);
    Result *r = t_run(&t, "can B join F1");
    assert_int_equal(r->answer, ANS_VERDICT);
    assert_string_equal(r->verdict, "yes");
    assert_int_equal(r->no_kind, NO_NONE);
    assert_int_equal(r->residual.n, 0);
    const Reason *req = reason_of(r, RK_REQUIREMENT, 0);
    assert_non_null(req);
    assert_int_equal(req->held, 1);
    assert_string_equal(rtext(&t, r, req), "applicant is state");
    assert_int_equal(loc_line(req->loc), 21);
    assert_null(decisive(r));
    /* a new member of an organisation that is not a military alliance */
    r = t_run(&t, "can F join OLD at 1995");
    assert_string_equal(r->verdict, "yes");
    assert_int_equal(r->date, 19950101);
    t_free(&t);
}

static void test_can_join_conditional_with_residual(void **state)
{
    (void)state;
    T t;
    t_load(&t, JOIN_WORLD, 20160101);
    Result *r = t_run(&t, "can F join MA");
    assert_string_equal(r->verdict, "conditional");
    assert_int_equal(r->no_kind, NO_NONE);
    assert_string_equal(names(&t, &r->residual), "A, B");
    const Reason *cons = reason_of(r, RK_CONSENT, 0);
    assert_non_null(cons);
    assert_int_equal(cons->held, -1);
    assert_int_equal(cons->decisive, 1);
    assert_int_equal(loc_line(cons->loc), 13);
    assert_non_null(strstr(cons->detail, "unanimity"));
    assert_non_null(strstr(cons->detail, "A, B"));
    /* every requirement held and the principle allowed it */
    assert_int_equal(count_reasons(r, RK_REQUIREMENT), 2);
    assert_int_equal(reason_of(r, RK_REQUIREMENT, 0)->held, 1);
    assert_int_equal(reason_of(r, RK_REQUIREMENT, 1)->held, 1);
    assert_int_equal(reason_of(r, RK_PRINCIPLE, 0)->held, 1);

    /* an observer may ask to become a member; its current role is noted */
    r = t_run(&t, "can C join MA");
    assert_string_equal(r->verdict, "conditional");
    assert_string_equal(names(&t, &r->residual), "A, B");
    const Reason *m = reason_of(r, RK_MEMBERSHIP, 0);
    assert_non_null(m);
    assert_int_equal(m->held, -1);
    assert_int_equal(loc_line(m->loc), 8);

    /* consent under consensus, for the observer role */
    r = t_run(&t, "can F join F1 as observer");
    assert_string_equal(r->verdict, "conditional");
    assert_string_equal(names(&t, &r->residual), "A, E");
    assert_non_null(strstr(reason_of(r, RK_CONSENT, 0)->detail, "consensus"));

    /* a majority: at least n/2+1 of the members */
    r = t_run(&t, "can B join MB");
    assert_string_equal(r->verdict, "no");                     /* B is in MA: exclusive */
    r = t_run(&t, "can E join MB");
    assert_string_equal(r->verdict, "conditional");
    assert_string_equal(names(&t, &r->residual), "D");
    assert_non_null(strstr(reason_of(r, RK_CONSENT, 0)->detail, "at least 1 of the 1"));
    t_free(&t);
}

static void test_can_join_no_requirement(void **state)
{
    (void)state;
    T t;
    t_load(&t, JOIN_WORLD, 20160101);
    Result *r = t_run(&t, "can X join F1");
    assert_string_equal(r->verdict, "no");
    assert_int_equal(r->no_kind, NO_REQUIREMENT);
    const Reason *d = decisive(r);
    assert_non_null(d);
    assert_int_equal(d->kind, RK_REQUIREMENT);
    assert_int_equal(d->held, 0);
    assert_string_equal(rtext(&t, r, d), "applicant is state");

    /* a failed requirement comes before a forbidding principle; every one is evaluated */
    r = t_run(&t, "can D join MA");
    assert_string_equal(r->verdict, "no");
    assert_int_equal(r->no_kind, NO_REQUIREMENT);
    d = decisive(r);
    assert_int_equal(d->kind, RK_REQUIREMENT);
    assert_non_null(strstr(rtext(&t, r, d), "member_of(applicant, kind military_alliance)"));
    assert_int_equal(loc_line(d->loc), 12);
    assert_int_equal(reason_of(r, RK_REQUIREMENT, 0)->held, 1);
    const Reason *p = reason_of(r, RK_PRINCIPLE, 0);
    assert_non_null(p);
    assert_int_equal(p->held, 0);                       /* also forbidden by MA's exclusivity */
    assert_int_equal(p->decisive, 0);
    t_free(&t);
}

static void test_can_join_no_principle(void **state)
{
    (void)state;
    T t;
    World *w = t_load(&t, JOIN_WORLD, 20160101);
    /* A is a member of MA, whose members may belong to no other military alliance */
    Result *r = t_run(&t, "can A join MB");
    assert_string_equal(r->verdict, "no");
    assert_int_equal(r->no_kind, NO_PRINCIPLE);
    const Reason *d = decisive(r);
    assert_non_null(d);
    assert_int_equal(d->kind, RK_PRINCIPLE);
    assert_int_equal(d->held, 0);
    assert_int_equal(d->org, id(&t, "MA"));
    assert_int_equal(d->principle, PR_EXCLUSIVE);
    assert_int_equal(d->principle_arg, intern_cstr(&w->names, "military_alliance"));
    assert_int_equal(loc_line(d->loc), 9);
    assert_int_equal(count_reasons(r, RK_REQUIREMENT), 1);
    assert_int_equal(reason_of(r, RK_REQUIREMENT, 0)->held, 1);

    /* MC's own exclusivity: D already belongs to a military alliance */
    r = t_run(&t, "can D join MC");
    assert_int_equal(r->no_kind, NO_PRINCIPLE);
    assert_int_equal(decisive(r)->org, id(&t, "MC"));

    /* exclusivity is only about members: observers and partners may join */
    r = t_run(&t, "can A join F1 as observer");
    assert_int_equal(r->no_kind, NO_ALREADY);
    r = t_run(&t, "can D join MC as observer");
    assert_int_equal(r->no_kind, NO_RULE);              /* no block for observers, no principle */
    assert_int_equal(count_reasons(r, RK_PRINCIPLE), 0);

    /* under suppositions: A leaves MA, or MB stops being a military alliance */
    suppose(&t, SUP_LEAVE, "A", "MA");
    r = t_run(&t, "can A join MB");
    assert_string_equal(r->verdict, "conditional");
    overlay_pop(&t.ov);
    suppose_kind(&t, "MB", "forum");
    r = t_run(&t, "can A join MB");
    assert_string_equal(r->verdict, "conditional");
    overlay_pop(&t.ov);
    /* and the other way: F1 becomes a military alliance, so E (a member of F1)... */
    suppose_kind(&t, "F1", "military_alliance");
    r = t_run(&t, "can E join MC");
    assert_int_equal(r->no_kind, NO_PRINCIPLE);
    assert_int_equal(decisive(r)->org, id(&t, "MC"));
    overlay_pop(&t.ov);
    r = t_run(&t, "can E join MC");
    assert_string_equal(r->verdict, "yes");
    t_free(&t);
}

static void test_can_join_no_rule(void **state)
{
    (void)state;
    T t;
    t_load(&t, JOIN_WORLD, 20160101);
    Result *r = t_run(&t, "can F join NR");
    assert_string_equal(r->verdict, "no");
    assert_int_equal(r->no_kind, NO_RULE);
    assert_int_equal(decisive(r)->kind, RK_STATUS);
    /* a block exists, but not for this role */
    r = t_run(&t, "can F join F1 as partner");
    assert_int_equal(r->no_kind, NO_RULE);
    r = t_run(&t, "can F join MB as observer");
    assert_int_equal(r->no_kind, NO_RULE);
    t_free(&t);
}

static void test_can_join_no_already(void **state)
{
    (void)state;
    T t;
    t_load(&t, JOIN_WORLD, 20160101);
    Result *r = t_run(&t, "can A join MA");
    assert_string_equal(r->verdict, "no");
    assert_int_equal(r->no_kind, NO_ALREADY);
    const Reason *d = decisive(r);
    assert_int_equal(d->kind, RK_MEMBERSHIP);
    assert_int_equal(loc_line(d->loc), 7);                  /* the record that makes it a member */
    assert_int_equal(t_run(&t, "can A join MA as observer")->no_kind, NO_ALREADY);
    assert_int_equal(t_run(&t, "can A join MA as partner")->no_kind, NO_ALREADY);
    assert_int_equal(t_run(&t, "can C join MA as observer")->no_kind, NO_ALREADY);
    /* before joining, A was not a member */
    r = t_run(&t, "can A join MA at 1991");
    assert_int_equal(r->no_kind, NO_NOT_FOUNDED);
    /* a supposed join counts */
    suppose(&t, SUP_JOIN, "F", "MA");
    assert_int_equal(t_run(&t, "can F join MA")->no_kind, NO_ALREADY);
    t_free(&t);
}

static void test_can_join_dissolved_and_not_founded(void **state)
{
    (void)state;
    T t;
    t_load(&t, JOIN_WORLD, 20160101);
    Result *r = t_run(&t, "can F join OLD");
    assert_string_equal(r->verdict, "no");
    assert_int_equal(r->no_kind, NO_DISSOLVED);
    assert_int_equal(decisive(r)->kind, RK_STATUS);
    /* dissolved on 2000-01-01: the day itself is too late, the day before is fine */
    assert_int_equal(t_run(&t, "can F join OLD at 2000-01-01")->no_kind, NO_DISSOLVED);
    assert_string_equal(t_run(&t, "can F join OLD at 1999-12-31")->verdict, "yes");

    r = t_run(&t, "can F join NEW");
    assert_int_equal(r->no_kind, NO_NOT_FOUNDED);
    assert_string_equal(r->verdict, "no");
    assert_string_equal(t_run(&t, "can F join NEW at 2030-01-01")->verdict, "yes");
    /* not founded comes first, even for a member asking again */
    assert_int_equal(t_run(&t, "can A join MA at 1991-12-31")->no_kind, NO_NOT_FOUNDED);
    assert_int_equal(t_run(&t, "can A join OLD")->no_kind, NO_DISSOLVED);
    t_free(&t);
}

/* ------------------------------------------------ who must defend/consult */

static const char *const DEFENCE_WORLD =
    "state A, B, C, D, E;\n"
    "actor IMT { kind non_state; }\n"
    "organisation CSTO { kind military_alliance; member A, B, C; observer E;\n"
    "  principle collective_defence; principle non_aggression; principle exclusive military_alliance; }\n"
    "organisation QCCM { kind security_mechanism; member A, D, E;\n"
    "  principle consultation; principle non_aggression; principle non_interference; }\n"
    "organisation NP { kind forum; member B, D; principle neutrality; }\n"
    "organisation DEAD { kind alliance; founded 1990; dissolved 2000; member A, D; principle collective_defence; }\n"
    "organisation CD2 { kind alliance; member D, E; principle collective_defense; }\n";

static void test_who_must_defend(void **state)
{
    (void)state;
    T t;
    t_load(&t, DEFENCE_WORLD, 20160101);
    /* no attacker named: an outsider */
    assert_string_equal(set_of(&t, "who must defend A"), "B, C");
    assert_string_equal(set_of(&t, "who must defend A at 1995"), "B, C, D");      /* DEAD exists */
    assert_string_equal(set_of(&t, "who must defend D"), "E");                    /* CD2 */
    assert_string_equal(set_of(&t, "who must defend E"), "D");                    /* CSTO observer only */
    /* supposed attack by an outsider */
    suppose(&t, SUP_ATTACK, "IMT", "A");
    Result *r = t_run(&t, "who must defend A");
    assert_string_equal(names(&t, &r->set), "B, C");
    const Reason *ob = reason_of(r, RK_OBLIGATION, 0);
    assert_non_null(ob);
    assert_int_equal(ob->held, 1);
    assert_int_equal(ob->org, id(&t, "CSTO"));
    assert_int_equal(ob->principle, PR_COLLECTIVE_DEFENCE);
    assert_int_equal(ob->decisive, 1);
    /* a member that joins the attack is not among the defenders */
    suppose(&t, SUP_ATTACK, "B", "A");
    assert_string_equal(set_of(&t, "who must defend A"), "C");
    t_free(&t);
}

static void test_attacker_inside_gives_no_obligation(void **state)
{
    (void)state;
    T t;
    t_load(&t, DEFENCE_WORLD, 20160101);
    Result *r = t_run(&t, "who must defend A against B");
    assert_int_equal(r->answer, ANS_SET);
    assert_int_equal(r->set.n, 0);
    const Reason *p = reason_of(r, RK_PRINCIPLE, 0);
    assert_non_null(p);
    assert_int_equal(p->held, 0);
    assert_int_equal(p->org, id(&t, "CSTO"));
    assert_int_equal(count_reasons(r, RK_OBLIGATION), 0);
    /* an attacker from another organisation is an outsider here */
    assert_string_equal(set_of(&t, "who must defend A against D"), "B, C");
    /* an observer is an outsider too */
    assert_string_equal(set_of(&t, "who must defend A against E"), "B, C");
    /* the same through a supposed attack */
    suppose(&t, SUP_ATTACK, "C", "A");
    assert_string_equal(set_of(&t, "who must defend A"), "");
    t_free(&t);
}

static void test_who_must_defend_nobody(void **state)
{
    (void)state;
    T t;
    t_load(&t, DEFENCE_WORLD, 20160101);
    Result *r = t_run(&t, "who must defend IMT");
    assert_int_equal(r->set.n, 0);
    const Reason *info = reason_of(r, RK_INFO, 0);
    assert_non_null(info);
    assert_non_null(strstr(rtext(&t, r, info), "collective_defence"));
    /* a member of QCCM and NP only has consultation, no defence */
    r = t_run(&t, "who must defend B at 1995");
    assert_string_equal(names(&t, &r->set), "A, C");
    t_free(&t);
}

static void test_who_must_consult(void **state)
{
    (void)state;
    T t;
    t_load(&t, DEFENCE_WORLD, 20160101);
    assert_string_equal(set_of(&t, "who must consult A"), "D, E");
    assert_string_equal(set_of(&t, "who must consult E"), "A, D");
    assert_string_equal(set_of(&t, "who must consult B"), "");
    Result *r = t_run(&t, "who must consult D");
    assert_string_equal(names(&t, &r->set), "A, E");
    assert_int_equal(reason_of(r, RK_OBLIGATION, 0)->principle, PR_CONSULTATION);
    /* an attack from within QCCM obliges nobody there */
    suppose(&t, SUP_ATTACK, "D", "A");
    assert_string_equal(set_of(&t, "who must consult A"), "");
    /* a second, outside attacker brings the obligation back, but an attacker
     * never has to consult on its own attack */
    suppose(&t, SUP_ATTACK, "IMT", "A");
    assert_string_equal(set_of(&t, "who must consult A"), "E");
    t_free(&t);
}

/* --------------------------------------------------------- violations */

static int count_violations(const Result *r, PrincipleKind pk, EntId org)
{
    int n = 0;
    for (int i = 0; i < r->reasons.n; i++) {
        const Reason *v = &r->reasons.items[i];
        if (v->kind == RK_VIOLATION && v->principle == pk && (!org || v->org == org)) n++;
    }
    return n;
}

static void test_violations_non_aggression(void **state)
{
    (void)state;
    T t;
    t_load(&t, DEFENCE_WORLD, 20160101);
    Result *r = t_run(&t, "violations");
    assert_int_equal(r->answer, ANS_LIST);
    assert_string_equal(r->verdict, "clean");
    assert_int_equal(count_reasons(r, RK_VIOLATION), 0);

    suppose(&t, SUP_ATTACK, "A", "B");            /* both in CSTO (non_aggression) */
    r = t_run(&t, "violations");
    assert_string_equal(r->verdict, "violated");
    assert_int_equal(count_reasons(r, RK_VIOLATION), 1);
    assert_int_equal(count_violations(r, PR_NON_AGGRESSION, id(&t, "CSTO")), 1);
    overlay_pop(&t.ov);

    suppose(&t, SUP_ATTACK, "A", "E");            /* both in QCCM; E only observes CSTO */
    r = t_run(&t, "violations");
    assert_int_equal(count_reasons(r, RK_VIOLATION), 1);
    assert_int_equal(count_violations(r, PR_NON_AGGRESSION, id(&t, "QCCM")), 1);
    overlay_pop(&t.ov);

    suppose(&t, SUP_ATTACK, "IMT", "A");          /* an outsider: no violation */
    assert_string_equal(t_run(&t, "violations")->verdict, "clean");
    overlay_pop(&t.ov);
    suppose(&t, SUP_ATTACK, "B", "D");            /* NP has no non_aggression */
    assert_string_equal(t_run(&t, "violations")->verdict, "clean");
    t_free(&t);
}

static void test_violations_non_interference(void **state)
{
    (void)state;
    T t;
    t_load(&t, DEFENCE_WORLD, 20160101);
    suppose(&t, SUP_INTERVENTION, "A", "D");
    Result *r = t_run(&t, "violations");
    assert_string_equal(r->verdict, "violated");
    assert_int_equal(count_violations(r, PR_NON_INTERFERENCE, id(&t, "QCCM")), 1);
    assert_int_equal(count_reasons(r, RK_VIOLATION), 1);
    overlay_pop(&t.ov);
    suppose(&t, SUP_INTERVENTION, "A", "B");      /* CSTO has no non_interference */
    assert_string_equal(t_run(&t, "violations")->verdict, "clean");
    /* `check` ignores attacks and interventions */
    overlay_pop(&t.ov);
    suppose(&t, SUP_INTERVENTION, "A", "D");
    assert_string_equal(t_run(&t, "check")->verdict, "clean");
    t_free(&t);
}

static void test_violations_neutrality(void **state)
{
    (void)state;
    T t;
    t_load(&t, DEFENCE_WORLD, 20160101);
    /* aid alone is no violation */
    suppose(&t, SUP_AID, "D", "IMT");
    assert_string_equal(t_run(&t, "violations")->verdict, "clean");
    /* IMT attacks B; D aids IMT; B and D are both in NP (neutrality) */
    suppose(&t, SUP_ATTACK, "IMT", "B");
    Result *r = t_run(&t, "violations");
    assert_string_equal(r->verdict, "violated");
    assert_int_equal(count_violations(r, PR_NEUTRALITY, id(&t, "NP")), 1);
    assert_int_equal(count_reasons(r, RK_VIOLATION), 1);
    const Reason *v = reason_of(r, RK_VIOLATION, 0);
    assert_non_null(strstr(v->detail, "D"));
    assert_non_null(strstr(v->detail, "IMT"));
    t_free(&t);

    /* aid to someone who attacks nobody in NP */
    t_load(&t, DEFENCE_WORLD, 20160101);
    suppose(&t, SUP_ATTACK, "IMT", "A");
    suppose(&t, SUP_AID, "D", "IMT");
    assert_int_equal(count_violations(t_run(&t, "violations"), PR_NEUTRALITY, 0), 0);
    suppose(&t, SUP_AID, "D", "C");
    suppose(&t, SUP_ATTACK, "C", "B");
    r = t_run(&t, "violations");
    assert_int_equal(count_violations(r, PR_NEUTRALITY, id(&t, "NP")), 1);
    assert_int_equal(count_violations(r, PR_NON_AGGRESSION, id(&t, "CSTO")), 1);
    t_free(&t);
}

static void test_violations_exclusivity(void **state)
{
    (void)state;
    T t;
    t_load(&t, DEFENCE_WORLD, 20160101);
    assert_string_equal(t_run(&t, "check")->verdict, "clean");
    /* the QCCM as a military alliance: A belongs to two (E is only a CSTO observer) */
    suppose_kind(&t, "QCCM", "military_alliance");
    Result *r = t_run(&t, "check");
    assert_string_equal(r->verdict, "violated");
    assert_int_equal(count_violations(r, PR_EXCLUSIVE, id(&t, "CSTO")), 1);
    assert_int_equal(count_reasons(r, RK_VIOLATION), 1);
    const Reason *v = reason_of(r, RK_VIOLATION, 0);
    assert_non_null(strstr(v->detail, "A is a member of CSTO and of QCCM"));
    r = t_run(&t, "violations");
    assert_int_equal(count_violations(r, PR_EXCLUSIVE, id(&t, "CSTO")), 1);
    overlay_pop(&t.ov);
    /* D joins the CSTO: D is in CD2 (an "alliance", not a military_alliance) */
    suppose(&t, SUP_JOIN, "D", "CSTO");
    assert_string_equal(t_run(&t, "check")->verdict, "clean");
    /* ... but in 1995 D was also in DEAD; make DEAD a military alliance */
    suppose_kind(&t, "DEAD", "military_alliance");
    r = t_run(&t, "check at 1995");
    assert_int_equal(count_violations(r, PR_EXCLUSIVE, id(&t, "CSTO")), 2);   /* A and D */
    assert_string_equal(t_run(&t, "check")->verdict, "clean");                 /* dissolved */
    t_free(&t);
}

static void test_check_constraints(void **state)
{
    (void)state;
    T t;
    t_load(&t,
        "state China { borders Tajikistan, Pakistan; }\n"
        "state Tajikistan, Pakistan, Russia, Afghanistan;\n"
        "rule neighbour(a, b) = borders(a, b) or borders(b, a);\n"
        "organisation QCCM { founded 2016-08-03; member China, Tajikistan, Pakistan since 2016-08-03; }\n"
        "constraint \"QCCM members are neighbours of China\" for QCCM:\n"
        "  all m in members: m == China or neighbour(m, China);\n"
        "constraint \"small\": count(members(QCCM)) <= 4;\n",
        20160901);
    Result *r = t_run(&t, "check");
    assert_string_equal(r->verdict, "clean");
    assert_int_equal(count_reasons(r, RK_CONSTRAINT), 2);
    assert_int_equal(reason_of(r, RK_CONSTRAINT, 0)->held, 1);
    assert_int_equal(reason_of(r, RK_CONSTRAINT, 0)->org, id(&t, "QCCM"));
    assert_int_equal(reason_of(r, RK_CONSTRAINT, 1)->org, ENT_NONE);
    assert_int_equal(loc_line(reason_of(r, RK_CONSTRAINT, 0)->loc), 5);

    /* Russia does not border China in this world: the `all` names it */
    suppose(&t, SUP_JOIN, "Russia", "QCCM");
    r = t_run(&t, "check");
    assert_string_equal(r->verdict, "violated");
    assert_int_equal(count_reasons(r, RK_VIOLATION), 1);
    const Reason *v = reason_of(r, RK_VIOLATION, 0);
    assert_non_null(strstr(rtext(&t, r, v), "QCCM members are neighbours of China"));
    assert_non_null(v->detail);
    assert_string_equal(v->detail, "fails for Russia");
    assert_int_equal(v->held, 0);
    assert_int_equal(reason_of(r, RK_CONSTRAINT, 0)->held, 1);      /* "small" still holds */

    /* a fifth member breaks the global one too (no element is named: not an `all`) */
    suppose(&t, SUP_JOIN, "Afghanistan", "QCCM");
    r = t_run(&t, "check");
    assert_int_equal(count_reasons(r, RK_VIOLATION), 2);
    const Reason *small = reason_of(r, RK_VIOLATION, 1);
    assert_non_null(strstr(rtext(&t, r, small), "small"));
    assert_null(small->detail);
    /* the first failing element in name order... of the set as evaluated */
    assert_non_null(strstr(reason_of(r, RK_VIOLATION, 0)->detail, "fails for "));

    /* a constraint `for ORG` is not checked while ORG does not exist */
    r = t_run(&t, "check at 2016-01-01");
    assert_int_equal(count_reasons(r, RK_CONSTRAINT) + count_reasons(r, RK_VIOLATION), 1);
    t_free(&t);
}

/* --------------------------------------------------------------- votes */

static const char *const VOTE_WORLD =
    "state A, B, C, D, E, F, X;\n"
    "organisation CONS { decides by consensus; member A, B, C; }\n"
    "organisation UNAN { decides by unanimity; member A, B, C; }\n"
    "organisation MAJ { decides by majority; member A, B, C, D; observer X; }\n"
    "organisation MAJ5 { decides by majority; member A, B, C, D, E; }\n"
    "organisation QM { decides by qualified_majority 2/3; member A, B, C, D, E, F; }\n"
    "organisation WB { decides by weighted by budget; member A, B, C; budget 1 million USD { A 50%; } }\n"
    "organisation WT { decides by weighted by budget threshold 50%; member A, B, C; budget 1 million USD { A 50%; } }\n"
    "organisation W4 { decides by weighted by budget; member A, B, C, D; budget 10 USD { A 10%; B 20%; C 30%; D 40%; } }\n"
    "organisation NONE { member A; }\n"
    "organisation GONE { decides by consensus; founded 1990; dissolved 2000; member A; }\n"
    "organisation SOON { decides by consensus; founded 2030; member A; }\n";

static void assert_tally(const Result *r, int n, int yes, int no, int abstain)
{
    assert_int_equal(r->n_members, n);
    assert_int_equal(r->n_yes, yes);
    assert_int_equal(r->n_no, no);
    assert_int_equal(r->n_abstain, abstain);
}

static void test_vote_consensus(void **state)
{
    (void)state;
    T t;
    t_load(&t, VOTE_WORLD, 20160101);
    Result *r = t_run(&t, "does CONS adopt \"m\"");
    assert_int_equal(r->answer, ANS_VERDICT);
    assert_string_equal(r->verdict, "passes");
    assert_int_equal(r->fail_kind, FAIL_NONE);
    assert_tally(r, 3, 3, 0, 0);
    assert_string_equal(names(&t, &r->pivotal), "A, B, C");     /* any objection blocks */
    assert_int_equal(r->to_pass.n, 0);
    assert_int_equal(r->vetoes.n, 0);

    r = t_run(&t, "does CONS adopt \"m\" with objections from B");
    assert_string_equal(r->verdict, "fails");
    assert_int_equal(r->fail_kind, FAIL_VETO);
    assert_tally(r, 3, 2, 1, 0);
    assert_string_equal(names(&t, &r->vetoes), "B");
    assert_string_equal(names(&t, &r->pivotal), "B");
    assert_string_equal(names(&t, &r->to_pass), "B");
    const Reason *dec = decisive(r);
    assert_int_equal(dec->kind, RK_DECISION);
    assert_int_equal(dec->held, 0);
    assert_int_equal(loc_line(dec->loc), 2);
    assert_int_equal(count_reasons(r, RK_VOTE), 1);

    /* abstaining is not objecting */
    r = t_run(&t, "does CONS adopt \"m\" with votes abstain A, B, C");
    assert_string_equal(r->verdict, "passes");
    assert_tally(r, 3, 0, 0, 3);

    /* two vetoes: nobody alone can change the outcome */
    r = t_run(&t, "does CONS adopt \"m\" with objections from A, C");
    assert_string_equal(names(&t, &r->vetoes), "A, C");
    assert_int_equal(r->pivotal.n, 0);
    assert_string_equal(names(&t, &r->to_pass), "A, C");

    /* an objection supposed in the scenario; `with votes` overrides it */
    suppose(&t, SUP_OBJECTION, "C", "CONS");
    r = t_run(&t, "does CONS adopt \"m\"");
    assert_int_equal(r->fail_kind, FAIL_VETO);
    assert_string_equal(names(&t, &r->vetoes), "C");
    r = t_run(&t, "does CONS adopt \"m\" with votes yes C");
    assert_string_equal(r->verdict, "passes");
    /* within `with votes`, the later group wins: yes, then no, then abstain */
    r = t_run(&t, "does CONS adopt \"m\" with votes no A yes A abstain C");
    assert_string_equal(r->verdict, "fails");
    assert_tally(r, 3, 1, 1, 1);
    t_free(&t);
}

static void test_vote_unanimity_with_abstention(void **state)
{
    (void)state;
    T t;
    t_load(&t, VOTE_WORLD, 20160101);
    assert_string_equal(t_run(&t, "does UNAN adopt \"m\"")->verdict, "passes");
    Result *r = t_run(&t, "does UNAN adopt \"m\" with votes abstain B");
    assert_string_equal(r->verdict, "fails");
    assert_int_equal(r->fail_kind, FAIL_VETO);
    assert_tally(r, 3, 2, 0, 1);
    assert_string_equal(names(&t, &r->vetoes), "B");
    assert_string_equal(names(&t, &r->pivotal), "B");
    assert_string_equal(names(&t, &r->to_pass), "B");
    r = t_run(&t, "does UNAN adopt \"m\" with votes no A abstain C");
    assert_string_equal(names(&t, &r->vetoes), "A, C");
    assert_string_equal(names(&t, &r->to_pass), "A, C");
    t_free(&t);
}

static void test_vote_majority(void **state)
{
    (void)state;
    T t;
    t_load(&t, VOTE_WORLD, 20160101);
    /* 2 of 4 is not a majority */
    Result *r = t_run(&t, "does MAJ adopt \"m\" with votes no C, D");
    assert_string_equal(r->verdict, "fails");
    assert_int_equal(r->fail_kind, FAIL_COUNT);
    assert_tally(r, 4, 2, 2, 0);
    assert_string_equal(names(&t, &r->pivotal), "C, D");
    assert_string_equal(names(&t, &r->to_pass), "C");
    assert_int_equal(r->vetoes.n, 0);
    /* 3 of 4 is */
    r = t_run(&t, "does MAJ adopt \"m\" with votes no D");
    assert_string_equal(r->verdict, "passes");
    assert_string_equal(names(&t, &r->pivotal), "A, B, C");
    /* abstentions count against */
    r = t_run(&t, "does MAJ5 adopt \"m\" with votes no C abstain D, E");
    assert_string_equal(r->verdict, "fails");
    assert_tally(r, 5, 2, 1, 2);
    assert_string_equal(names(&t, &r->to_pass), "C");
    r = t_run(&t, "does MAJ5 adopt \"m\" with votes abstain D, E");
    assert_string_equal(r->verdict, "passes");
    t_free(&t);
}

static void test_vote_qualified_majority(void **state)
{
    (void)state;
    T t;
    t_load(&t, VOTE_WORLD, 20160101);
    /* 4 of 6 is exactly 2/3 */
    Result *r = t_run(&t, "does QM adopt \"m\" with votes no E, F");
    assert_string_equal(r->verdict, "passes");
    assert_string_equal(names(&t, &r->pivotal), "A, B, C, D");
    r = t_run(&t, "does QM adopt \"m\" with votes no D, E, F");
    assert_string_equal(r->verdict, "fails");
    assert_int_equal(r->fail_kind, FAIL_COUNT);
    assert_string_equal(names(&t, &r->pivotal), "D, E, F");
    assert_string_equal(names(&t, &r->to_pass), "D");
    r = t_run(&t, "does QM adopt \"m\" with votes no A, B, C, D, E, F");
    assert_tally(r, 6, 0, 6, 0);
    assert_string_equal(names(&t, &r->to_pass), "A, B, C, D");
    assert_int_equal(r->pivotal.n, 0);
    t_free(&t);
}

static void test_vote_weighted_by_budget(void **state)
{
    (void)state;
    T t;
    t_load(&t, VOTE_WORLD, 20160101);
    /* A holds 50%, B and C 25% each; without a threshold more than 50% is needed */
    Result *r = t_run(&t, "does WB adopt \"m\" with votes no B, C");
    assert_string_equal(r->verdict, "fails");
    assert_int_equal(r->fail_kind, FAIL_WEIGHT);
    assert_num(r->w_yes, 50);
    assert_string_equal(names(&t, &r->pivotal), "B, C");
    assert_string_equal(names(&t, &r->to_pass), "B");
    r = t_run(&t, "does WB adopt \"m\" with votes no A");
    assert_string_equal(r->verdict, "fails");
    assert_num(r->w_yes, 50);
    r = t_run(&t, "does WB adopt \"m\" with votes no C");
    assert_string_equal(r->verdict, "passes");
    assert_num(r->w_yes, 75);
    assert_string_equal(names(&t, &r->pivotal), "A, B");      /* either one falls to 50% */
    /* the vote reasons give each share */
    r = t_run(&t, "does WB adopt \"m\" with votes no B");
    assert_non_null(strstr(reason_of(r, RK_VOTE, 0)->detail, "25%"));

    /* with threshold 50%: at least 50% */
    r = t_run(&t, "does WT adopt \"m\" with votes no B, C");
    assert_string_equal(r->verdict, "passes");
    assert_num(r->w_yes, 50);
    assert_string_equal(t_run(&t, "does WT adopt \"m\" with votes no A")->verdict, "passes");
    r = t_run(&t, "does WT adopt \"m\" with votes no A, B");
    assert_string_equal(r->verdict, "fails");
    assert_int_equal(r->fail_kind, FAIL_WEIGHT);
    assert_num(r->w_yes, 25);
    t_free(&t);
}

static void test_vote_smallest_set_to_pass_weighted(void **state)
{
    (void)state;
    T t;
    t_load(&t, VOTE_WORLD, 20160101);
    /* 10% yes; the largest shares first: D (40) gives 50, not enough; C (30) gives 80 */
    Result *r = t_run(&t, "does W4 adopt \"m\" with votes yes A no B, C, D");
    assert_string_equal(r->verdict, "fails");
    assert_num(r->w_yes, 10);
    assert_string_equal(names(&t, &r->to_pass), "C, D");
    assert_string_equal(names(&t, &r->pivotal), "");
    /* 40% yes (D): C (30%) alone is enough, B (20%) too; A (10%) is not */
    r = t_run(&t, "does W4 adopt \"m\" with votes no A, B, C");
    assert_num(r->w_yes, 40);
    assert_string_equal(names(&t, &r->to_pass), "C");
    assert_string_equal(names(&t, &r->pivotal), "B, C");
    t_free(&t);
}

static void test_vote_non_members_ignored(void **state)
{
    (void)state;
    T t;
    t_load(&t, VOTE_WORLD, 20160101);
    Result *r = t_run(&t, "does CONS adopt \"m\" with votes no X");
    assert_string_equal(r->verdict, "passes");
    assert_tally(r, 3, 3, 0, 0);
    const Reason *info = reason_of(r, RK_INFO, 0);
    assert_non_null(info);
    assert_non_null(strstr(rtext(&t, r, info), "X"));
    assert_non_null(strstr(rtext(&t, r, info), "does not count"));
    /* observers do not vote either */
    r = t_run(&t, "does MAJ adopt \"m\" with objections from X, A");
    assert_tally(r, 4, 3, 1, 0);
    assert_string_equal(r->verdict, "passes");
    assert_int_equal(count_reasons(r, RK_INFO), 1);
    /* a supposed objection by a non-member changes nothing */
    suppose(&t, SUP_OBJECTION, "X", "CONS");
    assert_string_equal(t_run(&t, "does CONS adopt \"m\"")->verdict, "passes");
    /* a supposed member votes */
    suppose(&t, SUP_JOIN, "X", "CONS");
    r = t_run(&t, "does CONS adopt \"m\"");
    assert_string_equal(r->verdict, "fails");
    assert_tally(r, 4, 3, 1, 0);
    assert_string_equal(names(&t, &r->vetoes), "X");
    t_free(&t);
}

static void test_vote_no_rule(void **state)
{
    (void)state;
    T t;
    t_load(&t, VOTE_WORLD, 20160101);
    Result *r = t_run(&t, "does NONE adopt \"m\"");
    assert_string_equal(r->verdict, "fails");
    assert_int_equal(r->fail_kind, FAIL_NO_RULE);
    /* an organisation that does not exist on the date adopts nothing */
    r = t_run(&t, "does GONE adopt \"m\"");
    assert_string_equal(r->verdict, "fails");
    assert_int_equal(r->fail_kind, FAIL_DISSOLVED);
    assert_int_equal(t_run(&t, "does GONE adopt \"m\" at 2000-01-01")->fail_kind, FAIL_DISSOLVED);
    assert_string_equal(t_run(&t, "does GONE adopt \"m\" at 1999-12-31")->verdict, "passes");
    r = t_run(&t, "does SOON adopt \"m\"");
    assert_string_equal(r->verdict, "fails");
    assert_int_equal(r->fail_kind, FAIL_NOT_FOUNDED);
    assert_string_equal(t_run(&t, "does SOON adopt \"m\" at 2030")->verdict, "passes");
    t_free(&t);
}

/* ------------------------------------------------- members, organisations */

static void test_members_and_organisations_of(void **state)
{
    (void)state;
    T t;
    t_load(&t, JOIN_WORLD, 20160101);
    assert_string_equal(set_of(&t, "members of MA"), "A, B");
    assert_string_equal(set_of(&t, "observers of MA"), "C");
    assert_string_equal(set_of(&t, "observers of MA at 1999"), "");
    assert_string_equal(set_of(&t, "partners of MA"), "");
    assert_string_equal(set_of(&t, "members of OLD"), "");                /* dissolved */
    assert_string_equal(set_of(&t, "members of OLD at 1995"), "A");
    Result *r = t_run(&t, "members of MA");
    assert_int_equal(count_reasons(r, RK_MEMBERSHIP), 2);
    assert_int_equal(loc_line(reason_of(r, RK_MEMBERSHIP, 0)->loc), 7);
    /* organisations of: members only in the set, other roles as notes */
    assert_string_equal(set_of(&t, "organisations of A"), "F1, MA");
    assert_string_equal(set_of(&t, "organisations of A at 1995"), "F1, MA, OLD");
    r = t_run(&t, "organisations of C");
    assert_int_equal(r->set.n, 0);
    assert_int_equal(reason_of(r, RK_MEMBERSHIP, 0)->held, -1);
    suppose(&t, SUP_JOIN, "C", "NR");
    assert_string_equal(set_of(&t, "organisations of C"), "NR");
    assert_string_equal(set_of(&t, "members of NR"), "C, E");
    t_free(&t);
}

/* ------------------------------------------------ expectation_holds() */

static const char *const EXPECT_WORLD_TAIL =
    "scenario \"e\" {\n"
    "  at 2016;\n"
    "  expect can F join MA == conditional;\n"                                      /* 1: pass */
    "  expect can F join MA == yes;\n"                                              /* 2: fail */
    "  expect can X join F1 == no because requirement;\n"                           /* 3: pass */
    "  expect can X join F1 == no because requirement \"is state\";\n"              /* 4: pass */
    "  expect can X join F1 == no because requirement \"kind\";\n"                  /* 5: fail */
    "  expect can A join MB == no because principle exclusive military_alliance of MA;\n" /* 6: pass */
    "  expect can A join MB == no because principle exclusive of MB;\n"             /* 7: fail */
    "  expect can A join MB == no because principle exclusive;\n"                   /* 8: pass */
    "  expect can A join MB == no because requirement;\n"                           /* 9: fail */
    "  expect can A join MA == no because already;\n"                               /* 10: pass */
    "  expect can A join MA == no because dissolved;\n"                             /* 11: fail */
    "  expect can F join OLD == no because dissolved;\n"                            /* 12: pass */
    "  expect can F join NEW == no because not_founded;\n"                          /* 13: pass */
    "  expect can F join NR == no because no_rule;\n"                               /* 14: pass */
    "  expect can F join MA == conditional because already;\n"                      /* 15: fail */
    "  expect members of MA == {B, A};\n"                                           /* 16: pass */
    "  expect members of MA == {A};\n"                                              /* 17: fail */
    "  expect members of MA == {A, B, C};\n"                                        /* 18: fail */
    "  expect members of MA == {A, B, A};\n"                                        /* 19: pass */
    "  expect observers of NR == {};\n"                                             /* 20: pass */
    "  expect eval count(members(MA)) == 2;\n"                                      /* 21: pass */
    "  expect eval count(members(MA)) == 3;\n"                                      /* 22: fail */
    "  expect does F1 adopt \"m\" with objections from E == fails because veto of E;\n" /* 23: pass */
    "  expect does F1 adopt \"m\" with objections from E == fails because veto of A;\n" /* 24: fail */
    "  expect does F1 adopt \"m\" with objections from E == fails because count;\n" /* 25: fail */
    "  expect does F1 adopt \"m\" == passes;\n"                                     /* 26: pass */
    "  expect does MB adopt \"m\" with votes no D == fails because count;\n"        /* 27: pass */
    "  expect does NR adopt \"m\" == fails because no_rule;\n"                      /* 28: pass */
    "  expect check == clean;\n"                                                    /* 29: pass */
    "  suppose MB kind forum;\n"
    "  expect can A join MB == conditional;\n"                                      /* 30: pass */
    "  suppose F joins MB;\n"
    "  suppose MC kind forum;\n"
    "  suppose F1 kind military_alliance;\n"
    "  expect check == violated because principle exclusive military_alliance of MA;\n" /* 31: pass */
    "  expect check == violated because principle exclusive of MC;\n"             /* 32: fail */
    "  expect violations == clean;\n"                                               /* 33: fail */
    "}\n";

static const int expect_outcomes[] = {
    1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 1, 1,
    1, 1, 0, 0,
};

static void test_expectation_holds_in_a_scenario(void **state)
{
    (void)state;
    char *text = malloc(strlen(JOIN_WORLD) + strlen(EXPECT_WORLD_TAIL) + 1);
    assert_non_null(text);
    strcpy(text, JOIN_WORLD);
    strcat(text, EXPECT_WORLD_TAIL);
    T t;
    World *w = t_load(&t, text, 20160101);
    free(text);
    assert_int_equal(w->scenarios.n, 1);
    const Decl *d = w->scenarios.items[0].decl;
    int k = 0;
    const int n_expect = (int)(sizeof expect_outcomes / sizeof expect_outcomes[0]);
    for (int i = 0; i < d->items.n; i++) {
        const ScenItem *it = d->items.items[i];
        if (it->kind == SI_AT) t.c.date = it->date;
        else if (it->kind == SI_SUPPOSE) overlay_push(&t.ov, supp_from_ast(w, &it->sup, t.c.date));
        else if (it->kind == SI_EXPECT) {
            assert_true(k < n_expect);
            Result *r = query_run(&t.c, it->query);
            assert_int_equal(r->error, 0);
            const char *why = NULL;
            int ok = expectation_holds(w, &t.scratch, r, &it->exp, &why);
            if (ok != expect_outcomes[k])
                fail_msg("expectation %d (line %d) %s; why: %s", k + 1, loc_line(it->loc),
                         ok ? "holds" : "does not hold", why ? why : "-");
            if (!ok) {
                assert_non_null(why);
                assert_true(strlen(why) > 0);
            }
            k++;
        }
    }
    assert_int_equal(k, n_expect);
    t_free(&t);
}

/* A failed set expectation names what is missing and what is unexpected,
 * each sorted by name whatever the order of declaration or of the
 * expectation; the message shows the first ten of each, the lists hold all. */
static void test_expectation_set_differences(void **state)
{
    (void)state;
    enum { STATES = 30 };
    Arena src;
    arena_init(&src);
    const char *text = "";
    for (int i = STATES - 1; i >= 0; i--) text = arena_printf(&src, "%sstate S%02d;\n", text, i);  /* ids against names */
    text = arena_printf(&src, "%sorganisation O { kind forum; member ", text);
    for (int i = STATES - 1; i >= 10; i--) text = arena_printf(&src, "%sS%02d%s", text, i, i > 10 ? ", " : "");
    text = arena_printf(&src, "%s since 2000; }\n", text);
    T t;
    t_load(&t, text, 20160101);
    Result *r = t_run(&t, "members of O");
    Expected x;
    memset(&x, 0, sizeof x);
    x.kind = EXP_SET;
    for (int k = 0; k < 15; k++) {        /* S00..S14, written in a shuffled order */
        int i = (k * 7) % 15;
        Name n = { intern_cstr(&t.w->names, arena_printf(&src, "S%02d", i)), r->q->loc };
        vec_push(&t.scratch, &x.set, n);
    }
    ExpectCheck ck;
    expectation_check(t.w, &t.scratch, r, &x, &ck);
    assert_int_equal(ck.failure, XF_SET);
    assert_int_equal(ck.missing.n, 10);
    assert_int_equal(ck.unexpected.n, 15);
    for (int i = 0; i < ck.missing.n; i++)
        assert_string_equal(ent_name(t.w, ck.missing.items[i]), arena_printf(&src, "S%02d", i));
    for (int i = 0; i < ck.unexpected.n; i++)
        assert_string_equal(ent_name(t.w, ck.unexpected.items[i]), arena_printf(&src, "S%02d", 15 + i));
    assert_string_equal(ck.message, "the set differs: missing S00, S01, S02, S03, S04, S05, S06, S07, S08, S09; "
                                    "unexpected S15, S16, S17, S18, S19, S20, S21, S22, S23, S24 and 5 more");
    assert_string_equal(ck.expected, "{S00, S07, S14, S06, S13, S05, S12, S04, S11, S03, S10, S02, S09, S01, S08}");

    /* only unexpected, only missing, then equal */
    x.set.n = 0;
    for (int i = 10; i < STATES - 1; i++) {
        Name n = { intern_cstr(&t.w->names, arena_printf(&src, "S%02d", i)), r->q->loc };
        vec_push(&t.scratch, &x.set, n);
    }
    expectation_check(t.w, &t.scratch, r, &x, &ck);
    assert_string_equal(ck.message, "the set differs: unexpected S29");
    assert_int_equal(ck.missing.n, 0);
    Name extra[2] = { { intern_cstr(&t.w->names, "S29"), r->q->loc }, { intern_cstr(&t.w->names, "S00"), r->q->loc } };
    vec_push(&t.scratch, &x.set, extra[0]);
    vec_push(&t.scratch, &x.set, extra[1]);
    expectation_check(t.w, &t.scratch, r, &x, &ck);
    assert_string_equal(ck.message, "the set differs: missing S00");
    assert_int_equal(ck.unexpected.n, 0);
    x.set.n--;
    expectation_check(t.w, &t.scratch, r, &x, &ck);
    assert_int_equal(ck.failure, XF_NONE);
    assert_null(ck.message);
    t_free(&t);
    arena_free(&src);
}

static void test_expectation_messages(void **state)
{
    (void)state;
    T t;
    t_load(&t, JOIN_WORLD, 20160101);
    Result *r = t_run(&t, "can F join MA");
    Expected x;
    memset(&x, 0, sizeof x);
    x.kind = EXP_WORD;
    x.word = "yes";
    const char *why = NULL;
    assert_false(expectation_holds(t.w, &t.scratch, r, &x, &why));
    assert_non_null(strstr(why, "expected yes"));
    assert_non_null(strstr(why, "conditional"));
    x.word = "conditional";
    assert_true(expectation_holds(t.w, &t.scratch, r, &x, &why));
    /* the right verdict for the wrong reason */
    x.because.kind = RP_ALREADY;
    why = NULL;
    assert_false(expectation_holds(t.w, &t.scratch, r, &x, &why));
    assert_non_null(strstr(why, "because"));

    /* a word against a set answer */
    r = t_run(&t, "members of MA");
    memset(&x, 0, sizeof x);
    x.kind = EXP_WORD;
    x.word = "yes";
    assert_false(expectation_holds(t.w, &t.scratch, r, &x, &why));

    /* a set against a verdict: never a match, not even the empty set */
    r = t_run(&t, "can F join MA");
    memset(&x, 0, sizeof x);
    x.kind = EXP_SET;
    assert_false(expectation_holds(t.w, &t.scratch, r, &x, &why));
    r = t_run(&t, "members of MA");

    /* sets: built by hand */
    memset(&x, 0, sizeof x);
    x.kind = EXP_SET;
    Name a = { intern_cstr(&t.w->names, "A"), r->q->loc };
    Name b = { intern_cstr(&t.w->names, "B"), r->q->loc };
    vec_push(&t.scratch, &x.set, b);
    assert_false(expectation_holds(t.w, &t.scratch, r, &x, &why));
    assert_string_equal(why, "the set differs: unexpected A");
    vec_push(&t.scratch, &x.set, a);
    assert_true(expectation_holds(t.w, &t.scratch, r, &x, &why));

    /* values: numbers, strings and truth values against an eval answer */
    r = t_run(&t, "eval count(members(MA))");
    memset(&x, 0, sizeof x);
    x.kind = EXP_VALUE;
    Expr num;
    memset(&num, 0, sizeof num);
    num.kind = EX_NUM;
    num.num = 2;
    x.value = &num;
    assert_true(expectation_holds(t.w, &t.scratch, r, &x, &why));
    num.num = 3;
    assert_false(expectation_holds(t.w, &t.scratch, r, &x, &why));
    assert_non_null(strstr(why, "expected 3"));
    assert_non_null(strstr(why, "2"));
    r = t_run(&t, "eval MA.name");
    Expr str;
    memset(&str, 0, sizeof str);
    str.kind = EX_STR;
    str.str = "Alliance";
    x.value = &str;
    assert_true(expectation_holds(t.w, &t.scratch, r, &x, &why));
    str.str = "alliance";
    assert_false(expectation_holds(t.w, &t.scratch, r, &x, &why));
    r = t_run(&t, "eval member_of(A, MA)");
    Expr tru;
    memset(&tru, 0, sizeof tru);
    tru.kind = EX_BOOL;
    tru.num = 1;
    x.value = &tru;
    assert_true(expectation_holds(t.w, &t.scratch, r, &x, &why));
    tru.num = 0;
    assert_false(expectation_holds(t.w, &t.scratch, r, &x, &why));
    /* a number is not a truth value */
    x.value = &num;
    num.num = 1;
    assert_false(expectation_holds(t.w, &t.scratch, r, &x, &why));

    /* a query that failed never meets an expectation */
    Result failed = *r;
    failed.error = 1;
    tru.num = 1;
    x.value = &tru;
    assert_false(expectation_holds(t.w, &t.scratch, &failed, &x, &why));
    assert_non_null(strstr(why, "could not be evaluated"));
    t_free(&t);
}

static void test_scenario_run_counts(void **state)
{
    (void)state;
    char *text = malloc(strlen(JOIN_WORLD) + strlen(EXPECT_WORLD_TAIL) + 1);
    assert_non_null(text);
    strcpy(text, JOIN_WORLD);
    strcat(text, EXPECT_WORLD_TAIL);
    T t;
    World *w = t_load(&t, text, 20160101);
    free(text);
    FILE *f = tmpfile();
    assert_non_null(f);
    Output *out = output_new(FMT_TEXT, f, 0, "test");
    assert_non_null(out);
    RunStats st = { 0, 0, 0 };
    scenario_run(w, &w->scenarios.items[0], out, &t.diag, &st);
    output_finish(out);
    output_free(out);
    fclose(f);
    int pass = 0, n = (int)(sizeof expect_outcomes / sizeof expect_outcomes[0]);
    for (int i = 0; i < n; i++) pass += expect_outcomes[i];
    assert_int_equal(st.passed, pass);
    assert_int_equal(st.failed, n - pass);
    assert_int_equal(st.errors, 0);
    t_free(&t);
}

/* ------------------------------------- votes: smallest set and shares */

/* Under consensus only objections block: an abstainer is never needed to
 * make a motion pass.  (Found against 0f5c66d, where the set also listed
 * abstainers sorting before the objector; fixed in 9ddfe44.) */
static void test_vote_consensus_smallest_set_ignores_abstainers(void **state)
{
    (void)state;
    T t;
    t_load(&t, VOTE_WORLD, 20160101);
    Result *r = t_run(&t, "does CONS adopt \"m\" with votes abstain A no B");
    assert_string_equal(r->verdict, "fails");
    assert_tally(r, 3, 1, 1, 1);
    assert_string_equal(names(&t, &r->vetoes), "B");
    assert_string_equal(names(&t, &r->pivotal), "B");
    assert_string_equal(names(&t, &r->to_pass), "B");
    /* under unanimity the abstainer is needed */
    r = t_run(&t, "does UNAN adopt \"m\" with votes abstain A no B");
    assert_string_equal(names(&t, &r->to_pass), "A, B");
    t_free(&t);
}

/* A weighted vote counts exactly the shares that share(x, ORG) returns.
 * (Found against 0f5c66d, where a former member's declared share lowered
 * share() of the others but not their weight in a vote; fixed in 9ddfe44.) */
static void test_vote_weights_are_the_shares(void **state)
{
    (void)state;
    T t;
    t_load(&t, "state A, B, C;\n"
               "organisation WX { decides by weighted by budget;\n"
               "  member A from 2000 until 2010; member B, C; budget 10 USD { A 50%; } }\n",
               20160101);
    double a = t_run(&t, "eval share(A, WX)")->value.u.n;
    double b = t_run(&t, "eval share(B, WX)")->value.u.n;
    double c = t_run(&t, "eval share(C, WX)")->value.u.n;
    assert_num(a + b + c, 100);
    Result *r = t_run(&t, "does WX adopt \"m\"");
    assert_num(r->w_yes, b + c);
    r = t_run(&t, "does WX adopt \"m\" with votes no C");
    assert_num(r->w_yes, b);
    assert_string_equal(r->verdict, b > 50 ? "passes" : "fails");
    /* while A was a member, its declared share counted */
    r = t_run(&t, "does WX adopt \"m\" with votes no A at 2005");
    assert_num(r->w_yes, t_run(&t, "eval share(B, WX) + share(C, WX) at 2005")->value.u.n);
    assert_num(r->w_yes, 50);
    assert_int_equal(r->fail_kind, FAIL_WEIGHT);
    t_free(&t);
}

static void test_repeated_supposition_is_one_violation(void **state)
{
    (void)state;
    T t;
    t_load(&t, DEFENCE_WORLD, 20160101);
    suppose(&t, SUP_ATTACK, "A", "B");
    suppose(&t, SUP_ATTACK, "A", "B");
    Result *r = t_run(&t, "violations");
    assert_int_equal(count_violations(r, PR_NON_AGGRESSION, id(&t, "CSTO")), 1);
    /* a different pair is another violation */
    suppose(&t, SUP_ATTACK, "B", "A");
    r = t_run(&t, "violations");
    assert_int_equal(count_violations(r, PR_NON_AGGRESSION, id(&t, "CSTO")), 2);
    t_free(&t);
}

/* Members whose declared shares add up to less than 100% between them (the
 * rest belongs to a party that is not a member yet) hold the whole budget,
 * in proportion: a unanimous yes passes. */
static void test_weighted_shares_scaled_to_the_members(void **state)
{
    (void)state;
    T t;
    t_load(&t, "state A, B, C, D;\n"
               "organisation O { decides by weighted by budget; member A, B; member C since 2030;\n"
               "  budget 10 EUR { A 25%; B 25%; C 50%; } }\n"
               "organisation P { decides by weighted by budget; member A, B, D; member C since 2030;\n"
               "  budget 10 EUR { A 25%; B 25%; C 40%; } }\n",
               20200101);
    Result *r = t_run(&t, "does O adopt \"m\"");
    assert_string_equal(r->verdict, "passes");
    assert_num(r->w_yes, 100);
    assert_num(t_run(&t, "eval share(A, O)")->value.u.n, 50);
    assert_num(t_run(&t, "eval share(C, O)")->value.u.n, 0);
    r = t_run(&t, "does O adopt \"m\" with votes no B");
    assert_string_equal(r->verdict, "fails");
    assert_num(r->w_yes, 50);
    assert_non_null(strstr(reason_of(r, RK_VOTE, 0)->detail, "50%"));
    /* C's declared share does not count before C joins, and the reasons say so */
    const Reason *idle = reason_of(r, RK_INFO, 0);
    assert_non_null(idle);
    assert_int_equal(idle->held, -1);
    assert_non_null(strstr(rtext(&t, r, idle), "C declares a share of 50%"));
    assert_non_null(strstr(rtext(&t, r, idle), "does not count"));
    assert_int_equal(loc_line(idle->loc), 3);
    /* once C is a member, the shares are as declared */
    assert_num(t_run(&t, "eval share(A, O) at 2031")->value.u.n, 25);
    r = t_run(&t, "does O adopt \"m\" with votes no C at 2031");
    assert_num(r->w_yes, 50);
    assert_int_equal(count_reasons(r, RK_INFO), 0);
    /* a member without a declared share takes the rest: nothing is scaled */
    assert_num(t_run(&t, "eval share(A, P)")->value.u.n, 25);
    assert_num(t_run(&t, "eval share(D, P)")->value.u.n, 50);
    /* share() over every member, in one query, adds up to the whole */
    assert_num(t_run(&t, "eval share(A, O) + share(B, O) + share(C, O) + share(D, O)")->value.u.n, 100);
    t_free(&t);
}

/* The count of votes needed is worked out in 64 bits. */
static void test_votes_needed_for_large_organisations(void **state)
{
    (void)state;
    Decision d;
    memset(&d, 0, sizeof d);
    d.kind = DEC_QUALIFIED;
    d.num = 1000;
    d.den = 1000;
    assert_int_equal(votes_needed(&d, 3000000), 3000000);
    d.num = 999;
    assert_int_equal(votes_needed(&d, 2200000), 2197800);
    d.num = 2;
    d.den = 3;
    assert_int_equal(votes_needed(&d, 4), 3);
    assert_int_equal(votes_needed(&d, 0), 1);
    d.kind = DEC_MAJORITY;
    assert_int_equal(votes_needed(&d, 2000000000), 1000000001);
    assert_int_equal(votes_needed(&d, 0), 1);
}

/* Aid from the victim to its own attacker breaks no neutrality: the
 * principle is about aiding the attacker of another member. */
static void test_neutrality_not_for_aid_to_ones_own_attacker(void **state)
{
    (void)state;
    T t;
    t_load(&t, DEFENCE_WORLD, 20160101);
    suppose(&t, SUP_ATTACK, "IMT", "B");           /* B and D are in NP (neutrality) */
    suppose(&t, SUP_AID, "B", "IMT");
    Result *r = t_run(&t, "violations");
    assert_string_equal(r->verdict, "clean");
    suppose(&t, SUP_AID, "D", "IMT");              /* D aids the attacker of B: that one counts */
    r = t_run(&t, "violations");
    assert_int_equal(count_violations(r, PR_NEUTRALITY, id(&t, "NP")), 1);
    assert_non_null(strstr(reason_of(r, RK_VIOLATION, 0)->detail, "D aids IMT"));
    t_free(&t);
}

/* `who must defend A against A` is refused like `suppose attack by A on A`. */
static void test_defend_against_itself_rejected(void **state)
{
    (void)state;
    T t;
    t_load(&t, DEFENCE_WORLD, 20160101);
    Query *q = t_parse(&t, "who must defend A against A");
    int before = t.diag.errors;
    assert_int_equal(resolve_query(t.w, q, &t.diag), 1);
    assert_int_equal(t.diag.errors, before + 1);
    const Diagnostic *dg = &t.diag.items[t.diag.n - 1];
    assert_non_null(strstr(dg->msg, "'A' cannot act against itself here"));
    assert_int_equal(loc_line(dg->loc), loc_line(q->loc));
    assert_int_equal(loc_col(dg->loc), loc_col(q->loc));
    q = t_parse(&t, "who must defend A against B");
    assert_int_equal(resolve_query(t.w, q, &t.diag), 0);
    t_free(&t);
}

/* ------------------------------------------------ obligations written out */

static const char *const PACT_WORLD =
    "state A, B, C, D, E;\n"
    "actor X;\n"
    "organisation ONE { founded 1960-06-23; member A, B since 1960-06-23;\n"
    "  A owes defence to B;\n"                                  /* 0 */
    "  B owes consultation to A from 1970 until 1980; }\n"      /* 1 */
    "organisation GUAR { member C, D; members owe defence to E since 2000; }\n"   /* 2 */
    "organisation ALL { member A, C, D; members owe defense to members; principle collective_defence; }\n";

/* A batch keeps each obligation's text once (ReasonTexts): two answers
 * that print one obligation get the same text, made once, and the same
 * words as an answer that keeps none. */
static void test_reason_texts_are_made_once(void **state)
{
    (void)state;
    T t;
    t_load(&t, PACT_WORLD, 20050101);
    ReasonTexts kept;
    reason_texts_init(&kept);
    Result *first = t_run(&t, "who must defend B");
    Result *again = t_run(&t, "who must defend B at 2006-01-01");
    const char *plain = rtext(&t, first, reason_of(first, RK_OBLIGATION, 0));
    first->texts = again->texts = &kept;
    const char *a = rtext(&t, first, reason_of(first, RK_OBLIGATION, 0));
    const char *b = rtext(&t, again, reason_of(again, RK_OBLIGATION, 0));
    assert_ptr_equal(a, b);
    assert_string_equal(a, plain);
    assert_string_equal(a, "ONE: A owes defence to B");
    assert_non_null(kept.by_obl);
    assert_ptr_equal(kept.by_obl[0], a);               /* obligation 0, kept in its slot */
    assert_null(kept.by_obl[1]);                       /* none other asked for */
    reason_texts_free(&kept);
    t_free(&t);
}

/* Each obligation found says which one it is, whom it binds, to whom, in
 * which period; a one-sided pact binds one side only. */
static void test_obligations_answer_who_must_defend(void **state)
{
    (void)state;
    T t;
    t_load(&t, PACT_WORLD, 20050101);
    Result *r = t_run(&t, "who must defend B");
    assert_string_equal(names(&t, &r->set), "A");
    const Reason *ob = reason_of(r, RK_OBLIGATION, 0);
    assert_non_null(ob);
    assert_int_equal(ob->obl, 1);                      /* obligation 0 */
    assert_int_equal(ob->org, id(&t, "ONE"));
    assert_int_equal(ob->held, 1);
    assert_int_equal(ob->decisive, 1);
    assert_string_equal(names(&t, &ob->parties), "A");
    assert_int_equal(ob->beneficiary, id(&t, "B"));
    assert_int_equal(ob->from, 19600623);              /* the organisation's founding */
    assert_int_equal(ob->until, DATE_END);
    assert_null(ob->own_text);                         /* made when printed, not when answered */
    assert_string_equal(rtext(&t, r, ob), "ONE: A owes defence to B");
    assert_string_equal(ob->detail, "defence since 1960-06-23: A must defend B");
    assert_int_equal(loc_line(ob->loc), 4);
    /* the other way round, nothing */
    assert_string_equal(set_of(&t, "who must defend A"), "C, D");
    r = t_run(&t, "who must consult A at 1975");
    assert_string_equal(names(&t, &r->set), "B");
    assert_string_equal(reason_of(r, RK_OBLIGATION, 0)->detail,
                        "consultation from 1970-01-01 until 1980-01-01: B must consult on A");
    /* a guarantee to a party that belongs to nothing */
    r = t_run(&t, "who must defend E");
    assert_string_equal(names(&t, &r->set), "C, D");
    assert_int_equal(reason_of(r, RK_OBLIGATION, 0)->beneficiary, id(&t, "E"));
    assert_int_equal(count_reasons(r, RK_INFO), 0);
    t_free(&t);
}

/* An obligation binds from the first day of its period and not on the day
 * its `until` names; outside, a note says it is not in force. */
static void test_obligation_periods_in_answers(void **state)
{
    (void)state;
    T t;
    t_load(&t, PACT_WORLD, 20050101);
    assert_string_equal(set_of(&t, "who must consult A at 1969-12-31"), "");
    assert_string_equal(set_of(&t, "who must consult A at 1970-01-01"), "B");
    assert_string_equal(set_of(&t, "who must consult A at 1979-12-31"), "B");
    Result *r = t_run(&t, "who must consult A at 1980-01-01");
    assert_int_equal(r->set.n, 0);
    const Reason *note = reason_of(r, RK_INFO, 0);
    assert_non_null(note);
    assert_int_equal(note->obl, 2);
    assert_string_equal(note->detail, "not in force on 1980-01-01");
    assert_string_equal(set_of(&t, "who must defend E at 1999-12-31"), "");
    assert_string_equal(set_of(&t, "who must defend E at 2000-01-01"), "C, D");
    /* nor before its organisation exists */
    assert_string_equal(set_of(&t, "who must defend B at 1960-06-22"), "");
    assert_string_equal(set_of(&t, "who must defend B at 1960-06-23"), "A");
    t_free(&t);
}

/* Written out, `members owe defence to members` covers an attack by a
 * member (the others defend); the principle does not.  Nobody defends
 * against itself, and a party that leaves owes nothing. */
static void test_obligations_and_attackers(void **state)
{
    (void)state;
    T t;
    t_load(&t, PACT_WORLD, 20050101);
    Result *r = t_run(&t, "who must defend A against C");
    assert_string_equal(names(&t, &r->set), "D");
    assert_int_equal(count_reasons(r, RK_OBLIGATION), 1);
    assert_int_equal(reason_of(r, RK_OBLIGATION, 0)->principle, PR_DECLARED);
    const Reason *p = reason_of(r, RK_PRINCIPLE, 0);     /* the principle: an attack from inside */
    assert_non_null(p);
    assert_int_equal(p->held, 0);
    assert_int_equal(p->principle, PR_COLLECTIVE_DEFENCE);
    assert_string_equal(set_of(&t, "who must defend B against A"), "");
    suppose(&t, SUP_LEAVE, "A", "ONE");
    assert_string_equal(set_of(&t, "who must defend B"), "");
    suppose(&t, SUP_JOIN, "E", "ALL");
    assert_string_equal(set_of(&t, "who must defend E"), "A, C, D");
    t_free(&t);
}

/* An organisation whose only other members are attackers (or that has no
 * other member) obliges nobody: an informative reason says so, and no
 * obligation is reported as held. */
/* A principle with a period binds only within it: from its first day to
 * the day before its end; every principle, not only those that are
 * obligations. */
static void test_principle_periods(void **state)
{
    (void)state;
    T t;
    t_load(&t, "state A, B, C, X;\n"
               "organisation EU { kind union; member A, B, C;\n"
               "  principle collective_defence since 2009-12-01;\n"
               "  principle non_aggression from 2000 until 2010;\n"
               "  principle non_interference until 2005;\n"
               "  principle exclusive union from 2001 until 2002; }\n"
               "organisation U2 { kind union; member C, X; }\n",
               20160101);
    assert_string_equal(set_of(&t, "who must defend A at 2009-11-30"), "");
    Result *r = t_run(&t, "who must defend A at 2009-11-30");
    assert_string_equal(reason_of(r, RK_INFO, 0)->detail, "not in force on 2009-11-30");
    r = t_run(&t, "who must defend A at 2009-12-01");
    assert_string_equal(names(&t, &r->set), "B, C");
    const Reason *ob = reason_of(r, RK_OBLIGATION, 0);
    assert_int_equal(ob->from, 20091201);
    assert_int_equal(ob->until, DATE_END);
    assert_string_equal(ob->detail, "defence since 2009-12-01: B, C must defend A");
    suppose(&t, SUP_ATTACK, "A", "B");
    assert_string_equal(t_run(&t, "violations at 1999-12-31")->verdict, "clean");
    assert_string_equal(t_run(&t, "violations at 2000-01-01")->verdict, "violated");
    assert_string_equal(t_run(&t, "violations at 2009-12-31")->verdict, "violated");
    assert_string_equal(t_run(&t, "violations at 2010-01-01")->verdict, "clean");
    overlay_pop(&t.ov);
    suppose(&t, SUP_INTERVENTION, "A", "C");
    assert_int_equal(count_violations(t_run(&t, "violations at 2004-12-31"), PR_NON_INTERFERENCE, 0), 1);
    assert_string_equal(t_run(&t, "violations at 2005-01-01")->verdict, "clean");
    overlay_pop(&t.ov);
    /* exclusivity: checked, and it stops a join, only within its dates */
    assert_string_equal(t_run(&t, "check at 2000-12-31")->verdict, "clean");
    r = t_run(&t, "check at 2001-01-01");
    assert_int_equal(count_violations(r, PR_EXCLUSIVE, id(&t, "EU")), 1);
    assert_non_null(strstr(reason_of(r, RK_VIOLATION, 0)->detail, "(the principle binds from 2001-01-01 until 2002-01-01)"));
    assert_string_equal(t_run(&t, "check at 2002-01-01")->verdict, "clean");
    assert_string_equal(t_run(&t, "can X join EU at 2001-06-01")->verdict, "no");
    r = t_run(&t, "can X join EU at 2002-01-01");
    assert_int_equal(count_reasons(r, RK_PRINCIPLE), 0);
    t_free(&t);
}

/* ANZUS, 1986: a suspension takes one party's obligations to another away
 * from its first day (a query on that day sees it) to the day before its
 * end; the answer says so in a reason of its own. */
static void test_suspensions_in_answers(void **state)
{
    (void)state;
    T t;
    t_load(&t, "state USA, AUL, NEW, X;\n"
               "organisation ANZUS { founded 1951-09-01; member USA, AUL, NEW since 1952-04-29;\n"
               "  members owe defence to members; members owe consultation to members;\n"
               "  members owe non_aggression to members;\n"
               "  USA suspends defence, consultation to NEW since 1986-09-17;\n"
               "  AUL suspends non_aggression to NEW from 1990 until 1991; }\n"
               "organisation Solo { member USA, NEW; USA owes defence to NEW; }\n",
               19900101);
    Result *r = t_run(&t, "who must defend NEW at 1986-09-16");
    assert_string_equal(names(&t, &r->set), "AUL, USA");
    assert_int_equal(count_reasons(r, RK_SUSPENSION), 0);
    r = t_run(&t, "who must defend NEW at 1986-09-17");
    assert_string_equal(names(&t, &r->set), "AUL, USA");       /* Solo's obligation stands */
    assert_int_equal(count_reasons(r, RK_SUSPENSION), 1);
    const Reason *s = reason_of(r, RK_SUSPENSION, 0);
    assert_int_equal(s->held, 0);
    assert_int_equal(s->decisive, 0);
    assert_int_equal(s->susp, 1);
    assert_int_equal(s->obl, 1);
    assert_int_equal(s->org, id(&t, "ANZUS"));
    assert_int_equal(s->beneficiary, id(&t, "NEW"));
    assert_string_equal(names(&t, &s->parties), "USA");
    assert_int_equal(loc_line(s->loc), 5);
    assert_string_equal(rtext(&t, r, s), "ANZUS: USA suspends defence, consultation to NEW since 1986-09-17");
    assert_string_equal(s->detail, "USA owes NEW no defence: suspended since 1986-09-17");
    assert_string_equal(names(&t, &reason_of(r, RK_OBLIGATION, 0)->parties), "AUL");
    assert_string_equal(set_of(&t, "who must consult NEW"), "AUL");
    assert_string_equal(set_of(&t, "who must defend AUL"), "NEW, USA");   /* only towards NEW */
    /* a party suspended towards an attacker's target is not counted twice */
    suppose(&t, SUP_LEAVE, "USA", "Solo");
    assert_string_equal(set_of(&t, "who must defend NEW"), "AUL");
    suppose(&t, SUP_LEAVE, "AUL", "ANZUS");
    r = t_run(&t, "who must defend NEW");
    assert_int_equal(r->set.n, 0);
    assert_int_equal(count_reasons(r, RK_SUSPENSION), 1);          /* not "nobody is left" in ANZUS */
    assert_int_equal(count_reasons(r, RK_INFO), 1);
    assert_int_equal(reason_of(r, RK_INFO, 0)->org, id(&t, "Solo"));
    overlay_pop(&t.ov);
    overlay_pop(&t.ov);
    /* a suspended promise not to attack is not broken, and the answer says why */
    suppose(&t, SUP_ATTACK, "AUL", "NEW");
    assert_string_equal(t_run(&t, "violations at 1989-12-31")->verdict, "violated");
    r = t_run(&t, "violations at 1990-01-01");
    assert_string_equal(r->verdict, "clean");
    assert_int_equal(count_reasons(r, RK_SUSPENSION), 1);
    assert_string_equal(reason_of(r, RK_SUSPENSION, 0)->detail,
                        "AUL owes NEW no non_aggression: suspended from 1990-01-01 until 1991-01-01");
    assert_string_equal(t_run(&t, "violations at 1990-12-31")->verdict, "clean");
    assert_string_equal(t_run(&t, "violations at 1991-01-01")->verdict, "violated");
    t_free(&t);
}

/* ANZUS with its suspension, a one-sided pact with a period, and an
 * organisation with exceptions on both sides: the world of the tests of
 * obligations of X and obligations to X. */
static const char obligations_world[] =
    "state USA, AUL, NEW, JPN, FRN, MLT, X;\n"
    "organisation ANZUS { founded 1951-09-01; member USA, AUL, NEW since 1952-04-29;\n"
    "  members owe defence to members; members owe consultation to members;\n"
    "  USA suspends defence to NEW since 1986-09-17; }\n"
    "organisation USJapan { member USA, JPN; USA owes defence to JPN until 2000;\n"
    "  JPN owes consultation to USA; }\n"
    "organisation EU { member FRN, MLT, USA;\n"
    "  members except USA owe defence to members except MLT; }\n";

/* obligations of X: whom X owes what on a date, one reason per obligation
 * with X as the obliged party and the others as its beneficiaries; found
 * through the index by obliged party (named, or `members` of X's
 * organisations), with suspensions and exceptions as in who must defend. */
static void test_obligations_of(void **state)
{
    (void)state;
    T t;
    t_load(&t, obligations_world, 19900101);
    Result *r = t_run(&t, "obligations of USA kind defence");
    assert_int_equal(r->answer, ANS_SET);
    assert_string_equal(names(&t, &r->set), "AUL, JPN");          /* excepted in EU */
    assert_int_equal(count_reasons(r, RK_OBLIGATION), 2);
    const Reason *o = reason_of(r, RK_OBLIGATION, 0);
    assert_int_equal(o->held, 1);
    assert_int_equal(o->decisive, 1);
    assert_int_equal(o->org, id(&t, "ANZUS"));
    assert_int_equal(o->obl, 1);
    assert_int_equal(o->beneficiary, 0);
    assert_string_equal(names(&t, &o->parties), "USA");
    assert_string_equal(names(&t, &o->beneficiaries), "AUL");
    assert_int_equal(o->from, 19510901);
    assert_int_equal(o->until, DATE_END);
    assert_string_equal(o->detail, "defence since 1951-09-01: USA owes AUL");
    const Reason *s = reason_of(r, RK_SUSPENSION, 0);
    assert_non_null(s);
    assert_int_equal(s->held, 0);
    assert_int_equal(s->susp, 1);
    assert_string_equal(names(&t, &s->beneficiaries), "NEW");
    assert_string_equal(s->detail, "USA owes NEW no defence: suspended since 1986-09-17");
    const Reason *e = reason_of(r, RK_EXCEPTION, 0);
    assert_non_null(e);
    assert_int_equal(e->org, id(&t, "EU"));
    assert_string_equal(e->detail, "USA is excepted: it owes no defence under this obligation");
    o = reason_of(r, RK_OBLIGATION, 1);
    assert_int_equal(o->org, id(&t, "USJapan"));
    assert_string_equal(o->detail, "defence until 2000-01-01: USA owes JPN");
    /* the last day of a period, and the first day after it */
    assert_string_equal(set_of(&t, "obligations of USA kind defence at 1999-12-31"), "AUL, JPN");
    r = t_run(&t, "obligations of USA kind defence at 2000-01-01");
    assert_string_equal(names(&t, &r->set), "AUL");
    assert_int_equal(count_reasons(r, RK_INFO), 1);
    assert_string_equal(reason_of(r, RK_INFO, 0)->detail, "not in force on 2000-01-01");
    /* the first day of a suspension; the excepted beneficiary */
    assert_string_equal(set_of(&t, "obligations of USA at 1986-09-16"), "AUL, JPN, NEW");
    assert_string_equal(set_of(&t, "obligations of USA kind defence at 1986-09-17"), "AUL, JPN");
    r = t_run(&t, "obligations of FRN");
    assert_string_equal(names(&t, &r->set), "USA");
    e = reason_of(r, RK_EXCEPTION, 0);
    assert_non_null(e);
    assert_string_equal(names(&t, &e->beneficiaries), "MLT");
    assert_string_equal(e->detail, "MLT is excepted: FRN owes it no defence under this obligation");
    assert_string_equal(set_of(&t, "obligations of JPN"), "USA");
    /* a party owing nothing, and one before its membership */
    r = t_run(&t, "obligations of X");
    assert_int_equal(r->set.n, 0);
    assert_int_equal(count_reasons(r, RK_INFO), 1);
    assert_string_equal(rtext(&t, r, reason_of(r, RK_INFO, 0)), "X owes no obligation on 1990-01-01");
    assert_string_equal(r->summary, "X owes nobody any obligation");
    assert_string_equal(set_of(&t, "obligations of NEW at 1952-04-28"), "");
    assert_string_equal(set_of(&t, "obligations of NEW at 1952-04-29"), "AUL, USA");
    /* the suppositions count: a member that leaves owes nothing there */
    suppose(&t, SUP_LEAVE, "USA", "USJapan");
    assert_string_equal(set_of(&t, "obligations of USA kind defence"), "AUL");
    assert_string_equal(set_of(&t, "obligations of JPN"), "USA");   /* a named beneficiary need not be a member */
    suppose(&t, SUP_LEAVE, "JPN", "USJapan");
    r = t_run(&t, "obligations of JPN");
    assert_int_equal(r->set.n, 0);
    assert_string_equal(reason_of(r, RK_INFO, 0)->detail, "JPN is not a member of USJapan on 1990-01-01");
    overlay_pop(&t.ov);
    overlay_pop(&t.ov);
    t_free(&t);
}

/* obligations to X: who owes X what on a date, one reason per obligation
 * with X as its beneficiary, through the index by beneficiary. */
static void test_obligations_to(void **state)
{
    (void)state;
    T t;
    t_load(&t, obligations_world, 19900101);
    Result *r = t_run(&t, "obligations to NEW kind defence");
    assert_int_equal(r->answer, ANS_SET);
    assert_string_equal(names(&t, &r->set), "AUL");
    const Reason *o = reason_of(r, RK_OBLIGATION, 0);
    assert_int_equal(o->held, 1);
    assert_int_equal(o->org, id(&t, "ANZUS"));
    assert_int_equal(o->beneficiary, id(&t, "NEW"));
    assert_string_equal(names(&t, &o->parties), "AUL");
    assert_int_equal(o->beneficiaries.n, 0);
    assert_string_equal(o->detail, "defence since 1951-09-01: AUL owes NEW");
    const Reason *s = reason_of(r, RK_SUSPENSION, 0);
    assert_non_null(s);
    assert_string_equal(names(&t, &s->parties), "USA");
    assert_string_equal(s->detail, "USA owes NEW no defence: suspended since 1986-09-17");
    assert_string_equal(set_of(&t, "obligations to NEW"), "AUL, USA");      /* USA still consults */
    assert_string_equal(set_of(&t, "obligations to NEW kind defence at 1986-09-16"), "AUL, USA");
    /* the last day of a period and the day after it */
    assert_string_equal(set_of(&t, "obligations to JPN at 1999-12-31"), "USA");
    r = t_run(&t, "obligations to JPN at 2000-01-01");
    assert_int_equal(r->set.n, 0);
    assert_string_equal(reason_of(r, RK_INFO, 0)->detail, "not in force on 2000-01-01");
    /* exceptions on both sides */
    r = t_run(&t, "obligations to FRN");
    assert_string_equal(names(&t, &r->set), "MLT");
    assert_string_equal(reason_of(r, RK_OBLIGATION, 0)->detail, "defence at all dates: MLT owes FRN");
    assert_string_equal(names(&t, &reason_of(r, RK_EXCEPTION, 0)->parties), "USA");
    r = t_run(&t, "obligations to MLT");
    assert_int_equal(r->set.n, 0);
    assert_string_equal(reason_of(r, RK_EXCEPTION, 0)->detail,
                        "MLT is excepted: it is owed no defence under this obligation");
    r = t_run(&t, "obligations to X");
    assert_int_equal(r->set.n, 0);
    assert_string_equal(rtext(&t, r, reason_of(r, RK_INFO, 0)), "X is owed no obligation on 1990-01-01");
    assert_string_equal(r->summary, "nobody owes X any obligation");
    t_free(&t);

    /* an organisation of one member: nobody is left on the other side */
    t_load(&t, "state A;\norganisation Solo { member A; members owe defence to members; }\n", 19900101);
    r = t_run(&t, "obligations to A");
    assert_int_equal(r->set.n, 0);
    assert_int_equal(count_reasons(r, RK_OBLIGATION), 0);
    assert_string_equal(reason_of(r, RK_INFO, 0)->detail, "no party it binds is left to owe it to A");
    r = t_run(&t, "obligations of A");
    assert_int_equal(r->set.n, 0);
    assert_int_equal(count_reasons(r, RK_OBLIGATION), 0);
    assert_string_equal(reason_of(r, RK_INFO, 0)->detail, "no other party is left for A to owe it to");
    t_free(&t);
}

/* Article 42(7) TEU with the neutral members carved out: the excepted owe
 * nothing under that obligation but are owed it; an exception on the
 * beneficiary side protects nobody there.  Both say so in an `exception`
 * reason; a suspension still comes after. */
static void test_exceptions_in_answers(void **state)
{
    (void)state;
    T t;
    t_load(&t, "state AUS, IRE, FRN, GMY, MLT, X;\n"
               "organisation EU { member FRN, GMY, IRE, MLT; member AUS since 1995;\n"
               "  members except AUS, IRE, X owe defence to members since 2009-12-01;\n"
               "  members owe non_aggression to members except MLT;\n"
               "  FRN suspends defence to GMY since 2020; }\n",
               20100101);
    Result *r = t_run(&t, "who must defend FRN at 2009-12-01");
    assert_string_equal(names(&t, &r->set), "GMY, MLT");
    const Reason *e = reason_of(r, RK_EXCEPTION, 0);
    assert_non_null(e);
    assert_int_equal(e->held, 0);
    assert_int_equal(e->obl, 1);
    assert_string_equal(names(&t, &e->parties), "AUS, IRE");          /* X is no member: not named */
    assert_string_equal(e->detail, "AUS, IRE are excepted: they owe FRN no defence under this obligation");
    assert_string_equal(set_of(&t, "who must defend AUS"), "FRN, GMY, MLT");   /* owed, though excepted */
    r = t_run(&t, "who must defend IRE against FRN");
    assert_string_equal(names(&t, &r->set), "GMY, MLT");
    assert_string_equal(reason_of(r, RK_EXCEPTION, 0)->detail,
                        "AUS is excepted: it owes IRE no defence under this obligation");
    assert_string_equal(set_of(&t, "who must defend FRN at 2009-11-30"), "");
    /* a suspension and an exception in one answer */
    r = t_run(&t, "who must defend GMY at 2020-01-01");
    assert_string_equal(names(&t, &r->set), "MLT");
    assert_int_equal(count_reasons(r, RK_EXCEPTION), 1);
    assert_int_equal(count_reasons(r, RK_SUSPENSION), 1);
    /* every other member attacks: nobody is bound, and the exception says why */
    r = t_run(&t, "who must defend AUS against IRE");
    assert_string_equal(names(&t, &r->set), "FRN, GMY, MLT");
    /* the beneficiary side: nothing is owed to MLT, so no violation */
    suppose(&t, SUP_ATTACK, "FRN", "MLT");
    r = t_run(&t, "violations");
    assert_string_equal(r->verdict, "clean");
    e = reason_of(r, RK_EXCEPTION, 0);
    assert_non_null(e);
    assert_string_equal(e->detail, "MLT is excepted: it is owed no non_aggression under this obligation");
    assert_int_equal(e->parties.n, 0);
    overlay_pop(&t.ov);
    suppose(&t, SUP_ATTACK, "MLT", "FRN");
    assert_string_equal(t_run(&t, "violations")->verdict, "violated");
    t_free(&t);
}

static void test_obligation_with_nobody_left(void **state)
{
    (void)state;
    T t;
    t_load(&t, "state A, B, X;\n"
               "organisation SOLO { member A; principle collective_defence; }\n"
               "organisation PAIR { member A, B; principle collective_defence; }\n",
               20160101);
    Result *r = t_run(&t, "who must defend A");
    assert_string_equal(names(&t, &r->set), "B");
    assert_int_equal(count_reasons(r, RK_OBLIGATION), 1);     /* PAIR only */
    const Reason *info = reason_of(r, RK_INFO, 0);
    assert_non_null(info);
    assert_int_equal(info->held, -1);
    assert_int_equal(info->decisive, 0);
    assert_int_equal(info->org, id(&t, "SOLO"));
    assert_string_equal(info->detail, "no other member of SOLO is left to defend A");
    /* B attacks from outside SOLO but from inside PAIR: nobody is bound */
    suppose(&t, SUP_ATTACK, "B", "A");
    suppose(&t, SUP_ATTACK, "X", "A");
    r = t_run(&t, "who must defend A");
    assert_int_equal(r->set.n, 0);
    assert_int_equal(count_reasons(r, RK_OBLIGATION), 0);
    assert_null(decisive(r));
    assert_string_equal(r->summary, "nobody must defend A");
    assert_string_equal(reason_of(r, RK_INFO, 0)->detail, "no other member of PAIR is left to defend A");
    assert_string_equal(reason_of(r, RK_INFO, 1)->detail, "no other member of SOLO is left to defend A");
    assert_int_equal(reason_of(r, RK_PRINCIPLE, 0)->held, 0);   /* B attacks from inside PAIR */
    t_free(&t);
}

/* Exclusivity: each member's organisations are read once; violations come
 * out by principle, then member, then the other organisation. */
static void test_exclusivity_violations_in_order(void **state)
{
    (void)state;
    T t;
    t_load(&t, "state A, B, C;\n"
               "organisation O { member A, B, C; principle exclusive k1; principle neutrality; principle exclusive k2; }\n"
               "organisation K1b { kind k1; member A; }\n"
               "organisation K1a { kind k1; member A, B; }\n"
               "organisation K2 { kind k2; member A, C; }\n",
               20160101);
    Result *r = t_run(&t, "check");
    assert_int_equal(count_reasons(r, RK_VIOLATION), 5);
    const char *want[] = {
        "A is a member of O and of K1a, a k1", "A is a member of O and of K1b, a k1",
        "B is a member of O and of K1a, a k1", "A is a member of O and of K2, a k2",
        "C is a member of O and of K2, a k2",
    };
    for (int i = 0; i < 5; i++) assert_string_equal(reason_of(r, RK_VIOLATION, i)->detail, want[i]);
    t_free(&t);
}

/* An outcome: its status, the attack that gave it, and the statuses of
 * that attack for the two conditions (against, then in). */
static void assert_outcome(CondOutcome oc, CondStatus status, int attack, int against, CondStatus s_against, int in,
                           CondStatus s_in)
{
    assert_int_equal(oc.status, status);
    assert_int_equal(oc.attack, attack);
    assert_int_equal(oc.each[against], s_against);
    assert_int_equal(oc.each[in], s_in);
}

/* conditions_settle() over several attacks: the best outcome wins (met,
 * then open, then failed), the statuses returned are those of the attack
 * that gave it even when later attacks were looked at, and attacks by a
 * party in `skip` are passed over. */
static void test_conditions_settle_keeps_the_best_attack(void **state)
{
    (void)state;
    T t;
    t_load(&t, "state A, B, C, D;\n"
               "place Here; place There;\n"
               "organisation O { member A, B, C, D; B owes defence to A against C, D in Here; }\n",
           20200101);
    World *w = t.w;
    const Obligation *ob = &w->obls.items[0];
    assert_int_equal(ob->conds.n, 2);
    int against = ob->conds.items[0].kind == CD_AGAINST ? 0 : 1, in = 1 - against;
    EntId a = id(&t, "A"), c = id(&t, "C"), d = id(&t, "D"), here = id(&t, "Here"), there = id(&t, "There");
    /* by C, place unsaid: open; by D in There: failed; by nobody known in Here: open.
     * The first wins, though the second was looked at last. */
    Attack three[3] = { { c, a, ENT_NONE, ENT_NONE, 0, 0 }, { d, a, there, ENT_NONE, 0, 0 },
                        { ENT_NONE, a, here, ENT_NONE, 0, 0 } };
    assert_outcome(conditions_settle(w, &t.scratch, ob, three, 2, NULL, t.c.date), CS_OPEN, 0, against, CS_MET, in,
                   CS_OPEN);
    /* by D in Here: met, and the attacks after it are not needed */
    Attack met[2] = { { d, a, there, ENT_NONE, 0, 0 }, { d, a, here, ENT_NONE, 0, 0 } };
    assert_outcome(conditions_settle(w, &t.scratch, ob, met, 2, NULL, t.c.date), CS_MET, 1, against, CS_MET, in,
                   CS_MET);
    /* every attack fails: the first failure is kept, with its statuses */
    Attack failed[2] = { { d, a, there, ENT_NONE, 0, 0 }, { a, a, here, ENT_NONE, 0, 0 } };
    assert_outcome(conditions_settle(w, &t.scratch, ob, failed, 2, NULL, t.c.date), CS_FAILED, 0, against, CS_MET,
                   in, CS_FAILED);
    /* D skipped: only the attack by C counts */
    EntList skip = { 0 };
    vec_push(&t.scratch, &skip, d);
    assert_int_equal(conditions_settle(w, &t.scratch, ob, met, 2, &skip, t.c.date).attack, -1);
    assert_outcome(conditions_settle(w, &t.scratch, ob, three, 3, &skip, t.c.date), CS_OPEN, 0, against, CS_MET, in,
                   CS_OPEN);
    t_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_can_join_yes),
        cmocka_unit_test(test_can_join_conditional_with_residual),
        cmocka_unit_test(test_can_join_no_requirement),
        cmocka_unit_test(test_can_join_no_principle),
        cmocka_unit_test(test_can_join_no_rule),
        cmocka_unit_test(test_can_join_no_already),
        cmocka_unit_test(test_can_join_dissolved_and_not_founded),
        cmocka_unit_test(test_who_must_defend),
        cmocka_unit_test(test_attacker_inside_gives_no_obligation),
        cmocka_unit_test(test_who_must_defend_nobody),
        cmocka_unit_test(test_who_must_consult),
        cmocka_unit_test(test_violations_non_aggression),
        cmocka_unit_test(test_violations_non_interference),
        cmocka_unit_test(test_violations_neutrality),
        cmocka_unit_test(test_violations_exclusivity),
        cmocka_unit_test(test_check_constraints),
        cmocka_unit_test(test_vote_consensus),
        cmocka_unit_test(test_vote_unanimity_with_abstention),
        cmocka_unit_test(test_vote_majority),
        cmocka_unit_test(test_vote_qualified_majority),
        cmocka_unit_test(test_vote_weighted_by_budget),
        cmocka_unit_test(test_vote_smallest_set_to_pass_weighted),
        cmocka_unit_test(test_vote_non_members_ignored),
        cmocka_unit_test(test_vote_no_rule),
        cmocka_unit_test(test_members_and_organisations_of),
        cmocka_unit_test(test_expectation_holds_in_a_scenario),
        cmocka_unit_test(test_expectation_messages),
        cmocka_unit_test(test_expectation_set_differences),
        cmocka_unit_test(test_scenario_run_counts),
        cmocka_unit_test(test_vote_consensus_smallest_set_ignores_abstainers),
        cmocka_unit_test(test_vote_weights_are_the_shares),
        cmocka_unit_test(test_repeated_supposition_is_one_violation),
        cmocka_unit_test(test_weighted_shares_scaled_to_the_members),
        cmocka_unit_test(test_votes_needed_for_large_organisations),
        cmocka_unit_test(test_neutrality_not_for_aid_to_ones_own_attacker),
        cmocka_unit_test(test_defend_against_itself_rejected),
        cmocka_unit_test(test_obligation_with_nobody_left),
        cmocka_unit_test(test_principle_periods),
        cmocka_unit_test(test_suspensions_in_answers),
        cmocka_unit_test(test_exceptions_in_answers),
        cmocka_unit_test(test_obligations_answer_who_must_defend),
        cmocka_unit_test(test_reason_texts_are_made_once),
        cmocka_unit_test(test_obligation_periods_in_answers),
        cmocka_unit_test(test_obligations_and_attackers),
        cmocka_unit_test(test_obligations_of),
        cmocka_unit_test(test_conditions_settle_keeps_the_best_attack),
        cmocka_unit_test(test_obligations_to),
        cmocka_unit_test(test_exclusivity_violations_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
