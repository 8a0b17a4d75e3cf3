/* query.h — answering queries against a World and a what-if layer. */
#ifndef TREATY_QUERY_H
#define TREATY_QUERY_H
#include "result.h"
#include "rule.h"

/* Answers q at c->date (q->at overrides it). Result memory is in c->scratch. */
Result *query_run(Ctx *c, const Query *q);

/* Pieces that scenarios and the vote module share. */
void check_world(Ctx *c, Result *r);          /* constraints and exclusivity */
void vote_run(Ctx *c, const Query *q, Result *r);
/* Suspended members (docs/obligations.md, 10).  A reason of kind
 * suspended_member for `who`, suspended in org at c->date (held: 0 when it
 * is left out of the answer, -1 for a note); `what` ends its detail ("its
 * vote does not count"). */
void add_suspended_member(Ctx *c, Result *r, EntId who, EntId org, int held, const char *what);
/* Takes the suspended members of org out of `members` (a list of its
 * members), each with a reason; they do not count in its decisions. */
void drop_suspended_members(Ctx *c, Result *r, EntId org, EntList *members, const char *what);
/* power in ORG, banzhaf|shapley of X in ORG, minimal winning|blocking
 * coalitions of ORG (power.c, docs/power.md). */
void power_run(Ctx *c, const Query *q, Result *r);
/* The power table of org's rule at c->date (memory in c->scratch), or NULL
 * and *why says why it cannot be counted.  r (may be NULL) gets a reason
 * for each suspended member left out. */
const PowerTable *power_table(Ctx *c, EntId org, Result *r, const char **why);
#endif
