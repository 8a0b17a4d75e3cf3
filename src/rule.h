/* rule.h — what a decision rule asks of a ballot.
 *
 * One predicate decides every question about a rule: whether a motion
 * passes (vote.c), whether an admission can still get its consent
 * (query.c) and which coalitions win (power.c).  A RuleView prepares the
 * rule for the members of one date: who holds a veto and what each member
 * weighs in each weighted clause; a Ballot counts the votes. */
#ifndef TREATY_RULE_H
#define TREATY_RULE_H
#include "eval.h"

enum { RULE_MAX_DIMS = 32 };     /* weighted clauses in one rule (the parser allows 32 clauses) */

/* One weighted clause (or a simple weighted rule): each member's weight. */
typedef struct RuleDim {
    double *raw;                 /* per member: the measure on the date, or its budget share */
    double total;                /* what a percent is of: the members' total (100 for budget shares) */
    int percent;                 /* the clause counts a share (else an amount) */
    Sym measure;                 /* SYM_NONE: budget shares */
} RuleDim;

typedef struct RuleView {
    const World *w;
    const Decision *d;
    int n;                       /* members voting */
    int ndims;
    RuleDim dims[RULE_MAX_DIMS];
    int dim_of[RULE_MAX_DIMS];   /* clause -> its dimension (-1: none); a simple weighted rule is dims[0] */
    unsigned char *veto;         /* per member: holds a veto (compound rules) */
    int n_veto;
} RuleView;

typedef enum { VOTE_YES, VOTE_NO, VOTE_ABSTAIN, VOTE_ABSENT } Vote;

typedef struct Ballot {
    int yes, no, abstain;        /* the rest of the n members are absent */
    int veto_no;                 /* veto holders voting no */
    double w[RULE_MAX_DIMS];     /* per dimension: the yes side's weight (raw) */
} Ballot;

/* Prepares d for `members` (the members voting on c->date, in order);
 * memory in c->scratch. */
void rule_view(Ctx *c, EntId org, const Decision *d, const EntList *members, RuleView *v);
/* Adds (sign +1) or takes away (-1) member k's vote in b. */
void ballot_add(const RuleView *v, Ballot *b, int k, Vote vote, int sign);
int  rule_passes(const RuleView *v, const Ballot *b);
/* Clause i of a compound rule: 1 holds, 0 fails; RC_BLOCKING: 1 when it
 * decides (fewer members than it names withhold a yes), else 0. */
int  rule_clause_holds(const RuleView *v, const Ballot *b, int i);
/* The yes side's weight in dimension d as the rule counts it (percent or amount). */
double ballot_weight(const RuleView *v, const Ballot *b, int d);

/* Yes votes needed out of n members under a majority or qualified majority
 * (at least 1); computed in 64 bits, so large organisations cannot overflow. */
int  votes_needed(const Decision *d, int n);
/* "decides by qualified_majority 2/3", "decides by { at least 9 members; veto by ... }" */
const char *rule_text(const World *w, Arena *a, const Decision *d);
/* "at least 55% of members": one clause as written. */
const char *rule_clause_text(const World *w, Arena *a, const RuleClause *c);
/* What a weighted clause or rule counts: "budget" or the measure's name. */
const char *dim_word(const World *w, const RuleDim *d);
#endif
