/* test_date.c — calendar dates: the three written forms, the length of every
 * month, leap years, the reasons given for a date that does not exist, and
 * printing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "date.h"

static Date parse_ok(const char *s)
{
    Date d = -1;
    const char *why = NULL;
    if (date_parse(s, &d, &why) != 0) fail_msg("'%s' was rejected: %s", s, why ? why : "?");
    return d;
}

/* The reason `s` is not a date. */
static const char *parse_bad(const char *s)
{
    Date d = 12345;
    const char *why = NULL;
    int rc = date_parse(s, &d, &why);
    if (rc == 0) fail_msg("'%s' was accepted as %d", s, (int)d);
    assert_int_equal(rc, -1);                   /* as date.h promises */
    assert_int_equal(d, 12345);                 /* nothing written on failure */
    assert_non_null(why);
    return why;
}

static void test_three_forms(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("2016-08-03"), 20160803);
    assert_int_equal(parse_ok("2016-08"), 20160801);      /* a partial date is its first day */
    assert_int_equal(parse_ok("2016"), 20160101);
    assert_int_equal(parse_ok("0001-01-01"), 10101);
    assert_int_equal(parse_ok("9999-12-31"), 99991231);
    assert_int_equal(parse_ok("1999-10-19"), 19991019);
}

static void test_malformed(void **state)
{
    (void)state;
    const char *shape = "a date is written YYYY-MM-DD, YYYY-MM or YYYY";
    const char *const bad[] = {
        "", "16", "201", "20160", "2016-8", "2016-8-03", "2016-08-3", "20160803", "2016/08/03",
        "2016-08/03", "2016.08", "2016-08-031", "abcd", "2o16", "2016-0a", "2016-a1", "2016-08-0x",
        "2016-08-:1", "2016-:8-01", "/016", ":016", "2016-08-/3",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *why = parse_bad(bad[i]);
        if (strcmp(why, shape) != 0) fail_msg("'%s': %s", bad[i], why);
    }
}

static void test_fields_in_range(void **state)
{
    (void)state;
    assert_string_equal(parse_bad("0000"), "year 0000 does not exist");
    assert_string_equal(parse_bad("0000-01-01"), "year 0000 does not exist");
    assert_string_equal(parse_bad("2016-00"), "month must be 01 to 12");
    assert_string_equal(parse_bad("2016-13-01"), "month must be 01 to 12");
    assert_int_equal(parse_ok("2016-01"), 20160101);
    assert_int_equal(parse_ok("2016-12"), 20161201);
    assert_string_equal(parse_bad("2016-01-00"), "no such day in that month");
    assert_int_equal(parse_ok("2016-01-01"), 20160101);
}

/* The last day of each month is a date; the day after it is not. */
static void test_length_of_every_month(void **state)
{
    (void)state;
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    char s[32];
    for (int m = 1; m <= 12; m++) {
        snprintf(s, sizeof s, "2023-%02d-%02d", m, days[m - 1]);
        assert_int_equal(parse_ok(s), 20230000 + m * 100 + days[m - 1]);
        snprintf(s, sizeof s, "2023-%02d-%02d", m, days[m - 1] + 1);
        const char *why = parse_bad(s);
        if (m == 2) assert_string_equal(why, "not a leap year: February has 28 days");
        else assert_string_equal(why, "no such day in that month");
    }
}

static void test_leap_years(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("2024-02-29"), 20240229);   /* divisible by 4 */
    assert_int_equal(parse_ok("2000-02-29"), 20000229);   /* by 400 */
    assert_int_equal(parse_ok("1600-02-29"), 16000229);
    assert_int_equal(parse_ok("0004-02-29"), 40229);
    assert_string_equal(parse_bad("2023-02-29"), "not a leap year: February has 28 days");
    assert_string_equal(parse_bad("1900-02-29"), "not a leap year: February has 28 days");  /* by 100 */
    assert_string_equal(parse_bad("2100-02-29"), "not a leap year: February has 28 days");
    assert_string_equal(parse_bad("2022-02-29"), "not a leap year: February has 28 days");
    assert_string_equal(parse_bad("2021-02-29"), "not a leap year: February has 28 days");
    /* a leap year has 29 days in February, not more, and no longer months */
    assert_string_equal(parse_bad("2024-02-30"), "no such day in that month");
    assert_string_equal(parse_bad("2023-02-30"), "no such day in that month");
    assert_string_equal(parse_bad("2024-01-32"), "no such day in that month");
    assert_string_equal(parse_bad("2024-03-32"), "no such day in that month");
    assert_string_equal(parse_bad("2024-04-31"), "no such day in that month");
}

static void test_format(void **state)
{
    (void)state;
    char buf[16];
    date_format(20160803, buf);
    assert_string_equal(buf, "2016-08-03");
    date_format(10101, buf);
    assert_string_equal(buf, "0001-01-01");
    date_format(19991231, buf);
    assert_string_equal(buf, "1999-12-31");
    date_format(99991230, buf);
    assert_string_equal(buf, "9999-12-30");
    date_format(DATE_END, buf);                 /* the open end of an interval */
    assert_string_equal(buf, "end");
}

/* Today is a real date, and printing and reading it gives it back. */
static void test_today(void **state)
{
    (void)state;
    Date today = date_today();
    char buf[16];
    date_format(today, buf);
    assert_int_equal(parse_ok(buf), today);
    assert_true(today > 20240101);
    assert_true(today < DATE_END);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_three_forms),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_fields_in_range),
        cmocka_unit_test(test_length_of_every_month),
        cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_today),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
