/* lsp.c — the language server: frames, JSON-RPC, the open documents and
 * their diagnostics, and the dispatch of methods to lsp_lang.c.
 *
 * One client on standard input and output, one message at a time.  Bad
 * input of any kind (a broken header, a length past the limit, JSON that
 * does not parse, a request that is not one) gets a JSON-RPC error and the
 * server reads on; nothing the client sends ends it but `exit` and the end
 * of the input. */
#include "lsp.h"
#include "format.h"
#include "lsp_lang.h"
#include "treaty.h"
#include <ctype.h>
#include <strings.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* JSON-RPC's and LSP's error codes */
enum {
    RPC_PARSE_ERROR = -32700, RPC_INVALID_REQUEST = -32600, RPC_METHOD_NOT_FOUND = -32601,
    RPC_INVALID_PARAMS = -32602, RPC_SERVER_NOT_INITIALIZED = -32002,
};

/* ---- frames ---- */

/* Reads a header line into buf (without its line end; at most cap - 1
 * bytes kept, the rest read and dropped, *too_long set).  -1 at the end of
 * the input. */
static int read_header_line(FILE *in, char *buf, size_t cap, int *too_long)
{
    size_t n = 0;
    int c;
    *too_long = 0;
    while ((c = getc(in)) != EOF && c != '\n') {
        if (n + 1 < cap) buf[n++] = (char)c;
        else *too_long = 1;
    }
    if (c == EOF) return -1;
    if (n > 0 && buf[n - 1] == '\r') n--;
    buf[n] = '\0';
    return (int)n;
}

/* Reads and drops n bytes (a body that will not be looked at); 0 if they
 * were all there. */
static int skip_bytes(FILE *in, unsigned long long n)
{
    char sink[4096];
    while (n > 0) {
        size_t want = n < sizeof sink ? (size_t)n : sizeof sink;
        size_t got = fread(sink, 1, want, in);
        if (got == 0) return -1;
        n -= got;
    }
    return 0;
}

/* The value of a Content-Length header: digits only; saturates past the
 * limit (such a body is skipped, not read).  -1 if it is not a number. */
static long long content_length(const char *value)
{
    while (*value == ' ' || *value == '\t') value++;
    if (!isdigit((unsigned char)*value)) return -1;
    long long n = 0;
    for (; isdigit((unsigned char)*value); value++)
        if (n <= (long long)LSP_MAX_MESSAGE * 16) n = n * 10 + (*value - '0');
    while (*value == ' ' || *value == '\t') value++;
    return *value ? -1 : n;
}

/* One header line: only Content-Length matters (Content-Type may only say
 * JSON in UTF-8, which is all this server reads anyway).  The first
 * problem is the one told. */
static void header(const char *line, long long *length, const char **why)
{
    const char *colon = strchr(line, ':');
    if (!colon) { if (!*why) *why = "malformed header line (no ':')"; return; }
    if ((size_t)(colon - line) == strlen("Content-Length") && strncasecmp(line, "Content-Length", 14) == 0) {
        *length = content_length(colon + 1);
        if (*length < 0 && !*why) *why = "Content-Length is not a number";
    }
}

FrameStatus lsp_read_frame(FILE *in, char **body, size_t *len, const char **why)
{
    char line[LSP_MAX_HEADER_LINE];
    long long length = -1;
    int lines = 0, too_long;
    *why = NULL;
    *body = NULL;
    for (;;) {
        int n = read_header_line(in, line, sizeof line, &too_long);
        if (n < 0) return FRAME_EOF;
        if (n == 0 && !too_long) break;
        /* a frame with a problem is still read to its end, so that the
         * next one starts where it should */
        if (++lines > LSP_MAX_HEADERS && !*why) *why = "too many header lines";
        if (too_long) { if (!*why) *why = "header line too long"; }
        else header(line, &length, why);
    }
    if (length < 0) {
        if (!*why) *why = "missing Content-Length header";
        return FRAME_BAD;
    }
    if (length > LSP_MAX_MESSAGE) *why = "message is larger than the limit of 16 MiB";
    if (*why) return skip_bytes(in, (unsigned long long)length) == 0 ? FRAME_BAD : FRAME_EOF;
    char *buf = xmalloc((size_t)length + 1);
    if (fread(buf, 1, (size_t)length, in) != (size_t)length) { free(buf); return FRAME_EOF; }
    buf[length] = '\0';
    *body = buf;
    *len = (size_t)length;
    return FRAME_OK;
}

int lsp_write_frame(FILE *out, const char *body, size_t len)
{
    if (fprintf(out, "Content-Length: %zu\r\n\r\n", len) < 0) return -1;
    if (fwrite(body, 1, len, out) != len) return -1;
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

/* ---- positions ---- */

/* The length of the character at line[i] and the units it takes. */
static int char_at(const char *line, int n, int i, PosEncoding enc, int *units)
{
    int k = utf8_char_len((const unsigned char *)line + i, (size_t)(n - i));
    if (k == 0) { *units = 1; return 1; }
    *units = enc == POS_UTF8 ? k : k == 4 ? 2 : 1;   /* past U+FFFF: a surrogate pair */
    return k;
}

int lsp_units_of_bytes(const char *line, int n, int bytes, PosEncoding enc)
{
    int units = 0, u;
    if (bytes > n) bytes = n;
    for (int i = 0; i < bytes; ) {
        i += char_at(line, n, i, enc, &u);
        units += u;
    }
    return units;
}

int lsp_bytes_of_units(const char *line, int n, int units, PosEncoding enc)
{
    int i = 0, u, seen = 0;
    while (i < n) {
        int k = char_at(line, n, i, enc, &u);
        if (seen + u > units) break;
        seen += u;
        i += k;
    }
    return i;
}

/* ---- the server ---- */

struct LspServer {
    FILE *in, *out;
    int initialized, shut_down, exited, write_failed;
    PosEncoding enc;
    Date today;
    LspDoc **docs;
    int ndocs;
};

json_t *lsp_string(const char *text)
{
    json_t *s = json_string(text);
    if (s) return s;
    char *copy = xstrdup(text);
    size_t n = strlen(copy);
    for (size_t i = 0; i < n; ) {
        int k = utf8_char_len((unsigned char *)copy + i, n - i);
        if (k == 0) { copy[i] = '?'; k = 1; }
        i += (size_t)k;
    }
    s = json_string(copy);
    free(copy);
    return s;
}

static void send_message(LspServer *s, json_t *msg)
{
    json_object_set_new(msg, "jsonrpc", json_string("2.0"));
    char *text = json_dumps(msg, JSON_COMPACT);
    json_decref(msg);
    if (!text || lsp_write_frame(s->out, text, strlen(text)) < 0) s->write_failed = 1;
    free(text);
}

static void send_result(LspServer *s, json_t *id, json_t *result)
{
    json_t *msg = json_object();
    json_object_set(msg, "id", id);
    json_object_set_new(msg, "result", result);
    send_message(s, msg);
}

static void send_error(LspServer *s, json_t *id, int code, const char *message)
{
    json_t *msg = json_object(), *err = json_object();
    json_object_set(msg, "id", id ? id : json_null());
    json_object_set_new(err, "code", json_integer(code));
    json_object_set_new(err, "message", lsp_string(message));
    json_object_set_new(msg, "error", err);
    send_message(s, msg);
}

static void send_notification(LspServer *s, const char *method, json_t *params)
{
    json_t *msg = json_object();
    json_object_set_new(msg, "method", json_string(method));
    json_object_set_new(msg, "params", params);
    send_message(s, msg);
}

/* ---- URIs ---- */

static int hex_value(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The path a file: URI names (on this machine), or NULL: another scheme,
 * another host, or an escape that is not one (or a NUL byte). */
static char *path_of_uri(const char *uri)
{
    if (strncmp(uri, "file://", 7) != 0) return NULL;
    const char *p = uri + 7;
    if (strncmp(p, "localhost/", 10) == 0) p += 9;
    if (*p != '/') return NULL;
    size_t n = strlen(p);
    char *path = xmalloc(n + 1), *o = path;
    for (; *p; p++) {
        if (*p != '%') { *o++ = *p; continue; }
        int hi = hex_value(p[1]), lo = hi < 0 ? -1 : hex_value(p[2]);
        if (lo < 0 || (hi == 0 && lo == 0)) { free(path); return NULL; }
        *o++ = (char)(hi * 16 + lo);
        p += 2;
    }
    *o = '\0';
    return path;
}

/* A file: URI for a path (made absolute), with every byte but the
 * unreserved ones and '/' escaped. */
static char *uri_of_path(const char *path)
{
    char real[PATH_MAX], cwd[PATH_MAX];
    const char *abs = path;
    char *joined = NULL;
    if (realpath(path, real)) abs = real;
    else if (path[0] != '/' && getcwd(cwd, sizeof cwd)) {
        joined = xmalloc(strlen(cwd) + strlen(path) + 2);
        sprintf(joined, "%s/%s", cwd, path);
        abs = joined;
    }
    size_t n = strlen(abs);
    char *uri = xmalloc(7 + 3 * n + 1), *o = uri;
    o += sprintf(o, "file://");
    for (const unsigned char *p = (const unsigned char *)abs; *p; p++) {
        if (isalnum(*p) || strchr("/-._~", *p)) *o++ = (char)*p;
        else o += sprintf(o, "%%%02X", *p);
    }
    *o = '\0';
    free(joined);
    return uri;
}

/* ---- documents ---- */

static LspDoc *find_doc(const LspServer *s, const char *uri)
{
    for (int i = 0; i < s->ndocs; i++)
        if (strcmp(s->docs[i]->uri, uri) == 0) return s->docs[i];
    return NULL;
}

/* The open document whose file is at a real path, if any. */
static LspDoc *doc_of_real(const LspServer *s, const char *real)
{
    for (int i = 0; i < s->ndocs; i++)
        if (s->docs[i]->real && strcmp(s->docs[i]->real, real) == 0) return s->docs[i];
    return NULL;
}

static void forget_world(LspDoc *d)
{
    load_result_free(&d->lr);
    diag_free(&d->diag);
    for (int i = 0; i < d->ndeps; i++) free(d->deps[i]);
    d->ndeps = 0;
}

static void free_doc(LspDoc *d)
{
    forget_world(d);
    free(d->deps);
    free(d->uri);
    free(d->path);
    free(d->real);
    free(d->text);
    json_decref(d->version);
    free(d);
}

Date lsp_today(const LspServer *s) { return s->today; }

const World *lsp_doc_world(const LspDoc *d)
{
    return d->lr.world ? d->lr.world : d->lr.failed;
}

const Source *lsp_doc_source(const LspDoc *d)
{
    const World *w = lsp_doc_world(d);
    /* the document is the world's only input, so its source comes first */
    return w && w->sources.n > 0 ? w->sources.items[0] : NULL;
}

/* While a document's world loads: the files read, and the open documents'
 * texts instead of their files. */
typedef struct Loading { LspServer *server; LspDoc *doc; } Loading;

static const char *overlay_text(void *ctx, const char *real, size_t *len)
{
    Loading *l = ctx;
    LspDoc *d = l->doc;
    if (d->ndeps == d->deps_cap) {
        d->deps_cap = d->deps_cap ? 2 * d->deps_cap : 8;
        d->deps = xrealloc(d->deps, (size_t)d->deps_cap * sizeof *d->deps);
    }
    d->deps[d->ndeps++] = xstrdup(real);
    const LspDoc *open = doc_of_real(l->server, real);
    if (!open) return NULL;
    *len = open->len;
    return open->text;
}

/* Loads the document's world from its text, as `treaty check` would load
 * the file (a document not on disk is loaded as a text by its URI). */
static void load_doc(LspServer *s, LspDoc *d)
{
    forget_world(d);
    free(d->real);
    char real[PATH_MAX];
    d->real = d->path && realpath(d->path, real) ? xstrdup(real) : NULL;
    diag_init(&d->diag, NULL, 0);
    Loading loading = { s, d };
    LoadOverlay overlay = { overlay_text, &loading };
    /* a file not saved yet is a text, named by its path, importing from its folder */
    char *dir = !d->real && d->path ? xstrdup(d->path) : NULL;
    if (dir) *strrchr(dir, '/') = '\0';
    LoadInput in = { d->path ? d->path : d->uri, d->real ? NULL : d->text, d->len, 0, dir && *dir ? dir : dir ? "/" : NULL };
    d->lr = load_world_overlay(&in, 1, &overlay, &d->diag);
    free(dir);
    d->stale = 0;
}

/* ---- diagnostics ---- */

static void publish_diagnostics(LspServer *s, const LspDoc *d)
{
    json_t *params = json_object();
    json_object_set_new(params, "uri", json_string(d->uri));
    if (d->version) json_object_set(params, "version", d->version);
    json_object_set_new(params, "diagnostics", lsp_diagnostics(s, d));
    send_notification(s, "textDocument/publishDiagnostics", params);
}

static int reads_file(const LspDoc *d, const char *real)
{
    for (int i = 0; i < d->ndeps; i++)
        if (strcmp(d->deps[i], real) == 0) return 1;
    return 0;
}

/* The document's text changed (or it closed): load it again, and every
 * other open document whose world read its file. */
static void text_changed(LspServer *s, LspDoc *changed)
{
    if (changed) {
        load_doc(s, changed);
        publish_diagnostics(s, changed);
    }
    for (int i = 0; i < s->ndocs; i++) {
        LspDoc *d = s->docs[i];
        if (d == changed) continue;
        if (changed ? changed->real && reads_file(d, changed->real) : d->stale) {
            load_doc(s, d);
            publish_diagnostics(s, d);
        }
    }
}

/* ---- positions in the answers ---- */

json_t *lsp_range(const LspServer *s, Loc loc)
{
    int n, line = loc_line(loc), end_line = loc_end_line(loc) >= line ? loc_end_line(loc) : line;
    const char *text;
    int start = 0, end = 0;
    if (loc.src && line >= 1 && line <= loc.src->nlines) {
        text = source_line(loc.src, line, &n);
        start = lsp_units_of_bytes(text, n, loc_col(loc) - 1, s->enc);
    }
    if (loc.src && end_line >= 1 && end_line <= loc.src->nlines) {
        text = source_line(loc.src, end_line, &n);
        /* end_col is the span's last byte: the end is just past it */
        end = lsp_units_of_bytes(text, n, loc_end_col(loc), s->enc);
    }
    if (end_line == line && end < start) end = start;
    return json_pack("{s:{s:i,s:i},s:{s:i,s:i}}", "start", "line", line > 0 ? line - 1 : 0, "character", start,
                     "end", "line", end_line > 0 ? end_line - 1 : 0, "character", end);
}

json_t *lsp_location(const LspServer *s, const LspDoc *d, Loc loc)
{
    json_t *j = json_object();
    if (!loc.src || loc.src == lsp_doc_source(d)) json_object_set_new(j, "uri", json_string(d->uri));
    else {
        char real[PATH_MAX];
        const LspDoc *open = realpath(loc.src->path, real) ? doc_of_real(s, real) : NULL;
        if (open) json_object_set_new(j, "uri", json_string(open->uri));
        else {
            char *uri = uri_of_path(loc.src->path);
            json_object_set_new(j, "uri", lsp_string(uri));
            free(uri);
        }
    }
    json_object_set_new(j, "range", lsp_range(s, loc));
    return j;
}

int lsp_byte_column(const LspServer *s, const Source *src, int line, int character)
{
    if (!src || line < 0 || line >= src->nlines) return -1;
    int n;
    const char *text = source_line(src, line + 1, &n);
    return lsp_bytes_of_units(text, n, character, s->enc);
}

/* ---- the methods ---- */

/* What a handler answers: a result, or an error code and message. */
typedef struct Reply { json_t *result; int code; const char *message; } Reply;

static Reply fail(int code, const char *message) { Reply r = { NULL, code, message }; return r; }
static Reply ok(json_t *result) { Reply r = { result, 0, NULL }; return r; }

static const char *get_string(json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

/* The open document that params.textDocument.uri names, loaded again if
 * a file it reads has changed. */
static LspDoc *param_doc(LspServer *s, json_t *params)
{
    const char *uri = get_string(json_object_get(params, "textDocument"), "uri");
    LspDoc *d = uri ? find_doc(s, uri) : NULL;
    if (d && d->stale) { load_doc(s, d); publish_diagnostics(s, d); }
    return d;
}

/* params.position, as line and character; -1 if missing. */
static int param_position(json_t *params, int *line, int *character)
{
    json_t *pos = json_object_get(params, "position");
    json_t *l = json_object_get(pos, "line"), *c = json_object_get(pos, "character");
    if (!json_is_integer(l) || !json_is_integer(c)) return -1;
    json_int_t lv = json_integer_value(l), cv = json_integer_value(c);
    if (lv < 0 || cv < 0 || lv > INT_MAX || cv > INT_MAX) return -1;
    *line = (int)lv;
    *character = (int)cv;
    return 0;
}

static int has_utf8_encoding(json_t *params)
{
    json_t *list = json_object_get(json_object_get(json_object_get(params, "capabilities"), "general"),
                                   "positionEncodings");
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v)
        if (json_is_string(v) && strcmp(json_string_value(v), "utf-8") == 0) return 1;
    return 0;
}

/* What the server can do, declared only as far as it does it.  (A method
 * is added in three places: its handler, its row in `methods`, and its
 * capability here.) */
static json_t *capabilities(const LspServer *s)
{
    return json_pack("{s:s,s:{s:b,s:i},s:b,s:b,s:b,s:{s:b},s:b,s:b}",
                     "positionEncoding", s->enc == POS_UTF8 ? "utf-8" : "utf-16",
                     "textDocumentSync", "openClose", 1, "change", 1,   /* 1: the whole text on each change */
                     "hoverProvider", 1, "definitionProvider", 1, "referencesProvider", 1,
                     "completionProvider", "resolveProvider", 0,
                     "documentSymbolProvider", 1, "documentFormattingProvider", 1);
}

static Reply on_initialize(LspServer *s, json_t *params)
{
    if (s->initialized) return fail(RPC_INVALID_REQUEST, "initialize was already sent");
    s->initialized = 1;
    s->enc = has_utf8_encoding(params) ? POS_UTF8 : POS_UTF16;
    return ok(json_pack("{s:o,s:{s:s,s:s}}", "capabilities", capabilities(s),
                        "serverInfo", "name", "treaty", "version", TREATY_VERSION));
}

static Reply on_shutdown(LspServer *s, json_t *params)
{
    (void)params;
    s->shut_down = 1;
    return ok(json_null());
}

static Reply on_exit(LspServer *s, json_t *params)
{
    (void)params;
    s->exited = 1;
    return ok(NULL);
}

static Reply on_initialized(LspServer *s, json_t *params)
{
    (void)s, (void)params;
    return ok(NULL);
}

/* The client's version of the text: an integer, or none. */
static void set_version(LspDoc *d, json_t *version)
{
    json_decref(d->version);
    d->version = json_is_integer(version) ? json_incref(version) : NULL;
}

static Reply on_did_open(LspServer *s, json_t *params)
{
    json_t *td = json_object_get(params, "textDocument");
    const char *uri = get_string(td, "uri"), *text = get_string(td, "text");
    if (!uri || !text) return ok(NULL);
    LspDoc *d = find_doc(s, uri);
    if (!d) {
        if (s->ndocs >= LSP_MAX_DOCUMENTS) {
            send_notification(s, "window/showMessage",
                              json_pack("{s:i,s:s}", "type", 1, "message", "treaty: too many open documents"));
            return ok(NULL);
        }
        d = xcalloc(1, sizeof *d);
        d->uri = xstrdup(uri);
        d->path = path_of_uri(uri);
        s->docs = xrealloc(s->docs, (size_t)(s->ndocs + 1) * sizeof *s->docs);
        s->docs[s->ndocs++] = d;
    }
    free(d->text);
    d->len = json_string_length(json_object_get(td, "text"));
    d->text = xmalloc(d->len + 1);
    memcpy(d->text, text, d->len + 1);
    set_version(d, json_object_get(td, "version"));
    text_changed(s, d);
    return ok(NULL);
}

/* The byte offset in a text of an LSP position (clamped to the text). */
static size_t text_offset(const LspServer *s, const char *text, size_t len, json_t *pos)
{
    json_int_t line = json_integer_value(json_object_get(pos, "line"));
    json_int_t character = json_integer_value(json_object_get(pos, "character"));
    size_t at = 0;
    for (json_int_t l = 0; l < line && at < len; l++) {
        const char *nl = memchr(text + at, '\n', len - at);
        at = nl ? (size_t)(nl - text) + 1 : len;
    }
    const char *nl = memchr(text + at, '\n', len - at);
    size_t end = nl ? (size_t)(nl - text) : len;
    int units = character > INT_MAX ? INT_MAX : character < 0 ? 0 : (int)character;
    return at + (size_t)lsp_bytes_of_units(text + at, (int)(end - at > INT_MAX ? INT_MAX : end - at), units, s->enc);
}

/* One change: the whole text, or (from a client that sends ranges even so)
 * a range replaced. */
static void apply_change(const LspServer *s, LspDoc *d, json_t *change)
{
    json_t *text = json_object_get(change, "text"), *range = json_object_get(change, "range");
    if (!json_is_string(text)) return;
    const char *add = json_string_value(text);
    size_t add_len = json_string_length(text), from = 0, to = d->len;
    if (json_is_object(range)) {
        from = text_offset(s, d->text, d->len, json_object_get(range, "start"));
        to = text_offset(s, d->text, d->len, json_object_get(range, "end"));
        if (to < from) to = from;
    }
    size_t len = from + add_len + (d->len - to);
    if (len > LSP_MAX_MESSAGE) return;
    char *next = xmalloc(len + 1);
    memcpy(next, d->text, from);
    memcpy(next + from, add, add_len);
    memcpy(next + from + add_len, d->text + to, d->len - to);
    next[len] = '\0';
    free(d->text);
    d->text = next;
    d->len = len;
}

static Reply on_did_change(LspServer *s, json_t *params)
{
    LspDoc *d = param_doc(s, params);
    json_t *changes = json_object_get(params, "contentChanges"), *change;
    if (!d || !json_is_array(changes)) return ok(NULL);
    size_t i;
    json_array_foreach(changes, i, change) apply_change(s, d, change);
    set_version(d, json_object_get(json_object_get(params, "textDocument"), "version"));
    text_changed(s, d);
    return ok(NULL);
}

static Reply on_did_close(LspServer *s, json_t *params)
{
    LspDoc *d = param_doc(s, params);
    if (!d) return ok(NULL);
    /* its diagnostics go with it; the documents that read its file read
     * the disk again */
    json_t *cleared = json_pack("{s:s,s:[]}", "uri", d->uri, "diagnostics");
    for (int i = 0; i < s->ndocs; i++) {
        if (s->docs[i] == d) { s->docs[i] = s->docs[--s->ndocs]; continue; }
        if (d->real && reads_file(s->docs[i], d->real)) s->docs[i]->stale = 1;
    }
    free_doc(d);
    send_notification(s, "textDocument/publishDiagnostics", cleared);
    text_changed(s, NULL);
    return ok(NULL);
}

/* The requests about a place in a document. */
typedef json_t *(*PlaceAnswer)(const LspServer *, const LspDoc *, int, int);

static Reply at_place(LspServer *s, json_t *params, PlaceAnswer answer)
{
    LspDoc *d = param_doc(s, params);
    int line, character;
    if (!d) return fail(RPC_INVALID_PARAMS, "the document is not open");
    if (param_position(params, &line, &character) < 0) return fail(RPC_INVALID_PARAMS, "position is missing or invalid");
    return ok(answer(s, d, line, character));
}

static Reply on_hover(LspServer *s, json_t *params) { return at_place(s, params, lsp_hover); }
static Reply on_definition(LspServer *s, json_t *params) { return at_place(s, params, lsp_definition); }
static Reply on_completion(LspServer *s, json_t *params) { return at_place(s, params, lsp_completion); }

static Reply on_references(LspServer *s, json_t *params)
{
    LspDoc *d = param_doc(s, params);
    int line, character;
    if (!d) return fail(RPC_INVALID_PARAMS, "the document is not open");
    if (param_position(params, &line, &character) < 0) return fail(RPC_INVALID_PARAMS, "position is missing or invalid");
    int with_decl = json_is_true(json_object_get(json_object_get(params, "context"), "includeDeclaration"));
    return ok(lsp_references(s, d, line, character, with_decl));
}

static Reply on_document_symbol(LspServer *s, json_t *params)
{
    LspDoc *d = param_doc(s, params);
    if (!d) return fail(RPC_INVALID_PARAMS, "the document is not open");
    return ok(lsp_document_symbols(s, d));
}

/* textDocument/formatting: the text as `treaty fmt` lays it out, as one
 * edit over the whole document; no edit when it is already so laid out;
 * null when it does not parse (its diagnostics say why). */
static Reply on_formatting(LspServer *s, json_t *params)
{
    LspDoc *d = param_doc(s, params);
    if (!d) return fail(RPC_INVALID_PARAMS, "the document is not open");
    Arena a;
    arena_init(&a);
    Diag quiet;
    diag_init(&quiet, NULL, 0);                 /* the errors are the diagnostics already published */
    FormatBuf out = { 0 };
    json_t *result;
    if (!format_text(&a, d->path ? d->path : d->uri, d->text, d->len, &out, &quiet)) result = json_null();
    else if (out.len == d->len && memcmp(out.text, d->text, d->len) == 0) result = json_array();
    else {
        int lines = 0;                          /* the end of the old text: its last line and column */
        const char *last = d->text;
        for (const char *p = memchr(d->text, '\n', d->len); p; p = memchr(p + 1, '\n', d->len - (size_t)(p + 1 - d->text))) {
            lines++;
            last = p + 1;
        }
        int tail = (int)(d->len - (size_t)(last - d->text));
        json_t *edit = json_pack("{s:{s:{s:i,s:i},s:{s:i,s:i}},s:o}", "range", "start", "line", 0, "character", 0,
                                 "end", "line", lines, "character", lsp_units_of_bytes(last, tail, tail, s->enc),
                                 "newText", lsp_string(out.text));
        result = json_pack("[o]", edit);
    }
    format_buf_free(&out);
    diag_free(&quiet);
    arena_free(&a);
    return ok(result);
}

typedef struct Method {
    const char *name;
    int request;                       /* answered (else a notification) */
    Reply (*handle)(LspServer *, json_t *);
} Method;

static const Method methods[] = {
    { "initialize", 1, on_initialize },
    { "initialized", 0, on_initialized },
    { "shutdown", 1, on_shutdown },
    { "exit", 0, on_exit },
    { "textDocument/didOpen", 0, on_did_open },
    { "textDocument/didChange", 0, on_did_change },
    { "textDocument/didClose", 0, on_did_close },
    { "textDocument/hover", 1, on_hover },
    { "textDocument/definition", 1, on_definition },
    { "textDocument/references", 1, on_references },
    { "textDocument/completion", 1, on_completion },
    { "textDocument/documentSymbol", 1, on_document_symbol },
    { "textDocument/formatting", 1, on_formatting },
};

static const Method *find_method(const char *name)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strcmp(methods[i].name, name) == 0) return &methods[i];
    return NULL;
}

/* One message that parsed as JSON. */
static void handle_message(LspServer *s, json_t *msg)
{
    json_t *id = json_object_get(msg, "id"), *method_j = json_object_get(msg, "method");
    if (!json_is_object(msg) || (id && !json_is_integer(id) && !json_is_string(id))) {
        send_error(s, NULL, RPC_INVALID_REQUEST, "not a JSON-RPC request or notification");
        return;
    }
    if (!method_j) {
        /* a response to a request of ours: the server sends none that wait for one */
        if (!id) send_error(s, NULL, RPC_INVALID_REQUEST, "message has no method");
        return;
    }
    const char *name = json_string_value(method_j);
    if (!name) { send_error(s, id, RPC_INVALID_REQUEST, "method is not a string"); return; }
    const Method *m = find_method(name);
    if (!id) {
        /* a notification is never answered, not even when unknown or early */
        if (m && !m->request && (s->initialized || strcmp(name, "exit") == 0)) m->handle(s, json_object_get(msg, "params"));
        return;
    }
    if (!s->initialized && strcmp(name, "initialize") != 0) {
        send_error(s, id, RPC_SERVER_NOT_INITIALIZED, "the server is not initialized");
        return;
    }
    if (s->shut_down) { send_error(s, id, RPC_INVALID_REQUEST, "the server is shut down"); return; }
    if (!m || !m->request) { send_error(s, id, RPC_METHOD_NOT_FOUND, "method not found"); return; }
    json_t *params = json_object_get(msg, "params");
    if (params && !json_is_object(params) && !json_is_array(params)) {
        send_error(s, id, RPC_INVALID_PARAMS, "params must be an object");
        return;
    }
    Reply r = m->handle(s, params);
    if (r.message) send_error(s, id, r.code, r.message);
    else send_result(s, id, r.result ? r.result : json_null());
}

static void handle_body(LspServer *s, const char *body, size_t len)
{
    json_error_t err;
    json_t *msg = json_loadb(body, len, 0, &err);
    if (!msg) {
        char why[256];
        snprintf(why, sizeof why, "invalid JSON: %s (byte %d)", err.text, err.position);
        send_error(s, NULL, RPC_PARSE_ERROR, why);
        return;
    }
    handle_message(s, msg);
    json_decref(msg);
}

int lsp_serve(FILE *in, FILE *out, Date today)
{
    LspServer s;
    memset(&s, 0, sizeof s);
    s.today = today;
    s.in = in;
    s.out = out;
    lexer_index_keywords();
    while (!s.exited && !s.write_failed) {
        char *body;
        size_t len;
        const char *why;
        FrameStatus st = lsp_read_frame(in, &body, &len, &why);
        if (st == FRAME_EOF) break;
        if (st == FRAME_BAD) send_error(&s, NULL, RPC_PARSE_ERROR, why);
        else handle_body(&s, body, len);
        free(body);
    }
    for (int i = 0; i < s.ndocs; i++) free_doc(s.docs[i]);
    free(s.docs);
    return s.exited && s.shut_down ? 0 : 1;
}
