/* session.c — the REPL's engine: statements, layers, diff, why, show, save. */
#include "session.h"
#include "load.h"
#include "parse.h"
#include "query.h"
#include "resolve.h"
#include "scenario.h"
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

typedef VEC(char *) TextList;        /* malloc-owned strings in a malloc-owned array */

struct Session {
    FILE *out, *err;
    int color;
    Format fmt;
    Diag diag;
    World *w;
    Output *o;                       /* text printer for full results (why) */
    /* what the world is built from, in order */
    TextList paths;                  /* loaded files, as given */
    TextList decl_texts;             /* declarations typed at the prompt (blank-padded) */
    TextList decl_names;             /* their source names */
    VEC(int) decl_bases;
    TextList decl_raw;               /* the same, as typed, for .save */
    /* the what-if layers, as typed, re-read after each rebuild */
    TextList sups;
    Overlay ov;
    Date date;
    TextList queries;                /* queries asked so far (for diff and .save) */
    Arena scratch;                   /* the last result lives here, until the next query */
    Result *last;                    /* points into the world: dropped when the world is rebuilt */
    int last_dropped;
    Arena tmp;                       /* diff and show: freed at their start */
    const char **names;              /* completion list */
    int nnames;
    int output_failed;               /* a JSON line could not be written */
    int generation;                  /* how many times the world was rebuilt */
};

/* A TextList keeps its own malloc'd copies; xmalloc exits on failure. */
static void texts_push(TextList *l, const char *s, size_t n)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->items = xrealloc(l->items, (size_t)l->cap * sizeof *l->items);
    }
    char *c = xmalloc(n + 1);
    memcpy(c, s, n);
    c[n] = '\0';
    l->items[l->n++] = c;
}

static void texts_free(TextList *l)
{
    for (int i = 0; i < l->n; i++) free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

Session *session_new(FILE *out, FILE *err, int color)
{
    Session *s = xcalloc(1, sizeof *s);
    s->out = out;
    s->err = err;
    s->color = color;
    s->fmt = FMT_TEXT;
    diag_init(&s->diag, err, color);
    overlay_init(&s->ov);
    arena_init(&s->scratch);
    arena_init(&s->tmp);
    s->date = date_today();
    s->o = output_new(FMT_TEXT, out, color, "repl");
    World *w = world_new();             /* an empty world until something loads */
    resolve_world(w, &s->diag);
    s->w = w;
    return s;
}

void session_free(Session *s)
{
    if (!s) return;
    world_free(s->w);
    output_free(s->o);
    diag_free(&s->diag);
    overlay_free(&s->ov);
    arena_free(&s->scratch);
    arena_free(&s->tmp);
    texts_free(&s->paths);
    texts_free(&s->decl_texts);
    texts_free(&s->decl_names);
    texts_free(&s->decl_raw);
    texts_free(&s->sups);
    texts_free(&s->queries);
    free(s->decl_bases.items);
    free(s->names);
    free(s);
}

int session_layers(const Session *s) { return s->ov.n; }
/* In JSON mode, diagnostics are kept and printed as JSON lines on the
 * output (emit_diagnostics) rather than as text on the error stream. */
void session_set_format(Session *s, Format f)
{
    s->fmt = f;
    s->diag.out = f == FMT_JSON ? NULL : s->err;
}

/* One JSON line, with its "type" last unless it has one; a line that
 * cannot be written is remembered (session_output_failed). Takes the
 * reference to j. */
static void put_json(Session *s, json_t *j, const char *type)
{
    if (!json_object_get(j, "type")) json_object_set_new(j, "type", json_string(type));
    if (json_dumpf(j, s->out, JSON_COMPACT | JSON_PRESERVE_ORDER) != 0) s->output_failed = 1;
    fputc('\n', s->out);
    json_decref(j);
}

int session_output_failed(const Session *s) { return s->output_failed || ferror(s->out); }

static void emit_diagnostics(Session *s)
{
    if (s->fmt != FMT_JSON) return;
    for (int i = 0; i < s->diag.n; i++) put_json(s, json_diagnostic(&s->diag.items[i]), "diagnostic");
    diag_clear(&s->diag);
}
void session_set_date(Session *s, Date d) { s->date = d; }

static void reset_diag(Session *s)
{
    /* Errors never accumulate towards the cap across inputs. */
    diag_clear(&s->diag);
    s->diag.errors = 0;
    s->diag.stopped = 0;
}

/* Parses `text` as REPL input against the current world. The tree goes to
 * the session's parse arena, so that it outlives nothing but this input. */
static Program *parse_input(Session *s, const char *text, size_t len, const char *name, int line_base)
{
    resolve_world_index(s->w);
    Source *src = source_new(&s->w->arena, name, text, len);
    src->line_base = line_base;
    int before = s->diag.errors;
    Program *p = parse_source(src, PARSE_REPL, &s->w->arena, &s->w->names, &s->diag);
    resolve_world_index(s->w);
    return p && s->diag.errors == before ? p : NULL;
}

/* Re-reads the suppositions into the current world's layer. */
static void rebuild_layers(Session *s)
{
    s->ov.n = 0;
    for (int i = 0; i < s->sups.n; i++) {
        Program *p = parse_input(s, s->sups.items[i], strlen(s->sups.items[i]), "<supposition>", 0);
        if (!p || !p->repl.n || !p->repl.items[0].item) continue;
        overlay_push(&s->ov, supp_from_ast(s->w, &p->repl.items[0].item->sup));
    }
}

static void fresh(Arena *a)
{
    arena_free(a);
    arena_init(a);
}

/* Builds a new world from the inputs plus one more; swaps it in on success.
 * The old world is freed, and with it every syntax tree parsed against it:
 * callers must not touch such trees afterwards. */
static int rebuild(Session *s, const char *path, const char *text, size_t len, const char *name, int base)
{
    int n = s->paths.n + s->decl_texts.n + 1;
    LoadInput *in = xcalloc((size_t)n, sizeof *in);
    int k = 0;
    for (int i = 0; i < s->paths.n; i++) in[k++].path = s->paths.items[i];
    for (int i = 0; i < s->decl_texts.n; i++) {
        in[k].path = s->decl_names.items[i];
        in[k].text = s->decl_texts.items[i];
        in[k].len = strlen(s->decl_texts.items[i]);
        in[k].line_base = s->decl_bases.items[i];
        k++;
    }
    in[k].path = path ? path : name;
    in[k].text = text;
    in[k].len = len;
    in[k].line_base = base;
    k++;
    LoadResult lr = load_world_inputs(in, k, &s->diag);
    free(in);
    if (!lr.world) {
        if (s->fmt == FMT_JSON) {
            emit_diagnostics(s);
            fputs("{\"type\":\"note\",\"message\":\"nothing was loaded: the world is as it was\"}\n", s->out);
        } else
            fprintf(s->err, "nothing was loaded: the world is as it was\n");
        load_result_free(&lr);
        return -1;
    }
    /* `path` may live in the old world (a parsed `load`): keep it first */
    if (path) texts_push(&s->paths, path, strlen(path));
    if (s->last) {                       /* the last verdict refers to the old world */
        s->last = NULL;
        s->last_dropped = 1;
        fresh(&s->scratch);
    }
    world_free(s->w);
    s->w = lr.world;
    s->generation++;
    if (!path) {
        texts_push(&s->decl_texts, text, len);
        texts_push(&s->decl_names, name, strlen(name));
        if (s->decl_bases.n == s->decl_bases.cap) {
            s->decl_bases.cap = s->decl_bases.cap ? 2 * s->decl_bases.cap : 8;
            s->decl_bases.items = xrealloc(s->decl_bases.items, (size_t)s->decl_bases.cap * sizeof(int));
        }
        s->decl_bases.items[s->decl_bases.n++] = base;
    }
    rebuild_layers(s);
    return 0;
}

int session_load(Session *s, const char *const *paths, int n)
{
    reset_diag(s);
    for (int i = 0; i < n; i++)
        if (rebuild(s, paths[i], NULL, 0, NULL, 0) < 0) return -1;
    return 0;
}

static Ctx make_ctx(Session *s, int with_layers, Arena *a)
{
    Ctx c;
    memset(&c, 0, sizeof c);
    c.w = s->w;
    c.ov = with_layers ? &s->ov : NULL;
    c.date = s->date;
    c.diag = &s->diag;
    c.scratch = a;
    return c;
}


/* "file:line:col" of a rule, with the file's directory left out. */
static const char *place(Arena *a, Loc l)
{
    if (!l.src) return "";
    const char *path = strrchr(l.src->path, '/');
    return arena_printf(a, "%s:%d:%d", path ? path + 1 : l.src->path, l.line + l.src->line_base, l.col);
}

static const char *where(Arena *a, Loc l)
{
    return l.src ? arena_printf(a, " (%s)", place(a, l)) : "";
}

static const Reason *decisive(const Result *r)
{
    for (int i = 0; i < r->reasons.n; i++) if (r->reasons.items[i].decisive) return &r->reasons.items[i];
    return NULL;
}

/* The answer in one line: what a REPL user wants to see first. */
static void print_brief(Session *s, const Result *r)
{
    if (s->fmt == FMT_JSON) {
        put_json(s, json_result(s->w, r), "query");
        return;
    }
    if (r->error) { fprintf(s->out, "error: the query could not be evaluated\n"); return; }
    if (r->answer == ANS_LIST) {
        int n = 0;
        for (int i = 0; i < r->reasons.n; i++) {
            const Reason *v = &r->reasons.items[i];
            if (v->kind != RK_VIOLATION) continue;
            n++;
            fprintf(s->out, "violation: %s (%s, %s)\n", v->detail ? v->detail : v->text, v->text,
                    place(&s->scratch, v->loc));
        }
        if (!n) fprintf(s->out, "no violations\n");
        return;
    }
    const char *answer = result_answer_text(s->w, &s->scratch, r);
    const Reason *d = decisive(r);
    if (r->answer == ANS_VERDICT)
        fprintf(s->out, "%s — %s%s\n", answer, r->summary ? r->summary : "", d ? where(&s->scratch, d->loc) : "");
    else
        fprintf(s->out, "%s\n", answer);
}

static int run_query(Session *s, const Query *q, const char *text, size_t len, int remember)
{
    if (resolve_query(s->w, q, &s->diag)) return 1;
    fresh(&s->scratch);
    Ctx c = make_ctx(s, 1, &s->scratch);
    s->last = query_run(&c, q);
    s->last_dropped = 0;
    print_brief(s, s->last);
    if (remember) texts_push(&s->queries, text, len);
    return s->last->error ? 1 : 0;
}

static int run_expect(Session *s, const ScenItem *it)
{
    if (resolve_query(s->w, it->query, &s->diag)) return 1;
    fresh(&s->scratch);
    Ctx c = make_ctx(s, 1, &s->scratch);
    s->last = query_run(&c, it->query);
    const char *why = NULL;
    int ok = expectation_holds(s->w, &s->scratch, s->last, &it->exp, &why);
    if (s->fmt == FMT_JSON) {
        json_t *j = json_result(s->w, s->last);
        json_object_set_new(j, "type", json_string("expect"));
        json_object_set_new(j, "passed", json_boolean(ok));
        if (!ok) json_object_set_new(j, "message", json_string(why));
        put_json(s, j, "expect");
    } else if (ok) fprintf(s->out, "ok: expect %s\n", s->last->text);
    else fprintf(s->out, "FAIL: expect %s\n  %s\n", s->last->text, why);
    return ok ? 0 : 1;
}

/* ---------------- show ---------------- */

static int show_roles(Session *s, EntId who)
{
    int shown = 0;
    Ctx c = make_ctx(s, 1, &s->tmp);
    const Role roles[] = { ROLE_MEMBER, ROLE_OBSERVER, ROLE_PARTNER };
    const char *labels[] = { "member of", "observer of", "partner of" };
    for (int k = 0; k < 3; k++) {
        EntList l = { 0 };
        orgs_held(&c, who, roles[k], &l);
        if (!l.n) continue;
        shown++;
        fprintf(s->out, "  %s:", labels[k]);
        for (int i = 0; i < l.n; i++) fprintf(s->out, "%s %s", i ? "," : "", ent_name(s->w, l.items[i]));
        fputc('\n', s->out);
    }
    return shown;
}

static void show_holders(Session *s, EntId org)
{
    Ctx c = make_ctx(s, 1, &s->tmp);
    const Role roles[] = { ROLE_MEMBER, ROLE_OBSERVER, ROLE_PARTNER };
    const char *labels[] = { "members", "observers", "partners" };
    for (int k = 0; k < 3; k++) {
        EntList l = { 0 };
        if (org_active(&c, org)) holders_of(&c, org, roles[k], &l);
        fprintf(s->out, "  %s:", labels[k]);
        if (!l.n) fputs(" none", s->out);
        for (int i = 0; i < l.n; i++) fprintf(s->out, "%s %s", i ? "," : "", ent_name(s->w, l.items[i]));
        fputc('\n', s->out);
    }
}

/* 1 when the name is unknown. */
static int show(Session *s, Name n)
{
    EntId id = world_find(s->w, n.sym);
    const char *name = sym_name(&s->w->names, n.sym);
    if (!id) {
        const char *best = world_suggest(s->w, name, 0);
        if (best) diag_error(&s->diag, n.loc, "unknown name '%s'; did you mean '%s'?", name, best);
        else diag_error(&s->diag, n.loc, "unknown name '%s'", name);
        return 1;
    }
    fresh(&s->tmp);
    const Entity *e = ent(s->w, id);
    Ctx c = make_ctx(s, 1, &s->tmp);
    char date[16], d2[16];
    date_format(s->date, date);
    fprintf(s->out, "%s%s%s%s, %s%s\n", name, e->display ? " \"" : "", e->display ? e->display : "",
            e->display ? "\"" : "", ent_kind_name(e->kind), where(&s->tmp, e->loc));
    if (e->region) fprintf(s->out, "  region: %s\n", e->region);
    if (e->borders.n) {
        fputs("  borders:", s->out);
        for (int i = 0; i < e->borders.n; i++) fprintf(s->out, "%s %s", i ? "," : "", ent_name(s->w, e->borders.items[i]));
        fputc('\n', s->out);
    }
    if (e->actor_kind) fprintf(s->out, "  kind: %s\n", sym_name(&s->w->names, e->actor_kind));
    if (e->based_in) fprintf(s->out, "  based in: %s\n", ent_name(s->w, e->based_in));
    for (int i = 0; i < e->tags.n; i++) fprintf(s->out, "  tag: \"%s\"\n", e->tags.items[i].s);
    if (e->kind != ENT_ORG) {
        fprintf(s->out, "  at %s:\n", date);
        if (!show_roles(s, id)) fputs("  no memberships\n", s->out);
        return 0;
    }
    Sym k = kind_of(&c, id, NULL);
    fprintf(s->out, "  kind: %s%s\n", k ? sym_name(&s->w->names, k) : "(none)",
            k != e->org_kind ? " (supposed)" : "");
    if (e->founded) {
        date_format(e->founded, d2);
        fprintf(s->out, "  founded: %s%s%s\n", d2, e->founded_in ? " in " : "", e->founded_in ? e->founded_in : "");
    }
    if (e->in_force) { date_format(e->in_force, d2); fprintf(s->out, "  in force: %s\n", d2); }
    if (e->dissolved) { date_format(e->dissolved, d2); fprintf(s->out, "  dissolved: %s\n", d2); }
    if (e->initiator) fprintf(s->out, "  initiator: %s\n", ent_name(s->w, e->initiator));
    for (int i = 0; i < e->purposes.n; i++) fprintf(s->out, "  purpose: \"%s\"\n", e->purposes.items[i].s);
    switch (e->decision.kind) {
    case DEC_CONSENSUS: fputs("  decides by consensus\n", s->out); break;
    case DEC_UNANIMITY: fputs("  decides by unanimity\n", s->out); break;
    case DEC_MAJORITY: fputs("  decides by majority\n", s->out); break;
    case DEC_QUALIFIED: fprintf(s->out, "  decides by qualified_majority %d/%d\n", e->decision.num, e->decision.den); break;
    case DEC_WEIGHTED: fprintf(s->out, "  decides by weighted by budget (%s %g%%)\n",
                               e->decision.has_threshold ? "at least" : "more than", e->decision.threshold); break;
    case DEC_NONE: fputs("  no decision rule\n", s->out); break;
    }
    for (int i = 0; i < e->principles.n; i++) {
        const Principle *p = &e->principles.items[i];
        fprintf(s->out, "  principle: %s%s%s%s\n", p->kind == PR_DECLARED ? "\"" : "", p->text,
                p->kind == PR_DECLARED ? "\" (declared)" : "", where(&s->tmp, p->loc));
    }
    if (e->currency) {
        double b = e->budget;
        const char *scale = b >= 1e9 ? " billion" : b >= 1e6 ? " million" : b >= 1e3 ? " thousand" : "";
        double shown = b >= 1e9 ? b / 1e9 : b >= 1e6 ? b / 1e6 : b >= 1e3 ? b / 1e3 : b;
        fprintf(s->out, "  budget: %.15g%s %s", shown, scale, sym_name(&s->w->names, e->currency));
        for (int i = 0; i < e->shares.n; i++)
            fprintf(s->out, "%s%s %g%%", i ? ", " : "; ", ent_name(s->w, e->shares.items[i].who), e->shares.items[i].pct);
        fputc('\n', s->out);
    }
    for (int i = 0; i < e->admissions.n; i++) {
        const Admission *a = &e->admissions.items[i];
        fprintf(s->out, "  admission as %s:", role_name(a->role));
        for (int j = 0; j < a->reqs.n; j++) fprintf(s->out, " require %s;", a->reqs.items[j].text);
        fputc('\n', s->out);
    }
    fprintf(s->out, "  at %s%s:\n", date, org_active(&c, id) ? "" : " (not in existence)");
    show_holders(s, id);
    return 0;
}

/* ---------------- diff ---------------- */

static void list_diff(Session *s, const char *what, const EntList *before, const EntList *after, int *shown)
{
    for (int i = 0; i < after->n; i++)
        if (!entlist_has(before, after->items[i])) {
            fprintf(s->out, "+ %s: %s\n", what, ent_name(s->w, after->items[i]));
            (*shown)++;
        }
    for (int i = 0; i < before->n; i++)
        if (!entlist_has(after, before->items[i])) {
            fprintf(s->out, "- %s: %s\n", what, ent_name(s->w, before->items[i]));
            (*shown)++;
        }
}

static void diff(Session *s)
{
    fresh(&s->tmp);
    Ctx base = make_ctx(s, 0, &s->tmp), now = make_ctx(s, 1, &s->tmp);
    int shown = 0;
    char date[16];
    date_format(s->date, date);
    if (!s->ov.n) { fprintf(s->out, "no suppositions: nothing differs from the world as written\n"); return; }
    fprintf(s->out, "what %d supposition%s change%s at %s:\n", s->ov.n, s->ov.n == 1 ? "" : "s",
            s->ov.n == 1 ? "s" : "", date);
    EntList orgs = { 0 }, people = { 0 };
    for (int i = 0; i < s->ov.n; i++) {
        const Supp *p = &s->ov.items[i];
        if (p->kind == SUP_JOIN || p->kind == SUP_LEAVE) {
            if (!entlist_has(&orgs, p->b)) vec_push(&s->tmp, &orgs, p->b);
            if (!entlist_has(&people, p->a)) vec_push(&s->tmp, &people, p->a);
        }
        if (p->kind == SUP_KIND && !entlist_has(&orgs, p->a)) vec_push(&s->tmp, &orgs, p->a);
        if (p->kind == SUP_ATTACK && !entlist_has(&people, p->b)) vec_push(&s->tmp, &people, p->b);
    }
    /* kinds and memberships */
    for (int i = 0; i < orgs.n; i++) {
        EntId o = orgs.items[i];
        Sym k0 = kind_of(&base, o, NULL), k1 = kind_of(&now, o, NULL);
        if (k0 != k1) {
            fprintf(s->out, "~ kind of %s: %s -> %s\n", ent_name(s->w, o), k0 ? sym_name(&s->w->names, k0) : "(none)",
                    sym_name(&s->w->names, k1));
            shown++;
        }
        const Role roles[] = { ROLE_MEMBER, ROLE_OBSERVER, ROLE_PARTNER };
        for (int r = 0; r < 3; r++) {
            EntList a = { 0 }, b = { 0 };
            holders_of(&base, o, roles[r], &a);
            holders_of(&now, o, roles[r], &b);
            list_diff(s, arena_printf(&s->tmp, "%s of %s", role_name(roles[r]), ent_name(s->w, o)), &a, &b, &shown);
            for (int j = 0; j < b.n; j++) if (!entlist_has(&people, b.items[j])) vec_push(&s->tmp, &people, b.items[j]);
        }
    }
    /* obligations */
    for (int i = 0; i < people.n; i++) {
        Query q;
        memset(&q, 0, sizeof q);
        q.x.sym = ent(s->w, people.items[i])->name;
        for (int pass = 0; pass < 2; pass++) {
            q.kind = pass ? Q_WHO_CONSULT : Q_WHO_DEFEND;
            Result *a = query_run(&base, &q), *b = query_run(&now, &q);
            list_diff(s, arena_printf(&s->tmp, "must %s %s", pass ? "consult on" : "defend",
                                      ent_name(s->w, people.items[i])), &a->set, &b->set, &shown);
        }
    }
    /* violations */
    Query vq;
    memset(&vq, 0, sizeof vq);
    vq.kind = Q_VIOLATIONS;
    vq.text = "violations";
    Result *va = query_run(&base, &vq), *vb = query_run(&now, &vq);
    for (int pass = 0; pass < 2; pass++) {
        const Result *x = pass ? va : vb, *y = pass ? vb : va;
        for (int i = 0; i < x->reasons.n; i++) {
            const Reason *r = &x->reasons.items[i];
            if (r->kind != RK_VIOLATION) continue;
            int found = 0;
            for (int j = 0; j < y->reasons.n && !found; j++)
                found = y->reasons.items[j].kind == RK_VIOLATION && strcmp(y->reasons.items[j].text, r->text) == 0 &&
                        ((!r->detail && !y->reasons.items[j].detail) ||
                         (r->detail && y->reasons.items[j].detail && strcmp(r->detail, y->reasons.items[j].detail) == 0));
            if (found) continue;
            fprintf(s->out, "%c violation: %s (%s, %s)\n", pass ? '-' : '+', r->detail ? r->detail : r->text, r->text,
                    place(&s->tmp, r->loc));
            shown++;
        }
    }
    /* the session's earlier queries */
    for (int i = 0; i < s->queries.n; i++) {
        int seen = 0;
        for (int j = 0; j < i && !seen; j++) seen = strcmp(s->queries.items[j], s->queries.items[i]) == 0;
        if (seen) continue;
        Program *p = parse_input(s, s->queries.items[i], strlen(s->queries.items[i]), "<query>", 0);
        if (!p || !p->repl.n || !p->repl.items[0].query) continue;
        const Query *q = p->repl.items[0].query;
        Result *a = query_run(&base, q), *b = query_run(&now, q);
        const char *ta = result_answer_text(s->w, &s->tmp, a), *tb = result_answer_text(s->w, &s->tmp, b);
        if (strcmp(ta, tb) != 0) {
            fprintf(s->out, "~ %s: %s -> %s\n", q->text, ta, tb);
            shown++;
        }
    }
    if (!shown) fprintf(s->out, "no differences\n");
}

/* ---------------- statements ---------------- */

static size_t offset_of(const Source *src, int line, int col)
{
    if (line < 1 || line > src->nlines) return src->len;
    size_t off = (size_t)src->line_starts[line - 1] + (size_t)(col - 1);
    return off > src->len ? src->len : off;
}

/* A text that parses at line `line_base + 1`, column `col`: the text after
 * col - 1 blanks (the lines are counted by the Source's line_base). */
static char *at_column(const char *text, size_t len, int col, size_t *out_len)
{
    size_t pad = col > 1 ? (size_t)(col - 1) : 0;
    char *c = xmalloc(pad + len + 1);
    memset(c, ' ', pad);
    memcpy(c + pad, text, len);
    c[pad + len] = '\0';
    *out_len = pad + len;
    return c;
}

/* Runs one statement; `stmt` is its text, which starts at line `line`,
 * column `col` of the user's input. */
static int exec_item(Session *s, const ReplItem *it, const char *stmt, size_t stmt_len, const char *name,
                     int line, int col)
{
    switch (it->kind) {
    case RI_DECL: {
        int is_scenario = it->decl->kind == D_SCENARIO;    /* `it` goes with the old world */
        size_t len;
        char *text = at_column(stmt, stmt_len, col, &len);
        int failed = rebuild(s, NULL, text, len, name, line - 1) < 0;
        free(text);
        if (failed) return 1;
        if (!is_scenario) return 0;
        /* a scenario typed at the prompt runs at once, as `treaty run` would */
        const Scenario *sc = &s->w->scenarios.items[s->w->scenarios.n - 1];
        RunStats st = { 0, 0, 0 };
        scenario_run_at(s->w, sc, s->o, &s->diag, &st, s->date);
        return st.failed + st.errors;
    }
    case RI_LOAD: {
        if (rebuild(s, it->path, NULL, 0, NULL, 0) < 0) return 1;
        fprintf(s->out, "loaded %s\n", s->paths.items[s->paths.n - 1]);   /* `it` is gone */
        return 0;
    }
    case RI_SCEN:
        switch (it->item->kind) {
        case SI_AT: {
            s->date = it->item->date;
            return 0;
        }
        case SI_SUPPOSE:
            if (resolve_supposition(s->w, &it->item->sup, &s->diag)) return 1;
            overlay_push(&s->ov, supp_from_ast(s->w, &it->item->sup));
            texts_push(&s->sups, stmt, stmt_len);
            return 0;
        case SI_QUERY: return run_query(s, it->item->query, stmt, stmt_len, 1);
        case SI_EXPECT: return run_expect(s, it->item);
        }
        return 0;
    case RI_QUERY: return run_query(s, it->query, stmt, stmt_len, 1);
    case RI_UNDO:
        if (!s->ov.n) { fprintf(s->out, "no supposition to undo\n"); return 0; }
        overlay_pop(&s->ov);
        free(s->sups.items[--s->sups.n]);
        return 0;
    case RI_RESET:
        s->ov.n = 0;
        while (s->sups.n) free(s->sups.items[--s->sups.n]);
        return 0;
    case RI_DIFF: diff(s); return 0;
    case RI_WHY:
        if (!s->last) {
            fprintf(s->out, s->last_dropped ? "the world has changed since the last verdict: ask again\n"
                                             : "no verdict yet: ask a question first\n");
            return 0;
        }
        if (s->fmt == FMT_JSON) print_brief(s, s->last);
        else output_result(s->o, s->w, s->last);
        return 0;
    case RI_SHOW: return show(s, it->name);
    }
    return 0;
}

/* `load FILE;` with a bare path (no spaces) is read as `load "FILE";`. */
static int bare_load(Session *s, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) i++;
    if (len - i < 6 || strncmp(text + i, "load", 4) != 0 || (text[i + 4] != ' ' && text[i + 4] != '\t')) return 0;
    i += 4;
    while (i < len && (text[i] == ' ' || text[i] == '\t')) i++;
    size_t from = i;
    while (i < len && text[i] != ';' && text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '"') i++;
    size_t to = i;
    while (i < len && (text[i] == ' ' || text[i] == '\t')) i++;
    if (to == from || i >= len || text[i] != ';') return 0;
    for (i++; i < len; i++) if (text[i] != ' ' && text[i] != '\t' && text[i] != '\n') return 0;
    char *path = xmalloc(to - from + 1);
    memcpy(path, text + from, to - from);
    path[to - from] = '\0';
    int failed = rebuild(s, path, NULL, 0, NULL, 0) < 0;
    if (!failed) fprintf(s->out, "loaded %s\n", path);
    free(path);
    return failed ? 2 : 1;
}

/* The statements of an input run in turn from one parse of the whole input,
 * so that each costs its own size.  A declaration or a load builds a new
 * world and frees the trees parsed against the old one: the rest of the
 * input is then parsed again, from the next statement on, at its true line
 * and column. */
int session_exec(Session *s, const char *text, size_t len, const char *name, int line_base)
{
    reset_diag(s);
    int bare = bare_load(s, text, len);
    if (bare) return bare - 1;
    Program *p = parse_input(s, text, len, name, line_base);
    if (!p) { emit_diagnostics(s); return 1; }
    int failed = 0;
    size_t origin = 0, pad = 0;        /* p's source is pad blanks, then text from origin on */
    for (int i = 0; i < p->repl.n; i++) {
        const ReplItem *it = &p->repl.items[i];
        const Source *src = p->src;
        size_t from = offset_of(src, it->loc.line, it->loc.col) - pad + origin;
        size_t to = offset_of(src, it->loc.end_line, it->loc.end_col) + 1 - pad + origin;
        if (to > len) to = len;
        int line = it->loc.line + src->line_base, col = it->loc.col;
        int left = p->repl.n - i - 1;              /* p goes with the world if it is rebuilt */
        int more = left > 0;
        const Loc *next = more ? &p->repl.items[i + 1].loc : NULL;
        size_t next_from = more ? offset_of(src, next->line, next->col) - pad + origin : len;
        int next_line = more ? next->line + src->line_base : 0, next_col = more ? next->col : 0;
        int generation = s->generation;
        reset_diag(s);
        failed += exec_item(s, it, text + from, to - from, name, line, col);
        emit_diagnostics(s);
        if (!more) break;
        if (s->generation == generation) continue;
        /* the world was rebuilt: parse the rest against it */
        size_t rest_len;
        char *rest = at_column(text + next_from, len - next_from, next_col, &rest_len);
        p = parse_input(s, rest, rest_len, name, next_line - 1);
        free(rest);
        origin = next_from;
        pad = next_col > 1 ? (size_t)(next_col - 1) : 0;
        if (!p || p->repl.n != left) {             /* cannot happen: the same text parsed before */
            emit_diagnostics(s);
            return failed + left;
        }
        i = -1;
    }
    fflush(s->out);
    return failed;
}

void session_skip(Session *s, const char *text, size_t len, const char *name, int line_base, const char *why)
{
    reset_diag(s);
    size_t head = 0;
    while (head < len && head < 200 && text[head] != '\n') head++;
    Source *src = source_new(&s->w->arena, name, text, head);
    src->line_base = line_base;
    Loc at = { src, 1, 1, 1, 1 };
    diag_error(&s->diag, at, "%s", why);
    emit_diagnostics(s);
    fflush(s->out);
}

/* The path of `target` as seen from directory `from_dir` (both absolute). */
static void relative_path(const char *from_dir, const char *target, char *out, size_t size)
{
    size_t common = 0, i = 0;
    while (from_dir[i] && target[i] && from_dir[i] == target[i]) {
        if (from_dir[i] == '/') common = i;
        i++;
    }
    if (!from_dir[i] && target[i] == '/') common = i;          /* target lies below from_dir */
    out[0] = '\0';
    size_t n = 0;
    for (const char *p = from_dir + common; *p; p++)
        if (*p == '/' && n + 4 < size) { memcpy(out + n, "../", 3); n += 3; }
    snprintf(out + n, size - n, "%s", target + common + 1);
}

int session_save(Session *s, const char *path, const char **why)
{
    FILE *f = fopen(path, "w");
    if (!f) { *why = "cannot open the file for writing"; return -1; }
    fprintf(f, "# A what-if session, saved by treaty repl. Run it with: treaty run %s\n", path);
    /* imports are relative to the saved file, so the pair can move together */
    char dir[PATH_MAX], real[PATH_MAX], rel[PATH_MAX];
    if (!realpath(path, dir)) dir[0] = '\0';
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0';
    for (int i = 0; i < s->paths.n; i++) {
        if (dir[0] && realpath(s->paths.items[i], real)) {
            relative_path(dir, real, rel, sizeof rel);
            fprintf(f, "import \"%s\";\n", rel);
        } else
            fprintf(f, "import \"%s\";\n", s->paths.items[i]);
    }
    for (int i = 0; i < s->decl_texts.n; i++) {
        /* typed declarations, without the padding that kept their positions */
        const char *t = s->decl_texts.items[i];
        while (*t == ' ' || *t == '\n') t++;
        size_t n = strlen(t);
        while (n && (t[n - 1] == ' ' || t[n - 1] == '\n')) n--;
        fprintf(f, "%.*s\n", (int)n, t);
    }
    char date[16];
    date_format(s->date, date);
    fprintf(f, "\nscenario \"saved session\" {\n  at %s;\n", date);
    for (int i = 0; i < s->sups.n; i++) fprintf(f, "  %s\n", s->sups.items[i]);
    for (int i = 0; i < s->queries.n; i++) {
        const char *q = s->queries.items[i];
        size_t n = strlen(q);
        while (n && (q[n - 1] == ';' || q[n - 1] == ' ')) n--;
        int has_kw = strncmp(q, "query ", 6) == 0;
        fprintf(f, "  %s%.*s;\n", has_kw ? "" : "query ", (int)n, q);
    }
    fputs("}\n", f);
    if (fclose(f) != 0) { *why = "write error"; return -1; }
    return 0;
}

const char *const *session_names(Session *s, int *n)
{
    free(s->names);
    s->names = xmalloc((size_t)(s->w->ents.n + s->w->rules.n + 1) * sizeof *s->names);
    s->nnames = 0;
    for (int i = 1; i < s->w->ents.n; i++) s->names[s->nnames++] = sym_name(&s->w->names, s->w->ents.items[i].name);
    for (int i = 0; i < s->w->rules.n; i++) s->names[s->nnames++] = sym_name(&s->w->names, s->w->rules.items[i].name);
    *n = s->nnames;
    return s->names;
}

/* ---------------- where a statement ends ---------------- */

void stmt_scan_init(StmtScan *sc) { memset(sc, 0, sizeof *sc); }

void stmt_scan_feed(StmtScan *sc, const char *text, size_t len)
{
    for (size_t i = 0; i < len && !sc->broken; i++) {
        char c = text[i];
        if (sc->in_comment) { if (c == '\n') sc->in_comment = 0; continue; }
        if (sc->in_string) {
            if (sc->escaped) sc->escaped = 0;
            else if (c == '\\') sc->escaped = 1;
            else if (c == '"') { sc->in_string = 0; sc->last = c; }
            else if (c == '\n') sc->broken = 1;       /* an unclosed string: let the parser say so */
            continue;
        }
        if (c == '#') { sc->in_comment = 1; continue; }
        if (c == '"') { sc->in_string = 1; continue; }
        if (c == '{') sc->depth++;
        if (c == '}') sc->depth--;
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') sc->last = c;
    }
}

int stmt_scan_complete(const StmtScan *sc)
{
    if (sc->broken) return 1;
    if (sc->in_string) return 0;
    return sc->depth <= 0 && (sc->last == ';' || sc->last == '}' || sc->depth < 0);
}
