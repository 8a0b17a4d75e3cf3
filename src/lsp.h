/* lsp.h — `treaty lsp`: a language server over standard input and output.
 *
 * The Language Server Protocol speaks JSON-RPC 2.0 in frames: header lines
 * ("Content-Length: N"), an empty line, then N bytes of JSON.  lsp.c reads
 * and writes the frames, keeps the documents the editor has open and
 * dispatches the methods; lsp_diag.c says what is wrong in a document;
 * lsp_lang.c answers the questions about names (hover, definition,
 * references, completion, symbols).  docs/editors.md
 * says what the server does for a user. */
#ifndef TREATY_LSP_H
#define TREATY_LSP_H
#include <stdio.h>
#include "load.h"

enum {
    LSP_MAX_MESSAGE = LOAD_MAX_FILE_BYTES,   /* a message carries at most one file's text */
    LSP_MAX_HEADER_LINE = 1024,              /* bytes kept of one header line */
    LSP_MAX_HEADERS = 32,                    /* header lines in one frame */
    LSP_MAX_DOCUMENTS = 1024,                /* documents open at once */
};

/* ---- frames ---- */
typedef enum { FRAME_OK, FRAME_EOF, FRAME_BAD } FrameStatus;
/* Reads one frame.  FRAME_OK: *body (malloc'd, NUL-terminated) and *len.
 * FRAME_BAD: *why says what was wrong; the stream is past the bad frame
 * (its body skipped when its length was known), so the next one can be
 * read.  FRAME_EOF: the input ended (a frame cut short ends it too). */
FrameStatus lsp_read_frame(FILE *in, char **body, size_t *len, const char **why);
/* Writes one frame and flushes; -1 if the write failed. */
int lsp_write_frame(FILE *out, const char *body, size_t len);

/* ---- positions ----
 * LSP positions are 0-based lines and columns counted in UTF-16 code units
 * (unless the client and server agree on UTF-8); Treaty's Locs are 1-based
 * lines and byte columns.  A byte that is not part of well-formed UTF-8
 * counts as one unit, as editors show it as one replacement character. */
typedef enum { POS_UTF16, POS_UTF8 } PosEncoding;
/* The units in the first `bytes` bytes of a line of n bytes. */
int lsp_units_of_bytes(const char *line, int n, int bytes, PosEncoding enc);
/* The byte offset of column `units` in a line of n bytes: at most n, and
 * never inside a character. */
int lsp_bytes_of_units(const char *line, int n, int units, PosEncoding enc);

/* Serves one client on in/out until `exit` or the end of the input;
 * hovers show memberships and obligations on `today`.  Returns the exit
 * status: 0 after shutdown then exit, 1 otherwise. */
int lsp_serve(FILE *in, FILE *out, Date today);
#endif
