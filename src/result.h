/* result.h — the answer to one query: a verdict, a set or a value, and the
 * reasons behind it, each with the source location of the rule it rests on.
 * Text and JSON output both print from this one structure. */
#ifndef TREATY_RESULT_H
#define TREATY_RESULT_H
#include "eval.h"

typedef enum {
    RK_STATUS, RK_REQUIREMENT, RK_CONSENT, RK_PRINCIPLE, RK_MEMBERSHIP,
    RK_DECISION, RK_VOTE, RK_OBLIGATION, RK_VIOLATION, RK_CONSTRAINT, RK_INFO,
    RK_SUSPENSION, RK_EXCEPTION, RK_CONDITION, RK_SUSPENDED_MEMBER, RK_NOTICE,
    RK_CLAUSE,                 /* one clause of a compound decision rule */
    RK_STEP                    /* a step of an accession */
} ReasonKind;
const char *reason_kind_name(ReasonKind k);

typedef struct Reason {
    ReasonKind kind;
    /* the rule as written, or a sentence; NULL for an obligation's (but a
     * violation's), which is made when printed: read it through reason_text() */
    const char *own_text;
    const char *detail;        /* what it meant here (may be NULL) */
    int held;                  /* 1 held, 0 failed, -1 open or informative */
    Loc loc;                   /* the rule behind it */
    EntId org;
    PrincipleKind principle;
    Sym principle_arg;
    int decisive;              /* this reason decided the verdict */
    /* an obligation behind the reason: 1 + its index in World.obls (0: none),
     * the parties it binds in this answer, the party they owe it to, and the
     * period it binds in (within the organisation's existence) */
    uint32_t obl;
    EntList parties;
    EntId beneficiary;
    EntList beneficiaries;     /* obligations of X: whom X owes it to (beneficiary 0) */
    Date from, until;
    uint32_t susp;             /* RK_SUSPENSION: 1 + its index in World.susps */
    /* the obligation's conditions as the scenario settles them: one
     * CondStatus per condition (NULL: none were settled); `open`: the
     * obligation depends on a condition left open (shown `?`); `cond`:
     * RK_CONDITION, 1 + the index of the condition that failed */
    const signed char *cond_status;
    const Objection *objection;    /* RK_CONSENT or RK_VOTE: a recorded objection behind it */
    int open, cond;
    EntId member;              /* RK_SUSPENDED_MEMBER: the suspended member (its period in from, until);
                                  RK_NOTICE: the member that gave notice (given: from, ends: until);
                                  RK_VIOLATION of an exclusive principle: the member that breaks it */
    EntId other_org;           /* RK_VIOLATION of an exclusive principle: the organisation of the kind excluded */
} Reason;

/* Parties whose obligation depends on conditions the scenario leaves
 * open, grouped by those conditions ("if the attack is in NorthAtlantic"). */
typedef struct CondGroup {
    const char *text;
    EntList parties;           /* sorted by name */
    uint32_t obl;              /* 1 + the first obligation behind it */
    const signed char *cond_status;
} CondGroup;

/* Which kind of "no" (can ... join). */
typedef enum { NO_NONE, NO_REQUIREMENT, NO_PRINCIPLE, NO_RULE, NO_ALREADY,
               NO_DISSOLVED, NO_NOT_FOUNDED, NO_OBJECTION } NoKind;
const char *no_kind_name(NoKind k);
/* Why a vote failed. */
typedef enum { FAIL_NONE, FAIL_VETO, FAIL_COUNT, FAIL_WEIGHT, FAIL_NO_RULE, FAIL_NOT_FOUNDED,
               FAIL_DISSOLVED, FAIL_QUORUM } FailKind;
const char *fail_kind_name(FailKind k);

typedef enum { ANS_VERDICT, ANS_SET, ANS_LIST, ANS_VALUE, ANS_POWER } AnswerKind;

/* power in ORG (power.c): each member's voting power under the rule of the
 * date, and the first minimal winning and blocking coalitions. */
typedef struct PowerRow {
    EntId who;
    uint64_t swings;           /* coalitions it turns from losing to winning */
    double banzhaf, shapley;   /* normalised Banzhaf index, Shapley-Shubik index */
    int veto;                  /* holds a veto */
    double weight;             /* its weight in the rule's weighted clause (0: none) */
} PowerRow;
typedef struct PowerTable {
    const Decision *rule;      /* the rule of the date */
    Loc rule_loc;
    int n;
    double total_swings;
    PowerRow *rows;            /* in the order of the members */
    uint64_t min_winning, min_blocking;     /* how many */
    EntList *winning, *blocking;            /* the first ones, heaviest members first */
    int n_winning, n_blocking, winning_complete, blocking_complete;
    int nothing_wins;
} PowerTable;

/* ---- accession (docs/language.md, accession) ---- */
typedef enum { STEP_APPLICATION, STEP_INVITATION, STEP_RATIFICATION, STEP_ENTRY } StepKind;
enum { ACCESSION_STEPS = STEP_ENTRY + 1 };
const char *step_name(StepKind k);        /* "application", "invitation", "ratification", "entry" */
/* One step on the date: done or not, its day (DATE_NONE: not known;
 * at_latest: the day is only known not to be later) and the clause behind
 * it. */
typedef struct Step { int done, at_latest; Date date; Loc loc; } Step;
/* Where the members' ratifications of an admission stand on a date; each
 * member asked is in one of the three lists, each sorted by name. */
typedef struct Ratifications {
    EntList done, not_yet;
    VEC(const Ratification *) unsure;     /* recorded `by DATE`, DATE still to come */
    const Ratification *last;             /* the latest of those done (NULL: none) */
} Ratifications;
/* `accession of X to ORG`: its steps, and who has ratified. */
typedef struct AccessionAnswer {
    Step steps[ACCESSION_STEPS];
    Ratifications ratifications;
} AccessionAnswer;
/* ---- end of accession ---- */

/* The texts of obligations, each made once and kept for the answers of
 * a batch (reason_text()): at most one for each obligation of the world,
 * however many answers print them. */
typedef struct ReasonTexts {
    Arena arena;
    const char **by_obl;       /* by obligation index (malloc-owned, made at the first use) */
    uint32_t n;
} ReasonTexts;
void reason_texts_init(ReasonTexts *t);
void reason_texts_free(ReasonTexts *t);

typedef struct Result {
    const Query *q;
    const char *text;          /* the query as written */
    Date date;
    AnswerKind answer;
    const char *verdict;       /* yes, no, conditional, passes, fails; sets: NULL */
    NoKind no_kind;
    FailKind fail_kind;
    EntList set;               /* ANS_SET */
    VEC(CondGroup) conditional;   /* who must ...: the parties bound only if open conditions hold */
    Value value;               /* ANS_VALUE */
    const char *summary;       /* one line: the verdict in words */
    VEC(Reason) reasons;
    EntList residual;          /* conditional: whose consent is needed */
    /* votes */
    int n_members, n_yes, n_no, n_abstain, n_absent;
    double w_yes;
    EntList pivotal, to_pass, vetoes;
    const PowerTable *power;   /* ANS_POWER */
    int error;                 /* evaluation failed: see diagnostics */
    int terse;                 /* asked tersely (Ctx.terse): no reasons kept but violations */
    const AccessionAnswer *accession;     /* accession of X to ORG (NULL for the other queries) */
    Arena *scratch;            /* what it is made in: the texts made when printed go there too */
    ReasonTexts *texts;        /* NULL, or where the obligations' texts are kept across answers */
} Result;

/* The answer in a few words: "conditional", "no (principle)", "{A, B}", "6". */
const char *result_answer_text(const World *w, Arena *a, const Result *r);
void result_add(Arena *a, Result *r, ReasonKind k, int held, Loc loc, const char *text, const char *detail);
/* A reason's text: its own, or its obligation's (obligation_text()),
 * taken from r->texts or made there when the answer has them, else made in
 * the arena the answer was made in. */
const char *reason_text(const World *w, const Result *r, const Reason *rs);
static inline Reason *last_reason(Result *r) { return &r->reasons.items[r->reasons.n - 1]; }
#endif
