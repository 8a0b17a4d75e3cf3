/* export.h — a world's obligations as dyad-years, the shape of ATOP's
 * dyad-year files and of the peacesciencer R package (docs/atop.md). */
#ifndef TREATY_EXPORT_H
#define TREATY_EXPORT_H
#include <stdio.h>
#include "whatif.h"

typedef enum { EXPORT_CSV, EXPORT_TSV, EXPORT_JSON } ExportFormat;

typedef struct ExportOptions {
    int from, to;              /* years, inclusive */
    int on_month, on_day;      /* --on MM-DD (0: any common day of the year) */
    int undirected;
    ExportFormat format;
} ExportOptions;

/* One row per (directed) pair of parties and year with at least one
 * obligation; ov may be NULL.  Returns the number of rows, or -1 when the
 * output could not be written (errno says why). */
long export_dyad_years(const World *w, const Overlay *ov, const ExportOptions *o, FILE *out);
#endif
