/* query.h — answering queries against a World and a what-if layer. */
#ifndef TREATY_QUERY_H
#define TREATY_QUERY_H
#include "result.h"

/* Answers q at c->date (q->at overrides it). Result memory is in c->scratch. */
Result *query_run(Ctx *c, const Query *q);

/* Pieces that scenarios and the vote module share. */
void check_world(Ctx *c, Result *r);          /* constraints and exclusivity */
void vote_run(Ctx *c, const Query *q, Result *r);
/* Yes votes needed out of n members under a majority or qualified majority
 * (at least 1); computed in 64 bits, so large organisations cannot overflow. */
int  votes_needed(const Decision *d, int n);
#endif
