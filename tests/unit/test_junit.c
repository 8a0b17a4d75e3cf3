/* test_junit.c — the JUnit XML report: escaping hostile text (markup
 * characters, quotes, control characters, bytes that are not UTF-8,
 * characters XML forbids) and the shape of the report written.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "junit.h"
#include "source.h"

#define FFFD "\xEF\xBF\xBD"

static void test_escape_markup(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    assert_string_equal(xml_escape(&a, "", 0), "");
    assert_string_equal(xml_escape(&a, "plain title", 1), "plain title");
    assert_string_equal(xml_escape(&a, "<a & b>", 0), "&lt;a &amp; b&gt;");
    assert_string_equal(xml_escape(&a, "]]>", 0), "]]&gt;");
    assert_string_equal(xml_escape(&a, "&amp;", 1), "&amp;amp;");
    /* quotes: only the attribute's own delimiter needs it */
    assert_string_equal(xml_escape(&a, "say \"no\" 'now'", 1), "say &quot;no&quot; 'now'");
    assert_string_equal(xml_escape(&a, "say \"no\"", 0), "say \"no\"");
    arena_free(&a);
}

static void test_escape_whitespace_and_controls(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    /* kept in text, referenced in attributes (normalisation would turn them into spaces) */
    assert_string_equal(xml_escape(&a, "a\tb\nc", 0), "a\tb\nc");
    assert_string_equal(xml_escape(&a, "a\tb\nc", 1), "a&#9;b&#10;c");
    assert_string_equal(xml_escape(&a, "a\rb", 0), "a&#13;b");
    /* control characters XML 1.0 does not allow, even as references */
    assert_string_equal(xml_escape(&a, "bell\a esc\x1b nul-less\x01", 0), "bell" FFFD " esc" FFFD " nul-less" FFFD);
    assert_string_equal(xml_escape(&a, "\x7f", 0), "\x7f");      /* DEL is allowed */
    arena_free(&a);
}

static void test_escape_bad_utf8(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    assert_string_equal(xml_escape(&a, "caf\xc3\xa9", 1), "caf\xc3\xa9");               /* good UTF-8 stays */
    assert_string_equal(xml_escape(&a, "\xe2\x82\xac 5", 0), "\xe2\x82\xac 5");
    assert_string_equal(xml_escape(&a, "\xf0\x9f\x98\x80", 0), "\xf0\x9f\x98\x80");     /* 4 bytes */
    assert_string_equal(xml_escape(&a, "a\xff" "b", 0), "a" FFFD "b");                  /* not UTF-8 at all */
    assert_string_equal(xml_escape(&a, "a\xc3", 0), "a" FFFD);                          /* cut short */
    assert_string_equal(xml_escape(&a, "\xc0\xbc", 0), FFFD FFFD);                      /* overlong '<' */
    assert_string_equal(xml_escape(&a, "\xed\xa0\x80", 0), FFFD FFFD FFFD);             /* a surrogate */
    assert_string_equal(xml_escape(&a, "\xef\xbf\xbe|\xef\xbf\xbf", 0), FFFD "|" FFFD); /* U+FFFE, U+FFFF */
    arena_free(&a);
}

/* Every byte value, alone and after a lead byte: the result is always
 * well-formed UTF-8 holding no raw markup character. */
static void test_escape_every_byte(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    for (int lead = 0; lead < 256; lead += 17)
        for (int b = 1; b < 256; b++) {
            char in[3] = { (char)(lead ? lead : b), (char)(lead ? b : 0), 0 };
            for (int attr = 0; attr < 2; attr++) {
                const char *out = xml_escape(&a, in, attr);
                size_t n = strlen(out);
                for (size_t i = 0; i < n;) {
                    int len = utf8_char_len((const unsigned char *)out + i, n - i);
                    assert_true(len > 0);
                    assert_true(out[i] != '<' && (out[i] != '"' || !attr));
                    if (out[i] == '&') assert_non_null(strchr(out + i, ';'));
                    assert_true((unsigned char)out[i] >= 0x20 || out[i] == '\t' || out[i] == '\n');
                    i += (size_t)len;
                }
            }
        }
    arena_free(&a);
}

/* The report for one suite of three cases: counts, skipped and failure. */
static void test_write_report(void **state)
{
    (void)state;
    JunitReport r;
    junit_init(&r);
    JunitSuite s;
    memset(&s, 0, sizeof s);
    s.name = "a<b>.treaty";
    JunitCase ok = { "passes", "a<b>.treaty", 3, 0.5, 2, 0, 0, NULL, NULL, { 0 } };
    JunitCase bad = { "fails \"here\" & there", "a<b>.treaty", 9, 0.25, 3, 1, 0, NULL, "x:1:2: expect q: no", { 0 } };
    JunitCase skip = { "left out", "a<b>.treaty", 20, 0, 0, 0, 0, "its title does not match --run", NULL, { 0 } };
    vec_push(&r.arena, &bad.details, "x:1:2: FAIL <\n");     /* written one piece after another */
    vec_push(&r.arena, &bad.details, "x:5:2: FAIL &\n");
    vec_push(&r.arena, &s.cases, ok);
    vec_push(&r.arena, &s.cases, bad);
    vec_push(&r.arena, &s.cases, skip);
    vec_push(&r.arena, &r.suites, s);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(junit_write(&r, f), 0);
    fclose(f);
    assert_non_null(strstr(text, "<testsuite name=\"a&lt;b&gt;.treaty\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\" time=\"0.750000\">"));
    assert_non_null(strstr(text, "name=\"fails &quot;here&quot; &amp; there\""));
    assert_non_null(strstr(text, "<failure message=\"1 of 3 expectations failed; the first: x:1:2: expect q: no\" type=\"expectation\">x:1:2: FAIL &lt;\nx:5:2: FAIL &amp;\n</failure>"));
    assert_non_null(strstr(text, "<skipped message=\"its title does not match --run\"/>"));
    assert_non_null(strstr(text, "line=\"3\" assertions=\"2\" time=\"0.500000\"/>"));
    free(text);
    junit_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_markup),
        cmocka_unit_test(test_escape_whitespace_and_controls),
        cmocka_unit_test(test_escape_bad_utf8),
        cmocka_unit_test(test_escape_every_byte),
        cmocka_unit_test(test_write_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
