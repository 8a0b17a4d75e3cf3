/* test_coverage.c — treaty test --coverage: the clauses a world holds, those
 * the answers touch (through their reasons, and rule calls through the
 * evaluator's flag), and the merging of one file met in several worlds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "coverage.h"

static const char *const WORLD =
    "state A;\n"                                                         /* 1 */
    "state B;\n"                                                         /* 2 */
    "organisation O {\n"                                                 /* 3 */
    "  kind military_alliance;\n"                                        /* 4 */
    "  decides by unanimity;\n"                                          /* 5 */
    "  member A, B since 2000;\n"                                        /* 6 */
    "  principle collective_defence;\n"                                  /* 7 */
    "  admission { require applicant is state; }\n"                      /* 8 */
    "}\n"                                                                /* 9 */
    "rule two(o) = count(members(o)) == 2;\n"                            /* 10 */
    "rule unused(o) = count(members(o)) == 3;\n"                         /* 11 */
    "constraint \"small\" for O: count(members) < 5;\n";                 /* 12 */

/* Is the clause at line:col touched?  -1 when there is none there. */
static int touched_at(const Coverage *cv, int line, int col)
{
    for (int i = 0; i < cv->clauses.n; i++)
        if (cv->clauses.items[i].line == line && cv->clauses.items[i].col == col) return cv->clauses.items[i].touched;
    return -1;
}

static void run_queries(T *t, CoverWorld *cw, const char *const *queries, int n)
{
    t->c.rules_called = cw->rules_called;
    for (int i = 0; i < n; i++) coverage_note(cw, t_query(t, queries[i]));
}

static void test_clauses_and_reasons(void **state)
{
    (void)state;
    T t;
    t_load_at(&t, WORLD, 20010101);
    Coverage cv;
    coverage_init(&cv);
    CoverWorld cw;
    coverage_world_begin(&cv, &cw, t.w);
    static const char *const queries[] = { "members of O", "eval two(O)" };
    run_queries(&t, &cw, queries, 2);
    coverage_world_end(&cv, &cw);
    coverage_report(&cv);
    /* two memberships, the principle (once, though it is an obligation too),
     * the requirement, the decision rule, two rules, the constraint */
    assert_int_equal(cv.total, 8);
    assert_int_equal(touched_at(&cv, 6, 10), 1);     /* member A */
    assert_int_equal(touched_at(&cv, 6, 13), 1);     /* member B */
    assert_int_equal(touched_at(&cv, 10, 1), 1);     /* two(): called */
    assert_int_equal(touched_at(&cv, 11, 1), 0);     /* unused(): never */
    assert_int_equal(touched_at(&cv, 7, 3), 0);
    assert_int_equal(touched_at(&cv, 12, 1), 0);
    assert_int_equal(cv.touched, 3);
    assert_int_equal(cv.files.n, 1);
    assert_string_equal(cv.files.items[0].file, "w.treaty");
    coverage_free(&cv);
    t_free(&t);
}

/* The same file in two worlds: each clause once, touched if either touched it. */
static void test_merge_two_worlds(void **state)
{
    (void)state;
    Coverage cv;
    coverage_init(&cv);
    static const char *const first[] = { "can A join O", "check" };
    static const char *const second[] = { "does O adopt \"m\"", "who must defend A" };
    const char *const *runs[2] = { first, second };
    for (int k = 0; k < 2; k++) {
        T t;
        t_load_at(&t, WORLD, 20010101);
        CoverWorld cw;
        coverage_world_begin(&cv, &cw, t.w);
        run_queries(&t, &cw, runs[k], 2);
        coverage_world_end(&cv, &cw);
        t_free(&t);
    }
    coverage_report(&cv);
    assert_int_equal(cv.total, 8);
    assert_int_equal(touched_at(&cv, 12, 1), 1);     /* check: the constraint */
    assert_int_equal(touched_at(&cv, 5, 14), 1);     /* adopt: the decision rule */
    assert_int_equal(touched_at(&cv, 7, 3), 1);      /* who must defend: the principle's obligation */
    assert_int_equal(touched_at(&cv, 11, 1), 0);
    assert_int_equal(cv.files.items[0].clauses, 8);
    assert_int_equal(cv.files.items[0].touched, cv.touched);
    coverage_free(&cv);
}

static void test_percent(void **state)
{
    (void)state;
    assert_true(coverage_percent(0, 0) == 100.0);    /* nothing to touch: nothing missed */
    assert_true(coverage_percent(1, 4) == 25.0);
    assert_true(coverage_percent(3, 3) == 100.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clauses_and_reasons),
        cmocka_unit_test(test_merge_two_worlds),
        cmocka_unit_test(test_percent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
