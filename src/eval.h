/* eval.h — values and the evaluation of expressions. */
#ifndef TREATY_EVAL_H
#define TREATY_EVAL_H
#include "whatif.h"

typedef enum { V_NONE, V_BOOL, V_NUM, V_STR, V_DATE, V_ENT, V_SET, V_KIND } ValKind;

typedef struct Value Value;
struct Value {
    ValKind k;
    union {
        int b;
        double n;
        const char *s;
        Date d;
        EntId e;
        Sym kind;
        struct { Value *items; int n; int depth; } set;   /* depth: sets nested inside, plus one */
    } u;
};

/* A variable binding: parameters, quantifier variables, applicant, org. */
typedef struct Env { Sym sym; Value val; const struct Env *up; } Env;

/* Bounds that keep every evaluation finite and every walk over a value
 * shallow: rule recursion, nesting of evaluation, nesting of sets (checked
 * when a set is built, so comparing, printing and JSON never recurse
 * deeper), and the defaults of EvalLimits (whatif.h). */
enum { EVAL_MAX_RULE_DEPTH = 64, EVAL_MAX_DEPTH = 2000, EVAL_MAX_VALUE_DEPTH = 100 };
#define EVAL_DEFAULT_MAX_STEPS   100000000LL
#define EVAL_DEFAULT_MAX_SCRATCH ((size_t)512 << 20)
/* The limits in force: the given ones, with defaults for zeros. */
EvalLimits eval_limits(EvalLimits given);

/* Evaluates e; on a type error reports to c->diag, sets c->failed, returns V_NONE. */
Value eval_expr(Ctx *c, const Expr *e, const Env *env);
/* Evaluates a condition; 1 true, 0 false, -1 error (reported). */
int   eval_cond(Ctx *c, const Expr *e, const Env *env);
const char *value_type_name(ValKind k);
/* Renders a value for people ("{Armenia, Russia}", "2016-08-03", "yes"...);
 * numbers rounded for reading (number_text).  value_text_exact() writes
 * numbers to the 12 significant digits that values are compared by. */
const char *value_text(const World *w, Arena *a, Value v);
const char *value_text_exact(const World *w, Arena *a, Value v);
/* A number for people: an integer as one ("3"); two decimals at most from 1
 * up ("96.67", "2.5"); four significant digits below 1 ("0.01984"). */
const char *number_text(Arena *a, double x);
int   value_equal(Value a, Value b);
/* Share of the organisation's budget paid by who, in percent (see docs). */
double budget_share(Ctx *c, EntId org, EntId who);
/* The shares of `members` (current members, in order) into out[]. */
void budget_shares(const Ctx *c, EntId org, const EntList *members, double *out);
/* Each member's weight under a weighted rule, in percent: its budget share,
 * or its share of the members' total of the rule's measure on the date (a
 * member without a value weighs 0). */
void rule_weights(const Ctx *c, EntId org, const Decision *d, const EntList *members, double *out);
/* "budget" or the measure's name: what a weighted rule counts. */
static inline const char *weight_word(const World *w, const Decision *d)
{
    return d->weight_by ? sym_name(&w->names, d->weight_by) : "budget";
}
Value ent_value(EntId id);
#endif
