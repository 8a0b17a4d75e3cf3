/* test_session.c — the REPL's engine driven directly: where a statement
 * ends (fed in pieces), statements sharing a line, inputs that are skipped,
 * answers that cannot be written, and .save.  The session writes into
 * memory streams that the tests read. */
#define _DEFAULT_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "session.h"
#include "treaty.h"

/* A session writing into memory: what it printed is in out and err. */
typedef struct Run {
    Session *s;
    FILE *out_f, *err_f;
    char *out, *err;
    size_t out_n, err_n;
} Run;

static void run_start(Run *r)
{
    memset(r, 0, sizeof *r);
    r->out_f = open_memstream(&r->out, &r->out_n);
    r->err_f = open_memstream(&r->err, &r->err_n);
    assert_non_null(r->out_f);
    assert_non_null(r->err_f);
    r->s = session_new(r->out_f, r->err_f, 0);
    Date d;
    const char *why;
    assert_int_equal(date_parse("2016-09-01", &d, &why), 0);
    session_set_date(r->s, d);
}

static int run_exec(Run *r, const char *text)
{
    int failed = session_exec(r->s, text, strlen(text), "<t>", 0);
    fflush(r->out_f);
    fflush(r->err_f);
    return failed;
}

static void run_end(Run *r)
{
    session_free(r->s);
    fclose(r->out_f);
    fclose(r->err_f);
    free(r->out);
    free(r->err);
}

#define ASSERT_HAS(hay, needle) \
    do { if (!strstr((hay), (needle))) fail_msg("\"%s\" not in:\n%s", (needle), (hay)); } while (0)

/* ---------------- where a statement ends ---------------- */

static int complete_whole(const char *text)
{
    StmtScan sc;
    stmt_scan_init(&sc);
    stmt_scan_feed(&sc, text, strlen(text));
    return stmt_scan_complete(&sc);
}

/* The same text fed one byte at a time must end at the same place. */
static int complete_bytewise(const char *text)
{
    StmtScan sc;
    stmt_scan_init(&sc);
    for (size_t i = 0; text[i]; i++) stmt_scan_feed(&sc, text + i, 1);
    return stmt_scan_complete(&sc);
}

static void statement_ends(void **state)
{
    (void)state;
    static const struct { const char *text; int complete; } cases[] = {
        { "members of QCCM;\n", 1 },
        { "members of\n", 0 },
        { "members of\nQCCM;\n", 1 },
        { "state A {\n", 0 },
        { "state A {\n  region \"x\";\n", 0 },
        { "state A {\n  region \"x\";\n}\n", 1 },
        { "state A { region \"{\"; }\n", 1 },           /* a brace in a string */
        { "state A { # {\n}\n", 1 },                   /* a brace in a comment */
        { "does X adopt \"a;\n", 1 },                  /* a string broken at the line's end */
        { "does X adopt \"a\\\"b;\"\n", 0 },           /* an escaped quote: the ';' is inside */
        { "does X adopt \"a\\\\\";\n", 1 },            /* an escaped backslash ends the string */
        { "x; # the end;\n", 1 },
        { "# only a comment;\n", 0 },
        { "}\n", 1 },                                  /* too many braces: the parser says so */
        { "", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        if (complete_whole(cases[i].text) != cases[i].complete)
            fail_msg("whole: '%s' should%s be complete", cases[i].text, cases[i].complete ? "" : " not");
        if (complete_bytewise(cases[i].text) != cases[i].complete)
            fail_msg("byte by byte: '%s' should%s be complete", cases[i].text, cases[i].complete ? "" : " not");
    }
}

/* A statement of 40,000 lines, fed line by line as the REPL does, is
 * complete only at its last line. */
static void long_statement_fed_by_line(void **state)
{
    (void)state;
    StmtScan sc;
    stmt_scan_init(&sc);
    stmt_scan_feed(&sc, "organisation Big {\n", 19);
    for (int i = 0; i < 40000; i++) {
        stmt_scan_feed(&sc, "  # a line; }\n", 14);
        assert_false(stmt_scan_complete(&sc));
    }
    stmt_scan_feed(&sc, "}\n", 2);
    assert_true(stmt_scan_complete(&sc));
}

/* ---------------- statements sharing a line ---------------- */

/* Each statement keeps its true line and column, also after a declaration
 * rebuilt the world in the middle of a line. */
static void statements_keep_their_places(void **state)
{
    (void)state;
    Run r;
    run_start(&r);
    const char *text = "\n  state X; can Nope join X;\nstate Y;   show Y; show Nope; state X;\n";
    assert_int_equal(run_exec(&r, text), 3);
    ASSERT_HAS(r.err, "<t>:2:16: error: unknown state or actor 'Nope'");
    ASSERT_HAS(r.err, "<t>:3:25: error: unknown name 'Nope'");
    ASSERT_HAS(r.err, "<t>:3:37: error: 'X' is already declared");
    ASSERT_HAS(r.err, "<t>:2:3: note: 'X' was first declared here");
    ASSERT_HAS(r.out, "Y, state (<t>:3:1)");
    run_end(&r);
}

/* Many statements on one line each run against the world as it is then:
 * declarations (each builds a new world) and questions between them. */
static void many_statements_on_one_line(void **state)
{
    (void)state;
    Run r;
    run_start(&r);
    size_t n = 0, cap = 1 << 20;
    char *text = malloc(cap);
    for (int i = 0; i < 100; i++) n += (size_t)snprintf(text + n, cap - n, "state S%d; show S%d; ", i, i / 2);
    for (int i = 0; i < 2000; i++) n += (size_t)snprintf(text + n, cap - n, "at 2016-09-01; ");
    n += (size_t)snprintf(text + n, cap - n, "show S99; show Nope;\n");
    assert_int_equal(session_exec(r.s, text, n, "<t>", 0), 1);
    fflush(r.out_f);
    fflush(r.err_f);
    ASSERT_HAS(r.out, "S0, state (<t>:1:1)");
    ASSERT_HAS(r.out, "S49, state (<t>:1:1000)");
    ASSERT_HAS(r.out, "S99, state (<t>:1:2050)");
    ASSERT_HAS(r.err, "<t>:1:32086: error: unknown name 'Nope'");
    free(text);
    run_end(&r);
}

static void skipped_input_is_located(void **state)
{
    (void)state;
    Run r;
    run_start(&r);
    const char *text = "state Big {\n  region \"far\";\n}\n";
    session_skip(r.s, text, strlen(text), "<t>", 41, "statement is too large");
    fflush(r.err_f);
    ASSERT_HAS(r.err, "<t>:42:1: error: statement is too large");
    ASSERT_HAS(r.err, "42 | state Big {");
    run_end(&r);
}

/* ---------------- answers that cannot be written ---------------- */

static void lost_answers_are_noticed(void **state)
{
    (void)state;
    for (int json = 0; json < 2; json++) {
        FILE *full = fopen("/dev/full", "w");
        assert_non_null(full);
        Session *s = session_new(full, stderr, 0);
        session_set_format(s, json ? FMT_JSON : FMT_TEXT);
        assert_false(session_output_failed(s));
        const char *text = "state A; organisation P { kind k; member A since 2000; } members of P at 2001;\n";
        session_exec(s, text, strlen(text), "<t>", 0);
        if (!session_output_failed(s)) fail_msg("a lost answer went unnoticed (%s)", json ? "json" : "text");
        session_free(s);
        fclose(full);
    }
}

/* ---------------- save ---------------- */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    static char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* The saved file keeps the order of the session: a question asked before a
 * supposition comes before it; `undo` opens a new scenario that restates the
 * date and the layers left. */
static void save_keeps_the_order(void **state)
{
    (void)state;
    char dir[] = "/tmp/treaty-session-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/s.treaty", dir);
    Run r;
    run_start(&r);
    assert_int_equal(run_exec(&r, "state A; state B; organisation P { kind k; member A since 2000; }\n"
                                  "at 2001; members of P; suppose B joins P; suppose A leaves P;\n"
                                  "members of P; at 2002; members of P; undo; members of P;\n"), 0);
    const char *why = NULL;
    assert_int_equal(session_save(r.s, path, 0, &why), 0);
    const char *text = slurp(path);
    const char *want[] = {
        "state A;", "organisation P", "scenario \"saved session\" {", "  at 2001-01-01;", "  query members of P;",
        "  suppose B joins P;", "  suppose A leaves P;", "  query members of P;", "  at 2002-01-01;",
        "  query members of P;", "}", "scenario \"saved session, part 2\" {", "  at 2002-01-01;",
        "  suppose B joins P;", "  query members of P;", "}",
    };
    const char *at = text;
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const char *hit = strstr(at, want[i]);
        if (!hit) fail_msg("'%s' missing or out of order in:\n%s", want[i], text);
        at = hit + strlen(want[i]);
    }
    /* a second .save refuses the file, which stays as it was */
    char before[8192];
    strcpy(before, text);
    assert_int_equal(run_exec(&r, "members of P;\n"), 0);
    assert_int_equal(session_save(r.s, path, 0, &why), -1);
    ASSERT_HAS(why, "the file exists");
    assert_string_equal(slurp(path), before);
    assert_int_equal(session_save(r.s, path, 1, &why), 0);
    assert_string_not_equal(slurp(path), before);
    run_end(&r);
    unlink(path);
    assert_int_equal(rmdir(dir), 0);             /* no temporary file was left */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(statement_ends),
        cmocka_unit_test(long_statement_fed_by_line),
        cmocka_unit_test(statements_keep_their_places),
        cmocka_unit_test(many_statements_on_one_line),
        cmocka_unit_test(skipped_input_is_located),
        cmocka_unit_test(lost_answers_are_noticed),
        cmocka_unit_test(save_keeps_the_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
