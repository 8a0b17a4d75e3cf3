/* conditions.h — the conditions of an obligation (docs/obligations.md, 6):
 * resolved from the syntax, settled against what a scenario says about the
 * attacks, and said in words for the answers. */
#ifndef TREATY_CONDITIONS_H
#define TREATY_CONDITIONS_H
#include "model.h"

/* One attack as a scenario knows it: `by` is ENT_NONE when no attacker is
 * known; place and conflict ENT_NONE, provoked and demands 0, when unsaid. */
typedef struct Attack {
    EntId by, on;
    EntId place, conflict;
    signed char provoked, demands;    /* 1 provoked / after demands; -1 unprovoked / before demands */
} Attack;

typedef enum { CS_FAILED = -1, CS_OPEN = 0, CS_MET = 1 } CondStatus;
const char *cond_status_name(CondStatus s);           /* "failed", "open", "met" */
const char *cond_kind_name(CondKind k);               /* "against", "at least", "in", ... */

/* Resolves the conditions written after an obligation into ob->conds
 * (`against outsiders` sets ob->outsiders).  Reports unknown names, names
 * of the wrong sort and impossible counts; returns 0 if any. */
int conditions_resolve(World *w, Diag *d, const CondSpecList *specs, Obligation *ob);

/* Checks the names of a condition written in `because condition ...`,
 * reporting each that is wrong. */
void condition_spec_check(const World *w, Diag *d, const CondSpec *s);
/* The condition a checked CondSpec names, for comparing (conditions_same). */
Condition condition_from_spec(const World *w, Arena *a, const CondSpec *s);

/* How all of an obligation's conditions fare over the attacks on x: met
 * when one attack meets them all, open when none does but one fails none,
 * failed otherwise.  `attack` is the attack that decided (the first best),
 * `each[i]` the status of condition i for it (scratch memory). */
typedef struct CondOutcome { CondStatus status; int attack; const signed char *each; } CondOutcome;
CondOutcome conditions_settle(const World *w, Arena *scratch, const Obligation *ob, const Attack *attacks,
                              int n, const EntList *skip_ids, Date d);

/* "the attack is in NorthAtlantic": what condition c asks, about x. */
const char *condition_phrase(const World *w, Arena *a, const Obligation *ob, const Condition *c, EntId x);
/* "if the attack is in NorthAtlantic and EST did not provoke the attack":
 * the open conditions of an outcome (oc NULL: every condition).  x may be
 * ENT_NONE: "the party attacked". */
const char *conditions_if(const World *w, Arena *a, const Obligation *ob, const CondOutcome *oc, EntId x);
/* Why condition c fails for attack `at`: "the attack on UKG is in
 * Falklands, which is not in NorthAtlantic on 1982-04-02". */
const char *condition_why_not(const World *w, Arena *a, const Condition *c, const Attack *at,
                              const Attack *all, int n, EntId x, Date d);
/* Do two conditions ask the same (kind, names, count, location)? */
int conditions_same(const Condition *a, const Condition *b);
/* Two lists of conditions (kept sorted by kind), compared in a total order. */
int conditions_cmp(const ConditionList *a, const ConditionList *b);
#endif
