/* test_scanner_parser.c — the scanner (grammar/lexer.l) and the grammar
 * (grammar/parser.y) through parse_source(): tokens, locations, strings,
 * dates, error recovery, the error cap, and queries in PARSE_QUERY mode.
 *
 * Every text is parsed on its own, into its own arena and interner, with a
 * diagnostics sink that only collects (nothing is printed unless
 * TREATY_UNIT_VERBOSE is set). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "parse.h"

/* ------------------------------------------------------------------ helpers */

typedef struct P {
    Arena arena;
    Interner names;
    Diag diag;
    Source *src;
    Program *prog;
} P;

static void dump_diags(const Diag *d)
{
    if (!getenv("TREATY_UNIT_VERBOSE")) return;
    for (int i = 0; i < d->n; i++) diag_print_one(stderr, &d->items[i], 0);
}

/* Parses `len` bytes of `text` (which may hold NULs) with a fresh context. */
static Program *parse_n(P *p, const char *text, size_t len, ParseMode mode, int max_errors)
{
    memset(p, 0, sizeof *p);
    arena_init(&p->arena);
    intern_init(&p->names, &p->arena);
    diag_init(&p->diag, NULL, 0);
    if (max_errors > 0) p->diag.max_errors = max_errors;
    p->src = source_new(&p->arena, "t.treaty", text, len);
    p->prog = parse_source(p->src, mode, &p->arena, &p->names, &p->diag);
    dump_diags(&p->diag);
    return p->prog;
}

static Program *parse_file(P *p, const char *text)
{
    return parse_n(p, text, strlen(text), PARSE_FILE, 0);
}

static Program *parse_query(P *p, const char *text)
{
    return parse_n(p, text, strlen(text), PARSE_QUERY, 0);
}

static void p_free(P *p)
{
    diag_free(&p->diag);
    intern_free(&p->names);
    arena_free(&p->arena);
}

static const char *name_of(const P *p, Name n) { return sym_name(&p->names, n.sym); }

/* The i-th diagnostic of the given level (0-based), or NULL. */
static const Diagnostic *nth_diag(const Diag *d, DiagLevel level, int i)
{
    for (int k = 0; k < d->n; k++)
        if (d->items[k].level == level && i-- == 0) return &d->items[k];
    return NULL;
}

/* The first diagnostic whose message contains `sub`, or NULL. */
static const Diagnostic *find_diag(const Diag *d, const char *sub)
{
    for (int k = 0; k < d->n; k++)
        if (strstr(d->items[k].msg, sub)) return &d->items[k];
    return NULL;
}

static void assert_loc(Loc l, int line, int col, int end_line, int end_col)
{
    assert_int_equal(loc_line(l), line);
    assert_int_equal(loc_col(l), col);
    assert_int_equal(loc_end_line(l), end_line);
    assert_int_equal(loc_end_col(l), end_col);
}

static void assert_no_errors(const P *p)
{
    if (p->diag.errors) {
        for (int i = 0; i < p->diag.n; i++) diag_print_one(stderr, &p->diag.items[i], 0);
        fail_msg("expected no errors, got %d", p->diag.errors);
    }
    assert_non_null(p->prog);
}

/* A diagnostic at exactly (line, col) whose message contains `sub`. */
static void assert_error_at(const P *p, const char *sub, int line, int col)
{
    const Diagnostic *dg = find_diag(&p->diag, sub);
    if (!dg) {
        for (int i = 0; i < p->diag.n; i++) diag_print_one(stderr, &p->diag.items[i], 0);
        fail_msg("no diagnostic containing \"%s\"", sub);
    }
    assert_int_equal(dg->level, DIAG_ERROR);
    assert_int_equal(loc_line(dg->loc), line);
    assert_int_equal(loc_col(dg->loc), col);
    assert_ptr_equal(dg->loc.src, p->src);
}

static const Clause *clause_at(const Decl *d, int i)
{
    assert_true(i < d->clauses.n);
    return d->clauses.items[i];
}

/* ------------------------------------------------------- declarations, locs */

static void test_state_decls_and_locations(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_file(&p, "state A;\n"
                                    "  state B \"Bee\" { region \"Asia\"; }\n");
    assert_no_errors(&p);
    assert_ptr_equal(prog->src, p.src);
    assert_int_equal(prog->decls.n, 2);
    assert_int_equal(prog->queries.n, 0);

    const Decl *a = prog->decls.items[0];
    assert_int_equal(a->kind, D_STATE);
    assert_string_equal(name_of(&p, a->name), "A");
    assert_null(a->display);
    assert_int_equal(a->names.n, 1);
    assert_loc(a->loc, 1, 1, 1, 8);           /* `state A;` */
    assert_loc(a->name.loc, 1, 7, 1, 7);

    const Decl *b = prog->decls.items[1];
    assert_int_equal(b->kind, D_STATE);
    assert_string_equal(name_of(&p, b->name), "B");
    assert_string_equal(b->display, "Bee");
    assert_loc(b->loc, 2, 3, 2, 15);          /* the head: state B "Bee" */
    assert_loc(b->name.loc, 2, 9, 2, 9);
    assert_int_equal(b->clauses.n, 1);
    const Clause *c = clause_at(b, 0);
    assert_int_equal(c->kind, CL_REGION);
    assert_string_equal(c->text, "Asia");
    assert_loc(c->loc, 2, 19, 2, 32);         /* region "Asia"; */
    p_free(&p);
}

static void test_state_list_declares_several(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_file(&p, "state A, B, C;");
    assert_no_errors(&p);
    assert_int_equal(prog->decls.n, 1);
    const Decl *d = prog->decls.items[0];
    assert_int_equal(d->kind, D_STATE);
    assert_int_equal(d->names.n, 3);
    assert_string_equal(name_of(&p, d->names.items[0]), "A");
    assert_string_equal(name_of(&p, d->names.items[1]), "B");
    assert_string_equal(name_of(&p, d->names.items[2]), "C");
    assert_int_equal(loc_col(d->names.items[0].loc), 7);
    assert_int_equal(loc_col(d->names.items[1].loc), 10);
    assert_int_equal(loc_col(d->names.items[2].loc), 13);
    assert_int_equal(d->name.sym, d->names.items[0].sym);
    assert_int_equal(d->clauses.n, 0);
    assert_loc(d->loc, 1, 1, 1, 14);
    p_free(&p);
}

static void test_names_are_interned_once(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_file(&p, "state Kazakhstan;\nstate Uzbekistan { borders Kazakhstan; }\n");
    assert_no_errors(&p);
    const Decl *k = prog->decls.items[0], *u = prog->decls.items[1];
    const Clause *c = clause_at(u, 0);
    assert_int_equal(c->kind, CL_BORDERS);
    assert_int_equal(c->names.n, 1);
    assert_int_equal(c->names.items[0].sym, k->name.sym);     /* same name, same symbol */
    assert_int_not_equal(k->name.sym, u->name.sym);
    assert_loc(c->names.items[0].loc, 2, 28, 2, 37);
    p_free(&p);
}

static void test_organisation_clauses(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_file(&p,
        "organisation O \"Org\" {\n"                                         /* 1 */
        "  kind military_alliance;\n"                                        /* 2 */
        "  founded 1992-05-15 in \"Tashkent\";\n"                            /* 3 */
        "  in_force 2003-09;\n"                                              /* 4 */
        "  dissolved 2030;\n"                                                /* 5 */
        "  initiator China;\n"                                               /* 6 */
        "  purpose \"a\", \"b\";\n"                                          /* 7 */
        "  decides by qualified_majority 2/3;\n"                             /* 8 */
        "  member A, B since 2016-08;\n"                                     /* 9 */
        "  observer C from 1992 until 2000-01-01;\n"                         /* 10 */
        "  partner D until 2001-02-03;\n"                                    /* 11 */
        "  principle exclusive military_alliance;\n"                         /* 12 */
        "  principle collective_defence;\n"                                  /* 13 */
        "  principle \"not aimed at any third party\";\n"                    /* 14 */
        "  budget 4.5 million USD { A 95%; B 2.5%; }\n"                      /* 15 */
        "  admission as observer {\n"                                        /* 16 */
        "    require applicant is state;\n"                                  /* 17 */
        "    require consent of members;\n"                                  /* 18 */
        "  }\n"
        "}\n"
        "organization P { member A; decides by weighted by budget threshold 60%; tags \"x\"; }\n");
    assert_no_errors(&p);
    assert_int_equal(prog->decls.n, 2);
    const Decl *o = prog->decls.items[0];
    assert_int_equal(o->kind, D_ORG);
    assert_string_equal(name_of(&p, o->name), "O");
    assert_string_equal(o->display, "Org");
    assert_int_equal(o->clauses.n, 15);

    static const ClauseKind kinds[] = {
        CL_KIND, CL_FOUNDED, CL_IN_FORCE, CL_DISSOLVED, CL_INITIATOR, CL_PURPOSE, CL_DECIDES,
        CL_ROLE, CL_ROLE, CL_ROLE, CL_PRINCIPLE, CL_PRINCIPLE, CL_PRINCIPLE, CL_BUDGET, CL_ADMISSION
    };
    for (int i = 0; i < (int)(sizeof kinds / sizeof kinds[0]); i++) {
        assert_int_equal(clause_at(o, i)->kind, kinds[i]);
        assert_int_equal(loc_line(clause_at(o, i)->loc), i + 2);
        assert_int_equal(loc_col(clause_at(o, i)->loc), 3);
    }
    assert_string_equal(name_of(&p, clause_at(o, 0)->name), "military_alliance");
    assert_int_equal(clause_at(o, 1)->date, 19920515);
    assert_string_equal(clause_at(o, 1)->text, "Tashkent");
    assert_int_equal(clause_at(o, 2)->date, 20030901);          /* partial date: first day */
    assert_int_equal(clause_at(o, 3)->date, 20300101);          /* bare year */
    assert_string_equal(name_of(&p, clause_at(o, 4)->name), "China");
    assert_int_equal(clause_at(o, 5)->strs.n, 2);
    assert_string_equal(clause_at(o, 5)->strs.items[1].s, "b");

    const Decision *dec = clause_at(o, 6)->decision;
    assert_int_equal(dec->kind, DEC_QUALIFIED);
    assert_int_equal(dec->num, 2);
    assert_int_equal(dec->den, 3);

    const Clause *m = clause_at(o, 7);
    assert_int_equal(m->role, ROLE_MEMBER);
    assert_int_equal(m->names.n, 2);
    assert_int_equal(m->date, 20160801);
    assert_int_equal(m->date2, DATE_END);
    assert_int_equal(m->has_until, 0);
    const Clause *ob = clause_at(o, 8);
    assert_int_equal(ob->role, ROLE_OBSERVER);
    assert_int_equal(ob->date, 19920101);
    assert_int_equal(ob->date2, 20000101);
    assert_int_equal(ob->has_until, 1);
    const Clause *pa = clause_at(o, 9);
    assert_int_equal(pa->role, ROLE_PARTNER);
    assert_int_equal(pa->date, DATE_NONE);
    assert_int_equal(pa->date2, 20010203);

    assert_string_equal(name_of(&p, clause_at(o, 10)->name), "exclusive");
    assert_string_equal(name_of(&p, clause_at(o, 10)->principle->arg), "military_alliance");
    assert_string_equal(name_of(&p, clause_at(o, 11)->name), "collective_defence");
    assert_int_equal(clause_at(o, 11)->principle->arg.sym, SYM_NONE);
    assert_string_equal(clause_at(o, 12)->text, "not aimed at any third party");

    const Clause *bud = clause_at(o, 13);
    assert_true(fabs(bud->budget->amount - 4.5e6) < 1e-6);
    assert_string_equal(name_of(&p, bud->name), "USD");
    assert_int_equal(bud->budget->shares.n, 2);
    assert_string_equal(name_of(&p, bud->budget->shares.items[0].who), "A");
    assert_true(fabs(bud->budget->shares.items[0].pct - 95) < 1e-9);
    assert_true(fabs(bud->budget->shares.items[1].pct - 2.5) < 1e-9);

    const Clause *adm = clause_at(o, 14);
    assert_int_equal(adm->role, ROLE_OBSERVER);
    assert_int_equal(adm->reqs.n, 2);
    assert_int_equal(adm->reqs.items[0].kind, REQ_EXPR);
    assert_string_equal(adm->reqs.items[0].text, "applicant is state");
    assert_int_equal(adm->reqs.items[0].expr->kind, EX_IS);
    assert_int_equal(adm->reqs.items[0].expr->is_what, IS_STATE);
    assert_loc(adm->reqs.items[0].loc, 17, 13, 17, 30);
    assert_int_equal(adm->reqs.items[1].kind, REQ_CONSENT);
    assert_null(adm->reqs.items[1].expr);
    assert_int_equal(loc_line(adm->reqs.items[1].loc), 18);
    assert_int_equal(loc_col(adm->reqs.items[1].loc), 13);

    /* `organization` is accepted too */
    const Decl *q = prog->decls.items[1];
    assert_int_equal(q->kind, D_ORG);
    assert_int_equal(loc_line(q->loc), 21);
    assert_int_equal(clause_at(q, 1)->decision->kind, DEC_WEIGHTED);
    assert_int_equal(clause_at(q, 1)->decision->has_threshold, 1);
    assert_true(fabs(clause_at(q, 1)->decision->threshold - 60) < 1e-9);
    assert_int_equal(clause_at(q, 2)->kind, CL_TAGS);
    p_free(&p);
}

/* `PARTIES owe(s) KIND [to PARTIES] [PERIOD];` (docs/obligations.md) */
static void test_obligation_clauses(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_file(&p,
        "organisation O {\n"                                                  /* 1 */
        "  USA owes defence to JPN;\n"                                         /* 2 */
        "  members owe consultation;\n"                                        /* 3 */
        "  A, B owe neutrality to members from 1990 until 2000-06;\n"          /* 4 */
        "  members owe non_aggression to C since 1995;\n"                      /* 5 */
        "  A owes offence to B until 1999-12-31;\n"                            /* 6 */
        "}\n");
    assert_no_errors(&p);
    const Decl *o = prog->decls.items[0];
    assert_int_equal(o->clauses.n, 5);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(clause_at(o, i)->kind, CL_OBLIGATION);
        assert_int_equal(loc_line(clause_at(o, i)->loc), i + 2);
        assert_int_equal(loc_col(clause_at(o, i)->loc), 3);
    }
    const OblSpec *s = clause_at(o, 0)->obl;
    assert_int_equal(s->obliged->members, 0);
    assert_int_equal(s->obliged->names.n, 1);
    assert_string_equal(name_of(&p, s->obliged->names.items[0]), "USA");
    assert_string_equal(name_of(&p, s->kind), "defence");
    assert_loc(s->kind.loc, 2, 12, 2, 18);
    assert_int_equal(s->beneficiaries->members, 0);
    assert_string_equal(name_of(&p, s->beneficiaries->names.items[0]), "JPN");
    assert_int_equal(s->period.from, DATE_NONE);
    assert_int_equal(s->period.until, DATE_END);
    s = clause_at(o, 1)->obl;                     /* without `to`: the members, implicitly */
    assert_int_equal(s->obliged->members, 1);
    assert_int_equal(s->beneficiaries->members, 1);
    assert_int_equal(s->beneficiaries->implicit, 1);
    s = clause_at(o, 2)->obl;
    assert_int_equal(s->obliged->names.n, 2);
    assert_int_equal(s->beneficiaries->members, 1);
    assert_int_equal(s->beneficiaries->implicit, 0);
    assert_int_equal(s->period.from, 19900101);
    assert_int_equal(s->period.until, 20000601);
    assert_int_equal(s->period.has_until, 1);
    s = clause_at(o, 3)->obl;
    assert_int_equal(s->period.from, 19950101);
    assert_int_equal(s->period.until, DATE_END);
    s = clause_at(o, 4)->obl;
    assert_int_equal(s->period.from, DATE_NONE);
    assert_int_equal(s->period.until, 19991231);
    p_free(&p);

    /* mistakes are located, and the next clause parses */
    parse_file(&p, "organisation O {\n  A owes defence to;\n  A owes to B;\n  A owes defence to B since;\n"
                   "  member A;\n}\n");
    assert_error_at(&p, "expected name or members before ';'", 2, 20);
    assert_error_at(&p, "expected name before to", 3, 10);
    assert_error_at(&p, "expected date or number before ';'", 4, 28);
    assert_int_equal(p.diag.errors, 3);
    p_free(&p);
}

/* `principle NAME [ARG] [PERIOD];`: the period is kept only when written. */
static void test_principle_periods(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_file(&p,
        "organisation O {\n"
        "  principle collective_defence since 2009-12-01;\n"
        "  principle exclusive military_alliance from 1990 until 2000;\n"
        "  principle non_aggression;\n"
        "  principle neutrality until 1950;\n"
        "}\n");
    assert_no_errors(&p);
    const Decl *o = prog->decls.items[0];
    assert_int_equal(o->clauses.n, 4);
    const Clause *c = clause_at(o, 0);
    assert_int_equal(c->kind, CL_PRINCIPLE);
    assert_non_null(c->principle->period);
    assert_int_equal(c->principle->period->from, 20091201);
    assert_int_equal(c->principle->period->until, DATE_END);
    c = clause_at(o, 1);
    assert_string_equal(name_of(&p, c->principle->arg), "military_alliance");
    assert_int_equal(c->principle->period->from, 19900101);
    assert_int_equal(c->principle->period->until, 20000101);
    assert_null(clause_at(o, 2)->principle->period);
    assert_int_equal(clause_at(o, 3)->principle->period->from, DATE_NONE);
    assert_int_equal(clause_at(o, 3)->principle->period->until, 19500101);
    p_free(&p);
    /* a declared principle has no period */
    parse_file(&p, "organisation O {\n  principle \"open\" since 2000;\n  member A;\n}\n");
    assert_error_at(&p, "missing ';' before since", 2, 20);
    assert_int_equal(p.diag.errors, 1);
    p_free(&p);
}

/* `PARTIES suspend(s) KIND, ... to PARTIES PERIOD;` */
static void test_suspension_clauses(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_file(&p,
        "organisation ANZUS {\n"
        "  USA suspends defence, consultation to NEW since 1986-09-17;\n"
        "  A, B suspend offence to C, D from 1990 until 2000;\n"
        "}\n");
    assert_no_errors(&p);
    const Decl *o = prog->decls.items[0];
    assert_int_equal(o->clauses.n, 2);
    const Clause *c = clause_at(o, 0);
    assert_int_equal(c->kind, CL_SUSPENSION);
    assert_loc(c->loc, 2, 3, 2, 61);
    const SuspSpec *s = c->susp;
    assert_string_equal(name_of(&p, s->obliged->names.items[0]), "USA");
    assert_int_equal(s->kinds.n, 2);
    assert_string_equal(name_of(&p, s->kinds.items[0]), "defence");
    assert_string_equal(name_of(&p, s->kinds.items[1]), "consultation");
    assert_loc(s->kinds.items[1].loc, 2, 25, 2, 36);
    assert_string_equal(name_of(&p, s->beneficiaries->names.items[0]), "NEW");
    assert_int_equal(s->period.from, 19860917);
    assert_int_equal(s->period.until, DATE_END);
    s = clause_at(o, 1)->susp;
    assert_int_equal(s->obliged->names.n, 2);
    assert_int_equal(s->beneficiaries->names.n, 2);
    assert_int_equal(s->period.from, 19900101);
    assert_int_equal(s->period.until, 20000101);
    p_free(&p);
    /* `to` is needed, and a kind */
    parse_file(&p, "organisation O {\n  A suspends defence;\n  A suspends to B since 1990;\n  member A;\n}\n");
    assert_error_at(&p, "expected to or ',' before ';'", 2, 21);
    assert_error_at(&p, "expected name before to", 3, 14);
    assert_int_equal(p.diag.errors, 2);
    p_free(&p);
}

/* `members except NAME, ...` on either side of an obligation. */
static void test_exception_clauses(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_file(&p,
        "organisation EU {\n"
        "  members except AUS, CYP owe defence to members since 2009-12-01;\n"
        "  members owe non_aggression to members except MLT;\n"
        "}\n");
    assert_no_errors(&p);
    const Decl *o = prog->decls.items[0];
    const OblSpec *s = clause_at(o, 0)->obl;
    assert_int_equal(s->obliged->members, 1);
    assert_int_equal(s->obliged->except.n, 2);
    assert_string_equal(name_of(&p, s->obliged->except.items[1]), "CYP");
    assert_loc(s->obliged->except.items[1].loc, 2, 23, 2, 25);
    assert_loc(s->obliged->loc, 2, 3, 2, 25);
    assert_int_equal(s->beneficiaries->except.n, 0);
    s = clause_at(o, 1)->obl;
    assert_int_equal(s->obliged->except.n, 0);
    assert_int_equal(s->beneficiaries->members, 1);
    assert_string_equal(name_of(&p, s->beneficiaries->except.items[0]), "MLT");
    p_free(&p);
    /* only after `members`, and with a name */
    parse_file(&p, "organisation O {\n  A except B owes defence;\n  members except owe defence;\n  member A;\n}\n");
    assert_error_at(&p, "expected name or is or owes or suspends or ',' before except", 2, 5);
    assert_error_at(&p, "expected name before owes", 3, 18);
    assert_int_equal(p.diag.errors, 2);
    p_free(&p);
}

static void test_actor_rule_constraint_scenario(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_file(&p,
        "actor IMT \"Islamic Movement\" { kind non_state; based_in Afghanistan; }\n"
        "rule neighbour(a, b) = borders(a, b) or borders(b, a);\n"
        "constraint \"c1\" for QCCM: all m in members: m == China or neighbour(m, China);\n"
        "constraint \"c2\": count(members(QCCM)) <= 4;\n"
        "import \"other.treaty\";\n"
        "scenario \"s\" {\n"
        "  at 2016-09-01;\n"
        "  suppose attack by IMT on Tajikistan;\n"
        "  suppose Russia joins QCCM as observer;\n"
        "  suppose QCCM kind military_alliance;\n"
        "  query check;\n"
        "  expect can Russia join QCCM == no because principle exclusive military_alliance of CSTO;\n"
        "  expect who must defend Tajikistan == {Armenia, Russia};\n"
        "  expect eval count(members(QCCM)) == 4;\n"
        "}\n");
    assert_no_errors(&p);
    assert_int_equal(prog->decls.n, 6);

    const Decl *a = prog->decls.items[0];
    assert_int_equal(a->kind, D_ACTOR);
    assert_string_equal(a->display, "Islamic Movement");
    assert_int_equal(clause_at(a, 0)->kind, CL_KIND);
    assert_int_equal(clause_at(a, 1)->kind, CL_BASED_IN);
    assert_string_equal(name_of(&p, clause_at(a, 1)->name), "Afghanistan");

    const Decl *r = prog->decls.items[1];
    assert_int_equal(r->kind, D_RULE);
    assert_string_equal(name_of(&p, r->name), "neighbour");
    assert_int_equal(r->params.n, 2);
    assert_int_equal(r->body->kind, EX_OR);
    assert_int_equal(r->body->a->kind, EX_CALL);
    assert_string_equal(name_of(&p, r->body->a->name), "borders");   /* keyword used as callee */
    assert_int_equal(r->body->a->args.n, 2);
    assert_string_equal(r->src_text, "rule neighbour(a, b) = borders(a, b) or borders(b, a);");

    const Decl *c1 = prog->decls.items[2];
    assert_int_equal(c1->kind, D_CONSTRAINT);
    assert_string_equal(c1->text, "c1");
    assert_string_equal(name_of(&p, c1->for_org), "QCCM");
    assert_int_equal(c1->body->kind, EX_ALL);
    assert_string_equal(name_of(&p, c1->body->name), "m");
    assert_int_equal(c1->body->a->kind, EX_MEMBERS);
    const Decl *c2 = prog->decls.items[3];
    assert_int_equal(c2->for_org.sym, SYM_NONE);
    assert_int_equal(c2->body->kind, EX_LE);

    assert_int_equal(prog->decls.items[4]->kind, D_IMPORT);
    assert_string_equal(prog->decls.items[4]->text, "other.treaty");

    const Decl *s = prog->decls.items[5];
    assert_int_equal(s->kind, D_SCENARIO);
    assert_string_equal(s->text, "s");
    assert_int_equal(s->items.n, 8);
    assert_int_equal(s->items.items[0]->kind, SI_AT);
    assert_int_equal(s->items.items[0]->date, 20160901);
    const Supposition *sp = &s->items.items[1]->sup;
    assert_int_equal(sp->kind, SUP_ATTACK);
    assert_string_equal(name_of(&p, sp->a), "IMT");
    assert_string_equal(name_of(&p, sp->b), "Tajikistan");
    assert_int_equal(s->items.items[2]->sup.kind, SUP_JOIN);
    assert_int_equal(s->items.items[2]->sup.role, ROLE_OBSERVER);
    assert_int_equal(s->items.items[3]->sup.kind, SUP_KIND);
    assert_string_equal(name_of(&p, s->items.items[3]->sup.kind_name), "military_alliance");
    assert_int_equal(s->items.items[4]->kind, SI_QUERY);
    assert_int_equal(s->items.items[4]->query->kind, Q_CHECK);

    const ScenItem *e1 = s->items.items[5];
    assert_int_equal(e1->kind, SI_EXPECT);
    assert_int_equal(e1->query->kind, Q_CAN_JOIN);
    assert_string_equal(e1->query->text, "can Russia join QCCM");
    assert_int_equal(e1->exp.kind, EXP_WORD);
    assert_string_equal(e1->exp.word, "no");
    assert_int_equal(e1->exp.because.kind, RP_PRINCIPLE);
    assert_string_equal(name_of(&p, e1->exp.because.principle), "exclusive");
    assert_string_equal(name_of(&p, e1->exp.because.principle_arg), "military_alliance");
    assert_string_equal(name_of(&p, e1->exp.because.org), "CSTO");
    assert_int_equal(loc_line(e1->loc), 12);

    const ScenItem *e2 = s->items.items[6];
    assert_int_equal(e2->exp.kind, EXP_SET);
    assert_int_equal(e2->exp.set.n, 2);
    assert_string_equal(name_of(&p, e2->exp.set.items[1]), "Russia");

    const ScenItem *e3 = s->items.items[7];
    assert_int_equal(e3->query->kind, Q_EVAL);
    assert_int_equal(e3->query->expr->kind, EX_EQ);   /* the == belongs to the expression */
    assert_int_equal(e3->exp.kind, EXP_VALUE);
    p_free(&p);
}

/* ------------------------------------------------------------ comments */

static void test_comments_are_skipped(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_file(&p,
        "# a comment on line 1\n"
        "state A; # trailing comment; state X;\n"
        "#state B;\n"
        "state C { region \"a # not a comment\"; } # end\n"
        "# last line, no newline");
    assert_no_errors(&p);
    assert_int_equal(prog->decls.n, 2);
    assert_string_equal(name_of(&p, prog->decls.items[0]->name), "A");
    assert_int_equal(loc_line(prog->decls.items[0]->loc), 2);
    assert_string_equal(name_of(&p, prog->decls.items[1]->name), "C");
    assert_int_equal(loc_line(prog->decls.items[1]->loc), 4);
    assert_string_equal(clause_at(prog->decls.items[1], 0)->text, "a # not a comment");
    p_free(&p);
}

static void test_comment_only_file_is_an_error(void **state)
{
    (void)state;
    P p;
    parse_file(&p, "# only a comment\n\n");
    assert_int_equal(p.diag.errors, 1);
    assert_non_null(find_diag(&p.diag, "declares nothing"));
    p_free(&p);
}

/* ------------------------------------------------------------- strings */

static void test_string_escapes(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_file(&p, "state A { region \"q\\\"b\\\\s\\nn\\tt\"; tags \"\", \"x\"; }\n");
    assert_no_errors(&p);
    const Clause *c = clause_at(prog->decls.items[0], 0);
    assert_string_equal(c->text, "q\"b\\s\nn\tt");
    assert_loc(c->loc, 1, 11, 1, 33);       /* columns count the escapes' bytes */
    const Clause *t = clause_at(prog->decls.items[0], 1);
    assert_int_equal(t->strs.n, 2);
    assert_string_equal(t->strs.items[0].s, "");
    assert_loc(t->strs.items[0].loc, 1, 40, 1, 41);
    assert_string_equal(t->strs.items[1].s, "x");
    p_free(&p);
}

static void test_unknown_escape_is_reported(void **state)
{
    (void)state;
    P p;
    parse_file(&p, "state A;\nstate B { region \"a\\qb\"; }\n");
    assert_int_equal(p.diag.errors, 1);
    assert_error_at(&p, "unknown escape", 2, 20);
    const Diagnostic *dg = find_diag(&p.diag, "unknown escape");
    assert_int_equal(loc_end_col(dg->loc), 21);  /* both bytes of \q */
    assert_non_null(strstr(dg->msg, "\\q"));
    p_free(&p);
}

static void test_valid_utf8_strings(void **state)
{
    (void)state;
    P p;
    /* 2-, 3- and 4-byte sequences, the largest code point below surrogates and U+10FFFF */
    Program *prog = parse_file(&p, "state T { region \"T\xc3\xbcrkiye \xe4\xb8\xad\xe5\x9b\xbd \xf0\x9f\x8c\x8d "
                                   "\xed\x9f\xbf \xf4\x8f\xbf\xbf\"; }\n");
    assert_no_errors(&p);
    assert_string_equal(clause_at(prog->decls.items[0], 0)->text,
                        "T\xc3\xbcrkiye \xe4\xb8\xad\xe5\x9b\xbd \xf0\x9f\x8c\x8d \xed\x9f\xbf \xf4\x8f\xbf\xbf");
    p_free(&p);
}

static void test_invalid_utf8_in_strings_is_reported(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "\xff",                 /* never valid */
        "ab\xc3",               /* truncated 2-byte sequence */
        "\xe4\xb8",             /* truncated 3-byte sequence */
        "\xc0\xaf",             /* overlong '/' */
        "\xe0\x80\xaf",         /* overlong, 3 bytes */
        "\xed\xa0\x80",         /* UTF-16 surrogate */
        "\xf4\x90\x80\x80",     /* above U+10FFFF */
        "\x80x",                /* lone continuation byte */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "state A;\nstate B { region \"%s\"; }\n", bad[i]);
        P p;
        parse_file(&p, text);
        if (p.diag.errors != 1) fail_msg("case %zu: %d errors", i, p.diag.errors);
        assert_error_at(&p, "not valid UTF-8", 2, 18);   /* at the opening quote */
        /* the string still counts: the declaration is kept */
        assert_int_equal(p.prog->decls.n, 2);
        p_free(&p);
    }
}

static void test_non_ascii_outside_string(void **state)
{
    (void)state;
    P p;
    parse_file(&p, "state A;\nstate \xc3\x9c;\n");
    assert_true(p.diag.errors >= 1);
    const Diagnostic *dg = nth_diag(&p.diag, DIAG_ERROR, 0);
    assert_int_equal(loc_line(dg->loc), 2);
    assert_int_equal(loc_col(dg->loc), 7);
    assert_ptr_equal(dg->loc.src, p.src);
    p_free(&p);
}

static void test_nul_byte_in_string(void **state)
{
    (void)state;
    static const char text[] = "state A { region \"ab\0cd\"; }\nstate B;\n";
    P p;
    Program *prog = parse_n(&p, text, sizeof text - 1, PARSE_FILE, 0);
    assert_int_equal(p.diag.errors, 1);
    assert_error_at(&p, "NUL byte in string", 1, 21);
    assert_non_null(prog);
    assert_int_equal(prog->decls.n, 2);      /* scanning goes on after the NUL */
    p_free(&p);
}

static void test_nul_byte_outside_string(void **state)
{
    (void)state;
    static const char text[] = "state A;\n  \0state B;\n";
    P p;
    Program *prog = parse_n(&p, text, sizeof text - 1, PARSE_FILE, 0);
    assert_int_equal(p.diag.errors, 1);
    assert_error_at(&p, "NUL byte", 2, 3);
    assert_int_equal(prog->decls.n, 2);
    assert_int_equal(loc_col(prog->decls.items[1]->loc), 4);      /* the NUL takes one column */
    p_free(&p);
}

static void test_unterminated_string_at_end_of_line(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_file(&p, "state A { region \"abc;\n}\nstate B;\n");
    assert_true(p.diag.errors >= 1);
    const Diagnostic *first = nth_diag(&p.diag, DIAG_ERROR, 0);
    assert_non_null(strstr(first->msg, "not closed before the end of the line"));
    assert_int_equal(loc_line(first->loc), 1);
    assert_int_equal(loc_col(first->loc), 18);
    /* the next declaration is read normally */
    int found_b = 0;
    for (int i = 0; i < prog->decls.n; i++)
        if (prog->decls.items[i] && strcmp(name_of(&p, prog->decls.items[i]->name), "B") == 0) {
            found_b = 1;
            assert_int_equal(loc_line(prog->decls.items[i]->loc), 3);
        }
    assert_true(found_b);
    p_free(&p);
}

static void test_unterminated_string_at_end_of_file(void **state)
{
    (void)state;
    P p;
    parse_file(&p, "state A;\nstate B { region \"abc");
    assert_true(p.diag.errors >= 1);
    const Diagnostic *first = nth_diag(&p.diag, DIAG_ERROR, 0);
    assert_non_null(strstr(first->msg, "not closed before the end of the file"));
    assert_int_equal(loc_line(first->loc), 2);
    assert_int_equal(loc_col(first->loc), 18);
    p_free(&p);
}

static void test_string_too_long(void **state)
{
    (void)state;
    size_t n = PARSE_MAX_STRING + 10;
    char *text = malloc(n + 64);
    assert_non_null(text);
    int k = sprintf(text, "state A { region \"");
    memset(text + k, 'x', n);
    strcpy(text + k + n, "\"; }\n");
    P p;
    Program *prog = parse_file(&p, text);
    free(text);
    assert_int_equal(p.diag.errors, 1);
    assert_error_at(&p, "string is too long", 1, 18);
    assert_int_equal(prog->decls.n, 1);
    p_free(&p);
}

/* --------------------------------------------------------------- dates */

static Date founded_of(const char *date_text, P *p)
{
    char text[128];
    snprintf(text, sizeof text, "organisation O {\n  founded %s;\n}\n", date_text);
    Program *prog = parse_file(p, text);
    assert_non_null(prog);
    assert_int_equal(prog->decls.n, 1);
    assert_int_equal(prog->decls.items[0]->clauses.n, 1);
    return prog->decls.items[0]->clauses.items[0]->date;
}

static void test_dates_valid(void **state)
{
    (void)state;
    static const struct { const char *text; Date want; } ok[] = {
        {"2016-02-29", 20160229},     /* leap year */
        {"2000-02-29", 20000229},     /* divisible by 400 */
        {"1992-05-15", 19920515},
        {"1992", 19920101},           /* partial: first day of the year */
        {"2016-08", 20160801},        /* partial: first day of the month */
        {"2016-12-31", 20161231},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        P p;
        Date d = founded_of(ok[i].text, &p);
        assert_no_errors(&p);
        assert_int_equal(d, ok[i].want);
        p_free(&p);
    }
}

static void test_dates_invalid(void **state)
{
    (void)state;
    static const struct { const char *text; const char *why; } bad[] = {
        {"2016-02-30", "no such day"},
        {"2015-02-29", "leap"},
        {"1900-02-29", "leap"},       /* divisible by 100, not by 400 */
        {"2016-04-31", "no such day"},
        {"2016-13-01", "month"},
        {"2016-00", "month"},
        {"2016-01-00", "no such day"},
        {"0000", "year"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        P p;
        founded_of(bad[i].text, &p);
        if (p.diag.errors != 1) fail_msg("%s: %d errors", bad[i].text, p.diag.errors);
        char want[64];
        snprintf(want, sizeof want, "invalid date '%s'", bad[i].text);
        assert_error_at(&p, want, 2, 11);
        const Diagnostic *dg = find_diag(&p.diag, want);
        if (!strstr(dg->msg, bad[i].why)) fail_msg("%s: message \"%s\"", bad[i].text, dg->msg);
        assert_int_equal(loc_end_col(dg->loc), 11 + (int)strlen(bad[i].text) - 1);
        p_free(&p);
    }
}

static void test_date_parse_directly(void **state)
{
    (void)state;
    Date d = 0;
    const char *why = NULL;
    assert_int_equal(date_parse("2016-02-29", &d, &why), 0);
    assert_int_equal(d, 20160229);
    assert_int_equal(date_parse("1992", &d, &why), 0);
    assert_int_equal(d, 19920101);
    assert_int_equal(date_parse("2016-08", &d, &why), 0);
    assert_int_equal(d, 20160801);
    assert_int_equal(date_parse("2015-02-29", &d, &why), -1);
    assert_non_null(strstr(why, "leap"));
    assert_int_equal(date_parse("2016-02-30", &d, &why), -1);
    assert_int_equal(date_parse("16-02-03", &d, &why), -1);
    assert_int_equal(date_parse("2016/02/03", &d, &why), -1);
    assert_int_equal(date_parse("", &d, &why), -1);
    char buf[16];
    date_format(20160803, buf);
    assert_string_equal(buf, "2016-08-03");
    date_format(DATE_END, buf);
    assert_string_equal(buf, "end");
}

static void test_dates_in_expressions(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_query(&p, "eval 2016-02-29 < 2016-03");
    assert_no_errors(&p);
    const Expr *e = prog->queries.items[0]->expr;
    assert_int_equal(e->kind, EX_LT);
    assert_int_equal(e->a->kind, EX_DATE);
    assert_int_equal(e->a->date, 20160229);
    assert_int_equal(e->b->kind, EX_DATE);
    assert_int_equal(e->b->date, 20160301);
    p_free(&p);

    parse_query(&p, "eval 2015-02-29 < 2016-03-01");
    assert_int_equal(p.diag.errors, 1);
    assert_error_at(&p, "invalid date '2015-02-29'", 1, 6);
    p_free(&p);
}

/* ------------------------------------------------------- other tokens */

/* A large world is mostly clauses: each keeps only a name's room and a
 * pointer past its common part, the larger kinds' fields being apart. */
static void test_clause_keeps_its_large_fields_apart(void **state)
{
    (void)state;
    assert_true(sizeof(Clause) - offsetof(Clause, name) <= sizeof(Name) + sizeof(void *));
    assert_true(sizeof(Clause) - offsetof(Clause, names) <= sizeof(Name) + sizeof(void *));
}

static void test_numbers_percent_fraction(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_file(&p, "organisation O {\n"
                                   "  budget 12 thousand EUR { A 33.5%; }\n"
                                   "  decides by qualified_majority 3/4;\n"
                                   "}\n"
                                   "organisation Q { budget 7 KZT; decides by weighted by budget; }\n");
    assert_no_errors(&p);
    const Decl *o = prog->decls.items[0];
    assert_true(fabs(clause_at(o, 0)->budget->amount - 12000) < 1e-9);
    assert_string_equal(name_of(&p, clause_at(o, 0)->name), "EUR");
    assert_true(fabs(clause_at(o, 0)->budget->shares.items[0].pct - 33.5) < 1e-9);
    assert_loc(clause_at(o, 0)->budget->shares.items[0].loc, 2, 28, 2, 28);
    assert_int_equal(clause_at(o, 1)->decision->num, 3);
    assert_int_equal(clause_at(o, 1)->decision->den, 4);
    assert_loc(clause_at(o, 1)->decision->loc, 3, 14, 3, 35);
    const Decl *q = prog->decls.items[1];
    assert_true(fabs(clause_at(q, 0)->budget->amount - 7) < 1e-9);
    assert_int_equal(clause_at(q, 0)->budget->shares.n, 0);
    assert_int_equal(clause_at(q, 1)->decision->kind, DEC_WEIGHTED);
    assert_int_equal(clause_at(q, 1)->decision->has_threshold, 0);
    assert_true(fabs(clause_at(q, 1)->decision->threshold - 50) < 1e-9);
    p_free(&p);
}

static void test_bad_scale_and_fractions(void **state)
{
    (void)state;
    P p;
    parse_file(&p, "organisation O { budget 3 zillion USD; }\n"
                   "organisation Q { decides by qualified_majority 3/2; }\n"
                   "organisation R { decides by weighted by budget threshold 0%; }\n");
    assert_int_equal(p.diag.errors, 3);
    assert_error_at(&p, "unknown scale 'zillion'", 1, 27);
    assert_error_at(&p, "qualified majority", 2, 29);
    assert_error_at(&p, "threshold", 3, 58);
    p_free(&p);
}

static void test_bad_characters(void **state)
{
    (void)state;
    P p;
    parse_file(&p, "state A;\nstate 1abc;\nstate B { region 'x'; }\nstate C $;\n");
    assert_error_at(&p, "cannot start with a digit", 2, 7);
    assert_error_at(&p, "double quotes", 3, 18);
    assert_error_at(&p, "unexpected character '$'", 4, 9);
    p_free(&p);
}

/* A number or a date cut short is the number or date it starts with, and a
 * quote never closed is one error at the quote: the rest is scanned again,
 * with its own columns. */
static void test_tokens_cut_short(void **state)
{
    (void)state;
    P p;
    parse_file(&p, "state A { region 'x; }\nstate B { founded 1815-0; }\nstate C { founded 1815-01-; }\n"
                   "state D { founded 12.; }\nstate E { region '");
    assert_error_at(&p, "double quotes", 1, 18);
    assert_loc(find_diag(&p.diag, "double quotes")->loc, 1, 18, 1, 18);
    assert_error_at(&p, "expected string before name", 1, 19);
    assert_error_at(&p, "expected in or ';' before '-'", 2, 23);
    assert_int_equal(loc_line(nth_diag(&p.diag, DIAG_ERROR, 3)->loc), 3);
    assert_int_equal(loc_col(nth_diag(&p.diag, DIAG_ERROR, 3)->loc), 26);
    assert_error_at(&p, "invalid date '12'", 4, 19);
    assert_loc(find_diag(&p.diag, "invalid date '12'")->loc, 4, 19, 4, 20);
    assert_error_at(&p, "expected in or ';' before '.'", 4, 21);
    assert_int_equal(loc_line(nth_diag(&p.diag, DIAG_ERROR, 6)->loc), 5);
    assert_int_equal(loc_col(nth_diag(&p.diag, DIAG_ERROR, 6)->loc), 18);
    assert_error_at(&p, "expected string before end of file", 5, 19);
    assert_int_equal(p.diag.errors, 8);
    p_free(&p);
}

/* The scanner reads the text a piece at a time (16 KB or so): tokens that
 * straddle two pieces, a long comment and a long string among them, keep
 * their lines and columns. */
static void test_locations_across_pieces(void **state)
{
    (void)state;
    enum { LONG = 40000 };
    char *text = malloc(3 * LONG);
    assert_non_null(text);
    size_t n = 0;
    n += (size_t)sprintf(text + n, "state A;\n# ");
    memset(text + n, 'c', LONG);
    n += LONG;
    n += (size_t)sprintf(text + n, "\nstate B \"");
    memset(text + n, 's', LONG);
    n += LONG;
    n += (size_t)sprintf(text + n, "\";\n");
    for (int i = 0; i < 3000; i++) n += (size_t)sprintf(text + n, "state S%d;\n", i);
    n += (size_t)sprintf(text + n, "state C $;\n");
    P p;
    parse_n(&p, text, n, PARSE_FILE, 0);
    assert_error_at(&p, "unexpected character '$'", 3004, 9);
    assert_int_equal(p.diag.errors, 1);
    assert_loc(p.prog->decls.items[1]->loc, 3, 1, 3, LONG + 11);    /* the ";" */
    assert_loc(p.prog->decls.items[1 + 3000]->loc, 3003, 1, 3003, 12);
    p_free(&p);
    free(text);
}

static void test_keywords_are_lowercase_and_reserved(void **state)
{
    (void)state;
    P p;
    /* `State` is a name, not the keyword; `member` is reserved and cannot name a state */
    parse_file(&p, "State A;\nstate member;\nstate B;\n");
    assert_int_equal(p.diag.errors, 2);
    assert_int_equal(loc_line(nth_diag(&p.diag, DIAG_ERROR, 0)->loc), 1);
    assert_int_equal(loc_line(nth_diag(&p.diag, DIAG_ERROR, 1)->loc), 2);
    assert_int_equal(loc_col(nth_diag(&p.diag, DIAG_ERROR, 1)->loc), 7);
    /* the good declaration is kept */
    int n = 0;
    for (int i = 0; i < p.prog->decls.n; i++) n += p.prog->decls.items[i] != NULL;
    assert_int_equal(n, 1);
    assert_string_equal(name_of(&p, p.prog->decls.items[p.prog->decls.n - 1]->name), "B");
    p_free(&p);
}

static void test_crlf_and_tabs(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_file(&p, "state A;\r\n\tstate B;\r\n");
    assert_no_errors(&p);
    assert_int_equal(prog->decls.n, 2);
    assert_int_equal(loc_line(prog->decls.items[1]->loc), 2);
    assert_int_equal(loc_col(prog->decls.items[1]->loc), 2);     /* byte columns: a tab is one */
    p_free(&p);
}

static void test_every_keyword_is_reserved(void **state)
{
    (void)state;
    /* the list in docs/language.md, section 2, without the REPL's commands
     * (diff, load, reset, show, undo, why), whose status outside the REPL is
     * not settled here */
    static const char *const words[] = {
        "abstain", "actor", "admission", "adopt", "against", "aid", "all", "and", "as", "at",
        "attack", "based_in", "because", "borders", "budget", "by", "can", "check", "consensus",
        "consent", "constraint", "consult", "decides", "defend", "dissolved", "does",
        "eval", "except", "exclusive", "expect", "false", "for", "founded", "from", "import", "in",
        "in_force", "initiator", "intervention", "is", "join", "joins", "kind", "leaves",
        "majority", "member", "members", "must", "no", "not", "objection", "objections",
        "observer", "observers", "of", "on", "or", "organisation", "organisations",
        "organization", "organizations", "owe", "owes", "partner", "partners", "principle", "purpose",
        "qualified_majority", "query", "region", "require", "rule", "scenario",
        "since", "some", "state", "suppose", "suspend", "suspends", "tags", "threshold", "to", "true", "unanimity",
        "until", "violations", "votes", "weighted", "who", "with", "yes",
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "state %s;\n", words[i]);
        P p;
        parse_file(&p, text);
        if (p.diag.errors < 1) fail_msg("'%s' is accepted as a name", words[i]);
        assert_int_equal(loc_col(nth_diag(&p.diag, DIAG_ERROR, 0)->loc), 7);
        p_free(&p);
    }
    /* words with a meaning only in some places are ordinary names */
    static const char *const names[] = {
        "applicant", "org", "name", "thousand", "million", "billion", "conditional", "passes",
        "fails", "clean", "violated", "requirement", "no_rule", "already", "not_founded", "veto",
        "count", "weight", "State", "MEMBER", "members_", "_state", "x", "yes2",
        "defence", "defense", "offence", "offense", "neutrality", "non_aggression", "consultation",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "state %s;\n", names[i]);
        P p;
        Program *prog = parse_file(&p, text);
        if (p.diag.errors) fail_msg("'%s' is rejected as a name", names[i]);
        assert_string_equal(name_of(&p, prog->decls.items[0]->name), names[i]);
        p_free(&p);
    }
}

static void test_length_limits(void **state)
{
    (void)state;
    char name[PARSE_MAX_NAME + 2];
    char text[PARSE_MAX_NAME + 64];
    /* a name of exactly the limit is fine, one byte more is not */
    memset(name, 'n', PARSE_MAX_NAME);
    name[PARSE_MAX_NAME] = '\0';
    snprintf(text, sizeof text, "state %s;\n", name);
    P p;
    parse_file(&p, text);
    assert_no_errors(&p);
    p_free(&p);
    memset(name, 'n', PARSE_MAX_NAME + 1);
    name[PARSE_MAX_NAME + 1] = '\0';
    snprintf(text, sizeof text, "state %s;\n", name);
    parse_file(&p, text);
    assert_int_equal(p.diag.errors, 1);
    assert_error_at(&p, "name is too long", 1, 7);
    p_free(&p);
    /* numbers: at most 30 digits */
    parse_query(&p, "eval 123456789012345678901234567890 > 1");
    assert_no_errors(&p);
    p_free(&p);
    parse_query(&p, "eval 1234567890123456789012345678901 > 1");
    assert_int_equal(p.diag.errors, 1);
    assert_error_at(&p, "number is too long", 1, 6);
    p_free(&p);
}

static void test_block_is_not_followed_by_semicolon(void **state)
{
    (void)state;
    P p;
    parse_file(&p, "state A { region \"x\"; };\nstate B;\n");
    assert_int_equal(p.diag.errors, 1);
    assert_error_at(&p, "';'", 1, 24);
    p_free(&p);
}

/* ---------------------------------------------------------- expressions */

static void test_expression_precedence(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_query(&p, "eval not A in {B, C} and x.region == \"y\" or all m in members(O): m is state");
    assert_no_errors(&p);
    const Expr *e = prog->queries.items[0]->expr;
    assert_int_equal(e->kind, EX_OR);
    assert_int_equal(e->a->kind, EX_AND);
    assert_int_equal(e->a->a->kind, EX_NOT);
    assert_int_equal(e->a->a->a->kind, EX_IN);
    assert_int_equal(e->a->a->a->b->kind, EX_SET);
    assert_int_equal(e->a->a->a->b->args.n, 2);
    assert_int_equal(e->a->b->kind, EX_EQ);
    assert_int_equal(e->a->b->a->kind, EX_ATTR);
    assert_string_equal(name_of(&p, e->a->b->a->name), "region");
    assert_int_equal(e->b->kind, EX_ALL);
    assert_int_equal(e->b->a->kind, EX_CALL);
    assert_string_equal(name_of(&p, e->b->a->name), "members");
    assert_int_equal(e->b->b->kind, EX_IS);
    assert_int_equal(e->b->b->is_what, IS_STATE);
    /* locations of sub-expressions */
    assert_loc(e->loc, 1, 6, 1, 75);
    assert_loc(e->a->a->a->b->loc, 1, 15, 1, 20);
    p_free(&p);
}

static void test_expression_literals(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_query(&p, "eval {1, 2.5, \"s\", true, false, kind military_alliance, O.founded, {}}");
    assert_no_errors(&p);
    const Expr *s = prog->queries.items[0]->expr;
    assert_int_equal(s->kind, EX_SET);
    assert_int_equal(s->args.n, 8);
    assert_int_equal(s->args.items[0]->kind, EX_NUM);
    assert_true(fabs(s->args.items[1]->num - 2.5) < 1e-12);
    assert_int_equal(s->args.items[2]->kind, EX_STR);
    assert_int_equal(s->args.items[3]->kind, EX_BOOL);
    assert_true(s->args.items[3]->num == 1);
    assert_true(s->args.items[4]->num == 0);
    assert_int_equal(s->args.items[5]->kind, EX_KIND);
    assert_string_equal(name_of(&p, s->args.items[5]->name), "military_alliance");
    assert_int_equal(s->args.items[6]->kind, EX_ATTR);
    assert_string_equal(name_of(&p, s->args.items[6]->name), "founded");
    assert_int_equal(s->args.items[7]->kind, EX_SET);
    assert_int_equal(s->args.items[7]->args.n, 0);
    p_free(&p);
}

static void test_comparisons_do_not_chain(void **state)
{
    (void)state;
    P p;
    parse_query(&p, "eval 1 < 2 < 3");
    assert_true(p.diag.errors >= 1);
    assert_int_equal(loc_col(nth_diag(&p.diag, DIAG_ERROR, 0)->loc), 12);
    p_free(&p);
}

/* --------------------------------------------------------- error recovery */

static void test_three_independent_errors(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_file(&p,
        "state A;\n"                                       /* 1 */
        "state B {\n"                                      /* 2 */
        "  region 5;\n"                                    /* 3: a number, not a string */
        "}\n"                                              /* 4 */
        "state C { borders ; }\n"                          /* 5: a name is missing */
        "state D;\n"                                       /* 6 */
        "organisation O { member A since 2016-02-30; }\n"  /* 7: no such day */
        "state E;\n");                                     /* 8 */
    assert_int_equal(p.diag.errors, 3);
    assert_int_equal(p.diag.n, 3);
    assert_int_equal(p.diag.stopped, 0);
    const Diagnostic *e0 = nth_diag(&p.diag, DIAG_ERROR, 0);
    const Diagnostic *e1 = nth_diag(&p.diag, DIAG_ERROR, 1);
    const Diagnostic *e2 = nth_diag(&p.diag, DIAG_ERROR, 2);
    assert_int_equal(loc_line(e0->loc), 3);
    assert_int_equal(loc_col(e0->loc), 10);
    assert_non_null(strstr(e0->msg, "string"));
    assert_int_equal(loc_line(e1->loc), 5);
    assert_int_equal(loc_col(e1->loc), 19);
    assert_non_null(strstr(e1->msg, "name"));
    assert_int_equal(loc_line(e2->loc), 7);
    assert_int_equal(loc_col(e2->loc), 33);
    assert_non_null(strstr(e2->msg, "2016-02-30"));
    /* every declaration around the mistakes is still there */
    const char *want[] = { "A", "B", "C", "D", "O", "E" };
    int seen = 0;
    for (int i = 0; i < prog->decls.n; i++) {
        const Decl *d = prog->decls.items[i];
        if (d && seen < 6 && strcmp(name_of(&p, d->name), want[seen]) == 0) seen++;
    }
    assert_int_equal(seen, 6);
    p_free(&p);
}

static void test_errors_inside_blocks_recover(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_file(&p,
        "state A;\n"                                   /* 1 */
        "organisation O {\n"                           /* 2 */
        "  admission {\n"                              /* 3 */
        "    require applicant is ;\n"                 /* 4: is what? */
        "    require consent of members;\n"            /* 5 */
        "  }\n"                                        /* 6 */
        "  budget 5 USD { A 10; }\n"                   /* 7: a share needs '%' */
        "  member A;\n"                                /* 8 */
        "}\n"                                          /* 9 */
        "scenario \"s\" {\n"                           /* 10 */
        "  expect can A join == yes;\n"                /* 11: no organisation */
        "  at 2016-02-30;\n"                           /* 12: no such day */
        "  query members of O;\n"                      /* 13 */
        "}\n");
    assert_int_equal(p.diag.errors, 4);
    static const int where[4][2] = { {4, 26}, {7, 22}, {11, 21}, {12, 6} };
    for (int i = 0; i < 4; i++) {
        const Diagnostic *dg = nth_diag(&p.diag, DIAG_ERROR, i);
        if (loc_line(dg->loc) != where[i][0] || loc_col(dg->loc) != where[i][1])
            fail_msg("error %d at %d:%d, expected %d:%d (%s)", i, loc_line(dg->loc), loc_col(dg->loc),
                     where[i][0], where[i][1], dg->msg);
    }
    assert_non_null(strstr(nth_diag(&p.diag, DIAG_ERROR, 1)->msg, "'%'"));
    /* what follows each mistake is kept */
    assert_int_equal(prog->decls.n, 3);
    const Decl *o = prog->decls.items[1];
    const Clause *adm = clause_at(o, 0);
    assert_int_equal(adm->kind, CL_ADMISSION);
    assert_int_equal(adm->reqs.n, 1);
    assert_int_equal(adm->reqs.items[0].kind, REQ_CONSENT);
    assert_int_equal(clause_at(o, 1)->kind, CL_BUDGET);
    assert_int_equal(clause_at(o, 1)->budget->shares.n, 0);
    assert_int_equal(clause_at(o, 2)->kind, CL_ROLE);
    const Decl *sc = prog->decls.items[2];
    assert_int_equal(sc->items.n, 2);
    assert_int_equal(sc->items.items[0]->kind, SI_AT);
    assert_int_equal(sc->items.items[1]->kind, SI_QUERY);
    assert_int_equal(sc->items.items[1]->query->kind, Q_MEMBERS);
    p_free(&p);
}

static void test_errors_at_top_level_recover(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_file(&p,
        "stat A;\n"                          /* 1: misspelt keyword */
        "state B;\n"
        "organisation O { member B }\n"      /* 3: missing ';' before '}' */
        "state C;\n"
        "rule r(x) = ;\n"                    /* 5: missing expression */
        "state D;\n");
    assert_int_equal(p.diag.errors, 3);
    assert_int_equal(loc_line(nth_diag(&p.diag, DIAG_ERROR, 0)->loc), 1);
    assert_int_equal(loc_col(nth_diag(&p.diag, DIAG_ERROR, 0)->loc), 1);
    assert_int_equal(loc_line(nth_diag(&p.diag, DIAG_ERROR, 1)->loc), 3);
    assert_int_equal(loc_col(nth_diag(&p.diag, DIAG_ERROR, 1)->loc), 27);
    assert_non_null(strstr(nth_diag(&p.diag, DIAG_ERROR, 1)->msg, "'}'"));
    assert_int_equal(loc_line(nth_diag(&p.diag, DIAG_ERROR, 2)->loc), 5);
    assert_int_equal(loc_col(nth_diag(&p.diag, DIAG_ERROR, 2)->loc), 13);
    int states = 0;
    for (int i = 0; i < prog->decls.n; i++)
        if (prog->decls.items[i] && prog->decls.items[i]->kind == D_STATE) states++;
    assert_int_equal(states, 3);
    p_free(&p);
}

static void test_error_cap_stops_parsing(void **state)
{
    (void)state;
    P p;
    /* six bad clauses, one per line; the cap is three */
    parse_n(&p,
            "state A { region 1; }\n"
            "state B { region 2; }\n"
            "state C { region 3; }\n"
            "state D { region 4; }\n"
            "state E { region 5; }\n"
            "state F { region 6; }\n",
            strlen("state A { region 1; }\n") * 6, PARSE_FILE, 3);
    assert_int_equal(p.diag.max_errors, 3);
    assert_int_equal(p.diag.errors, 3);
    assert_int_equal(p.diag.stopped, 1);
    assert_int_equal(p.diag.n, 4);
    for (int i = 0; i < 3; i++) assert_int_equal(loc_line(p.diag.items[i].loc), i + 1);
    assert_int_equal(p.diag.items[3].level, DIAG_ERROR);
    assert_non_null(strstr(p.diag.items[3].msg, "too many errors"));
    assert_non_null(strstr(p.diag.items[3].msg, "3"));
    assert_null(p.diag.items[3].loc.src);
    /* nothing more is collected once stopped */
    diag_error(&p.diag, p.diag.items[0].loc, "late");
    diag_warning(&p.diag, p.diag.items[0].loc, "late");
    assert_int_equal(p.diag.n, 4);
    p_free(&p);
}

static void test_default_error_cap(void **state)
{
    (void)state;
    Diag d;
    diag_init(&d, NULL, 0);
    assert_int_equal(d.max_errors, DIAG_DEFAULT_MAX_ERRORS);
    Loc none;
    memset(&none, 0, sizeof none);
    for (int i = 0; i < DIAG_DEFAULT_MAX_ERRORS + 5; i++) diag_error(&d, none, "error %d", i);
    assert_int_equal(d.errors, DIAG_DEFAULT_MAX_ERRORS);
    assert_int_equal(d.stopped, 1);
    assert_int_equal(d.n, DIAG_DEFAULT_MAX_ERRORS + 1);
    assert_string_equal(d.items[0].msg, "error 0");
    diag_free(&d);
}

/* ----------------------------------------------------------- query mode */

static void test_queries_in_query_mode(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_query(&p,
        "can Russia join QCCM as observer at 2016-08-04;\n"
        "who must defend Tajikistan against IMT\n"
        "who must consult Pakistan at 2017\n"
        "violations; check at 2016-09-01\n"
        "members of SCO at 2016-01-01; observers of SCO; partners of SCO\n"
        "organisations of Pakistan\n"
        "eval count(members(QCCM)) at 2016-08\n"
        "obligations of Russia; obligations of USA kind defence at 1990\n"
        "obligations to JPN kind defence\n");
    assert_no_errors(&p);
    assert_int_equal(prog->decls.n, 0);
    assert_int_equal(prog->queries.n, 13);
    Query *const *q = prog->queries.items;

    assert_int_equal(q[0]->kind, Q_CAN_JOIN);
    assert_string_equal(name_of(&p, q[0]->x), "Russia");
    assert_string_equal(name_of(&p, q[0]->y), "QCCM");
    assert_int_equal(q[0]->role, ROLE_OBSERVER);
    assert_int_equal(q[0]->has_at, 1);
    assert_int_equal(q[0]->at, 20160804);
    assert_string_equal(q[0]->text, "can Russia join QCCM as observer at 2016-08-04");
    assert_loc(q[0]->loc, 1, 1, 1, 46);
    assert_loc(q[0]->x.loc, 1, 5, 1, 10);

    assert_int_equal(q[1]->kind, Q_WHO_DEFEND);
    assert_string_equal(name_of(&p, q[1]->x), "Tajikistan");
    assert_string_equal(name_of(&p, q[1]->against), "IMT");
    assert_int_equal(q[1]->has_at, 0);
    assert_int_equal(loc_line(q[1]->loc), 2);

    assert_int_equal(q[2]->kind, Q_WHO_CONSULT);
    assert_int_equal(q[2]->against.sym, SYM_NONE);
    assert_int_equal(q[2]->at, 20170101);

    assert_int_equal(q[3]->kind, Q_VIOLATIONS);
    assert_int_equal(q[4]->kind, Q_CHECK);
    assert_int_equal(q[4]->at, 20160901);
    assert_int_equal(q[5]->kind, Q_MEMBERS);
    assert_int_equal(q[5]->role, ROLE_MEMBER);
    assert_int_equal(q[6]->role, ROLE_OBSERVER);
    assert_int_equal(q[7]->role, ROLE_PARTNER);
    assert_int_equal(q[8]->kind, Q_ORGS_OF);
    assert_string_equal(name_of(&p, q[8]->x), "Pakistan");
    assert_int_equal(q[9]->kind, Q_EVAL);
    assert_int_equal(q[9]->expr->kind, EX_CALL);
    assert_int_equal(q[9]->at, 20160801);
    assert_int_equal(loc_line(q[9]->loc), 7);
    assert_int_equal(q[10]->kind, Q_OBLIGATIONS_OF);
    assert_string_equal(name_of(&p, q[10]->x), "Russia");
    assert_int_equal(q[10]->kind_name.sym, SYM_NONE);
    assert_int_equal(q[11]->kind, Q_OBLIGATIONS_OF);
    assert_string_equal(name_of(&p, q[11]->kind_name), "defence");
    assert_loc(q[11]->kind_name.loc, 8, 48, 8, 54);
    assert_int_equal(q[11]->at, 19900101);
    assert_string_equal(q[11]->text, "obligations of USA kind defence at 1990");
    assert_int_equal(q[12]->kind, Q_OBLIGATIONS_TO);
    assert_string_equal(name_of(&p, q[12]->x), "JPN");
    assert_string_equal(name_of(&p, q[12]->kind_name), "defence");
    p_free(&p);
}

static void test_vote_queries(void **state)
{
    (void)state;
    P p;
    Program *prog = parse_query(&p,
        "does QCCM adopt \"exercise\" with objections from Afghanistan, Pakistan\n"
        "does CSTO adopt \"X\" with votes yes Russia no Armenia, Belarus abstain Kazakhstan at 2017\n");
    assert_no_errors(&p);
    assert_int_equal(prog->queries.n, 2);
    const Query *a = prog->queries.items[0], *b = prog->queries.items[1];
    assert_int_equal(a->kind, Q_ADOPT);
    assert_string_equal(a->motion, "exercise");
    assert_int_equal(a->objections.n, 2);
    assert_string_equal(name_of(&p, a->objections.items[1]), "Pakistan");
    assert_int_equal(a->has_votes, 0);
    assert_int_equal(b->has_votes, 1);
    assert_int_equal(b->yes.n, 1);
    assert_int_equal(b->no.n, 2);
    assert_int_equal(b->abstain.n, 1);
    assert_string_equal(name_of(&p, b->abstain.items[0]), "Kazakhstan");
    assert_int_equal(b->at, 20170101);
    p_free(&p);
}

static void test_query_mode_rejects_declarations(void **state)
{
    (void)state;
    P p;
    parse_query(&p, "state A;");
    assert_true(p.diag.errors >= 1);
    assert_int_equal(loc_line(nth_diag(&p.diag, DIAG_ERROR, 0)->loc), 1);
    assert_int_equal(loc_col(nth_diag(&p.diag, DIAG_ERROR, 0)->loc), 1);
    p_free(&p);

    parse_query(&p, "");
    assert_true(p.diag.errors >= 1);
    p_free(&p);

    parse_query(&p, "can Russia join");
    assert_true(p.diag.errors >= 1);
    assert_non_null(find_diag(&p.diag, "end of file"));
    p_free(&p);
}

static void test_query_mode_invalid_date(void **state)
{
    (void)state;
    P p;
    parse_query(&p, "members of SCO at 2015-02-29");
    assert_int_equal(p.diag.errors, 1);
    assert_error_at(&p, "invalid date", 1, 19);
    p_free(&p);
}

/* ------------------------------------------------- undefined behaviour */

/* A numerator or denominator beyond INT_MAX is an ordinary error.  (Found
 * against 0f5c66d: the check converted the numbers to int before their range
 * check, undefined behaviour that UBSan stops on with "1e+10 is outside the
 * range of representable values of type 'int'"; fixed in c06c399.)  The parse
 * runs in a child process, so that a sanitizer's abort fails this test only. */
static int huge_fraction_is_an_error(const char *text)
{
    P p;
    parse_file(&p, text);
    const Diagnostic *dg = find_diag(&p.diag, "qualified majority");
    int ok = p.diag.errors == 1 && dg && loc_line(dg->loc) == 1 && loc_col(dg->loc) == 29;
    p_free(&p);
    return ok;
}

static void test_qualified_majority_huge_numbers(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "organisation O { decides by qualified_majority 1/10000000000; }\n",
        "organisation O { decides by qualified_majority 100000000000000000000/200000000000000000000; }\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) _exit(huge_fraction_is_an_error(texts[i]) ? 0 : 3);
        int status = 0;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            fail_msg("%s: the child %s %d (3: wrong diagnostics; other: the sanitizer stopped it)",
                     texts[i], WIFEXITED(status) ? "exited with" : "died of signal",
                     WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
    }
}


/* The span from line:col to end_line:end_col of src. */
static Loc at(const Source *src, int line, int col, int end_line, int end_col)
{
    Loc l = { src, (uint32_t)source_offset(src, line, col), (uint32_t)source_offset(src, end_line, end_col) };
    assert_int_equal(loc_line(l), line);
    assert_int_equal(loc_end_col(l), end_col);
    return l;
}

/* A span keeps offsets; its lines and columns are worked out from them:
 * a newline is on the line it ends, the end of the text on the last line,
 * and a span with no source is nowhere. */
static void test_loc_lines_from_offsets(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    Source *src = source_new(&a, "t.treaty", "ab\n\ncd", 7);   /* lines start at 0, 3 and 4 */
    const int want[][2] = { { 1, 1 }, { 1, 2 }, { 1, 3 }, { 2, 1 }, { 3, 1 }, { 3, 2 }, { 3, 3 }, { 3, 4 } };
    for (uint32_t off = 0; off <= 7; off++) {
        Loc l = { src, off, off };
        assert_int_equal(loc_line(l), want[off][0]);
        assert_int_equal(loc_col(l), want[off][1]);
        assert_int_equal(source_offset(src, want[off][0], want[off][1]), off);
    }
    Loc span = { src, 1, 5 };
    assert_int_equal(loc_end_line(span), 3);
    assert_int_equal(loc_end_col(span), 2);
    src->line_base = 10;                       /* a REPL entry after ten lines */
    assert_int_equal(loc_shown_line(span), 11);
    Loc nowhere;
    memset(&nowhere, 0, sizeof nowhere);
    assert_int_equal(loc_line(nowhere), 0);
    assert_int_equal(loc_col(nowhere), 0);
    assert_int_equal(loc_shown_line(nowhere), 0);
    Source *empty = source_new(&a, "e.treaty", "", 0);
    Loc start = { empty, 0, 0 };
    assert_int_equal(loc_line(start), 1);
    assert_int_equal(loc_col(start), 1);
    arena_free(&a);
}

/* loc_text(): a span's text with every run of white space (newlines, tabs,
 * spaces) made one space, none at either end; other bytes as they are. */
static void test_loc_text_folds_white_space(void **state)
{
    (void)state;
    static const char text[] = "  who must\n\t defend   A\r\n  at 2016-01-01 \x01x  \n";
    Arena a;
    arena_init(&a);
    Source *src = source_new(&a, "t.treaty", text, sizeof text - 1);
    Loc all = at(src, 1, 1, 3, 21);                 /* from the first byte to the last of the line 3 */
    assert_string_equal(loc_text(&a, all), "who must defend A at 2016-01-01 \x01x");
    Loc inner = at(src, 1, 3, 2, 4);                /* "who must\n\t de" */
    assert_string_equal(loc_text(&a, inner), "who must de");
    Loc one = at(src, 2, 2, 2, 2);                  /* a single space */
    assert_string_equal(loc_text(&a, one), "");
    Loc bad = { src, sizeof text + 8, sizeof text + 9 };   /* past the end */
    assert_string_equal(loc_text(&a, bad), "");
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_state_decls_and_locations),
        cmocka_unit_test(test_loc_text_folds_white_space),
        cmocka_unit_test(test_state_list_declares_several),
        cmocka_unit_test(test_names_are_interned_once),
        cmocka_unit_test(test_organisation_clauses),
        cmocka_unit_test(test_obligation_clauses),
        cmocka_unit_test(test_principle_periods),
        cmocka_unit_test(test_suspension_clauses),
        cmocka_unit_test(test_exception_clauses),
        cmocka_unit_test(test_actor_rule_constraint_scenario),
        cmocka_unit_test(test_comments_are_skipped),
        cmocka_unit_test(test_comment_only_file_is_an_error),
        cmocka_unit_test(test_string_escapes),
        cmocka_unit_test(test_unknown_escape_is_reported),
        cmocka_unit_test(test_valid_utf8_strings),
        cmocka_unit_test(test_invalid_utf8_in_strings_is_reported),
        cmocka_unit_test(test_non_ascii_outside_string),
        cmocka_unit_test(test_nul_byte_in_string),
        cmocka_unit_test(test_nul_byte_outside_string),
        cmocka_unit_test(test_unterminated_string_at_end_of_line),
        cmocka_unit_test(test_unterminated_string_at_end_of_file),
        cmocka_unit_test(test_string_too_long),
        cmocka_unit_test(test_dates_valid),
        cmocka_unit_test(test_dates_invalid),
        cmocka_unit_test(test_date_parse_directly),
        cmocka_unit_test(test_dates_in_expressions),
        cmocka_unit_test(test_clause_keeps_its_large_fields_apart),
        cmocka_unit_test(test_loc_lines_from_offsets),
        cmocka_unit_test(test_numbers_percent_fraction),
        cmocka_unit_test(test_bad_scale_and_fractions),
        cmocka_unit_test(test_bad_characters),
        cmocka_unit_test(test_tokens_cut_short),
        cmocka_unit_test(test_locations_across_pieces),
        cmocka_unit_test(test_keywords_are_lowercase_and_reserved),
        cmocka_unit_test(test_crlf_and_tabs),
        cmocka_unit_test(test_every_keyword_is_reserved),
        cmocka_unit_test(test_length_limits),
        cmocka_unit_test(test_block_is_not_followed_by_semicolon),
        cmocka_unit_test(test_expression_precedence),
        cmocka_unit_test(test_expression_literals),
        cmocka_unit_test(test_comparisons_do_not_chain),
        cmocka_unit_test(test_three_independent_errors),
        cmocka_unit_test(test_errors_at_top_level_recover),
        cmocka_unit_test(test_errors_inside_blocks_recover),
        cmocka_unit_test(test_error_cap_stops_parsing),
        cmocka_unit_test(test_default_error_cap),
        cmocka_unit_test(test_queries_in_query_mode),
        cmocka_unit_test(test_vote_queries),
        cmocka_unit_test(test_query_mode_rejects_declarations),
        cmocka_unit_test(test_query_mode_invalid_date),
        cmocka_unit_test(test_qualified_majority_huge_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
