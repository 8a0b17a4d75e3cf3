/* scenario.h — running scenarios: suppositions, queries and expectations.
 * Each scenario starts from the world as written; its suppositions live in a
 * what-if layer that is dropped when it ends. */
#ifndef TREATY_SCENARIO_H
#define TREATY_SCENARIO_H
#include "output.h"
#include "coverage.h"

typedef struct RunStats { int passed, failed, errors; } RunStats;

void scenario_run(const World *w, const Scenario *s, Output *out, Diag *diag, RunStats *st);
/* The same, with `start` as the date until the scenario's first `at`
 * (scenario_run() starts at today), and `lim` bounding each query (NULL:
 * the defaults). */
void scenario_run_at(const World *w, const Scenario *s, Output *out, Diag *diag, RunStats *st, Date start,
                     const EvalLimits *lim);
/* The same, marking in cw the clauses its answers touch (cw NULL: none). */
void scenario_run_covered(const World *w, const Scenario *s, Output *out, Diag *diag, RunStats *st, Date start,
                          const EvalLimits *lim, CoverWorld *cw);
/* Does the result meet the expectation?  *ck says how it came out: what
 * was expected, and on failure what differs. */
void expectation_check(const World *w, Arena *a, const Result *r, const Expected *x, ExpectCheck *ck);
/* The same, as a yes or no; on failure *why is ck->message. */
int  expectation_holds(const World *w, Arena *a, const Result *r, const Expected *x, const char **why);
#endif
