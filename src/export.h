/* export.h — a world's obligations as dyad-years, the shape of ATOP's
 * dyad-year files and of the peacesciencer R package (docs/atop.md). */
#ifndef TREATY_EXPORT_H
#define TREATY_EXPORT_H
#include <stdio.h>
#include "whatif.h"

typedef enum { EXPORT_CSV, EXPORT_TSV, EXPORT_JSON } ExportFormat;

typedef struct ExportOptions {
    int from, to;              /* years, inclusive: 1 to 9998 (the command line checks them) */
    int on_month, on_day;      /* --on MM-DD (0: any common day of the year) */
    int undirected;
    ExportFormat format;
} ExportOptions;

/* The kinds of obligation, as bits. */
enum { K_DEFENCE = 1, K_OFFENCE = 2, K_NEUTRAL = 4, K_NONAGG = 8, K_CONSUL = 16, K_UNCOND_DEFENCE = 32 };

/* What party a owes party b under one organisation on one day: its kinds
 * (K_UNCOND_DEFENCE when some defence obligation has no condition), those
 * of them owed only under conditions (open), and those owed without (firm). */
typedef struct Bond { EntId a, b; unsigned kinds, open, firm; } Bond;
typedef struct BondList { Bond *items; size_t n, cap; } BondList;   /* malloc-owned items */

/* The days on which something about org may change (its founding and
 * dissolution, memberships, obligations, suspensions, suspended members,
 * and the suppositions of ov about it), added to out, which is then sorted
 * and rid of repeats: between two of them, bonds_at() gives the same. */
typedef VEC(Date) DateList;
void change_days(const World *w, const Overlay *ov, EntId org, Arena *a, DateList *out);

/* The bonds of org on day d (c->date is set to d), one per pair, sorted by
 * (a, b): obligations with their exceptions, suspensions and suspended
 * members, under c->ov. */
void bonds_at(Ctx *c, EntId org, Date d, BondList *out);

/* One row per (directed) pair of parties and year with at least one
 * obligation; ov may be NULL.  Returns the number of rows, or -1 when the
 * output could not be written (errno says why; EDOM: a year out of 1 to
 * 9998, which a segment's 16 bits could not hold). */
long export_dyad_years(const World *w, const Overlay *ov, const ExportOptions *o, FILE *out);
#endif
