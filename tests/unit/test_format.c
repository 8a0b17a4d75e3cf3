/* test_format.c — treaty fmt's layout (format.c): each construct, comments
 * in odd places, blank lines, errors, and that formatting twice changes
 * nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "format.h"

/* Formats `in`, which must parse; the result must format to itself. */
static char *formatted(const char *in, size_t len)
{
    Arena a;
    arena_init(&a);
    Diag d;
    diag_init(&d, NULL, 0);
    FormatBuf out = { 0 }, again = { 0 };
    if (!format_text(&a, "t.treaty", in, len, &out, &d)) {
        for (int i = 0; i < d.n; i++) diag_print_one(stderr, &d.items[i], 0);
        fail_msg("format_text failed on:\n%s", in);
    }
    assert_true(format_text(&a, "t.treaty", out.text, out.len, &again, &d));
    if (strcmp(out.text, again.text) != 0) fail_msg("not idempotent:\n%s\nthen:\n%s", out.text, again.text);
    assert_int_equal(strlen(out.text), out.len);
    format_buf_free(&again);
    diag_free(&d);
    arena_free(&a);
    return out.text;
}

static void check(const char *in, const char *want)
{
    char *got = formatted(in, strlen(in));
    if (strcmp(got, want) != 0) fail_msg("formatting\n%s\ngave\n%s\ninstead of\n%s", in, got, want);
    free(got);
}

static void blocks_are_indented_one_statement_a_line(void **state)
{
    (void)state;
    check("organisation Org \"An org\" {\nkind   alliance ;\n          member A , B since 2000-01-01 ;"
          "admission {require applicant . region == \"Europe\";\n}}\n",
          "organisation Org \"An org\" {\n"
          "  kind alliance;\n"
          "  member A, B since 2000-01-01;\n"
          "  admission {\n"
          "    require applicant.region == \"Europe\";\n"
          "  }\n"
          "}\n");
    check("state B;   state C;\nstate D;", "state B;\nstate C;\nstate D;\n");
    check("import   \"x.treaty\" ;", "import \"x.treaty\";\n");
}

static void blocks_written_on_one_line_stay_so(void **state)
{
    (void)state;
    check("state A \"Alpha\"{region \"Europe\";measure ccode 2;}\n",
          "state A \"Alpha\" { region \"Europe\"; measure ccode 2; }\n");
    check("state A   \"Alpha\"    { region \"Europe\"; }\n", "state A \"Alpha\" { region \"Europe\"; }\n");
    check("organisation O {\n  budget 10 million EUR { A 60 %; B 40%; }\n}\n",
          "organisation O {\n  budget 10 million EUR { A 60%; B 40%; }\n}\n");
    check("area X \"x\" { }\n", "area X \"x\" { }\n");
    check("area X \"x\" {}\n", "area X \"x\" { }\n");
    check("area X \"x\" {\n# one\n  # two\n}\n", "area X \"x\" {\n  # one\n  # two\n}\n");
    check("scenario \"s\" {\n  expect members of O == {   # none\n  };\n}\n",
          "scenario \"s\" {\n  expect members of O == {   # none\n  };\n}\n");
    /* a block that spans lines is laid out as one */
    check("state A { region \"Europe\";\n measure ccode 2; }\n",
          "state A {\n  region \"Europe\";\n  measure ccode 2;\n}\n");
}

static void a_block_inside_a_statement_lets_it_go_on(void **state)
{
    (void)state;
    check("organisation O {\n  decides by { at least 2 members; veto by A; } since 2000;\n}\n",
          "organisation O {\n  decides by { at least 2 members; veto by A; } since 2000;\n}\n");
    check("organisation O {\n  decides by { at least 1 members;\n     at least 50% of members; }\n     from 2001;\n}\n",
          "organisation O {\n"
          "  decides by {\n"
          "    at least 1 members;\n"
          "    at least 50% of members;\n"
          "  }\n"
          "    from 2001;\n"
          "}\n");
    check("scenario \"s\" { suppose O decides by {\nat least 2 members; }; }\n",
          "scenario \"s\" {\n  suppose O decides by {\n    at least 2 members;\n  };\n}\n");
}

static void spaces_between_tokens(void **state)
{
    (void)state;
    check("rule big ( x ) = count ( members(x) ) > - 1 and not (x in {A,B}) ;\n",
          "rule big(x) = count(members(x)) > -1 and not (x in {A, B});\n");
    check("constraint \"c\" for Org: all y in members( Org ): y != A or 1/3 * 3 == 1 - 2;\n",
          "constraint \"c\" for Org: all y in members(Org): y != A or 1 / 3 * 3 == 1 - 2;\n");
    check("organisation O { decides by qualified_majority 2 / 3; }\n",
          "organisation O { decides by qualified_majority 2/3; }\n");
    check("scenario \"s\" { expect eval kind ( O ) == x ; expect eval region(A).x == {} ; }\n",
          "scenario \"s\" { expect eval kind(O) == x; expect eval region(A).x == {}; }\n");
}

static void comments_stay_where_they_were(void **state)
{
    (void)state;
    check("\n\n# header\nstate A;\n", "# header\nstate A;\n");
    check("organisation Org {   # after the brace, its distance kept\n"
          "kind alliance;# close\n"
          "        # own line, badly indented\n"
          "member A since 2000;\n"
          "    # before the closing brace\n"
          "}\n"
          "# last\n",
          "organisation Org {   # after the brace, its distance kept\n"
          "  kind alliance; # close\n"
          "  # own line, badly indented\n"
          "  member A since 2000;\n"
          "  # before the closing brace\n"
          "}\n"
          "# last\n");
    check("state A;\n# only a comment   \n\n\n", "state A;\n# only a comment\n");
    check("scenario \"s\" {\n  expect members of Org\n  == {A, B,\n  C} # in the middle\n"
          "  # on a line of its own, in the middle\n  because obligation defence of Org;\n}\n",
          "scenario \"s\" {\n"
          "  expect members of Org\n"
          "    == {A, B,\n"
          "        C} # in the middle\n"
          "    # on a line of its own, in the middle\n"
          "    because obligation defence of Org;\n"
          "}\n");
    /* a '#' inside a string is no comment */
    check("state A \"# not a comment\"  ;  # one\n", "state A \"# not a comment\";  # one\n");
}

static void blank_lines_at_most_one(void **state)
{
    (void)state;
    check("state A;\n\n\n\nstate B;\n", "state A;\n\nstate B;\n");
    check("organisation O {\n\n  kind forum;\n\n\n  founded 2000;\n\n}\n",
          "organisation O {\n  kind forum;\n\n  founded 2000;\n}\n");
    check("state A;", "state A;\n");
}

static void continued_lines(void **state)
{
    (void)state;
    /* under the first item of a list that goes on */
    check("organisation O {\n  member C,\n      D from 2001 until 2002;   # kept distance\n}\n",
          "organisation O {\n  member C,\n         D from 2001 until 2002;   # kept distance\n}\n");
    check("organisation O {\nA, B,\nC ratify admission of D by 2020;\n}\n",
          "organisation O {\n  A, B,\n    C ratify admission of D by 2020;\n}\n");
    /* under the first item after a bracket still open */
    check("scenario \"s\" {\n  expect who must defend A == {} conditional {B,\n     C};\n}\n",
          "scenario \"s\" {\n  expect who must defend A == {} conditional {B,\n"
          "                                              C};\n}\n");
    /* a bracket that ends its line: two spaces deeper, and its closing one back */
    check("rule r(x) = count(\nx\n) > 1;\n", "rule r(x) = count(\n  x\n) > 1;\n");
    /* a ';' or ',' that starts a line joins the line before */
    check("state A\n;\nstate B;\n", "state A;\nstate B;\n");
}

static void line_ends_and_byte_order_mark(void **state)
{
    (void)state;
    check("state A;\r\n\r\n\r\nstate B;  # c\r\n", "state A;\n\nstate B;  # c\n");
    check("\xEF\xBB\xBFstate  A;\n", "\xEF\xBB\xBFstate A;\n");
    /* columns count characters, not bytes */
    check("state A \"\xC3\x85land\" { borders B, C,\nD; }\n",
          "state A \"\xC3\x85land\" {\n  borders B, C,\n          D;\n}\n");
}

/* A file that does not parse is not formatted: the errors say why. */
static void syntax_errors_are_reported(void **state)
{
    (void)state;
    const char *bad[] = { "", "  \n# a file of comments only declares nothing\n", "state A { region \"x\"; };", "state", "state A \"open", "organisation O { member A since ; }",
                          "state A; }", "state 1x;" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Arena a;
        arena_init(&a);
        Diag d;
        diag_init(&d, NULL, 0);
        FormatBuf out = { 0 };
        if (format_text(&a, "bad.treaty", bad[i], strlen(bad[i]), &out, &d)) fail_msg("'%s' was formatted", bad[i]);
        assert_true(d.errors > 0);
        assert_int_equal(out.len, 0);
        assert_string_equal(out.text, "");
        assert_string_equal(d.items[0].loc.src->path, "bad.treaty");
        format_buf_free(&out);
        diag_free(&d);
        arena_free(&a);
    }
}

/* Nesting as deep as the parser takes, and long lists: formatted, and in
 * one pass. */
static void deep_and_long_input(void **state)
{
    (void)state;
    enum { DEEP = 150, LONG = 20000 };
    size_t cap = 64 + 4 * DEEP + 16 * LONG;
    char *in = malloc(cap), *want = malloc(cap);
    size_t n = (size_t)snprintf(in, cap, "scenario \"s\" { expect eval ");
    size_t m = (size_t)snprintf(want, cap, "scenario \"s\" { expect eval ");
    for (int i = 0; i < DEEP; i++) { in[n++] = '('; in[n++] = ' '; want[m++] = '('; }
    in[n++] = '1';
    want[m++] = '1';
    for (int i = 0; i < DEEP; i++) { in[n++] = ' '; in[n++] = ')'; want[m++] = ')'; }
    n += (size_t)snprintf(in + n, cap - n, " == 1; }\nstate S0");
    m += (size_t)snprintf(want + m, cap - m, " == 1; }\nstate S0");
    for (int i = 1; i < LONG; i++) {
        n += (size_t)snprintf(in + n, cap - n, ";state S%d", i);
        m += (size_t)snprintf(want + m, cap - m, ";\nstate S%d", i);
    }
    snprintf(in + n, cap - n, ";");
    snprintf(want + m, cap - m, ";\n");
    char *got = formatted(in, strlen(in));
    assert_string_equal(got, want);
    free(got);
    free(in);
    free(want);
}

/* format_diff() of old_text and new_text is exactly `want`. */
static void assert_diff(const char *old_text, const char *new_text, const char *want)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(format_diff(f, "t.treaty", old_text, strlen(old_text), new_text, strlen(new_text)), 0);
    fclose(f);
    assert_string_equal(text, want);
    free(text);
}

static void diffs_are_unified(void **state)
{
    (void)state;
    assert_diff("a\nb\nc\n", "a\nb\nc\n", "");
    assert_diff("1\n2\n3\n4\nx\n5\n6\n7\n8\n", "1\n2\n3\n4\ny\nz\n5\n6\n7\n8\n",
                "--- a/t.treaty\n+++ b/t.treaty\n@@ -2,7 +2,8 @@\n 2\n 3\n 4\n-x\n+y\n+z\n 5\n 6\n 7\n");
    assert_diff("state A;", "state A;\n",
                "--- a/t.treaty\n+++ b/t.treaty\n@@ -1,1 +1,1 @@\n-state A;\n\\ No newline at end of file\n"
                "+state A;\n");
    assert_diff("", "a\n", "--- a/t.treaty\n+++ b/t.treaty\n@@ -0,0 +1,1 @@\n+a\n");
    /* two changes far apart: two hunks */
    assert_diff("x\n1\n2\n3\n4\n5\n6\n7\n8\ny\n", "X\n1\n2\n3\n4\n5\n6\n7\n8\nY\n",
                "--- a/t.treaty\n+++ b/t.treaty\n@@ -1,4 +1,4 @@\n-x\n+X\n 1\n 2\n 3\n"
                "@@ -7,4 +7,4 @@\n 6\n 7\n 8\n-y\n+Y\n");
}

/* A file is replaced through a new file and a rename; on failure it is as
 * it was, and the reason is given. */
static void files_are_replaced_whole(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    char dir[] = "/tmp/treaty-fmt-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = arena_printf(&a, "%s/f.treaty", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("state  A;\n", f);
    fclose(f);
    assert_int_equal(chmod(path, 0640), 0);
    struct stat before, after;
    assert_int_equal(stat(path, &before), 0);
    assert_null(format_replace_file(&a, path, "state A;\n", 9));
    assert_int_equal(stat(path, &after), 0);
    assert_true(after.st_ino != before.st_ino);       /* a new file, renamed over the old one */
    assert_int_equal(after.st_mode & 07777, 0640);
    assert_int_equal(after.st_size, 9);
    const char *why = format_replace_file(&a, dir, "x", 1);
    assert_non_null(why);
    assert_string_equal(why, "it is not a regular file");
    why = format_replace_file(&a, arena_printf(&a, "%s/missing.treaty", dir), "x", 1);
    assert_non_null(why);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);                  /* no temporary file left behind */
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(blocks_are_indented_one_statement_a_line),
        cmocka_unit_test(blocks_written_on_one_line_stay_so),
        cmocka_unit_test(a_block_inside_a_statement_lets_it_go_on),
        cmocka_unit_test(spaces_between_tokens),
        cmocka_unit_test(comments_stay_where_they_were),
        cmocka_unit_test(blank_lines_at_most_one),
        cmocka_unit_test(continued_lines),
        cmocka_unit_test(line_ends_and_byte_order_mark),
        cmocka_unit_test(syntax_errors_are_reported),
        cmocka_unit_test(deep_and_long_input),
        cmocka_unit_test(diffs_are_unified),
        cmocka_unit_test(files_are_replaced_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
