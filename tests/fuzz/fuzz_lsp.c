/* fuzz_lsp.c — libFuzzer target: the language server (`treaty lsp`) on any
 * bytes, twice: as what it reads (frames, headers, lengths, JSON), and as
 * the text of a document that a fixed session opens, changes and asks
 * about at places the bytes choose (hover, definition, references,
 * completion, symbols). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "lsp_lang.h"

static FILE *sink;

static void serve(const char *bytes, size_t n)
{
    /* fmemopen() wants at least one byte */
    FILE *in = fmemopen((void *)(n ? bytes : "\n"), n ? n : 1, "r");
    if (!in) return;
    lsp_serve(in, sink, 20240601);
    fclose(in);
}

static void frame(FILE *out, json_t *message)
{
    json_object_set_new(message, "jsonrpc", json_string("2.0"));
    char *body = json_dumps(message, JSON_COMPACT);
    json_decref(message);
    if (body) lsp_write_frame(out, body, strlen(body));
    free(body);
}

static json_t *at(int line, int character)
{
    return json_pack("{s:{s:s},s:{s:i,s:i},s:{s:b}}", "textDocument", "uri", "untitled:fuzz",
                     "position", "line", line, "character", character, "context", "includeDeclaration", 1);
}

/* The session: the bytes are the document's text (NUL bytes, which JSON
 * strings may not hold, as spaces); the first bytes choose the places. */
static void session(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    for (size_t i = 0; i < size; i++) text[i] = data[i] ? (char)data[i] : ' ';
    text[size] = '\0';
    char *bytes = NULL;
    size_t n = 0;
    FILE *out = open_memstream(&bytes, &n);
    frame(out, json_pack("{s:i,s:s,s:{s:{}}}", "id", 1, "method", "initialize", "params", "capabilities"));
    frame(out, json_pack("{s:s,s:{s:{s:s,s:s,s:i,s:o}}}", "method", "textDocument/didOpen", "params",
                         "textDocument", "uri", "untitled:fuzz", "languageId", "treaty", "version", 1,
                         "text", lsp_string(text)));
    static const char *const asks[] = { "textDocument/hover", "textDocument/definition", "textDocument/references",
                                        "textDocument/completion" };
    for (int k = 0; k < 8; k++) {
        int line = size > (size_t)k ? data[k] % 12 : 0, character = size > (size_t)k + 8 ? data[k + 8] % 90 : k;
        frame(out, json_pack("{s:i,s:s,s:o}", "id", 10 + k, "method", asks[k % 4], "params", at(line, character)));
    }
    frame(out, json_pack("{s:i,s:s,s:{s:{s:s}}}", "id", 20, "method", "textDocument/documentSymbol", "params",
                         "textDocument", "uri", "untitled:fuzz"));
    /* a ranged change the bytes place, then the questions again */
    json_t *range = json_pack("{s:{s:i,s:i},s:{s:i,s:i}}", "start", "line", size > 16 ? data[16] % 12 : 0,
                              "character", size > 17 ? data[17] % 90 : 0, "end", "line", size > 18 ? data[18] % 12 : 0,
                              "character", size > 19 ? data[19] % 90 : 0);
    frame(out, json_pack("{s:s,s:{s:{s:s,s:i},s:[{s:o,s:s}]}}", "method", "textDocument/didChange", "params",
                         "textDocument", "uri", "untitled:fuzz", "version", 2, "contentChanges", "range", range,
                         "text", "x"));
    for (int k = 0; k < 4; k++)
        frame(out, json_pack("{s:i,s:s,s:o}", "id", 30 + k, "method", asks[k], "params", at(k, 3 * k)));
    frame(out, json_pack("{s:i,s:s}", "id", 40, "method", "shutdown"));
    frame(out, json_pack("{s:s}", "method", "exit"));
    fclose(out);
    serve(bytes, n);
    free(bytes);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!sink) sink = fopen("/dev/null", "w");
    serve((const char *)data, size);
    session(data, size);
    return 0;
}
