/* lsp_diag.c — the language server's diagnostics of a document: what
 * loading its world said (errors and warnings, as `treaty check` prints
 * them), then what `treaty check` finds on the server's day.  A place in
 * an imported file is shown on the document's import that brings it in. */
#include "lsp_lang.h"
#include "treaty.h"
#include <stdlib.h>
#include <string.h>

/* Where the diagnostics of an imported file are shown in the document: on
 * the document's own import that brings the file in, directly or through
 * the files it imports. */
typedef struct ImportOf { const Source *src; Loc at; } ImportOf;
typedef struct Shown {
    const LspServer *s;
    const LspDoc *d;
    ImportOf *of;                  /* sorted by source */
    int n;
} Shown;

static int by_source(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const ImportOf *)a)->src, y = (uintptr_t)((const ImportOf *)b)->src;
    return x < y ? -1 : x > y;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const ImportOf *)a)->src->path, ((const ImportOf *)b)->src->path);
}

/* The document's imports, each with the path its file is read by (as the
 * loader joins it: relative to the document's folder). */
static int own_imports(const LspDoc *d, const Program *prog, Arena *a, ImportOf *own)
{
    char *dir = d->path ? arena_strdup(a, d->path) : NULL;
    if (dir) *strrchr(dir, '/') = '\0';
    int n = 0;
    for (int i = 0; i < prog->decls.n; i++) {
        const Decl *imp = prog->decls.items[i];
        if (!imp || imp->kind != D_IMPORT) continue;
        Source *named = arena_alloc(a, sizeof *named);
        named->path = dir && imp->text[0] != '/' ? arena_printf(a, "%s/%s", dir, imp->text) : imp->text;
        own[n].src = named;
        own[n++].at = imp->loc;
    }
    return n;
}

/* The world's sources come in the order they were read: a file, then what
 * it imports, depth first.  So the sources after one of the document's
 * imports, up to the next, are the files it brings in. */
static void find_imports(Shown *sh, Arena *a)
{
    const World *w = lsp_doc_world(sh->d);
    const Source *root = lsp_doc_source(sh->d);
    sh->of = NULL;
    sh->n = 0;
    if (!root || w->programs.n == 0 || w->programs.items[0]->src != root) return;
    const Program *prog = w->programs.items[0];
    ImportOf *own = arena_alloc(a, (size_t)(prog->decls.n + 1) * sizeof *own);
    int nown = own_imports(sh->d, prog, a, own);
    qsort(own, (size_t)nown, sizeof *own, by_path);
    sh->of = arena_alloc(a, (size_t)w->sources.n * sizeof *sh->of);
    const ImportOf *current = NULL;
    for (int i = 1; i < w->sources.n; i++) {
        ImportOf key = { w->sources.items[i], { 0 } };
        const ImportOf *hit = bsearch(&key, own, (size_t)nown, sizeof *own, by_path);
        if (hit) current = hit;
        if (current) { sh->of[sh->n].src = key.src; sh->of[sh->n++].at = current->at; }
    }
    qsort(sh->of, (size_t)sh->n, sizeof *sh->of, by_source);
}

static json_t *diagnostic_json(const Shown *sh, const Diagnostic *dg)
{
    static const int severity[] = { [DIAG_ERROR] = 1, [DIAG_WARNING] = 2, [DIAG_NOTE] = 3 };
    json_t *j = json_object();
    Loc at = dg->loc;
    if (at.src && at.src == lsp_doc_source(sh->d)) {
        json_object_set_new(j, "range", lsp_range(sh->s, at));
        json_object_set_new(j, "message", lsp_string(dg->msg));
    } else {
        /* in an imported file: shown on the import that brings it in (or
         * the first line), with the place in the message as `treaty check`
         * gives it, and as related information an editor can open */
        ImportOf key = { at.src, { 0 } };
        const ImportOf *via = at.src && sh->n ? bsearch(&key, sh->of, (size_t)sh->n, sizeof *sh->of, by_source) : NULL;
        json_object_set_new(j, "range", via ? lsp_range(sh->s, via->at)      /* else the start of the file */
                                            : json_pack("{s:{s:i,s:i},s:{s:i,s:i}}", "start", "line", 0, "character", 0,
                                                        "end", "line", 0, "character", 0));
        char *msg = xmalloc(strlen(dg->msg) + (at.src ? strlen(at.src->path) : 0) + 64);
        if (at.src) sprintf(msg, "%s:%d:%d: %s", at.src->path, loc_shown_line(at), loc_col(at), dg->msg);
        else strcpy(msg, dg->msg);
        json_object_set_new(j, "message", lsp_string(msg));
        free(msg);
        if (at.src)
            json_object_set_new(j, "relatedInformation", json_pack("[{s:o,s:o}]", "location",
                                lsp_location(sh->s, sh->d, at), "message", lsp_string(dg->msg)));
    }
    json_object_set_new(j, "severity", json_integer(severity[dg->level]));
    json_object_set_new(j, "source", json_string("treaty"));
    return j;
}

/* What `treaty check` says once the world loads: each constraint and
 * exclusivity principle violated on the server's day, as a warning at the
 * rule behind it (and what stopped the check, if something did). */
static void add_violations(const Shown *sh, json_t *list)
{
    const LspServer *s = sh->s;
    const LspDoc *d = sh->d;
    if (!d->lr.world) return;
    Arena scratch;
    arena_init(&scratch);
    Diag said;
    diag_init(&said, NULL, 0);
    Ctx c = ctx_make(d->lr.world, NULL, lsp_today(s), &said, &scratch);
    Query q;
    memset(&q, 0, sizeof q);
    q.kind = Q_CHECK;
    q.text = "check";
    const Result *r = query_run(&c, &q);
    char day[16];
    date_format(lsp_today(s), day);
    for (int i = 0; i < r->reasons.n; i++) {
        const Reason *rs = &r->reasons.items[i];
        if (rs->kind != RK_VIOLATION) continue;
        int detail = rs->detail && (!r->summary || strcmp(rs->detail, r->summary) != 0);
        Diagnostic dg = { DIAG_WARNING, rs->loc, arena_printf(&scratch, "violated on %s: %s%s%s", day, reason_text(d->lr.world, r, rs),
                                                               detail ? " -- " : "", detail ? rs->detail : "") };
        json_array_append_new(list, diagnostic_json(sh, &dg));
    }
    for (int i = 0; i < said.n; i++) json_array_append_new(list, diagnostic_json(sh, &said.items[i]));
    diag_free(&said);
    arena_free(&scratch);
}

json_t *lsp_diagnostics(const LspServer *s, const LspDoc *d)
{
    json_t *list = json_array();
    Arena a;
    arena_init(&a);
    Shown sh = { s, d, NULL, 0 };
    if (lsp_doc_world(d)) find_imports(&sh, &a);
    for (int i = 0; i < d->diag.n; i++) json_array_append_new(list, diagnostic_json(&sh, &d->diag.items[i]));
    add_violations(&sh, list);
    arena_free(&a);
    return list;
}
