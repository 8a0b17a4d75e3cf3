/* ast.h — the syntax tree the parser builds, one per source file.
 *
 * Every node carries its Loc so that later checks and every verdict can point
 * at the text behind them.  All nodes live in the world's arena. */
#ifndef TREATY_AST_H
#define TREATY_AST_H
#include "arena.h"
#include "date.h"
#include "intern.h"
#include "source.h"

typedef struct Name { Sym sym; Loc loc; } Name;
typedef VEC(Name) NameList;
typedef struct Str { const char *s; Loc loc; } Str;
typedef VEC(Str) StrList;

typedef enum { ROLE_NONE = 0, ROLE_MEMBER, ROLE_OBSERVER, ROLE_PARTNER } Role;
const char *role_name(Role r);
const char *role_article(Role r);     /* "a member", "an observer" */

/* ---- expressions ---- */
typedef enum {
    EX_NUM, EX_STR, EX_DATE, EX_BOOL, EX_NAME, EX_SET, EX_KIND,
    EX_NOT, EX_AND, EX_OR, EX_EQ, EX_NE, EX_LT, EX_LE, EX_GT, EX_GE,
    EX_IN, EX_IS, EX_ALL, EX_SOME, EX_CALL, EX_ATTR, EX_MEMBERS,
    EX_ADD, EX_SUB, EX_MUL, EX_DIV, EX_NEG
} ExprKind;

typedef enum { IS_STATE, IS_ACTOR, IS_ORGANISATION } IsWhat;

typedef struct Expr Expr;
typedef VEC(Expr *) ExprList;
struct Expr {
    ExprKind kind;
    Loc loc;
    double num;            /* EX_NUM, EX_BOOL */
    const char *str;       /* EX_STR */
    Date date;             /* EX_DATE */
    Name name;             /* EX_NAME, EX_KIND, EX_CALL (callee), EX_ATTR (attribute),
                              EX_ALL/EX_SOME (bound variable) */
    Expr *a, *b;           /* operands; quantifiers: a = set, b = body */
    ExprList args;         /* EX_SET, EX_CALL */
    IsWhat is_what;        /* EX_IS */
};

/* ---- organisation and state clauses ---- */
typedef enum {
    CL_REGION, CL_BORDERS, CL_TAGS, CL_KIND, CL_BASED_IN, CL_FOUNDED,
    CL_IN_FORCE, CL_DISSOLVED, CL_INITIATOR, CL_PURPOSE, CL_DECIDES,
    CL_ROLE, CL_PRINCIPLE, CL_BUDGET, CL_ADMISSION, CL_OBLIGATION, CL_SUSPENSION,
    CL_HELD_BY, CL_INCLUDES, CL_PERIOD, CL_SUSPENDED, CL_NOTICE, CL_GAVE_NOTICE, CL_TERM, CL_RENEWAL,
    CL_OBJECTION, CL_MEASURE, CL_RATIFICATION,
    CL_APPLICATION, CL_INVITATION      /* accession: `X applies at DATE;`, `X is invited at DATE;` */
} ClauseKind;

/* A period as written after a role or an obligation: [from, until), with
 * DATE_NONE and DATE_END for an open side. */
typedef struct Period { Date from, until; int has_until; } Period;

/* One side of an obligation: named parties, or `members` (the members of
 * the organisation on the date) but those in `except`.  `implicit`: the
 * side was left out. */
typedef struct PartySide { NameList names, except; int members, implicit; Loc loc; } PartySide;

/* The conditions an obligation may carry (docs/obligations.md, 6). */
typedef enum { CD_AGAINST, CD_OUTSIDERS, CD_AT_LEAST, CD_IN, CD_DURING, CD_UNPROVOKED,
               CD_AFTER_DEMANDS } CondKind;
enum { CD_KINDS = CD_AFTER_DEMANDS + 1 };
typedef struct CondSpec {
    CondKind kind;
    NameList names;        /* against NAME, ...; against at least N of NAME, ... */
    double count;          /* against at least N */
    Name name;             /* in LOCATION, during CONFLICT */
    Loc loc;
} CondSpec;
typedef VEC(CondSpec) CondSpecList;

/* `OBLIGED owe(s) KIND [to BENEFICIARIES] [PERIOD] [CONDITION ...];` (docs/obligations.md) */
typedef struct OblSpec {
    const PartySide *obliged, *beneficiaries;
    Name kind;
    Period period;
    CondSpecList conds;
} OblSpec;

/* `OBLIGED suspend(s) KIND, ... to BENEFICIARIES PERIOD;` (docs/obligations.md, 5) */
typedef struct SuspSpec {
    const PartySide *obliged, *beneficiaries;
    NameList kinds;
    Period period;
} SuspSpec;

/* `renewal DATE by NAME, ... [for COUNT UNIT];` (docs/obligations.md, 10) */
typedef struct RenewalSpec {
    Date date;
    NameList names;
    double count;          /* 0: the term's own length */
    Name unit;
} RenewalSpec;

typedef enum { DEC_NONE = 0, DEC_CONSENSUS, DEC_UNANIMITY, DEC_MAJORITY,
               DEC_QUALIFIED, DEC_WEIGHTED, DEC_COMPOUND } DecisionKind;

/* One clause of a compound rule, `decides by { CLAUSE; ... }`
 * (docs/language.md, "Compound rules"):
 *   at least|more than N members              RC_COUNT
 *   at least|more than P% of members          RC_SHARE, base RB_MEMBERS
 *   ... P% of those voting | those present    RC_SHARE, base RB_VOTING | RB_PRESENT
 *   at least|more than P% of MEASURE|budget   RC_WEIGHT, percent
 *   at least|more than X of MEASURE           RC_WEIGHT, an amount
 *   veto by NAME, ...                         RC_VETO: a no from any of them blocks
 *   blocking minority at least N members      RC_BLOCKING: the count, share and weight
 *                                             clauses give way unless N members do not vote yes
 *   quorum N members | quorum P% of members   RC_QUORUM: members present (yes, no or abstain) */
typedef enum { RC_COUNT, RC_SHARE, RC_WEIGHT, RC_VETO, RC_BLOCKING, RC_QUORUM } RuleClauseKind;
typedef enum { RB_MEMBERS, RB_VOTING, RB_PRESENT } RuleBase;
typedef struct RuleClause {
    RuleClauseKind kind;
    int strict;            /* `more than` (else `at least`) */
    double value;          /* a count, a percent, or an amount of the measure */
    int percent;           /* the value is a share in percent */
    RuleBase base;         /* RC_SHARE: what the share is of */
    Sym measure;           /* RC_WEIGHT: the measure (SYM_NONE: budget shares) */
    NameList names;        /* RC_VETO: the holders */
    Loc loc;
} RuleClause;

/* The clauses of a compound rule as the parser collects them (errors: the
 * count of errors before the first, to tell an empty rule from one whose
 * clauses were all in error). */
typedef struct RuleClauseList { RuleClause *items; int n, cap; int errors; } RuleClauseList;

typedef struct Decision {
    DecisionKind kind;
    RuleClause *clauses;   /* DEC_COMPOUND: its clauses, in the order written */
    int n_clauses;
    int num, den;          /* qualified majority num/den */
    double threshold;      /* weighted: percent of budget share needed (> 50 by default) */
    int has_threshold;
    Loc loc;
    Date from, until;      /* `decides by RULE [PERIOD]`: where it rules, [from, until) */
    Sym weight_by;         /* weighted: the measure that weighs (SYM_NONE: budget shares) */
} Decision;

/* ---- accession (docs/language.md, accession) ---- */
/* `NAME ratifies admission of NAME at DATE;`, `NAME, NAME, ... ratify
 * admission of NAME at DATE;`; with `by DATE` (bound) instead of `at DATE`,
 * the day is not recorded, only that it is no later than DATE. */
typedef struct RatificationSpec { NameList by; Name applicant; Date date; int bound; } RatificationSpec;
/* `NAME applies at DATE;` (CL_APPLICATION), `NAME is invited at DATE;` (CL_INVITATION) */
typedef struct AccessionSpec { Name applicant; Date date; } AccessionSpec;

/* `measure NAME VALUE [SCALE] [PERIOD];` on a state or an actor */
typedef struct MeasureSpec { Name name; double value; Period period; } MeasureSpec;

/* `objection by NAME, ... to admission of NAME [PERIOD];` or
 * `objection by NAME, ... to "MOTION" [PERIOD];` */
typedef struct ObjectionSpec {
    NameList by;
    Name applicant;        /* SYM_NONE for a motion */
    const char *motion;    /* NULL for an admission */
    Period period;
} ObjectionSpec;

typedef struct Share { Name who; double pct; Loc loc; } Share;
typedef VEC(Share) ShareList;

typedef enum { REQ_EXPR, REQ_CONSENT, REQ_RULE, REQ_RATIFICATION } ReqKind;
typedef struct Requirement {
    ReqKind kind;
    Expr *expr;
    const char *text;      /* the requirement as written, for reasons */
    Loc loc;
    const Decision *rule;  /* REQ_RULE: `decides by RULE;` in the block: the rule its consent uses */
} Requirement;
typedef VEC(Requirement) ReqList;

/* `principle NAME [KIND] [PERIOD];`: the kind (exclusive KIND) and the
 * period, or NULL when none is written. */
typedef struct PrincipleSpec { Name arg; const Period *period; } PrincipleSpec;
/* `budget AMOUNT [SCALE] CURRENCY [shared ...];` */
typedef struct BudgetSpec {
    double amount;         /* already multiplied by its scale */
    ShareList shares;
} BudgetSpec;
/* CL_NOTICE: notice COUNT UNIT [from START]; CL_TERM: term COUNT UNIT [from START] */
typedef struct TermSpec {
    double count;
    Name unit;
    Date start;            /* DATE_NONE: notice may be given at any time */
} TermSpec;

/* A clause keeps only what its kind uses: the members of the anonymous
 * union overlap, so a large world of `member` lines stays small.  Which
 * fields each kind sets is listed against each group. */
typedef struct Clause {
    ClauseKind kind;
    Role role;             /* CL_ROLE, CL_ADMISSION */
    Loc loc;
    const char *text;      /* region, founding place, declared principle */
    union {
        struct {           /* CL_ROLE, CL_SUSPENDED, CL_BORDERS, CL_INCLUDES (names); CL_FOUNDED, CL_IN_FORCE,
                              CL_DISSOLVED (date); CL_INCLUDES, CL_PERIOD (date, date2);
                              CL_GAVE_NOTICE (one name, date) */
            NameList names;
            Date date, date2;      /* role from/until */
            int has_until;
        };
        struct {           /* CL_KIND, CL_BASED_IN, CL_INITIATOR, CL_PRINCIPLE, CL_BUDGET (currency),
                              CL_HELD_BY */
            Name name;
            union {        /* the rest by pointer, so that every clause is no larger than a name's */
                const PrincipleSpec *principle;   /* CL_PRINCIPLE named (NULL for a declared one) */
                const BudgetSpec *budget;         /* CL_BUDGET */
            };
        };
        const TermSpec *term;      /* CL_NOTICE, CL_TERM */
        StrList strs;      /* CL_TAGS, CL_PURPOSE */
        Decision *decision;        /* CL_DECIDES: by pointer, as large as a clause's own fields */
        ReqList reqs;      /* CL_ADMISSION */
        const OblSpec *obl;        /* CL_OBLIGATION: kept apart, so that other clauses stay small */
        const SuspSpec *susp;      /* CL_SUSPENSION: likewise */
        const RenewalSpec *renewal;    /* CL_RENEWAL: likewise */
        const ObjectionSpec *objection;    /* CL_OBJECTION: likewise */
        const MeasureSpec *measure;        /* CL_MEASURE: likewise */
        const RatificationSpec *ratification;  /* CL_RATIFICATION: likewise */
        const AccessionSpec *accession;        /* CL_APPLICATION, CL_INVITATION: likewise */
    };
} Clause;

/* ---- scenarios ---- */
typedef enum { SUP_ATTACK, SUP_INTERVENTION, SUP_AID, SUP_JOIN, SUP_LEAVE,
               SUP_KIND, SUP_OBJECTION, SUP_SUSPENDED, SUP_NOTICE, SUP_NOT_RENEW,
               SUP_DECIDES } SupKind;
/* What an attack says about itself (docs/obligations.md, 9): 0 unsaid. */
typedef struct AttackFacts {
    Name place, conflict;  /* in LOCATION, during CONFLICT (SYM_NONE: unsaid) */
    signed char provoked;  /* 1 provoked, -1 unprovoked, 0 unsaid */
    signed char demands;   /* 1 after demands, -1 before demands, 0 unsaid */
} AttackFacts;

typedef struct Supposition {
    SupKind kind;
    Loc loc;
    Name a, b;             /* attacker/victim, who/org, org (SUP_KIND: a = org) */
    Role role;
    Name kind_name;
    AttackFacts facts;     /* SUP_ATTACK */
    Decision decision;     /* SUP_DECIDES: a = the organisation */
    Period period;         /* SUP_SUSPENDED: as written (from DATE_NONE: from the scenario's date);
                              SUP_NOTICE: from is the day notice is given */
} Supposition;

typedef enum {
    Q_CAN_JOIN, Q_WHO_DEFEND, Q_WHO_CONSULT, Q_VIOLATIONS, Q_CHECK,
    Q_ADOPT, Q_MEMBERS, Q_ORGS_OF, Q_EVAL, Q_OBLIGATIONS_OF, Q_OBLIGATIONS_TO,
    Q_WHO_JOIN, Q_WHO_NEUTRAL, Q_WHO_NOT_ATTACK, Q_COMPARE,
    /* voting power (docs/power.md): power in ORG; banzhaf|shapley of X in ORG;
       minimal winning|blocking coalitions of ORG */
    Q_POWER, Q_BANZHAF, Q_SHAPLEY, Q_MIN_WINNING, Q_MIN_BLOCKING,
    Q_ACCESSION,               /* accession of X to ORG (x, y) */
    Q_WHEN_JOINED              /* when did X join ORG (x, y) */
} QueryKind;
/* who must defend / consult / join / stay neutral for / not attack X */
static inline int query_is_who_must(QueryKind k)
{
    return k == Q_WHO_DEFEND || k == Q_WHO_CONSULT || k == Q_WHO_JOIN || k == Q_WHO_NEUTRAL || k == Q_WHO_NOT_ATTACK;
}

/* queries that answer a number */
static inline int query_is_number(QueryKind k)
{
    return k == Q_BANZHAF || k == Q_SHAPLEY || k == Q_MIN_WINNING || k == Q_MIN_BLOCKING;
}

typedef struct Query {
    QueryKind kind;
    Loc loc;
    const char *text;      /* as written */
    Name x, y, against;
    Name kind_name;        /* obligations of X kind KIND (SYM_NONE: every kind) */
    Role role;             /* can join as / members of (member, observer, partner) */
    const char *motion;
    NameList objections, yes, no, abstain, absent;
    int has_votes;
    Expr *expr;
    Date at;
    int has_at;
    Date at1, at2;         /* compare obligations of X at DATE and DATE (y unset) */
} Query;

typedef enum { EXP_WORD, EXP_SET, EXP_VALUE } ExpectKind;
typedef enum { RP_NONE = 0, RP_REQUIREMENT, RP_PRINCIPLE, RP_NO_RULE, RP_ALREADY,
               RP_DISSOLVED, RP_NOT_FOUNDED, RP_VETO, RP_COUNT, RP_WEIGHT, RP_CONSTRAINT,
               RP_OBLIGATION, RP_SUSPENSION, RP_EXCEPTION, RP_CONDITION, RP_SUSPENDED_MEMBER,
               RP_OBJECTION, RP_QUORUM } ReasonPatKind;
typedef struct ReasonPat {
    ReasonPatKind kind;
    const CondSpec *cond;  /* because condition CONDITION [of ORG] */
    const char *substr;    /* requirement text must contain it */
    Name principle, principle_arg, org;   /* principle NAME [ARG] [of ORG]; veto of ORG=who;
                                             obligation|suspension [KIND=principle_arg] [of ORG] */
    Loc loc;
} ReasonPat;

typedef struct Expected {
    ExpectKind kind;
    const char *word;      /* yes, no, conditional, passes, fails */
    NameList set;
    NameList cond_set;     /* `conditional {...}` after a set */
    int has_cond_set;
    Expr *value;
    double within;         /* `== NUMBER within TOLERANCE` */
    int has_within;
    ReasonPat because;
    Loc loc;
} Expected;

typedef enum { SI_AT, SI_SUPPOSE, SI_QUERY, SI_EXPECT } ScenItemKind;
typedef struct ScenItem {
    ScenItemKind kind;
    Loc loc;
    Date date;
    Supposition sup;
    Query *query;
    Expected exp;
} ScenItem;

/* ---- declarations ---- */
/* D_FOR: `for ORG: CLAUSE` at the top level, the clause of ORG's block
 * written apart (name: ORG; clauses: the one clause). */
typedef enum { D_IMPORT, D_STATE, D_ACTOR, D_ORG, D_RULE, D_CONSTRAINT, D_SCENARIO,
               D_PLACE, D_AREA, D_CONFLICT, D_FOR } DeclKind;

/* Like a clause, a declaration keeps only what its kind uses. */
typedef struct Decl {
    DeclKind kind;
    Loc loc;
    Name name;
    const char *text;      /* constraint text, scenario title, import path */
    Expr *body;            /* rule, constraint */
    union {
        struct {           /* D_STATE, D_ACTOR, D_ORG, D_PLACE, D_AREA, D_CONFLICT; D_FOR (clauses) */
            NameList names;        /* `state A, B, C;` declares several */
            const char *display;
            VEC(Clause *) clauses;
        };
        struct {           /* D_RULE */
            NameList params;
            const char *src_text;  /* the definition as written */
        };
        Name for_org;      /* D_CONSTRAINT: constraint ... for ORG */
        VEC(ScenItem *) items;     /* D_SCENARIO */
    };
} Decl;

/* One statement typed at the REPL, in the order typed. */
typedef enum { RI_DECL, RI_SCEN, RI_QUERY, RI_UNDO, RI_RESET, RI_DIFF, RI_WHY, RI_SHOW, RI_LOAD } ReplItemKind;
typedef struct ReplItem {
    ReplItemKind kind;
    Loc loc;
    ScenItem *item;        /* RI_SCEN: at, suppose, query, expect */
    Decl *decl;            /* RI_DECL */
    Query *query;          /* RI_QUERY */
    Name name;             /* RI_SHOW */
    const char *path;      /* RI_LOAD */
} ReplItem;

typedef struct Program {
    const Source *src;
    VEC(Decl *) decls;
    VEC(Query *) queries;  /* for a query string (treaty query -e) */
    VEC(ReplItem) repl;    /* for REPL input */
} Program;

Expr *expr_new(Arena *a, ExprKind k, Loc loc);
/* The source text that a span covers, copied into the arena. */
const char *loc_text(Arena *a, Loc loc);
/* A span from the start of `a` to the end of `b`. */
Loc loc_join(Loc a, Loc b);
#endif
