/* places.h — places, areas and conflicts: where an attack happens and in
 * what war (docs/obligations.md, 8).
 *
 * An area includes states, places and other areas, each for a period.  When
 * the world is loaded every area is flattened into one sorted list of the
 * locations it includes, through the areas it includes, with the periods
 * intersected; so whether a location is in an area on a date is a binary
 * search, however deep the nesting. */
#ifndef TREATY_PLACES_H
#define TREATY_PLACES_H
#include "model.h"

/* One `includes` of an area, as resolved: area includes loc in [from, until). */
typedef struct AreaEdge { EntId area, loc; Date from, until; Loc at; } AreaEdge;
typedef VEC(AreaEdge) AreaEdges;

/* Flattened locations are bounded: nesting many areas that each include
 * many locations could otherwise multiply them without end. */
enum { AREA_INCL_MAX = 1 << 22 };

/* Builds World.area_incl and each area's span from the inclusions; reports
 * an area that includes itself (through any chain) and a flattening that
 * passes AREA_INCL_MAX.  Frees nothing of `edges` (arena-owned). */
void areas_flatten(World *w, Diag *d, const AreaEdges *edges);

/* Is location `loc` (a state, place or area) within `where` on date d: the
 * same location, or one that the area `where` includes then? */
int location_within(const World *w, EntId loc, EntId where, Date d);
#endif
