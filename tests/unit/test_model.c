/* test_model.c — loading small worlds with load_world_text(): entities,
 * memberships and their indexes, the checks that reject a world (all or
 * nothing), membership lookups at dates, and the what-if overlay.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "treaty.h"
#include "fixture.h"
#include "whatif.h"
#include "export.h"

/* ------------------------------------------------------------------ helpers */

typedef T W;

/* Loads `text`; the caller checks the outcome. */
static World *w_load(W *t, const char *text)
{
    t_try_load(t, text, 20160101);
    if (getenv("TREATY_UNIT_VERBOSE")) dump_diags(&t->diag);
    return t->w;
}

/* Loads `text`, which must be a valid world. */
static World *w_ok(W *t, const char *text) { return t_load_at(t, text, 20160101); }

static void w_free(W *t) { t_free(t); }

/* What an obligation says, made in its world's arena. */
static const char *obl_text(World *w, const Obligation *ob) { return obligation_text(w, ob, &w->arena); }

static const Diagnostic *find_diag(const Diag *d, DiagLevel level, const char *sub)
{
    for (int k = 0; k < d->n; k++)
        if (d->items[k].level == level && strstr(d->items[k].msg, sub)) return &d->items[k];
    return NULL;
}

/* The world must have been rejected with an error containing `sub` at (line, col). */
static const Diagnostic *assert_rejected(const W *t, const char *sub, int line, int col)
{
    assert_null(t->lr.world);
    assert_non_null(t->lr.failed);
    assert_true(t->diag.errors >= 1);
    const Diagnostic *dg = find_diag(&t->diag, DIAG_ERROR, sub);
    if (!dg) {
        dump_diags(&t->diag);
        fail_msg("no error containing \"%s\"", sub);
    }
    if (loc_line(dg->loc) != line || loc_col(dg->loc) != col) {
        dump_diags(&t->diag);
        fail_msg("\"%s\" at %d:%d, expected %d:%d", sub, loc_line(dg->loc), loc_col(dg->loc), line, col);
    }
    return dg;
}

static EntId id_of(const World *w, const char *name)
{
    EntId id = world_find_name(w, name);
    if (!id) fail_msg("'%s' is not in the world", name);
    return id;
}

static Ctx ctx_at(W *t, Date d, int with_overlay)
{
    Ctx c;
    memset(&c, 0, sizeof c);
    c.w = t->w;
    c.ov = with_overlay ? &t->ov : NULL;
    c.date = d;
    c.diag = &t->diag;
    c.scratch = &t->scratch;
    return c;
}

static Role role_at(W *t, const char *who, const char *org, Date d)
{
    Ctx c = ctx_at(t, d, 1);
    return role_of(&c, id_of(t->w, who), id_of(t->w, org), NULL);
}

/* "A, B, C" for an EntList, for comparisons. */
static const char *names(W *t, const EntList *l)
{
    size_t cap = 1;
    for (int i = 0; i < l->n; i++) cap += strlen(ent_name(t->w, l->items[i])) + 2;
    char *s = arena_alloc(&t->scratch, cap);
    for (int i = 0; i < l->n; i++) {
        if (i) strcat(s, ", ");
        strcat(s, ent_name(t->w, l->items[i]));
    }
    return s;
}

static const char *holders(W *t, const char *org, Role role, Date d)
{
    Ctx c = ctx_at(t, d, 1);
    EntList l = { 0 };
    holders_of(&c, id_of(t->w, org), role, &l);
    return names(t, &l);
}

static const char *held(W *t, const char *who, Role role, Date d)
{
    Ctx c = ctx_at(t, d, 1);
    EntList l = { 0 };
    orgs_held(&c, id_of(t->w, who), role, &l);
    return names(t, &l);
}

static Supp supp(SupKind k, EntId a, EntId b, Role role, Sym kind_sym)
{
    Supp s;
    memset(&s, 0, sizeof s);
    s.kind = k;
    s.a = a;
    s.b = b;
    s.role = role;
    s.kind_sym = kind_sym;
    return s;
}

static const char *const CSTO_WORLD =
    "state Russia, Armenia, Kazakhstan, Tajikistan, Kyrgyzstan, Belarus;\n"        /* 1 */
    "state Uzbekistan { region \"Central Asia\"; borders Kazakhstan, Tajikistan; }\n"
    "state Afghanistan, Serbia, China;\n"
    "organisation CSTO \"Collective Security Treaty Organization\" {\n"           /* 4 */
    "  kind military_alliance;\n"
    "  founded 1992-05-15 in \"Tashkent\";\n"
    "  decides by unanimity;\n"
    "  member Russia, Armenia, Kazakhstan, Tajikistan, Kyrgyzstan since 1992-05-15;\n" /* 8 */
    "  member Uzbekistan from 1992-05-15 until 1999-04-02;\n"                     /* 9 */
    "  member Uzbekistan from 2006-08-16 until 2012-12-20;\n"                     /* 10 */
    "  member Belarus since 1993-12-31;\n"                                        /* 11 */
    "  observer Afghanistan, Serbia since 2013;\n"                                /* 12 */
    "  principle collective_defence;\n"
    "  principle exclusive military_alliance;\n"
    "  budget 4.5 million USD { Russia 95%; }\n"
    "}\n"
    "organisation SCO {\n"                                                        /* 17 */
    "  kind regional_forum;\n"
    "  founded 2001-06-15;\n"
    "  member China, Russia, Kazakhstan, Kyrgyzstan, Tajikistan, Uzbekistan since 2001-06-15;\n"
    "  partner Armenia since 2015;\n"
    "  observer Afghanistan since 2012;\n"
    "}\n";

/* ------------------------------------------------------ entities and names */

static void test_entities_found_by_name(void **state)
{
    (void)state;
    W t;
    World *w = w_ok(&t,
        "state Tajikistan \"Republic of Tajikistan\" { region \"Central Asia\"; borders Afghanistan, China; "
        "tags \"landlocked\", \"post-soviet\"; }\n"
        "state Afghanistan, China;\n"
        "actor IMT \"Islamic Movement of Uzbekistan\" { kind non_state; based_in Afghanistan; tags \"armed group\"; }\n"
        "organisation QCCM \"Quadrilateral Mechanism\" {\n"
        "  kind security_mechanism;\n"
        "  founded 2016-08-03 in \"Urumqi\";\n"
        "  in_force 2016-09;\n"
        "  dissolved 2040;\n"
        "  initiator China;\n"
        "  purpose \"countering terrorism\", \"intelligence sharing\";\n"
        "  decides by consensus;\n"
        "  member China, Afghanistan, Tajikistan since 2016-08-03;\n"
        "  principle consultation;\n"
        "  principle \"directed against no third state\";\n"
        "  budget 2 thousand CNY;\n"
        "  admission { require applicant is state; require consent of members; }\n"
        "  admission as observer { require applicant is state; }\n"
        "}\n");

    EntId tj = id_of(w, "Tajikistan"), af = id_of(w, "Afghanistan"), cn = id_of(w, "China");
    EntId imt = id_of(w, "IMT"), q = id_of(w, "QCCM");
    assert_int_equal(world_find_name(w, "Russia"), ENT_NONE);
    assert_int_equal(world_find_name(w, "tajikistan"), ENT_NONE);     /* names are case-sensitive */
    assert_int_equal(world_find_name(w, "security_mechanism"), ENT_NONE);
    assert_int_equal(world_find(w, ent(w, tj)->name), tj);
    assert_string_equal(ent_name(w, tj), "Tajikistan");
    assert_string_equal(ent_name(w, ENT_NONE), "nobody");
    assert_int_equal(w->ents.n, 6);                    /* slot 0 is unused */

    const Entity *e = ent(w, tj);
    assert_int_equal(e->kind, ENT_STATE);
    assert_string_equal(e->display, "Republic of Tajikistan");
    assert_string_equal(e->region, "Central Asia");
    assert_int_equal(e->borders.n, 2);
    assert_int_equal(e->borders.items[0], af);
    assert_int_equal(e->borders.items[1], cn);
    assert_int_equal(ent_extra(e)->tags.n, 2);
    assert_string_equal(ent_extra(e)->tags.items[1].s, "post-soviet");
    assert_int_equal(loc_line(e->loc), 1);
    assert_int_equal(loc_col(e->loc), 1);
    assert_int_equal(ent(w, af)->kind, ENT_STATE);
    assert_null(ent(w, af)->display);
    assert_int_equal(loc_line(ent(w, cn)->loc), 2);      /* `state A, B;` declares both */

    const Entity *a = ent(w, imt);
    assert_int_equal(a->kind, ENT_ACTOR);
    assert_string_equal(sym_name(&w->names, a->actor_kind), "non_state");
    assert_int_equal(ent_extra(a)->based_in, af);
    assert_string_equal(ent_extra(a)->tags.items[0].s, "armed group");

    const Entity *o = ent(w, q);
    assert_int_equal(o->kind, ENT_ORG);
    assert_null(a->org);                               /* only organisations carry an OrgInfo */
    assert_string_equal(o->display, "Quadrilateral Mechanism");
    assert_string_equal(sym_name(&w->names, o->org->org_kind), "security_mechanism");
    assert_int_equal(loc_line(o->org->kind_loc), 5);
    assert_int_equal(o->founded, 20160803);
    assert_string_equal(o->org->rare->founded_in, "Urumqi");
    assert_int_equal(o->org->in_force, 20160901);
    assert_int_equal(o->org->dissolved, 20400101);
    assert_int_equal(o->org->rare->initiator, cn);
    assert_int_equal(o->org->purposes.n, 2);
    assert_int_equal(o->org->decisions.n, 1);
    assert_int_equal(o->org->decisions.items[0].kind, DEC_CONSENSUS);
    assert_int_equal(o->org->principles.n, 2);
    assert_int_equal(o->org->principles.items[0].kind, PR_CONSULTATION);
    assert_int_equal(o->org->principles.items[1].kind, PR_DECLARED);
    assert_string_equal(o->org->principles.items[1].text, "directed against no third state");
    assert_true(fabs(o->org->rare->budget - 2000) < 1e-9);
    assert_string_equal(sym_name(&w->names, o->org->rare->currency), "CNY");
    assert_int_equal(o->org->admissions.n, 2);
    assert_int_equal(o->org->admissions.items[0].role, ROLE_MEMBER);
    assert_int_equal(o->org->admissions.items[0].reqs.n, 2);
    assert_int_equal(o->org->admissions.items[1].role, ROLE_OBSERVER);
    assert_string_equal(ent_kind_name(ENT_ORG), "organisation");
    w_free(&t);
}

static void test_declaration_order_does_not_matter(void **state)
{
    (void)state;
    W t;
    World *w = w_ok(&t,
        "organisation O { member A, B; initiator B; }\n"
        "rule r(x) = member_of(x, O);\n"
        "state A { borders B; }\n"
        "state B;\n");
    assert_int_equal(ent(w, id_of(w, "A"))->borders.items[0], id_of(w, "B"));
    assert_int_equal(org_info(w, id_of(w, "O"))->as_org.n, 2);
    assert_non_null(world_rule(w, intern_cstr(&w->names, "r")));
    assert_int_equal(world_rule(w, intern_cstr(&w->names, "r"))->params.n, 1);
    assert_null(world_rule(w, ent(w, id_of(w, "A"))->name));
    w_free(&t);
}

static void test_memberships_indexed_both_ways(void **state)
{
    (void)state;
    W t;
    World *w = w_ok(&t, CSTO_WORLD);
    EntId csto = id_of(w, "CSTO"), sco = id_of(w, "SCO"), uz = id_of(w, "Uzbekistan");
    EntId ru = id_of(w, "Russia"), af = id_of(w, "Afghanistan");
    /* CSTO: 5 + 2 (Uzbekistan) + 1 (Belarus) + 2 observers */
    assert_int_equal(org_info(w, csto)->as_org.n, 10);
    assert_int_equal(org_info(w, sco)->as_org.n, 8);
    assert_int_equal(w->mems.n, 18);
    assert_int_equal(ent(w, uz)->as_holder.n, 3);       /* two CSTO intervals + SCO */
    assert_int_equal(ent(w, ru)->as_holder.n, 2);
    assert_int_equal(ent(w, csto)->as_holder.n, 0);
    assert_null(ent(w, ru)->org);

    /* every record is listed under its organisation and its holder */
    for (int i = 1; i < w->ents.n; i++) {
        const Entity *e = &w->ents.items[i];
        for (int k = 0; e->org && k < e->org->as_org.n; k++)
            assert_int_equal(mem_of(w, e->org, k)->org, (EntId)i);
        for (int k = 0; k < e->as_holder.n; k++)
            assert_int_equal(mem_held(w, e, k)->who, (EntId)i);
    }

    int uz_csto = 0;
    for (int k = 0; k < ent(w, uz)->as_holder.n; k++) {
        const Membership *m = mem_held(w, ent(w, uz), k);
        if (m->org != csto) continue;
        assert_int_equal(m->role, ROLE_MEMBER);
        if (uz_csto++ == 0) {
            assert_int_equal(m->from, 19920515);
            assert_int_equal(m->until, 19990402);
            assert_int_equal(loc_line(m->loc), 9);
            assert_int_equal(loc_col(m->loc), 10);
        } else {
            assert_int_equal(m->from, 20060816);
            assert_int_equal(m->until, 20121220);
            assert_int_equal(loc_line(m->loc), 10);
        }
    }
    assert_int_equal(uz_csto, 2);

    const Membership *obs = NULL;
    for (int k = 0; k < ent(w, af)->as_holder.n; k++) {
        const Membership *m = mem_held(w, ent(w, af), k);
        if (m->org == csto) obs = m;
    }
    assert_non_null(obs);
    assert_int_equal(obs->role, ROLE_OBSERVER);
    assert_int_equal(obs->from, 20130101);
    assert_int_equal(obs->until, DATE_END);
    w_free(&t);
}

/* ------------------------------------------------------------ rejections */

static void test_overlapping_memberships_rejected(void **state)
{
    (void)state;
    W t;
    w_load(&t, "state A;\n"
               "organisation O {\n"
               "  member A since 2000;\n"
               "  member A from 2005 until 2010;\n"
               "}\n");
    const Diagnostic *dg = assert_rejected(&t, "overlapping", 4, 10);
    assert_non_null(strstr(dg->msg, "'A'"));
    const Diagnostic *note = find_diag(&t.diag, DIAG_NOTE, "");
    assert_non_null(note);
    assert_int_equal(loc_line(note->loc), 3);
    w_free(&t);

    /* a member that is also an observer over the same dates */
    w_load(&t, "state A;\n"
               "organisation O {\n"
               "  observer A from 2001 until 2003;\n"
               "  member A since 2002;\n"
               "}\n");
    assert_rejected(&t, "overlapping", 4, 10);
    w_free(&t);

    /* an open-ended record overlaps everything after it */
    w_load(&t, "state A;\norganisation O { member A; member A until 1990; }\n");
    assert_null(t.lr.world);
    assert_non_null(find_diag(&t.diag, DIAG_ERROR, "overlapping"));
    w_free(&t);
}

static void test_adjacent_memberships_accepted(void **state)
{
    (void)state;
    W t;
    /* `until` is exclusive: leaving on a day and rejoining that day do not overlap */
    w_ok(&t, "state A;\n"
             "organisation O {\n"
             "  member A from 2000 until 2005;\n"
             "  observer A from 2005 until 2006;\n"
             "  member A since 2006;\n"
             "}\n");
    assert_int_equal(t.diag.errors, 0);
    assert_int_equal(role_at(&t, "A", "O", 20041231), ROLE_MEMBER);
    assert_int_equal(role_at(&t, "A", "O", 20050101), ROLE_OBSERVER);
    assert_int_equal(role_at(&t, "A", "O", 20060101), ROLE_MEMBER);
    w_free(&t);
}

static void test_empty_interval_rejected(void **state)
{
    (void)state;
    W t;
    w_load(&t, "state A, B;\norganisation O {\n  member A, B from 2010-05-01 until 2005;\n}\n");
    const Diagnostic *dg = assert_rejected(&t, "empty", 3, 3);
    assert_non_null(strstr(dg->msg, "2005-01-01"));
    assert_non_null(strstr(dg->msg, "2010-05-01"));
    w_free(&t);

    w_load(&t, "state A;\norganisation O { observer A from 2010 until 2010; }\n");
    assert_rejected(&t, "empty", 2, 18);
    w_free(&t);
}

static void test_duplicate_declarations_rejected_with_note(void **state)
{
    (void)state;
    W t;
    w_load(&t, "state A { region \"x\"; }\n"
               "state B;\n"
               "  state A;\n");
    const Diagnostic *dg = assert_rejected(&t, "already declared", 3, 9);
    assert_non_null(strstr(dg->msg, "'A'"));
    const Diagnostic *note = find_diag(&t.diag, DIAG_NOTE, "first declared");
    assert_non_null(note);
    assert_int_equal(loc_line(note->loc), 1);
    assert_int_equal(loc_col(note->loc), 1);
    assert_int_equal(t.diag.errors, 1);
    w_free(&t);

    /* one name for a state and an organisation */
    w_load(&t, "state X;\norganisation X { }\n");
    assert_rejected(&t, "already declared", 2, 14);
    assert_non_null(find_diag(&t.diag, DIAG_NOTE, "first declared"));
    w_free(&t);

    /* in one list */
    w_load(&t, "state A, B, A;\n");
    assert_rejected(&t, "already declared", 1, 13);
    w_free(&t);

    /* rules */
    w_load(&t, "state A;\nrule r(x) = true;\nrule r(y) = false;\n");
    assert_rejected(&t, "already defined", 3, 6);
    const Diagnostic *rn = find_diag(&t.diag, DIAG_NOTE, "");
    assert_non_null(rn);
    assert_int_equal(loc_line(rn->loc), 2);
    w_free(&t);

    w_load(&t, "state A;\nrule A(x) = true;\n");
    assert_rejected(&t, "already the name", 2, 6);
    w_free(&t);

    w_load(&t, "state A;\nrule count(x) = true;\n");
    assert_rejected(&t, "built-in", 2, 6);
    w_free(&t);
}

static void test_unknown_names_with_suggestions(void **state)
{
    (void)state;
    W t;
    w_load(&t, "state Russia, Kazakhstan;\n"
               "organisation CSTO { kind military_alliance; }\n"
               "organisation O {\n"
               "  member Russsia, Zzzqqqxx;\n"
               "  initiator Kazakstan;\n"
               "}\n"
               "state S { borders CSTO; }\n");
    assert_null(t.lr.world);
    const Diagnostic *a = assert_rejected(&t, "'Russsia'", 4, 10);
    assert_non_null(strstr(a->msg, "did you mean 'Russia'?"));
    const Diagnostic *b = assert_rejected(&t, "'Zzzqqqxx'", 4, 19);
    assert_null(strstr(b->msg, "did you mean"));
    const Diagnostic *c = assert_rejected(&t, "'Kazakstan'", 5, 13);
    assert_non_null(strstr(c->msg, "did you mean 'Kazakhstan'?"));
    /* a known name of the wrong kind */
    const Diagnostic *d = assert_rejected(&t, "'CSTO' is an organisation", 7, 19);
    assert_non_null(strstr(d->msg, "state"));
    assert_int_equal(t.diag.errors, 4);
    w_free(&t);

    /* organisations cannot hold memberships */
    w_load(&t, "state A;\norganisation P { }\norganisation O { member A, P; }\n");
    assert_rejected(&t, "'P' is an organisation", 3, 28);
    w_free(&t);
}

static void test_world_suggest(void **state)
{
    (void)state;
    W t;
    World *w = w_ok(&t, "state Russia, Belarus;\norganisation Rusia { }\n");
    assert_string_equal(world_suggest(w, "Russa", ENT_STATE), "Russia");
    assert_string_equal(world_suggest(w, "Rusa", ENT_ORG), "Rusia");
    assert_string_equal(world_suggest(w, "belarus", 0), "Belarus");     /* case slips are close */
    assert_string_equal(world_suggest(w, "Belar", 0), "Belarus");       /* as far as a hint reaches */
    assert_null(world_suggest(w, "Qqqqqqqq", 0));
    assert_null(world_suggest(w, "Belarus", ENT_ORG));
    w_free(&t);
}

/* A hint compares names of a near length only, at most SUGGEST_PER_LENGTH of
 * each length, and a tie goes to the name declared first. */
static void test_world_suggest_is_bounded(void **state)
{
    (void)state;
    W t;
    char *text = xmalloc(16 * 1000 + 64);
    size_t n = 0;
    n += (size_t)sprintf(text + n, "state Abcd, Abc;\n");
    for (int i = 0; i < 1000; i++) n += (size_t)sprintf(text + n, "state N%03d;\n", i);
    World *w = w_ok(&t, text);
    assert_string_equal(world_suggest(w, "Abce", 0), "Abcd");   /* Abc is as close, but declared later */
    assert_string_equal(world_suggest(w, "T001", ENT_STATE), "N001");
    /* N999 is one edit away, but it is the 1,000th name of its length: the
     * search stops before it and settles for the best of the first 512 */
    const char *hint = world_suggest(w, "T999", ENT_STATE);
    assert_non_null(hint);
    assert_string_not_equal(hint, "N999");
    assert_null(world_suggest(w, "N001", ENT_ORG));
    free(text);
    w_free(&t);
}

/* A name interned after the world's index was built (as a later query or
 * REPL line does before the index grows) is found as nothing, and looking
 * it up reads nothing past the index: under the sanitizers, a lookup one
 * past the end would fail here. */
static void test_names_interned_after_the_index(void **state)
{
    (void)state;
    W t;
    World *w = w_ok(&t, "state A;\nrule r(x) = x;\n");
    Sym last = SYM_NONE;
    for (int i = 0; i < 2000; i++) {
        char name[32];
        snprintf(name, sizeof name, "later%d", i);
        last = intern_cstr(&w->names, name);
        assert_int_equal(world_find(w, last), ENT_NONE);
        assert_null(world_rule(w, last));
        assert_int_equal(world_find_name(w, name), ENT_NONE);
    }
    assert_true(last > 2000);
    assert_non_null(world_rule(w, intern_cstr(&w->names, "r")));
    assert_int_not_equal(world_find_name(w, "A"), ENT_NONE);
    w_free(&t);
}

/* Hints near the longest length compared (SUGGEST_MAX_LEN): a name of
 * exactly that length is found, and longer names, which are never compared,
 * do not crowd its length out of the bounded search, in any kind. */
static void test_world_suggest_at_the_longest_length(void **state)
{
    (void)state;
    W t;
    size_t cap = (size_t)(SUGGEST_PER_LENGTH + 10) * (SUGGEST_MAX_LEN + 40) + 4096;
    char *text = xmalloc(cap);
    size_t n = 0;
    /* longer names first, more of them than one length may hold */
    for (int i = 0; i < SUGGEST_PER_LENGTH + 5; i++)
        n += (size_t)sprintf(text + n, "state L%0*d;\n", SUGGEST_MAX_LEN + 5, i);
    char exact[SUGGEST_MAX_LEN + 1], typo[SUGGEST_MAX_LEN + 1];
    memset(exact, 'E', SUGGEST_MAX_LEN);
    exact[SUGGEST_MAX_LEN] = '\0';
    memcpy(typo, exact, sizeof typo);
    typo[SUGGEST_MAX_LEN - 1] = 'F';
    n += (size_t)sprintf(text + n, "state %s;\n", exact);
    char shorter[SUGGEST_MAX_LEN], shortertypo[SUGGEST_MAX_LEN];
    memset(shorter, 'D', SUGGEST_MAX_LEN - 1);
    shorter[SUGGEST_MAX_LEN - 1] = '\0';
    memcpy(shortertypo, shorter, sizeof shortertypo);
    shortertypo[5] = 'C';
    n += (size_t)sprintf(text + n, "state %s;\n", shorter);
    n += (size_t)sprintf(text + n, "organisation O%0*d { }\n", SUGGEST_MAX_LEN + 5, 1);
    char org[SUGGEST_MAX_LEN + 1], orgtypo[SUGGEST_MAX_LEN + 1];
    memset(org, 'G', SUGGEST_MAX_LEN);
    org[SUGGEST_MAX_LEN] = '\0';
    memcpy(orgtypo, org, sizeof orgtypo);
    orgtypo[3] = 'H';
    n += (size_t)sprintf(text + n, "organisation %s { }\n", org);
    assert_true(n < cap);
    World *w = w_ok(&t, text);
    assert_non_null(world_suggest(w, typo, ENT_STATE));
    assert_string_equal(world_suggest(w, typo, ENT_STATE), exact);
    assert_string_equal(world_suggest(w, shortertypo, ENT_STATE), shorter);
    assert_string_equal(world_suggest(w, orgtypo, ENT_ORG), org);
    assert_null(world_suggest(w, typo, ENT_ORG));
    typo[0] = 'x';                              /* two edits away: still found */
    assert_string_equal(world_suggest(w, typo, 0), exact);
    char longer[SUGGEST_MAX_LEN + 8];
    snprintf(longer, sizeof longer, "L%0*d", SUGGEST_MAX_LEN + 5, 7);
    longer[1] = 'x';
    assert_null(world_suggest(w, longer, 0));   /* too long to compare */
    char onemore[SUGGEST_MAX_LEN + 2];
    snprintf(onemore, sizeof onemore, "%sE", exact);
    assert_null(world_suggest(w, onemore, ENT_STATE));  /* one edit from a name, but too long */
    free(text);
    w_free(&t);
}

/* Past the error limit, resolving stops: later passes add nothing. */
static void test_resolve_stops_at_the_error_limit(void **state)
{
    (void)state;
    const char *text = "state A;\norganisation O { member X1; member X2; member X3; }\n"
                       "constraint \"c\": count(members(O)) > 0;\n";
    for (int limit = 2; limit <= 5; limit += 3) {
        Diag d;
        diag_init(&d, NULL, 0);
        d.max_errors = limit;
        LoadResult lr = load_world_text("w.treaty", text, strlen(text), &d);
        assert_null(lr.world);
        assert_non_null(lr.failed);
        assert_int_equal(d.stopped, limit == 2);
        assert_int_equal(lr.failed->constraints.n, limit == 2 ? 0 : 1);
        load_result_free(&lr);
        diag_free(&d);
    }
}

static void test_budget_shares_checked(void **state)
{
    (void)state;
    W t;
    w_load(&t, "state A, B;\norganisation O {\n  budget 1 million USD { A 60%; B 50.5%; }\n}\n");
    const Diagnostic *dg = assert_rejected(&t, "more than 100%", 3, 3);
    assert_non_null(strstr(dg->msg, "110.5"));
    w_free(&t);

    w_load(&t, "state A;\norganisation O { budget 10 USD { A 120%; } }\n");
    assert_rejected(&t, "above 0% and at most 100%", 2, 34);
    w_free(&t);

    w_load(&t, "state A;\norganisation O { budget 10 USD { A 100.5%; } }\n");
    assert_rejected(&t, "above 0% and at most 100%", 2, 34);
    w_free(&t);

    w_load(&t, "state A;\norganisation O { budget 10 USD { A 0%; } }\n");
    assert_rejected(&t, "above 0%", 2, 34);
    w_free(&t);

    w_load(&t, "state A;\norganisation O { budget 10 USD { A 10%; A 20%; } }\n");
    assert_rejected(&t, "two shares", 2, 41);
    w_free(&t);

    /* a repeat is found wherever it is, and reported where it is written */
    w_load(&t, "state A, B;\norganisation O { budget 10 USD { B 10%; A 20%; B 5%; } }\n");
    assert_rejected(&t, "'B' has two shares", 2, 48);
    assert_int_equal(t.diag.errors, 1);
    w_free(&t);

    /* exactly 100% is fine, as one share or as a sum */
    w_ok(&t, "state A, B;\norganisation O { member A, B; budget 10 USD { A 100%; } }\n");
    assert_true(fabs(org_info(t.w, id_of(t.w, "O"))->rare->shares.items[0].pct - 100) < 1e-9);
    w_free(&t);
    /* exactly 100% as a sum is fine too; shares are kept sorted by party */
    w_ok(&t, "state A, B;\norganisation O { member A, B; budget 10 USD { B 40%; A 60%; } }\n");
    assert_int_equal(org_info(t.w, id_of(t.w, "O"))->rare->shares.n, 2);
    assert_int_equal(org_info(t.w, id_of(t.w, "O"))->rare->shares.items[0].who, id_of(t.w, "A"));
    assert_true(fabs(org_info(t.w, id_of(t.w, "O"))->rare->shares.items[1].pct - 40) < 1e-9);
    assert_int_equal(t.diag.warnings, 0);
    w_free(&t);
}

/* The export's years are those a segment can hold (1 to 9998, as the
 * command line checks them): others are refused, not wrapped. */
static void test_export_years_in_range(void **state)
{
    (void)state;
    W t;
    w_ok(&t, "state A { measure ccode 2; }\nstate B { measure ccode 20; }\n"
             "organisation O { founded 1990-01-01; member A, B since 1990-01-01; members owe defence to members; }\n");
    FILE *null = fopen("/dev/null", "w");
    assert_non_null(null);
    ExportOptions eo = { 1990, 1991, 0, 0, 0, EXPORT_CSV };
    assert_int_equal(export_dyad_years(t.w, NULL, &eo, null), 4);     /* A-B and B-A, two years */
    eo.to = 40000;
    errno = 0;
    assert_int_equal(export_dyad_years(t.w, NULL, &eo, null), -1);
    assert_int_equal(errno, EDOM);
    eo.from = 0;
    eo.to = 1991;
    assert_int_equal(export_dyad_years(t.w, NULL, &eo, null), -1);
    fclose(null);
    w_free(&t);
}

/* What few organisations declare (budget, notice, term, objections,
 * accession, initiator, founding place) is kept apart: an organisation
 * that declares none of it shares one empty record, and a founding date
 * alone does not make it one of its own. */
static void test_rare_fields_kept_apart(void **state)
{
    (void)state;
    W t;
    w_ok(&t, "state A, B;\norganisation O { founded 1990-01-01; member A, B; }\n"
             "organisation P { founded 1990-01-01 in \"Rome\"; member A; }\n"
             "organisation Q { member A, B; notice 1 year; }\n");
    assert_ptr_equal(org_info(t.w, id_of(t.w, "O"))->rare, &org_rare_none);
    assert_ptr_not_equal(org_info(t.w, id_of(t.w, "P"))->rare, &org_rare_none);
    assert_string_equal(org_info(t.w, id_of(t.w, "P"))->rare->founded_in, "Rome");
    assert_int_equal(org_info(t.w, id_of(t.w, "Q"))->rare->notice_n, 1);
    assert_int_equal(org_rare_none.notice_n, 0);             /* never written */
    assert_null(org_rare_none.founded_in);
    w_free(&t);
}

/* A rule may have any number of parameters: all are in scope, and a
 * repeated one is reported where it repeats. */
static void test_rule_with_many_parameters(void **state)
{
    (void)state;
    W t;
    char text[4096] = "rule many(";
    for (int i = 0; i < 100; i++) sprintf(text + strlen(text), "%sp%d", i ? ", " : "", i);
    strcat(text, ") = p99 > p0 and p64 >= p65;\n");
    w_ok(&t, text);
    w_free(&t);

    strcpy(text, "rule twice(");
    for (int i = 0; i < 100; i++) sprintf(text + strlen(text), "%sp%d", i ? ", " : "", i);
    strcat(text, ", p70, p3) = true;\n");
    w_load(&t, text);
    assert_int_equal(t.diag.errors, 2);
    assert_non_null(strstr(t.diag.items[0].msg, "parameter 'p70' appears twice"));
    assert_non_null(strstr(t.diag.items[1].msg, "parameter 'p3' appears twice"));
    w_free(&t);
}

/* A share for a party that is never a member of the organisation (at any
 * date; an observer is not a member) never counts: a warning says so. */
static void test_share_of_a_non_member_warned(void **state)
{
    (void)state;
    W t;
    w_ok(&t, "state A, B, C, D;\n"
             "organisation O { member A; observer C; member D from 1990 until 2000; "
             "budget 10 USD { A 40%; B 30%; C 10%; D 5%; } }\n");
    assert_int_equal(t.diag.warnings, 2);
    const Diagnostic *b = find_diag(&t.diag, DIAG_WARNING, "'B' has a budget share in 'O' but is never a member");
    const Diagnostic *c = find_diag(&t.diag, DIAG_WARNING, "'C' has a budget share in 'O'");
    assert_non_null(b);
    assert_non_null(c);
    assert_int_equal(loc_line(b->loc), 2);
    assert_int_equal(loc_col(b->loc), 94);
    assert_non_null(strstr(b->msg, "never counts"));
    w_free(&t);
}

/* ------------------------------------------------------------ obligations */

static const Obligation *obligation_at(const World *w, int i)
{
    assert_true(i < w->obls.n);
    return &w->obls.items[i];
}

/* The indexes of obligations of a list, as "0, 2". */
static const char *obl_indexes(W *t, const uint32_t *idx, int n)
{
    char *s = arena_alloc(&t->scratch, (size_t)n * 12 + 1);
    for (int i = 0; i < n; i++) sprintf(s + strlen(s), "%s%u", i ? ", " : "", idx[i]);
    return s;
}

static void test_obligations_declared_and_indexed(void **state)
{
    (void)state;
    W t;
    w_ok(&t, "state A, B, C, D;\n"
             "organisation O {\n"
             "  member C, A since 1990;\n"
             "  C, A owe defence to D, B from 1995 until 2000;\n"     /* 0 */
             "  members owe consultation;\n"                           /* 1 */
             "  A owes non_aggression to members since 1991;\n"        /* 2 */
             "}\n"
             "organisation P { member B, D; principle collective_defence; principle non_interference;\n"
             "  principle neutrality; principle exclusive k; principle \"text\"; B owes offense to A; }\n");
    World *w = t.w;
    assert_int_equal(w->obls.n, 6);
    const Obligation *ob = obligation_at(w, 0);
    assert_int_equal(ob->org, id_of(w, "O"));
    assert_int_equal(ob->kind, OB_DEFENCE);
    assert_int_equal(ob->by_members, 0);
    assert_int_equal(ob->to_members, 0);
    assert_int_equal(ob->principle, -1);
    assert_int_equal(ob->from, 19950101);
    assert_int_equal(ob->until, 20000101);
    assert_int_equal(ob->obliged.n, 2);            /* sorted by id: A before C */
    assert_int_equal(ob->obliged.items[0], id_of(w, "A"));
    assert_int_equal(ob->obliged.items[1], id_of(w, "C"));
    assert_int_equal(ob->beneficiaries.items[0], id_of(w, "B"));
    assert_int_equal(ob->beneficiaries.items[1], id_of(w, "D"));
    assert_string_equal(obl_text(w, ob), "O: C, A owe defence to D, B");
    assert_int_equal(loc_line(ob->loc), 4);
    ob = obligation_at(w, 1);                      /* without `to`: owed to the members */
    assert_int_equal(ob->kind, OB_CONSULTATION);
    assert_true(ob->by_members && ob->to_members);
    assert_int_equal(ob->from, DATE_NONE);
    assert_int_equal(ob->until, DATE_END);
    assert_string_equal(obl_text(w, ob), "O: members owe consultation to members");
    assert_string_equal(obl_text(w, obligation_at(w, 2)), "O: A owes non_aggression to members");
    /* the principles with a meaning are obligations of the members to the members */
    ob = obligation_at(w, 3);
    assert_int_equal(ob->kind, OB_DEFENCE);
    assert_int_equal(ob->principle, PR_COLLECTIVE_DEFENCE);
    assert_true(ob->by_members && ob->to_members && ob->outsiders);
    assert_string_equal(obl_text(w, ob), "P: collective_defence");
    ob = obligation_at(w, 4);
    assert_int_equal(ob->kind, OB_NEUTRALITY);
    assert_int_equal(ob->principle, PR_NEUTRALITY);
    assert_int_equal(ob->outsiders, 0);
    /* in the order of the clauses: P's offence comes after its principles */
    assert_int_equal(obligation_at(w, 5)->kind, OB_OFFENCE);
    /* each organisation's obligations, principles included, side by side */
    assert_int_equal(org_info(w, id_of(w, "O"))->obls.at, 0);
    assert_int_equal(org_info(w, id_of(w, "O"))->obls.n, 3);
    assert_int_equal(org_info(w, id_of(w, "P"))->obls.at, 3);
    assert_int_equal(org_info(w, id_of(w, "P"))->obls.n, 3);
    w_free(&t);

    /* `offense` is `offence`; the index by beneficiary and by organisation */
    w_ok(&t, "state A, B, C, D;\n"
             "organisation O { member A, C; C, A owe defence to D, B; members owe consultation;\n"
             "  A owes neutrality to members; }\n"
             "organisation P { member B, D; principle collective_defence; B owes offense to A, D; }\n");
    w = t.w;
    assert_int_equal(obligation_at(w, 4)->kind, OB_OFFENCE);
    int n;
    const uint32_t *idx = obls_owed_to(w, id_of(w, "D"), &n);
    assert_string_equal(obl_indexes(&t, idx, n), "0, 4");
    idx = obls_owed_to(w, id_of(w, "A"), &n);
    assert_string_equal(obl_indexes(&t, idx, n), "4");
    obls_owed_to(w, id_of(w, "C"), &n);
    assert_int_equal(n, 0);
    /* an organisation's group is by kind (neutrality before consultation), then as declared */
    idx = obls_to_members(w, org_info(w, id_of(w, "O")), &n);
    assert_string_equal(obl_indexes(&t, idx, n), "2, 1");
    idx = obls_members_of_kind(w, org_info(w, id_of(w, "O")), 0, OB_CONSULTATION, &n);
    assert_string_equal(obl_indexes(&t, idx, n), "1");
    idx = obls_members_of_kind(w, org_info(w, id_of(w, "O")), 0, OB_NEUTRALITY, &n);
    assert_string_equal(obl_indexes(&t, idx, n), "2");
    obls_members_of_kind(w, org_info(w, id_of(w, "O")), 0, OB_DEFENCE, &n);
    assert_int_equal(n, 0);
    idx = obls_members_of_kind(w, org_info(w, id_of(w, "O")), 1, OB_CONSULTATION, &n);
    assert_string_equal(obl_indexes(&t, idx, n), "1");
    obls_members_of_kind(w, org_info(w, id_of(w, "O")), 1, OB_NEUTRALITY, &n);
    assert_int_equal(n, 0);
    idx = obls_to_members(w, org_info(w, id_of(w, "P")), &n);
    assert_string_equal(obl_indexes(&t, idx, n), "3");
    /* and by obliged party (obligations of X) */
    idx = obls_owed_by(w, id_of(w, "A"), &n);
    assert_string_equal(obl_indexes(&t, idx, n), "0, 2");
    idx = obls_owed_by(w, id_of(w, "B"), &n);
    assert_string_equal(obl_indexes(&t, idx, n), "4");
    obls_owed_by(w, id_of(w, "D"), &n);
    assert_int_equal(n, 0);
    idx = obls_by_members(w, org_info(w, id_of(w, "O")), &n);
    assert_string_equal(obl_indexes(&t, idx, n), "1");
    idx = obls_by_members(w, org_info(w, id_of(w, "P")), &n);
    assert_string_equal(obl_indexes(&t, idx, n), "3");
    w_free(&t);

    /* a world without named beneficiaries builds no table by entity */
    w_ok(&t, "state A, B;\norganisation O { member A, B; principle collective_defence; }\n");
    assert_null(t.w->owed_to_at);
    assert_null(t.w->owed_by_at);
    obls_owed_to(t.w, id_of(t.w, "A"), &n);
    assert_int_equal(n, 0);
    obls_owed_by(t.w, id_of(t.w, "A"), &n);
    assert_int_equal(n, 0);
    w_free(&t);
}

static void test_obligations_rejected(void **state)
{
    (void)state;
    static const struct { const char *text; const char *msg; int line, col; } cases[] = {
        {"state A, B;\norganisation O { member A; A owes defnce to B; }\n",
         "unknown kind of obligation 'defnce'; did you mean 'defence'?", 2, 35},
        {"state A, B;\norganisation O { member A; A owes protection to B; }\n",
         "unknown kind of obligation 'protection' (the kinds are defence, offence", 2, 35},
        {"state A, Bryn;\norganisation O { member A; A owes defence to Brin; }\n",
         "unknown state or actor 'Brin'; did you mean 'Bryn'?", 2, 46},
        {"state A, B;\norganisation O { member A; O owes defence to B; }\n",
         "'O' is an organisation; a state or an actor is needed here", 2, 28},
        {"state A, B;\norganisation O { member A; A owes defence to B, A, B; }\n",
         "'B' is named twice here", 2, 52},
        {"state A, B;\norganisation O { member A; A owes defence to B from 2001 until 2001; }\n",
         "this obligation's period is empty: until 2001-01-01 is not after 2001-01-01", 2, 28},
        {"state A, B;\norganisation O { member A; B owes defence to A; }\n",
         "'B' owes defence in 'O' but is never a member of it", 2, 28},
        {"state A, B;\norganisation O { observer B; B owes defence to A; }\n",
         "'B' owes defence in 'O' but is never a member of it", 2, 30},
        {"state A, B;\norganisation O { member A since 2000; A owes defence to B since 1999-12-31; }\n",
         "'A' owes defence in 'O' on 1999-12-31 but is not a member of it then", 2, 39},
        {"state A, B;\norganisation O { member A until 2000; A owes defence to B from 1999 until 2000-01-02; }\n",
         "'A' owes defence in 'O' on 2000-01-01 but is not a member of it then", 2, 39},
        {"state A, B;\norganisation O { member A from 1990 until 2000; member A since 2001;\n"
         "  A owes defence to B from 1995 until 2005; }\n",
         "'A' owes defence in 'O' on 2000-01-01 but is not a member of it then", 3, 3},
        {"state A, B;\norganisation O { member A since 2000; A owes defence to B until 2005; }\n",
         "'A' owes defence in 'O' before 2000-01-01 but is not a member of it then", 2, 39},
        {"state A, B;\norganisation O { member A; A owes defence to B; A owes defence to B since 2000; }\n",
         "'A' owes defence to B in 'O' twice over overlapping dates", 2, 49},
        {"state A, B;\norganisation O { member A, B; principle consultation; members owe consultation to members; }\n",
         "", 0, 0},      /* the principle covers only attacks from outside: another obligation */
        {"state A, B;\norganisation O { member A, B; members owe defence; members owe defense to members until 2000; }\n",
         "the members owe defence to the members in 'O' twice over overlapping dates", 2, 52},
        {"state A, B;\nstate C { A owes defence to B; }\n", "'owes' does not apply to a state ('C')", 2, 11},
        {"state A, B;\norganisation O { member A, B; principle collective_defence from 2001 until 2000; }\n",
         "this principle's period is empty: until 2000-01-01 is not after 2001-01-01", 2, 31},
        {"state A, B;\norganisation O { member A, B; principle consultation since 2000;\n"
         "  members owe consultation to members until 2001; }\n", "", 0, 0},   /* the principle's own limit */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        W t;
        w_load(&t, cases[i].text);
        if (!cases[i].line) {
            assert_non_null(t.w);
            assert_int_equal(t.diag.errors, 0);
            w_free(&t);
            continue;
        }
        assert_rejected(&t, cases[i].msg, cases[i].line, cases[i].col);
        assert_int_equal(t.diag.errors, 1);
        w_free(&t);
    }
    /* the overlap names the other period in a note */
    W t;
    w_load(&t, "state A, B;\norganisation O { member A;\n  A owes defence to B from 1990 until 2001;\n"
               "  A owes defence to B from 2000;\n}\n");
    assert_rejected(&t, "twice over overlapping dates", 4, 3);
    const Diagnostic *note = find_diag(&t.diag, DIAG_NOTE, "the other period is here");
    assert_non_null(note);
    assert_int_equal(loc_line(note->loc), 3);
    w_free(&t);
}

/* What check accepts: periods that meet without overlapping, different
 * beneficiaries, a period within the organisation's existence, obligations
 * without a period that follow the membership. */
static void test_obligations_accepted(void **state)
{
    (void)state;
    W t;
    w_ok(&t, "state A, B, C;\n"
             "organisation O {\n"
             "  founded 1990; dissolved 2010;\n"
             "  member A from 1990 until 2000; member A from 2000 until 2010;\n"
             "  member B until 2005;\n"
             "  A owes defence to B from 1980 until 2000;\n"        /* before founding: O does not exist */
             "  A owes defence to B since 2000;\n"                  /* meets the previous one: no overlap */
             "  A owes defence to B, C since 1995;\n"               /* other beneficiaries: another obligation */
             "  B owes consultation to A;\n"                        /* no period: follows the membership */
             "  A owes neutrality to C from 2000 until 2020;\n"     /* after dissolution: O does not exist */
             "}\n");
    assert_int_equal(t.w->obls.n, 5);
    w_free(&t);
    /* a principle's period is the period of the obligation it stands for */
    w_ok(&t, "state A, B;\norganisation O { member A, B; principle collective_defence since 2009-12-01;\n"
             "  principle exclusive alliance until 1990; }\n");
    assert_int_equal(t.w->obls.n, 1);
    assert_int_equal(t.w->obls.items[0].from, 20091201);
    assert_int_equal(t.w->obls.items[0].until, DATE_END);
    const OrgInfo *o = org_info(t.w, world_find_name(t.w, "O"));
    assert_int_equal(o->principles.items[0].from, 20091201);
    assert_int_equal(o->principles.items[1].from, DATE_NONE);
    assert_int_equal(o->principles.items[1].until, 19900101);
    w_free(&t);
}

/* Texts that each load with exactly one error, the one given, there. */
typedef struct Rejected { const char *text, *msg; int line, col; } Rejected;

static void assert_each_rejected(const Rejected *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        W t;
        w_load(&t, cases[i].text);
        assert_rejected(&t, cases[i].msg, cases[i].line, cases[i].col);
        assert_int_equal(t.diag.errors, 1);
        w_free(&t);
    }
}

#define ANZUS_HEAD "state USA, AUL, NEW, X;\norganisation ANZUS { founded 1951-09-01;\n" \
    "  member USA, AUL, NEW since 1952-04-29; members owe defence to members; USA owes consultation to NEW;\n"

/* A suspension names parties, known kinds and a start, and suspends an
 * obligation that exists on its first day. */
static void test_suspensions_rejected(void **state)
{
    (void)state;
    static const Rejected cases[] = {
        {ANZUS_HEAD "  USA suspends defence to NEW until 1990; }\n",
         "a suspension needs a start: since DATE, or from DATE [until DATE]", 4, 3},
        {ANZUS_HEAD "  USA suspends defence to NEW; }\n",
         "a suspension needs a start: since DATE, or from DATE [until DATE]", 4, 3},
        {ANZUS_HEAD "  members suspend defence to NEW since 1990; }\n",
         "a suspension names the parties that suspend (states or actors), not 'members'", 4, 3},
        {ANZUS_HEAD "  USA suspends defence to members since 1990; }\n",
         "a suspension names the parties they suspend towards (states or actors), not 'members'", 4, 27},
        {ANZUS_HEAD "  USA suspends defnce to NEW since 1990; }\n",
         "unknown kind of obligation 'defnce'; did you mean 'defence'?", 4, 16},
        {ANZUS_HEAD "  USA suspends defence, defense to NEW since 1990; }\n", "'defence' is named twice here", 4, 25},
        {ANZUS_HEAD "  USA suspends defence to NEW from 1990 until 1990; }\n",
         "this suspension's period is empty: until 1990-01-01 is not after 1990-01-01", 4, 3},
        {ANZUS_HEAD "  USA suspends defence to NEWW since 1990; }\n",
         "unknown state or actor 'NEWW'; did you mean 'NEW'?", 4, 27},
        {ANZUS_HEAD "  USA suspends offence to NEW since 1990; }\n",
         "'USA' suspends offence to 'NEW' from 1990-01-01, but 'ANZUS' has no obligation of offence from 'USA' to "
         "'NEW' on that day", 4, 3},
        {ANZUS_HEAD "  AUL suspends consultation to NEW since 1990; }\n",
         "'AUL' suspends consultation to 'NEW' from 1990-01-01, but 'ANZUS'", 4, 3},
        {ANZUS_HEAD "  USA suspends defence to X since 1990; }\n",
         "'USA' suspends defence to 'X' from 1990-01-01, but 'ANZUS' has no obligation", 4, 3},
        {ANZUS_HEAD "  USA suspends defence to NEW since 1952-04-28; }\n",       /* before the membership */
         "'USA' suspends defence to 'NEW' from 1952-04-28, but", 4, 3},
        {ANZUS_HEAD "  USA suspends consultation to USA since 1990; }\n",
         "'USA' suspends consultation to 'USA' from 1990-01-01", 4, 3},
    };
    assert_each_rejected(cases, sizeof cases / sizeof cases[0]);
}

/* `for ORG: CLAUSE` names an organisation, and only the clauses that may
 * stand apart from its block. */
static void test_for_clauses_rejected(void **state)
{
    (void)state;
    static const Rejected cases[] = {
        {ANZUS_HEAD "}\nfor ANZUSS: USA suspends defence to NEW since 1990;\n",
         "unknown organisation 'ANZUSS'; did you mean 'ANZUS'?", 5, 5},
        {ANZUS_HEAD "}\nfor NEW: USA suspends defence to NEW since 1990;\n",
         "'NEW' is a state, not an organisation", 5, 5},
        {ANZUS_HEAD "}\nfor ANZUS: dissolved 2000;\n",
         "'dissolved' cannot be written after 'for ANZUS:'", 5, 12},
        {ANZUS_HEAD "}\nfor ANZUS: USA suspends defence to NEW since 1950;\n",
         "'USA' suspends defence to 'NEW' from 1950-01-01, but 'ANZUS' has no obligation", 5, 12},
    };
    assert_each_rejected(cases, sizeof cases / sizeof cases[0]);
}

/* A clause written with `for ORG:` belongs to ORG as if written in its
 * block, wherever it stands: ORG's obligations and suspensions stay one
 * run of the world's tables, those of the block first. */
static void test_for_clauses_joined(void **state)
{
    (void)state;
    W t;
    w_ok(&t, "for ANZUS: USA suspends defence to NEW since 1986-09-17;\n" ANZUS_HEAD "}\n"
             "organisation Other { member USA, NEW; members owe defence; }\n"
             "for ANZUS: NEW owes neutrality to USA;\n");
    World *w = t.w;
    EntId anzus = world_find_name(w, "ANZUS"), other = world_find_name(w, "Other");
    const OrgInfo *o = org_info(w, anzus);
    assert_int_equal(o->obls.n, 3);
    assert_string_equal(obl_text(w, &w->obls.items[o->obls.at + 2]), "ANZUS: NEW owes neutrality to USA");
    assert_int_equal(org_info(w, other)->obls.n, 1);
    assert_int_equal(w->obls.items[org_info(w, other)->obls.at].org, other);
    assert_int_equal(o->susps.n, 1);
    assert_ptr_equal(suspension_of(w, anzus, OB_DEFENCE, world_find_name(w, "USA"), world_find_name(w, "NEW"),
                                   19860917), &w->susps.items[o->susps.at]);
    w_free(&t);
}

/* A suspension of members has a start, a period that is not empty, known
 * parties each named once, and suspends members. */
static void test_suspended_members_rejected(void **state)
{
    (void)state;
    static const Rejected cases[] = {
        {ANZUS_HEAD "  suspended NEW until 1990; }\n",
         "a suspension of members needs a start: since DATE, or from DATE [until DATE]", 4, 3},
        {ANZUS_HEAD "  suspended NEW from 1990 until 1990; }\n",
         "this suspension's period is empty: until 1990-01-01 is not after 1990-01-01", 4, 3},
        {ANZUS_HEAD "  suspended NEW, NEW since 1990; }\n", "'NEW' is named twice here", 4, 18},
        {ANZUS_HEAD "  suspended X since 1990; }\n",
         "'X' is suspended in 'ANZUS' from 1990-01-01, but is not a member of it on that day", 4, 13},
        {ANZUS_HEAD "  suspended NEW since 1952-04-28; }\n",                /* the day before it joins */
         "'NEW' is suspended in 'ANZUS' from 1952-04-28, but is not a member", 4, 13},
        {ANZUS_HEAD "}\nfor ANZUS: suspended X since 1990;\n", "'X' is suspended in 'ANZUS'", 5, 22},
    };
    assert_each_rejected(cases, sizeof cases / sizeof cases[0]);
}

/* Suspended members are found by binary search among their organisation's,
 * on each day of their period and not on the day it ends. */
static void test_suspended_members_found(void **state)
{
    (void)state;
    W t;
    w_ok(&t, ANZUS_HEAD "  suspended NEW from 1986-09-17 until 2000-01-01;\n"
             "  suspended USA, NEW since 2010-02-28; }\n"
             "organisation Other { member USA, NEW; }\nfor Other: suspended USA since 1960;\n");
    World *w = t.w;
    EntId anzus = world_find_name(w, "ANZUS"), other = world_find_name(w, "Other");
    EntId usa = world_find_name(w, "USA"), nz = world_find_name(w, "NEW"), aul = world_find_name(w, "AUL");
    assert_int_equal(org_info(w, anzus)->msusps.n, 3);
    assert_null(member_suspension_of(w, anzus, nz, 19860916));
    const MemberSusp *m = member_suspension_of(w, anzus, nz, 19860917);
    assert_non_null(m);
    assert_string_equal(m->text, "ANZUS: suspended NEW from 1986-09-17 until 2000-01-01");
    assert_ptr_equal(member_suspension_of(w, anzus, nz, 19991231), m);
    assert_null(member_suspension_of(w, anzus, nz, 20000101));
    assert_null(member_suspension_of(w, anzus, nz, 20100227));
    assert_non_null(member_suspension_of(w, anzus, nz, 20100228));
    assert_null(member_suspension_of(w, anzus, usa, 19700101));         /* Other's, not ANZUS's */
    assert_non_null(member_suspension_of(w, other, usa, 19700101));
    assert_null(member_suspension_of(w, anzus, aul, 20200101));
    w_free(&t);
}

#define NATO_HEAD "state USA, TUR, GRC;\norganisation NATO { founded 1949-08-24;\n" \
    "  member USA, TUR since 1952-02-18; notice 1 year from 1969-08-24;\n"

/* One notice clause per organisation, with a known unit, a whole count and
 * an end within the calendar; a notice given by a member, on a day notice
 * may be given, to an organisation that takes notice. */
static void test_notice_rejected(void **state)
{
    (void)state;
    static const Rejected cases[] = {
        {NATO_HEAD "  notice 2 years; }\n", "'notice' is given twice for 'NATO'", 4, 3},
        {"state USA;\norganisation O { member USA;\n  notice 2 yeers; }\n",
         "unknown unit 'yeers'; did you mean 'years'?", 3, 12},
        {"state USA;\norganisation O { member USA;\n  notice 2 fortnights; }\n",
         "unknown unit 'fortnights' (use days, months or years)", 3, 12},
        {"state USA;\norganisation O { member USA;\n  notice 100000 years; }\n",
         "a notice of 100000 years from 0001-01-01 would end after 9999-12-30", 3, 3},
        {"state USA;\norganisation O { member USA;\n  notice 0 days; }\n",
         "a period of notice is a whole number of days, at least 1", 3, 3},
        {NATO_HEAD "  TUR gave notice at 1969-08-23; }\n",
         "'TUR' gives notice to 'NATO' on 1969-08-23, but notice may be given only from 1969-08-24", 4, 3},
        {NATO_HEAD "  GRC gave notice at 1990-01-01; }\n",
         "'GRC' gave notice to 'NATO' on 1990-01-01 but is not a member of it then", 4, 3},
        {"state USA;\norganisation O { member USA;\n  USA gave notice at 1990; }\n",
         "'USA' gave notice to 'O', which has no notice clause", 3, 3},
        {NATO_HEAD "}\nscenario \"s\" { suppose TUR gives notice to NATO at 1960-01-01; }\n",
         "'TUR' gives notice to 'NATO' on 1960-01-01, but notice may be given only from 1969-08-24", 5, 24},
        {NATO_HEAD "}\nscenario \"s\" { suppose GRC gives notice to NATO at 1990-01-01; }\n",
         "'GRC' is not a member of 'NATO' on 1990-01-01: only a member can give notice", 5, 24},
        {"state USA;\norganisation O { member USA; }\nscenario \"s\" { suppose USA gives notice to O at 1990; }\n",
         "'O' has no notice clause, so notice cannot be given to it; to suppose that 'USA' leaves, write: "
         "suppose USA leaves O;", 3, 24},
    };
    assert_each_rejected(cases, sizeof cases / sizeof cases[0]);
}

/* A notice given ends the membership record that holds its day at the day
 * plus the notice period (29 February plus a year: 28 February), and is
 * found while it runs. */
static void test_notice_ends_membership(void **state)
{
    (void)state;
    W t;
    w_ok(&t, NATO_HEAD "  member GRC from 1952-02-18 until 2030-01-01;\n"
             "  GRC gave notice at 2024-02-29; }\nfor NATO: TUR gave notice at 2040-06-15;\n");
    World *w = t.w;
    EntId nato = id_of(w, "NATO"), grc = id_of(w, "GRC"), tur = id_of(w, "TUR");
    assert_int_equal(org_info(w, nato)->notices.n, 2);
    assert_int_equal(role_at(&t, "GRC", "NATO", 20250227), ROLE_MEMBER);
    assert_int_equal(role_at(&t, "GRC", "NATO", 20250228), ROLE_NONE);
    assert_int_equal(role_at(&t, "TUR", "NATO", 20410614), ROLE_MEMBER);
    assert_int_equal(role_at(&t, "TUR", "NATO", 20410615), ROLE_NONE);
    assert_null(notice_running(w, nato, grc, 20240228));
    const Notice *n = notice_running(w, nato, grc, 20240229);
    assert_non_null(n);
    assert_int_equal(n->ends, 20250228);
    assert_null(notice_running(w, nato, grc, 20250228));
    assert_non_null(notice_running(w, nato, tur, 20410614));
    /* a supposed notice ends the membership on its day, not before */
    Supp s = supp(SUP_NOTICE, id_of(w, "USA"), nato, ROLE_MEMBER, 0);
    s.from = 20250301;
    assert_int_equal(notice_end(w, nato, s.from, &s.until), 0);
    assert_int_equal(s.until, 20260301);
    overlay_push(&t.ov, s);
    assert_int_equal(role_at(&t, "USA", "NATO", 20260228), ROLE_MEMBER);
    assert_int_equal(role_at(&t, "USA", "NATO", 20260301), ROLE_NONE);
    Ctx c = ctx_at(&t, 20260301, 1);
    EntList members = { 0 };
    holders_of(&c, nato, ROLE_MEMBER, &members);
    assert_string_equal(names(&t, &members), "TUR");
    w_free(&t);
}

#define PACT_HEAD "state A, B, C;\norganisation Pact { founded 1990-01-01;\n" \
    "  member A, B, C since 1990-01-01; term 10 years;\n"

/* One term per organisation, with a start; renewals of a term, within it,
 * by its members. */
static void test_terms_rejected(void **state)
{
    (void)state;
    static const Rejected cases[] = {
        {PACT_HEAD "  term 5 years; }\n", "'term' is given twice for 'Pact'", 4, 3},
        {"state A;\norganisation O { member A;\n  term 5 years; }\n",
         "a term needs a start: 'term N years from DATE;', or a 'founded' date for 'O'", 3, 3},
        {"state A;\norganisation O { member A;\n  term 5 years from 2000; term 1 year; }\n",
         "'term' is given twice for 'O'", 3, 27},
        {PACT_HEAD "  renewal 2000-01-02 by A; }\n",
         "a renewal on 2000-01-02 must fall within the term it renews, after 1990-01-01 and not after 2000-01-01", 4, 3},
        {PACT_HEAD "  renewal 1990-01-01 by A; }\n", "a renewal on 1990-01-01 must fall within the term", 4, 3},
        {PACT_HEAD "  renewal 1995 by A; renewal 1995 by B; }\n", "a renewal on 1995-01-01 must fall within", 4, 22},
        {"state A, B;\norganisation O { founded 2000; member A since 2000;\n  term 5 years; renewal 2004 by B; }\n",
         "'B' renews 'O' on 2004-01-01 but is not a member of it then", 3, 33},
        {"state A;\norganisation O { founded 2000; member A since 2000; renewal 2004 by A; }\n",
         "'O' has no term to renew: add 'term N years [from DATE];'", 2, 53},
        {PACT_HEAD "  renewal 1995 by A for 9000 years; }\n",
         "a term of 9000 years from 1995-01-01 would end after 9999-12-30", 4, 3},
        {PACT_HEAD "}\nscenario \"s\" { suppose A does not renew Other; }\norganisation Other { member A; }\n",
         "'Other' has no term, so there is nothing to renew; to suppose that 'A' leaves, write: suppose A leaves Other;",
         5, 24},
    };
    assert_each_rejected(cases, sizeof cases / sizeof cases[0]);
}

/* The terms run one after another; a member not named in a renewal leaves
 * when the term running then ends, the others when the last term ends; a
 * supposed refusal to renew ends the term running when it is supposed. */
static void test_terms_end_memberships(void **state)
{
    (void)state;
    W t;
    w_ok(&t, PACT_HEAD "  renewal 1999-06-01 by A, B;\n  renewal 2009-01-01 by A for 6 months; }\n");
    World *w = t.w;
    EntId pact = id_of(w, "Pact");
    assert_int_equal(org_info(w, pact)->rare->terms.n, 3);
    Date ends = 0;
    assert_int_equal(term_end_at(w, pact, 19891231, &ends), -1);
    assert_int_equal(term_end_at(w, pact, 19900101, &ends), 0);
    assert_int_equal(ends, 20000101);
    assert_int_equal(term_end_at(w, pact, 19990601, &ends), 0);
    assert_int_equal(ends, 20090601);
    assert_int_equal(term_end_at(w, pact, 20090101, &ends), 0);
    assert_int_equal(ends, 20090701);
    assert_int_equal(term_end_at(w, pact, 20090701, &ends), -1);
    assert_int_equal(role_at(&t, "C", "Pact", 19991231), ROLE_MEMBER);
    assert_int_equal(role_at(&t, "C", "Pact", 20000101), ROLE_NONE);
    assert_int_equal(role_at(&t, "B", "Pact", 20090531), ROLE_MEMBER);   /* not named on 2009-01-01 */
    assert_int_equal(role_at(&t, "B", "Pact", 20090601), ROLE_NONE);
    assert_int_equal(role_at(&t, "A", "Pact", 20090630), ROLE_MEMBER);
    assert_int_equal(role_at(&t, "A", "Pact", 20090701), ROLE_NONE);
    /* A does not renew: supposed on 2005, during the term 1999-06-01 .. 2009-06-01 */
    Supposition sup;
    memset(&sup, 0, sizeof sup);
    sup.kind = SUP_NOT_RENEW;
    sup.a.sym = intern_cstr(&w->names, "A");
    sup.b.sym = intern_cstr(&w->names, "Pact");
    overlay_push(&t.ov, supp_from_ast(w, &sup, 20050101));
    assert_int_equal(t.ov.items[0].until, 20090601);
    assert_int_equal(role_at(&t, "A", "Pact", 20090531), ROLE_MEMBER);
    assert_int_equal(role_at(&t, "A", "Pact", 20090601), ROLE_NONE);
    w_free(&t);
}

/* Accepted suspensions are indexed by beneficiary, obliged party and
 * organisation: the lookup finds each pair on each day of the period. */
static void test_suspensions_indexed(void **state)
{
    (void)state;
    W t;
    w_ok(&t, ANZUS_HEAD
             "  USA suspends defence, consultation to NEW since 1986-09-17;\n"
             "  USA, NEW suspend defence to AUL from 1990 until 1991; }\n"
             "organisation Other { member USA, NEW; members owe defence; }\n");
    World *w = t.w;
    assert_int_equal(w->susps.n, 2);
    assert_int_equal(w->nsusp_index, 3);
    const Suspension *s = &w->susps.items[0];
    assert_string_equal(s->text, "ANZUS: USA suspends defence, consultation to NEW since 1986-09-17");
    assert_int_equal(s->kinds, (1u << OB_DEFENCE) | (1u << OB_CONSULTATION));
    assert_string_equal(w->susps.items[1].text, "ANZUS: USA, NEW suspend defence to AUL from 1990-01-01 until 1991-01-01");
    EntId anzus = world_find_name(w, "ANZUS"), other = world_find_name(w, "Other");
    EntId usa = world_find_name(w, "USA"), nz = world_find_name(w, "NEW"), aul = world_find_name(w, "AUL");
    const OrgInfo *o = org_info(w, anzus);
    assert_int_equal(o->susps.n, 2);
    assert_null(suspension_of(w, anzus, OB_DEFENCE, usa, nz, 19860916));
    assert_ptr_equal(suspension_of(w, anzus, OB_DEFENCE, usa, nz, 19860917), s);
    assert_ptr_equal(suspension_of(w, anzus, OB_CONSULTATION, usa, nz, 20200101), s);
    assert_null(suspension_of(w, anzus, OB_NEUTRALITY, usa, nz, 20200101));
    assert_null(suspension_of(w, other, OB_DEFENCE, usa, nz, 20200101));   /* another organisation */
    assert_null(suspension_of(w, anzus, OB_DEFENCE, nz, usa, 20200101));   /* the other way */
    assert_ptr_equal(suspension_of(w, anzus, OB_DEFENCE, nz, aul, 19901231), &w->susps.items[1]);
    assert_null(suspension_of(w, anzus, OB_DEFENCE, nz, aul, 19910101));
    assert_null(suspension_of(w, anzus, OB_DEFENCE, aul, nz, 19900601));
    w_free(&t);
}

/* `members except ...`: the names are looked up, kept sorted by id, shown
 * in the obligation's text, and count in telling obligations apart. */
static void test_exceptions_declared(void **state)
{
    (void)state;
    static const Rejected cases[] = {
        {"state A, B, C;\norganisation O { member A, B, C; members except Cc owe defence; }\n",
         "unknown state or actor 'Cc'; did you mean 'C'?", 2, 49},
        {"state A, B, C;\norganisation O { member A, B, C; members owe defence to members except C, B, C; }\n",
         "'C' is named twice here", 2, 78},
        {"state A, B, C;\norganisation O { member A, B, C; members except C owe defence; members except C owe "
         "defense until 2000; }\n", "the members owe defence to the members in 'O' twice over overlapping dates", 2, 64},
        {"state A, B, C;\norganisation O { member A, B, C; members except C, B suspend defence to A since 2000; }\n",
         "a suspension names the parties that suspend (states or actors), not 'members'", 2, 34},
    };
    assert_each_rejected(cases, sizeof cases / sizeof cases[0]);
    W t;
    w_ok(&t, "state A, B, C, D;\norganisation O { member A, B, C;\n"
             "  members except C, A owe defence to members since 2009-12-01;\n"
             "  members owe defence to members until 2009-12-01;\n"          /* another obligation: no overlap */
             "  members owe non_aggression to members except B; }\n");
    const Obligation *ob = &t.w->obls.items[0];
    assert_string_equal(obl_text(t.w, ob), "O: members except C, A owe defence to members");
    assert_int_equal(except_obliged_of(ob)->n, 2);
    assert_true(except_obliged_of(ob)->items[0] < except_obliged_of(ob)->items[1]);
    assert_int_equal(except_beneficiaries_of(ob)->n, 0);
    assert_string_equal(obl_text(t.w, &t.w->obls.items[2]), "O: members owe non_aggression to members except B");
    assert_int_equal(except_beneficiaries_of(&t.w->obls.items[2])->items[0], world_find_name(t.w, "B"));
    assert_int_equal(t.diag.warnings, 0);
    w_free(&t);
    /* an excepted party that is never a member takes nothing away: a warning */
    w_load(&t, "state A, B, D;\norganisation O { member A, B;\n  members except D owe defence; }\n");
    assert_non_null(t.w);
    assert_int_equal(t.diag.errors, 0);
    const Diagnostic *warn = find_diag(&t.diag, DIAG_WARNING,
                                       "'D' is excepted from this obligation but is never a member of 'O'; the "
                                       "exception takes nothing away");
    assert_non_null(warn);
    assert_int_equal(loc_line(warn->loc), 3);
    w_free(&t);
}

static void test_wrong_clause_for_entity_kind(void **state)
{
    (void)state;
    static const Rejected cases[] = {
        {"state A;\nstate B { kind x; }\n", "'kind' does not apply to a state", 2, 11},
        {"state A;\nstate B { member A; }\n", "'member' does not apply to a state", 2, 11},
        {"state A;\nstate B { based_in A; }\n", "'based_in' does not apply to a state", 2, 11},
        {"state A;\norganisation O { borders A; }\n", "'borders' does not apply to an organisation", 2, 18},
        {"state A;\norganisation O { based_in A; }\n", "'based_in' does not apply to an organisation", 2, 18},
        {"state A;\nactor X { founded 1999; }\n", "'founded' does not apply to an actor", 2, 11},
        {"state A;\nactor X { borders A; }\n", "'borders' does not apply to an actor", 2, 11},
        {"state A;\nactor X { admission { require applicant is state; } }\n", "'admission' does not apply", 2, 11},
    };
    assert_each_rejected(cases, sizeof cases / sizeof cases[0]);
}

static void test_other_clause_checks(void **state)
{
    (void)state;
    W t;
    w_load(&t, "state A;\norganisation O { kind a; kind b; }\n");
    assert_rejected(&t, "'kind' is given twice", 2, 26);
    w_free(&t);

    w_load(&t, "state A;\norganisation O { founded 2001; dissolved 2000; }\n");
    assert_rejected(&t, "dissolved before it is founded", 2, 1);
    w_free(&t);

    /* dissolved on the founding day: it would never exist; one day later it exists for a day */
    w_load(&t, "state A;\norganisation O { founded 2001-03-04; dissolved 2001-03-04; }\n");
    assert_rejected(&t, "dissolved before it is founded", 2, 1);
    w_free(&t);
    w_ok(&t, "state A;\norganisation O { founded 2001-03-04; dissolved 2001-03-05; }\n");
    assert_int_equal(org_info(t.w, id_of(t.w, "O"))->dissolved, 20010305);
    w_free(&t);

    w_load(&t, "state A { borders A; }\n");
    assert_rejected(&t, "cannot border itself", 1, 19);
    w_free(&t);

    w_load(&t, "state A;\norganisation O { principle colective_defence; }\n");
    const Diagnostic *dg = assert_rejected(&t, "unknown principle", 2, 28);
    assert_non_null(strstr(dg->msg, "did you mean 'collective_defence'?"));
    w_free(&t);

    w_load(&t, "state A;\norganisation O { principle neutrality; principle neutrality; }\n");
    assert_rejected(&t, "given twice", 2, 40);
    w_free(&t);

    /* exclusive KIND is one principle per kind: two kinds are fine, a kind
     * twice is not, and another organisation may say the same */
    w_load(&t, "organisation P { principle exclusive k1; }\n"
               "organisation O { principle exclusive k1; principle exclusive k2; principle exclusive k1; }\n");
    assert_rejected(&t, "principle 'exclusive k1' is given twice for 'O'", 2, 66);
    assert_int_equal(t.diag.errors, 1);
    w_free(&t);

    w_load(&t, "state A;\norganisation O {\n  admission { require applicant is state; }\n"
               "  admission as member { require applicant is actor; }\n}\n");
    assert_rejected(&t, "two admission blocks", 4, 3);
    assert_non_null(find_diag(&t.diag, DIAG_NOTE, "first"));
    w_free(&t);

    /* the British spelling is canonical, the American one is accepted */
    w_ok(&t, "state A;\norganisation O { principle collective_defense; }\n");
    assert_int_equal(org_info(t.w, id_of(t.w, "O"))->principles.items[0].kind, PR_COLLECTIVE_DEFENCE);
    w_free(&t);
}

static void test_all_or_nothing(void **state)
{
    (void)state;
    W t;
    /* one mistake at the very end: nothing of the world is usable */
    w_load(&t, "state A, B, C;\n"
               "organisation O { member A, B, C; decides by majority; }\n"
               "scenario \"s\" { at 2020; expect members of O == {A, B, C}; }\n"
               "organisation P { member D; }\n");
    assert_null(t.lr.world);
    assert_non_null(t.lr.failed);
    assert_int_equal(t.diag.errors, 1);
    assert_rejected(&t, "unknown state or actor 'D'", 4, 25);
    /* the partial world is kept only for printing the diagnostics */
    assert_int_equal(t.lr.failed->sources.n, 1);
    w_free(&t);

    /* a syntax error: the resolver does not even run */
    w_load(&t, "state A;\nstate B { region 1; }\n");
    assert_null(t.lr.world);
    assert_non_null(t.lr.failed);
    assert_int_equal(t.lr.failed->ents.n, 1);          /* nothing declared */
    w_free(&t);

    /* a good world: world set, failed NULL */
    w_load(&t, "state A;\n");
    assert_non_null(t.lr.world);
    assert_null(t.lr.failed);
    w_free(&t);

    /* load_result_free is safe twice and on an empty result */
    LoadResult none = { NULL, NULL };
    load_result_free(&none);
    load_result_free(&none);
}

static void test_errors_before_do_not_count_against_a_load(void **state)
{
    (void)state;
    /* a Diag that already holds an error from elsewhere still lets a good world load */
    Diag d;
    diag_init(&d, NULL, 0);
    Loc none;
    memset(&none, 0, sizeof none);
    diag_error(&d, none, "an earlier problem");
    const char *text = "state A;\n";
    LoadResult lr = load_world_text("w.treaty", text, strlen(text), &d);
    assert_non_null(lr.world);
    assert_int_equal(d.errors, 1);
    load_result_free(&lr);
    diag_free(&d);
}

/* ----------------------------------------------------- lookups at dates */

static void test_role_of_over_time(void **state)
{
    (void)state;
    W t;
    w_ok(&t, CSTO_WORLD);
    /* leave-and-rejoin, with `until` exclusive */
    static const struct { Date d; Role want; } uz[] = {
        {19920514, ROLE_NONE}, {19920515, ROLE_MEMBER}, {19990401, ROLE_MEMBER},
        {19990402, ROLE_NONE}, {20060815, ROLE_NONE}, {20060816, ROLE_MEMBER},
        {20121219, ROLE_MEMBER}, {20121220, ROLE_NONE}, {20200101, ROLE_NONE},
    };
    for (size_t i = 0; i < sizeof uz / sizeof uz[0]; i++)
        if (role_at(&t, "Uzbekistan", "CSTO", uz[i].d) != uz[i].want)
            fail_msg("Uzbekistan in CSTO on %d: got %d, want %d", (int)uz[i].d,
                     (int)role_at(&t, "Uzbekistan", "CSTO", uz[i].d), (int)uz[i].want);
    assert_int_equal(role_at(&t, "Belarus", "CSTO", 19931230), ROLE_NONE);
    assert_int_equal(role_at(&t, "Belarus", "CSTO", 19931231), ROLE_MEMBER);
    assert_int_equal(role_at(&t, "Afghanistan", "CSTO", 20121231), ROLE_NONE);
    assert_int_equal(role_at(&t, "Afghanistan", "CSTO", 20130101), ROLE_OBSERVER);
    assert_int_equal(role_at(&t, "Afghanistan", "SCO", 20130101), ROLE_OBSERVER);
    assert_int_equal(role_at(&t, "Armenia", "SCO", 20160101), ROLE_PARTNER);
    assert_int_equal(role_at(&t, "Armenia", "SCO", 20141231), ROLE_NONE);
    assert_int_equal(role_at(&t, "China", "CSTO", 20160101), ROLE_NONE);

    /* *why points at the record behind the answer */
    Ctx c = ctx_at(&t, 20080101, 0);
    Loc why;
    memset(&why, 0, sizeof why);
    assert_int_equal(role_of(&c, id_of(t.w, "Uzbekistan"), id_of(t.w, "CSTO"), &why), ROLE_MEMBER);
    assert_int_equal(loc_line(why), 10);
    assert_int_equal(loc_col(why), 10);
    c.date = 19950101;
    role_of(&c, id_of(t.w, "Uzbekistan"), id_of(t.w, "CSTO"), &why);
    assert_int_equal(loc_line(why), 9);
    w_free(&t);
}

static void test_holders_and_orgs_held_over_time(void **state)
{
    (void)state;
    W t;
    w_ok(&t, CSTO_WORLD);
    assert_string_equal(holders(&t, "CSTO", ROLE_MEMBER, 19920514), "");
    assert_string_equal(holders(&t, "CSTO", ROLE_MEMBER, 19920515),
                        "Armenia, Kazakhstan, Kyrgyzstan, Russia, Tajikistan, Uzbekistan");
    assert_string_equal(holders(&t, "CSTO", ROLE_MEMBER, 20000101),
                        "Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia, Tajikistan");
    assert_string_equal(holders(&t, "CSTO", ROLE_MEMBER, 20080101),
                        "Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia, Tajikistan, Uzbekistan");
    assert_string_equal(holders(&t, "CSTO", ROLE_MEMBER, 20121220),
                        "Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia, Tajikistan");
    assert_string_equal(holders(&t, "CSTO", ROLE_OBSERVER, 20160101), "Afghanistan, Serbia");
    assert_string_equal(holders(&t, "CSTO", ROLE_OBSERVER, 20120101), "");
    assert_string_equal(holders(&t, "SCO", ROLE_PARTNER, 20160101), "Armenia");

    assert_string_equal(held(&t, "Uzbekistan", ROLE_MEMBER, 19950101), "CSTO");
    assert_string_equal(held(&t, "Uzbekistan", ROLE_MEMBER, 20020101), "SCO");
    assert_string_equal(held(&t, "Uzbekistan", ROLE_MEMBER, 20080101), "CSTO, SCO");
    assert_string_equal(held(&t, "Uzbekistan", ROLE_MEMBER, 20130101), "SCO");
    assert_string_equal(held(&t, "Afghanistan", ROLE_OBSERVER, 20160101), "CSTO, SCO");
    assert_string_equal(held(&t, "Afghanistan", ROLE_MEMBER, 20160101), "");
    assert_string_equal(held(&t, "Serbia", ROLE_PARTNER, 20160101), "");

    EntList l = { 0 };
    Ctx c = ctx_at(&t, 20080101, 0);
    holders_of(&c, id_of(t.w, "CSTO"), ROLE_MEMBER, &l);
    assert_true(entlist_has(&l, id_of(t.w, "Uzbekistan")));
    assert_false(entlist_has(&l, id_of(t.w, "China")));
    w_free(&t);
}

static void test_org_active(void **state)
{
    (void)state;
    W t;
    w_ok(&t, "state A;\n"
             "organisation O { founded 2000-06-15; dissolved 2010; member A; }\n"
             "organisation P { member A; }\n");
    EntId o = id_of(t.w, "O"), p = id_of(t.w, "P");
    Ctx c = ctx_at(&t, 20000614, 0);
    assert_false(org_active(&c, o));
    c.date = 20000615;
    assert_true(org_active(&c, o));
    c.date = 20091231;
    assert_true(org_active(&c, o));
    c.date = 20100101;                 /* dissolved on that day */
    assert_false(org_active(&c, o));
    c.date = 10101;
    assert_true(org_active(&c, p));    /* no dates: always */
    w_free(&t);
}

/* -------------------------------------------------------------- what-if */

static void test_overlay_joins_and_leaves(void **state)
{
    (void)state;
    W t;
    World *w = w_ok(&t, CSTO_WORLD);
    EntId csto = id_of(w, "CSTO"), sco = id_of(w, "SCO");
    EntId serbia = id_of(w, "Serbia"), armenia = id_of(w, "Armenia"), china = id_of(w, "China");
    const Date d = 20160901;

    /* an observer becomes a member */
    overlay_push(&t.ov, supp(SUP_JOIN, serbia, csto, ROLE_MEMBER, 0));
    assert_int_equal(t.ov.n, 1);
    assert_int_equal(role_at(&t, "Serbia", "CSTO", d), ROLE_MEMBER);
    assert_string_equal(holders(&t, "CSTO", ROLE_MEMBER, d),
                        "Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia, Serbia, Tajikistan");
    assert_string_equal(holders(&t, "CSTO", ROLE_OBSERVER, d), "Afghanistan");
    assert_string_equal(held(&t, "Serbia", ROLE_MEMBER, d), "CSTO");
    assert_string_equal(held(&t, "Serbia", ROLE_OBSERVER, d), "");

    /* a member leaves */
    overlay_push(&t.ov, supp(SUP_LEAVE, armenia, csto, ROLE_MEMBER, 0));
    assert_int_equal(role_at(&t, "Armenia", "CSTO", d), ROLE_NONE);
    assert_string_equal(holders(&t, "CSTO", ROLE_MEMBER, d),
                        "Belarus, Kazakhstan, Kyrgyzstan, Russia, Serbia, Tajikistan");
    assert_string_equal(held(&t, "Armenia", ROLE_MEMBER, d), "");
    assert_string_equal(held(&t, "Armenia", ROLE_PARTNER, d), "SCO");     /* other records stand */

    /* a new holder as partner */
    overlay_push(&t.ov, supp(SUP_JOIN, china, csto, ROLE_PARTNER, 0));
    assert_string_equal(holders(&t, "CSTO", ROLE_PARTNER, d), "China");
    assert_string_equal(held(&t, "China", ROLE_PARTNER, d), "CSTO");
    assert_string_equal(held(&t, "China", ROLE_MEMBER, d), "SCO");

    /* the newest supposition about a pair wins */
    overlay_push(&t.ov, supp(SUP_JOIN, armenia, csto, ROLE_OBSERVER, 0));
    assert_int_equal(role_at(&t, "Armenia", "CSTO", d), ROLE_OBSERVER);
    assert_string_equal(holders(&t, "CSTO", ROLE_OBSERVER, d), "Afghanistan, Armenia");
    overlay_push(&t.ov, supp(SUP_LEAVE, serbia, csto, ROLE_MEMBER, 0));
    assert_int_equal(role_at(&t, "Serbia", "CSTO", d), ROLE_NONE);
    assert_string_equal(holders(&t, "CSTO", ROLE_OBSERVER, d), "Afghanistan, Armenia");

    /* popping restores the state before */
    overlay_pop(&t.ov);
    assert_int_equal(role_at(&t, "Serbia", "CSTO", d), ROLE_MEMBER);
    overlay_pop(&t.ov);
    overlay_pop(&t.ov);
    overlay_pop(&t.ov);
    overlay_pop(&t.ov);
    assert_int_equal(t.ov.n, 0);
    overlay_pop(&t.ov);                          /* popping an empty layer is harmless */
    assert_int_equal(t.ov.n, 0);
    assert_int_equal(role_at(&t, "Serbia", "CSTO", d), ROLE_OBSERVER);
    assert_int_equal(role_at(&t, "Armenia", "CSTO", d), ROLE_MEMBER);

    /* the world itself never changed: a context without the layer agrees */
    overlay_push(&t.ov, supp(SUP_LEAVE, armenia, csto, ROLE_MEMBER, 0));
    Ctx plain = ctx_at(&t, d, 0);
    assert_int_equal(role_of(&plain, armenia, csto, NULL), ROLE_MEMBER);
    (void)sco;
    w_free(&t);
}

static void test_overlay_many_suppositions(void **state)
{
    (void)state;
    W t;
    World *w = w_ok(&t, CSTO_WORLD);
    EntId csto = id_of(w, "CSTO"), serbia = id_of(w, "Serbia");
    /* the layer grows past its first allocation */
    for (int i = 0; i < 100; i++)
        overlay_push(&t.ov, supp(i % 2 ? SUP_LEAVE : SUP_JOIN, serbia, csto, ROLE_MEMBER, 0));
    assert_int_equal(t.ov.n, 100);
    assert_true(t.ov.cap >= 100);
    assert_int_equal(role_at(&t, "Serbia", "CSTO", 20160101), ROLE_NONE);    /* last: leave */
    overlay_pop(&t.ov);
    assert_int_equal(role_at(&t, "Serbia", "CSTO", 20160101), ROLE_MEMBER);
    w_free(&t);
}

/* The overlay's index against a plain reading of the list: the newest
 * supposition about a pair wins, else the world's record at the date. */
static Role ref_role(const W *t, EntId who, EntId org, Date d)
{
    for (int i = t->ov.n - 1; i >= 0; i--) {
        const Supp *s = &t->ov.items[i];
        if (s->a == who && s->b == org && (s->kind == SUP_JOIN || s->kind == SUP_LEAVE))
            return s->kind == SUP_JOIN ? s->role : ROLE_NONE;
    }
    for (int i = 0; i < t->w->mems.n; i++) {
        const Membership *m = &t->w->mems.items[i];
        if (m->who == who && m->org == org && m->from <= d && d < m->until) return m->role;
    }
    return ROLE_NONE;
}

static Sym ref_kind(const W *t, EntId org)
{
    for (int i = t->ov.n - 1; i >= 0; i--)
        if (t->ov.items[i].kind == SUP_KIND && t->ov.items[i].a == org) return t->ov.items[i].kind_sym;
    return org_info(t->w, org)->org_kind;
}

/* Every lookup through the index agrees with ref_role()/ref_kind(). */
static void assert_overlay_agrees(W *t, int parties, int orgs)
{
    Ctx c = ctx_at(t, 20160101, 1);
    const Role roles[] = { ROLE_MEMBER, ROLE_OBSERVER };
    for (int o = 0; o < orgs; o++) {
        char on[16];
        snprintf(on, sizeof on, "O%d", o);
        EntId org = id_of(t->w, on);
        assert_int_equal(kind_of(&c, org, NULL), ref_kind(t, org));
        for (int r = 0; r < 2; r++) {
            EntList got = { 0 }, want = { 0 };
            holders_of(&c, org, roles[r], &got);
            for (int p = 0; p < parties; p++) {
                char pn[16];
                snprintf(pn, sizeof pn, "P%d", p);
                EntId who = id_of(t->w, pn);
                if (ref_role(t, who, org, 20160101) == roles[r]) vec_push(&t->scratch, &want, who);
                if (r == 0) assert_int_equal(role_of(&c, who, org, NULL), ref_role(t, who, org, 20160101));
            }
            sort_by_name(t->w, &want);
            assert_string_equal(names(t, &got), names(t, &want));
        }
    }
    for (int p = 0; p < parties; p++) {
        char pn[16];
        snprintf(pn, sizeof pn, "P%d", p);
        EntId who = id_of(t->w, pn);
        EntList got = { 0 }, want = { 0 };
        orgs_held(&c, who, ROLE_MEMBER, &got);
        for (int o = 0; o < orgs; o++) {
            char on[16];
            snprintf(on, sizeof on, "O%d", o);
            if (ref_role(t, who, id_of(t->w, on), 20160101) == ROLE_MEMBER) vec_push(&t->scratch, &want, id_of(t->w, on));
        }
        sort_by_name(t->w, &want);
        assert_string_equal(names(t, &got), names(t, &want));
    }
}

static void test_overlay_index_agrees_with_the_list(void **state)
{
    (void)state;
    enum { PARTIES = 40, ORGS = 6 };
    W t;
    char text[4096];
    size_t n = 0;
    for (int p = 0; p < PARTIES; p++) n += (size_t)snprintf(text + n, sizeof text - n, "state P%d;\n", p);
    for (int o = 0; o < ORGS; o++)
        n += (size_t)snprintf(text + n, sizeof text - n, "organisation O%d { kind k%d; member P%d, P%d; observer P%d; }\n",
                              o, o % 2, o, o + 1, o + 2);
    World *w = w_ok(&t, text);
    unsigned rng = 7;
    Sym kinds[2] = { intern_cstr(&w->names, "k0"), intern_cstr(&w->names, "k1") };
    for (int step = 0; step < 400; step++) {
        rng = rng * 1103515245u + 12345u;
        unsigned r = rng >> 8;
        char pn[16], on[16];
        snprintf(pn, sizeof pn, "P%u", r % 8);              /* few parties: pairs repeat */
        snprintf(on, sizeof on, "O%u", (r >> 4) % ORGS);
        EntId who = id_of(w, pn), org = id_of(w, on);
        switch ((r >> 8) % 6) {
        case 0: case 1: overlay_push(&t.ov, supp(SUP_JOIN, who, org, (r >> 12) % 2 ? ROLE_OBSERVER : ROLE_MEMBER, 0)); break;
        case 2: overlay_push(&t.ov, supp(SUP_LEAVE, who, org, ROLE_MEMBER, 0)); break;
        case 3: overlay_push(&t.ov, supp(SUP_KIND, org, ENT_NONE, ROLE_NONE, kinds[(r >> 12) % 2])); break;
        case 4: overlay_push(&t.ov, supp(SUP_ATTACK, who, id_of(w, "P9"), ROLE_MEMBER, 0)); break;
        case 5: overlay_pop(&t.ov); break;
        }
        if (step % 16 == 0) assert_overlay_agrees(&t, PARTIES, ORGS);
    }
    assert_overlay_agrees(&t, PARTIES, ORGS);
    /* n set directly (as the REPL does) is noticed: lookups read the list,
     * and the next push rebuilds the index */
    t.ov.n /= 2;
    assert_overlay_agrees(&t, PARTIES, ORGS);
    overlay_push(&t.ov, supp(SUP_JOIN, id_of(w, "P30"), id_of(w, "O0"), ROLE_MEMBER, 0));
    assert_overlay_agrees(&t, PARTIES, ORGS);
    assert_int_equal(role_at(&t, "P30", "O0", 20160101), ROLE_MEMBER);
    overlay_clear(&t.ov);
    assert_int_equal(t.ov.n, 0);
    assert_overlay_agrees(&t, PARTIES, ORGS);
    w_free(&t);
}

static void test_overlay_kind_change(void **state)
{
    (void)state;
    W t;
    World *w = w_ok(&t, CSTO_WORLD);
    EntId sco = id_of(w, "SCO"), csto = id_of(w, "CSTO");
    Sym forum = intern_cstr(&w->names, "regional_forum");
    Sym alliance = intern_cstr(&w->names, "military_alliance");
    Ctx c = ctx_at(&t, 20160101, 1);
    Loc why;
    memset(&why, 0, sizeof why);
    assert_int_equal(kind_of(&c, sco, &why), forum);
    assert_int_equal(loc_line(why), 18);                  /* the `kind` clause */

    Supp s = supp(SUP_KIND, sco, ENT_NONE, ROLE_NONE, alliance);
    s.loc.off = 99999;
    overlay_push(&t.ov, s);
    assert_int_equal(kind_of(&c, sco, &why), alliance);
    assert_int_equal(why.off, 99999);                    /* the supposition */
    assert_int_equal(kind_of(&c, csto, NULL), alliance);
    Ctx plain = ctx_at(&t, 20160101, 0);
    assert_int_equal(kind_of(&plain, sco, NULL), forum);
    overlay_pop(&t.ov);
    assert_int_equal(kind_of(&c, sco, NULL), forum);
    w_free(&t);
}

static void test_overlay_from_scenario_suppositions(void **state)
{
    (void)state;
    W t;
    char text[4096];
    snprintf(text, sizeof text, "%s%s", CSTO_WORLD,
             "scenario \"s\" {\n"
             "  suppose Uzbekistan joins CSTO;\n"
             "  suppose Afghanistan joins SCO as partner;\n"
             "  suppose Russia leaves SCO;\n"
             "  suppose SCO kind military_alliance;\n"
             "}\n");
    World *w = w_ok(&t, text);
    assert_int_equal(w->scenarios.n, 1);
    const Decl *d = w->scenarios.items[0].decl;
    assert_int_equal(d->items.n, 4);
    for (int i = 0; i < d->items.n; i++) {
        assert_int_equal(d->items.items[i]->kind, SI_SUPPOSE);
        overlay_push(&t.ov, supp_from_ast(w, &d->items.items[i]->sup, t.c.date));
    }
    assert_int_equal(t.ov.items[0].kind, SUP_JOIN);
    assert_int_equal(t.ov.items[0].a, id_of(w, "Uzbekistan"));
    assert_int_equal(t.ov.items[0].b, id_of(w, "CSTO"));
    assert_int_equal(t.ov.items[0].role, ROLE_MEMBER);            /* the default role */
    assert_int_equal(t.ov.items[1].role, ROLE_PARTNER);
    assert_int_equal(t.ov.items[2].kind, SUP_LEAVE);
    assert_int_equal(t.ov.items[3].kind, SUP_KIND);
    assert_int_equal(t.ov.items[3].a, id_of(w, "SCO"));
    assert_int_equal(t.ov.items[3].b, ENT_NONE);
    assert_int_equal(loc_line(t.ov.items[0].loc), 25);

    const Date d16 = 20160101;
    assert_int_equal(role_at(&t, "Uzbekistan", "CSTO", d16), ROLE_MEMBER);
    assert_int_equal(role_at(&t, "Afghanistan", "SCO", d16), ROLE_PARTNER);
    assert_string_equal(holders(&t, "SCO", ROLE_OBSERVER, d16), "");
    assert_string_equal(holders(&t, "SCO", ROLE_MEMBER, d16),
                        "China, Kazakhstan, Kyrgyzstan, Tajikistan, Uzbekistan");
    assert_string_equal(held(&t, "Russia", ROLE_MEMBER, d16), "CSTO");
    Ctx c = ctx_at(&t, d16, 1);
    assert_string_equal(sym_name(&w->names, kind_of(&c, id_of(w, "SCO"), NULL)), "military_alliance");
    w_free(&t);
}

static void test_sort_and_membership_helpers(void **state)
{
    (void)state;
    W t;
    World *w = w_ok(&t, "state Zeta, Alpha, Mu;\n");
    EntList l = { 0 };
    vec_push(&t.scratch, &l, id_of(w, "Zeta"));
    vec_push(&t.scratch, &l, id_of(w, "Alpha"));
    vec_push(&t.scratch, &l, id_of(w, "Mu"));
    sort_by_name(w, &l);
    assert_string_equal(names(&t, &l), "Alpha, Mu, Zeta");
    assert_true(entlist_has(&l, id_of(w, "Mu")));
    assert_false(entlist_has(&l, ENT_NONE));
    w_free(&t);
}

#include "places.h"
#include "conditions.h"

/* Nested areas are flattened with their periods intersected and merged;
 * a location is found by binary search. */
static void test_areas_flattened(void **state)
{
    (void)state;
    W t;
    w_ok(&t, "state A, B, C, D;\nplace P of A;\n"
             "area Inner { includes B; includes C from 1990 until 2000; includes C from 2000 until 2005; }\n"
             "area Outer { includes A, P; includes Inner since 1995; }\n"
             "area Empty { }\n");
    EntId a = world_find_name(t.w, "A"), b = world_find_name(t.w, "B"), c = world_find_name(t.w, "C"),
          d = world_find_name(t.w, "D"), p = world_find_name(t.w, "P"), inner = world_find_name(t.w, "Inner"),
          outer = world_find_name(t.w, "Outer"), empty = world_find_name(t.w, "Empty");
    assert_int_equal(ent(t.w, inner)->extra->incl.n, 2);    /* B, and C's two periods merged into one */
    assert_true(location_within(t.w, c, inner, 19900101));
    assert_true(location_within(t.w, c, inner, 20041231));
    assert_false(location_within(t.w, c, inner, 20050101));
    assert_false(location_within(t.w, c, inner, 19891231));
    assert_true(location_within(t.w, b, outer, 19950101));  /* through Inner, from 1995 */
    assert_false(location_within(t.w, b, outer, 19941231));
    assert_true(location_within(t.w, c, outer, 19960101));  /* both periods intersected */
    assert_false(location_within(t.w, c, outer, 19940101));
    assert_true(location_within(t.w, inner, outer, 20200101)); /* an area inside another */
    assert_true(location_within(t.w, p, outer, 20200101));
    assert_true(location_within(t.w, a, a, 20200101));          /* a state is its own territory */
    assert_false(location_within(t.w, p, a, 20200101));         /* not the places it holds */
    assert_false(location_within(t.w, d, outer, 20200101));
    assert_false(location_within(t.w, a, empty, 20200101));
    assert_int_equal(ent(t.w, p)->extra->held_by, a);
    w_free(&t);
    /* periods of one location merge only where they overlap or touch */
    w_ok(&t, "state A, X;\narea Z { includes A; includes X from 1990 until 1995; includes X from 2000 until 2005;\n"
             "  includes X from 2003 until 2010; }\n");
    EntId x = world_find_name(t.w, "X"), z = world_find_name(t.w, "Z");
    assert_true(location_within(t.w, x, z, 19940101));
    assert_false(location_within(t.w, x, z, 19970101));       /* the gap stays a gap */
    assert_true(location_within(t.w, x, z, 20080101));        /* overlapping periods merged */
    assert_false(location_within(t.w, x, z, 20100101));
    assert_int_equal(ent(t.w, z)->extra->incl.n, 3);           /* A, X 1990-1995, X 2000-2010 */
    w_free(&t);
    /* a period inside another does not shorten it */
    w_ok(&t, "state X;\narea Z { includes X from 2000 until 2010; includes X from 2003 until 2005; }\n");
    assert_true(location_within(t.w, world_find_name(t.w, "X"), world_find_name(t.w, "Z"), 20080101));
    w_free(&t);
}

static void test_areas_rejected(void **state)
{
    (void)state;
    static const Rejected cases[] = {
        {"state A;\narea X { includes Y; }\narea Y { includes X; }\n",
         "area 'Y' includes 'X', which includes 'Y' again: an area cannot include itself", 3, 19},
        {"state A;\narea X { includes X; }\n", "area 'X' cannot include itself", 2, 19},
        {"state A;\norganisation O { member A; }\narea X { includes O; }\n",
         "'O' is an organisation; an area includes states, places and areas", 3, 19},
        {"state A;\narea X { includes A from 2000 until 2000; }\n",
         "this inclusion's period is empty: until 2000-01-01 is not after 2000-01-01", 2, 10},
        {"state A;\nplace P of Q;\n", "unknown state 'Q'", 2, 12},
        {"state A;\nconflict W from 2000 until 1990;\n",
         "this conflict's period is empty: until 1990-01-01 is not after 2000-01-01", 2, 12},
        {"state A;\narea X { member A; }\n", "'member' does not apply to an area ('X')", 2, 10},
        {"state A;\nplace P;\norganisation O { member A, P; }\n",
         "'P' is a place; a state or an actor is needed here", 3, 28},
    };
    assert_each_rejected(cases, sizeof cases / sizeof cases[0]);
    /* a long chain of areas is walked without recursion; flattening it
     * lists each area in every area above it, so the count is bounded */
    enum { CHAIN = 1000 };
    size_t cap = (size_t)CHAIN * 40 + 64, len = 0;
    char *text = xmalloc(cap);
    len += (size_t)snprintf(text + len, cap - len, "state S;\narea A0 { includes S; }\n");
    for (int i = 1; i < CHAIN; i++) len += (size_t)snprintf(text + len, cap - len, "area A%d { includes A%d; }\n", i, i - 1);
    W t;
    w_ok(&t, text);
    EntId top = world_find_name(t.w, "A999"), s0 = world_find_name(t.w, "S");
    assert_true(location_within(t.w, s0, top, 20200101));
    assert_int_equal(ent(t.w, top)->extra->incl.n, CHAIN);
    w_free(&t);
    /* ten times longer: past the bound, a clear error */
    cap = (size_t)CHAIN * 10 * 40 + 64;
    len = 0;
    text = xrealloc(text, cap);
    len += (size_t)snprintf(text + len, cap - len, "state S;\narea A0 { includes S; }\n");
    for (int i = 1; i < CHAIN * 10; i++) len += (size_t)snprintf(text + len, cap - len, "area A%d { includes A%d; }\n", i, i - 1);
    w_load(&t, text);
    assert_null(t.w);
    assert_non_null(find_diag(&t.diag, DIAG_ERROR, "the areas include more than 4194304 locations"));
    assert_int_equal(t.diag.errors, 1);                         /* flattening stops there */
    w_free(&t);
    free(text);
}

/* Conditions are resolved, sorted by kind, and make obligations differ. */
static void test_conditions_resolved(void **state)
{
    (void)state;
    static const Rejected cases[] = {
        {"state A, B, C;\norganisation O { member A, B; members owe defence in Z; }\n",
         "unknown place or area 'Z'", 2, 54},
        {"state A, B, C;\norganisation O { member A, B; members owe defence against at least 3 of A, C; }\n",
         "at least 3 of 2 parties can never attack: this condition is never met", 2, 51},
        {"state A, B, C;\norganisation O { member A, B; members owe defence unless provoked unless provoked; }\n",
         "this obligation already has a condition 'unless provoked' (write two obligations for \"either\")", 2, 67},
        {"state A, B, C;\norganisation O { member A, B; members owe defence during A; }\n",
         "'A' is a state, not a conflict", 2, 58},
        {"state A, B;\norganisation O { member A, B; members owe defence in B unless provoked;\n"
         "  members owe defence until 2000 unless provoked in B; }\n",
         "the members owe defence to the members in 'O' twice over overlapping dates", 3, 3},
        /* a principle is the obligation it stands for, `against outsiders` included */
        {"state A, B;\norganisation O { member A, B; principle collective_defence;\n"
         "  members owe defence to members against outsiders; }\n",
         "the members owe defence to the members in 'O' twice over overlapping dates", 3, 3},
        /* a condition in error drops its obligation: no second error from an
         * obligation that would otherwise be the same as the next one */
        {"state A, B;\norganisation O { member A, B; members owe defence against Zz;\n  members owe defence; }\n",
         "unknown state or actor 'Zz'", 2, 59},
        {"state A, B;\norganisation O { member A, B; members owe defence against A, A;\n  members owe defence; }\n",
         "'A' is named twice in this condition", 2, 62},
        {"state A, B;\norganisation O { member A, B; members owe defence against at least 0;\n  members owe defence; }\n",
         "the number of attackers is a whole number from 1 to 1000000", 2, 51},
        {"state A, B;\norganisation O { member A, B; members owe defence against at least 1.5;\n"
         "  members owe defence; }\n", "the number of attackers is a whole number from 1 to 1000000", 2, 51},
        {"state A, B;\norganisation O { member A, B; members owe defence against at least 1000001;\n"
         "  members owe defence; }\n", "the number of attackers is a whole number from 1 to 1000000", 2, 51},
        {"state A, B;\norganisation O { member A, B; members owe defence against at least 2 of A, Zz;\n"
         "  members owe defence; }\n", "unknown state or actor 'Zz'", 2, 76},
        {"state A, B;\norganisation O { member A, B; members owe defence against at least 3 of A, B;\n"
         "  members owe defence; }\n", "at least 3 of 2 parties can never attack: this condition is never met", 2, 51},
        {"state A, B;\norganisation O { member A, B; members owe defence in Zz;\n  members owe defence; }\n",
         "unknown place or area 'Zz'", 2, 54},
        {"state A, B;\norganisation O { member A, B; members owe defence during A;\n  members owe defence; }\n",
         "'A' is a state, not a conflict", 2, 58},
        {"state A, B;\norganisation O { member A, B; members owe defence unless provoked unless provoked;\n"
         "  members owe defence unless provoked; }\n",
         "this obligation already has a condition 'unless provoked' (write two obligations for \"either\")", 2, 67},
        /* a typo of a place is hinted from every sort, not only areas */
        {"state A, B;\nplace Falklands;\norganisation O { member A, B; members owe defence in Falklnds; }\n",
         "unknown place or area 'Falklnds'; did you mean 'Falklands'?", 3, 54},
    };
    assert_each_rejected(cases, sizeof cases / sizeof cases[0]);
    W t;
    w_ok(&t, "state A, B, C;\nconflict W;\norganisation O { member A, B;\n"
             "  members owe defence after demands during W against C in B;\n"
             "  members owe defence until 2000 in B;\n  members owe defence against outsiders; }\n");
    const Obligation *ob = &t.w->obls.items[0];
    assert_int_equal(ob->conds.n, 4);
    assert_int_equal(ob->conds.items[0].kind, CD_AGAINST);
    assert_int_equal(ob->conds.items[1].kind, CD_IN);
    assert_int_equal(ob->conds.items[2].kind, CD_DURING);
    assert_int_equal(ob->conds.items[3].kind, CD_AFTER_DEMANDS);
    assert_string_equal(obl_text(t.w, ob), "O: members owe defence to members after demands during W against C in B");
    assert_true(t.w->obls.items[2].outsiders);
    assert_int_equal(t.w->obls.items[2].conds.n, 0);
    w_free(&t);
    /* obligations that differ only in their conditions are not the same */
    w_ok(&t, "state A, B;\nplace P1;\nplace P2;\norganisation O { member A, B;\n"
             "  members owe defence in P2;\n  members owe defence in P1;\n  members owe defence in P1 unless provoked;\n"
             "  members owe defence against A, B;\n  members owe defence against A;\n"
             "  members owe defence against B; }\n");
    assert_int_equal(t.w->obls.n, 6);
    w_free(&t);
    /* a condition naming very many adversaries: its text is built in one
     * pass (it was built name by name, in time quadratic in the names) */
    {
        enum { MANY = 20000 };
        size_t cap = (size_t)MANY * 20 + 200, len = 0;
        char *text = xmalloc(cap);
        len += (size_t)snprintf(text + len, cap - len, "state A, B");
        for (int i = 0; i < MANY; i++) len += (size_t)snprintf(text + len, cap - len, ", S%d", i);
        len += (size_t)snprintf(text + len, cap - len, ";\norganisation O { member A, B; members owe defence against S0");
        for (int i = 1; i < MANY; i++) len += (size_t)snprintf(text + len, cap - len, ", S%d", i);
        snprintf(text + len, cap - len, "; }\n");
        w_ok(&t, text);
        const Condition *c = &t.w->obls.items[0].conds.items[0];
        assert_int_equal(c->names.n, MANY);
        assert_true(strncmp(c->text, "against S0, S1, ", 16) == 0);
        assert_true(strlen(c->text) > (size_t)MANY * 4);
        w_free(&t);
        free(text);
    }
    /* the greatest count allowed, and the texts of conditions as written */
    w_ok(&t, "state A, B, C;\norganisation O { member A, B;\n"
             "  members owe defence against at least 1000000;\n  members owe defence against C, A; }\n");
    assert_int_equal(t.w->obls.items[0].conds.items[0].count, 1000000);
    assert_string_equal(t.w->obls.items[1].conds.items[0].text, "against C, A");
    assert_true(t.w->obls.items[1].conds.items[0].names.items[0] < t.w->obls.items[1].conds.items[0].names.items[1]);
    w_free(&t);
}

/* A measure's value on a date: declared in any order, with gaps, beside
 * other measures. */
static void test_measures_by_date(void **state)
{
    (void)state;
    W t;
    w_ok(&t, "state A { measure pop 3 from 2010 until 2020; measure gdp 7; measure pop 1 until 2000;\n"
             "  measure pop 2 from 2000 until 2005; measure zzz 9 since 2001; }\nstate B;\n");
    EntId a = world_find_name(t.w, "A"), b = world_find_name(t.w, "B");
    Sym pop = intern_lookup(&t.w->names, "pop", 3), gdp = intern_lookup(&t.w->names, "gdp", 3);
    int found;
    assert_true(measure_at(t.w, a, pop, 19990101, &found) == 1 && found);
    assert_true(measure_at(t.w, a, pop, 20000101, &found) == 2 && found);
    assert_true(measure_at(t.w, a, pop, 20070101, &found) == 0 && !found);    /* the gap 2005-2010 */
    assert_true(measure_at(t.w, a, pop, 20190101, &found) == 3 && found);
    assert_true(measure_at(t.w, a, pop, 20200101, &found) == 0 && !found);
    assert_true(measure_at(t.w, a, gdp, 20200101, &found) == 7 && found);
    assert_true(measure_at(t.w, b, pop, 20200101, &found) == 0 && !found);
    w_free(&t);
}

/* Ratifications and accession records, written in any order and apart
 * (`for ORG:`), are found by binary search; a `by DATE` ratification is
 * unsure before DATE and done from it. */
static void test_ratifications_and_accessions(void **state)
{
    (void)state;
    W t;
    World *w = w_ok(&t, "state A, B, C, D, X, Y;\n"
                        "organisation O {\n"
                        "  member A, B, C, D;\n"
                        "  Y is invited at 2020-03-01;\n"
                        "  D ratifies admission of Y by 2020-05-31;\n"
                        "  C, A ratify admission of X at 2020-04-01;\n"
                        "  X applies at 2020-01-01;\n"
                        "  B ratifies admission of Y at 2020-04-15;\n"
                        "}\n"
                        "for O: Y applies at 2020-02-01;\n");
    EntId o = world_find_name(w, "O"), a = world_find_name(w, "A"), b = world_find_name(w, "B");
    EntId c = world_find_name(w, "C"), d = world_find_name(w, "D");
    EntId x = world_find_name(w, "X"), y = world_find_name(w, "Y");
    const OrgInfo *oi = org_info(w, o);
    assert_int_equal(oi->rare->ratifications.n, 4);
    assert_int_equal(oi->rare->accessions.n, 2);

    const Accession *ax = accession_of(oi, x), *ay = accession_of(oi, y);
    assert_non_null(ax);
    assert_int_equal(ax->applied, 20200101);
    assert_int_equal(ax->invited, DATE_NONE);
    assert_non_null(ay);
    assert_int_equal(ay->applied, 20200201);       /* joined with its invitation, written apart */
    assert_int_equal(ay->invited, 20200301);
    assert_null(accession_of(oi, a));

    const Ratification *ca = ratification_of(oi, x, c);
    assert_non_null(ca);
    assert_int_equal(ca->date, 20200401);
    assert_int_equal(ca->bound, 0);
    assert_non_null(ratification_of(oi, x, a));
    assert_null(ratification_of(oi, x, b));
    assert_null(ratification_of(oi, x, d));
    assert_null(ratification_of(oi, a, c));

    assert_int_equal(ratified_on(ca, 20200331), RATIFIED_NOT_YET);
    assert_int_equal(ratified_on(ca, 20200401), RATIFIED);
    assert_int_equal(ratified_on(NULL, 20990101), RATIFIED_NOT_YET);
    const Ratification *dy = ratification_of(oi, y, d);
    assert_non_null(dy);
    assert_int_equal(dy->bound, 1);
    assert_int_equal(ratified_on(dy, 20200101), RATIFIED_UNSURE);   /* even before the invitation */
    assert_int_equal(ratified_on(dy, 20200530), RATIFIED_UNSURE);
    assert_int_equal(ratified_on(dy, 20200531), RATIFIED);
    assert_int_equal(ratified_on(ratification_of(oi, y, b), 20200414), RATIFIED_NOT_YET);
    w_free(&t);
}

/* sort_by_name() orders by the names' ranks once the world is indexed, and
 * by the names themselves before: the same order, short lists and long,
 * with entity 0 ("nobody") among them. */
static void test_sort_by_name_with_and_without_ranks(void **state)
{
    (void)state;
    W t;
    World *w = w_ok(&t, "state Zeta, alpha, Mu, beta_2, B, a, Omega, nu, Kappa, iota, Eta, theta, Delta, gamma,\n"
                        "  Xi, omicron, Pi, rho, Sigma, tau;\n");
    assert_non_null(w->name_rank);
    for (int len = 2; len <= (int)w->ents.n; len += 9) {
        EntList ranked = { 0 }, plain = { 0 };
        for (int i = len - 1; i >= 0; i--) {        /* backwards: every list needs sorting */
            EntId e = (EntId)((i * 7) % (int)w->ents.n);
            vec_push(&t.scratch, &ranked, e);
            vec_push(&t.scratch, &plain, e);
        }
        sort_by_name(w, &ranked);
        uint32_t *keep = w->name_rank;
        w->name_rank = NULL;                         /* as while the world is read */
        sort_by_name(w, &plain);
        w->name_rank = keep;
        for (int i = 0; i < len; i++) assert_int_equal(ranked.items[i], plain.items[i]);
        for (int i = 1; i < len; i++)
            assert_true(strcmp(ent_name(w, ranked.items[i - 1]), ent_name(w, ranked.items[i])) <= 0);
    }
    w_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entities_found_by_name),
        cmocka_unit_test(test_sort_by_name_with_and_without_ranks),
        cmocka_unit_test(test_declaration_order_does_not_matter),
        cmocka_unit_test(test_memberships_indexed_both_ways),
        cmocka_unit_test(test_overlapping_memberships_rejected),
        cmocka_unit_test(test_adjacent_memberships_accepted),
        cmocka_unit_test(test_empty_interval_rejected),
        cmocka_unit_test(test_duplicate_declarations_rejected_with_note),
        cmocka_unit_test(test_unknown_names_with_suggestions),
        cmocka_unit_test(test_world_suggest),
        cmocka_unit_test(test_names_interned_after_the_index),
        cmocka_unit_test(test_world_suggest_at_the_longest_length),
        cmocka_unit_test(test_world_suggest_is_bounded),
        cmocka_unit_test(test_resolve_stops_at_the_error_limit),
        cmocka_unit_test(test_budget_shares_checked),
        cmocka_unit_test(test_rare_fields_kept_apart),
        cmocka_unit_test(test_export_years_in_range),
        cmocka_unit_test(test_share_of_a_non_member_warned),
        cmocka_unit_test(test_rule_with_many_parameters),
        cmocka_unit_test(test_wrong_clause_for_entity_kind),
        cmocka_unit_test(test_other_clause_checks),
        cmocka_unit_test(test_all_or_nothing),
        cmocka_unit_test(test_errors_before_do_not_count_against_a_load),
        cmocka_unit_test(test_role_of_over_time),
        cmocka_unit_test(test_holders_and_orgs_held_over_time),
        cmocka_unit_test(test_org_active),
        cmocka_unit_test(test_overlay_joins_and_leaves),
        cmocka_unit_test(test_overlay_many_suppositions),
        cmocka_unit_test(test_overlay_index_agrees_with_the_list),
        cmocka_unit_test(test_overlay_kind_change),
        cmocka_unit_test(test_overlay_from_scenario_suppositions),
        cmocka_unit_test(test_sort_and_membership_helpers),
        cmocka_unit_test(test_obligations_declared_and_indexed),
        cmocka_unit_test(test_obligations_rejected),
        cmocka_unit_test(test_obligations_accepted),
        cmocka_unit_test(test_suspensions_rejected),
        cmocka_unit_test(test_suspensions_indexed),
        cmocka_unit_test(test_for_clauses_rejected),
        cmocka_unit_test(test_for_clauses_joined),
        cmocka_unit_test(test_suspended_members_rejected),
        cmocka_unit_test(test_suspended_members_found),
        cmocka_unit_test(test_notice_rejected),
        cmocka_unit_test(test_notice_ends_membership),
        cmocka_unit_test(test_terms_rejected),
        cmocka_unit_test(test_terms_end_memberships),
        cmocka_unit_test(test_exceptions_declared),
        cmocka_unit_test(test_areas_flattened),
        cmocka_unit_test(test_areas_rejected),
        cmocka_unit_test(test_conditions_resolved),
        cmocka_unit_test(test_measures_by_date),
        cmocka_unit_test(test_ratifications_and_accessions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
