/* parser.y — the Treaty grammar.
 *
 * A pure parser with locations.  Actions only build the syntax tree (ast.h);
 * names are checked later by the resolver, so a file may use a name before
 * the declaration that defines it.  Nodes live in the arena, so bison's error
 * recovery can drop partial values without %destructor.
 *
 * Error recovery is at statement level: a bad clause, statement or scenario
 * item is skipped up to its ';' (or its block's '}') and parsing goes on, so
 * one file with several independent mistakes reports all of them. */
%code requires {
#include "parse.h"
}

%code provides {
int treaty_yylex(TREATY_YYSTYPE *val, Loc *loc, void *scanner);
}

%code {
#include <stdlib.h>
#include <string.h>

/* Field by field: each is written once, by far the most frequent thing
 * the parser does besides moving its stacks. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                        \
    do {                                                                   \
        if (N) {                                                           \
            (Cur).src = YYRHSLOC(Rhs, 1).src;                              \
            (Cur).off = YYRHSLOC(Rhs, 1).off;                              \
            (Cur).end = YYRHSLOC(Rhs, N).end;                              \
        } else {                                                           \
            (Cur).src = YYRHSLOC(Rhs, 0).src;                              \
            (Cur).off = (Cur).end = YYRHSLOC(Rhs, 0).end;                  \
        }                                                                  \
    } while (0)

/* Bison's own stack limit doubles as our nesting limit for the grammar. */
#define YYMAXDEPTH 4000

static void treaty_yyerror(Loc *loc, void *scanner, ParseCtx *p, const char *msg)
{
    (void)scanner;
    if (strcmp(msg, "memory exhausted") == 0) {
        diag_error(p->diag, *loc, "input is nested too deeply");
        return;
    }
    /* Bison says "syntax error, unexpected X, expecting Y or Z"; people read
     * "expected Y or Z before X" more easily, and a missing ';' deserves a hint. */
    const char *un = strstr(msg, "unexpected ");
    const char *ex = strstr(msg, ", expecting ");
    if (un && ex) {
        int n = (int)(ex - (un + 11));
        const char *want = ex + 12;
        if (strcmp(want, "';'") == 0)
            diag_error(p->diag, *loc, "missing ';' before %.*s", n, un + 11);
        else
            diag_error(p->diag, *loc, "expected %s before %.*s", want, n, un + 11);
    } else if (un) {
        if (strcmp(un + 11, "end of file") == 0)
            diag_error(p->diag, *loc, "unexpected end of file (is a '}' or ';' missing?)");
        else
            diag_error(p->diag, *loc, "unexpected %s", un + 11);
    } else
        diag_error(p->diag, *loc, "%s", msg);
}

static ReplItem *repl_add(ParseCtx *p, ReplItemKind k, Loc loc)
{
    ReplItem r;
    memset(&r, 0, sizeof r);
    r.kind = k;
    r.loc = loc;
    vec_push(p->arena, &p->prog->repl, r);
    return &p->prog->repl.items[p->prog->repl.n - 1];
}

static Clause *clause(ParseCtx *p, ClauseKind k, Loc loc)
{
    Clause *c = arena_alloc(p->arena, sizeof *c);
    c->kind = k;
    c->loc = loc;
    return c;
}

static Decl *decl(ParseCtx *p, DeclKind k, Loc loc);

/* n items of `size` bytes collected in one of ParseCtx's reused lists,
 * copied into an array of their number (NULL for none). */
static void *kept_copy(ParseCtx *p, const void *items, int n, size_t size)
{
    if (!n) return NULL;
    void *kept = arena_alloc(p->arena, (size_t)n * size);
    memcpy(kept, items, (size_t)n * size);
    return kept;
}

/* The head of a block: it collects its clauses in p->block from now. */
static Decl *block_head(ParseCtx *p, DeclKind k, Loc loc, Name name, const char *display)
{
    Decl *d = decl(p, k, loc);
    d->name = name;
    d->display = display;
    vec_push(p->arena, &d->names, name);
    p->cur = d;
    p->block.n = 0;
    return d;
}

/* The end of a block: its clauses, collected in p->block, kept in an
 * array of their number. */
static Decl *block_keep(ParseCtx *p, Decl *d)
{
    d->clauses.items = kept_copy(p, p->block.items, p->block.n, sizeof *p->block.items);
    d->clauses.n = d->clauses.cap = p->block.n;
    p->block.n = 0;
    return d;
}

/* The condition slot, zeroed, for a condition of kind k at loc: read and
 * copied before the next condition is (conditions, and `because condition`). */
static CondSpec *cond_slot(ParseCtx *p, CondKind k, Loc loc)
{
    memset(&p->cond, 0, sizeof p->cond);
    p->cond.kind = k;
    p->cond.loc = loc;
    return &p->cond;
}

/* The conditions collected in p->conds, in an array of their number. */
static CondSpecList conds_keep(ParseCtx *p)
{
    CondSpecList l = { kept_copy(p, p->conds.items, p->conds.n, sizeof *p->conds.items), p->conds.n, p->conds.n };
    p->conds.n = 0;
    return l;
}

/* The strings collected in p->strs, in an array of their number. */
static StrList strs_keep(ParseCtx *p)
{
    StrList l = { kept_copy(p, p->strs.items, p->strs.n, sizeof *p->strs.items), p->strs.n, p->strs.n };
    p->strs.n = 0;
    return l;
}

static Decl *decl(ParseCtx *p, DeclKind k, Loc loc)
{
    Decl *d = arena_alloc(p->arena, sizeof *d);
    d->kind = k;
    d->loc = loc;
    return d;
}

static ScenItem *item(ParseCtx *p, ScenItemKind k, Loc loc)
{
    ScenItem *s = arena_alloc(p->arena, sizeof *s);
    s->kind = k;
    s->loc = loc;
    return s;
}

static Query *query(ParseCtx *p, QueryKind k, Loc loc)
{
    Query *q = arena_alloc(p->arena, sizeof *q);
    q->kind = k;
    q->loc = loc;
    q->role = ROLE_MEMBER;
    return q;
}

static Date to_date(ParseCtx *p, const char *text, Loc loc)
{
    Date d;
    const char *why;
    if (date_parse(text, &d, &why) < 0) {
        diag_error(p->diag, loc, "invalid date '%s': %s", text, why);
        return DATE_NONE;
    }
    return d;
}

static Expr *binary(ParseCtx *p, ExprKind k, Expr *a, Expr *b, Loc loc)
{
    Expr *e = expr_new(p->arena, k, loc);
    e->a = a;
    e->b = b;
    return e;
}

/* A period kept in the arena when one is written (NULL: none), so that
 * the clauses without one stay small. */
static const Period *period_of(ParseCtx *p, const Period *period)
{
    if (period->from == DATE_NONE && period->until == DATE_END) return NULL;
    Period *kept = arena_alloc(p->arena, sizeof *kept);
    *kept = *period;
    return kept;
}

/* The clauses whose own fields are larger than a name keep them apart
 * (ast.h, Clause): these build both parts. */
static Clause *principle_clause(ParseCtx *p, Loc loc, Name name, Name arg, const Period *period)
{
    Clause *c = clause(p, CL_PRINCIPLE, loc);
    PrincipleSpec *s = arena_alloc(p->arena, sizeof *s);
    s->arg = arg;
    s->period = period_of(p, period);
    c->name = name;
    c->principle = s;
    return c;
}

static Clause *budget_clause(ParseCtx *p, Loc loc, double amount, Name currency, ShareList shares)
{
    Clause *c = clause(p, CL_BUDGET, loc);
    BudgetSpec *s = arena_alloc(p->arena, sizeof *s);
    s->amount = amount;
    s->shares = shares;
    c->name = currency;
    c->budget = s;
    return c;
}

static Clause *term_clause(ParseCtx *p, ClauseKind k, Loc loc, double count, Name unit, Date start)
{
    Clause *c = clause(p, k, loc);
    TermSpec *s = arena_alloc(p->arena, sizeof *s);
    s->count = count;
    s->unit = unit;
    s->start = start;
    c->term = s;
    return c;
}

/* A word with a meaning only in one place (`at least`, `unless provoked`,
 * `after demands`): anything else there is reported with what was meant. */
static int word_is(ParseCtx *p, Name n, const char *want, const char *form)
{
    if (n.sym == SYM_NONE) return 0;
    const char *w = sym_name(p->names, n.sym);
    if (strcmp(w, want) == 0) return 1;
    diag_error(p->diag, n.loc, "expected '%s' here, not '%s' (the form is '%s')", want, w, form);
    return 0;
}

/* After an attack: `provoked` (1) or `unprovoked` (-1). */
static int provocation(ParseCtx *p, Name n)
{
    if (n.sym == SYM_NONE) return 0;
    const char *w = sym_name(p->names, n.sym);
    if (strcmp(w, "provoked") == 0) return 1;
    if (strcmp(w, "unprovoked") == 0) return -1;
    diag_error(p->diag, n.loc, "unexpected '%s' after the attack (expected in PLACE, during CONFLICT, "
               "provoked, unprovoked, after demands or before demands)", w);
    return 0;
}

static int demands_word(ParseCtx *p, Name n) { return word_is(p, n, "demands", "after demands"); }

/* `who must defent X`: a verb that is none of the `who must` forms, with
 * the closest of them.  The query is kept as `who must defend`, so that
 * its names are still checked, but the error stops it being answered. */
static void unknown_obligation_verb(ParseCtx *p, Name verb)
{
    static const char *const verbs[] = { "defend", "consult", "join", "stay neutral for", "not attack" };
    static const char *const words[] = { "defend", "consult", "join", "stay", "not" };
    const char *w = sym_name(p->names, verb.sym);
    const char *s = suggest_closest(w, words, 5);
    int k = 0;
    while (s && k < 5 && strcmp(words[k], s) != 0) k++;
    diag_error(p->diag, verb.loc, "'who must %s' is not a query (the forms are who must defend, consult, join, "
               "stay neutral for, or not attack X)%s%s%s", w, s ? "; did you mean 'who must " : "",
               s ? verbs[k] : "", s ? "'?" : "");
}

static void fact_twice(ParseCtx *p, Loc loc, const char *what)
{
    diag_error(p->diag, loc, "this attack already says %s", what);
}

/* A word with a meaning only here (`gave notice`, `gives notice`): any
 * other name in its place is an error. */
static void want_word(ParseCtx *p, Name n, const char *word)
{
    if (n.sym != SYM_NONE && strcmp(sym_name(p->names, n.sym), word) != 0)
        diag_error(p->diag, n.loc, "expected '%s' here, not '%s'", word, sym_name(p->names, n.sym));
}

/* ---- accession (docs/language.md, accession) ---- */
static NameList one_name(ParseCtx *p, Name n)
{
    NameList l;
    memset(&l, 0, sizeof l);
    vec_push(p->arena, &l, n);
    return l;
}

/* `NAME ratifies ...` for one, `NAME, NAME ratify ...` for several: the
 * verb agrees with the names, as it is read. */
static Clause *ratification(ParseCtx *p, Loc loc, NameList by, Name verb, Name applicant, Date date, int bound)
{
    Clause *c = clause(p, CL_RATIFICATION, loc);
    const char *at = bound ? "by" : "at";
    if (by.n == 1)
        word_is(p, verb, "ratifies", arena_printf(p->arena, "NAME ratifies admission of NAME %s DATE", at));
    else
        word_is(p, verb, "ratify", arena_printf(p->arena, "NAME, NAME, ... ratify admission of NAME %s DATE", at));
    RatificationSpec *rs = arena_alloc(p->arena, sizeof *rs);
    rs->by = by; rs->applicant = applicant; rs->date = date; rs->bound = bound;
    c->ratification = rs;
    return c;
}

static Clause *accession_step(ParseCtx *p, ClauseKind k, Loc loc, Name applicant, Date date)
{
    Clause *c = clause(p, k, loc);
    AccessionSpec *a = arena_alloc(p->arena, sizeof *a);
    a->applicant = applicant; a->date = date;
    c->accession = a;
    return c;
}
/* ---- end of accession ---- */

static double scale_of(ParseCtx *p, Name n)
{
    const char *w = sym_name(p->names, n.sym);
    if (strcmp(w, "thousand") == 0) return 1e3;
    if (strcmp(w, "million") == 0) return 1e6;
    if (strcmp(w, "billion") == 0) return 1e9;
    diag_error(p->diag, n.loc, "unknown scale '%s' (use thousand, million or billion)", w);
    return 1;
}

/* Compound rules (docs/language.md, "Compound rules"). */
enum { RULE_MAX_CLAUSES = 32 };

/* A side of an obligation or a suspension, zeroed, at loc. */
static PartySide *party_side(ParseCtx *p, Loc loc)
{
    PartySide *s = arena_alloc(p->arena, sizeof *s);
    s->loc = loc;
    return s;
}

static RuleClause *rule_clause(ParseCtx *p, RuleClauseKind kind, int strict, double value, Loc loc)
{
    RuleClause *c = arena_alloc(p->arena, sizeof *c);     /* zeroed */
    c->kind = kind;
    c->strict = strict;
    c->value = value;
    c->loc = loc;
    return c;
}

static void rule_count(ParseCtx *p, double v, Loc loc)
{
    if (!(v >= 1 && v <= 1000000) || v != (double)(long)v)
        diag_error(p->diag, loc, "a number of members is a whole number from 1 to 1000000");
}

static void rule_percent(ParseCtx *p, double v, Loc loc)
{
    if (!(v > 0 && v <= 100)) diag_error(p->diag, loc, "a share is above 0%% and at most 100%%");
}

/* `of those voting` (yes and no) or `of those present` (yes, no, abstain) */
static RuleBase rule_base(ParseCtx *p, Name a, Name b)
{
    if (!word_is(p, a, "those", "of those voting | of those present")) return RB_VOTING;
    const char *w = sym_name(p->names, b.sym);
    if (b.sym != SYM_NONE && strcmp(w, "voting") == 0) return RB_VOTING;
    if (b.sym != SYM_NONE && strcmp(w, "present") == 0) return RB_PRESENT;
    if (b.sym != SYM_NONE) {
        static const char *const words[] = { "voting", "present" };
        const char *s = suggest_closest(w, words, 2);
        diag_error(p->diag, b.loc, "expected 'voting' or 'present' here, not '%s'%s%s%s", w,
                   s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
    }
    return RB_VOTING;
}

/* The first word of a clause that is none of the clauses' words (the
 * clause is dropped: a veto clause without holders is never added). */
static void unknown_clause(ParseCtx *p, Name n)
{
    static const char *const words[] = { "at least", "atleast", "more than", "veto by", "blocking", "quorum" };
    static const char *const said[] = { "at least", "at least", "more than", "veto by", "blocking minority", "quorum" };
    const char *w = sym_name(p->names, n.sym);
    const char *s = suggest_closest(w, words, 6);
    int k = 0;
    while (s && k < 6 && strcmp(words[k], s) != 0) k++;
    diag_error(p->diag, n.loc, "a clause of a rule does not start with '%s' (it starts with at least, more than, "
               "veto by, blocking minority or quorum)%s%s%s", w, s ? "; did you mean '" : "", s ? said[k] : "",
               s ? "'?" : "");
}

/* A rule holds one veto, one blocking minority and one quorum at most. */
static void compound_add(ParseCtx *p, RuleClauseList *l, const RuleClause *c)
{
    if (c->kind == RC_VETO && !c->names.n) return;       /* its first word was wrong, and said so */
    static const char *const once[] = { [RC_VETO] = "a veto clause", [RC_BLOCKING] = "a blocking minority",
                                        [RC_QUORUM] = "a quorum" };
    if (l->n == RULE_MAX_CLAUSES) {
        diag_error(p->diag, c->loc, "a compound rule has at most %d clauses", RULE_MAX_CLAUSES);
        return;
    }
    for (int i = 0; i < l->n; i++)
        if (l->items[i].kind == c->kind && (c->kind == RC_VETO || c->kind == RC_BLOCKING || c->kind == RC_QUORUM)) {
            diag_error(p->diag, c->loc, "this rule already has %s", once[c->kind]);
            diag_note(p->diag, l->items[i].loc, "it is here");
            return;
        }
    vec_push(p->arena, l, *c);
}
}

%define api.pure full
%define api.prefix {treaty_yy}
%define api.location.type {Loc}
%define parse.error custom
%define parse.lac full
%locations
%lex-param {void *scanner}
%parse-param {void *scanner} {ParseCtx *p}
%expect 0

%union {
    struct { double v; const char *text; } num;
    const char *str;
    Name name;
    NameList names;
    Expr *expr;
    ExprList exprs;
    Clause *clause;
    Decl *decl;
    ScenItem *item;
    Query *query;
    Role role;
    Decision *decision;        /* the larger values go by pointer: bison copies a value at */
    Date date;
    IsWhat is_what;
    ReasonPat *reason;         /* every shift and reduction, and the union is as large as */
    Expected *expected;        /* its largest member */
    Supposition *sup;
    StrList strs;
    ShareList shares;
    ReqList reqs;
    Period period;
    const PartySide *side;
    CondSpec *cond;
    AttackFacts *facts;        /* these two by pointer too: the union is then as large as a Name */
    RuleClause *rclause;
    RuleClauseList rclauses;
    int flag;
}

%token START_FILE START_QUERY START_REPL
%token <name> IDENT "name"
%token <str> STRING "string"
%token <date> DATE "date"         /* read by the scanner (lexer.l, date_token) */
%token <num> NUMBER "number"
%token EQ "==" NE "!=" LE "<=" GE ">="
%token IMPORT "import" STATE "state" ACTOR "actor" ORGANISATION "organisation"
%token RULE "rule" CONSTRAINT "constraint" SCENARIO "scenario" FOR "for" AT "at"
%token SUPPOSE "suppose" QUERY "query" EXPECT "expect" BECAUSE "because"
%token MEMBER "member" OBSERVER "observer" PARTNER "partner" SINCE "since" FROM "from"
%token UNTIL "until" AS "as" REGION "region" BORDERS "borders" TAGS "tags" KIND "kind"
%token BASED_IN "based_in" FOUNDED "founded" IN "in" IN_FORCE "in_force"
%token DISSOLVED "dissolved" INITIATOR "initiator" PURPOSE "purpose" DECIDES "decides"
%token BY "by" CONSENSUS "consensus" UNANIMITY "unanimity" MAJORITY "majority"
%token QUALIFIED_MAJORITY "qualified_majority" WEIGHTED "weighted" BUDGET "budget"
%token THRESHOLD "threshold" PRINCIPLE "principle" EXCLUSIVE "exclusive"
%token ADMISSION "admission" REQUIRE "require" CONSENT "consent" OF "of"
%token MEMBERS "members" OBSERVERS "observers" PARTNERS "partners"
%token ORGANISATIONS "organisations" ATTACK "attack" INTERVENTION "intervention"
%token AID "aid" ON "on" TO "to" JOINS "joins" LEAVES "leaves" OBJECTION "objection"
%token CAN "can" JOIN "join" WHO "who" MUST "must" DEFEND "defend" AGAINST "against"
%token OBLIGATIONS "obligations"
%token CONSULT "consult" VIOLATIONS "violations" CHECK "check" DOES "does"
%token ADOPT "adopt" WITH "with" OBJECTIONS "objections" VOTES "votes" YES "yes"
%token NO "no" ABSTAIN "abstain" EVAL "eval" AND "and" OR "or" NOT "not" ALL "all"
%token SOME "some" IS "is" TRUE "true" FALSE "false" OWES "owes" SUSPENDS "suspends"
%token EXCEPT "except" PLACE "place" AREA "area" INCLUDES "includes" CONFLICT "conflict"
%token COMPARE "compare" MEASURE "measure"
%token QUORUM "quorum" BLOCKING "blocking" ABSENT "absent"
%token POWER "power" BANZHAF "banzhaf" SHAPLEY "shapley" MINIMAL "minimal" WITHIN "within"
%token DURING "during" UNLESS "unless" AFTER "after" BEFORE "before" OUTSIDERS "outsiders"
%token SUSPENDED "suspended" NOTICE "notice" TERM "term" RENEWAL "renewal"
%token UNDO "undo" RESET "reset" DIFF "diff" WHY "why" SHOW "show" LOAD "load"
%token ACCESSION "accession"     /* accession of X to ORG */

%type <names> name_list name_list_opt params_opt
%type <expr> expr primary
%type <exprs> expr_list_opt expr_list
%type <clause> clause
%type <decl> decl state_head actor_head org_head area_head scenario_head
%type <shares> shares budget_tail
%type <reqs> requirements
%type <item> scen_item
%type <query> query plain_query eval_query query_body vote_clauses
%type <role> role as_opt
%type <decision> decision
%type <rclause> rule_clause
%type <rclauses> rule_clauses
%type <flag> at_least
%type <date> date
%type <is_what> is_what
%type <reason> reason because_opt
%type <expected> expected
%type <sup> supposition
%type <strs> str_list
%type <str> display_opt place_opt
%type <name> callee attr of_opt against_opt obl_kind_opt held_by_opt
%type <period> period
%type <side> parties to_opt
%type <cond> condition
%type <facts> attack_facts

/* `because condition against at least 2 of A, B`: the names after `of`
 * belong to the condition (shift), not to `of ORG`. */
%precedence LEAST_COUNT
%precedence OF
%precedence ':'
%left OR
%left AND
%precedence NOT
%nonassoc EQ NE '<' LE '>' GE IN IS
%left '+' '-'
%left '*' '/'
%precedence UMINUS

%%

start
    : START_FILE file
        { if (!p->prog->decls.n && !p->diag->errors)
              diag_error(p->diag, @$, "'%s' declares nothing (the file is empty or only comments)",
                         p->src->path); }
    | START_QUERY queries
    | START_REPL repl_items
    ;

/* What the REPL accepts: declarations, scenario items, bare queries and
 * session commands, in any order. Each becomes a ReplItem in order. */
repl_items
    : %empty
    | repl_items repl_item
    ;

repl_item
    : decl              { if ($1) repl_add(p, RI_DECL, @$)->decl = $1; }
    | scen_item         { repl_add(p, RI_SCEN, @$)->item = $1; }
    | plain_query ';'   { repl_add(p, RI_QUERY, @$)->query = $1; }
    | eval_query ';'    { repl_add(p, RI_QUERY, @$)->query = $1; }
    | UNDO ';'          { repl_add(p, RI_UNDO, @$); }
    | RESET ';'         { repl_add(p, RI_RESET, @$); }
    | DIFF ';'          { repl_add(p, RI_DIFF, @$); }
    | WHY ';'           { repl_add(p, RI_WHY, @$); }
    | SHOW IDENT ';'    { repl_add(p, RI_SHOW, @$)->name = $2; }
    | LOAD STRING ';'   { repl_add(p, RI_LOAD, @$)->path = $2; }
    ;

file
    : %empty
    | file decl            { if ($2) vec_push(p->arena, &p->prog->decls, $2); }
    ;

queries
    : query semi_opt                 { vec_push(p->arena, &p->prog->queries, $1); }
    | queries query semi_opt         { vec_push(p->arena, &p->prog->queries, $2); }
    ;

semi_opt : %empty | ';' ;

decl
    : IMPORT STRING ';'              { $$ = decl(p, D_IMPORT, @$); $$->text = $2; }
    | STATE name_list ';'
        { $$ = decl(p, D_STATE, @$); $$->names = $2; $$->name = $2.items[0]; }
    | STATE IDENT STRING ';'
        { $$ = decl(p, D_STATE, @$); $$->name = $2; $$->display = $3;
          vec_push(p->arena, &$$->names, $2); }
    | state_head '{' clauses_of_decl block_end   { $$ = block_keep(p, $1); }
    | ACTOR IDENT display_opt ';'
        { $$ = decl(p, D_ACTOR, @$); $$->name = $2; $$->display = $3;
          vec_push(p->arena, &$$->names, $2); }
    | actor_head '{' clauses_of_decl block_end   { $$ = block_keep(p, $1); }
    | org_head '{' clauses_of_decl block_end   { $$ = block_keep(p, $1); }
    | PLACE IDENT display_opt held_by_opt ';'
        { $$ = decl(p, D_PLACE, @$); $$->name = $2; $$->display = $3;
          vec_push(p->arena, &$$->names, $2);
          if ($4.sym) { Clause *c = clause(p, CL_HELD_BY, @4); c->name = $4;
                        vec_push(p->arena, &$$->clauses, c); } }
    | area_head '{' clauses_of_decl block_end   { $$ = block_keep(p, $1); }
    | CONFLICT IDENT display_opt period ';'
        { $$ = decl(p, D_CONFLICT, @$); $$->name = $2; $$->display = $3;
          vec_push(p->arena, &$$->names, $2);
          Clause *c = clause(p, CL_PERIOD, @4); c->date = $4.from; c->date2 = $4.until;
          c->has_until = $4.has_until; vec_push(p->arena, &$$->clauses, c); }
    | RULE IDENT '(' params_opt ')' '=' expr ';'
        { $$ = decl(p, D_RULE, @$); $$->name = $2; $$->params = $4; $$->body = $7;
          $$->src_text = loc_text(p->arena, @$); }
    | CONSTRAINT STRING ':' expr ';'
        { $$ = decl(p, D_CONSTRAINT, @$); $$->text = $2; $$->body = $4; }
    | CONSTRAINT STRING FOR IDENT ':' expr ';'
        { $$ = decl(p, D_CONSTRAINT, @$); $$->text = $2; $$->for_org = $4; $$->body = $6; }
    | scenario_head '{' scen_items block_end     { $$ = $1; }
    | FOR IDENT ':' clause
        { $$ = decl(p, D_FOR, @$); $$->name = $2; if ($4) vec_push(p->arena, &$$->clauses, $4); }
    | error ';'      { $$ = NULL; yyerrok; if (p->diag->stopped) YYABORT; }
    | error '}'      { $$ = NULL; yyerrok; if (p->diag->stopped) YYABORT; }
    ;

/* The head of a block declaration is pushed as "the current declaration",
 * so that clause actions can append to it without threading it through. */
state_head
    : STATE IDENT display_opt   { $$ = block_head(p, D_STATE, @$, $2, $3); }
    ;
actor_head
    : ACTOR IDENT display_opt   { $$ = block_head(p, D_ACTOR, @$, $2, $3); }
    ;
org_head
    : ORGANISATION IDENT display_opt   { $$ = block_head(p, D_ORG, @$, $2, $3); }
    ;
area_head
    : AREA IDENT display_opt   { $$ = block_head(p, D_AREA, @$, $2, $3); }
    ;
held_by_opt : %empty { $$.sym = SYM_NONE; $$.loc = @$; } | OF IDENT { $$ = $2; } ;
scenario_head
    : SCENARIO STRING
        { $$ = decl(p, D_SCENARIO, @$); $$->text = $2; p->cur = $$; }
    ;

display_opt : %empty { $$ = NULL; } | STRING { $$ = $1; } ;

clauses_of_decl
    : %empty
    | clauses_of_decl clause   { if ($2) vec_push(p->arena, &p->block, $2); }
    | clauses_of_decl error ';' { yyerrok; if (p->diag->stopped) YYABORT; }
    ;

/* A block that ends in the middle of a broken clause (typically a missing
 * ';' before '}') closes there, so the next declaration parses cleanly. */
block_end
    : '}'
    | error '}'      { yyerrok; if (p->diag->stopped) YYABORT; }
    ;

clause
    : REGION STRING ';'              { $$ = clause(p, CL_REGION, @$); $$->text = $2; }
    | BORDERS name_list ';'          { $$ = clause(p, CL_BORDERS, @$); $$->names = $2; }
    | TAGS str_list ';'              { $$ = clause(p, CL_TAGS, @$); $$->strs = $2; }
    | KIND IDENT ';'                 { $$ = clause(p, CL_KIND, @$); $$->name = $2; }
    | BASED_IN IDENT ';'             { $$ = clause(p, CL_BASED_IN, @$); $$->name = $2; }
    | FOUNDED date place_opt ';'     { $$ = clause(p, CL_FOUNDED, @$); $$->date = $2; $$->text = $3; }
    | IN_FORCE date ';'              { $$ = clause(p, CL_IN_FORCE, @$); $$->date = $2; }
    | DISSOLVED date ';'             { $$ = clause(p, CL_DISSOLVED, @$); $$->date = $2; }
    | INITIATOR IDENT ';'            { $$ = clause(p, CL_INITIATOR, @$); $$->name = $2; }
    | PURPOSE str_list ';'           { $$ = clause(p, CL_PURPOSE, @$); $$->strs = $2; }
    | DECIDES BY decision period ';'
        { $$ = clause(p, CL_DECIDES, @$); $$->decision = $3;
          $$->decision->from = $4.from; $$->decision->until = $4.until; }
    | role name_list period ';'
        { $$ = clause(p, CL_ROLE, @$); $$->role = $1; $$->names = $2;
          $$->date = $3.from; $$->date2 = $3.until; $$->has_until = $3.has_until; }
    | parties OWES IDENT to_opt period conditions ';'
        { $$ = clause(p, CL_OBLIGATION, @$);
          OblSpec *o = arena_alloc(p->arena, sizeof *o);
          o->obliged = $1; o->kind = $3; o->beneficiaries = $4; o->period = $5; o->conds = conds_keep(p);
          $$->obl = o; }
    | OBJECTION BY name_list TO ADMISSION OF IDENT period ';'
        { $$ = clause(p, CL_OBJECTION, @$);
          ObjectionSpec *o = arena_alloc(p->arena, sizeof *o);
          o->by = $3; o->applicant = $7; o->period = $8; $$->objection = o; }
    | OBJECTION BY name_list TO STRING period ';'
        { $$ = clause(p, CL_OBJECTION, @$);
          ObjectionSpec *o = arena_alloc(p->arena, sizeof *o);
          o->by = $3; o->motion = $5; o->period = $6; $$->objection = o; }
    | MEASURE IDENT NUMBER period ';'
        { $$ = clause(p, CL_MEASURE, @$);
          MeasureSpec *m = arena_alloc(p->arena, sizeof *m);
          m->name = $2; m->value = $3.v; m->period = $4; $$->measure = m; }
    | MEASURE IDENT NUMBER IDENT period ';'
        { $$ = clause(p, CL_MEASURE, @$);
          MeasureSpec *m = arena_alloc(p->arena, sizeof *m);
          m->name = $2; m->value = $3.v * scale_of(p, $4); m->period = $5; $$->measure = m; }
    | INCLUDES name_list period ';'
        { $$ = clause(p, CL_INCLUDES, @$); $$->names = $2;
          $$->date = $3.from; $$->date2 = $3.until; $$->has_until = $3.has_until; }
    | SUSPENDED name_list period ';'
        { $$ = clause(p, CL_SUSPENDED, @$); $$->names = $2;
          $$->date = $3.from; $$->date2 = $3.until; $$->has_until = $3.has_until; }
    | NOTICE NUMBER IDENT ';'
        { $$ = term_clause(p, CL_NOTICE, @$, $2.v, $3, DATE_NONE); }
    | NOTICE NUMBER IDENT FROM date ';'
        { $$ = term_clause(p, CL_NOTICE, @$, $2.v, $3, $5); }
    | TERM NUMBER IDENT ';'
        { $$ = term_clause(p, CL_TERM, @$, $2.v, $3, DATE_NONE); }
    | TERM NUMBER IDENT FROM date ';'
        { $$ = term_clause(p, CL_TERM, @$, $2.v, $3, $5); }
    | RENEWAL date BY name_list ';'
        { $$ = clause(p, CL_RENEWAL, @$);
          RenewalSpec *s = arena_alloc(p->arena, sizeof *s);
          s->date = $2; s->names = $4; $$->renewal = s; }
    | RENEWAL date BY name_list FOR NUMBER IDENT ';'
        { $$ = clause(p, CL_RENEWAL, @$);
          RenewalSpec *s = arena_alloc(p->arena, sizeof *s);
          s->date = $2; s->names = $4; s->count = $6.v; s->unit = $7; $$->renewal = s; }
    /* ---- accession (docs/language.md, accession) ---- */
    | IDENT IDENT ADMISSION OF IDENT AT date ';'
        { $$ = ratification(p, @$, one_name(p, $1), $2, $5, $7, 0); }
    | IDENT IDENT ADMISSION OF IDENT BY date ';'
        { $$ = ratification(p, @$, one_name(p, $1), $2, $5, $7, 1); }
    | name_list ',' IDENT IDENT ADMISSION OF IDENT AT date ';'
        { vec_push(p->arena, &$1, $3); $$ = ratification(p, @$, $1, $4, $7, $9, 0); }
    | name_list ',' IDENT IDENT ADMISSION OF IDENT BY date ';'
        { vec_push(p->arena, &$1, $3); $$ = ratification(p, @$, $1, $4, $7, $9, 1); }
    | IDENT IDENT AT date ';'
        { $$ = accession_step(p, CL_APPLICATION, @$, $1, $4);
          word_is(p, $2, "applies", "NAME applies at DATE"); }
    | IDENT IS IDENT AT date ';'
        { $$ = accession_step(p, CL_INVITATION, @$, $1, $5);
          word_is(p, $3, "invited", "NAME is invited at DATE"); }
    /* ---- end of accession ---- */
    | IDENT IDENT NOTICE AT date ';'
        { want_word(p, $2, "gave");
          $$ = clause(p, CL_GAVE_NOTICE, @$); vec_push(p->arena, &$$->names, $1); $$->date = $5; }
    | parties SUSPENDS name_list TO parties period ';'
        { $$ = clause(p, CL_SUSPENSION, @$);
          SuspSpec *s = arena_alloc(p->arena, sizeof *s);
          s->obliged = $1; s->kinds = $3; s->beneficiaries = $5; s->period = $6;
          $$->susp = s; }
    | PRINCIPLE IDENT period ';'
        { Name none; memset(&none, 0, sizeof none); $$ = principle_clause(p, @$, $2, none, &$3); }
    | PRINCIPLE IDENT IDENT period ';'
        { $$ = principle_clause(p, @$, $2, $3, &$4); }
    | PRINCIPLE EXCLUSIVE IDENT period ';'
        { Name excl = { intern_cstr(p->names, "exclusive"), @2 }; $$ = principle_clause(p, @$, excl, $3, &$4); }
    | PRINCIPLE STRING ';'           { $$ = clause(p, CL_PRINCIPLE, @$); $$->text = $2; }
    | BUDGET NUMBER IDENT budget_tail
        { $$ = budget_clause(p, @$, $2.v, $3, $4); }
    | BUDGET NUMBER IDENT IDENT budget_tail
        { $$ = budget_clause(p, @$, $2.v * scale_of(p, $3), $4, $5); }
    | ADMISSION as_opt '{' requirements '}'
        { $$ = clause(p, CL_ADMISSION, @$); $$->role = $2; $$->reqs = $4; }
    ;

budget_tail
    : ';'                { memset(&$$, 0, sizeof $$); }
    | '{' shares '}'     { $$ = $2; }
    ;

shares
    : %empty             { memset(&$$, 0, sizeof $$); }
    | shares IDENT NUMBER '%' ';'
        { $$ = $1; Share s = { $2, $3.v, @2 }; vec_push(p->arena, &$$, s); }
    | shares IDENT '-' NUMBER '%' ';'
        { $$ = $1; Share s = { $2, -$4.v, @2 }; vec_push(p->arena, &$$, s); }
    | shares error ';'   { $$ = $1; yyerrok; if (p->diag->stopped) YYABORT; }
    ;

requirements
    : %empty             { memset(&$$, 0, sizeof $$); }
    | requirements REQUIRE expr ';'
        { $$ = $1; Requirement r = { REQ_EXPR, $3, loc_text(p->arena, @3), @3, NULL };
          vec_push(p->arena, &$$, r); }
    | requirements REQUIRE IDENT BY MEMBERS ';'
        { $$ = $1; Loc l = @3; l.end = @5.end;
          word_is(p, $3, "ratification", "require ratification by members");
          Requirement r = { REQ_RATIFICATION, NULL, "ratification by members", l, NULL };
          vec_push(p->arena, &$$, r); }
    | requirements REQUIRE CONSENT OF MEMBERS ';'
        { $$ = $1; Loc l = @3; l.end = @5.end;
          Requirement r = { REQ_CONSENT, NULL, "consent of members", l, NULL };
          vec_push(p->arena, &$$, r); }
    | requirements DECIDES BY decision ';'
        { $$ = $1; Decision *d = $4;
          d->from = DATE_NONE; d->until = DATE_END;
          Loc l = @2; l.end = @5.end;
          Requirement r = { REQ_RULE, NULL, "decides by", l, d };
          vec_push(p->arena, &$$, r); }
    | requirements error ';'   { $$ = $1; yyerrok; if (p->diag->stopped) YYABORT; }
    ;

role
    : MEMBER    { $$ = ROLE_MEMBER; }
    | OBSERVER  { $$ = ROLE_OBSERVER; }
    | PARTNER   { $$ = ROLE_PARTNER; }
    ;

as_opt : %empty { $$ = ROLE_MEMBER; } | AS role { $$ = $2; } ;

/* The dates of a role or an obligation: half-open, `until` excluded. */
period
    : %empty                 { $$.from = DATE_NONE; $$.until = DATE_END; $$.has_until = 0; }
    | SINCE date             { $$.from = $2; $$.until = DATE_END; $$.has_until = 0; }
    | FROM date              { $$.from = $2; $$.until = DATE_END; $$.has_until = 0; }
    | FROM date UNTIL date   { $$.from = $2; $$.until = $4; $$.has_until = 1; }
    | UNTIL date             { $$.from = DATE_NONE; $$.until = $2; $$.has_until = 1; }
    ;

/* What must be true of an attack for an obligation to apply
 * (docs/obligations.md, 6).  The words after `at least`, `unless` and
 * `after` are names, checked when the world is resolved. */
conditions
    : %empty                 { p->conds.n = 0; }
    | conditions condition   { vec_push(p->arena, &p->conds, *$2); }
    ;

condition
    : AGAINST name_list      { $$ = cond_slot(p, CD_AGAINST, @$); $$->names = $2; }
    | AGAINST OUTSIDERS      { $$ = cond_slot(p, CD_OUTSIDERS, @$); }
    | AGAINST AT IDENT NUMBER %prec LEAST_COUNT
        { $$ = cond_slot(p, CD_AT_LEAST, @$); $$->count = $4.v;
          word_is(p, $3, "least", "against at least N"); }
    | AGAINST AT IDENT NUMBER OF name_list
        { $$ = cond_slot(p, CD_AT_LEAST, @$); $$->count = $4.v; $$->names = $6;
          word_is(p, $3, "least", "against at least N of NAME, ..."); }
    | IN IDENT               { $$ = cond_slot(p, CD_IN, @$); $$->name = $2; }
    | DURING IDENT           { $$ = cond_slot(p, CD_DURING, @$); $$->name = $2; }
    | UNLESS IDENT           { $$ = cond_slot(p, CD_UNPROVOKED, @$);
                               word_is(p, $2, "provoked", "unless provoked"); }
    | AFTER IDENT            { $$ = cond_slot(p, CD_AFTER_DEMANDS, @$);
                               word_is(p, $2, "demands", "after demands"); }
    ;

/* Who owes, or is owed, an obligation. */
parties
    : MEMBERS    { PartySide *s = party_side(p, @1); s->members = 1; $$ = s; }
    | MEMBERS EXCEPT name_list
                 { PartySide *s = party_side(p, @$); s->members = 1; s->except = $3; $$ = s; }
    | name_list  { PartySide *s = party_side(p, @1); s->names = $1; $$ = s; }
    ;

/* Without `to`, the members: one side shared by every such clause (nothing
 * reads its location). */
to_opt
    : %empty     { static const PartySide members = { .members = 1, .implicit = 1 }; $$ = &members; }
    | TO parties { $$ = $2; }
    ;

place_opt : %empty { $$ = NULL; } | IN STRING { $$ = $2; } ;

date
    : DATE       { $$ = $1; }
    | NUMBER     { $$ = to_date(p, $1.text, @1); }
    ;

decision
    : CONSENSUS          { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = DEC_CONSENSUS; $$->loc = @$; }
    | UNANIMITY          { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = DEC_UNANIMITY; $$->loc = @$; }
    | MAJORITY           { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = DEC_MAJORITY; $$->loc = @$; }
    | QUALIFIED_MAJORITY NUMBER '/' NUMBER
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = DEC_QUALIFIED; $$->loc = @$;
          /* range first: converting a huge number to int would be undefined */
          if (!($2.v >= 1 && $4.v >= 1 && $4.v <= 1000 && $2.v <= $4.v) ||
              $2.v != (int)$2.v || $4.v != (int)$4.v) {
              diag_error(p->diag, @$, "a qualified majority is a fraction n/d with whole numbers 1 <= n <= d <= 1000");
              $$->num = 1; $$->den = 1;
          } else { $$->num = (int)$2.v; $$->den = (int)$4.v; } }
    | WEIGHTED BY BUDGET
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = DEC_WEIGHTED; $$->loc = @$; $$->threshold = 50; }
    | WEIGHTED BY IDENT
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = DEC_WEIGHTED; $$->loc = @$; $$->threshold = 50;
          $$->weight_by = $3.sym; }
    | WEIGHTED BY IDENT THRESHOLD NUMBER '%'
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = DEC_WEIGHTED; $$->loc = @$; $$->weight_by = $3.sym;
          $$->threshold = $5.v; $$->has_threshold = 1;
          if ($5.v <= 0 || $5.v > 100) {
              diag_error(p->diag, @5, "a threshold is a share above 0%% and at most 100%%");
              $$->threshold = 50;
          } }
    | WEIGHTED BY BUDGET THRESHOLD NUMBER '%'
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = DEC_WEIGHTED; $$->loc = @$;
          $$->threshold = $5.v; $$->has_threshold = 1;
          if ($5.v <= 0 || $5.v > 100) {
              diag_error(p->diag, @5, "a threshold is a share above 0%% and at most 100%%");
              $$->threshold = 50;
          } }
    | '{' rule_clauses '}'
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = DEC_COMPOUND; $$->loc = @$;
          $$->clauses = $2.items; $$->n_clauses = $2.n;
          /* empty as written, not emptied by clauses in error */
          if (!$2.n && p->diag->errors == $2.errors) diag_error(p->diag, @$, "a compound rule needs at least one clause, "
                                "e.g. decides by { at least 9 members; veto by A, B; }"); }
    ;

/* The clauses of a compound rule (docs/language.md, "Compound rules"). */
rule_clauses
    : %empty             { $$.items = NULL; $$.n = $$.cap = 0; $$.errors = p->diag->errors; }
    | rule_clauses rule_clause ';'
        { $$ = $1; compound_add(p, &$$, $2); }
    ;

rule_clause
    : at_least NUMBER MEMBERS
        { $$ = rule_clause(p, RC_COUNT, $1, $2.v, @$); rule_count(p, $2.v, @2); }
    | at_least NUMBER '%' OF MEMBERS
        { $$ = rule_clause(p, RC_SHARE, $1, $2.v, @$); $$->percent = 1; rule_percent(p, $2.v, @2); }
    | at_least NUMBER '%' OF IDENT IDENT
        { $$ = rule_clause(p, RC_SHARE, $1, $2.v, @$); $$->percent = 1; rule_percent(p, $2.v, @2);
          $$->base = rule_base(p, $5, $6); }
    | at_least NUMBER '%' OF IDENT
        { $$ = rule_clause(p, RC_WEIGHT, $1, $2.v, @$); $$->percent = 1; $$->measure = $5.sym;
          rule_percent(p, $2.v, @2); }
    | at_least NUMBER '%' OF BUDGET
        { $$ = rule_clause(p, RC_WEIGHT, $1, $2.v, @$); $$->percent = 1; rule_percent(p, $2.v, @2); }
    | at_least NUMBER OF IDENT
        { $$ = rule_clause(p, RC_WEIGHT, $1, $2.v, @$); $$->measure = $4.sym; }
    | IDENT BY name_list
        { $$ = rule_clause(p, RC_VETO, 0, 0, @$);
          if (word_is(p, $1, "veto", "veto by NAME, ...")) $$->names = $3; }
    | BLOCKING IDENT at_least NUMBER MEMBERS
        { $$ = rule_clause(p, RC_BLOCKING, $3, $4.v, @$); rule_count(p, $4.v, @4);
          word_is(p, $2, "minority", "blocking minority at least N members"); }
    | QUORUM NUMBER MEMBERS
        { $$ = rule_clause(p, RC_QUORUM, 0, $2.v, @$); rule_count(p, $2.v, @2); }
    | QUORUM NUMBER '%' OF MEMBERS
        { $$ = rule_clause(p, RC_QUORUM, 0, $2.v, @$); $$->percent = 1; rule_percent(p, $2.v, @2); }
    /* misspelt first words, each reported once with a hint */
    | IDENT NUMBER MEMBERS
        { $$ = rule_clause(p, RC_VETO, 0, 0, @$); unknown_clause(p, $1); }
    | IDENT NUMBER '%' OF MEMBERS
        { $$ = rule_clause(p, RC_VETO, 0, 0, @$); unknown_clause(p, $1); }
    | IDENT IDENT AT IDENT NUMBER MEMBERS
        { $$ = rule_clause(p, RC_VETO, 0, 0, @$); unknown_clause(p, $1); }
    ;

/* `at least` (0) or `more than` (1) */
at_least
    : AT IDENT       { $$ = 0; word_is(p, $2, "least", "at least N"); }
    | IDENT IDENT    { $$ = 1; if (word_is(p, $1, "more", "more than N")) word_is(p, $2, "than", "more than N"); }
    ;

name_list
    : IDENT                    { memset(&$$, 0, sizeof $$); vec_push(p->arena, &$$, $1); }
    | name_list ',' IDENT      { $$ = $1; vec_push(p->arena, &$$, $3); }
    ;

name_list_opt : %empty { memset(&$$, 0, sizeof $$); } | name_list { $$ = $1; } ;
params_opt : name_list_opt ;

/* Collected in p->strs, and kept whole at the end of the list. */
str_list
    : str_items                { $$ = strs_keep(p); }
    ;
str_items
    : STRING                   { p->strs.n = 0; Str s = { $1, @1 }; vec_push(p->arena, &p->strs, s); }
    | str_items ',' STRING     { Str s = { $3, @3 }; vec_push(p->arena, &p->strs, s); }
    ;

/* ---- scenarios ---- */

scen_items
    : %empty
    | scen_items scen_item     { vec_push(p->arena, &p->cur->items, $2); }
    | scen_items error ';'     { yyerrok; if (p->diag->stopped) YYABORT; }
    ;

scen_item
    : AT date ';'                  { $$ = item(p, SI_AT, @$); $$->date = $2; }
    | SUPPOSE supposition ';'      { $$ = item(p, SI_SUPPOSE, @$); $$->sup = *$2; $$->sup.loc = @2; }
    | QUERY query ';'              { $$ = item(p, SI_QUERY, @$); $$->query = $2; }
    | EXPECT plain_query EQ expected because_opt ';'
        { $$ = item(p, SI_EXPECT, @$); $$->query = $2; $$->exp = *$4; $$->exp.because = *$5;
          $$->exp.loc = @$; }
    | EXPECT eval_query ';'
        { $$ = item(p, SI_EXPECT, @$); $$->query = $2; memset(&$$->exp, 0, sizeof $$->exp);
          $$->exp.kind = EXP_VALUE; $$->exp.value = expr_new(p->arena, EX_BOOL, @2);
          $$->exp.value->num = 1; $$->exp.loc = @$; }
    ;

supposition
    : ATTACK BY IDENT ON IDENT attack_facts
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = SUP_ATTACK; $$->a = $3; $$->b = $5; $$->facts = *$6; }
    | INTERVENTION BY IDENT IN IDENT
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = SUP_INTERVENTION; $$->a = $3; $$->b = $5; }
    | AID BY IDENT TO IDENT
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = SUP_AID; $$->a = $3; $$->b = $5; }
    | IDENT JOINS IDENT as_opt
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = SUP_JOIN; $$->a = $1; $$->b = $3; $$->role = $4; }
    | IDENT LEAVES IDENT
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = SUP_LEAVE; $$->a = $1; $$->b = $3; }
    | IDENT KIND IDENT
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = SUP_KIND; $$->a = $1; $$->kind_name = $3; }
    | IDENT DECIDES BY decision
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = SUP_DECIDES; $$->a = $1; $$->decision = *$4;
          $$->decision.from = DATE_NONE; $$->decision.until = DATE_END; }
    | IDENT IDENT NOTICE TO IDENT AT date
        { want_word(p, $2, "gives");
          $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = SUP_NOTICE; $$->a = $1; $$->b = $5; $$->period.from = $7;
          $$->period.until = DATE_END; }
    | IDENT DOES NOT IDENT IDENT
        { want_word(p, $4, "renew");
          $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = SUP_NOT_RENEW; $$->a = $1; $$->b = $5; }
    | IDENT SUSPENDED IN IDENT period
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = SUP_SUSPENDED; $$->a = $1; $$->b = $4; $$->period = $5; }
    | OBJECTION BY IDENT IN IDENT
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = SUP_OBJECTION; $$->a = $3; $$->b = $5; }
    ;

/* Where an attack happens and how it came about (docs/obligations.md, 9):
 * each at most once, in any order. */
attack_facts
    : %empty                 { $$ = arena_alloc(p->arena, sizeof *$$); }   /* zeroed: nothing said */
    | attack_facts IN IDENT
        { $$ = $1; if ($$->place.sym) fact_twice(p, @2, "where the attack happens"); $$->place = $3; }
    | attack_facts DURING IDENT
        { $$ = $1; if ($$->conflict.sym) fact_twice(p, @2, "the conflict"); $$->conflict = $3; }
    | attack_facts IDENT
        { $$ = $1; int v = provocation(p, $2);
          if (v && $$->provoked) fact_twice(p, @2, "whether the attack was provoked");
          if (v) $$->provoked = (signed char)v; }
    | attack_facts AFTER IDENT
        { $$ = $1; if ($$->demands) fact_twice(p, @2, "whether demands were made");
          $$->demands = demands_word(p, $3) ? 1 : $$->demands; }
    | attack_facts BEFORE IDENT
        { $$ = $1; if ($$->demands) fact_twice(p, @2, "whether demands were made");
          $$->demands = demands_word(p, $3) ? -1 : $$->demands; }
    ;

query : plain_query | eval_query ;

plain_query
    : query_body               { $$ = $1; $$->loc = @$; $$->text = loc_text(p->arena, @$); }
    | query_body AT date       { $$ = $1; $$->at = $3; $$->has_at = 1; $$->loc = @$;
                                 $$->text = loc_text(p->arena, @$); }
    ;

/* `eval EXPR` stands apart: in `expect`, its own `==` belongs to the expression. */
eval_query
    : EVAL expr
        { $$ = query(p, Q_EVAL, @$); $$->expr = $2; $$->text = loc_text(p->arena, @$); }
    | EVAL expr AT date
        { $$ = query(p, Q_EVAL, @$); $$->expr = $2; $$->at = $4; $$->has_at = 1;
          $$->text = loc_text(p->arena, @$); }
    ;

query_body
    : CAN IDENT JOIN IDENT as_opt
        { $$ = query(p, Q_CAN_JOIN, @$); $$->x = $2; $$->y = $4; $$->role = $5; }
    | WHO MUST DEFEND IDENT against_opt
        { $$ = query(p, Q_WHO_DEFEND, @$); $$->x = $4; $$->against = $5; }
    | WHO MUST CONSULT IDENT against_opt
        { $$ = query(p, Q_WHO_CONSULT, @$); $$->x = $4; $$->against = $5; }
    | WHO MUST JOIN IDENT against_opt
        { $$ = query(p, Q_WHO_JOIN, @$); $$->x = $4; $$->against = $5; }
    | WHO MUST IDENT IDENT FOR IDENT against_opt
        { $$ = query(p, Q_WHO_NEUTRAL, @$); $$->x = $6; $$->against = $7;
          word_is(p, $3, "stay", "who must stay neutral for X"); word_is(p, $4, "neutral", "who must stay neutral for X"); }
    | WHO MUST NOT ATTACK IDENT
        { $$ = query(p, Q_WHO_NOT_ATTACK, @$); $$->x = $5; }
    | WHO MUST IDENT IDENT against_opt
        { $$ = query(p, Q_WHO_DEFEND, @$); $$->x = $4; $$->against = $5; unknown_obligation_verb(p, $3); }
    | VIOLATIONS               { $$ = query(p, Q_VIOLATIONS, @$); }
    | CHECK                    { $$ = query(p, Q_CHECK, @$); }
    | vote_clauses             { $$ = $1; }
    | MEMBERS OF IDENT         { $$ = query(p, Q_MEMBERS, @$); $$->y = $3; $$->role = ROLE_MEMBER; }
    | OBSERVERS OF IDENT       { $$ = query(p, Q_MEMBERS, @$); $$->y = $3; $$->role = ROLE_OBSERVER; }
    | PARTNERS OF IDENT        { $$ = query(p, Q_MEMBERS, @$); $$->y = $3; $$->role = ROLE_PARTNER; }
    | ORGANISATIONS OF IDENT   { $$ = query(p, Q_ORGS_OF, @$); $$->x = $3; }
    | OBLIGATIONS OF IDENT obl_kind_opt
        { $$ = query(p, Q_OBLIGATIONS_OF, @$); $$->x = $3; $$->kind_name = $4; }
    | OBLIGATIONS TO IDENT obl_kind_opt
        { $$ = query(p, Q_OBLIGATIONS_TO, @$); $$->x = $3; $$->kind_name = $4; }
    | COMPARE OBLIGATIONS OF IDENT AT date AND date
        { $$ = query(p, Q_COMPARE, @$); $$->x = $4; $$->at1 = $6; $$->at2 = $8; }
    | COMPARE OBLIGATIONS OF IDENT AND IDENT
        { $$ = query(p, Q_COMPARE, @$); $$->x = $4; $$->y = $6; }
    | POWER IN IDENT           { $$ = query(p, Q_POWER, @$); $$->y = $3; }
    | BANZHAF OF IDENT IN IDENT
        { $$ = query(p, Q_BANZHAF, @$); $$->x = $3; $$->y = $5; }
    | SHAPLEY OF IDENT IN IDENT
        { $$ = query(p, Q_SHAPLEY, @$); $$->x = $3; $$->y = $5; }
    | MINIMAL IDENT IDENT OF IDENT
        { $$ = query(p, Q_MIN_WINNING, @$); $$->y = $5;
          if (word_is(p, $2, "winning", "minimal winning|blocking coalitions of ORG"))
              word_is(p, $3, "coalitions", "minimal winning coalitions of ORG"); }
    | MINIMAL BLOCKING IDENT OF IDENT
        { $$ = query(p, Q_MIN_BLOCKING, @$); $$->y = $5;
          word_is(p, $3, "coalitions", "minimal blocking coalitions of ORG"); }
    | ACCESSION OF IDENT TO IDENT
        { $$ = query(p, Q_ACCESSION, @$); $$->x = $3; $$->y = $5; }
    | IDENT IDENT IDENT JOIN IDENT
        { $$ = query(p, Q_WHEN_JOINED, @$); $$->x = $3; $$->y = $5;
          if (word_is(p, $1, "when", "when did X join ORG")) word_is(p, $2, "did", "when did X join ORG"); }
    ;

obl_kind_opt : %empty { $$.sym = SYM_NONE; $$.loc = @$; } | KIND IDENT { $$ = $2; } ;

vote_clauses
    : DOES IDENT ADOPT STRING
        { $$ = query(p, Q_ADOPT, @$); $$->y = $2; $$->motion = $4; p->cur_query = $$; }
    | vote_clauses WITH OBJECTIONS FROM name_list
        { $$ = $1; for (int i = 0; i < $5.n; i++) vec_push(p->arena, &$$->objections, $5.items[i]); }
    | vote_clauses WITH VOTES vote_groups
        { $$ = $1; $$->has_votes = 1; }
    ;

vote_groups
    : vote_group
    | vote_groups vote_group
    ;

vote_group
    : YES name_list      { for (int i = 0; i < $2.n; i++) vec_push(p->arena, &p->cur_query->yes, $2.items[i]); }
    | NO name_list       { for (int i = 0; i < $2.n; i++) vec_push(p->arena, &p->cur_query->no, $2.items[i]); }
    | ABSTAIN name_list  { for (int i = 0; i < $2.n; i++) vec_push(p->arena, &p->cur_query->abstain, $2.items[i]); }
    | ABSENT name_list   { for (int i = 0; i < $2.n; i++) vec_push(p->arena, &p->cur_query->absent, $2.items[i]); }
    ;

against_opt : %empty { $$.sym = SYM_NONE; $$.loc = @$; } | AGAINST IDENT { $$ = $2; } ;

expected
    : YES          { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = EXP_WORD; $$->word = "yes"; }
    | NO           { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = EXP_WORD; $$->word = "no"; }
    | MEMBER       { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = EXP_WORD; $$->word = "member"; $$->loc = @1; }
    | IDENT        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = EXP_WORD;
                     $$->word = sym_name(p->names, $1.sym); $$->loc = @1; }
    | '{' name_list_opt '}'
                   { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = EXP_SET; $$->set = $2; }
    | IDENT ',' name_list
                   { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = EXP_SET; $$->set = $3;
                     vec_push(p->arena, &$$->set, $1);
                     diag_error(p->diag, @$, "a set is written in braces: == {%s, ...}", sym_name(p->names, $1.sym)); }
    | '{' name_list_opt '}' IDENT '{' name_list_opt '}'
                   { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = EXP_SET; $$->set = $2;
                     $$->cond_set = $6; $$->has_cond_set = 1;
                     word_is(p, $4, "conditional", "== {...} conditional {...}"); }
    | NUMBER       { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = EXP_VALUE;
                     $$->value = expr_new(p->arena, EX_NUM, @1); $$->value->num = $1.v; }
    | NUMBER WITHIN NUMBER
                   { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = EXP_VALUE;
                     $$->value = expr_new(p->arena, EX_NUM, @1); $$->value->num = $1.v;
                     $$->within = $3.v; $$->has_within = 1; }
    | STRING       { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = EXP_VALUE;
                     $$->value = expr_new(p->arena, EX_STR, @1); $$->value->str = $1; }
    | TRUE         { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = EXP_VALUE;
                     $$->value = expr_new(p->arena, EX_BOOL, @1); $$->value->num = 1; }
    | FALSE        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = EXP_VALUE;
                     $$->value = expr_new(p->arena, EX_BOOL, @1); $$->value->num = 0; }
    | DATE         { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = EXP_VALUE;
                     $$->value = expr_new(p->arena, EX_DATE, @1); $$->value->date = $1; }
    ;

because_opt : %empty { $$ = arena_alloc(p->arena, sizeof *$$); } | BECAUSE reason { $$ = $2; $$->loc = @2; } ;

reason
    : PRINCIPLE IDENT of_opt
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = RP_PRINCIPLE; $$->principle = $2; $$->org = $3; }
    | PRINCIPLE EXCLUSIVE of_opt
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = RP_PRINCIPLE;
          $$->principle.sym = intern_cstr(p->names, "exclusive"); $$->principle.loc = @2; $$->org = $3; }
    | PRINCIPLE EXCLUSIVE IDENT of_opt
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = RP_PRINCIPLE;
          $$->principle.sym = intern_cstr(p->names, "exclusive"); $$->principle.loc = @2;
          $$->principle_arg = $3; $$->org = $4; }
    | DISSOLVED    { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = RP_DISSOLVED; }
    | OBJECTION of_opt
                   { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = RP_OBJECTION; $$->org = $2; }
    | SUSPENDED MEMBER of_opt
                   { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = RP_SUSPENDED_MEMBER; $$->org = $3; }
    | CONSTRAINT   { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = RP_CONSTRAINT; }
    | QUORUM       { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = RP_QUORUM; }
    | CONSTRAINT STRING
                   { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = RP_CONSTRAINT; $$->substr = $2; }
    | IDENT of_opt
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->principle = $1; $$->org = $2; $$->kind = RP_NONE; }
    | IDENT STRING of_opt
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->principle = $1; $$->substr = $2; $$->org = $3; $$->kind = RP_NONE; }
    | IDENT IDENT of_opt
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->principle = $1; $$->principle_arg = $2; $$->org = $3; $$->kind = RP_NONE; }
    | IDENT condition of_opt
        { $$ = arena_alloc(p->arena, sizeof *$$); $$->kind = RP_CONDITION; $$->org = $3;
          CondSpec *c = arena_alloc(p->arena, sizeof *c);
          *c = *$2;
          $$->cond = c;
          word_is(p, $1, "condition", "because condition CONDITION [of ORG]"); }
    ;

of_opt : %empty { $$.sym = SYM_NONE; $$.loc = @$; } | OF IDENT { $$ = $2; } ;

/* ---- expressions ---- */

expr
    : expr OR expr              { $$ = binary(p, EX_OR, $1, $3, @$); }
    | expr AND expr             { $$ = binary(p, EX_AND, $1, $3, @$); }
    | NOT expr                  { $$ = binary(p, EX_NOT, $2, NULL, @$); }
    | expr EQ expr              { $$ = binary(p, EX_EQ, $1, $3, @$); }
    | expr NE expr              { $$ = binary(p, EX_NE, $1, $3, @$); }
    | expr '<' expr             { $$ = binary(p, EX_LT, $1, $3, @$); }
    | expr LE expr              { $$ = binary(p, EX_LE, $1, $3, @$); }
    | expr '>' expr             { $$ = binary(p, EX_GT, $1, $3, @$); }
    | expr GE expr              { $$ = binary(p, EX_GE, $1, $3, @$); }
    | expr IN expr              { $$ = binary(p, EX_IN, $1, $3, @$); }
    | expr IS is_what           { $$ = binary(p, EX_IS, $1, NULL, @$); $$->is_what = $3; }
    | expr '+' expr             { $$ = binary(p, EX_ADD, $1, $3, @$); }
    | expr '-' expr             { $$ = binary(p, EX_SUB, $1, $3, @$); }
    | expr '*' expr             { $$ = binary(p, EX_MUL, $1, $3, @$); }
    | expr '/' expr             { $$ = binary(p, EX_DIV, $1, $3, @$); }
    | '-' expr %prec UMINUS     { $$ = binary(p, EX_NEG, $2, NULL, @$); }
    | ALL IDENT IN expr ':' expr
        { $$ = binary(p, EX_ALL, $4, $6, @$); $$->name = $2; }
    | SOME IDENT IN expr ':' expr
        { $$ = binary(p, EX_SOME, $4, $6, @$); $$->name = $2; }
    | primary
    ;

is_what
    : STATE         { $$ = IS_STATE; }
    | ACTOR         { $$ = IS_ACTOR; }
    | ORGANISATION  { $$ = IS_ORGANISATION; }
    ;

primary
    : NUMBER        { $$ = expr_new(p->arena, EX_NUM, @$); $$->num = $1.v; }
    | STRING        { $$ = expr_new(p->arena, EX_STR, @$); $$->str = $1; }
    | DATE          { $$ = expr_new(p->arena, EX_DATE, @$); $$->date = $1; }
    | TRUE          { $$ = expr_new(p->arena, EX_BOOL, @$); $$->num = 1; }
    | FALSE         { $$ = expr_new(p->arena, EX_BOOL, @$); $$->num = 0; }
    | IDENT         { $$ = expr_new(p->arena, EX_NAME, @$); $$->name = $1; }
    | MEMBERS       { $$ = expr_new(p->arena, EX_MEMBERS, @$); }
    | KIND IDENT    { $$ = expr_new(p->arena, EX_KIND, @$); $$->name = $2; }
    | '{' expr_list_opt '}'   { $$ = expr_new(p->arena, EX_SET, @$); $$->args = $2; }
    | '(' expr ')'  { $$ = $2; }
    | callee '(' expr_list_opt ')'
        { $$ = expr_new(p->arena, EX_CALL, @$); $$->name = $1; $$->args = $3; }
    | primary '.' attr
        { $$ = expr_new(p->arena, EX_ATTR, @$); $$->a = $1; $$->name = $3; }
    ;

callee
    : IDENT         { $$ = $1; }
    | KIND          { $$.sym = intern_cstr(p->names, "kind"); $$.loc = @1; }
    | REGION        { $$.sym = intern_cstr(p->names, "region"); $$.loc = @1; }
    | BORDERS       { $$.sym = intern_cstr(p->names, "borders"); $$.loc = @1; }
    | MEMBERS       { $$.sym = intern_cstr(p->names, "members"); $$.loc = @1; }
    | OBSERVERS     { $$.sym = intern_cstr(p->names, "observers"); $$.loc = @1; }
    | PARTNERS      { $$.sym = intern_cstr(p->names, "partners"); $$.loc = @1; }
    ;

attr
    : IDENT         { $$ = $1; }
    | KIND          { $$.sym = intern_cstr(p->names, "kind"); $$.loc = @1; }
    | REGION        { $$.sym = intern_cstr(p->names, "region"); $$.loc = @1; }
    | FOUNDED       { $$.sym = intern_cstr(p->names, "founded"); $$.loc = @1; }
    ;

expr_list_opt : %empty { memset(&$$, 0, sizeof $$); } | expr_list { $$ = $1; } ;

expr_list
    : expr                  { memset(&$$, 0, sizeof $$); vec_push(p->arena, &$$, $1); }
    | expr_list ',' expr    { $$ = $1; vec_push(p->arena, &$$, $3); }
    ;

%%

/* Bison's detailed messages name at most four expected tokens; a name at
 * the start of a clause may be followed by five (a name, `is`, `owes`,
 * `suspends` or ','), so the message is built here, in bison's words, with
 * up to five, and read as above. */
enum { EXPECTED_MAX = 5 };

static const char *token_name(yysymbol_kind_t k, char buf[64])
{
    const char *name = yysymbol_name(k);
    size_t n = strlen(name);
    if (n >= 2 && name[0] == '"' && name[n - 1] == '"' && n - 2 < 64) {   /* "owes" is shown owes */
        memcpy(buf, name + 1, n - 2);
        buf[n - 2] = '\0';
        return buf;
    }
    return name;
}

/* The keyword a misspelt name stands for, when a keyword could come next
 * (`organisaton`, `State`, `decides by unanimous`), or NULL: the closest
 * spelling among the keywords the parser expected, into buf. */
static const char *keyword_meant(const yypcontext_t *ctx, Loc at, char buf[64])
{
    const Source *src = at.src;
    if (!src || at.end < at.off) return NULL;
    size_t from = at.off, len = (size_t)(at.end - at.off) + 1;
    if (len >= 64 || from + len > src->len) return NULL;
    char word[64];
    memcpy(word, src->text + from, len);
    word[len] = '\0';
    yysymbol_kind_t all[YYNTOKENS];
    int m = yypcontext_expected_tokens(ctx, all, YYNTOKENS);
    int nk;
    const char *const *keywords = lexer_keywords(&nk);
    const char *cands[YYNTOKENS];
    int k = 0;
    for (int i = 0; i < m; i++) {             /* the expected tokens that are keywords ("name" is not) */
        const char *name = yysymbol_name(all[i]);
        for (int j = 0; j < nk; j++)
            if (strcmp(keywords[j], name) == 0) { cands[k++] = keywords[j]; break; }
    }
    const char *best = suggest_closest(word, cands, k);
    if (!best) return NULL;
    snprintf(buf, 64, "%s", best);
    return buf;
}

/* Is the word before `at` a date, and the word before it `since`?  Then
 * `since DATE until ...` was written for `from DATE until ...`. */
static int since_before(Loc at)
{
    const Source *src = at.src;
    if (!src) return 0;
    size_t i = at.off;
    if (i > src->len) return 0;
    const char *t = src->text;
    size_t stop = i > 256 ? i - 256 : 0;      /* `since DATE` is close by, or not there */
    while (i > stop && (t[i - 1] == ' ' || t[i - 1] == '\t' || t[i - 1] == '\n' || t[i - 1] == '\r')) i--;
    size_t end = i;
    while (i > stop && ((t[i - 1] >= '0' && t[i - 1] <= '9') || t[i - 1] == '-')) i--;
    if (i == end) return 0;                     /* no date */
    while (i > stop && (t[i - 1] == ' ' || t[i - 1] == '\t' || t[i - 1] == '\n' || t[i - 1] == '\r')) i--;
    return i >= 5 && memcmp(t + i - 5, "since", 5) == 0 &&
           (i == 5 || !((t[i - 6] >= 'a' && t[i - 6] <= 'z') || (t[i - 6] >= 'A' && t[i - 6] <= 'Z') || t[i - 6] == '_'));
}

/* `memebr A;`: the parser reads two names (as in `A applies at DATE`) and
 * fails only later.  When the statement the error is in starts with a word
 * that is no keyword but close to one, that word is the mistake: its place
 * into *word and the keyword into buf, or NULL.  The start is found in the
 * text, after the last ';', '{' or '}' (at most 256 bytes back). */
static const char *first_word_meant(Loc at, Loc *word, char buf[64])
{
    const Source *src = at.src;
    if (!src) return NULL;
    size_t i = at.off;
    if (i > src->len) return NULL;
    const char *t = src->text;
    size_t stop = i > 256 ? i - 256 : 0;
    while (i > stop && t[i - 1] != ';' && t[i - 1] != '{' && t[i - 1] != '}') i--;
    if (i == stop && stop > 0) return NULL;
    while (i < src->len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) i++;
    size_t end = i;
    while (end < src->len && end - i < 63 && ((t[end] >= 'a' && t[end] <= 'z') || (t[end] >= 'A' && t[end] <= 'Z') ||
                                               t[end] == '_'))
        end++;
    if (end == i || end - i >= 63) return NULL;
    char w[64];
    memcpy(w, t + i, end - i);
    w[end - i] = '\0';
    int nk;
    const char *const *keywords = lexer_keywords(&nk);
    for (int k = 0; k < nk; k++) if (strcmp(keywords[k], w) == 0) return NULL;    /* a keyword: not this */
    /* the keywords a statement or clause starts with: a short name (A, USA)
     * is a party far more often than a misspelt `as` */
    static const char *const starters[] = {
        "state", "actor", "organisation", "organization", "place", "area", "conflict", "rule", "constraint",
        "scenario", "import", "member", "observer", "partner", "principle", "decides", "admission", "region",
        "borders", "tags", "measure", "based_in", "founded", "in_force", "dissolved", "initiator", "purpose",
        "budget", "objection", "term", "renewal", "notice", "suspended", "expect", "query", "suppose", "require" };
    if (end - i < 4) return NULL;
    const char *best = suggest_closest(w, starters, (int)(sizeof starters / sizeof starters[0]));
    if (!best) return NULL;
    word->src = src;
    word->off = (uint32_t)i;
    word->end = (uint32_t)end - 1;
    snprintf(buf, 64, "%s", best);
    return buf;
}

static int yyreport_syntax_error(const yypcontext_t *ctx, void *scanner, ParseCtx *p)
{
    yysymbol_kind_t expected[EXPECTED_MAX + 1];
    int n = yypcontext_expected_tokens(ctx, expected, EXPECTED_MAX + 1);
    if (n < 0) return n;
    yysymbol_kind_t got = yypcontext_token(ctx);
    /* too many to be of help: none, as bison does; at the end of the file,
     * more than four make way for the hint about a missing '}' or ';' */
    if (n > EXPECTED_MAX || (n > EXPECTED_MAX - 1 && got == YYSYMBOL_YYEOF)) n = 0;
    char msg[512], name[64];
    /* with too many expected tokens to list, the keyword a name seems meant
     * for (with a short list, the list itself says it) */
    const char *meant = got == YYSYMBOL_IDENT && n == 0 ? keyword_meant(ctx, *yypcontext_location(ctx), name) : NULL;
    if (got == YYSYMBOL_UNTIL && since_before(*yypcontext_location(ctx))) {
        diag_error(p->diag, *yypcontext_location(ctx),
                   "'since DATE' has no end: write 'from DATE until DATE' for a period that ends");
        return 0;
    }
    if (meant) {
        diag_error(p->diag, *yypcontext_location(ctx), "unexpected name; did you mean the keyword '%s'?", meant);
        return 0;
    }
    Loc word;
    if (strcmp(yysymbol_name(got), "';'") == 0 && first_word_meant(*yypcontext_location(ctx), &word, name)) {
        diag_error(p->diag, word, "'%.*s' starts no statement or clause; did you mean the keyword '%s'?",
                   (int)(word.end - word.off + 1), word.src->text + word.off,
                   name);
        return 0;
    }
    size_t used = (size_t)snprintf(msg, sizeof msg, "syntax error");
    if (got != YYSYMBOL_YYEMPTY)
        used += (size_t)snprintf(msg + used, sizeof msg - used, ", unexpected %s", token_name(got, name));
    for (int i = 0; i < n && used < sizeof msg; i++)
        used += (size_t)snprintf(msg + used, sizeof msg - used, "%s%s", i ? " or " : ", expecting ",
                                 token_name(expected[i], name));
    treaty_yyerror(yypcontext_location(ctx), scanner, p, msg);
    return 0;
}
