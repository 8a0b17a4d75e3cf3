/* date.c — parsing, validating and printing dates. */
#include "date.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int date_parse(const char *s, Date *out, const char **why)
{
    size_t n = strlen(s);
    int y = 0, m = 1, d = 1;
    if (!(n == 4 || n == 7 || n == 10) || digits(s, 4, &y) < 0) {
        *why = "a date is written YYYY-MM-DD, YYYY-MM or YYYY";
        return -1;
    }
    if (n >= 7 && (s[4] != '-' || digits(s + 5, 2, &m) < 0)) {
        *why = "a date is written YYYY-MM-DD, YYYY-MM or YYYY";
        return -1;
    }
    if (n == 10 && (s[7] != '-' || digits(s + 8, 2, &d) < 0)) {
        *why = "a date is written YYYY-MM-DD, YYYY-MM or YYYY";
        return -1;
    }
    if (y < 1) { *why = "year 0000 does not exist"; return -1; }
    if (m < 1 || m > 12) { *why = "month must be 01 to 12"; return -1; }
    if (d < 1 || d > days_in_month(y, m)) {
        *why = m == 2 && d == 29 ? "not a leap year: February has 28 days"
                                 : "no such day in that month";
        return -1;
    }
    *out = y * 10000 + m * 100 + d;
    return 0;
}

/* Days since 0000-03-01 of a valid date: the year is taken to start in
 * March, so that the leap day is the last day of its year. */
static long long day_number(int y, int m, int d)
{
    if (m <= 2) { y--; m += 12; }
    long long days_before_month = (153LL * (m - 3) + 2) / 5;
    return 365LL * y + y / 4 - y / 100 + y / 400 + days_before_month + d - 1;
}

/* The inverse of day_number() for days >= 0. */
static void from_day_number(long long n, int *y, int *m, int *d)
{
    long long era = n / 146097, doe = n % 146097;                 /* 400-year eras */
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(era * 400 + yoe + (*m <= 2));
}

DateUnit date_unit_find(const char *word, int *ok)
{
    static const struct { const char *word; DateUnit unit; } units[] = {
        { "day", UNIT_DAYS }, { "days", UNIT_DAYS }, { "month", UNIT_MONTHS },
        { "months", UNIT_MONTHS }, { "year", UNIT_YEARS }, { "years", UNIT_YEARS },
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(word, units[i].word) == 0) { *ok = 1; return units[i].unit; }
    *ok = 0;
    return UNIT_DAYS;
}

const char *date_unit_name(DateUnit u, long long n)
{
    static const char *const names[3][2] = { { "day", "days" }, { "month", "months" }, { "year", "years" } };
    return names[u][n != 1];
}

int date_add(Date d, long long n, DateUnit unit, Date *out)
{
    /* bounded first, so that nothing below can overflow */
    if (n < 0 || n > 10000LL * 366) return -1;
    int y = (int)(d / 10000), m = (int)(d / 100 % 100), day = (int)(d % 100);
    if (unit == UNIT_DAYS) {
        long long target = day_number(y, m, day) + n;
        if (target >= day_number(9999, 12, 31)) return -1;
        from_day_number(target, &y, &m, &day);
    } else {
        long long months = (long long)y * 12 + (m - 1) + (unit == UNIT_YEARS ? n * 12 : n);
        if (months > 9999LL * 12 + 11) return -1;
        y = (int)(months / 12);
        m = (int)(months % 12) + 1;
        if (day > days_in_month(y, m)) day = days_in_month(y, m);
        if (y == 9999 && m == 12 && day == 31) return -1;
    }
    *out = y * 10000 + m * 100 + day;
    return 0;
}

void date_format(Date d, char buf[16])
{
    if (d >= DATE_END) { strcpy(buf, "end"); return; }
    snprintf(buf, 16, "%04d-%02d-%02d", (int)(d / 10000), (int)(d / 100 % 100), (int)(d % 100));
}

Date date_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}
