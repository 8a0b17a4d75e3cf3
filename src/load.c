/* load.c — files, imports (relative, deduplicated, cycles named), then resolve. */
#include "load.h"
#include "parse.h"
#include "resolve.h"
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *read_file(const char *path, size_t *len, const char **why)
{
    struct stat st;
    if (stat(path, &st) != 0) { *why = strerror(errno); return NULL; }
    if (S_ISDIR(st.st_mode)) { *why = "is a directory, not a file"; return NULL; }
    /* devices and pipes could block or never end: only plain files are sources */
    if (!S_ISREG(st.st_mode)) { *why = "is not a regular file"; return NULL; }
    FILE *f = fopen(path, "rb");
    if (!f) { *why = strerror(errno); return NULL; }
    size_t cap = 4096, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (n + 4096 > cap) { cap *= 2; buf = xrealloc(buf, cap); }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (n > LOAD_MAX_FILE_BYTES) {
            fclose(f);
            free(buf);
            *why = "file is larger than the limit of 16 MiB";
            return NULL;
        }
        if (got == 0) break;
    }
    int err = ferror(f);
    fclose(f);
    if (err) { free(buf); *why = "read error"; return NULL; }
    buf[n] = '\0';
    *len = n;
    return buf;
}

typedef struct Loader {
    World *w;
    Diag *diag;
    VEC(const char *) loaded;      /* real paths already parsed */
    VEC(const char *) stack;       /* real paths being loaded (for cycles) */
} Loader;

static void load_path(Loader *L, const char *path, Loc from, int depth);

static void process_imports(Loader *L, Program *prog, const char *dir, int depth)
{
    for (int i = 0; i < prog->decls.n; i++) {
        Decl *d = prog->decls.items[i];
        if (d->kind != D_IMPORT) continue;
        const char *p = d->text;
        char *full = p[0] == '/' || !dir[0] ? arena_strdup(&L->w->arena, p)
                                            : arena_printf(&L->w->arena, "%s/%s", dir, p);
        load_path(L, full, d->loc, depth + 1);
        if (L->diag->stopped) return;
    }
}

static void load_source(Loader *L, Source *src, const char *real, int depth)
{
    vec_push(&L->w->arena, &L->w->sources, src);
    Program *prog = parse_source(src, PARSE_FILE, &L->w->arena, &L->w->names, L->diag);
    if (!prog) return;
    vec_push(&L->w->arena, &L->w->programs, prog);
    if (real) vec_push(&L->w->arena, &L->stack, real);
    char *dir = arena_strdup(&L->w->arena, src->path);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0'; else dir[0] = '\0';
    process_imports(L, prog, dir, depth);
    if (real) L->stack.n--;
}

static void load_path(Loader *L, const char *path, Loc from, int depth)
{
    if (depth > LOAD_MAX_IMPORT_DEPTH) {
        diag_error(L->diag, from, "imports are nested too deeply (limit is %d)", LOAD_MAX_IMPORT_DEPTH);
        return;
    }
    char realbuf[PATH_MAX];
    const char *why = NULL;
    size_t len = 0;
    char *text = NULL;
    if (!realpath(path, realbuf)) why = strerror(errno);
    if (!why) {
        for (int i = 0; i < L->stack.n; i++)
            if (strcmp(L->stack.items[i], realbuf) == 0) {
                /* name the whole cycle, from the file that closes it */
                size_t cap = 64;
                for (int j = i; j < L->stack.n; j++) cap += strlen(L->stack.items[j]) + 4;
                char *chain = xmalloc(cap + strlen(path) + 8);
                chain[0] = '\0';
                for (int j = i; j < L->stack.n; j++) {
                    const char *base = strrchr(L->stack.items[j], '/');
                    strcat(chain, base ? base + 1 : L->stack.items[j]);
                    strcat(chain, " -> ");
                }
                const char *base = strrchr(realbuf, '/');
                strcat(chain, base ? base + 1 : realbuf);
                diag_error(L->diag, from, "import cycle: %s", chain);
                free(chain);
                return;
            }
        for (int i = 0; i < L->loaded.n; i++)
            if (strcmp(L->loaded.items[i], realbuf) == 0) return;   /* already loaded */
        text = read_file(path, &len, &why);
    }
    if (!text) {
        if (from.src) diag_error(L->diag, from, "cannot import '%s': %s", path, why);
        else diag_error(L->diag, from, "cannot read '%s': %s", path, why);
        return;
    }
    const char *real = arena_strdup(&L->w->arena, realbuf);
    vec_push(&L->w->arena, &L->loaded, real);
    Source *src = source_new(&L->w->arena, path, text, len);
    free(text);
    const char *nul = memchr(src->text, '\0', src->len);
    if (nul) {
        /* A NUL byte means a binary file: one clear error instead of a flood. */
        Loc at;
        memset(&at, 0, sizeof at);
        at.src = src;
        at.line = 1;
        for (const char *q = src->text; q < nul; q++) if (*q == '\n') at.line++;
        const char *ls = nul;
        while (ls > src->text && ls[-1] != '\n') ls--;
        at.col = at.end_col = (int)(nul - ls) + 1;
        at.end_line = at.line;
        diag_error(L->diag, at, "'%s' looks like a binary file (NUL byte); Treaty sources are UTF-8 text", path);
        vec_push(&L->w->arena, &L->w->sources, src);
        return;
    }
    load_source(L, src, real, depth);
}

static LoadResult finish(Loader *L, int errors_before)
{
    LoadResult r = { NULL, NULL };
    if (L->diag->errors == errors_before && !L->diag->stopped)
        resolve_world(L->w, L->diag);
    if (L->diag->errors == errors_before && !L->diag->stopped) r.world = L->w;
    else r.failed = L->w;
    return r;
}

LoadResult load_world(const char *const *paths, int n, Diag *diag)
{
    LoadInput *in = xcalloc((size_t)(n ? n : 1), sizeof *in);
    for (int i = 0; i < n; i++) in[i].path = paths[i];
    LoadResult r = load_world_inputs(in, n, diag);
    free(in);
    return r;
}

LoadResult load_world_text(const char *name, const char *text, size_t len, Diag *diag)
{
    Loader L;
    memset(&L, 0, sizeof L);
    L.w = world_new();
    L.diag = diag;
    int before = diag->errors;
    Source *src = source_new(&L.w->arena, name, text, len);
    load_source(&L, src, NULL, 0);
    return finish(&L, before);
}

LoadResult load_world_inputs(const LoadInput *in, int n, Diag *diag)
{
    Loader L;
    memset(&L, 0, sizeof L);
    L.w = world_new();
    L.diag = diag;
    int before = diag->errors;
    Loc none;
    memset(&none, 0, sizeof none);
    for (int i = 0; i < n && !diag->stopped; i++) {
        if (!in[i].text) { load_path(&L, in[i].path, none, 0); continue; }
        Source *src = source_new(&L.w->arena, in[i].path, in[i].text, in[i].len);
        src->line_base = in[i].line_base;
        load_source(&L, src, NULL, 0);
    }
    return finish(&L, before);
}

void load_result_free(LoadResult *r)
{
    world_free(r->world);
    world_free(r->failed);
    r->world = r->failed = NULL;
}
