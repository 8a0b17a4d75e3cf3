/* test_keywords.c — the scanner's keyword table must stay sorted (the
 * REPL's completion offers it in that order), and every keyword must scan
 * as a keyword. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "treaty.h"


static void keywords_are_sorted(void **state)
{
    (void)state;
    int n;
    const char *const *w = lexer_keywords(&n);
    assert_true(n > 50);
    for (int i = 1; i < n; i++) {
        if (strcmp(w[i - 1], w[i]) >= 0) fail_msg("keywords out of order: '%s' before '%s'", w[i - 1], w[i]);
    }
}

/* A keyword used where a name is expected is a syntax error, so each one
 * really is recognised (a missed keyword would parse as a state's name). */
static void every_keyword_is_reserved(void **state)
{
    (void)state;
    int n;
    const char *const *w = lexer_keywords(&n);
    for (int i = 0; i < n; i++) {
        char text[64];
        snprintf(text, sizeof text, "state %s;", w[i]);
        Diag d;
        diag_init(&d, NULL, 0);
        LoadResult lr = load_world_text("kw.treaty", text, strlen(text), &d);
        if (lexer_repl_only(w[i])) {
            /* the REPL's commands stay free as names in files */
            if (!lr.world) fail_msg("'%s' should be a name in a file", w[i]);
            load_result_free(&lr);
            diag_free(&d);
            continue;
        }
        if (lr.world) fail_msg("'%s' scanned as a name", w[i]);
        assert_true(d.errors >= 1);
        load_result_free(&lr);
        diag_free(&d);
    }
}

static void names_near_keywords_are_names(void **state)
{
    (void)state;
    const char *text = "state members_x; state Member; state statex; state _state;";
    Diag d;
    diag_init(&d, NULL, 0);
    LoadResult lr = load_world_text("names.treaty", text, strlen(text), &d);
    assert_non_null(lr.world);
    assert_int_equal(d.errors, 0);
    assert_int_not_equal(world_find_name(lr.world, "members_x"), ENT_NONE);
    assert_int_not_equal(world_find_name(lr.world, "Member"), ENT_NONE);
    assert_int_not_equal(world_find_name(lr.world, "statex"), ENT_NONE);
    assert_int_not_equal(world_find_name(lr.world, "_state"), ENT_NONE);
    load_result_free(&lr);
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keywords_are_sorted),
        cmocka_unit_test(every_keyword_is_reserved),
        cmocka_unit_test(names_near_keywords_are_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
