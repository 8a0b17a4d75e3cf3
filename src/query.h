/* query.h — answering queries against a World and a what-if layer. */
#ifndef TREATY_QUERY_H
#define TREATY_QUERY_H
#include "result.h"

/* Answers q at c->date (q->at overrides it). Result memory is in c->scratch. */
Result *query_run(Ctx *c, const Query *q);

/* Pieces that scenarios and the vote module share. */
void check_world(Ctx *c, Result *r);          /* constraints and exclusivity */
void vote_run(Ctx *c, const Query *q, Result *r);
#endif
