/* load.h — reading files (with their imports) into a checked World.
 *
 * All or nothing: load_world() returns a World only when every file parsed
 * and resolved without error; otherwise it returns NULL and the diagnostics
 * say why.  Sources stay readable for printing those diagnostics until
 * load_result_free(). */
#ifndef TREATY_LOAD_H
#define TREATY_LOAD_H
#include "model.h"

enum {
    LOAD_MAX_FILE_BYTES = 16 * 1024 * 1024,
    LOAD_MAX_IMPORT_DEPTH = 64,
};

typedef struct LoadResult {
    World *world;          /* NULL on any error */
    World *failed;         /* the partial world behind the diagnostics; only for printing them */
} LoadResult;

LoadResult load_world(const char *const *paths, int n, Diag *diag);
/* One input of a world: a file (text == NULL), or a text typed elsewhere,
 * whose imports are relative to `dir` (NULL: the current directory). */
typedef struct LoadInput { const char *path; const char *text; size_t len; int line_base; const char *dir; } LoadInput;
LoadResult load_world_inputs(const LoadInput *in, int n, Diag *diag);
/* Texts that stand in for files on disk (an editor's unsaved buffers, see
 * src/lsp.c): before a file is read, `text` is asked for it by its real
 * path, and a text it gives (with *len) is read instead; NULL reads the
 * file.  The text stays the caller's. */
typedef struct LoadOverlay {
    const char *(*text)(void *ctx, const char *real_path, size_t *len);
    void *ctx;
} LoadOverlay;
LoadResult load_world_overlay(const LoadInput *in, int n, const LoadOverlay *overlay, Diag *diag);
/* Loads a text as if it were a file called `name` (tests, fuzzing, the REPL). */
LoadResult load_world_text(const char *name, const char *text, size_t len, Diag *diag);
void       load_result_free(LoadResult *r);

/* Reads a whole file; returns a malloc'd buffer or NULL with a reason. */
char *read_file(const char *path, size_t *len, const char **why);
#endif
