/* lsp_lang.h — what the language server knows of an open document, its
 * diagnostics (lsp_diag.c) and the answers about the names in its world
 * (lsp_lang.c).
 *
 * Every answer is computed from the document's world as last loaded: the
 * document's text (the editor's, not the disk's) and the files it imports.
 * Answers that need a checked world (memberships, obligations) are given
 * only while the text loads without errors; the others use what parsed. */
#ifndef TREATY_LSP_LANG_H
#define TREATY_LSP_LANG_H
#include <jansson.h>
#include "lsp.h"

typedef struct LspDoc {
    char *uri;                 /* as the client named it */
    char *path;                /* the file a file: URI names, or NULL */
    char *real;                /* its real path while it exists on disk, or NULL */
    char *text;                /* the editor's text (malloc, NUL-terminated) */
    size_t len;
    json_t *version;           /* the client's version of the text, or NULL */
    LoadResult lr;             /* the world of the text */
    Diag diag;                 /* what loading it said */
    char **deps;               /* real paths of the files that world read (malloc) */
    int ndeps, deps_cap;
    int stale;                 /* a file it reads changed since: load again before answering */
} LspDoc;

typedef struct LspServer LspServer;

/* Helpers of lsp.c for the answers. */
Date          lsp_today(const LspServer *s);     /* the date hovers speak of */
/* The world behind the answers: the checked one, or the one that failed. */
const World  *lsp_doc_world(const LspDoc *d);
/* The document's own source in that world (NULL if it could not be read). */
const Source *lsp_doc_source(const LspDoc *d);
json_t       *lsp_range(const LspServer *s, Loc loc);
json_t       *lsp_location(const LspServer *s, const LspDoc *d, Loc loc);
/* The byte column (0-based) of an LSP position in a line of the source,
 * or -1 when the line is not there. */
int           lsp_byte_column(const LspServer *s, const Source *src, int line, int character);
/* A JSON string of text that may hold bytes that are not UTF-8 (shown as '?'). */
json_t       *lsp_string(const char *text);

/* The diagnostics of the document, as LSP Diagnostic objects (lsp_diag.c). */
json_t *lsp_diagnostics(const LspServer *s, const LspDoc *d);

/* The answers: params as the client sent them (already checked to name
 * the document and, where asked for, a position). */
json_t *lsp_hover(const LspServer *s, const LspDoc *d, int line, int character);
json_t *lsp_definition(const LspServer *s, const LspDoc *d, int line, int character);
json_t *lsp_references(const LspServer *s, const LspDoc *d, int line, int character, int with_declaration);
json_t *lsp_completion(const LspServer *s, const LspDoc *d, int line, int character);
json_t *lsp_document_symbols(const LspServer *s, const LspDoc *d);
#endif
