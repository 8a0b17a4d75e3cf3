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
