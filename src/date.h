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
Date date_today(void);
#endif
