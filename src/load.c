/* load.c — files, imports (relative, deduplicated, cycles named), then resolve. */
#include "load.h"
#include "parse.h"
#include "resolve.h"
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

char *read_file(const char *path, size_t *len, const char **why)
{
    struct stat st;
    if (stat(path, &st) != 0) { *why = strerror(errno); return NULL; }
    if (S_ISDIR(st.st_mode)) { *why = "is a directory, not a file"; return NULL; }
    /* devices and pipes could block or never end: only plain files are sources */
    if (!S_ISREG(st.st_mode)) { *why = "is not a regular file"; return NULL; }
    /* the buffer is taken before the file is opened, and grown by hand, so
     * that running out of memory leaks no open file (oom_fail) */
    size_t cap = (st.st_size < LOAD_MAX_FILE_BYTES ? (size_t)st.st_size : LOAD_MAX_FILE_BYTES) + 4097, n = 0;
    char *buf = xmalloc(cap);
    FILE *f = fopen(path, "rb");
    if (!f) { free(buf); *why = strerror(errno); return NULL; }
    for (;;) {
        if (n + 4096 > cap) {                        /* the file grew since stat() */
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) { fclose(f); free(buf); oom_fail(); }
            buf = bigger;
            cap *= 2;
        }
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

/* A file is known by its device and inode, not by its name: a symbolic
 * link or a hard link to a file already loaded is the same file. */
typedef struct FileId { dev_t dev; ino_t ino; } FileId;
typedef struct Open { FileId id; const char *real, *dir; } Open;

typedef struct Loader {
    World *w;
    Diag *diag;
    FileId *loaded;                /* files already parsed: a hash set, open addressing */
    uint32_t nloaded, loaded_cap;  /* loaded_cap: a power of two, or 0 */
    VEC(Open) stack;               /* files being loaded (for cycles) */
    char *pending;                 /* a file's text between reading and copying */
    const LoadOverlay *overlay;    /* texts read instead of files, or NULL */
} Loader;

static void load_path(Loader *L, const char *written, const char *dir, Loc from, int depth);

/* The directory that a file's imports are relative to: the one holding the
 * file itself, after following the file's own symbolic links (at most 40,
 * as the kernel does).  So a file means the same however it is reached,
 * through a link or not: a link in another folder does not move its
 * imports.  Directory links need no following: a file's siblings are the
 * same through them, and `..` is resolved on the real path by realpath().
 * Paths stay as written, so messages show them as the user knows them. */
static const char *import_dir(Arena *a, const char *named)
{
    char *path = arena_strdup(a, named);
    for (int hops = 0; hops < 40; hops++) {
        struct stat st;
        char target[PATH_MAX];
        if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode)) break;
        ssize_t n = readlink(path, target, sizeof target - 1);
        if (n <= 0) break;
        target[n] = '\0';
        const char *slash = strrchr(path, '/');
        if (target[0] == '/' || !slash) path = arena_strdup(a, target);
        else path = arena_printf(a, "%.*s/%s", (int)(slash - path), path, target);
    }
    const char *slash = strrchr(path, '/');
    if (!slash) return "";
    return slash == path ? "/" : arena_strndup(a, path, (size_t)(slash - path));
}


static void process_imports(Loader *L, Program *prog, const char *dir, int depth)
{
    for (int i = 0; i < prog->decls.n; i++) {
        Decl *d = prog->decls.items[i];
        if (d->kind != D_IMPORT) continue;
        load_path(L, d->text, dir, d->loc, depth + 1);
        if (L->diag->stopped) return;
    }
}

/* `open` says which file this is, or is NULL for a text typed elsewhere (its
 * imports are then relative to the current directory). */
static void load_source(Loader *L, Source *src, const Open *open, int depth)
{
    vec_push(&L->w->arena, &L->w->sources, src);
    Program *prog = parse_source(src, PARSE_FILE, &L->w->arena, &L->w->names, L->diag);
    if (!prog) return;
    vec_push(&L->w->arena, &L->w->programs, prog);
    if (open) vec_push(&L->w->arena, &L->stack, *open);
    process_imports(L, prog, open ? open->dir : "", depth);
    if (open) L->stack.n--;
}

static int same_file(FileId a, FileId b) { return a.dev == b.dev && a.ino == b.ino; }

/* The set of files already loaded: one probe per lookup however many
 * files a world imports.  It lives in the world's arena (stale tables are
 * left there when it grows: they add up to less than the last one). */
static uint32_t file_slot(const FileId *table, uint32_t cap, FileId id)
{
    uint64_t h = ((uint64_t)id.dev * 0x9E3779B97F4A7C15u) ^ ((uint64_t)id.ino * 0xC2B2AE3D27D4EB4Fu);
    uint32_t i = (uint32_t)(h ^ (h >> 32)) & (cap - 1);
    while (table[i].ino && !same_file(table[i], id)) i = (i + 1) & (cap - 1);
    return i;
}

static int file_loaded(const Loader *L, FileId id)
{
    return L->loaded_cap && same_file(L->loaded[file_slot(L->loaded, L->loaded_cap, id)], id);
}

static void file_add(Loader *L, FileId id)
{
    if (2 * (L->nloaded + 1) > L->loaded_cap) {
        uint32_t cap = L->loaded_cap ? 2 * L->loaded_cap : 64;
        FileId *grown = arena_alloc(&L->w->arena, (size_t)cap * sizeof *grown);   /* zeroed: ino 0 is empty */
        for (uint32_t i = 0; i < L->loaded_cap; i++)
            if (L->loaded[i].ino) grown[file_slot(grown, cap, L->loaded[i])] = L->loaded[i];
        L->loaded = grown;
        L->loaded_cap = cap;
    }
    L->loaded[file_slot(L->loaded, L->loaded_cap, id)] = id;
    L->nloaded++;
}

static void import_cycle(Loader *L, int i, const char *real, Loc from)
{
    /* name the whole cycle, from the file that closes it */
    size_t cap = 64 + strlen(real);
    for (int j = i; j < L->stack.n; j++) cap += strlen(L->stack.items[j].real) + 4;
    char *chain = xmalloc(cap);
    chain[0] = '\0';
    for (int j = i; j < L->stack.n; j++) {
        const char *base = strrchr(L->stack.items[j].real, '/');
        strcat(chain, base ? base + 1 : L->stack.items[j].real);
        strcat(chain, " -> ");
    }
    const char *base = strrchr(real, '/');
    strcat(chain, base ? base + 1 : real);
    diag_error(L->diag, from, "import cycle: %s", chain);
    free(chain);
}

/* Room for what a source of len bytes comes to in the world (its text,
 * syntax tree and records: about seven and a half times its size,
 * measured on examples/atop and its 100 copies), as one block. */
static void reserve_for(Loader *L, size_t len)
{
    arena_reserve(&L->w->arena, len <= SIZE_MAX / 8 ? len * 8 : len);
}

/* The file's text: the overlay's, if it has one for the file, else the disk's. */
static char *read_source(const Loader *L, const char *real, size_t *len, const char **why)
{
    const char *given = L->overlay ? L->overlay->text(L->overlay->ctx, real, len) : NULL;
    if (!given) return read_file(real, len, why);
    char *copy = xmalloc(*len + 1);
    memcpy(copy, given, *len);
    copy[*len] = '\0';
    return copy;
}

/* A plain file's text read straight into the world's arena, after room
 * for all it will come to (reserve_for): the text and what is made of it
 * share fresh memory, on huge pages when large.  NULL when the file is not
 * a plain file within the limit, cannot be opened or grew while read: then
 * read_file() reads it (and says why it cannot). */
static char *read_into_world(Loader *L, const char *real, const struct stat *st, size_t *len, const char **why)
{
    if (!S_ISREG(st->st_mode) || st->st_size < 0 || st->st_size > LOAD_MAX_FILE_BYTES) return NULL;
    size_t size = (size_t)st->st_size;
    reserve_for(L, size);
    FILE *f = fopen(real, "rb");
    if (!f) return NULL;
    char *buf = arena_text_room(&L->w->arena, size + 2);
    size_t got = fread(buf, 1, size + 1, f);      /* one byte more: whether it grew */
    int err = ferror(f);
    fclose(f);
    if (err) { *why = "read error"; return NULL; }
    if (got > size) return NULL;
    buf[got] = '\0';
    *len = got;
    return buf;
}

static void load_path(Loader *L, const char *written, const char *dir, Loc from, int depth)
{
    if (depth > LOAD_MAX_IMPORT_DEPTH) {
        diag_error(L->diag, from, "imports are nested too deeply (limit is %d)", LOAD_MAX_IMPORT_DEPTH);
        return;
    }
    /* a file named on the command line is read as named; a relative import
     * from the importing file's directory (import_dir) */
    const char *path = written;
    if (from.src && written[0] != '/' && dir[0])
        path = arena_printf(&L->w->arena, "%s%s%s", dir, strcmp(dir, "/") ? "/" : "", written);
    char realbuf[PATH_MAX];
    const char *why = NULL;
    size_t len = 0;
    char *text = NULL;
    int in_arena = 0;                         /* text is in the world's arena (else malloc'd) */
    struct stat st;
    if (!realpath(path, realbuf) || stat(realbuf, &st) != 0) why = strerror(errno);
    if (!why) {
        FileId id = { st.st_dev, st.st_ino };
        for (int i = 0; i < L->stack.n; i++)
            if (same_file(L->stack.items[i].id, id)) { import_cycle(L, i, realbuf, from); return; }
        if (file_loaded(L, id)) return;                              /* already loaded */
        if (!L->overlay) text = read_into_world(L, realbuf, &st, &len, &why);
        in_arena = text != NULL;
        if (!text && !why) text = L->pending = read_source(L, realbuf, &len, &why);
        if (text) file_add(L, id);
    }
    if (!text) {
        if (!from.src) diag_error(L->diag, from, "cannot read '%s': %s", written, why);
        else if (strcmp(path, written) != 0)
            diag_error(L->diag, from, "cannot import '%s' (resolved to '%s'): %s", written, path, why);
        else diag_error(L->diag, from, "cannot import '%s': %s", written, why);
        return;
    }
    FileId id = { st.st_dev, st.st_ino };
    Open open = { id, arena_strdup(&L->w->arena, realbuf),
                  import_dir(&L->w->arena, path) };
    /* a UTF-8 byte-order mark is not part of the text: columns start after it */
    size_t skip = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (!in_arena) {
        reserve_for(L, len - skip);
        world_own_text(L->w, text);           /* viewed where it was read, not copied */
        L->pending = NULL;
    }
    Source *src = source_view(&L->w->arena, arena_strdup(&L->w->arena, path), text + skip, len - skip);
    const char *nul = memchr(src->text, '\0', src->len);
    if (nul) {
        /* A NUL byte means a binary file: one clear error instead of a flood. */
        Loc at;
        memset(&at, 0, sizeof at);
        at.src = src;
        at.off = at.end = (uint32_t)(nul - src->text);
        diag_error(L->diag, at, "'%s' looks like a binary file (NUL byte); Treaty sources are UTF-8 text", path);
        vec_push(&L->w->arena, &L->w->sources, src);
        return;
    }
    load_source(L, src, &open, depth);
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
    LoadInput in = { name, text, len, 0, NULL };
    return load_world_inputs(&in, 1, diag);
}

LoadResult load_world_inputs(const LoadInput *in, int n, Diag *diag)
{
    return load_world_overlay(in, n, NULL, diag);
}

LoadResult load_world_overlay(const LoadInput *in, int n, const LoadOverlay *overlay, Diag *diag)
{
    /* All or nothing, out of memory included: the half-built world is freed
     * and the failure passed on (oom_catch).  The loader lives on the heap,
     * so that what it holds is still known after the jump. */
    Loader *L = xcalloc(1, sizeof *L);
    L->diag = diag;
    L->overlay = overlay;
    OomJump jump;
    if (oom_catch(&jump, setjmp(jump.env))) {
        free(L->pending);
        world_free(L->w);
        free(L);
        oom_fail();
    }
    L->w = world_new();
    int before = diag->errors;
    Loc none;
    memset(&none, 0, sizeof none);
    for (int i = 0; i < n && !diag->stopped; i++) {
        if (!in[i].text) { load_path(L, in[i].path, "", none, 0); continue; }
        reserve_for(L, in[i].len);
        Source *src = source_new(&L->w->arena, in[i].path, in[i].text, in[i].len);
        src->line_base = in[i].line_base;
        /* a text is no file on disk (id 0 is none), but may say where its imports are */
        Open open = { { 0, 0 }, in[i].path, in[i].dir };
        load_source(L, src, in[i].dir ? &open : NULL, 0);
    }
    LoadResult r = finish(L, before);
    oom_release(&jump);
    free(L);
    return r;
}

void load_result_free(LoadResult *r)
{
    world_free(r->world);
    world_free(r->failed);
    r->world = r->failed = NULL;
}
