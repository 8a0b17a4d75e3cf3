/* date.h — calendar dates as comparable integers (YYYYMMDD). */
#ifndef TREATY_DATE_H
#define TREATY_DATE_H
#include <stdint.h>

typedef int32_t Date;          /* 20160803 for 2016-08-03 */
#define DATE_NONE 0
#define DATE_END  99991231     /* open end of an interval */

/* Parses YYYY, YYYY-MM or YYYY-MM-DD (a partial date means its first day).
 * Returns 0 and writes *out, or -1 and a reason into why. */
int  date_parse(const char *s, Date *out, const char **why);
void date_format(Date d, char buf[16]);

/* Calendar arithmetic, for periods of notice and terms. */
typedef enum { UNIT_DAYS, UNIT_MONTHS, UNIT_YEARS } DateUnit;
/* The unit a word names: day(s), month(s), year(s); *ok = 0 if none. */
DateUnit date_unit_find(const char *word, int *ok);
const char *date_unit_name(DateUnit u, long long n);   /* "1 year" -> "year", "2 years" -> "years" */
/* d plus n units (n >= 0) into *out.  Adding months or years to a day that
 * the month reached does not have gives that month's last day: 2024-02-29
 * plus 1 year is 2025-02-28, 2025-01-31 plus 1 month is 2025-02-28.
 * Returns 0, or -1 (and leaves *out alone) when n is negative or the result
 * would be after 9999-12-30 (9999-12-31 marks an open end). */
int  date_add(Date d, long long n, DateUnit unit, Date *out);
Date date_today(void);
#endif
