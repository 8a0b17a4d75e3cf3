/* coverage.h — which clauses of the world the scenarios touched
 * (treaty test --coverage; docs/testing.md says what "touched" means).
 *
 * A clause is touched when an answer to a scenario's query or expectation
 * gives it as a reason (held, failed, open or a note), or, for a rule
 * (`rule f(x) = ...`), when the evaluator calls it.  Reasons already carry
 * the location of their clause, so the query paths need nothing more; only
 * rule calls are marked by the evaluator, through Ctx.rules_called, which is
 * NULL unless coverage is asked for. */
#ifndef TREATY_COVERAGE_H
#define TREATY_COVERAGE_H
#include "result.h"

typedef enum {
    CV_MEMBERSHIP, CV_PRINCIPLE, CV_OBLIGATION, CV_REQUIREMENT, CV_DECISION, CV_CONSTRAINT, CV_RULE,
    CV_SUSPENSION, CV_SUSPENDED_MEMBER, CV_NOTICE, CV_OBJECTION, CV_RATIFICATION
} CoverKind;
const char *cover_kind_name(CoverKind k);

/* One clause, kept apart from the world it came from, so that the clauses
 * of a file imported by several test files are counted once. */
typedef struct CoverClause {
    const char *file;          /* as the first world to load it named it */
    const char *key;           /* the same file whatever the path (realpath) */
    int line, col;
    CoverKind kind;
    const char *text;          /* what it says, on one line, cut at 72 bytes: "CSTO: member Armenia" */
    int touched;
} CoverClause;

typedef struct CoverFile { const char *file, *key; int clauses, touched; } CoverFile;

typedef struct Coverage {
    Arena arena;               /* owns everything below */
    VEC(CoverClause) clauses;  /* every world's, in the order met; merged by coverage_report() */
    VEC(CoverFile) files;      /* coverage_report(): sorted by key */
    int total, touched;        /* coverage_report(): over every file */
} Coverage;

/* The clauses of one loaded world, while it is being tested. */
typedef struct CoverWorld {
    const World *w;
    Loc *locs;                 /* each clause's location, sorted: the reasons are looked up here */
    CoverKind *kinds;
    const char **texts;        /* what each clause says, for the list of those untouched */
    unsigned char *seen;       /* one per entry of locs */
    unsigned char *rules_called;   /* one per rule of the world: for Ctx.rules_called */
    int n;
} CoverWorld;

void coverage_init(Coverage *cv);
void coverage_free(Coverage *cv);
/* Lists the clauses of w (in cv's arena); coverage_world_end() adds what
 * was touched to cv. */
void coverage_world_begin(Coverage *cv, CoverWorld *cw, const World *w);
/* Marks every clause the answer gives as a reason: log n per reason. */
void coverage_note(CoverWorld *cw, const Result *r);
void coverage_world_end(Coverage *cv, CoverWorld *cw);
/* Merges the clauses met in several worlds (a clause touched in any is
 * touched), sorts them by file and place, and counts them per file. */
void coverage_report(Coverage *cv);
/* The percentage touched, 100 when there is nothing to touch. */
double coverage_percent(int touched, int total);
#endif
