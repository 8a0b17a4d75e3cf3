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

/* d + n units, which must be a date. */
static Date add_ok(Date d, long long n, DateUnit u)
{
    Date out = -1;
    if (date_add(d, n, u, &out) != 0) fail_msg("%d + %lld %s was refused", (int)d, n, date_unit_name(u, n));
    return out;
}

/* Years and months keep the day of the month when the month reached has
 * it, and give the month's last day when it does not. */
static void test_add_years_and_months(void **state)
{
    (void)state;
    assert_int_equal(add_ok(20250301, 1, UNIT_YEARS), 20260301);
    assert_int_equal(add_ok(20240229, 1, UNIT_YEARS), 20250228);    /* 29 February, then no leap year */
    assert_int_equal(add_ok(20240229, 4, UNIT_YEARS), 20280229);    /* a leap year again */
    assert_int_equal(add_ok(20240229, 76, UNIT_YEARS), 21000228);   /* 2100 is not a leap year */
    assert_int_equal(add_ok(20000229, 400, UNIT_YEARS), 24000229);  /* 2400 is one */
    assert_int_equal(add_ok(20250131, 1, UNIT_MONTHS), 20250228);
    assert_int_equal(add_ok(20240131, 1, UNIT_MONTHS), 20240229);
    assert_int_equal(add_ok(20250331, 1, UNIT_MONTHS), 20250430);
    assert_int_equal(add_ok(20251130, 3, UNIT_MONTHS), 20260228);   /* across a year */
    assert_int_equal(add_ok(20251215, 1, UNIT_MONTHS), 20260115);
    assert_int_equal(add_ok(20250315, 24, UNIT_MONTHS), 20270315);
    assert_int_equal(add_ok(20250315, 0, UNIT_YEARS), 20250315);
    assert_int_equal(add_ok(19690824, 1, UNIT_YEARS), 19700824);
}

static void test_add_days(void **state)
{
    (void)state;
    assert_int_equal(add_ok(20250301, 1, UNIT_DAYS), 20250302);
    assert_int_equal(add_ok(20240228, 1, UNIT_DAYS), 20240229);
    assert_int_equal(add_ok(20250228, 1, UNIT_DAYS), 20250301);
    assert_int_equal(add_ok(21000228, 1, UNIT_DAYS), 21000301);     /* not a leap year */
    assert_int_equal(add_ok(20000228, 1, UNIT_DAYS), 20000229);     /* one */
    assert_int_equal(add_ok(20241231, 1, UNIT_DAYS), 20250101);
    assert_int_equal(add_ok(20240101, 366, UNIT_DAYS), 20250101);
    assert_int_equal(add_ok(20250101, 365, UNIT_DAYS), 20260101);
    assert_int_equal(add_ok(10101, 90, UNIT_DAYS), 10401);          /* 0001-01-01 + 90 days = 0001-04-01 */
    assert_int_equal(add_ok(19000101, 146097, UNIT_DAYS), 23000101); /* 400 years of days */
    /* every day of four years, one at a time and at once */
    Date d = 20230101;
    for (int i = 1; i <= 1461; i++) {
        Date next = add_ok(d, 1, UNIT_DAYS);
        assert_true(next > d);
        assert_int_equal(add_ok(20230101, i, UNIT_DAYS), next);
        d = next;
    }
    assert_int_equal(d, 20270101);
}

/* Past 9999-12-30 (9999-12-31 marks an open end), or a negative or huge
 * count: refused, never undefined. */
static void test_add_out_of_range(void **state)
{
    (void)state;
    Date out = 12345;
    assert_int_equal(date_add(20250101, 100000, UNIT_YEARS, &out), -1);
    assert_int_equal(date_add(20250101, 7975, UNIT_YEARS, &out), -1);
    assert_int_equal(date_add(99991230, 1, UNIT_DAYS, &out), -1);
    assert_int_equal(date_add(99991201, 30, UNIT_DAYS, &out), -1);
    assert_int_equal(date_add(99991031, 2, UNIT_MONTHS, &out), -1);  /* 9999-12-31 */
    assert_int_equal(add_ok(99991130, 1, UNIT_MONTHS), 99991230);
    assert_int_equal(date_add(20250101, -1, UNIT_DAYS, &out), -1);
    assert_int_equal(date_add(20250101, 9000000000000LL, UNIT_MONTHS, &out), -1);
    assert_int_equal(out, 12345);                                      /* nothing written */
    assert_int_equal(add_ok(99991201, 29, UNIT_DAYS), 99991230);
    assert_int_equal(add_ok(20250101, 7974, UNIT_YEARS), 99990101);
}

static void test_units(void **state)
{
    (void)state;
    int ok;
    assert_int_equal(date_unit_find("years", &ok), UNIT_YEARS);
    assert_true(ok);
    assert_int_equal(date_unit_find("month", &ok), UNIT_MONTHS);
    assert_true(ok);
    assert_int_equal(date_unit_find("days", &ok), UNIT_DAYS);
    assert_true(ok);
    date_unit_find("weeks", &ok);
    assert_false(ok);
    assert_string_equal(date_unit_name(UNIT_YEARS, 1), "year");
    assert_string_equal(date_unit_name(UNIT_MONTHS, 6), "months");
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
        cmocka_unit_test(test_add_years_and_months),
        cmocka_unit_test(test_add_days),
        cmocka_unit_test(test_add_out_of_range),
        cmocka_unit_test(test_units),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
