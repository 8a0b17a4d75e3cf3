/* fuzz_rules.c — libFuzzer target: well-typed programs of rules and
 * quantifiers, generated from the input bytes, then evaluated under a small
 * budget.
 *
 * Arbitrary bytes rarely get past the type checker, so this target reads
 * its input as a list of choices and writes a program that checks: states,
 * two organisations, four rules whose bodies call each other and
 * themselves (recursion, mutual recursion), sets nested inside sets,
 * quantifiers over members and over sets, arithmetic that may divide by
 * zero, and a scenario of queries and expectations over all of it.  Every
 * query runs with a budget of 20,000 steps and 4 MiB, so each input ends
 * quickly: what is under test is that no evaluation crashes, recurses
 * without bound, leaks, or prints something invalid (text and JSON). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "treaty.h"

typedef enum { TY_BOOL, TY_NUM, TY_SET, TY_ENT, TY_COUNT } Ty;

enum { NRULES = 4, MAXPARAMS = 3, MAXDEPTH = 6, MAXVARS = 8 };

typedef struct Sig { Ty ret; int nparams; Ty params[MAXPARAMS]; } Sig;
typedef struct Var { char name[8]; Ty ty; } Var;

typedef struct Gen {
    const uint8_t *d;
    size_t n, i;
    char *out;
    size_t len, cap;
    Sig rules[NRULES];
    Var vars[MAXVARS];
    int nvars, fresh;
} Gen;

static unsigned pick(Gen *g, unsigned k)
{
    return g->i < g->n ? g->d[g->i++] % k : 0;
}

static void put(Gen *g, const char *s)
{
    size_t n = strlen(s);
    if (g->len + n + 1 > g->cap) {
        g->cap = (g->len + n + 1) * 2;
        g->out = realloc(g->out, g->cap);
        if (!g->out) abort();
    }
    memcpy(g->out + g->len, s, n + 1);
    g->len += n;
}

static void gen(Gen *g, Ty t, int depth);

static const char *const states[] = { "S0", "S1", "S2", "S3", "S4" };
static const char *const orgs[] = { "O", "P" };

/* A variable of type t in scope, or NULL. */
static const char *var_of(Gen *g, Ty t)
{
    int found[MAXVARS], n = 0;
    for (int i = 0; i < g->nvars; i++) if (g->vars[i].ty == t) found[n++] = i;
    return n ? g->vars[found[pick(g, (unsigned)n)]].name : NULL;
}

/* A call to a rule that returns t, with arguments of the parameters' types. */
static int call_rule(Gen *g, Ty t, int depth)
{
    int cands[NRULES], n = 0;
    for (int r = 0; r < NRULES; r++) if (g->rules[r].ret == t) cands[n++] = r;
    if (!n) return 0;
    int r = cands[pick(g, (unsigned)n)];
    char head[8];
    snprintf(head, sizeof head, "r%d(", r);
    put(g, head);
    for (int p = 0; p < g->rules[r].nparams; p++) {
        if (p) put(g, ", ");
        gen(g, g->rules[r].params[p], depth + 1);
    }
    put(g, ")");
    return 1;
}

/* `all v in SET: BODY` with v bound to the members of an organisation or
 * to the elements of a set of states. */
static void quantifier(Gen *g, int depth)
{
    put(g, pick(g, 2) ? "(all " : "(some ");
    char name[8];
    snprintf(name, sizeof name, "v%d", g->fresh++ % 100);
    put(g, name);
    put(g, " in ");
    if (pick(g, 2)) { put(g, "members("); put(g, orgs[pick(g, 2)]); put(g, ")"); }
    else {
        put(g, "{");
        int k = 1 + (int)pick(g, 3);
        for (int i = 0; i < k; i++) { if (i) put(g, ", "); gen(g, TY_ENT, depth + 1); }
        put(g, "}");
    }
    put(g, ": ");
    if (g->nvars < MAXVARS) {
        Var v;
        memcpy(v.name, name, sizeof name);
        v.ty = TY_ENT;
        g->vars[g->nvars++] = v;
        gen(g, TY_BOOL, depth + 1);
        g->nvars--;
    } else gen(g, TY_BOOL, depth + 1);
    put(g, ")");
}

static void leaf(Gen *g, Ty t)
{
    const char *v = pick(g, 2) ? var_of(g, t) : NULL;
    if (v) { put(g, v); return; }
    switch (t) {
    case TY_BOOL: put(g, pick(g, 2) ? "true" : "false"); break;
    case TY_NUM: {
        static const char *const nums[] = { "0", "1", "2", "3", "0.1", "0.2", "0.3", "100", "1.0000000001", "50" };
        put(g, nums[pick(g, 10)]);
        break;
    }
    case TY_SET: put(g, pick(g, 2) ? "members(O)" : "{}"); break;
    case TY_ENT: case TY_COUNT: put(g, states[pick(g, 5)]); break;
    }
}

static void gen(Gen *g, Ty t, int depth)
{
    if (depth >= MAXDEPTH) { leaf(g, t); return; }
    unsigned c = pick(g, 8);
    if (c == 7 && call_rule(g, t, depth)) return;
    switch (t) {
    case TY_BOOL:
        switch (c % 7) {
        case 0: leaf(g, t); break;
        case 1: put(g, "("); gen(g, TY_BOOL, depth + 1); put(g, pick(g, 2) ? " and " : " or ");
                gen(g, TY_BOOL, depth + 1); put(g, ")"); break;
        case 2: {
            static const char *const ops[] = { " == ", " != ", " < ", " <= ", " > ", " >= " };
            put(g, "("); gen(g, TY_NUM, depth + 1); put(g, ops[pick(g, 6)]); gen(g, TY_NUM, depth + 1); put(g, ")");
            break;
        }
        case 3: put(g, "("); gen(g, TY_ENT, depth + 1); put(g, " in "); gen(g, TY_SET, depth + 1); put(g, ")"); break;
        case 4: quantifier(g, depth); break;
        case 5: put(g, "("); gen(g, TY_SET, depth + 1); put(g, pick(g, 2) ? " == " : " != ");
                gen(g, TY_SET, depth + 1); put(g, ")"); break;
        default: put(g, "member_of("); gen(g, TY_ENT, depth + 1); put(g, ", "); put(g, orgs[pick(g, 2)]);
                 put(g, ")"); break;
        }
        break;
    case TY_NUM:
        switch (c % 4) {
        case 0: leaf(g, t); break;
        case 1: {
            static const char *const ops[] = { " + ", " - ", " * ", " / " };
            put(g, "("); gen(g, TY_NUM, depth + 1); put(g, ops[pick(g, 4)]); gen(g, TY_NUM, depth + 1); put(g, ")");
            break;
        }
        case 2: put(g, "count("); gen(g, TY_SET, depth + 1); put(g, ")"); break;
        default: put(g, "share("); gen(g, TY_ENT, depth + 1); put(g, ", "); put(g, orgs[pick(g, 2)]); put(g, ")");
                 break;
        }
        break;
    case TY_SET:
        switch (c % 3) {
        case 0: leaf(g, t); break;
        default: {                  /* sets of anything, sets inside sets */
            put(g, "{");
            int k = (int)pick(g, 4);
            for (int i = 0; i < k; i++) { if (i) put(g, ", "); gen(g, (Ty)pick(g, TY_COUNT), depth + 1); }
            put(g, "}");
        }
        }
        break;
    case TY_ENT: case TY_COUNT: leaf(g, TY_ENT); break;
    }
}

static char *generate(const uint8_t *data, size_t size)
{
    Gen g;
    memset(&g, 0, sizeof g);
    g.d = data;
    g.n = size;
    put(&g, "state S0, S1, S2, S3, S4;\n"
            "organisation O { member S0, S1, S2 since 2000; observer S3 since 2001;\n"
            "  budget 100 EUR { S0 50%; } decides by weighted by budget; }\n"
            "organisation P { member S2, S3, S4 from 2005 until 2020; decides by consensus; }\n");
    for (int r = 0; r < NRULES; r++) {
        g.rules[r].ret = (Ty)pick(&g, TY_ENT + 1);
        g.rules[r].nparams = (int)pick(&g, MAXPARAMS + 1);
        for (int p = 0; p < g.rules[r].nparams; p++) g.rules[r].params[p] = (Ty)pick(&g, TY_ENT + 1);
    }
    for (int r = 0; r < NRULES; r++) {
        char head[32];
        snprintf(head, sizeof head, "rule r%d(", r);
        put(&g, head);
        g.nvars = 0;
        for (int p = 0; p < g.rules[r].nparams; p++) {
            Var v;
            snprintf(v.name, sizeof v.name, "p%d", p);
            v.ty = g.rules[r].params[p];
            g.vars[g.nvars++] = v;
            if (p) put(&g, ", ");
            put(&g, v.name);
        }
        put(&g, ") = ");
        gen(&g, g.rules[r].ret, 0);
        put(&g, ";\n");
    }
    g.nvars = 0;
    put(&g, "scenario \"generated\" {\n  at 2010;\n");
    for (int q = 0; q < 4; q++) {
        put(&g, pick(&g, 2) ? "  expect eval " : "  query eval ");
        gen(&g, pick(&g, 2) ? TY_BOOL : (Ty)pick(&g, TY_ENT + 1), 0);
        put(&g, ";\n");
    }
    put(&g, "}\n");
    return g.out;
}

static FILE *sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!sink) sink = fopen("/dev/null", "w");
    char *text = generate(data, size);
    if (getenv("FUZZ_RULES_SHOW")) fputs(text, stderr);
    Diag d;
    diag_init(&d, NULL, 0);
    LoadResult lr = load_world_text("rules.treaty", text, strlen(text), &d);
    if (lr.world) {
        EvalLimits lim = { 20000, (size_t)4 << 20 };
        for (int f = 0; f < 2; f++) {
            Output *out = output_new(f ? FMT_JSON : FMT_TEXT, sink, 0, "run");
            RunStats st = { 0, 0, 0 };
            for (int i = 0; i < lr.world->scenarios.n; i++)
                scenario_run_at(lr.world, &lr.world->scenarios.items[i], out, &d, &st, 20100101, &lim);
            output_summary(out, st.passed, st.failed, -1, 0);   /* no --run */
            output_diagnostics(out, &d);
            output_finish(out);
            output_free(out);
        }
    }
    load_result_free(&lr);
    diag_free(&d);
    free(text);
    return 0;
}
