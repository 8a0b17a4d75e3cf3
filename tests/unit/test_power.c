/* test_power.c — the power indices against exhaustive enumeration.
 *
 * Each game is written as a Treaty world, answered by `power in O` (dynamic
 * programming, src/power.c), and counted again here subset by subset with
 * a predicate written apart from the interpreter's: the two share nothing
 * but the rule's text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <cmocka.h>
#include "fixture.h"

enum { MAXN = 14 };

/* A game in the shapes a compound rule can take. */
typedef struct Spec {
    int n;
    int w[MAXN];          /* weights (the measure m) */
    int count;            /* at least `count` members (0: no such clause) */
    int pct;              /* at least pct% of m (0: none) */
    int veto[MAXN];       /* holds a veto */
    int blocking;         /* blocking minority at least `blocking` members (0: none) */
} Spec;

static int spec_wins(const Spec *s, unsigned set)
{
    int k = 0;
    long wt = 0, W = 0;
    for (int i = 0; i < s->n; i++) {
        W += s->w[i];
        if (set & (1u << i)) { k++; wt += s->w[i]; }
        else if (s->veto[i]) return 0;
    }
    int majority = (!s->count || k >= s->count) && (!s->pct || 100 * wt >= (long)s->pct * W);
    int small_minority = s->blocking && s->n - k < s->blocking;
    return majority || small_minority;
}

typedef struct Truth {
    double banzhaf[MAXN], shapley[MAXN];
    uint64_t min_winning, min_blocking;
} Truth;

static double factorial(int n)
{
    double f = 1;
    for (int i = 2; i <= n; i++) f *= i;
    return f;
}

static void enumerate(const Spec *s, Truth *t)
{
    unsigned all = (1u << s->n) - 1;
    double swings[MAXN] = { 0 }, total = 0;
    memset(t, 0, sizeof *t);
    for (unsigned set = 0; set <= all; set++) {
        int size = __builtin_popcount(set), win = spec_wins(s, set), minimal = win, blocking_minimal = 0;
        for (int i = 0; i < s->n; i++) {
            unsigned bit = 1u << i;
            if (!(set & bit) && !win && spec_wins(s, set | bit)) {
                swings[i]++;
                total++;
                t->shapley[i] += factorial(size) * factorial(s->n - size - 1) / factorial(s->n);
            }
            if ((set & bit) && spec_wins(s, set & ~bit)) minimal = 0;
        }
        /* set as a blocking coalition: its complement loses, and loses no more without any one member */
        if (!spec_wins(s, all & ~set)) {
            blocking_minimal = 1;
            for (int i = 0; i < s->n; i++)
                if ((set & (1u << i)) && !spec_wins(s, (all & ~set) | (1u << i))) blocking_minimal = 0;
        }
        t->min_winning += (uint64_t)minimal;
        t->min_blocking += (uint64_t)blocking_minimal;
    }
    for (int i = 0; i < s->n; i++) t->banzhaf[i] = total ? swings[i] / total : 0;
}

static char *spec_world(const Spec *s)
{
    size_t cap = 8192;
    char *text = malloc(cap);
    int len = 0;
    for (int i = 0; i < s->n; i++)
        len += snprintf(text + len, cap - (size_t)len, "state S%02d { measure m %d; }\n", i, s->w[i]);
    len += snprintf(text + len, cap - (size_t)len, "organisation O {\n  member");
    for (int i = 0; i < s->n; i++) len += snprintf(text + len, cap - (size_t)len, "%s S%02d", i ? "," : "", i);
    len += snprintf(text + len, cap - (size_t)len, ";\n  decides by {");
    if (s->count) len += snprintf(text + len, cap - (size_t)len, " at least %d members;", s->count);
    if (s->pct) len += snprintf(text + len, cap - (size_t)len, " at least %d%% of m;", s->pct);
    int any = 0;
    for (int i = 0; i < s->n; i++)
        if (s->veto[i]) len += snprintf(text + len, cap - (size_t)len, "%sS%02d", any++ ? ", " : " veto by ", i);
    if (any) len += snprintf(text + len, cap - (size_t)len, ";");
    if (s->blocking) len += snprintf(text + len, cap - (size_t)len, " blocking minority at least %d members;", s->blocking);
    snprintf(text + len, cap - (size_t)len, " };\n}\n");
    return text;
}

static void check_spec(const Spec *s)
{
    Truth t;
    enumerate(s, &t);
    char *text = spec_world(s);
    T tt;
    t_load_at(&tt, text, 20200101);
    Result *r = t_query(&tt, "power in O");
    if (r->error || !r->power) { dump_diags(&tt.diag); fail_msg("no answer for:\n%s", text); }
    const PowerTable *pt = r->power;
    assert_int_equal(pt->n, s->n);
    for (int k = 0; k < pt->n; k++) {
        int i = atoi(ent_name(tt.w, pt->rows[k].who) + 1);
        if (fabs(pt->rows[k].banzhaf - t.banzhaf[i]) > 1e-12 || fabs(pt->rows[k].shapley - t.shapley[i]) > 1e-12)
            fail_msg("S%02d: Banzhaf %.15f (enumerated %.15f), Shapley-Shubik %.15f (enumerated %.15f) in\n%s", i,
                     pt->rows[k].banzhaf, t.banzhaf[i], pt->rows[k].shapley, t.shapley[i], text);
    }
    if (!pt->nothing_wins) {
        if (pt->min_winning != t.min_winning || pt->min_blocking != t.min_blocking)
            fail_msg("minimal winning %llu (enumerated %llu), blocking %llu (enumerated %llu) in\n%s",
                     (unsigned long long)pt->min_winning, (unsigned long long)t.min_winning,
                     (unsigned long long)pt->min_blocking, (unsigned long long)t.min_blocking, text);
    }
    /* as many coalitions listed as counted, up to twenty */
    assert_int_equal(pt->n_winning, pt->min_winning < 20 ? pt->min_winning : 20);
    assert_int_equal(pt->n_blocking, pt->min_blocking < 20 ? pt->min_blocking : 20);
    t_free(&tt);
    free(text);
}

static uint32_t rng = 2463534242u;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static void test_random_games_match_enumeration(void **state)
{
    (void)state;
    for (int round = 0; round < 150; round++) {
        Spec s;
        memset(&s, 0, sizeof s);
        s.n = 1 + (int)(next() % MAXN);
        for (int i = 0; i < s.n; i++) s.w[i] = (int)(next() % 12);     /* zeros and ties on purpose */
        s.w[next() % (uint32_t)s.n] += 1;                               /* somebody weighs something */
        if (next() % 3) s.count = 1 + (int)(next() % (uint32_t)s.n);
        if (next() % 3) s.pct = 1 + (int)(next() % 100);
        if (!s.count && !s.pct) s.count = 1 + s.n / 2;
        if (next() % 3 == 0)
            for (int i = 0; i < s.n; i++) s.veto[i] = next() % 4 == 0;
        if (next() % 3 == 0) s.blocking = 1 + (int)(next() % (uint32_t)s.n);
        check_spec(&s);
    }
}

/* Shapes that random draws rarely hit. */
static void test_edge_games_match_enumeration(void **state)
{
    (void)state;
    Spec one = { .n = 1, .w = { 5 }, .count = 1 };
    check_spec(&one);                                  /* an organisation of one member: a dictator */
    Spec all_veto = { .n = 4, .w = { 1, 2, 3, 4 }, .count = 1, .veto = { 1, 1, 1, 1 } };
    check_spec(&all_veto);                             /* unanimity written as vetoes */
    Spec none = { .n = 5, .w = { 1, 1, 1, 1, 1 }, .count = 5, .pct = 100, .veto = { 1 } };
    check_spec(&none);
    Spec exact = { .n = 4, .w = { 50, 25, 15, 10 }, .pct = 50 };
    check_spec(&exact);                                /* a coalition at exactly the threshold wins */
    Spec eu_like = { .n = 6, .w = { 30, 25, 20, 15, 6, 4 }, .count = 4, .pct = 65, .blocking = 3 };
    check_spec(&eu_like);
    Spec everyone_wins = { .n = 4, .w = { 3, 2, 1, 1 }, .count = 4, .blocking = 5 };
    check_spec(&everyone_wins);                        /* even nobody wins: one minimal coalition, the empty one */
    Spec zero_weights = { .n = 3, .w = { 0, 0, 0 }, .pct = 50 };
    check_spec(&zero_weights);                         /* 0% of nothing: a share of no weight */
}

/* A rule under which not even all the members pass anything: every index
 * is 0 and no coalition is minimal. */
static void test_nothing_wins(void **state)
{
    (void)state;
    T t;
    t_load_at(&t, "state A; state B; state C;\n"
                  "organisation O { member A, B, C; decides by { at least 5 members; }; }\n", 20200101);
    Result *r = t_query(&t, "power in O");
    assert_non_null(r->power);
    assert_true(r->power->nothing_wins);
    for (int k = 0; k < r->power->n; k++) {
        assert_true(r->power->rows[k].banzhaf == 0);
        assert_true(r->power->rows[k].shapley == 0);
    }
    assert_int_equal(r->power->min_winning, 0);
    assert_int_equal(r->power->n_winning, 0);
    t_free(&t);
    /* weights that are all zero: nothing to divide by, and nothing wins */
    t_load_at(&t, "state A { measure p 0; } state B { measure p 0; }\n"
                  "organisation O { member A, B; decides by weighted by p; }\n", 20200101);
    r = t_query(&t, "power in O");
    assert_non_null(r->power);
    assert_true(r->power->nothing_wins);
    t_free(&t);
}

/* Twenty-two members with a veto each: every one blocks alone, and the
 * list stops at twenty. */
static void test_many_vetoes(void **state)
{
    (void)state;
    char text[2048];
    int len = 0;
    for (int i = 0; i < 22; i++) len += snprintf(text + len, sizeof text - (size_t)len, "state V%02d;\n", i);
    len += snprintf(text + len, sizeof text - (size_t)len, "organisation O { member");
    for (int i = 0; i < 22; i++) len += snprintf(text + len, sizeof text - (size_t)len, "%s V%02d", i ? "," : "", i);
    len += snprintf(text + len, sizeof text - (size_t)len, "; decides by { at least 1 members; veto by");
    for (int i = 0; i < 22; i++) len += snprintf(text + len, sizeof text - (size_t)len, "%s V%02d", i ? "," : "", i);
    snprintf(text + len, sizeof text - (size_t)len, "; }; }\n");
    T t;
    t_load_at(&t, text, 20200101);
    Result *r = t_query(&t, "power in O");
    assert_non_null(r->power);
    assert_int_equal(r->power->min_blocking, 22);
    assert_int_equal(r->power->n_blocking, 20);
    assert_int_equal(r->power->min_winning, 1);
    assert_int_equal(r->power->n_winning, 1);
    assert_int_equal(r->power->winning[0].n, 22);
    t_free(&t);
}

/* The Security Council by hand: a permanent member's Shapley-Shubik index
 * is 421/2145 and an elected member's 4/2145; 210 = C(10, 4) minimal
 * winning coalitions, 5 + C(10, 7) = 125 minimal blocking ones. */
static void test_security_council_by_hand(void **state)
{
    (void)state;
    const char *text =
        "state P1; state P2; state P3; state P4; state P5;\n"
        "state E01; state E02; state E03; state E04; state E05; state E06; state E07; state E08; state E09; state E10;\n"
        "organisation SC { member P1, P2, P3, P4, P5, E01, E02, E03, E04, E05, E06, E07, E08, E09, E10;\n"
        "  decides by { at least 9 members; veto by P1, P2, P3, P4, P5; }; }\n";
    T t;
    t_load_at(&t, text, 20200101);
    Result *r = t_query(&t, "power in SC");
    assert_non_null(r->power);
    for (int k = 0; k < r->power->n; k++) {
        const PowerRow *row = &r->power->rows[k];
        double want = row->veto ? 421.0 / 2145 : 4.0 / 2145;
        assert_true(fabs(row->shapley - want) < 1e-12);
    }
    assert_int_equal(r->power->min_winning, 210);
    assert_int_equal(r->power->min_blocking, 125);
    assert_int_equal(r->power->n_winning, 20);          /* listed: the first 20 */
    assert_int_equal(r->power->blocking[0].n, 1);       /* a permanent member alone blocks */
    Result *b = t_query(&t, "banzhaf of E01 in SC");
    assert_int_equal(b->value.k, V_NUM);
    /* an elected member swings C(9,3) = 84 coalitions, a permanent one 848 */
    assert_true(fabs(b->value.u.n - 84.0 / (5 * 848 + 10 * 84)) < 1e-12);
    t_free(&t);
}

static void expect_power_error(const char *text, const char *query, const char *words)
{
    T t;
    t_load_at(&t, text, 20200101);
    Result *r = t_query(&t, query);
    assert_true(r->error);
    int found = 0;
    for (int i = 0; i < t.diag.n; i++)
        if (strstr(t.diag.items[i].msg, words)) found = 1;
    if (!found) { dump_diags(&t.diag); fail_msg("no error saying '%s'", words); }
    t_free(&t);
}

static void test_power_limits(void **state)
{
    (void)state;
    /* 61 members: beyond the exact counts */
    char *text = malloc(8192);
    int len = 0;
    for (int i = 0; i < 61; i++) len += snprintf(text + len, 8192 - (size_t)len, "state S%02d;\n", i);
    len += snprintf(text + len, 8192 - (size_t)len, "organisation O { decides by majority; member");
    for (int i = 0; i < 61; i++) len += snprintf(text + len, 8192 - (size_t)len, "%s S%02d", i ? "," : "", i);
    snprintf(text + len, 8192 - (size_t)len, "; }\n");
    expect_power_error(text, "power in O", "too many members");
    free(text);
    expect_power_error("state A { measure p 1; measure q 2; } state B { measure p 2; measure q 1; }\n"
                       "organisation O { member A, B; decides by { at least 50% of p; at least 50% of q; }; }\n",
                       "power in O", "at most one weighted clause");
    expect_power_error("state A { measure p 0.3333333; } state B { measure p 1; }\n"
                       "organisation O { member A, B; decides by weighted by p; }\n",
                       "power in O", "not decimals");
    expect_power_error("state A { measure p 9000000; } state B { measure p 1; }\n"
                       "organisation O { member A, B; decides by weighted by p; }\n",
                       "power in O", "too fine");
    expect_power_error("state A; organisation O { member A; }\n", "power in O", "no decision rule");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_games_match_enumeration),
        cmocka_unit_test(test_edge_games_match_enumeration),
        cmocka_unit_test(test_security_council_by_hand),
        cmocka_unit_test(test_power_limits),
        cmocka_unit_test(test_nothing_wins),
        cmocka_unit_test(test_many_vetoes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
