/* parse.c — runs the scanner and the grammar over one source. */
#include "parse.h"
#include "parser.h"
#include <stdlib.h>
#include <string.h>

typedef void *yyscan_t;
int  treaty_yylex_init_extra(ParseCtx *extra, yyscan_t *scanner);
int  treaty_yylex_destroy(yyscan_t scanner);
void *treaty_yy_scan_buffer(char *base, size_t size, yyscan_t scanner);

Program *parse_source(const Source *src, ParseMode mode, Arena *arena,
                      Interner *names, Diag *diag)
{
    Program *prog = arena_alloc(arena, sizeof *prog);
    prog->src = src;
    ParseCtx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.arena = arena;
    ctx.names = names;
    ctx.diag = diag;
    ctx.src = src;
    ctx.prog = prog;
    ctx.start_token = mode == PARSE_QUERY ? START_QUERY : mode == PARSE_REPL ? START_REPL : START_FILE;
    ctx.line = 1;
    ctx.repl = mode == PARSE_REPL;
    ctx.col = 1;
    lexer_index_keywords(&ctx);

    /* flex scans a buffer that ends in two NULs, and writes a NUL after
     * each token while its action runs: it gets a copy of its own, so the
     * source's text stays whole for the excerpts of diagnostics made meanwhile */
    char *text = xmalloc(src->len + 2);
    memcpy(text, src->text, src->len);
    text[src->len] = text[src->len + 1] = '\0';
    yyscan_t scanner;
    if (treaty_yylex_init_extra(&ctx, &scanner) != 0) { free(text); return NULL; }
    treaty_yy_scan_buffer(text, src->len + 2, scanner);
    treaty_yyparse(scanner, &ctx);
    treaty_yylex_destroy(scanner);
    free(text);
    free(ctx.buf);
    return prog;
}
