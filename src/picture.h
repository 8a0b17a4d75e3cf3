/* picture.h — the alliance network as Graphviz DOT, and an organisation's
 * members over time as SVG (docs/pictures.md). */
#ifndef TREATY_PICTURE_H
#define TREATY_PICTURE_H
#include <stdio.h>
#include "whatif.h"

/* States and actors as nodes, obligations on `date` as directed edges
 * labelled by organisation and kind, those owed only under conditions
 * dashed; defence only unless `all_kinds`.  Returns -1 when the output
 * could not be written. */
int picture_graph(const World *w, Date date, int all_kinds, FILE *out);

/* The members of org over time, one row each, with the periods in which
 * each owes defence under it (dashed when only under conditions), from
 * the start of year `from` to the end of year `to` (0: from its founding
 * or first member to its last dated event).  Returns -1 when the output could not be written,
 * -2 (before writing anything) when org has more than 2,000 members in all. */
int picture_timeline(const World *w, EntId org, int from, int to, FILE *out);
#endif
