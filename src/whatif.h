/* whatif.h — hypothetical layers over a read-only World.
 *
 * A layer is a list of resolved suppositions (an attack, a join, a change of
 * kind...).  Lookups consult the layer first and the world's indexes second,
 * so a supposition costs what it changes, never a copy of the world.  The
 * newest supposition about a pair (holder, organisation) wins. */
#ifndef TREATY_WHATIF_H
#define TREATY_WHATIF_H
#include <signal.h>
#include "model.h"

typedef struct Supp {
    SupKind kind;
    EntId a, b;
    Role role;
    Sym kind_sym;
    Loc loc;
    Decision decision;         /* SUP_DECIDES: the organisation's rule from now on */
    EntId place, conflict;     /* SUP_ATTACK: where, in what war (ENT_NONE: unsaid) */
    signed char provoked, demands;   /* SUP_ATTACK: as AttackFacts */
    Date from, until;          /* SUP_SUSPENDED: the period of the suspension */
} Supp;

/* The suppositions in order, and an index over them (whatif.c) that finds
 * the newest supposition about a pair (holder, organisation), the newest
 * change of an organisation's kind, and the joins of one holder or of one
 * organisation, each in time proportional to what it finds.  So a query over
 * n members pays O(1) per member however many suppositions there are.
 * Setting n to 0 directly empties the overlay: the index notices and is
 * rebuilt by the next push. */
typedef struct Overlay {
    Supp *items;               /* malloc-owned */
    int n, cap;
    int *heads;                /* malloc-owned: hash bucket -> newest entry, or -1 */
    int *next;                 /* malloc-owned: entry -> next older entry of its bucket, or -1 */
    int nbuckets;              /* a power of two; 0: no index yet */
    int indexed;               /* items[0 .. indexed) are in the index */
} Overlay;

void overlay_init(Overlay *ov);
void overlay_free(Overlay *ov);
void overlay_push(Overlay *ov, Supp s);
void overlay_pop(Overlay *ov);
void overlay_clear(Overlay *ov);
/* Resolves a parsed supposition against the world (names were checked).
 * `at` is the scenario's date when it is supposed: a suspension without a
 * start starts then. */
Supp supp_from_ast(const World *w, const Supposition *s, Date at);

/* Bounds on the evaluation of one query; 0 means the default (eval.h). */
typedef struct EvalLimits {
    long long max_steps;       /* expression nodes evaluated, plus the elements of sets built */
    size_t max_scratch;        /* bytes of scratch memory one query may take */
} EvalLimits;

/* Everything a query needs: the world, the layer, the date. */
typedef struct Ctx {
    const World *w;
    const Overlay *ov;         /* may be NULL */
    Date date;
    Diag *diag;                /* evaluation errors */
    Arena *scratch;            /* values of one query */
    int rule_depth;
    int eval_depth;            /* nesting of evaluation, bounded (eval.h) */
    int failed;                /* an evaluation error was reported */
    EvalLimits limits;
    long long steps;           /* taken by the current query (query_run resets it) */
    size_t scratch_base;       /* scratch in use when the current query started */
    const volatile sig_atomic_t *interrupt;   /* set from a signal handler (Ctrl-C): stop at once */
    /* share(): the totals of the organisation last asked about, so that
     * share() over all members costs one pass, not one per member */
    struct {
        EntId org;             /* ENT_NONE: nothing remembered */
        Date date;
        const Overlay *ov;
        int ov_n;
        double declared;       /* declared shares of the current members */
        int undeclared;        /* current members without a declared share */
    } shares_seen;
    /* members(O), observers(O), partners(O) already built in this query: a
     * quantifier whose body names them asks again at every turn (values
     * are never changed, so one set serves them all; query_run forgets) */
    struct HeldSeen { EntId org; Role role; const void *items; int n; } held_seen[4];
    int held_next;
    int terse;                 /* the caller prints no reasons: their details are not built */
    int no_summary;            /* the caller prints no summary (TSV rows): an obligation answer leaves it NULL */
    unsigned char *rules_called;   /* treaty test --coverage: one flag per rule of the world (NULL: off) */
} Ctx;

/* The detail of a reason, formatted only when someone will read it: its
 * arguments are not even evaluated when c->terse is set (`treaty query -f
 * --reasons none` asks tens of thousands of questions and prints no reason). */
#define REASON_DETAIL(c, ...) ((c)->terse ? NULL : arena_printf((c)->scratch, __VA_ARGS__))

/* A context with no layer of its own to fill but these: the rest zero
 * (default limits, nothing remembered, not terse). */
Ctx ctx_make(const World *w, const Overlay *ov, Date date, Diag *diag, Arena *scratch);

/* The role `who` holds in `org` at the context's date (ROLE_NONE if none).
 * *why, if given, gets the location of the record behind the answer. */
Role role_of(const Ctx *c, EntId who, EntId org, Loc *why);
/* An event of a membership behind an answer (docs/obligations.md, 10): the
 * clause's text (NULL for a supposition), where it is written, and its two
 * days (a suspension's period; the day a notice is given and the day it
 * ends the membership). */
typedef struct MemberEvent { const char *text; Loc loc; Date from, until; } MemberEvent;
/* Is `who` a suspended member of org at the context's date, by a clause or
 * a supposition?  *why, if given, gets the event.  Asked for every party of
 * every obligation, so the common answer (no suppositions, an organisation
 * that suspends nobody) is given here without a call. */
int  member_suspended_search(const Ctx *c, EntId who, EntId org, MemberEvent *why);
static inline int member_suspended(const Ctx *c, EntId who, EntId org, MemberEvent *why)
{
    if (!c->ov && !org_info(c->w, org)->msusps.n) return 0;
    return member_suspended_search(c, who, org, why);
}
/* Has `who` given notice to org, and is it still a member at the context's
 * date, until the notice ends?  *why gets the clause's or supposition's
 * location, and the days given and ended (from, until); text is NULL. */
int  notice_pending(const Ctx *c, EntId who, EntId org, MemberEvent *why);
/* Is the organisation in existence at the date? (founded, not dissolved) */
int  org_active(const Ctx *c, EntId org);
/* The organisation's kind under the suppositions; *why gets its source. */
Sym  kind_of(const Ctx *c, EntId org, Loc *why);
/* The decision rule of `org` at the context's date: the newest supposed
 * one, or the one declared for the date; NULL when none.  *why, if given,
 * gets the location of its source. */
const Decision *decision_of(const Ctx *c, EntId org, Loc *why);
/* Holders of `role` in `org` at the date, sorted by name. */
void holders_of(const Ctx *c, EntId org, Role role, EntList *out);
/* Organisations in which `who` holds `role` at the date, sorted by name. */
void orgs_held(const Ctx *c, EntId who, Role role, EntList *out);
void sort_by_name(const World *w, EntList *l);
int  entlist_has(const EntList *l, EntId id);      /* a linear scan: for short lists */
/* Large lists are compared through a copy sorted by id: */
int  entid_cmp(const void *a, const void *b);      /* qsort/bsearch order of EntIds */
/* qsort(), after one pass that finds most lists of an answer in order
 * already (one organisation's, in declaration order): n - 1 comparisons
 * then, where qsort would copy and merge. */
void sort_unless_sorted(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
EntList entlist_ids(Arena *a, const EntList *l);   /* sorted by id, each once */
int  entlist_has_id(const EntList *ids, EntId id); /* binary search in such a copy */
/* Removes repeats that are neighbours (after sorting by id or by name). */
void entlist_drop_repeats(EntList *l);
/* Removes every repeat, keeping the first of each in place (n log n). */
void entlist_keep_first(Arena *a, EntList *l);
/* "A, B, C": the names of a list, in its order, in the arena. */
const char *entlist_text(const World *w, Arena *a, const EntList *l);
#endif
