/* session.c — the REPL's engine: statements, layers, diff, why, show, save. */
#include "session.h"
#include "load.h"
#include "parse.h"
#include "query.h"
#include "resolve.h"
#include "scenario.h"
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef VEC(char *) TextList;        /* malloc-owned strings in a malloc-owned array */

/* vec_push for arrays that outlive the worlds (malloc-owned).  The array
 * is set once it has grown, the capacity after: a failed allocation leaves
 * the list as it was (oom_catch). */
#define list_push(v, x) do {                                                              \
        if ((v)->n == (v)->cap) {                                                         \
            int cap_ = (v)->cap ? 2 * (v)->cap : 8;                                       \
            (v)->items = xrealloc((v)->items, (size_t)cap_ * sizeof *(v)->items);         \
            (v)->cap = cap_;                                                              \
        }                                                                                 \
        (v)->items[(v)->n++] = (x);                                                       \
    } while (0)

/* A declaration typed at the prompt: read again at each rebuild, and
 * written by .save. */
typedef struct Typed {
    char *text;                      /* blank-padded to its column, so that it parses at its place */
    char *name;                      /* its source name */
    int base;                        /* its first line - 1 */
    char *import;                    /* an `import`: the path as typed; else NULL */
    int is_scenario;
} Typed;

/* What the session did, in order, so that .save can write a file that
 * replays it: the date, the layers, the questions and their answers. */
typedef enum { LOG_AT, LOG_SUPPOSE, LOG_UNDO, LOG_RESET, LOG_QUERY, LOG_EXPECT, LOG_SCENARIO } LogKind;
typedef struct LogEntry {
    LogKind kind;
    Date date;                       /* at: the new date; the others: the date then */
    char *text;                      /* suppose, query, expect: as typed, without its ';'; scenario: its title */
    int bare;                        /* a query typed without the word `query` */
    char *answer;                    /* query, expect: the answer given */
    int typed;                       /* scenario: its index in Session.typed */
    int own_date;                    /* scenario: it starts with its own `at` */
} LogEntry;

struct Session {
    FILE *out, *err;
    int color;
    Format fmt;
    json_t *changes;           /* `diff` in JSON mode: the changes found so far (else NULL) */
    Diag diag;
    World *w;
    Output *o;                       /* text printer for full results (why) */
    /* what the world is built from, in order */
    TextList paths;                  /* loaded files, as given */
    VEC(Typed) typed;                /* declarations typed at the prompt */
    /* the what-if layers, as typed, re-read after each rebuild */
    TextList sups;
    Overlay ov;
    Date date, start;                /* the date of questions; the date the session began with */
    EvalLimits limits;
    const volatile sig_atomic_t *interrupt;
    VEC(LogEntry) log;
    Arena scratch;                   /* the last result lives here, until the next query */
    Result *last;                    /* points into the world: dropped when the world is rebuilt */
    int last_dropped;
    Arena tmp;                       /* diff, show and save: freed at their start */
    const char **names;              /* completion list */
    int nnames;
    int output_failed;               /* a JSON line could not be written */
    int generation;                  /* how many times the world was rebuilt */
};

static char *dup_text(const char *s, size_t n)
{
    char *c = xmalloc(n + 1);
    memcpy(c, s, n);
    c[n] = '\0';
    return c;
}

/* A TextList keeps its own malloc'd copies; xmalloc exits on failure. */
static void texts_push(TextList *l, const char *s, size_t n)
{
    list_push(l, dup_text(s, n));
}

static void texts_free(TextList *l)
{
    for (int i = 0; i < l->n; i++) free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* Adds an entry to the log; `text` (a statement) is kept without its ';'. */
static LogEntry *log_add(Session *s, LogKind kind, const char *text, size_t len)
{
    while (len && strchr(" \t\r\n;", text[len - 1])) len--;
    LogEntry e;
    memset(&e, 0, sizeof e);
    e.kind = kind;
    e.date = s->date;
    e.text = text ? dup_text(text, len) : NULL;
    list_push(&s->log, e);
    return &s->log.items[s->log.n - 1];
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
    s->date = s->start = date_today();
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
    for (int i = 0; i < s->typed.n; i++) {
        free(s->typed.items[i].text);
        free(s->typed.items[i].name);
        free(s->typed.items[i].import);
    }
    free(s->typed.items);
    texts_free(&s->sups);
    for (int i = 0; i < s->log.n; i++) {
        free(s->log.items[i].text);
        free(s->log.items[i].answer);
    }
    free(s->log.items);
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
    if (!j) j = json_pack("{s:s}", "message", "(a text that is not valid UTF-8, such as a file name)");
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
void session_set_date(Session *s, Date d)
{
    s->date = d;
    log_add(s, LOG_AT, NULL, 0);
}
void session_set_limits(Session *s, EvalLimits lim) { s->limits = lim; }
void session_set_interrupt(Session *s, const volatile sig_atomic_t *flag) { s->interrupt = flag; }

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
    int old = s->ov.n;
    s->ov.n = 0;
    for (int i = 0; i < s->sups.n; i++) {
        Program *p = parse_input(s, s->sups.items[i], strlen(s->sups.items[i]), "<supposition>", 0);
        if (!p || !p->repl.n || !p->repl.items[0].item) continue;
        /* a suspension without a start keeps the date it was supposed at */
        Date at = i < old ? s->ov.items[i].from : s->date;
        overlay_push(&s->ov, supp_from_ast(s->w, &p->repl.items[0].item->sup, at));
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
    int n = s->paths.n + s->typed.n + 1;
    LoadInput *in = xcalloc((size_t)n, sizeof *in);
    int k = 0;
    for (int i = 0; i < s->paths.n; i++) in[k++].path = s->paths.items[i];
    for (int i = 0; i < s->typed.n; i++) {
        const Typed *t = &s->typed.items[i];
        in[k].path = t->name;
        in[k].text = t->text;
        in[k].len = strlen(t->text);
        in[k].line_base = t->base;
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
        Typed t = { dup_text(text, len), dup_text(name, strlen(name)), base, NULL, 0 };
        list_push(&s->typed, t);
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
    Ctx c = ctx_make(s->w, with_layers ? &s->ov : NULL, s->date, &s->diag, a);
    c.limits = s->limits;
    c.interrupt = s->interrupt;
    return c;
}


/* "file:line:col" of a rule, with the file's directory left out. */
static const char *place(Arena *a, Loc l)
{
    if (!l.src) return "";
    const char *path = strrchr(l.src->path, '/');
    return arena_printf(a, "%s:%d:%d", path ? path + 1 : l.src->path, loc_shown_line(l), loc_col(l));
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
            fprintf(s->out, "violation: %s (%s, %s)\n", v->detail ? v->detail : v->own_text, v->own_text,
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
    if (r->answer == ANS_POWER) output_power(s->o, s->w, r->power);
}

/* Logs a question that was answered, with its answer. */
static void log_answer(Session *s, LogKind kind, const char *text, size_t len, int bare)
{
    LogEntry *e = log_add(s, kind, text, len);
    e->bare = bare;
    const char *answer = result_answer_text(s->w, &s->scratch, s->last);
    e->answer = dup_text(answer, strlen(answer));
}

static int run_query(Session *s, const Query *q, const char *text, size_t len, int bare)
{
    if (resolve_query(s->w, q, &s->diag)) return 1;
    fresh(&s->scratch);
    Ctx c = make_ctx(s, 1, &s->scratch);
    s->last = query_run(&c, q);
    s->last_dropped = 0;
    print_brief(s, s->last);
    log_answer(s, LOG_QUERY, text, len, bare);
    return s->last->error ? 1 : 0;
}

static int run_expect(Session *s, const ScenItem *it, const char *text, size_t len)
{
    if (resolve_query(s->w, it->query, &s->diag)) return 1;
    fresh(&s->scratch);
    Ctx c = make_ctx(s, 1, &s->scratch);
    s->last = query_run(&c, it->query);
    s->last_dropped = 0;
    log_answer(s, LOG_EXPECT, text, len, 0);
    const char *why = NULL;
    int ok = expectation_holds(s->w, &s->scratch, s->last, &it->exp, &why);
    if (s->fmt == FMT_JSON) {
        json_t *j = json_result(s->w, s->last);
        json_object_set_new(j, "type", json_string("expect"));
        json_object_set_new(j, "passed", json_boolean(ok));
        if (!ok) json_object_set_new(j, "message", json_text(why));
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

/* `show ORG`: its suspended members, its notice clause and the notices
 * given, and its terms (docs/obligations.md, 10). */
static void show_membership_events(Session *s, const OrgInfo *o, const char *name)
{
    const World *w = s->w;
    const OrgRare *rare = o->rare;
    char a[16], b[16];
    for (int i = 0; i < o->msusps.n; i++) {        /* the text holds the period */
        const MemberSusp *m = &w->msusps.items[o->msusps.at + (uint32_t)i];
        fprintf(s->out, "  %s%s\n", m->text + strlen(name) + 2, where(&s->tmp, m->loc));
    }
    if (rare->notice_n) {
        const char *from = "";
        if (rare->notice_from != DATE_NONE) {
            date_format(rare->notice_from, a);
            from = arena_printf(&s->tmp, " from %s", a);
        }
        fprintf(s->out, "  notice: %d %s%s%s\n", rare->notice_n, date_unit_name(rare->notice_unit, rare->notice_n),
                from, where(&s->tmp, rare->notice_loc));
    }
    for (int i = 0; i < o->notices.n; i++) {
        const Notice *n = &w->notices.items[o->notices.at + (uint32_t)i];
        date_format(n->given, a);
        date_format(n->ends, b);
        fprintf(s->out, "  %s gave notice at %s: a member until %s%s\n", ent_name(w, n->who), a, b,
                where(&s->tmp, n->loc));
    }
    for (int i = 0; i < rare->terms.n; i++) {
        const Term *t = &rare->terms.items[i];
        date_format(t->from, a);
        date_format(t->until, b);
        fprintf(s->out, "  term: from %s until %s%s\n", a, b, where(&s->tmp, t->loc));
    }
}

/* ---- accession (docs/language.md, accession) ---- */
/* `show ORG`: the applications and invitations recorded, and how many
 * ratifications of each applicant's admission (the query `accession of`
 * says where they stand on a date). */
static void show_accessions(Session *s, const OrgInfo *o)
{
    const World *w = s->w;
    const OrgRare *rare = o->rare;
    char d[16];
    for (int i = 0; i < rare->accessions.n; i++) {
        const Accession *a = &rare->accessions.items[i];
        const char *who = ent_name(w, a->applicant);
        if (a->applied != DATE_NONE) {
            date_format(a->applied, d);
            fprintf(s->out, "  %s applies at %s%s\n", who, d, where(&s->tmp, a->applied_loc));
        }
        if (a->invited != DATE_NONE) {
            date_format(a->invited, d);
            fprintf(s->out, "  %s is invited at %s%s\n", who, d, where(&s->tmp, a->invited_loc));
        }
    }
    for (int i = 0, n; i < rare->ratifications.n; i += n) {      /* sorted by applicant: one run each */
        EntId applicant = rare->ratifications.items[i].applicant;
        for (n = 1; i + n < rare->ratifications.n && rare->ratifications.items[i + n].applicant == applicant; n++) {}
        fprintf(s->out, "  ratifications of %s's admission: %d recorded\n", ent_name(w, applicant), n);
    }
}
/* ---- end of accession ---- */

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
/* `show` for a place (who holds it), a conflict (its period) or an area
 * (what it includes on the session's date, nested areas counted in: the
 * first SHOW_INCLUDED, then how many more). */
enum { SHOW_INCLUDED = 60 };
static void show_place(Session *s, EntId id, const char *date)
{
    const Entity *e = ent(s->w, id);
    const EntityExtra *x = ent_extra(e);
    if (e->kind == ENT_PLACE && x->held_by) fprintf(s->out, "  of: %s\n", ent_name(s->w, x->held_by));
    if (e->kind == ENT_CONFLICT) {
        const char *period = period_words(&s->tmp, x->from, x->until);
        fprintf(s->out, "  period: %s\n", *period ? period : "at all dates");
    }
    if (e->kind != ENT_AREA) return;
    EntList in_force = { 0 };
    for (int i = 0; s->w->area_incl && i < x->incl.n; i++) {
        const AreaIncl *in = &s->w->area_incl[x->incl.at + (uint32_t)i];
        if (s->date >= in->from && s->date < in->until) vec_push(&s->tmp, &in_force, in->loc);
    }
    sort_by_name(s->w, &in_force);
    fprintf(s->out, "  includes at %s:", date);
    for (int i = 0; i < in_force.n && i < SHOW_INCLUDED; i++)
        fprintf(s->out, "%s %s", i ? "," : "", ent_name(s->w, in_force.items[i]));
    if (!in_force.n) fputs(" nothing", s->out);
    if (in_force.n > SHOW_INCLUDED) fprintf(s->out, " and %d more", in_force.n - SHOW_INCLUDED);
    fputc('\n', s->out);
}

/* The states X borders, declared on either side (a border is symmetric, as
 * borders(a, b) is), each once, sorted by name. */
static EntList borders_of(Session *s, EntId id)
{
    const World *w = s->w;
    EntList all = { 0 };
    const Entity *e = ent(w, id);
    for (int i = 0; i < e->borders.n; i++) vec_push(&s->tmp, &all, e->borders.items[i]);
    for (EntId o = 1; o < (EntId)w->ents.n; o++)         /* declared by the other side */
        if (o != id && entlist_has(&ent(w, o)->borders, id)) vec_push(&s->tmp, &all, o);
    sort_by_name(w, &all);
    entlist_drop_repeats(&all);
    return all;
}

static void show_borders(Session *s, EntId id)
{
    const World *w = s->w;
    EntList all = borders_of(s, id);
    if (!all.n) return;
    fputs("  borders:", s->out);
    for (int i = 0; i < all.n; i++) fprintf(s->out, "%s %s", i ? "," : "", ent_name(w, all.items[i]));
    fputc('\n', s->out);
}

/* `show X`: every recorded membership of X, whatever the date, by
 * organisation and start ("when did X join ORG" answers for one). */
static void show_history(Session *s, EntId who)
{
    const World *w = s->w;
    const Entity *e = ent(w, who);
    if (!e->as_holder.n) return;
    fputs("  history:\n", s->out);
    for (int i = 0; i < e->as_holder.n; i++) {    /* by organisation, in the order declared, then start */
        const Membership *m = mem_held(w, e, i);
        const char *period = period_words(&s->tmp, m->from, m->until);
        fprintf(s->out, "    %s of %s %s%s\n", role_name(m->role), ent_name(w, m->org), *period ? period : "at all dates",
                where(&s->tmp, m->loc));
    }
}

static json_t *json_names(const World *w, const EntList *l)
{
    json_t *a = json_array();
    for (int i = 0; i < l->n; i++) json_array_append_new(a, json_text(ent_name(w, l->items[i])));
    return a;
}

/* `show X` in JSON mode: the facts as structure (what X is, its borders,
 * its roles on the date or its holders, its membership history), and the
 * text form's lines under "lines" for the rest (docs/repl.md). */
static json_t *show_json(Session *s, EntId id, const char *text)
{
    const World *w = s->w;
    const Entity *e = ent(w, id);
    Ctx c = make_ctx(s, 1, &s->tmp);
    char date[16];
    date_format(s->date, date);
    json_t *j = json_pack("{s:s,s:o,s:s,s:s}", "type", "show", "name", json_text(ent_name(w, id)), "entity",
                          ent_kind_name(e->kind), "at", date);
    if (e->display) json_object_set_new(j, "display", json_text(e->display));
    json_set_loc(j, e->loc);
    if (e->region) json_object_set_new(j, "region", json_text(e->region));
    EntList borders = borders_of(s, id);
    json_object_set_new(j, "borders", json_names(w, &borders));
    const Role roles[] = { ROLE_MEMBER, ROLE_OBSERVER, ROLE_PARTNER };
    const char *keys[] = { "member", "observer", "partner" };
    json_t *roles_j = json_object();
    for (int k = 0; k < 3; k++) {
        EntList l = { 0 };
        if (e->kind == ENT_ORG) { if (org_active(&c, id)) holders_of(&c, id, roles[k], &l); }
        else orgs_held(&c, id, roles[k], &l);
        json_object_set_new(roles_j, keys[k], json_names(w, &l));
    }
    /* an organisation's holders on the date; a party's organisations */
    json_object_set_new(j, e->kind == ENT_ORG ? "holders" : "roles", roles_j);
    json_t *history = json_array();
    for (int i = 0; i < e->as_holder.n; i++) {
        const Membership *m = mem_held(w, e, i);
        json_t *one = json_pack("{s:o,s:s}", "organisation", json_text(ent_name(w, m->org)), "role", role_name(m->role));
        char d[16];
        if (m->from != DATE_NONE) { date_format(m->from, d); json_object_set_new(one, "from", json_string(d)); }
        else json_object_set_new(one, "from", json_null());
        if (m->until != DATE_END) { date_format(m->until, d); json_object_set_new(one, "until", json_string(d)); }
        else json_object_set_new(one, "until", json_null());
        json_set_loc(one, m->loc);
        json_array_append_new(history, one);
    }
    json_object_set_new(j, "history", history);
    json_t *lines = json_array();
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        json_array_append_new(lines, json_text(arena_strndup(&s->tmp, p, n)));
        p += n + (nl != NULL);
    }
    json_object_set_new(j, "lines", lines);
    return j;
}

static int show_text(Session *s, Name n);

static int show(Session *s, Name n)
{
    if (s->fmt != FMT_JSON) return show_text(s, n);
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) oom_fail();
    FILE *out = s->out;
    s->out = mem;                     /* the text form, for "lines" */
    int bad = show_text(s, n);
    s->out = out;
    int failed = fclose(mem) != 0;
    if (failed || !text) { free(text); oom_fail(); }
    if (!bad) put_json(s, show_json(s, world_find(s->w, n.sym), text), "show");
    free(text);
    return bad;
}

static int show_text(Session *s, Name n)
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
    show_borders(s, id);
    if (e->actor_kind) fprintf(s->out, "  kind: %s\n", sym_name(&s->w->names, e->actor_kind));
    const EntityExtra *x = ent_extra(e);
    if (x->based_in) fprintf(s->out, "  based in: %s\n", ent_name(s->w, x->based_in));
    for (int i = 0; i < x->tags.n; i++) fprintf(s->out, "  tag: \"%s\"\n", x->tags.items[i].s);
    if (e->kind == ENT_PLACE || e->kind == ENT_AREA || e->kind == ENT_CONFLICT) {
        show_place(s, id, date);
        return 0;
    }
    if (e->kind != ENT_ORG) {
        fprintf(s->out, "  at %s:\n", date);
        if (!show_roles(s, id)) fputs("  no memberships\n", s->out);
        show_history(s, id);
        return 0;
    }
    Sym k = kind_of(&c, id, NULL);
    fprintf(s->out, "  kind: %s%s\n", k ? sym_name(&s->w->names, k) : "(none)",
            k != e->org->org_kind ? " (supposed)" : "");
    if (e->founded) {
        date_format(e->founded, d2);
        const char *place = e->org->rare->founded_in;
        fprintf(s->out, "  founded: %s%s%s\n", d2, place ? " in " : "", place ? place : "");
    }
    if (e->org->in_force) { date_format(e->org->in_force, d2); fprintf(s->out, "  in force: %s\n", d2); }
    if (e->org->dissolved) { date_format(e->org->dissolved, d2); fprintf(s->out, "  dissolved: %s\n", d2); }
    if (e->org->rare->initiator) fprintf(s->out, "  initiator: %s\n", ent_name(s->w, e->org->rare->initiator));
    for (int i = 0; i < e->org->purposes.n; i++) fprintf(s->out, "  purpose: \"%s\"\n", e->org->purposes.items[i].s);
    /* every declared rule with its period, the one in force marked when
     * there are several, and a supposed one */
    const Decision *rule = decision_of(&c, id, NULL);
    const Decision *declared = e->org->decisions.items;
    int nrules = e->org->decisions.n, supposed = rule && (rule < declared || rule >= declared + nrules);
    if (!nrules && !rule) fputs("  no decision rule\n", s->out);
    for (int i = 0; i < nrules; i++) {
        const char *period = period_words(&s->tmp, declared[i].from, declared[i].until);
        fprintf(s->out, "  %s%s%s%s\n", rule_text(s->w, &s->tmp, &declared[i]), *period ? " " : "", period,
                (nrules > 1 || supposed) && rule == &declared[i] ? " (in force)" : "");
    }
    if (supposed) fprintf(s->out, "  %s (supposed)\n", rule_text(s->w, &s->tmp, rule));
    for (int i = 0; i < e->org->principles.n; i++) {
        const Principle *p = &e->org->principles.items[i];
        const char *period = period_words(&s->tmp, p->from, p->until);
        fprintf(s->out, "  principle: %s%s%s%s%s%s\n", p->kind == PR_DECLARED ? "\"" : "", p->text,
                p->kind == PR_DECLARED ? "\" (declared)" : "", *period ? " " : "", period, where(&s->tmp, p->loc));
    }
    for (int i = 0; i < e->org->obls.n; i++) {      /* the principles' are shown above */
        const Obligation *ob = &s->w->obls.items[e->org->obls.at + (uint32_t)i];
        if (ob->principle >= 0) continue;
        const char *period = period_words(&s->tmp, ob->from, ob->until);
        fprintf(s->out, "  obligation: %s%s%s%s\n", obligation_text(s->w, ob, &s->tmp) + strlen(name) + 2,
                *period ? " " : "", period, where(&s->tmp, ob->loc));
    }
    for (int i = 0; i < e->org->susps.n; i++) {      /* the text holds the period */
        const Suspension *sp = &s->w->susps.items[e->org->susps.at + (uint32_t)i];
        fprintf(s->out, "  suspension: %s%s\n", sp->text + strlen(name) + 2, where(&s->tmp, sp->loc));
    }
    show_membership_events(s, e->org, name);
    show_accessions(s, e->org);
    const OrgRare *rare = e->org->rare;
    if (rare->currency) {
        double b = rare->budget;
        const char *scale = b >= 1e9 ? " billion" : b >= 1e6 ? " million" : b >= 1e3 ? " thousand" : "";
        double shown = b >= 1e9 ? b / 1e9 : b >= 1e6 ? b / 1e6 : b >= 1e3 ? b / 1e3 : b;
        fprintf(s->out, "  budget: %.15g%s %s", shown, scale, sym_name(&s->w->names, rare->currency));
        for (int i = 0; i < rare->shares.n; i++)
            fprintf(s->out, "%s%s %g%%", i ? ", " : "; ", ent_name(s->w, rare->shares.items[i].who), rare->shares.items[i].pct);
        fputc('\n', s->out);
    }
    for (int i = 0; i < e->org->admissions.n; i++) {
        const Admission *a = &e->org->admissions.items[i];
        fprintf(s->out, "  admission as %s:", role_name(a->role));
        for (int j = 0; j < a->reqs.n; j++)
            if (a->reqs.items[j].kind == REQ_RULE) fprintf(s->out, " %s;", rule_text(s->w, &s->tmp, a->reqs.items[j].rule));
            else fprintf(s->out, " require %s;", a->reqs.items[j].text);
        fputc('\n', s->out);
    }
    fprintf(s->out, "  at %s%s:\n", date, org_active(&c, id) ? "" : " (not in existence)");
    show_holders(s, id);
    return 0;
}

/* ---------------- diff ---------------- */

/* One change found by `diff`: a line of text ("+ member of NATO: SWD",
 * "~ kind of CSTO: a -> b", "= note"), or in JSON mode an object of the
 * diff's "changes": {"change": "added"|"removed"|"changed"|"note", ...}. */
static void diff_entry(Session *s, char sign, const char *what, const char *name)
{
    if (!s->changes) { fprintf(s->out, "%c %s: %s\n", sign, what, name); return; }
    json_array_append_new(s->changes, json_pack("{s:s,s:o,s:o}", "change", sign == '+' ? "added" : "removed",
                                                "what", json_text(what), "name", json_text(name)));
}

static void diff_changed(Session *s, const char *what, const char *before, const char *after)
{
    if (!s->changes) { fprintf(s->out, "~ %s: %s -> %s\n", what, before, after); return; }
    json_array_append_new(s->changes, json_pack("{s:s,s:o,s:o,s:o}", "change", "changed", "what", json_text(what),
                                                "before", json_text(before), "after", json_text(after)));
}

static void diff_note(Session *s, const char *text)
{
    if (!s->changes) { fprintf(s->out, "= %s\n", text); return; }
    json_array_append_new(s->changes, json_pack("{s:s,s:o}", "change", "note", "text", json_text(text)));
}

/* Prints "SIGN what: name" for each name of `from` missing from `other`;
 * both are sorted by name, so one merge pass does it. */
static void print_missing(Session *s, char sign, const char *what, const EntList *from, const EntList *other,
                          int *shown)
{
    int j = 0;
    for (int i = 0; i < from->n; i++) {
        const char *name = ent_name(s->w, from->items[i]);
        while (j < other->n && strcmp(ent_name(s->w, other->items[j]), name) < 0) j++;
        if (j < other->n && other->items[j] == from->items[i]) continue;
        diff_entry(s, sign, what, name);
        (*shown)++;
    }
}

static void list_diff(Session *s, const char *what, const EntList *before, const EntList *after, int *shown)
{
    print_missing(s, '+', what, after, before, shown);
    print_missing(s, '-', what, before, after, shown);
}

/* Violations are told apart by their text and detail. */
static int by_text_then_detail(const void *pa, const void *pb)
{
    const Reason *a = *(const Reason *const *)pa, *b = *(const Reason *const *)pb;
    int c = strcmp(a->own_text, b->own_text);      /* a violation has its own text (add_obligation) */
    if (c) return c;
    if (!a->detail || !b->detail) return !a->detail - !b->detail;
    return strcmp(a->detail, b->detail);
}

/* The violations of a result, sorted for binary search; *n gets their count. */
static const Reason **sorted_violations(Arena *a, const Result *r, int *n)
{
    const Reason **v = arena_alloc(a, (size_t)(r->reasons.n ? r->reasons.n : 1) * sizeof *v);
    *n = 0;
    for (int i = 0; i < r->reasons.n; i++)
        if (r->reasons.items[i].kind == RK_VIOLATION) v[(*n)++] = &r->reasons.items[i];
    qsort(v, (size_t)*n, sizeof *v, by_text_then_detail);
    return v;
}

/* A question of the log, parsed against the current world; NULL if it no
 * longer parses or resolves. */
static const Query *parse_question(Session *s, const LogEntry *e)
{
    size_t n = strlen(e->text);
    char *text = arena_alloc(&s->tmp, n + 2);
    memcpy(text, e->text, n);
    memcpy(text + n, ";", 2);
    Program *p = parse_input(s, text, n + 1, "<query>", 0);
    if (!p || p->repl.n != 1) return NULL;
    const ReplItem *it = &p->repl.items[0];
    const Query *q = it->kind == RI_QUERY ? it->query : it->kind == RI_SCEN && it->item->query ? it->item->query : NULL;
    return q && !resolve_query(s->w, q, &s->diag) ? q : NULL;
}

/* A question of the log, for finding the first of equal ones. */
typedef struct Asked { const LogEntry *e; int index, first; } Asked;

static int cmp_asked(const void *a, const void *b)
{
    const Asked *x = a, *y = b;
    int c = strcmp(x->e->text, y->e->text);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

static int cmp_asked_order(const void *a, const void *b)
{
    const Asked *x = a, *y = b;
    return (x->index > y->index) - (x->index < y->index);
}

enum { DIFF_MAX_PARTIES = 1000 };

/* The parties of every conditional group of a `who must` answer, sorted by
 * name, each once. */
static EntList conditional_union(const World *w, Arena *a, const Result *r)
{
    EntList all = { 0 };
    for (int g = 0; g < r->conditional.n; g++)
        for (int i = 0; i < r->conditional.items[g].parties.n; i++)
            vec_push(a, &all, r->conditional.items[g].parties.items[i]);
    sort_by_name(w, &all);
    entlist_drop_repeats(&all);
    return all;
}

static double row_index(const PowerTable *pt, EntId who, int shapley)
{
    for (int k = 0; pt && k < pt->n; k++)
        if (pt->rows[k].who == who) return shapley ? pt->rows[k].shapley : pt->rows[k].banzhaf;
    return 0;
}

/* How each member's voting power moves (docs/power.md): the members of
 * either side, in the order of the supposed world's, then the others. */
static void power_diff(Session *s, Ctx *base, Ctx *now, EntId o, int *shown)
{
    const char *why0, *why1;
    const PowerTable *p0 = power_table(base, o, NULL, &why0), *p1 = power_table(now, o, NULL, &why1);
    if (!p0 && !p1) return;
    if (!p0 || !p1) {
        if (s->changes)
            diff_changed(s, arena_printf(&s->tmp, "power in %s", ent_name(s->w, o)), p0 ? "counted" : why0,
                         p1 ? "counted" : why1);
        else
            fprintf(s->out, "~ power in %s: %s\n", ent_name(s->w, o),
                    p0 ? arena_printf(&s->tmp, "no longer counted: %s", why1) : "now counted (it was not before)");
        (*shown)++;
        return;
    }
    EntList who = { 0 };
    for (int k = 0; k < p1->n; k++) vec_push(&s->tmp, &who, p1->rows[k].who);
    for (int k = 0; k < p0->n; k++) vec_push(&s->tmp, &who, p0->rows[k].who);
    entlist_keep_first(&s->tmp, &who);
    for (int i = 0; i < who.n; i++) {
        double b0 = row_index(p0, who.items[i], 0), b1 = row_index(p1, who.items[i], 0);
        double s0 = row_index(p0, who.items[i], 1), s1 = row_index(p1, who.items[i], 1);
        if (fabs(b0 - b1) < 1e-12 && fabs(s0 - s1) < 1e-12) continue;
        const char *what = arena_printf(&s->tmp, "power of %s in %s", ent_name(s->w, who.items[i]), ent_name(s->w, o));
        if (s->changes)                /* the indices as numbers, exact */
            json_array_append_new(s->changes, json_pack("{s:s,s:o,s:{s:f,s:f},s:{s:f,s:f}}", "change", "changed",
                                                        "what", json_text(what), "before", "banzhaf", b0,
                                                        "shapley_shubik", s0, "after", "banzhaf", b1,
                                                        "shapley_shubik", s1));
        else
            fprintf(s->out, "~ %s: Banzhaf %.5f -> %.5f, Shapley-Shubik %.5f -> %.5f\n", what, b0, b1, s0, s1);
        (*shown)++;
    }
}

static void diff_run(Session *s);

/* `diff`: text lines, or in JSON mode one object {"type": "diff", "at",
 * "suppositions", "changes"} (docs/repl.md). */
static void diff(Session *s)
{
    if (s->fmt != FMT_JSON) { diff_run(s); return; }
    char date[16];
    date_format(s->date, date);
    s->changes = json_array();
    diff_run(s);
    json_t *j = json_pack("{s:s,s:s,s:i,s:o}", "type", "diff", "at", date, "suppositions", s->ov.n, "changes",
                          s->changes);
    s->changes = NULL;
    put_json(s, j, "diff");
}

static void diff_run(Session *s)
{
    fresh(&s->tmp);
    Ctx base = make_ctx(s, 0, &s->tmp), now = make_ctx(s, 1, &s->tmp);
    int shown = 0;
    char date[16];
    date_format(s->date, date);
    if (!s->ov.n) {
        if (!s->changes) fprintf(s->out, "no suppositions: nothing differs from the world as written\n");
        return;
    }
    if (!s->changes)
        fprintf(s->out, "what %d supposition%s change%s at %s:\n", s->ov.n, s->ov.n == 1 ? "" : "s",
                s->ov.n == 1 ? "s" : "", date);
    EntList orgs = { 0 }, people = { 0 };
    for (int i = 0; i < s->ov.n; i++) {
        const Supp *p = &s->ov.items[i];
        if (p->kind == SUP_JOIN || p->kind == SUP_LEAVE || p->kind == SUP_NOTICE || p->kind == SUP_SUSPENDED ||
            p->kind == SUP_NOT_RENEW) {
            vec_push(&s->tmp, &orgs, p->b);
            vec_push(&s->tmp, &people, p->a);
        }
        if (p->kind == SUP_KIND || p->kind == SUP_DECIDES) vec_push(&s->tmp, &orgs, p->a);
        if (p->kind == SUP_ATTACK) vec_push(&s->tmp, &people, p->b);
    }
    entlist_keep_first(&s->tmp, &orgs);
    entlist_keep_first(&s->tmp, &people);
    int named = people.n;               /* the parties the suppositions name come first */
    /* kinds and memberships */
    for (int i = 0; i < orgs.n; i++) {
        EntId o = orgs.items[i];
        Sym k0 = kind_of(&base, o, NULL), k1 = kind_of(&now, o, NULL);
        if (k0 != k1) {
            diff_changed(s, arena_printf(&s->tmp, "kind of %s", ent_name(s->w, o)),
                         k0 ? sym_name(&s->w->names, k0) : "(none)", sym_name(&s->w->names, k1));
            shown++;
        }
        const Decision *r0 = decision_of(&base, o, NULL), *r1 = decision_of(&now, o, NULL);
        const char *t0 = r0 ? rule_text(s->w, &s->tmp, r0) : "(none)", *t1 = r1 ? rule_text(s->w, &s->tmp, r1) : "(none)";
        if (strcmp(t0, t1) != 0) {
            diff_changed(s, arena_printf(&s->tmp, "decision rule of %s", ent_name(s->w, o)), t0, t1);
            shown++;
        }
        power_diff(s, &base, &now, o, &shown);
        const Role roles[] = { ROLE_MEMBER, ROLE_OBSERVER, ROLE_PARTNER };
        for (int r = 0; r < 3; r++) {
            EntList a = { 0 }, b = { 0 };
            holders_of(&base, o, roles[r], &a);
            holders_of(&now, o, roles[r], &b);
            list_diff(s, arena_printf(&s->tmp, "%s of %s", role_name(roles[r]), ent_name(s->w, o)), &a, &b, &shown);
            for (int j = 0; j < b.n; j++) vec_push(&s->tmp, &people, b.items[j]);
        }
    }
    entlist_keep_first(&s->tmp, &people);
    /* obligations: each party's are asked anew, which costs the size of its
     * organisations; past DIFF_MAX_PARTIES, only the named parties' */
    if (people.n > DIFF_MAX_PARTIES) {
        diff_note(s, arena_printf(&s->tmp, "obligations compared only for the parties named in the suppositions "
                                  "(%d of %d; ask 'who must defend X;' for another)", named, people.n));
        people.n = named;
    }
    for (int i = 0; i < people.n; i++) {
        if (s->interrupt && *s->interrupt) {
            if (s->changes) diff_note(s, "diff interrupted (Ctrl-C)");
            else fprintf(s->out, "diff interrupted (Ctrl-C)\n");
            return;
        }
        Query q;
        memset(&q, 0, sizeof q);
        q.x.sym = ent(s->w, people.items[i])->name;
        const char *x = ent_name(s->w, people.items[i]);
        static const struct { QueryKind kind; const char *what; } asks[] = {
            { Q_WHO_DEFEND, "must defend %s" }, { Q_WHO_CONSULT, "must consult on %s" },
            { Q_OBLIGATIONS_OF, "%s owes obligations to" },   /* what is owed to x is another's "owes" */
        };
        for (size_t k = 0; k < sizeof asks / sizeof asks[0]; k++) {
            q.kind = asks[k].kind;
            Result *a = query_run(&base, &q), *b = query_run(&now, &q);
            list_diff(s, arena_printf(&s->tmp, asks[k].what, x), &a->set, &b->set, &shown);
            if (q.kind == Q_WHO_DEFEND || q.kind == Q_WHO_CONSULT) {
                EntList ca = conditional_union(s->w, &s->tmp, a), cb = conditional_union(s->w, &s->tmp, b);
                list_diff(s, arena_printf(&s->tmp, "must %s %s if open conditions hold",
                                          q.kind == Q_WHO_DEFEND ? "defend" : "consult on", x), &ca, &cb, &shown);
            }
        }
    }
    /* violations */
    Query vq;
    memset(&vq, 0, sizeof vq);
    vq.kind = Q_VIOLATIONS;
    vq.text = "violations";
    Result *va = query_run(&base, &vq), *vb = query_run(&now, &vq);
    int nva, nvb;
    const Reason **sva = sorted_violations(&s->tmp, va, &nva), **svb = sorted_violations(&s->tmp, vb, &nvb);
    for (int pass = 0; pass < 2; pass++) {
        const Result *x = pass ? va : vb;
        const Reason **y = pass ? svb : sva;
        int ny = pass ? nvb : nva;
        for (int i = 0; i < x->reasons.n; i++) {
            const Reason *r = &x->reasons.items[i];
            if (r->kind != RK_VIOLATION) continue;
            if (ny && bsearch(&r, y, (size_t)ny, sizeof *y, by_text_then_detail)) continue;
            if (s->changes) {
                json_t *v = json_pack("{s:s,s:s,s:o,s:o}", "change", pass ? "removed" : "added", "what", "violation",
                                      "name", json_text(r->detail ? r->detail : r->own_text), "rule", json_text(r->own_text));
                json_set_loc(v, r->loc);
                json_array_append_new(s->changes, v);
            } else
                fprintf(s->out, "%c violation: %s (%s, %s)\n", pass ? '-' : '+', r->detail ? r->detail : r->own_text,
                        r->own_text, place(&s->tmp, r->loc));
            shown++;
        }
    }
    /* the session's earlier queries, each once, in the order first asked */
    int nq = 0;
    Asked *asked = arena_alloc(&s->tmp, (size_t)(s->log.n + 1) * sizeof *asked);
    for (int i = 0; i < s->log.n; i++)
        if (s->log.items[i].kind == LOG_QUERY) asked[nq++] = (Asked){ &s->log.items[i], i, 1 };
    qsort(asked, (size_t)nq, sizeof *asked, cmp_asked);
    for (int i = 1; i < nq; i++) asked[i].first = strcmp(asked[i - 1].e->text, asked[i].e->text) != 0;
    qsort(asked, (size_t)nq, sizeof *asked, cmp_asked_order);
    for (int i = 0; i < nq; i++) {
        const Query *q = asked[i].first ? parse_question(s, asked[i].e) : NULL;
        if (!q) continue;
        Result *a = query_run(&base, q), *b = query_run(&now, q);
        const char *ta = result_answer_text(s->w, &s->tmp, a), *tb = result_answer_text(s->w, &s->tmp, b);
        if (strcmp(ta, tb) != 0) {
            diff_changed(s, q->text, ta, tb);
            shown++;
        }
    }
    if (!shown && !s->changes) fprintf(s->out, "no differences\n");
}

/* ---------------- statements ---------------- */

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

/* `suppose X leaves ORG` when X holds no record in ORG and no earlier
 * supposition of the session makes it join: said, as `treaty check` says
 * it of a scenario. */
static void warn_empty_leave(Session *s, const Supposition *sp)
{
    EntId who = world_find(s->w, sp->a.sym), org = world_find(s->w, sp->b.sym);
    if (!who || !org || ever_recorded(s->w, who, org)) return;
    for (int i = 0; i < s->ov.n; i++)
        if (s->ov.items[i].kind == SUP_JOIN && s->ov.items[i].a == who && s->ov.items[i].b == org) return;
    diag_warning(&s->diag, sp->loc, "'%s' is never in '%s' (no membership is recorded or supposed before): "
                 "supposing that it leaves changes nothing", ent_name(s->w, who), ent_name(s->w, org));
}

/* Runs one statement; `stmt` is its text, which starts at line `line`,
 * column `col` of the user's input. */
static int exec_item(Session *s, const ReplItem *it, const char *stmt, size_t stmt_len, const char *name,
                     int line, int col)
{
    switch (it->kind) {
    case RI_DECL: {
        const Decl *d = it->decl;                          /* `it` goes with the old world */
        int is_scenario = d->kind == D_SCENARIO;
        char *import = d->kind == D_IMPORT ? dup_text(d->text, strlen(d->text)) : NULL;
        size_t len;
        char *text = at_column(stmt, stmt_len, col, &len);
        int failed = rebuild(s, NULL, text, len, name, line - 1) < 0;
        free(text);
        if (failed) { free(import); return 1; }
        Typed *t = &s->typed.items[s->typed.n - 1];
        t->import = import;
        t->is_scenario = is_scenario;
        if (!is_scenario) return 0;
        /* a scenario typed at the prompt runs at once, as `treaty run` would */
        const Scenario *sc = &s->w->scenarios.items[s->w->scenarios.n - 1];
        LogEntry *e = log_add(s, LOG_SCENARIO, sc->title, strlen(sc->title));
        e->typed = s->typed.n - 1;
        e->own_date = sc->decl->items.n && sc->decl->items.items[0]->kind == SI_AT;
        RunStats st = { 0, 0, 0 };
        scenario_run_at(s->w, sc, s->o, &s->diag, &st, s->date, &s->limits);
        return st.failed + st.errors;
    }
    case RI_LOAD: {
        if (rebuild(s, it->path, NULL, 0, NULL, 0) < 0) return 1;
        fprintf(s->out, "loaded %s\n", s->paths.items[s->paths.n - 1]);   /* `it` is gone */
        return 0;
    }
    case RI_SCEN:
        switch (it->item->kind) {
        case SI_AT:
            session_set_date(s, it->item->date);
            return 0;
        case SI_SUPPOSE:
            if (resolve_supposition(s->w, &it->item->sup, &s->diag)) return 1;
            if (it->item->sup.kind == SUP_LEAVE) warn_empty_leave(s, &it->item->sup);
            overlay_push(&s->ov, supp_from_ast(s->w, &it->item->sup, s->date));
            texts_push(&s->sups, stmt, stmt_len);
            log_add(s, LOG_SUPPOSE, stmt, stmt_len);
            return 0;
        case SI_QUERY: return run_query(s, it->item->query, stmt, stmt_len, 0);
        case SI_EXPECT: return run_expect(s, it->item, stmt, stmt_len);
        }
        return 0;
    case RI_QUERY: return run_query(s, it->query, stmt, stmt_len, 1);
    case RI_UNDO:
        if (!s->ov.n) { fprintf(s->out, "no supposition to undo\n"); return 0; }
        overlay_pop(&s->ov);
        free(s->sups.items[--s->sups.n]);
        log_add(s, LOG_UNDO, NULL, 0);
        return 0;
    case RI_RESET:
        if (s->ov.n) log_add(s, LOG_RESET, NULL, 0);
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
static int exec_input(Session *s, const char *text, size_t len, const char *name, int line_base)
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
        size_t from = it->loc.off - pad + origin;
        size_t to = (size_t)it->loc.end + 1 - pad + origin;
        if (to > len) to = len;
        int line = loc_shown_line(it->loc), col = loc_col(it->loc);
        int left = p->repl.n - i - 1;              /* p goes with the world if it is rebuilt */
        int more = left > 0;
        const Loc *next = more ? &p->repl.items[i + 1].loc : NULL;
        size_t next_from = more ? next->off - pad + origin : len;
        int next_line = more ? loc_shown_line(*next) : 0, next_col = more ? loc_col(*next) : 0;
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

/* Out of memory abandons one input, not the session.  What the input was
 * building goes: the answer in the scratch arenas, or a world being built
 * (the loader frees its own).  The world, the layers and the log change
 * only through steps that either happen whole or not at all. */
int session_exec(Session *s, const char *text, size_t len, const char *name, int line_base)
{
    OomJump jump;
    if (oom_catch(&jump, setjmp(jump.env))) {
        s->last = NULL;
        fresh(&s->scratch);
        fresh(&s->tmp);
        reset_diag(s);
        Loc none;
        memset(&none, 0, sizeof none);
        diag_error(&s->diag, none, "out of memory: this input was abandoned; the world and the suppositions "
                   "are as they were");
        emit_diagnostics(s);
        fflush(s->out);
        return 1;
    }
    int failed = exec_input(s, text, len, name, line_base);
    oom_release(&jump);
    return failed;
}

void session_skip(Session *s, const char *text, size_t len, const char *name, int line_base, const char *why)
{
    reset_diag(s);
    size_t head = 0;
    while (head < len && head < 200 && text[head] != '\n') head++;
    Source *src = source_new(&s->w->arena, name, text, head);
    src->line_base = line_base;
    Loc at = { src, 0, 0 };
    diag_error(&s->diag, at, "%s", why);
    emit_diagnostics(s);
    fflush(s->out);
}

/* ---------------- save ---------------- */

/* .save writes a file that `treaty run` replays: imports of the loaded
 * files, the declarations typed, then the session's questions in order, in
 * scenarios.  A scenario cannot take a layer back, so `undo` and `reset`
 * close the scenario and the next question opens another, which restates
 * the date and the layers left.  Scenarios typed at the prompt stay where
 * they were typed.  A file's declarations hold for all its scenarios, so a
 * declaration typed after a question can change that question's answer in
 * the file: the saved file is loaded and replayed before it replaces
 * anything, and every answer that differs from the session's is said. */

/* The path of `target` as seen from directory `dir`, both absolute and real
 * (absolute when they share no directory but the root). */
static const char *relative_path(Arena *a, const char *dir, const char *target)
{
    size_t k = 0;                                  /* the shared directories end at k */
    for (size_t j = 1; dir[j - 1] == target[j - 1]; j++) {
        if ((dir[j] == '/' || dir[j] == '\0') && target[j] == '/') k = j;
        if (!dir[j]) break;
    }
    if (k == 0) return target;                     /* only the root is shared: the whole path says more */
    char *rel = arena_alloc(a, 3 * strlen(dir) + strlen(target) + 1), *r = rel;
    for (size_t j = k; dir[j]; j++)
        if (dir[j] == '/' && dir[j + 1]) { memcpy(r, "../", 3); r += 3; }
    strcpy(r, target + k + 1);
    return rel;
}

/* `text` as a string of the language: quotes, backslashes, newlines and tabs
 * escaped. */
static void put_string(FILE *f, const char *text)
{
    fputc('"', f);
    for (const char *c = text; *c; c++) {
        if (*c == '"' || *c == '\\') fprintf(f, "\\%c", *c);
        else if (*c == '\n') fputs("\\n", f);
        else if (*c == '\t') fputs("\\t", f);
        else fputc(*c, f);
    }
    fputc('"', f);
}

/* A comment ends at the line's end: a path in it loses its control characters. */
static void put_comment_text(FILE *f, const char *text)
{
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) fputc(*c < 0x20 || *c == 0x7f ? '?' : *c, f);
}

/* A typed declaration without the padding that kept its position. */
static void put_typed(FILE *f, const Typed *t)
{
    const char *text = t->text;
    while (*text == ' ' || *text == '\n') text++;
    size_t n = strlen(text);
    while (n && (text[n - 1] == ' ' || text[n - 1] == '\n')) n--;
    fprintf(f, "%.*s\n", (int)n, text);
}

typedef struct Writer {
    Session *s;
    FILE *f;
    Date date;                       /* the date as the log is replayed */
    VEC(const char *) layers;        /* the suppositions then */
    int open, segments;
    VEC(char) kinds;                 /* each scenario written: 's' a segment, 't' typed */
} Writer;

static void segment_open(Writer *wr)
{
    char date[16];
    date_format(wr->date, date);
    wr->segments++;
    if (wr->segments == 1) fputs("\nscenario \"saved session\" {\n", wr->f);
    else fprintf(wr->f, "\nscenario \"saved session, part %d\" {\n", wr->segments);
    fprintf(wr->f, "  at %s;\n", date);
    for (int i = 0; i < wr->layers.n; i++) fprintf(wr->f, "  %s;\n", wr->layers.items[i]);
    wr->open = 1;
    vec_push(&wr->s->tmp, &wr->kinds, 's');
}

static void segment_close(Writer *wr)
{
    if (wr->open) fputs("}\n", wr->f);
    wr->open = 0;
}

/* The scenarios: the log replayed in order. */
static void write_log(Writer *wr)
{
    Session *s = wr->s;
    char date[16];
    for (int i = 0; i < s->log.n; i++) {
        const LogEntry *e = &s->log.items[i];
        switch (e->kind) {
        case LOG_AT:
            wr->date = e->date;
            date_format(e->date, date);
            if (wr->open) fprintf(wr->f, "  at %s;\n", date);
            break;
        case LOG_SUPPOSE:
            vec_push(&s->tmp, &wr->layers, e->text);
            if (wr->open) fprintf(wr->f, "  %s;\n", e->text);
            break;
        case LOG_UNDO:
        case LOG_RESET:
            if (e->kind == LOG_UNDO && wr->layers.n) wr->layers.n--;
            else wr->layers.n = 0;
            segment_close(wr);
            break;
        case LOG_QUERY:
        case LOG_EXPECT:
            if (!wr->open) segment_open(wr);
            fprintf(wr->f, "  %s%s;\n", e->bare ? "query " : "", e->text);
            break;
        case LOG_SCENARIO:
            segment_close(wr);
            fputc('\n', wr->f);
            put_typed(wr->f, &s->typed.items[e->typed]);
            vec_push(&s->tmp, &wr->kinds, 't');
            break;
        }
    }
    if (!wr->open && (wr->layers.n || !wr->segments)) segment_open(wr);   /* the layers left */
    segment_close(wr);
}

/* The whole file; `dir` is the real directory it goes to. */
static void write_session(Writer *wr, const char *path, const char *dir)
{
    Session *s = wr->s;
    FILE *f = wr->f;
    fputs("# A what-if session, saved by treaty repl. Run it with: treaty run ", f);
    put_comment_text(f, path);
    fputc('\n', f);
    /* imports are relative to the saved file, so the pair can move together */
    char real[PATH_MAX];
    for (int i = 0; i < s->paths.n; i++) {
        fputs("import ", f);
        put_string(f, realpath(s->paths.items[i], real) ? relative_path(&s->tmp, dir, real) : s->paths.items[i]);
        fputs(";\n", f);
    }
    for (int i = 0; i < s->typed.n; i++) {
        const Typed *t = &s->typed.items[i];
        if (t->is_scenario) continue;                  /* in the log, where it was typed */
        if (!t->import) { put_typed(f, t); continue; }
        fputs("import ", f);                           /* typed at the prompt: relative to here */
        put_string(f, realpath(t->import, real) ? relative_path(&s->tmp, dir, real) : t->import);
        fputs(";\n", f);
    }
    wr->date = s->start;
    write_log(wr);
}

/* Says something about the save: on the error stream, or as a JSON line. */
static void save_note(Session *s, const char *msg)
{
    if (s->fmt == FMT_JSON) put_json(s, json_pack("{s:s,s:o}", "type", "note", "message", json_text(msg)), "note");
    else fprintf(s->err, "note: %s\n", msg);
}

enum { SAVE_MAX_NOTES = 10 };

/* Runs the segments of the saved world and compares each answer with the
 * session's, in order; notes what differs. */
static void replay_check(Session *s, const World *w, const char *tmp_path, const Writer *wr)
{
    Arena scratch;
    arena_init(&scratch);
    Diag d;
    diag_init(&d, NULL, 0);
    int q = 0, scen = 0, differ = 0;
    for (int i = 0; i < w->scenarios.n; i++) {
        const Scenario *sc = &w->scenarios.items[i];
        if (!sc->loc.src || strcmp(sc->loc.src->path, tmp_path) != 0) continue;
        if (scen >= wr->kinds.n || wr->kinds.items[scen++] != 's') continue;
        Overlay ov;
        overlay_init(&ov);
        Ctx c = ctx_make(w, &ov, s->start, &d, &scratch);
        for (int k = 0; k < sc->decl->items.n; k++) {
            const ScenItem *it = sc->decl->items.items[k];
            if (it->kind == SI_AT) { c.date = it->date; continue; }
            if (it->kind == SI_SUPPOSE) { overlay_push(&ov, supp_from_ast(w, &it->sup, c.date)); continue; }
            while (q < s->log.n && s->log.items[q].kind != LOG_QUERY && s->log.items[q].kind != LOG_EXPECT) q++;
            if (q == s->log.n) break;
            const LogEntry *e = &s->log.items[q++];
            const char *now = result_answer_text(w, &scratch, query_run(&c, it->query));
            if (strcmp(now, e->answer) == 0 || ++differ > SAVE_MAX_NOTES) continue;
            char date[16];
            date_format(e->date, date);
            save_note(s, arena_printf(&s->tmp, "the saved file answers '%s' (at %s) with %s, where the session "
                                      "answered %s: a declaration or load typed after the question changes it",
                                      e->text, date, now, e->answer));
        }
        overlay_free(&ov);
    }
    if (differ > SAVE_MAX_NOTES)
        save_note(s, arena_printf(&s->tmp, "%d answers differ in all", differ));
    for (int i = 0; i < s->log.n; i++) {
        const LogEntry *e = &s->log.items[i];
        if (e->kind != LOG_SCENARIO || e->own_date) continue;
        char date[16];
        date_format(e->date, date);
        save_note(s, arena_printf(&s->tmp, "scenario \"%s\" has no 'at' of its own: the session ran it from %s, "
                                  "'treaty run' runs it from today (or from --at)", e->text, date));
    }
    diag_free(&d);
    arena_free(&scratch);
}

/* Where .save may write: a new file, or (with replace) an existing regular
 * file that the session did not load.  *real gets the file to write (a
 * symbolic link is followed) and *old its state.  NULL if allowed, else why
 * not. */
static const char *save_target(Session *s, const char *path, int replace, char *real, struct stat *old,
                               int *exists)
{
    *exists = 0;
    if (lstat(path, old) != 0) {
        if (errno != ENOENT) return strerror(errno);
        if (strlen(path) >= PATH_MAX) return strerror(ENAMETOOLONG);
        strcpy(real, path);
        return NULL;
    }
    if (!realpath(path, real)) return S_ISLNK(old->st_mode) ? "it is a symbolic link to nothing" : strerror(errno);
    if (stat(real, old) != 0) return strerror(errno);
    if (S_ISDIR(old->st_mode)) return "it is a directory";
    if (!S_ISREG(old->st_mode)) return "it is not a regular file";
    for (int i = 0; i < s->w->sources.n; i++) {
        struct stat src;
        if (stat(s->w->sources.items[i]->path, &src) == 0 && src.st_dev == old->st_dev && src.st_ino == old->st_ino)
            return "the session loaded that file; save to another name";
    }
    if (!replace) return arena_printf(&s->tmp, "the file exists; type '.save! %s' to replace it", path);
    *exists = 1;
    return NULL;
}

/* Writes the session to a new temporary file `tmp` in `dir`; checks every
 * write.  NULL on success, else why not (tmp is then gone). */
static const char *save_write(Session *s, Writer *wr, const char *path, const char *dir, char *tmp,
                              mode_t mode)
{
    int fd = mkstemp(tmp);
    if (fd < 0) return arena_printf(&s->tmp, "cannot create a file in '%s': %s", dir, strerror(errno));
    FILE *f = fdopen(fd, "w");
    if (!f) {
        const char *why = strerror(errno);
        close(fd);
        unlink(tmp);
        return why;
    }
    wr->f = f;
    write_session(wr, path, dir);
    /* the error flag of a stream stays set: one look covers every write */
    errno = 0;
    int failed = ferror(f) || fflush(f) != 0 || fchmod(fd, mode) != 0 || fsync(fd) != 0;
    const char *why = failed ? strerror(errno ? errno : EIO) : NULL;
    if (fclose(f) != 0 && !why) why = strerror(errno);
    if (!why) return NULL;
    unlink(tmp);
    return arena_printf(&s->tmp, "%s; nothing was changed", why);
}

int session_save(Session *s, const char *path, int replace, const char **why)
{
    fresh(&s->tmp);
    char real[PATH_MAX], dir[PATH_MAX];
    struct stat old;
    int exists;
    if (!*path) { *why = "the file name is empty"; return -1; }
    if ((*why = save_target(s, path, replace, real, &old, &exists)) != NULL) return -1;
    /* the temporary file goes next to the target, so the rename stays on one file system */
    const char *slash = strrchr(real, '/');
    const char *where = slash == real ? "/" : slash ? arena_strndup(&s->tmp, real, (size_t)(slash - real)) : ".";
    if (!realpath(where, dir)) {
        *why = arena_printf(&s->tmp, "cannot create a file in '%s': %s", where, strerror(errno));
        return -1;
    }
    char *tmp = arena_printf(&s->tmp, "%s/.treaty-save-XXXXXX", strcmp(dir, "/") == 0 ? "" : dir);
    mode_t mask = umask(0);
    umask(mask);
    Writer wr;
    memset(&wr, 0, sizeof wr);
    wr.s = s;
    if ((*why = save_write(s, &wr, path, dir, tmp, exists ? old.st_mode & 07777 : 0666 & ~mask)) != NULL) return -1;
    /* the file must load and answer as the session did, before it replaces anything */
    Diag d;
    diag_init(&d, NULL, 0);
    const char *one[1] = { tmp };
    LoadResult lr = load_world(one, 1, &d);
    if (!lr.world)
        *why = arena_printf(&s->tmp, "the saved session would not load (%s); nothing was changed",
                            d.n ? d.items[0].msg : "no reason given");
    else replay_check(s, lr.world, tmp, &wr);
    load_result_free(&lr);
    diag_free(&d);
    if (!*why && rename(tmp, real) != 0) *why = strerror(errno);
    if (*why) { unlink(tmp); return -1; }
    const char *done = arena_printf(&s->tmp, "saved to %s (run it with: treaty run %s)", path, path);
    if (s->fmt == FMT_JSON) put_json(s, json_pack("{s:s,s:o}", "type", "note", "message", json_text(done)), "note");
    else fprintf(s->out, "%s\n", done);
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
