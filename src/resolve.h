/* resolve.h — from syntax trees to the World: names, kinds, dates, checks. */
#ifndef TREATY_RESOLVE_H
#define TREATY_RESOLVE_H
#include "model.h"

/* Builds the world's entities, memberships, rules, constraints and scenarios
 * from w->programs; reports every problem to diag. */
void resolve_world(World *w, Diag *diag);
/* Checks one query (names exist and have the right kind). Returns errors found. */
int  resolve_query(const World *w, const Query *q, Diag *diag);
/* Checks one supposition. Returns errors found. */
int  resolve_supposition(const World *w, const Supposition *s, Diag *diag);
/* "NATO: members owe defence to members in NorthAtlantic": what an
 * obligation says, in a; made when asked for, from the clause as written
 * (a principle's is kept whole). */
const char *obligation_text(const World *w, const Obligation *ob, Arena *a);
/* Makes room in the name index for names interned after loading. */
void resolve_world_index(World *w);
#endif
