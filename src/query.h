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

/* ---- accession (docs/language.md, accession): accession.c ---- */
/* `accession of X to ORG`: the stage reached on the date, step by step. */
void accession_run(Ctx *c, const Query *q, Result *r);
/* The members of y on the date whose ratification of x's admission is
 * asked: all but x and the suspended ones (each with a reason), by name. */
void ratifiers_of(Ctx *c, Result *r, EntId x, EntId y, EntList *out);
/* Where the ratifications of x's admission to y by `members` (sorted by
 * name) stand on the date. */
void ratifications_at(Ctx *c, EntId x, EntId y, const EntList *members, Ratifications *out);
/* "ratified by A, B; ratified by 2022-12-31 at the latest: C; not yet by D" */
const char *ratifications_text(Ctx *c, const Ratifications *rs);
/* The ratifications recorded only as `by DATE`, DATE still to come:
 * "ratified by 2022-12-31 at the latest: C, D" ("" when there are none). */
const char *ratifications_unsure_text(Ctx *c, const Ratifications *rs);
/* From query.c: the members (of `members`, sorted by name) who object to
 * x's admission to y on the date, each with a failed consent reason; the
 * objectors go to `out`, sorted by name. */
void objectors_of(Ctx *c, Result *r, EntId x, EntId y, const EntList *members, EntList *out);
/* ---- end of accession ---- */
#endif
