/* test_eval.c — expressions: `eval` queries parsed in PARSE_QUERY mode
 * against a loaded world (resolve_query + query_run), and eval_expr() /
 * eval_cond() called directly with bindings.
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
#include "eval.h"

/* ------------------------------------------------------------------ helpers */

static const char *const WORLD =
    "state A \"Alpha\" { region \"Central Asia\"; borders B; tags \"landlocked\"; }\n"   /* 1 */
    "state B { region \"South Asia\"; }\n"                                          /* 2 */
    "state C, D, E;\n"                                                              /* 3 */
    "actor G \"Group\" { kind non_state; based_in A; }\n"                           /* 4 */
    "organisation O \"Org\" {\n"                                                    /* 5 */
    "  kind military_alliance;\n"
    "  founded 2000-01-01;\n"
    "  member A, B since 2000;\n"
    "  member C from 2000 until 2010;\n"
    "  observer D since 2005;\n"
    "  partner G since 2001;\n"
    "  budget 10 million USD { A 40%; }\n"
    "}\n"
    "organisation P { kind forum; member A, E; observer B; }\n"                     /* 14 */
    "organisation Q { kind forum; founded 2001; dissolved 2012; member B, C; }\n"  /* 15 */
    "rule neighbour(a, b) = borders(a, b) or borders(b, a);\n"                     /* 16 */
    "rule in_both(x, o1, o2) = member_of(x, o1) and member_of(x, o2);\n"
    "rule big(o) = count(members(o)) >= 3;\n"
    "rule neg(x) = not x;\n"                                                        /* 19 */
    "rule lt(a, b) = a < b;\n"                                                      /* 20 */
    "rule eq(a, b) = a == b;\n"                                                     /* 21 */
    "rule loop(x) = loop(x);\n"                                                     /* 22 */
    "rule even(x) = odd(x);\n"                                                      /* 23 */
    "rule odd(x) = even(x);\n"                                                      /* 24 */
    "rule reaches_a(x) = x == A or reaches_a(A);\n"                                 /* 25 */
    "rule m(x, o) = member_of(x, o);\n"                                             /* 26 */
    "rule fd(x) = x.founded;\n"                                                     /* 27 */
    "rule cnt(x) = count(x);\n"                                                     /* 28 */
    "rule every(s) = all v in s: v;\n"                                              /* 29 */
    "rule mems(o) = members(o);\n"                                                  /* 30 */
    "rule shr(x, o) = share(x, o);\n"                                               /* 31 */
    "rule knd(o) = kind(o);\n";                                                     /* 32 */

static World *t_load(T *t, const char *text) { return t_load_at(t, text, 20160101); }

/* Parses, checks and runs a query that must pass the static checks. */
static Result *t_run(T *t, const char *text) { return t_query(t, text); }

/* The number of errors that resolve_query reports for a query. */
static int t_static_errors(T *t, const char *text, const char *sub)
{
    Query *q = t_parse(t, text);
    int n = resolve_query(t->w, q, &t->diag);
    if (sub) {
        int found = 0;
        for (int i = 0; i < t->diag.n; i++) if (strstr(t->diag.items[i].msg, sub)) found = 1;
        if (!found) {
            dump_diags(&t->diag);
            fail_msg("no error containing \"%s\" for: %s", sub, text);
        }
    }
    return n;
}

static Value t_value(T *t, const char *text)
{
    Result *r = t_run(t, text);
    if (r->error) {
        dump_diags(&t->diag);
        fail_msg("evaluation failed: %s", text);
    }
    assert_int_equal(r->answer, ANS_VALUE);
    return r->value;
}

static int t_bool(T *t, const char *text)
{
    Value v = t_value(t, text);
    if (v.k != V_BOOL) fail_msg("not a truth value (%s): %s", value_type_name(v.k), text);
    return v.u.b;
}

static double t_num(T *t, const char *text)
{
    Value v = t_value(t, text);
    if (v.k != V_NUM) fail_msg("not a number (%s): %s", value_type_name(v.k), text);
    return v.u.n;
}

/* The value as text ("{A, B}", "2016-08-03", "\"s\""...). */
static const char *t_text(T *t, const char *text)
{
    return value_text(t->w, &t->scratch, t_value(t, text));
}

/* Runs a query that passes the static checks but fails at run time with an
 * error containing `sub`; returns that diagnostic. */
static const Diagnostic *t_runtime_error(T *t, const char *text, const char *sub)
{
    int before = t->diag.n, errors = t->diag.errors;
    Result *r = t_run(t, text);
    if (!r->error) fail_msg("no error for: %s (got %s)", text, value_text(t->w, &t->scratch, r->value));
    assert_int_equal(r->value.k, V_NONE);
    assert_int_equal(t->diag.errors, errors + 1);      /* reported once */
    for (int i = before; i < t->diag.n; i++)
        if (strstr(t->diag.items[i].msg, sub)) return &t->diag.items[i];
    dump_diags(&t->diag);
    fail_msg("no error containing \"%s\" for: %s", sub, text);
    return NULL;
}

#define assert_num(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-9)

/* ------------------------------------------------------------ logic */

static void test_and_or_not(void **state)
{
    (void)state;
    T t;
    t_load(&t, WORLD);
    assert_true(t_bool(&t, "eval true"));
    assert_false(t_bool(&t, "eval false"));
    assert_true(t_bool(&t, "eval true and not false"));
    assert_false(t_bool(&t, "eval true and false"));
    assert_true(t_bool(&t, "eval false or true"));
    assert_false(t_bool(&t, "eval false or false"));
    assert_false(t_bool(&t, "eval not true"));
    assert_true(t_bool(&t, "eval not not true"));
    /* `and` binds tighter than `or`; `not` tighter than `and` */
    assert_true(t_bool(&t, "eval true or false and false"));
    assert_false(t_bool(&t, "eval (true or false) and false"));
    assert_true(t_bool(&t, "eval not false and true"));
    /* short-circuit: the right side is not evaluated (its error never happens) */
    assert_false(t_bool(&t, "eval false and neg(1)"));
    assert_true(t_bool(&t, "eval true or neg(1)"));
    assert_int_equal(t.diag.errors, 0);
    t_free(&t);
}

static void test_comparisons(void **state)
{
    (void)state;
    T t;
    t_load(&t, WORLD);
    /* numbers */
    assert_true(t_bool(&t, "eval 2 < 3"));
    assert_false(t_bool(&t, "eval 3 < 3"));
    assert_true(t_bool(&t, "eval 3 <= 3"));
    assert_true(t_bool(&t, "eval 4.5 > 4"));
    assert_true(t_bool(&t, "eval 2.5 >= 2.5"));
    assert_true(t_bool(&t, "eval 1 == 1.0"));
    assert_true(t_bool(&t, "eval 1 != 2"));
    assert_false(t_bool(&t, "eval 1 != 1"));
    /* dates, including partial ones (their first day) */
    assert_true(t_bool(&t, "eval 2016-08-03 < 2016-09"));
    assert_true(t_bool(&t, "eval 2016-08 == 2016-08-01"));
    assert_true(t_bool(&t, "eval 2016-02-29 > 2016-02-28"));
    assert_true(t_bool(&t, "eval O.founded == 2000-01-01"));
    assert_true(t_bool(&t, "eval O.founded <= 2000-01-01"));
    assert_false(t_bool(&t, "eval O.founded > 2000-01-01"));
    assert_true(t_bool(&t, "eval (Q.founded < O.founded) == false"));
    /* strings: byte order */
    assert_true(t_bool(&t, "eval \"abc\" < \"abd\""));
    assert_true(t_bool(&t, "eval \"b\" > \"a\""));
    assert_true(t_bool(&t, "eval \"Z\" < \"a\""));
    assert_true(t_bool(&t, "eval \"\" < \"a\""));
    assert_true(t_bool(&t, "eval \"x\" == \"x\""));
    assert_true(t_bool(&t, "eval A.region == \"Central Asia\""));
    assert_true(t_bool(&t, "eval B.region >= A.region"));
    /* names, kinds and truth values compare for equality */
    assert_true(t_bool(&t, "eval A == A"));
    assert_true(t_bool(&t, "eval A != B"));
    assert_true(t_bool(&t, "eval kind(O) == kind military_alliance"));
    assert_true(t_bool(&t, "eval kind(P) != kind military_alliance"));
    assert_true(t_bool(&t, "eval (1 < 2) == true"));
    t_free(&t);
}

/* ------------------------------------------------------ sets and `in` */

static void test_set_literals_and_in(void **state)
{
    (void)state;
    T t;
    t_load(&t, WORLD);
    Value v = t_value(&t, "eval {A, B, A}");
    assert_int_equal(v.k, V_SET);
    assert_int_equal(v.u.set.n, 2);                      /* duplicates collapse */
    assert_string_equal(t_text(&t, "eval {A, B, A}"), "{A, B}");
    assert_string_equal(t_text(&t, "eval {}"), "{}");
    assert_true(t_bool(&t, "eval {A, B} == {B, A}"));    /* order does not matter */
    assert_false(t_bool(&t, "eval {A, B} == {A}"));
    assert_true(t_bool(&t, "eval {} == {}"));
    assert_true(t_bool(&t, "eval {1, 2} != {1, 3}"));
    assert_num(t_num(&t, "eval count({A, B, A, C})"), 3);
    assert_num(t_num(&t, "eval count({})"), 0);
    assert_true(t_bool(&t, "eval A in {A, B}"));
    assert_false(t_bool(&t, "eval C in {A, B}"));
    assert_false(t_bool(&t, "eval A in {}"));
    assert_true(t_bool(&t, "eval 3 in {1, 2, 3}"));
    assert_true(t_bool(&t, "eval \"x\" in {\"y\", \"x\"}"));
    assert_true(t_bool(&t, "eval 2016-08-01 in {2016-08}"));
    assert_true(t_bool(&t, "eval kind forum in {kind(P), kind(O)}"));
    assert_true(t_bool(&t, "eval {A} in {{A}, {B}}"));
    assert_true(t_bool(&t, "eval not C in members(O)"));
    assert_true(t_bool(&t, "eval A in members(O)"));
    /* a set may hold values of any type (the order of its text is not specified) */
    Value mixed = t_value(&t, "eval {1, \"a\", 2016-01-01, kind x, true, {A}, 1}");
    assert_int_equal(mixed.k, V_SET);
    assert_int_equal(mixed.u.set.n, 6);
    int kinds = 0;
    for (int i = 0; i < mixed.u.set.n; i++) kinds |= 1 << mixed.u.set.items[i].k;
    assert_int_equal(kinds, (1 << V_NUM) | (1 << V_STR) | (1 << V_DATE) | (1 << V_KIND) | (1 << V_BOOL) |
                            (1 << V_SET));
    const char *txt = t_text(&t, "eval {1, \"a\", 2016-01-01, kind x, true, {A}}");
    assert_non_null(strstr(txt, "2016-01-01"));
    assert_non_null(strstr(txt, "kind x"));
    assert_non_null(strstr(txt, "{A}"));
    assert_non_null(strstr(txt, "\"a\""));
    assert_true(t_bool(&t, "eval {1, \"a\", true} == {true, \"a\", 1}"));
    /* names among other values: names are shown by name, the rest in their order */
    txt = t_text(&t, "eval {C, 2, A, \"z\", B, 1}");
    assert_int_equal(strlen(txt), strlen("{A, B, C, 1, 2, \"z\"}"));
    assert_non_null(strstr(txt, "A, B, C"));
    assert_non_null(strstr(txt, "1, 2"));
    assert_non_null(strstr(txt, "\"z\""));
    /* names before other values in the order of values (kinds and sets come after names) */
    txt = t_text(&t, "eval {C, kind forum, A, {1}, B}");
    assert_int_equal(strlen(txt), strlen("{A, B, C, kind forum, {1}}"));
    assert_non_null(strstr(txt, "A, B, C"));
    assert_non_null(strstr(txt, "kind forum"));
    t_free(&t);
}

static void test_quantifiers(void **state)
{
    (void)state;
    T t;
    t_load(&t, WORLD);
    assert_true(t_bool(&t, "eval all m in members(O): m is state"));
    assert_false(t_bool(&t, "eval all m in members(O): m == A"));
    assert_true(t_bool(&t, "eval some m in members(O): m == A"));
    assert_false(t_bool(&t, "eval some m in members(O): m == D"));
    assert_true(t_bool(&t, "eval all x in {}: false"));        /* vacuously true */
    assert_false(t_bool(&t, "eval some x in {}: true"));
    assert_true(t_bool(&t, "eval all n in {1, 2, 3}: n < 4"));
    assert_true(t_bool(&t, "eval some n in {1, 2, 3}: n == 2"));
    /* nested, with the inner variable shadowing the outer one and a world name */
    assert_true(t_bool(&t, "eval all x in {A, B}: some y in members(O): y == x"));
    assert_true(t_bool(&t, "eval all x in {A}: all x in {B}: x == B"));
    assert_true(t_bool(&t, "eval all A in {B}: A == B"));
    assert_true(t_bool(&t, "eval some o in {O, P, Q}: member_of(E, o)"));
    assert_false(t_bool(&t, "eval all o in {O, P}: member_of(E, o)"));
    t_free(&t);
}

/* --------------------------------------------------------- attributes */

static void test_attributes(void **state)
{
    (void)state;
    T t;
    t_load(&t, WORLD);
    assert_string_equal(t_text(&t, "eval A.region"), "\"Central Asia\"");
    assert_string_equal(t_text(&t, "eval C.region"), "\"\"");             /* none declared */
    assert_string_equal(t_text(&t, "eval O.kind"), "kind military_alliance");
    assert_string_equal(t_text(&t, "eval G.kind"), "kind non_state");     /* an actor's kind */
    assert_true(t_bool(&t, "eval O.kind == kind military_alliance"));
    assert_string_equal(t_text(&t, "eval O.founded"), "2000-01-01");
    Value f = t_value(&t, "eval Q.founded");
    assert_int_equal(f.k, V_DATE);
    assert_int_equal(f.u.d, 20010101);
    assert_string_equal(t_text(&t, "eval A.name"), "\"Alpha\"");          /* the display name */
    assert_string_equal(t_text(&t, "eval C.name"), "\"C\"");              /* or the name */
    assert_string_equal(t_text(&t, "eval O.name"), "\"Org\"");
    assert_true(t_bool(&t, "eval A.region != B.region"));
    /* founded of something without a founding date is an error */
    t_runtime_error(&t, "eval P.founded < 2000-01-01", "no founding date");
    t_free(&t);
}

/* ----------------------------------------------------------- builtins */

static void test_member_of(void **state)
{
    (void)state;
    T t;
    t_load(&t, WORLD);
    assert_true(t_bool(&t, "eval member_of(A, O)"));
    assert_false(t_bool(&t, "eval member_of(D, O)"));             /* an observer */
    assert_false(t_bool(&t, "eval member_of(C, O)"));             /* left in 2010 */
    assert_true(t_bool(&t, "eval member_of(C, O) at 2009-12-31"));
    assert_false(t_bool(&t, "eval member_of(C, O) at 2010-01-01")); /* until is exclusive */
    assert_false(t_bool(&t, "eval member_of(A, O) at 1999-12-31"));
    /* a member of a dissolved organisation is a member of nothing */
    assert_true(t_bool(&t, "eval member_of(B, Q) at 2011"));
    assert_false(t_bool(&t, "eval member_of(B, Q) at 2012"));
    /* with a kind: any active organisation of that kind */
    assert_true(t_bool(&t, "eval member_of(A, kind military_alliance)"));
    assert_true(t_bool(&t, "eval member_of(A, kind forum)"));
    assert_false(t_bool(&t, "eval member_of(E, kind military_alliance)"));
    assert_true(t_bool(&t, "eval member_of(C, kind forum) at 2011"));
    assert_false(t_bool(&t, "eval member_of(C, kind forum) at 2013"));   /* Q dissolved */
    assert_false(t_bool(&t, "eval member_of(D, kind military_alliance)")); /* observer only */
    assert_false(t_bool(&t, "eval member_of(A, kind no_such_kind)"));
    t_free(&t);
}

static void test_observer_and_partner_of(void **state)
{
    (void)state;
    T t;
    t_load(&t, WORLD);
    assert_true(t_bool(&t, "eval observer_of(D, O)"));
    assert_false(t_bool(&t, "eval observer_of(D, O) at 2004-12-31"));
    assert_false(t_bool(&t, "eval observer_of(A, O)"));
    assert_true(t_bool(&t, "eval observer_of(B, P)"));
    assert_true(t_bool(&t, "eval partner_of(G, O)"));
    assert_false(t_bool(&t, "eval member_of(G, O)"));
    assert_false(t_bool(&t, "eval partner_of(G, P)"));
    t_free(&t);
}

static void test_borders_is_symmetric(void **state)
{
    (void)state;
    T t;
    t_load(&t, WORLD);
    assert_true(t_bool(&t, "eval borders(A, B)"));     /* declared on A */
    assert_true(t_bool(&t, "eval borders(B, A)"));     /* symmetric */
    assert_false(t_bool(&t, "eval borders(A, C)"));
    assert_false(t_bool(&t, "eval borders(C, A)"));
    assert_false(t_bool(&t, "eval borders(A, A)"));
    assert_true(t_bool(&t, "eval neighbour(B, A)"));
    t_free(&t);
}

static void test_count_members_observers_partners(void **state)
{
    (void)state;
    T t;
    t_load(&t, WORLD);
    assert_string_equal(t_text(&t, "eval members(O)"), "{A, B}");
    assert_string_equal(t_text(&t, "eval members(O) at 2005"), "{A, B, C}");
    assert_string_equal(t_text(&t, "eval members(O) at 1999"), "{}");       /* not founded */
    assert_string_equal(t_text(&t, "eval observers(O)"), "{D}");
    assert_string_equal(t_text(&t, "eval partners(O)"), "{G}");
    assert_string_equal(t_text(&t, "eval observers(Q)"), "{}");
    assert_string_equal(t_text(&t, "eval members(Q) at 2011"), "{B, C}");
    assert_string_equal(t_text(&t, "eval members(Q) at 2012"), "{}");       /* dissolved */
    assert_num(t_num(&t, "eval count(members(O))"), 2);
    assert_num(t_num(&t, "eval count(members(O)) at 2005"), 3);
    assert_num(t_num(&t, "eval count(observers(P))"), 1);
    assert_true(t_bool(&t, "eval members(P) == {E, A}"));
    assert_true(t_bool(&t, "eval big(O) at 2005"));
    assert_false(t_bool(&t, "eval big(O)"));
    t_free(&t);
}

static void test_share_declared_and_remainder(void **state)
{
    (void)state;
    T t;
    t_load(&t, WORLD);
    /* A declares 40%; the other members split the remaining 60% equally */
    assert_num(t_num(&t, "eval share(A, O)"), 40);
    assert_num(t_num(&t, "eval share(B, O)"), 60);
    assert_num(t_num(&t, "eval share(B, O) at 2005"), 30);
    assert_num(t_num(&t, "eval share(C, O) at 2005"), 30);
    assert_num(t_num(&t, "eval share(C, O)"), 0);          /* no longer a member */
    assert_num(t_num(&t, "eval share(D, O)"), 0);          /* an observer pays nothing */
    /* no budget at all: members split everything */
    assert_num(t_num(&t, "eval share(A, P)"), 50);
    assert_num(t_num(&t, "eval share(E, P)"), 50);
    assert_num(t_num(&t, "eval share(B, P)"), 0);
    t_free(&t);

    t_load(&t, "state A, B, C, D;\n"
               "organisation O { member A, B, C, D; budget 1 USD { A 50%; B 20%; } }\n");
    assert_num(t_num(&t, "eval share(A, O)"), 50);
    assert_num(t_num(&t, "eval share(B, O)"), 20);
    assert_num(t_num(&t, "eval share(C, O)"), 15);
    assert_num(t_num(&t, "eval share(D, O)"), 15);
    /* budget_share directly */
    assert_num(budget_share(&t.c, world_find_name(t.w, "O"), world_find_name(t.w, "D")), 15);
    t_free(&t);
}

static void test_kind_and_region_builtins(void **state)
{
    (void)state;
    T t;
    t_load(&t, WORLD);
    assert_string_equal(t_text(&t, "eval kind(O)"), "kind military_alliance");
    assert_true(t_bool(&t, "eval kind(P) == kind(Q)"));
    assert_true(t_bool(&t, "eval kind(P) == Q.kind"));
    assert_string_equal(t_text(&t, "eval region(B)"), "\"South Asia\"");
    assert_string_equal(t_text(&t, "eval region(D)"), "\"\"");
    assert_true(t_bool(&t, "eval region(A) == A.region"));
    assert_true(t_bool(&t, "eval A is state and G is actor and O is organisation"));
    assert_false(t_bool(&t, "eval G is state"));
    assert_false(t_bool(&t, "eval O is actor"));
    t_free(&t);
}

static void test_builtins_under_suppositions(void **state)
{
    (void)state;
    T t;
    World *w = t_load(&t, WORLD);
    EntId a = world_find_name(w, "A"), d = world_find_name(w, "D"), o = world_find_name(w, "O");
    EntId p = world_find_name(w, "P");
    Supp s;
    memset(&s, 0, sizeof s);
    s.kind = SUP_JOIN; s.a = d; s.b = o; s.role = ROLE_MEMBER;
    overlay_push(&t.ov, s);
    s.kind = SUP_LEAVE; s.a = a; s.b = o; s.role = ROLE_MEMBER;
    overlay_push(&t.ov, s);
    memset(&s, 0, sizeof s);
    s.kind = SUP_KIND; s.a = p; s.kind_sym = intern_cstr(&w->names, "military_alliance");
    overlay_push(&t.ov, s);
    assert_true(t_bool(&t, "eval member_of(D, O)"));
    assert_false(t_bool(&t, "eval observer_of(D, O)"));
    assert_false(t_bool(&t, "eval member_of(A, O)"));
    assert_string_equal(t_text(&t, "eval members(O)"), "{B, D}");
    assert_string_equal(t_text(&t, "eval observers(O)"), "{}");
    assert_true(t_bool(&t, "eval kind(P) == kind military_alliance"));
    assert_true(t_bool(&t, "eval P.kind == kind military_alliance"));
    /* A left O, but P is now a military alliance too */
    assert_true(t_bool(&t, "eval member_of(A, kind military_alliance)"));
    assert_true(t_bool(&t, "eval member_of(E, kind military_alliance)"));
    assert_false(t_bool(&t, "eval member_of(A, kind forum)"));
    /* A, gone, pays nothing; its declared 40% no longer counts, and the
     * members without a declared share (B, D) split everything */
    assert_num(t_num(&t, "eval share(A, O)"), 0);
    assert_num(t_num(&t, "eval share(B, O)"), 50);
    assert_num(t_num(&t, "eval share(D, O)"), 50);
    t_free(&t);
}

/* ------------------------------------------------------------- rules */

static void test_user_rules(void **state)
{
    (void)state;
    T t;
    t_load(&t, WORLD);
    assert_true(t_bool(&t, "eval neighbour(A, B)"));
    assert_false(t_bool(&t, "eval neighbour(A, C)"));
    assert_true(t_bool(&t, "eval in_both(A, O, P)"));
    assert_false(t_bool(&t, "eval in_both(B, O, P)"));
    assert_true(t_bool(&t, "eval in_both(C, O, Q) at 2005"));
    /* parameters are values of any type */
    assert_true(t_bool(&t, "eval eq(1, 1) and eq(\"a\", \"a\") and eq({A, B}, {B, A}) and eq(A, A)"));
    assert_true(t_bool(&t, "eval lt(1, 2) and lt(\"a\", \"b\") and lt(2000-01-01, O.founded) == false"));
    assert_true(t_bool(&t, "eval every({true, 1 < 2})"));
    assert_false(t_bool(&t, "eval every({true, false})"));
    /* a recursion that ends */
    assert_true(t_bool(&t, "eval reaches_a(B)"));
    assert_true(t_bool(&t, "eval reaches_a(A)"));
    assert_int_equal(t.c.rule_depth, 0);
    /* in a quantifier */
    assert_true(t_bool(&t, "eval some x in {C, B}: neighbour(x, A)"));
    t_free(&t);
}

static void test_rule_recursion_hits_the_depth_bound(void **state)
{
    (void)state;
    T t;
    t_load(&t, WORLD);
    char want[64];
    snprintf(want, sizeof want, "deeper than %d", EVAL_MAX_RULE_DEPTH);
    const Diagnostic *dg = t_runtime_error(&t, "eval loop(A)", want);
    assert_non_null(strstr(dg->msg, "'loop'"));
    assert_int_equal(loc_line(dg->loc), 22);
    assert_int_equal(t.c.rule_depth, 0);                   /* unwound */
    /* mutual recursion */
    dg = t_runtime_error(&t, "eval even(A) or true", want);
    assert_int_equal(t.c.rule_depth, 0);
    /* the context is usable again afterwards */
    assert_true(t_bool(&t, "eval neighbour(A, B)"));
    t_free(&t);
}

static void test_rule_depth_bound_is_exact(void **state)
{
    (void)state;
    /* a chain of EVAL_MAX_RULE_DEPTH distinct rules is fine; one more is too deep */
    enum { N = EVAL_MAX_RULE_DEPTH };
    size_t cap = (size_t)(N + 2) * 48 + 64;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t k = (size_t)sprintf(text, "state A;\n");
    for (int i = 1; i <= N + 1; i++)
        k += (size_t)sprintf(text + k, i <= N ? "rule r%d(x) = r%d(x);\n" : "rule r%d(x) = x == A;\n",
                             i, i + 1);
    T t;
    t_load(&t, text);
    free(text);
    /* r2 .. r65: 64 nested calls */
    assert_true(t_bool(&t, "eval r2(A)"));
    /* r1 .. r65: 65 */
    t_runtime_error(&t, "eval r1(A)", "deeper than");
    assert_int_equal(t.c.rule_depth, 0);
    t_free(&t);
}

/* ------------------------------------------------- the evaluation budget */

static const char *const BUDGET_WORLD =
    "state A;\n"
    "organisation O { member A since 2000; }\n"
    "rule f(n) = n <= 0 or (f(n - 1) and f(n - 1));\n"
    "rule w10(x) = {{{{{{{{{{x}}}}}}}}}};\n"
    "rule wrap(x, n) = n <= 0 or wrap(w10(x), n - 1);\n";

static void test_step_budget_is_per_query(void **state)
{
    (void)state;
    T t;
    t_load(&t, BUDGET_WORLD);
    t.c.limits.max_steps = 2000;
    /* f(6) takes about 1,400 steps: it fits, again and again, because
     * each query starts with the whole budget */
    for (int i = 0; i < 3; i++) assert_true(t_bool(&t, "eval f(6)"));
    assert_true(t.c.steps > 1000 && t.c.steps <= 2000);
    const Diagnostic *dg = t_runtime_error(&t, "eval f(7)", "more than 2000 steps");
    assert_int_equal(loc_line(dg->loc), 3);                    /* inside the rule */
    assert_non_null(strstr(dg->msg, "--max-steps"));
    assert_int_equal(t.c.rule_depth, 0);
    assert_int_equal(t.c.eval_depth, 0);
    assert_true(t_bool(&t, "eval f(2)"));                 /* usable again */
    t_free(&t);
}

static void test_memory_budget(void **state)
{
    (void)state;
    T t;
    t_load(&t, BUDGET_WORLD);
    t.c.limits.max_scratch = (size_t)1 << 20;
    /* wrap() builds sets 50 deep: little memory */
    assert_true(t_bool(&t, "eval wrap(A, 5)"));
    /* members() sets built a million times over are not */
    t_runtime_error(&t, "eval all a in {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}: all b in {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}: "
                        "all c in {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}: all d in {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}: "
                        "count({members(O), a, b, c, d}) > 0", "MiB of memory");
    t_free(&t);
}

static void test_holders_are_remembered_within_one_query_only(void **state)
{
    (void)state;
    T t;
    t_load(&t, "state A, B, C;\n"
               "organisation O { member A, B since 2000; member C since 2005; observer C from 2000 until 2005; }\n");
    /* inside one query, members(O) is built once and used many times */
    assert_true(t_bool(&t, "eval all x in members(O): all y in members(O): count(members(O)) == 2 and "
                           "count(observers(O)) == 1 at 2001"));
    /* the next query, at another date, sees the organisation anew */
    assert_true(t_bool(&t, "eval count(members(O)) == 3 and count(observers(O)) == 0 at 2006"));
    assert_true(t_bool(&t, "eval members(O) == {A, B} at 2001"));
    /* and under a supposition */
    Query *q = t_parse(&t, "eval members(O) == {A, B, C} at 2001");
    Supp s;
    memset(&s, 0, sizeof s);
    s.kind = SUP_JOIN;
    s.a = world_find_name(t.w, "C");
    s.b = world_find_name(t.w, "O");
    s.role = ROLE_MEMBER;
    overlay_push(&t.ov, s);
    assert_true(query_run(&t.c, q)->value.u.b);
    t_free(&t);
}

static void test_interrupt_stops_at_once(void **state)
{
    (void)state;
    T t;
    t_load(&t, BUDGET_WORLD);
    volatile sig_atomic_t flag = 1;
    t.c.interrupt = &flag;
    t_runtime_error(&t, "eval f(60)", "interrupted");
    assert_true(t.c.steps <= 1);                          /* at once, not at the budget */
    flag = 0;
    assert_true(t_bool(&t, "eval f(3)"));
    t_free(&t);
}

static void test_value_nesting_bound_is_exact(void **state)
{
    (void)state;
    T t;
    t_load(&t, BUDGET_WORLD);
    /* wrap(X, n) wraps X in 10 n sets: a name 100 deep is the limit, a set
     * of the name 100 deep is over it */
    assert_int_equal(EVAL_MAX_VALUE_DEPTH, 100);
    assert_true(t_bool(&t, "eval wrap(A, 10)"));
    const char *q = "eval wrap({A}, 10)";
    t_runtime_error(&t, q, "nested deeper than 100 levels");
    t_free(&t);
}

/* -------------------------------------------------------- type errors */

static void test_static_type_errors(void **state)
{
    (void)state;
    static const struct { const char *q; const char *msg; } cases[] = {
        {"eval 1 and true", "each side of 'and'"},
        {"eval true or \"x\"", "each side of 'or'"},
        {"eval not 3", "'not'"},
        {"eval 1 < \"a\"", "cannot compare"},
        {"eval A == 1", "cannot compare"},
        {"eval A < B", "can be ordered"},
        {"eval {A} < {B}", "can be ordered"},
        {"eval A in B", "right side of 'in'"},
        {"eval 1 is state", "'is'"},
        {"eval count(A) == 1", "argument of count"},
        {"eval members(A) == {}", "not an organisation"},
        {"eval member_of(A, B)", "not an organisation"},
        {"eval member_of(A)", "takes 2 arguments"},
        {"eval neighbour(A)", "neighbour"},
        {"eval A.foo == 1", "unknown attribute 'foo'"},
        {"eval membr_of(A, O)", "did you mean 'member_of'"},
        {"eval all x in A: true", "quantifier"},
        {"eval all x in {A}: 1", "body of a quantifier"},
        {"eval Alphaa == A", "unknown name 'Alphaa'"},
        {"eval members", "'members' alone"},
        {"eval applicant is state", "admission"},
        {"eval O.founded == 3", "cannot compare"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        T t;
        t_load(&t, WORLD);
        int n = t_static_errors(&t, cases[i].q, cases[i].msg);
        if (n < 1) fail_msg("no static error for: %s", cases[i].q);
        t_free(&t);
    }
}

static void test_runtime_type_errors(void **state)
{
    (void)state;
    T t;
    t_load(&t, WORLD);
    const Diagnostic *dg = t_runtime_error(&t, "eval neg(1)", "truth value");
    assert_non_null(strstr(dg->msg, "number"));
    assert_int_equal(loc_line(dg->loc), 19);                  /* where it went wrong: the rule */
    t_runtime_error(&t, "eval lt(A, B)", "cannot order");
    t_runtime_error(&t, "eval eq(1, \"x\")", "cannot compare a number with a string");
    t_runtime_error(&t, "eval eq(1, A)", "cannot compare");
    t_runtime_error(&t, "eval m(A, B)", "organisation");
    t_runtime_error(&t, "eval fd(A) < 2000-01-01", "no founding date");
    t_runtime_error(&t, "eval cnt(A) == 1", "a set expected");
    t_runtime_error(&t, "eval every({1})", "truth value");
    t_runtime_error(&t, "eval every(A)", "a set expected");
    /* an error inside a set, a quantifier or a comparison stops the whole query */
    t_runtime_error(&t, "eval count({A, neg(1)}) == 2", "truth value");
    t_runtime_error(&t, "eval some x in {A}: neg(x)", "truth value");
    /* a good query after a failed one */
    assert_true(t_bool(&t, "eval true"));
    t_free(&t);
}

/* Values of the wrong type that reach a built-in or a comparison through a
 * rule's parameters, which the static check cannot see. */
static void test_runtime_type_errors_of_values(void **state)
{
    (void)state;
    T t;
    t_load(&t, WORLD);
    /* a state where an organisation is needed, past the static check */
    t_runtime_error(&t, "eval count(mems(A)) == 0", "'A' is not an organisation");
    t_runtime_error(&t, "eval shr(A, B) == 0", "'B' is not an organisation");
    t_runtime_error(&t, "eval knd(G) == kind non_state", "'G' is not an organisation");
    assert_num(t_num(&t, "eval count(mems(O))"), 2);
    assert_num(t_num(&t, "eval shr(A, O)"), 40);
    t_runtime_error(&t, "eval m(A, \"O\")", "but this is a string");
    t_runtime_error(&t, "eval m(A, 2001-01-01)", "but this is a date");
    t_runtime_error(&t, "eval m(A, {O})", "but this is a set");
    /* only numbers with numbers, dates with dates, strings with strings */
    static const char *const mixed[] = {
        "eval lt(1, 2001-01-01)", "eval lt(2001-01-01, 1)", "eval lt(1, \"a\")", "eval lt(\"a\", 1)",
        "eval lt(2001-01-01, \"a\")", "eval lt(\"a\", 2001-01-01)", "eval lt(A, 1)", "eval lt(1, A)",
    };
    for (size_t i = 0; i < sizeof mixed / sizeof mixed[0]; i++) t_runtime_error(&t, mixed[i], "cannot order");
    t_free(&t);
}

/* ------------------------------------------------ eval_expr directly */

static void test_eval_expr_directly(void **state)
{
    (void)state;
    T t;
    World *w = t_load(&t, WORLD);
    Query *q = t_parse(&t, "eval x == A and member_of(x, org) and y > 2");
    Env org = { intern_cstr(&w->names, "org"), ent_value(world_find_name(w, "O")), NULL };
    Value three;
    three.k = V_NUM;
    three.u.n = 3;
    Env y = { intern_cstr(&w->names, "y"), three, &org };
    Env x = { intern_cstr(&w->names, "x"), ent_value(world_find_name(w, "A")), &y };
    Value v = eval_expr(&t.c, q->expr, &x);
    assert_int_equal(t.c.failed, 0);
    assert_int_equal(v.k, V_BOOL);
    assert_int_equal(v.u.b, 1);
    assert_int_equal(eval_cond(&t.c, q->expr, &x), 1);
    x.val = ent_value(world_find_name(w, "B"));
    assert_int_equal(eval_cond(&t.c, q->expr, &x), 0);

    /* `members` alone means the members of the bound `org` */
    Query *m = t_parse(&t, "eval members");
    v = eval_expr(&t.c, m->expr, &org);
    assert_int_equal(v.k, V_SET);
    assert_string_equal(value_text(w, &t.scratch, v), "{A, B}");
    /* without an `org` binding it is an error, reported */
    int errors = t.diag.errors;
    v = eval_expr(&t.c, m->expr, NULL);
    assert_int_equal(v.k, V_NONE);
    assert_int_equal(t.c.failed, 1);
    assert_int_equal(t.diag.errors, errors + 1);
    /* once failed, evaluation does nothing more until the flag is cleared */
    v = eval_expr(&t.c, q->expr, &x);
    assert_int_equal(v.k, V_NONE);
    assert_int_equal(t.diag.errors, errors + 1);
    t.c.failed = 0;

    /* an unbound name is an error, not a crash */
    x.val = ent_value(world_find_name(w, "A"));
    v = eval_expr(&t.c, q->expr, NULL);
    assert_int_equal(v.k, V_NONE);
    assert_int_equal(t.c.failed, 1);
    t.c.failed = 0;

    /* a condition that is not a truth value */
    Query *n = t_parse(&t, "eval 42");
    errors = t.diag.errors;
    assert_int_equal(eval_cond(&t.c, n->expr, NULL), -1);
    assert_int_equal(t.diag.errors, errors + 1);
    t.c.failed = 0;
    t_free(&t);
}

static void test_value_kinds_and_text(void **state)
{
    (void)state;
    T t;
    World *w = t_load(&t, WORLD);
    Value v = t_value(&t, "eval 4.5");
    assert_int_equal(v.k, V_NUM);
    assert_num(v.u.n, 4.5);
    assert_string_equal(value_text(w, &t.scratch, v), "4.5");
    v = t_value(&t, "eval \"s\"");
    assert_int_equal(v.k, V_STR);
    assert_string_equal(v.u.s, "s");
    v = t_value(&t, "eval 2016-08");
    assert_int_equal(v.k, V_DATE);
    assert_int_equal(v.u.d, 20160801);
    assert_string_equal(value_text(w, &t.scratch, v), "2016-08-01");
    v = t_value(&t, "eval kind forum");
    assert_int_equal(v.k, V_KIND);
    assert_string_equal(sym_name(&w->names, v.u.kind), "forum");
    v = t_value(&t, "eval A");
    assert_int_equal(v.k, V_ENT);
    assert_int_equal(v.u.e, world_find_name(w, "A"));
    assert_string_equal(value_text(w, &t.scratch, v), "A");
    assert_string_equal(t_text(&t, "eval 1 < 2"), "true");
    assert_string_equal(t_text(&t, "eval 1000000"), "1000000");
    assert_string_equal(t_text(&t, "eval members(P)"), "{A, E}");
    assert_string_equal(value_type_name(V_SET), "a set");

    Value a = ent_value(world_find_name(w, "A")), b = ent_value(world_find_name(w, "B"));
    assert_true(value_equal(a, a));
    assert_false(value_equal(a, b));
    Value one;
    one.k = V_NUM;
    one.u.n = 1;
    assert_false(value_equal(a, one));
    t_free(&t);
}

static void test_eval_query_date(void **state)
{
    (void)state;
    T t;
    t_load(&t, WORLD);
    /* `at` overrides the context's date for this query only */
    Result *r = t_run(&t, "eval count(members(O)) at 2005-06");
    assert_int_equal(r->date, 20050601);
    assert_num(r->value.u.n, 3);
    assert_int_equal(t.c.date, 20160101);
    r = t_run(&t, "eval count(members(O))");
    assert_int_equal(r->date, 20160101);
    assert_num(r->value.u.n, 2);
    assert_string_equal(r->text, "eval count(members(O))");
    t_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_and_or_not),
        cmocka_unit_test(test_comparisons),
        cmocka_unit_test(test_set_literals_and_in),
        cmocka_unit_test(test_quantifiers),
        cmocka_unit_test(test_attributes),
        cmocka_unit_test(test_member_of),
        cmocka_unit_test(test_observer_and_partner_of),
        cmocka_unit_test(test_borders_is_symmetric),
        cmocka_unit_test(test_count_members_observers_partners),
        cmocka_unit_test(test_share_declared_and_remainder),
        cmocka_unit_test(test_kind_and_region_builtins),
        cmocka_unit_test(test_builtins_under_suppositions),
        cmocka_unit_test(test_user_rules),
        cmocka_unit_test(test_rule_recursion_hits_the_depth_bound),
        cmocka_unit_test(test_rule_depth_bound_is_exact),
        cmocka_unit_test(test_step_budget_is_per_query),
        cmocka_unit_test(test_memory_budget),
        cmocka_unit_test(test_interrupt_stops_at_once),
        cmocka_unit_test(test_holders_are_remembered_within_one_query_only),
        cmocka_unit_test(test_value_nesting_bound_is_exact),
        cmocka_unit_test(test_static_type_errors),
        cmocka_unit_test(test_runtime_type_errors),
        cmocka_unit_test(test_runtime_type_errors_of_values),
        cmocka_unit_test(test_eval_expr_directly),
        cmocka_unit_test(test_value_kinds_and_text),
        cmocka_unit_test(test_eval_query_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
